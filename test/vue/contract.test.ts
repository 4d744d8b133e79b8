import { h } from 'vue'
import type { Component } from 'vue'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/vue'
import { authPlugin, EmailVerification, ResetPassword, SessionAuth, SignInUp } from 'authfront/vue'
import { runContracts } from '../contract'
import type { ContractComponent, ContractRender } from '../contract'

afterEach(() => cleanup())

const components: Record<ContractComponent, Component> = { SignInUp, ResetPassword, EmailVerification, SessionAuth }

const renderVue: ContractRender = async ({ component, client, props, slots }) => {
  const given = Object.entries({
    default: slots?.children,
    fallback: slots?.fallback,
    accessDenied: slots?.accessDenied,
  })
  const result = render(components[component], {
    props,
    slots: Object.fromEntries(
      given.flatMap(([name, text]) => (text === undefined ? [] : [[name, () => h('p', text)]])),
    ),
    global: { plugins: [[authPlugin, { client }]] },
  })
  return { container: result.container as HTMLElement, unmount: () => result.unmount() }
}

describe('Vue bindings', () => runContracts(renderVue))
