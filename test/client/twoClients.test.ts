// Two clients in one page (a micro-frontend, hot module reload, a client per test), both patching the global fetch
// and sharing the page's lock as Web Locks would (issue 21 item 1).
import type { SetupServer } from 'msw/node'
import { afterEach, expect, test, vi } from 'vitest'
import { createMemoryCookieJar, createMemoryLock, isAuthError } from 'authfront'
import type { SessionState } from 'authfront'
import { createMockBackend } from 'authfront/mock'
import type { MockSeedUser } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'
import { createFakeClock, createTab, freshApiDomain } from './helpers'

let server: SetupServer | undefined
afterEach(() => server?.close())

/** The shipped mock on a fresh origin, and every request it receives (what went over the wire, in order). */
function start(users: MockSeedUser[] = []) {
  const clock = createFakeClock(Date.now())
  const apiDomain = freshApiDomain()
  const backend = createMockBackend({ apiDomain, now: clock.now, users })
  server = setupMockServer(backend)
  server.listen({ onUnhandledRequest: 'error' })
  const requests: Request[] = []
  server.events.on('request:start', ({ request }) => requests.push(request))
  const paths = () => requests.map((request) => new URL(request.url).pathname)
  return { clock, apiDomain, requests, paths, backend }
}

/** True once `condition` holds, false if it still does not after 3 s (a deadlock waits for the 20 s refresh timeout). */
const eventually = (condition: () => boolean) =>
  vi
    .waitFor(() => expect(condition()).toBe(true), { timeout: 3000 })
    .then(
      () => true,
      () => false,
    )

test('the first client unmounted during its session check: its refresh is not intercepted by the second one', async () => {
  const { clock, apiDomain, paths } = start()
  const before = globalThis.fetch
  const lock = createMemoryLock()
  const config = { apiDomain, interceptGlobalFetch: true }
  const first = createTab(clock, config, { lock })
  const second = createTab(clock, config, { lock })
  const unmountFirst = first.client.mount()
  const unmountSecond = second.client.mount()
  // Before the first client's refresh went out: it now finds the second client's patch on the global fetch.
  unmountFirst()
  const settled = await eventually(
    () => first.client.store.getState().status !== 'loading' && second.client.store.getState().status !== 'loading',
  )
  unmountSecond()
  expect(globalThis.fetch).toBe(before)
  expect(settled).toBe(true)
  expect(first.client.store.getState()).toMatchObject({ status: 'signedOut', error: undefined })
  expect(second.client.store.getState()).toMatchObject({ status: 'signedOut', error: undefined })
  // The second client's probe alone: the first one's was aborted by its unmount before it went out.
  expect(paths().filter((path) => path === '/auth/session/refresh')).toHaveLength(1)
  expect(first.eventTypes()).not.toContain('UNAUTHORISED')
})

test("a client's own calls bypass another client's global patch, app calls still go through it", async () => {
  const { clock, apiDomain, requests, paths } = start([{ email: 'a@x.test', password: 'pw123456', verified: true }])
  const lock = createMemoryLock()
  const patcher = createTab(clock, { apiDomain, interceptGlobalFetch: true }, { lock })
  const other = createTab(clock, { apiDomain }, { lock })
  const unmount = patcher.client.mount()
  await eventually(() => patcher.client.store.getState().status !== 'loading')
  requests.length = 0
  expect((await other.client.emailPassword.signIn({ email: 'a@x.test', password: 'pw123456' })).status).toBe('OK')
  await fetch(apiDomain + '/api/me')
  // Sent once, as the other client built it: the patcher (signed out, MAY_EXIST in its own jar) did not probe first.
  expect(paths()).toEqual(['/auth/signin', '/api/me'])
  // An app call through the global fetch is the patcher's: its session headers, not the other client's tokens.
  expect(requests[1]?.headers.get('st-auth-mode')).toBe('cookie')
  expect(other.client.store.getState().status).toBe('signedIn')
  // The patcher's session handling never saw the response: its own state is untouched.
  expect(patcher.eventTypes()).not.toContain('SESSION_CREATED')
  expect(patcher.client.store.getState().status).toBe('signedOut')
  unmount()
})

const user = { email: 'a@x.test', password: 'pw123456', verified: true }

/**
 * A header-mode session whose frontend markers were wiped (Safari's ITP): the refresh token is still in the jar, so
 * the next session check is a probe refresh that recovers the session.
 */
async function recoverableSession() {
  const env = start([user])
  const cookies = createMemoryCookieJar()
  const signer = createTab(env.clock, { apiDomain: env.apiDomain, tokenTransferMethod: 'header' }, { cookies })
  expect((await signer.client.emailPassword.signIn(user)).status).toBe('OK')
  cookies.cookies.delete('sFrontToken')
  cookies.cookies.delete('st-last-access-token-update')
  env.requests.length = 0
  return { ...env, cookies }
}

