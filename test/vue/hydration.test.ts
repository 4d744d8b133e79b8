/**
 * Server HTML equals the first client render at every URL a user lands on (email links, ?show=signup, provider
 * callbacks): rendered by `createSSRApp` + `renderToString`, then hydrated in the DOM with the URL in `location`.
 * The URL comes as props on both sides, from vue-router (as in Nuxt), or not at all (the browser reads `location`
 * once hydrated).
 */
import { createSSRApp, h } from 'vue'
import type { Component } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createMemoryHistory, createRouter } from 'vue-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStorage, passwordless, thirdParty } from 'authfront'
import { AuthPage, authPlugin, EmailVerification } from 'authfront/vue'
import { ADA, createCase, useContractServer } from '../contract'
import { HYDRATION_PAGES } from '../contract/hydrationPages'
import type { CaseOptions } from '../contract/harness'

const caseOptions = (): CaseOptions => ({
  emailVerification: 'optional',
  recipes: [
    thirdParty({ providers: ['google'], storage: createMemoryStorage() }),
    passwordless({ contactMethod: 'EMAIL' }),
  ],
})

type Source = 'props' | 'router' | 'location'

/** The same app for the server and the browser: AuthPage at `url`, with the URL given the `source` way. */
async function createPage(root: Component, url: string, source: Source, options: CaseOptions) {
  const c = await createCase(options)
  const { pathname, search } = new URL(url, 'https://app.test')
  const props = source === 'props' ? { pathname, search, url: `https://app.test${url}` } : {}
  const make = async () => {
    const app = createSSRApp({ render: () => h(root, { navigate: c.navigate, ...props }) })
    if (source === 'router') {
      const router = createRouter({
        history: createMemoryHistory(),
        routes: [{ path: '/:path(.*)*', component: { render: () => null } }],
      })
      app.use(router)
      await router.push(url)
      await router.isReady()
    }
    return app.use(authPlugin, { client: c.client })
  }
  return { c, make }
}

/** Hydrates `html` with `app` and returns what Vue warned or logged as an error meanwhile. */
async function hydrate(app: ReturnType<typeof createSSRApp>, html: string) {
  const container = document.body.appendChild(document.createElement('div'))
  container.innerHTML = html
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  app.mount(container)
  await new Promise((resolve) => setTimeout(resolve, 0))
  const logged = [...warn.mock.calls, ...error.mock.calls].map((call) => String(call[0]))
  warn.mockRestore()
  error.mockRestore()
  return { container, logged }
}

describe('hydration of the auth pages at their URLs', () => {
  useContractServer()
  afterEach(() => {
    window.history.replaceState(null, '', '/')
    document.body.innerHTML = ''
  })

  const sources: Source[] = ['props', 'router', 'location']

  it.each(
    HYDRATION_PAGES.flatMap(([name, url, after]) => sources.map((source) => [name, url, source, after] as const)),
  )(
    '%s (%s), URL from %s: no hydration mismatch, then the page of the URL, a token used once',
    async (_, url, source, after) => {
      const page = await createPage(AuthPage, url, source, caseOptions())
      const html = await renderToString(await page.make())
      window.history.replaceState(null, '', url)
      const { container, logged } = await hydrate(await page.make(), html)
      expect(logged).toEqual([])
      await vi.waitFor(() => expect(container.innerHTML).toMatch(after))
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(page.c.navigate).not.toHaveBeenCalled()
      expect(page.c.requestsTo('/user/email/verify', 'POST')).toHaveLength(url.includes('token=VERIFY') ? 1 : 0)
    },
  )

  it('starts only the flow of the URL: hydrating EmailVerification at ?token= signed in checks no verification status', async () => {
    const page = await createPage(EmailVerification, '/auth/verify-email?token=VERIFY', 'location', {
      ...caseOptions(),
      signInAs: ADA,
    })
    const html = await renderToString(await page.make())
    window.history.replaceState(null, '', '/auth/verify-email?token=VERIFY')
    const { container, logged } = await hydrate(await page.make(), html)
    expect(logged).toEqual([])
    await vi.waitFor(() => expect(container.innerHTML).toMatch(/data-af-screen="(success|invalidToken)"/))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(page.c.requestsTo('/user/email/verify', 'GET')).toEqual([])
    expect(page.c.requestsTo('/user/email/verify', 'POST')).toHaveLength(1)
  })
})
