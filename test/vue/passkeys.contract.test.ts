import type { Component } from 'vue'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/vue'
import { configure } from '@testing-library/dom'
import { AuthPage, authPlugin, PasskeySettings, SignInUp } from 'authfront/vue'
import { passkeyContracts } from '../contract/passkeys.contract'
import type { PasskeyComponent, PasskeyContractRender } from '../contract/passkeys.contract'

afterEach(() => cleanup())

// As in recipes.contract.test.ts: one macrotask after each user-event call, as @testing-library/react waits.
configure({
  asyncWrapper: async (run) => {
    const result = await run()
    await new Promise((resolve) => setTimeout(resolve, 0))
    return result
  },
})

const components: Record<PasskeyComponent, Component> = { SignInUp, AuthPage, PasskeySettings }

let apps = 0

const renderPasskeys: PasskeyContractRender = async ({ component, client, props }) => {
  const result = render(components[component], {
    props,
    global: { plugins: [[authPlugin, { client }]], config: { idPrefix: `passkeys${++apps}` } },
  })
  return { container: result.container as HTMLElement, unmount: () => result.unmount() }
}

describe('Vue passkey screens', () => passkeyContracts(renderPasskeys))
