// The session snapshot (issue 18 item 4): a mounted client over a jar that announces changes trusts its last read
// between announcements, so a call costs no cookie read; everything that decides a refresh still reads the jar.
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createMemoryCookieJar, createMemoryLock } from 'authfront'
import type { CookieJar } from 'authfront'
import { createFakeClock, createTab, createTestBackend, freshApiDomain } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const ADA = { email: 'ada@example.com', password: 'secret123', id: 'uid-ada', verified: true }

/**
 * The browser's cookies as two tabs see them: one store; each tab's jar counts its reads and, like the CookieStore
 * `change` event, hears the other tabs' writes, but only when the test delivers them (`announce()`).
 */
function createBrowserCookies() {
  const store = createMemoryCookieJar()
  const pending: (() => void)[] = []
  const tab = (watchable = true) => {
    let reads = 0
    const listeners = new Set<() => void>()
    const jar: CookieJar & { readonly reads: number; listeners: Set<() => void> } = {
      listeners,
      get reads() {
        return reads
      },
      read: () => (reads++, store.read()),
      write(name, value, expiresAt) {
        store.write(name, value, expiresAt)
        for (const other of tabs) if (other !== listeners) for (const fn of other) pending.push(fn)
      },
    }
    if (watchable) {
      jar.watch = (onChange) => {
        listeners.add(onChange)
        return () => void listeners.delete(onChange)
      }
    }
    tabs.push(listeners)
    return jar
  }
  const tabs: Set<() => void>[] = []
  return {
    store,
    tab,
    announce: () => pending.splice(0).forEach((fn) => fn()),
  }
}

async function twoTabs() {
  const clock = createFakeClock()
  const backend = createTestBackend({ apiDomain: freshApiDomain(), clock, users: [ADA] })
  server.use(...backend.handlers)
  const browser = createBrowserCookies()
  const lock = createMemoryLock()
  const config = { apiDomain: backend.apiDomain, tokenTransferMethod: 'header' as const }
  const jarA = browser.tab()
  const jarB = browser.tab()
  const a = createTab(clock, { ...config, platform: { cookies: jarA } }, { lock })
  const b = createTab(clock, { ...config, platform: { cookies: jarB } }, { lock })
  await b.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })
  browser.announce()
  const unmountA = a.client.mount()
  await a.client.session.exists()
  backend.requests.length = 0
  const api = (path: string) => backend.apiDomain + path
  const sentToken = () => backend.calls('/api/protected').map((r) => r.headers['authorization'])
  const accessToken = () => browser.store.cookies.get('st-access-token')
  return { clock, backend, browser, jarA, a, b, unmountA, api, sentToken, accessToken }
}

test('a mounted client reads the cookies once for a run of calls while nothing changes', async () => {
  const { jarA, a, unmountA, api } = await twoTabs()
  const before = jarA.reads
  for (let i = 0; i < 10; i++) expect((await a.client.doFetch(api('/api/protected'))).status).toBe(200)
  expect(jarA.reads - before).toBeLessThanOrEqual(1)
  // Unmounted, nothing tells it about other tabs any more: every call reads.
  unmountA()
  const unmounted = jarA.reads
  for (let i = 0; i < 3; i++) await a.client.doFetch(api('/api/protected'))
  expect(jarA.reads - unmounted).toBe(3)
})

test('another tab refreshed: the first call after the change was announced sends the new token', async () => {
  const { backend, browser, a, b, unmountA, api, sentToken, accessToken } = await twoTabs()
  await a.client.doFetch(api('/api/protected'))
  const old = accessToken()
  expect(await b.client.session.refresh()).toBe(true)
  expect(accessToken()).not.toBe(old)
  browser.announce()
  backend.requests.length = 0
  expect((await a.client.doFetch(api('/api/protected'))).status).toBe(200)
  // Straight with the new token: not the old one, a 401 and a retry.
  expect(sentToken()).toEqual(['Bearer ' + accessToken()])
  unmountA()
})

test('another tab signed out: the first call after the change was announced goes without the session', async () => {
  const { backend, browser, a, b, unmountA, api, sentToken } = await twoTabs()
  await b.client.session.signOut()
  browser.announce()
  backend.requests.length = 0
  expect((await a.client.doFetch(api('/api/protected'))).status).toBe(401)
  expect(sentToken()).toEqual([undefined])
  expect(backend.calls('/auth/session/refresh')).toEqual([])
  unmountA()
})

test('a refresh reads the cookies itself: a change not yet announced cannot make it reuse a rotated token', async () => {
  const { clock, backend, a, b, unmountA, api, accessToken } = await twoTabs()
  await a.client.doFetch(api('/api/protected'))
  // Tab B refreshes and the announcement is still on its way when the token expires and tab A calls.
  expect(await b.client.session.refresh()).toBe(true)
  clock.advance(1000)
  backend.expireAccessTokens()
  backend.requests.length = 0
  const response = await a.client.doFetch(api('/api/protected'))
  // Tab A sent its old token and got a 401; under the lock it read the cookies, saw B's refresh and sent no second
  // refresh with B's already rotated refresh token (which the backend treats as theft and signs out).
  expect(backend.calls('/auth/session/refresh')).toHaveLength(1)
  expect(response.status).toBe(200)
  expect(a.eventTypes()).not.toContain('UNAUTHORISED')
  expect(backend.calls('/api/protected').at(-1)?.headers['authorization']).toBe('Bearer ' + accessToken())
  unmountA()
})

test("the client's own writes need no announcement: the next call uses the tokens a response set", async () => {
  const { backend, a, unmountA, api, sentToken, accessToken } = await twoTabs()
  await a.client.doFetch(api('/api/protected'))
  expect(await a.client.session.refresh()).toBe(true)
  backend.requests.length = 0
  await a.client.doFetch(api('/api/protected'))
  expect(sentToken()).toEqual(['Bearer ' + accessToken()])
  unmountA()
})

test('a jar that cannot watch is read on every call: a write from elsewhere is seen by the next call', async () => {
  const clock = createFakeClock()
  const backend = createTestBackend({ apiDomain: freshApiDomain(), clock, users: [ADA] })
  server.use(...backend.handlers)
  const browser = createBrowserCookies()
  const jar = browser.tab(false)
  const config = { apiDomain: backend.apiDomain, tokenTransferMethod: 'header' as const, platform: { cookies: jar } }
  const a = createTab(clock, config)
  const b = createTab(clock, { ...config, platform: { cookies: browser.tab(false) } })
  await a.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })
  const unmount = a.client.mount()
  await a.client.doFetch(backend.apiDomain + '/api/protected')
  expect(await b.client.session.refresh()).toBe(true)
  backend.requests.length = 0
  await a.client.doFetch(backend.apiDomain + '/api/protected')
  expect(backend.calls('/api/protected').map((r) => r.headers['authorization'])).toEqual([
    'Bearer ' + browser.store.cookies.get('st-access-token'),
  ])
  unmount()
})