test('unmount aborts the session check while its refresh hangs: settled, lock released, no timer, no event', async () => {
  const { clock, apiDomain, backend, cookies, paths } = await recoverableSession()
  const lock = createMemoryLock()
  const signals: (AbortSignal | undefined)[] = []
  const fetchBefore = globalThis.fetch
  globalThis.fetch = (input, init) => (signals.push(init?.signal ?? undefined), fetchBefore(input, init))
  try {
    const config = { apiDomain, tokenTransferMethod: 'header' as const }
    const first = createTab(clock, config, { cookies, lock })
    backend.controls.hangNext({ match: '/session/refresh' })
    const unmount = first.client.mount()
    const waiting = first.client.doFetch(apiDomain + '/api/me').catch((error: unknown) => error)
    expect(await eventually(() => paths().includes('/auth/session/refresh'))).toBe(true)
    expect(clock.pending).toBe(1)
    unmount()
    // The fake clock never reaches refreshTimeoutMs: only the abort can settle this.
    expect(await eventually(() => first.client.store.getState().status !== 'loading')).toBe(true)
    expect(signals[0]?.aborted).toBe(true)
    expect(first.client.store.getState()).toMatchObject({ status: 'signedOut', error: undefined })
    expect(first.events).toEqual([])
    expect(clock.pending).toBe(0)
    // The app's call that waited on the refresh rejects with the abort, which names its cause.
    const error = await waiting
    expect(isAuthError(error) && error.kind === 'network' && error.message).toMatch(/unmounted/)
    // The lock is free: another client's refresh goes through at once.
    const second = createTab(clock, config, { cookies, lock })
    expect(await second.client.session.refresh()).toBe(true)
    expect(second.client.store.getState().status).toBe('signedIn')
  } finally {
    globalThis.fetch = fetchBefore
  }
})

test('after an unmount, doFetch still works and the next mount checks the session again', async () => {
  const { clock, apiDomain, cookies } = await recoverableSession()
  const client = createTab(clock, { apiDomain, tokenTransferMethod: 'header' }, { cookies }).client
  client.mount()()
  expect(await eventually(() => client.store.getState().status !== 'loading')).toBe(true)
  expect(client.store.getState().status).toBe('signedOut')
  const statuses: SessionState['status'][] = []
  client.store.subscribe((state) => statuses.push(state.status))
  const unmount = client.mount()
  // Back to `loading` until this mount's probe answers: a guard waits rather than redirecting to sign-in.
  expect(client.store.getState().status).toBe('loading')
  expect(await eventually(() => client.store.getState().status === 'signedIn')).toBe(true)
  expect(statuses).not.toContain('signedOut')
  unmount()
  expect((await client.doFetch(apiDomain + '/api/me')).status).toBe(200)
})

test('mount, unmount, mount at once (React StrictMode): one check settles the store, never signedOut first', async () => {
  const { clock, apiDomain, cookies, paths } = await recoverableSession()
  const tab = createTab(clock, { apiDomain, tokenTransferMethod: 'header' }, { cookies })
  const statuses: SessionState['status'][] = []
  tab.client.store.subscribe((state) => statuses.push(state.status))
  tab.client.mount()()
  const unmount = tab.client.mount()
  expect(await eventually(() => tab.client.store.getState().status === 'signedIn')).toBe(true)
  expect(statuses).not.toContain('signedOut')
  expect(tab.client.store.getState().error).toBeUndefined()
  expect(paths()).toEqual(['/auth/session/refresh'])
  unmount()
})

test('two clients of different APIs both patching fetch: each keeps intercepting its own API', async () => {
  const one = start([user])
  const twoApi = freshApiDomain()
  server!.use(...createMockBackend({ apiDomain: twoApi, now: one.clock.now }).handlers)
  const before = globalThis.fetch
  const header = { interceptGlobalFetch: true, tokenTransferMethod: 'header' as const }
  const a = createTab(one.clock, { apiDomain: one.apiDomain, ...header })
  const b = createTab(one.clock, { apiDomain: twoApi, ...header })
  const unmountA = a.client.mount()
  const unmountB = b.client.mount()
  expect(await eventually(() => a.client.store.getState().status !== 'loading')).toBe(true)
  expect((await a.client.emailPassword.signIn(user)).status).toBe('OK')
  // B's patch is on top; a call to A's API falls through to A's patch, which adds A's session.
  expect((await fetch(one.apiDomain + '/api/me')).status).toBe(200)
  unmountA()
  expect(globalThis.fetch).not.toBe(before)
  unmountB()
  expect(globalThis.fetch).toBe(before)
})

test('two clients for one API mounted at once: a warning outside production, none once the first unmounted', () => {
  const { clock, apiDomain } = start()
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  try {
    const first = createTab(clock, { apiDomain }).client
    const second = createTab(clock, { apiDomain }).client
    const unmountFirst = first.mount()
    expect(warn).not.toHaveBeenCalled()
    const unmountSecond = second.mount()
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/2 clients mounted for .*\/auth; share one/)
    unmountFirst()
    unmountSecond()
    // A client per test: mounted and unmounted in turn, never warned.
    createTab(clock, { apiDomain }).client.mount()()
    expect(warn).toHaveBeenCalledTimes(1)
  } finally {
    warn.mockRestore()
  }
})
