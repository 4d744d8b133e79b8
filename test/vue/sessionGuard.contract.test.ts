import { createApp, h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { afterEach, describe, vi } from 'vitest'
import { authPlugin, createSessionGuard } from 'authfront/vue'
import { sessionGuardContract } from '../contract/sessionGuard.contract'
import type { GuardRun } from '../contract/sessionGuard.contract'

afterEach(() => vi.unstubAllGlobals())

const run: GuardRun = async ({ client, url, options = {}, isServer = false }) => {
  const { requireAuth, ...guardOptions } = options
  const guard = createSessionGuard(guardOptions)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', component: { render: () => null }, meta: { requireAuth } }],
  })
  const app = createApp(() => h('div'))
    .use(router)
    .use(authPlugin, { client })
  const to = router.resolve(url)
  // The guard knows server rendering the way an SSR bundle does: there is no `window`.
  if (isServer) vi.stubGlobal('window', undefined)
  try {
    const answer = await app.runWithContext(() =>
      guard.call(undefined, to as typeof router.currentRoute.value, router.currentRoute.value, () => undefined),
    )
    return typeof answer === 'string' || typeof answer === 'boolean' ? answer : String(answer)
  } finally {
    vi.unstubAllGlobals()
  }
}

describe('Vue sessionGuard', () => sessionGuardContract(run))
