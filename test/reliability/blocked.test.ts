/**
 * Browsers that refuse what the client stores (issue 14 items 2–4): site data blocked (Web Locks reject), frontend
 * cookies that cannot be written (a cross-site iframe, Safari dropping `document.cookie` writes), and a front token
 * over the 4 KB cookie limit. The real client over MSW against the mock backend.
 */
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthError, createMemoryCookieJar, createPlatform, encodeFrontToken, isAuthError } from 'authfront'
import type { CookieJar } from 'authfront'
import { ADA, installServer, settle, setup, watchUnhandledRejections } from './helpers'

const server = installServer()
watchUnhandledRejections()
afterEach(() => vi.unstubAllGlobals())

const securityError = () => new DOMException('The operation is insecure.', 'SecurityError')

/**
 * Waits (real time: the degraded lock's claim check uses real timers) until the store left `loading`; a stuck store
 * fails here.
 */
const settled = (client: { store: { getState(): { status: string } } }) =>
  vi.waitFor(() => expect(client.store.getState().status).not.toBe('loading'), { timeout: 5000 })

describe('site data blocked: navigator.locks.request rejects with SecurityError', () => {
  it('the lock degrades (one warning), mount settles the store, and calls go out', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.stubGlobal('navigator', { locks: { request: () => Promise.reject(securityError()) } })
    const s = setup(server, { platform: { lock: createPlatform().lock } })
    s.client.mount()
    await settled(s.client)
    expect(s.client.store.getState()).toMatchObject({ status: 'signedOut', error: undefined })
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
    s.clock.advance(3_600_000 + 1000)
    expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
    expect(s.count('/auth/session/refresh')).toBe(2)
    expect(warn.mock.calls.filter(([message]) => String(message).includes('Web Locks'))).toHaveLength(1)
    warn.mockRestore()
  })

  it('a lock failing with anything else: only AuthErrors, and mount still settles (signedOut + error)', async () => {
    const s = setup(server, { platform: { lock: { request: () => Promise.reject(new TypeError('lock broke')) } } })
    s.client.mount()
    await settled(s.client)
    const { status, error } = s.client.store.getState()
    expect(status).toBe('signedOut')
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).cause).toBeInstanceOf(TypeError)
    const outcome = await settle(s.client.session.refresh())
    expect(outcome.ok || isAuthError((outcome as { error: unknown }).error)).toBe(true)
  })
})

describe('frontend cookies that cannot be written (cross-site iframe, dropped document.cookie writes)', () => {
  const dropped: CookieJar = { read: () => '', write: () => {} }

  it('one probe per page, then calls go out without a session; the store reports it once', async () => {
    const s = setup(server, { platform: { cookies: dropped } })
    server.use(http.get(`${s.api}/api/public`, () => HttpResponse.json({ ok: true })))
    const errors: unknown[] = []
    s.client.store.subscribe((state, previous) => state.error !== previous.error && errors.push(state.error))
    s.client.mount()
    await settled(s.client)
    expect(s.client.store.getState().status).toBe('signedOut')
    for (let i = 0; i < 3; i++) expect((await s.client.doFetch(`${s.api}/api/public`)).status).toBe(200)
    expect(await s.client.emailPassword.emailExists(ADA.email)).toBe(true)
    expect(await s.client.session.exists()).toBe(false)
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(s.count('/api/public')).toBe(3)
    expect(errors).toHaveLength(1)
    expect(String((errors[0] as AuthError).message)).toContain('isInIframe')
  })

  it('sign-in cannot create a session the page cannot store: AuthError protocol naming the cause, no event', async () => {
    const s = setup(server, { platform: { cookies: dropped } })
    const outcome = await settle(s.client.emailPassword.signIn(ADA))
    expect(outcome.ok).toBe(false)
    const error = (outcome as { error: AuthError }).error
    expect(error).toMatchObject({ kind: 'protocol', message: expect.stringContaining('cookies blocked') })
    expect(s.eventTypes()).toEqual([])
    expect(s.client.store.getState().status).not.toBe('signedIn')
  })
})

describe('a session-creating response whose front token is over the 4 KB cookie limit', () => {
  /** A browser's jar: a cookie whose name and value exceed 4096 bytes is silently dropped. */
  const browserJar = () => {
    const jar = createMemoryCookieJar()
    return {
      jar,
      cookies: {
        read: jar.read,
        write: (name: string, value: string | undefined, expiresAt: number) =>
          name.length + (value?.length ?? 0) > 4096 ? undefined : jar.write(name, value, expiresAt),
      } satisfies CookieJar,
    }
  }

  for (const call of ['signIn', 'signUp'] as const) {
    it(`${call}: rejects with an AuthError naming the limit, no SESSION_CREATED, not signed in`, async () => {
      const { cookies } = browserJar()
      const s = setup(server, { platform: { cookies } })
      const roles = Array.from({ length: 300 }, (_, i) => `role-with-a-long-name-${i}`)
      const front = encodeFrontToken({ uid: 'u1', ate: Date.now() + 3_600_000, up: { sub: 'u1', roles } })
      const user = { id: 'u1', isPrimaryUser: false, tenantIds: ['public'], emails: [ADA.email], phoneNumbers: [] }
      const reply = () =>
        HttpResponse.json(
          { status: 'OK', user: { ...user, timeJoined: 1, loginMethods: [] } },
          { headers: { 'front-token': front, 'st-access-token': 'a', 'st-refresh-token': 'r' } },
        )
      server.use(http.post(`${s.api}/auth/signin`, reply), http.post(`${s.api}/auth/signup`, reply))
      const input = { email: ADA.email, password: ADA.password }
      const outcome = await settle<unknown>(
        call === 'signIn' ? s.client.emailPassword.signIn(input) : s.client.emailPassword.signUp(input),
      )
      expect(outcome.ok).toBe(false)
      const error = (outcome as { error: AuthError }).error
      expect(error).toBeInstanceOf(AuthError)
      expect(error.kind).toBe('protocol')
      expect(error.message).toContain('4 KB cookie limit')
      expect(s.eventTypes()).not.toContain('SESSION_CREATED')
      expect(s.client.store.getState().status).not.toBe('signedIn')
      expect(s.client.store.getState().error).toBe(error)
    })
  }
})
