// Two clients in one page (a micro-frontend, hot module reload, a client per test), both patching the global fetch
// and sharing the page's lock as Web Locks would (issue 21 item 1).
import type { SetupServer } from 'msw/node'
import { afterEach, expect, test, vi } from 'vitest'
import { createMemoryLock } from 'authfront'
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
  return { clock, apiDomain, requests, paths }
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
  // One probe each, neither wrapped in the other client's session handling.
  expect(paths().filter((path) => path === '/auth/session/refresh')).toHaveLength(2)
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
