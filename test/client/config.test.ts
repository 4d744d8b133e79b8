import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import {
  createAuthClient,
  createMemoryBroadcastHub,
  createMemoryCookieJar,
  createMemoryStorage,
  createPlatform,
  createSafeStorage,
  isAuthError,
} from 'authfront'
import type { AuthConfig, BroadcastPort, AuthError } from 'authfront'
import { createFakeClock, createTab, createTestBackend, freshApiDomain } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const configError = (config: unknown): AuthError => {
  try {
    createAuthClient(config as AuthConfig)
  } catch (error) {
    expect(isAuthError(error)).toBe(true)
    expect((error as AuthError).kind).toBe('config')
    return error as AuthError
  }
  throw new Error('expected createAuthClient to throw')
}

describe('config validation', () => {
  test.each([
    [{}, /apiDomain.*required/],
    [{ apiDomain: '' }, /apiDomain/],
    [{ apiDomain: 'api.example.com' }, /apiDomain.*Include the protocol/],
    [{ apiDomain: 'ftp://api.example.com' }, /apiDomain.*http/],
    [{ apiDomain: 'https://api.example.com/auth' }, /apiDomain.*origin.*put a path in apiBasePath/],
    [{ apiDomain: 'https://a.test', apiBasePath: 'auth' }, /apiBasePath.*a path such as '\/auth'/],
    [{ apiDomain: 'https://a.test', websiteBasePath: 'login' }, /websiteBasePath.*'\/login'/],
    [{ apiDomain: 'https://a.test', websiteDomain: 'example.com' }, /websiteDomain/],
    [{ apiDomain: 'https://a.test', tokenTransferMethod: 'bearer' }, /tokenTransferMethod.*'cookie', 'header'/],
    [{ apiDomain: 'https://a.test', maxRetryAttemptsForSessionRefresh: -1 }, /maxRetryAttemptsForSessionRefresh.*>= 0/],
    [{ apiDomain: 'https://a.test', maxRetryAttemptsForSessionRefresh: 1.5 }, /maxRetryAttemptsForSessionRefresh/],
    [{ apiDomain: 'https://a.test', sessionExpiredStatusCode: 403 }, /invalidClaimStatusCode.*must differ/],
    [{ apiDomain: 'https://a.test', sessionExpiredStatusCode: 200 }, /sessionExpiredStatusCode/],
    [
      { apiDomain: 'https://a.test', emailVerification: 'REQUIRED' },
      /emailVerification.*'off', 'optional', 'required'/,
    ],
    [{ apiDomain: 'https://a.test', refreshTimeoutMs: 0 }, /refreshTimeoutMs/],
    [{ apiDomain: 'https://a.test', interceptGlobalFetch: 'yes' }, /interceptGlobalFetch/],
    [{ apiDomain: 'https://a.test', onEvent: 'log' }, /onEvent/],
    [{ apiDomain: 'https://a.test', sessionTokenBackendDomain: 'https://example.com' }, /sessionTokenBackendDomain/],
    [{ apiDomain: 'https://a.test', shouldInterceptUrl: '/api' }, /shouldInterceptUrl.*a function \(url\)/],
    [{ apiDomain: 'https://a.test', autoAddCredentials: 'false' }, /autoAddCredentials.*a boolean/],
    [{ apiDomain: 'https://a.test', clockSkewMs: Number.NaN }, /clockSkewMs.*number of ms.*-600000/],
    [{ apiDomain: 'https://a.test', clockSkewMs: Infinity }, /clockSkewMs/],
    [{ apiDomain: 'https://a.test', clockSkewMs: '600000' }, /clockSkewMs/],
  ])('%j is rejected with a message naming the field and the fix', (config, message) => {
    expect(configError(config).message).toMatch(message)
  })

  test('defaults and normalisation', () => {
    const client = createAuthClient({ apiDomain: 'https://API.example.com/', apiBasePath: '/custom/' })
    expect(client.config).toMatchObject({
      apiDomain: 'https://api.example.com',
      apiBasePath: '/custom',
      websiteBasePath: '/auth',
      tokenTransferMethod: 'cookie',
      maxRetryAttemptsForSessionRefresh: 10,
      sessionExpiredStatusCode: 401,
      invalidClaimStatusCode: 403,
      emailVerification: 'off',
      interceptGlobalFetch: false,
      isInIframe: false,
      sessionTokenBackendDomain: undefined,
      shouldInterceptUrl: undefined,
      autoAddCredentials: true,
      clockSkewMs: undefined,
    })
    expect(
      createAuthClient({ apiDomain: 'http://a.test', sessionTokenBackendDomain: '.Example.com' }).config
        .sessionTokenBackendDomain,
    ).toBe('example.com')
  })
})

