import { h } from 'vue'
import type { Component } from 'vue'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/vue'
import { authPlugin, EmailVerification, ResetPassword, SessionAuth, SignInUp } from 'authfront/vue'
import { runContracts } from '../contract'
import type { ContractComponent, ContractRender } from '../contract'

afterEach(() => cleanup())

const components: Record<ContractComponent, Component> = { SignInUp, ResetPassword, EmailVerification, SessionAuth }

let apps = 0

const renderVue: ContractRender = async ({ component, client, props, slots }) => {
  const given = Object.entries({
    default: slots?.children,
    fallback: slots?.fallback,
    accessDenied: slots?.accessDenied,
  })
  const withClaims = slots?.accessDeniedClaims
  const result = render(components[component], {
    props,
    slots: {
      ...Object.fromEntries(given.flatMap(([name, text]) => (text === undefined ? [] : [[name, () => h('p', text)]]))),
      ...(withClaims !== undefined && {
        accessDenied: ({ invalidClaims }: { invalidClaims: { id: string }[] }) =>
          h('p', `${withClaims}: ${invalidClaims.map((claim) => claim.id).join(', ')}`),
      }),
    },
    // Each render is its own Vue app; apps sharing a page set `idPrefix` so their `useId`s differ (Vue's advice).
    global: { plugins: [[authPlugin, { client }]], config: { idPrefix: `app${++apps}` } },
  })
  return { container: result.container as HTMLElement, unmount: () => result.unmount() }
}

describe('Vue bindings', () => runContracts(renderVue))
