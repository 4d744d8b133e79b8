/**
 * The official session SDK's options as authfront config fields (issue 21 item 3): `shouldInterceptUrl`
 * (override.functions.shouldDoInterceptionBasedOnUrl), `autoAddCredentials` and `clockSkewMs` (its dateProvider).
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createMemoryStorage, isAuthError, isInterceptedUrl } from 'authfront'
import type { AuthConfig, AuthError } from 'authfront'
import { createFakeClock, createTab, createTestBackend, freshApiDomain } from './helpers'
import type { TestBackendOptions, TestClientOptions } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const ADA = { email: 'ada@example.com', password: 'secret123', id: 'uid-ada', verified: true }

function setup(client: Partial<AuthConfig> & TestClientOptions = {}, backendOptions: Partial<TestBackendOptions> = {}) {
  const clock = createFakeClock()
  const backend = createTestBackend({ apiDomain: freshApiDomain(), clock, users: [ADA], ...backendOptions })
  server.use(...backend.handlers)
  const tab = createTab(clock, { apiDomain: backend.apiDomain, tokenTransferMethod: 'header', ...client })
  const api = (path: string) => backend.apiDomain + path
  const signIn = async () => {
    expect((await tab.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })).status).toBe('OK')
    backend.requests.length = 0
  }
  const paths = () => backend.requests.map((r) => r.path)
  return { clock, backend, tab, api, signIn, paths }
}

describe('shouldInterceptUrl', () => {
  const noPublic = (url: string, apiDomain: string, sessionTokenBackendDomain: string | undefined) =>
    !url.includes('/public/') && isInterceptedUrl(url, { apiDomain, sessionTokenBackendDomain })

  test('a URL the rule excludes goes to fetch untouched: same init, no session headers, no credentials', async () => {
    const sent: [RequestInfo | URL, RequestInit | undefined][] = []
    const { tab, api, signIn } = setup({
      shouldInterceptUrl: noPublic,
      platform: { fetch: (input, init) => (sent.push([input, init]), globalThis.fetch(input, init)) },
    })
    await signIn()
    sent.length = 0
    const init = { headers: { accept: 'text/plain' } }
    await tab.client.doFetch(api('/public/echo'), init).catch(() => {})
    expect(sent).toHaveLength(1)
    expect(sent[0]![1]).toBe(init)
    expect(tab.client.shouldIntercept(api('/public/echo'))).toBe(false)
    // Everything else under the API keeps the session.
    expect((await tab.client.doFetch(api('/api/protected'))).status).toBe(200)
    expect(new Headers(sent[1]![1]!.headers).get('authorization')).toMatch(/^Bearer at\./)
    expect(tab.client.shouldIntercept(api('/api/protected'))).toBe(true)
  })

  test('the global fetch patch follows the rule too', async () => {
    const { tab, api, backend, signIn } = setup({ shouldInterceptUrl: noPublic, interceptGlobalFetch: true })
    const unmount = tab.client.mount()
    try {
      await signIn()
      await fetch(api('/public/echo')).catch(() => {})
      await fetch(api('/api/protected'))
      const [excluded, kept] = backend.requests
      expect(excluded?.headers['st-auth-mode']).toBeUndefined()
      expect(excluded?.headers.authorization).toBeUndefined()
      expect(kept?.headers.authorization).toMatch(/^Bearer at\./)
    } finally {
      unmount()
    }
  })

  test('it receives the absolute URL, apiDomain and sessionTokenBackendDomain, and may widen the rule', async () => {
    const calls: unknown[][] = []
    const { tab, api } = setup({
      sessionTokenBackendDomain: '.example.com',
      shouldInterceptUrl: (...args) => (calls.push(args), args[0].startsWith('http://app.test/')),
    })
    expect(tab.client.shouldIntercept('/orders?x=1')).toBe(true)
    expect(tab.client.shouldIntercept(api('/api/protected'))).toBe(false)
    expect(calls[0]).toEqual(['http://app.test/orders?x=1', tab.client.config.apiDomain, 'example.com'])
  })

  test('a rule that throws fails the call with AuthError kind config, its cause attached; nothing is sent', async () => {
    const boom = new Error('boom')
    const { tab, api, backend } = setup({
      shouldInterceptUrl: () => {
        throw boom
      },
    })
    const error = (await tab.client.doFetch(api('/api/protected')).catch((e: unknown) => e)) as AuthError
    expect(isAuthError(error) && error.kind).toBe('config')
    expect(error.message).toMatch(/shouldInterceptUrl/)
    expect(error.cause).toBe(boom)
    expect(() => tab.client.shouldIntercept(api('/x'))).toThrow(/shouldInterceptUrl/)
    expect(backend.requests).toHaveLength(0)
  })
})

describe('autoAddCredentials: false', () => {
  test('header mode across origins still works (Authorization) without credentials; refresh keeps them', async () => {
    const { tab, api, backend, signIn, paths } = setup({ autoAddCredentials: false })
    await signIn()
    expect((await tab.client.doFetch(api('/api/protected'))).status).toBe(200)
    const [call] = backend.requests
    expect(call?.headers.authorization).toMatch(/^Bearer at\./)
    expect(call?.credentials).not.toBe('include')
    backend.expireAccessTokens()
    backend.requests.length = 0
    expect((await tab.client.doFetch(api('/api/protected'))).status).toBe(200)
    expect(paths()).toEqual(['/api/protected', '/auth/session/refresh', '/api/protected'])
    expect(backend.requests.map((r) => r.credentials === 'include')).toEqual([false, true, false])
  })

  test("the caller's own credentials are kept", async () => {
    const { tab, api, backend, signIn } = setup({ autoAddCredentials: false })
    await signIn()
    await tab.client.doFetch(api('/api/protected'), { credentials: 'include' })
    expect(backend.requests[0]?.credentials).toBe('include')
  })

  test('by default intercepted requests are sent with credentials', async () => {
    const { tab, api, backend, signIn } = setup()
    await signIn()
    await tab.client.doFetch(api('/api/protected'))
    expect(backend.requests[0]?.credentials).toBe('include')
  })
})

describe('clockSkewMs', () => {
  // A client clock 10 minutes fast, 5-minute access tokens without `iat`: nothing to measure the skew from.
  const fastClient = { serverOffsetMs: -10 * 60 * 1000, accessTokenLifetimeMs: 5 * 60 * 1000, omitIat: true }

  test('a fixed skew: a client clock 10 min fast does not refresh before every call', async () => {
    const storage = createMemoryStorage()
    const { tab, api, signIn, paths, clock } = setup(
      { clockSkewMs: -10 * 60 * 1000, platform: { storage } },
      fastClient,
    )
    await signIn()
    for (let i = 0; i < 3; i++) expect((await tab.client.doFetch(api('/api/protected'))).status).toBe(200)
    expect(paths()).toEqual(['/api/protected', '/api/protected', '/api/protected'])
    expect(await tab.client.session.exists()).toBe(true)
    // Still judged on the server's clock: refreshed once the token really expired.
    clock.advance(6 * 60 * 1000)
    expect((await tab.client.doFetch(api('/api/protected'))).status).toBe(200)
    expect(paths().slice(3)).toEqual(['/auth/session/refresh', '/api/protected'])
    expect(storage.getItem('__st_clockSkewInMillis')).toBeNull()
  })

  test('without it (and without iat) the same client refreshes before every call', async () => {
    const { tab, api, signIn, paths } = setup({}, fastClient)
    await signIn()
    for (let i = 0; i < 2; i++) await tab.client.doFetch(api('/api/protected'))
    expect(paths().filter((path) => path === '/auth/session/refresh')).toHaveLength(2)
  })

  test('it replaces the skew measured from iat', async () => {
    // The client is 1 h fast: measured from iat the 15-minute token is fresh; pinned at 0 it looks expired.
    const { tab, signIn, paths } = setup(
      { clockSkewMs: 0 },
      { serverOffsetMs: -60 * 60 * 1000, accessTokenLifetimeMs: 15 * 60 * 1000 },
    )
    await signIn()
    expect(await tab.client.session.exists()).toBe(true)
    expect(paths()).toEqual(['/auth/session/refresh'])
  })
})
