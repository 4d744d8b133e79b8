import { createApp, defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { NavigationGuardWithThis } from 'vue-router'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryStorage } from 'authfront'
import { authPlugin, createSessionGuard, sessionGuard } from 'authfront/vue'
import { ADA, createCase, useContractServer } from '../contract'
import type { CaseOptions } from '../contract/harness'

const Page = (name: string) => defineComponent(() => () => h('p', name))
const unmounts: (() => void)[] = []

beforeEach(() => sessionStorage.clear())
afterEach(() => {
  for (const unmount of unmounts.splice(0)) unmount()
})

/** A real app with the plugin and a memory-history router; `guard` protects /dashboard, or every route. */
async function setup(
  caseOptions: CaseOptions = {},
  guard: NavigationGuardWithThis<undefined> = sessionGuard,
  global = false,
  websiteBasePath?: string,
) {
  const created = await createCase(caseOptions)
  // Same backend, but a client with another websiteBasePath.
  const client =
    websiteBasePath === undefined
      ? created.client
      : createAuthClient({
          apiDomain: created.client.config.apiDomain,
          websiteBasePath,
          platform: { cookies: createMemoryCookieJar(), storage: createMemoryStorage(), broadcast: () => undefined },
        })
  const c = { ...created, client }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Page('home'), meta: { requireAuth: false } },
      { path: '/dashboard', component: Page('dashboard'), beforeEnter: global ? [] : guard },
      { path: '/auth', component: Page('sign in') },
      { path: '/auth/verify-email', component: Page('verify email') },
      { path: '/verify-email', component: Page('verify email at the root') },
    ],
  })
  if (global) router.beforeEach(guard)
  const app = createApp(() => h(RouterView))
    .use(router)
    .use(authPlugin, { client: c.client })
  const host = document.body.appendChild(document.createElement('div'))
  app.mount(host)
  unmounts.push(() => {
    app.unmount()
    host.remove()
  })
  await router.isReady()
  return { ...c, router, host }
}

const where = ({ router }: { router: ReturnType<typeof createRouter> }) => ({
  path: router.currentRoute.value.path,
  redirectToPath: router.currentRoute.value.query.redirectToPath,
})

describe('sessionGuard', () => {
  useContractServer()

  it('sends signed-out users to the auth page with redirectToPath', async () => {
    const c = await setup()
    await c.router.push('/dashboard?tab=2')
    expect(where(c)).toEqual({ path: '/auth', redirectToPath: '/dashboard?tab=2' })
    expect(c.host.textContent).toBe('sign in')
  })

  it('lets signed-in users through', async () => {
    const c = await setup({ signInAs: ADA })
    await c.router.push('/dashboard')
    expect(c.router.currentRoute.value.fullPath).toBe('/dashboard')
    expect(c.host.textContent).toBe('dashboard')
  })

  it('sends unverified users to verify-email when verification is required', async () => {
    const c = await setup({ signInAs: ADA, emailVerification: 'required' })
    await c.router.push('/dashboard')
    expect(where(c)).toEqual({ path: '/auth/verify-email', redirectToPath: '/dashboard' })
  })

  it('lets verified users through when verification is required', async () => {
    const c = await setup({ users: [{ ...ADA, verified: true }], signInAs: ADA, emailVerification: 'required' })
    await c.router.push('/dashboard')
    expect(c.router.currentRoute.value.fullPath).toBe('/dashboard')
  })

  it('cancels the navigation for a failed claim when the verify-email redirect is off', async () => {
    const c = await setup(
      { signInAs: ADA, emailVerification: 'required' },
      createSessionGuard({ redirectToVerifyEmail: false }),
    )
    await c.router.push('/')
    await c.router.push('/dashboard')
    expect(c.router.currentRoute.value.fullPath).toBe('/')
  })

  it('guards every route with beforeEach, except public routes and the auth pages', async () => {
    const c = await setup({}, sessionGuard, true)
    await c.router.push('/')
    expect(c.host.textContent).toBe('home')
    await c.router.push('/auth/verify-email')
    expect(c.router.currentRoute.value.fullPath).toBe('/auth/verify-email')
    await c.router.push('/dashboard')
    expect(where(c)).toEqual({ path: '/auth', redirectToPath: '/dashboard' })
  })

  it("with websiteBasePath '/' still guards app routes, and lets the prebuilt auth pages through", async () => {
    const c = await setup({}, sessionGuard, true, '/')
    await c.router.push('/verify-email')
    expect(c.router.currentRoute.value.path).toBe('/verify-email')
    await c.router.push('/dashboard')
    expect(where(c)).toEqual({ path: '/', redirectToPath: '/dashboard' })
  })
})