describe('lifecycle', () => {
  test('creation does no work: no request, no timer, no listener, store stays loading', () => {
    const fetchSpy = vi.fn<typeof fetch>()
    const setTimeoutSpy = vi.fn()
    const broadcast = vi.fn()
    const cookies = createMemoryCookieJar()
    const read = vi.spyOn(cookies, 'read')
    const client = createAuthClient({
      apiDomain: 'http://a.test',
      platform: { fetch: fetchSpy, setTimeout: setTimeoutSpy, broadcast, cookies },
    })
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(setTimeoutSpy).not.toHaveBeenCalled()
    expect(broadcast).not.toHaveBeenCalled()
    expect(read).not.toHaveBeenCalled()
    expect(client.store.getState().status).toBe('loading')
  })

  test('mount is reference-counted: one channel, closed on the last unmount; unmount is idempotent', async () => {
    const hub = createMemoryBroadcastHub()
    const ports: BroadcastPort[] = []
    const closed: BroadcastPort[] = []
    const open = (name: string) => {
      const port = hub.open(name)
      ports.push(port)
      const close = port.close
      port.close = () => {
        closed.push(port)
        close()
      }
      return port
    }
    const cookies = createMemoryCookieJar({ 'st-last-access-token-update': '1' })
    const client = createAuthClient({
      apiDomain: 'http://a.test',
      platform: { broadcast: open, cookies, fetch: vi.fn() },
    })
    const first = client.mount()
    const second = client.mount()
    expect(ports).toHaveLength(1)
    // Mount settles the store from the cookies (NOT_EXISTS here: no network).
    await vi.waitFor(() => expect(client.store.getState().status).toBe('signedOut'))
    first()
    first()
    expect(closed).toHaveLength(0)
    second()
    expect(closed).toHaveLength(1)
    const third = client.mount()
    expect(ports).toHaveLength(2)
    third()
    expect(closed).toHaveLength(2)
  })

  test('mount in a browser settles the store in the background: one probe refresh for a fresh visitor', async () => {
    const calls: string[] = []
    const fetchStub = vi.fn<typeof fetch>(async (input) => {
      calls.push(String(input))
      return new Response('{"message":"unauthorised"}', { status: 401, headers: { 'front-token': 'remove' } })
    })
    const client = createAuthClient({
      apiDomain: 'http://a.test',
      platform: { isServer: false, cookies: createMemoryCookieJar(), fetch: fetchStub, broadcast: () => undefined },
    })
    const unmount = client.mount()
    await vi.waitFor(() => expect(client.store.getState().status).toBe('signedOut'))
    expect(calls).toEqual(['http://a.test/auth/session/refresh'])
    unmount()
  })

  test('the global fetch patch is installed on mount, idempotent, and restored on the last unmount', async () => {
    const clock = createFakeClock()
    const backend = createTestBackend({
      apiDomain: freshApiDomain(),
      clock,
      users: [{ email: 'a@x.test', password: 'pw123456', id: 'u1', verified: true }],
    })
    server.use(...backend.handlers)
    const before = globalThis.fetch
    const tab = createTab(clock, { apiDomain: backend.apiDomain, interceptGlobalFetch: true })
    expect(globalThis.fetch).toBe(before)
    const a = tab.client.mount()
    const patched = globalThis.fetch
    expect(patched).not.toBe(before)
    const b = tab.client.mount()
    expect(globalThis.fetch).toBe(patched)
    await tab.client.emailPassword.signIn({ email: 'a@x.test', password: 'pw123456' })
    clock.advance(1000)
    backend.expireAccessTokens()
    backend.requests.length = 0
    // Plain fetch() now gets the session handling: 401 → refresh → retry.
    const response = await fetch(backend.apiDomain + '/api/protected')
    expect(response.status).toBe(200)
    expect(backend.requests.map((r) => r.path)).toEqual(['/api/protected', '/auth/session/refresh', '/api/protected'])
    a()
    expect(globalThis.fetch).toBe(patched)
    b()
    expect(globalThis.fetch).toBe(before)
  })

  test('storage that throws degrades to memory with one warning, never crashes', async () => {
    const clock = createFakeClock()
    const backend = createTestBackend({
      apiDomain: freshApiDomain(),
      clock,
      serverOffsetMs: -3_600_000,
      users: [{ email: 'a@x.test', password: 'pw123456', id: 'u1', verified: true }],
    })
    server.use(...backend.handlers)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const blocked = () => {
      throw new DOMException('blocked', 'SecurityError')
    }
    try {
      const client = createAuthClient({
        apiDomain: backend.apiDomain,
        platform: {
          cookies: createMemoryCookieJar(),
          now: clock.now,
          storage: createSafeStorage(() => ({ getItem: blocked, setItem: blocked, removeItem: blocked })),
        },
      })
      const result = await client.emailPassword.signIn({ email: 'a@x.test', password: 'pw123456' })
      expect(result.status).toBe('OK')
      // The clock skew was kept in memory: the session is not considered expired.
      expect(await client.session.exists()).toBe(true)
      expect(backend.calls('/auth/session/refresh')).toHaveLength(0)
      expect(warn).toHaveBeenCalledTimes(1)
    } finally {
      warn.mockRestore()
    }
  })

  test('the browser default storage is localStorage, wrapped so a throwing getter degrades', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const g = globalThis as { localStorage?: unknown }
    Object.defineProperty(g, 'localStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('blocked', 'SecurityError')
      },
    })
    try {
      const platform = createPlatform({ isServer: false })
      platform.storage.setItem('k', 'v')
      expect(platform.storage.getItem('k')).toBe('v')
      expect(warn).toHaveBeenCalledTimes(1)
    } finally {
      delete g.localStorage
      warn.mockRestore()
    }
  })
})

