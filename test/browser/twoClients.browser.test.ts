// Two clients for one API in a real page (issue 21 item 1): both patch the global fetch, share document.cookie and
// the Web Lock; the first is unmounted during its mount() session check. The shipped mock answers through MSW's
// service worker.
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { createAuthClient, isAuthError } from 'authfront'
import type { AuthClient, AuthEvent, TokenTransferMethod } from 'authfront'
import { createMockBackend } from 'authfront/mock'
import { startMockBackend } from 'authfront/mock/browser'
import type { MockBackendHandle } from 'authfront/mock/browser'
import { clearCookie, clearFrontendCookies } from './frontendCookies'

const API = 'http://localhost:3002'
const user = { email: 'ada@example.com', password: 'password1', verified: true }
const backend = createMockBackend({ apiDomain: API, users: [user] })
let handle: MockBackendHandle | undefined

beforeAll(async () => {
  handle = await startMockBackend(backend, { onUnhandledRequest: 'bypass', quiet: true })
})
// Ends a refresh a test left hanging at the backend first: msw 3's stop() waits for requests still being handled.
afterAll(() => {
  backend.reset()
  // Cookies are per host, not per port: leave no session for the next browser test file on localhost.
  clearFrontendCookies()
  return handle?.stop()
})
beforeEach(() => {
  backend.reset()
  clearFrontendCookies()
})

/** A signed-in session whose frontend markers were wiped (Safari's ITP): the next check probes the refresh endpoint. */
async function recoverableSession(mode: TokenTransferMethod) {
  const signer = createAuthClient({ apiDomain: API, tokenTransferMethod: mode })
  expect((await signer.emailPassword.signIn(user)).status).toBe('OK')
  clearCookie('sFrontToken')
  clearCookie('st-last-access-token-update')
}

function client(mode: TokenTransferMethod) {
  const auth: AuthClient = createAuthClient({ apiDomain: API, tokenTransferMethod: mode, interceptGlobalFetch: true })
  const events: AuthEvent['type'][] = []
  auth.on('*', (event) => events.push(event.type))
  return { auth, events, status: () => auth.store.getState().status }
}

describe.each(['header', 'cookie'] as const)('%s mode, global fetch patch on', (mode) => {
  test.each([
    ['before its refresh went out', false],
    ['while its refresh hangs at the backend', true],
  ])('the first client unmounted during its session check, %s: no deadlock', async (_, hang) => {
    await recoverableSession(mode)
    const pageFetch = globalThis.fetch
    // Underneath both patches: every request the page really sends, with its abort signal.
    const sent: { path: string; signal: AbortSignal | undefined }[] = []
    globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      sent.push({ path: new URL(url).pathname, signal: init?.signal ?? undefined })
      return pageFetch(input, init)
    }
    const refreshes = () => sent.filter((request) => request.path === '/auth/session/refresh')
    const first = client(mode)
    const second = client(mode)
    try {
      if (hang) backend.controls.hangNext({ match: '/session/refresh' })
      const started = performance.now()
      const unmountFirst = first.auth.mount()
      if (hang) await vi.waitFor(() => expect(refreshes()).toHaveLength(1), { timeout: 3000 })
      const unmountSecond = second.auth.mount()
      unmountFirst()
      // A deadlock would hold both until refreshTimeoutMs (20 s); well within 3 s everything has settled.
      await vi.waitFor(
        () => {
          expect(first.status()).not.toBe('loading')
          expect(second.status()).toBe('signedIn')
        },
        { timeout: 3000, interval: 20 },
      )
      expect(performance.now() - started).toBeLessThan(3000)
      if (hang) expect(refreshes()[0]?.signal?.aborted).toBe(true)
      // The second client's probe recovered the session, alone: the first one's was aborted or never sent.
      expect(refreshes().filter((request) => !request.signal?.aborted)).toHaveLength(1)
      expect(first.events).not.toContain('UNAUTHORISED')
      expect(second.events).not.toContain('UNAUTHORISED')
      expect(first.auth.store.getState().error).toBeUndefined()
      expect(second.auth.store.getState().error).toBeUndefined()

      // The app's own call through the global fetch: the second client's patch adds the session.
      const me = await fetch(API + '/api/me')
      expect(me.status).toBe(200)
      expect((await me.json()).email).toBe(user.email)
      // The unmounted client still serves a plain call.
      expect((await first.auth.doFetch(API + '/api/me')).status).toBe(200)
      unmountSecond()
      expect(globalThis.fetch).not.toBe(pageFetch)
      expect(sent.every((request) => request.path !== '/auth/signout')).toBe(true)
    } finally {
      globalThis.fetch = pageFetch
    }
  })

  test('a call waiting on the refresh the unmount aborted rejects at once with the reason', async () => {
    await recoverableSession(mode)
    backend.controls.hangNext({ match: '/session/refresh' })
    const first = client(mode)
    const unmount = first.auth.mount()
    const waiting = first.auth.doFetch(API + '/api/me').catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 100))
    unmount()
    const error = await waiting
    expect(isAuthError(error) && error.kind).toBe('network')
    expect((error as Error).message).toMatch(/unmounted/)
    expect(first.events).toEqual([])
    // Nothing held: the next call refreshes and succeeds.
    expect((await first.auth.doFetch(API + '/api/me')).status).toBe(200)
    expect(first.events).toContain('REFRESH_SESSION')
  })
})
