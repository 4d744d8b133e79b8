import type { Component } from 'vue'
import { afterEach, describe } from 'vitest'
import { cleanup, render } from '@testing-library/vue'
import { configure } from '@testing-library/dom'
import { AuthPage, authPlugin, MagicLinkLanding, SignInUp, ThirdPartyCallback } from 'authfront/vue'
import { recipeContracts } from '../contract'
import type { RecipeComponent, RecipeContractRender } from '../contract'

afterEach(() => cleanup())

// @testing-library/react waits one macrotask after every user-event call (its `asyncWrapper`), and two cases of the
// shared suite read the mock backend's outbox right after the click that sends the code. Without the same wait the
// Vue run reads it before the request arrives. The suite should wait for the code screen instead (reported).
configure({
  asyncWrapper: async (run) => {
    const result = await run()
    await new Promise((resolve) => setTimeout(resolve, 0))
    return result
  },
})

const components: Record<RecipeComponent, Component> = { SignInUp, ThirdPartyCallback, MagicLinkLanding, AuthPage }

let apps = 0

const renderRecipes: RecipeContractRender = async ({ component, client, props }) => {
  const result = render(components[component], {
    props,
    // Each render is its own Vue app; apps sharing a page set `idPrefix` so their `useId`s differ (Vue's advice).
    global: { plugins: [[authPlugin, { client }]], config: { idPrefix: `recipes${++apps}` } },
  })
  return { container: result.container as HTMLElement, unmount: () => result.unmount() }
}

describe('Vue recipe screens', () => recipeContracts(renderRecipes))