describe('cross-tab store sync', () => {
  test('sign-in and sign-out in one tab update the other tab store with no request from it', async () => {
    const clock = createFakeClock()
    const backend = createTestBackend({
      apiDomain: freshApiDomain(),
      clock,
      users: [{ email: 'a@x.test', password: 'pw123456', id: 'u1', verified: true }],
    })
    server.use(...backend.handlers)
    const hub = createMemoryBroadcastHub()
    const cookies = createMemoryCookieJar({ 'st-last-access-token-update': '1' })
    const storage = createMemoryStorage()
    const a = createTab(
      clock,
      { apiDomain: backend.apiDomain, platform: { broadcast: hub.open } },
      { cookies, storage },
    )
    const b = createTab(
      clock,
      { apiDomain: backend.apiDomain, platform: { broadcast: hub.open } },
      { cookies, storage },
    )
    const offA = a.client.mount()
    const offB = b.client.mount()
    await vi.waitFor(() => expect(b.client.store.getState().status).toBe('signedOut'))
    await a.client.emailPassword.signIn({ email: 'a@x.test', password: 'pw123456' })
    await vi.waitFor(() => expect(b.client.store.getState()).toMatchObject({ status: 'signedIn', userId: 'u1' }))
    await a.client.session.signOut()
    await vi.waitFor(() => expect(b.client.store.getState()).toMatchObject({ status: 'signedOut', userId: undefined }))
    expect(backend.requests.map((r) => r.path)).toEqual(['/auth/signin', '/auth/signout'])
    // After unmount nothing is listening any more: the other tab's changes no longer reach this store.
    offB()
    await a.client.emailPassword.signIn({ email: 'a@x.test', password: 'pw123456' })
    for (let i = 0; i < 5; i++) await Promise.resolve()
    expect(b.client.store.getState().status).toBe('signedOut')
    offA()
  })
})

test('non-intercepted URLs keep fetch behaviour untouched (errors are not wrapped)', async () => {
  server.use(http.get('http://elsewhere.test/boom', () => HttpResponse.error()))
  const client = createAuthClient({ apiDomain: 'http://a.test', platform: { cookies: createMemoryCookieJar() } })
  const error = await client.doFetch('http://elsewhere.test/boom').catch((e: unknown) => e)
  expect(error).toBeInstanceOf(TypeError)
  expect(isAuthError(error)).toBe(false)
})
