import type { Component } from 'vue'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/vue'
import { configure } from '@testing-library/dom'
import { AuthPage, authPlugin, MfaSettings } from 'authfront/vue'
import { mfaContracts } from '../contract'
import type { MfaComponent, MfaContractRender } from '../contract'

afterEach(() => cleanup())

// As in recipes.contract.test.ts: each user-event call ends one macrotask later, like @testing-library/react's.
configure({
  asyncWrapper: async (run) => {
    const result = await run()
    await new Promise((resolve) => setTimeout(resolve, 0))
    return result
  },
})

const components: Record<MfaComponent, Component> = { AuthPage, MfaSettings }

let apps = 0

const renderMfa: MfaContractRender = async ({ component, client, props }) => {
  const result = render(components[component], {
    props,
    global: { plugins: [[authPlugin, { client }]], config: { idPrefix: `mfa${++apps}` } },
  })
  return { container: result.container as HTMLElement, unmount: () => result.unmount() }
}

describe('Vue second-factor screens', () => mfaContracts(renderMfa))
