/**
 * docs/PROTOCOL.md §7 compatibility cases, over the wire (MSW), in cookie and header mode where both apply.
 * Each test asserts the exact request sequence, the headers sent and the events fired.
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { AuthError, createMemoryLock, createMemoryStorage, isInterceptedUrl } from 'authfront'
import type { TokenTransferMethod } from 'authfront'
import { createFakeClock, createTab, createTestBackend, freshApiDomain } from './helpers'
import type { TestBackendOptions, TestClientOptions } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const ADA = { email: 'ada@example.com', password: 'secret123', id: 'uid-ada', verified: true }

function setup(
  mode: TokenTransferMethod,
  options: { backend?: Partial<TestBackendOptions>; client?: TestClientOptions } = {},
) {
  const clock = createFakeClock()
  const backend = createTestBackend({ apiDomain: freshApiDomain(), clock, users: [ADA], ...options.backend })
  server.use(...backend.handlers)
  const lock = createMemoryLock()
  const tab = createTab(clock, { apiDomain: backend.apiDomain, tokenTransferMethod: mode, ...options.client }, { lock })
  const api = (path: string) => backend.apiDomain + path
  const signIn = async () => {
    const result = await tab.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })
    expect(result.status).toBe('OK')
    backend.requests.length = 0
    tab.events.length = 0
  }
  const paths = () => backend.requests.map((r) => `${r.method} ${r.path}`)
  return { clock, backend, tab, api, signIn, paths, lock }
}

const modes: TokenTransferMethod[] = ['cookie', 'header']

describe.each(modes)('%s mode', (mode) => {
  test('§7.1 fresh browser: exists() makes one refresh, then knows the session is absent without network', async () => {
    const { tab, backend, paths } = setup(mode)
    expect(tab.client.store.getState().status).toBe('loading')
    expect(await tab.client.session.exists()).toBe(false)
    expect(paths()).toEqual(['POST /auth/session/refresh'])
    const refresh = backend.requests[0]!
    expect(refresh.body).toBe('')
    expect(refresh.headers.rid).toBe('session')
    expect(refresh.headers['st-auth-mode']).toBe(mode)
    expect(refresh.headers['fdi-version']).toBe('3.1,4.0,4.1,4.2')
    expect(refresh.credentials).toBe('include')
    expect(refresh.headers.authorization).toBeUndefined()
    expect(tab.cookies.cookies.has('st-last-access-token-update')).toBe(true)
    expect(tab.cookies.cookies.has('sFrontToken')).toBe(false)
    expect(tab.events).toEqual([])
    expect(tab.client.store.getState().status).toBe('signedOut')
    expect(await tab.client.session.exists()).toBe(false)
    expect(backend.requests).toHaveLength(1)
  })

  test('§7.2 sign-up: one request with the exact headers and body, SESSION_CREATED once, then no network', async () => {
    const { tab, backend, paths } = setup(mode)
    const result = await tab.client.emailPassword.signUp({ email: 'new@example.com', password: 'abcdefg1' })
    expect(result.status).toBe('OK')
    expect(paths()).toEqual(['POST /auth/signup'])
    const req = backend.requests[0]!
    expect(req.headers.rid).toBe('emailpassword')
    expect(req.headers['fdi-version']).toBe('3.1,4.0,4.1,4.2')
    expect(req.headers['st-auth-mode']).toBe(mode)
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.credentials).toBe('include')
    expect(JSON.parse(req.body)).toEqual({
      formFields: [
        { id: 'email', value: 'new@example.com' },
        { id: 'password', value: 'abcdefg1' },
      ],
      shouldTryLinkingWithSessionUser: false,
    })
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED'])
    expect(await tab.client.session.exists()).toBe(true)
    const uid = await tab.client.session.getUserId()
    expect(uid).toBe(result.status === 'OK' ? result.user.id : '')
    expect(backend.requests).toHaveLength(1)
    expect(tab.client.store.getState()).toMatchObject({ status: 'signedIn', userId: uid })
    // The backend chose the transfer method from st-auth-mode (§7.6): tokens arrive as headers only in header mode.
    expect(tab.cookies.cookies.has('st-access-token')).toBe(mode === 'header')
    expect(tab.cookies.cookies.has('st-refresh-token')).toBe(mode === 'header')
    expect(backend.browser.sAccessToken !== undefined).toBe(mode === 'cookie')
  })

  test('§7.3 sign-up with an existing email: FIELD_ERROR map, no session, no events', async () => {
    const { tab } = setup(mode)
    const result = await tab.client.emailPassword.signUp({ email: ADA.email, password: 'abcdefg1' })
    expect(result).toEqual({
      status: 'FIELD_ERROR',
      fieldErrors: { email: 'This email already exists. Please sign in instead.' },
    })
    expect(tab.events).toEqual([])
    expect(tab.cookies.cookies.has('sFrontToken')).toBe(false)
  })

  test('§7.4 wrong password: WRONG_CREDENTIALS_ERROR, no events, local state unchanged', async () => {
    const { tab } = setup(mode)
    const before = tab.cookies.read()
    const result = await tab.client.emailPassword.signIn({ email: ADA.email, password: 'nope' })
    expect(result).toEqual({ status: 'WRONG_CREDENTIALS_ERROR' })
    expect(tab.events).toEqual([])
    expect(tab.cookies.read()).toBe(before)
  })

  test('§7.7 expired access token: 401 → one refresh → one retry; PAYLOAD_UPDATED then REFRESH_SESSION', async () => {
    const { tab, backend, api, signIn, paths, clock } = setup(mode)
    await signIn()
    clock.advance(5000)
    backend.expireAccessTokens()
    const response = await tab.client.doFetch(api('/api/protected'))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, uid: ADA.id })
    expect(paths()).toEqual(['GET /api/protected', 'POST /auth/session/refresh', 'GET /api/protected'])
    expect(tab.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])
    const [first, refresh, retry] = backend.requests
    expect(first!.headers.rid).toBe('anti-csrf')
    expect(first!.headers['st-auth-mode']).toBe(mode)
    expect(refresh!.headers.rid).toBe('session')
    if (mode === 'header') {
      // §7.19: Bearer access on requests, Bearer refresh on refresh, the new pair stored and used.
      expect(first!.headers.authorization).toBe('Bearer at.h1.1')
      expect(refresh!.headers.authorization).toBe('Bearer rt.h1.1')
      expect(retry!.headers.authorization).toBe('Bearer at.h1.2')
      expect(tab.cookies.cookies.get('st-access-token')).toBe('at.h1.2')
      expect(tab.cookies.cookies.get('st-refresh-token')).toBe('rt.h1.2')
    } else {
      expect(first!.headers.authorization).toBeUndefined()
      expect(refresh!.headers.authorization).toBeUndefined()
    }
  })

  test('§7.8 two parallel 401s in one tab: one refresh, each request retried once, one REFRESH_SESSION', async () => {
    const { tab, backend, api, signIn, clock } = setup(mode)
    await signIn()
    clock.advance(5000)
    backend.expireAccessTokens()
    const [a, b] = await Promise.all([
      tab.client.doFetch(api('/api/protected')),
      tab.client.doFetch(api('/api/protected?second')),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(backend.calls('/auth/session/refresh')).toHaveLength(1)
    expect(backend.calls('/api/protected?second')).toHaveLength(2)
    expect(backend.calls('/api/protected')).toHaveLength(4)
    expect(tab.eventTypes().filter((t) => t === 'REFRESH_SESSION')).toHaveLength(1)
  })

  test('§7.9 two tabs get a 401 at once: one refresh across both, the other tab retries on the new stamp', async () => {
    const { tab, backend, api, signIn, clock, lock } = setup(mode)
    await signIn()
    const other = createTab(
      clock,
      { apiDomain: backend.apiDomain, tokenTransferMethod: mode },
      { cookies: tab.cookies, lock },
    )
    clock.advance(5000)
    backend.expireAccessTokens()
    const [a, b] = await Promise.all([
      tab.client.doFetch(api('/api/protected?tab=1')),
      other.client.doFetch(api('/api/protected?tab=2')),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(backend.calls('/auth/session/refresh')).toHaveLength(1)
    expect(backend.calls('/api/protected?tab=1')).toHaveLength(2)
    expect(backend.calls('/api/protected?tab=2')).toHaveLength(2)
    // No theft detection was triggered: the session is still usable from both tabs.
    expect((await other.client.doFetch(api('/api/protected'))).status).toBe(200)
  })

  test('§7.10 refresh token revoked: the caller gets the refresh 401, no retry, UNAUTHORISED(true) once', async () => {
    const { tab, backend, api, signIn, paths, clock } = setup(mode)
    await signIn()
    clock.advance(5000)
    backend.expireAccessTokens()
    for (const s of backend.sessions.values()) s.refreshToken = 'rt.revoked.0'
    const response = await tab.client.doFetch(api('/api/protected'))
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ message: 'unauthorised' })
    expect(paths()).toEqual(['GET /api/protected', 'POST /auth/session/refresh'])
    expect(tab.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }])
    expect(tab.client.store.getState().status).toBe('signedOut')
    expect(await tab.client.session.exists()).toBe(false)
    expect(backend.requests).toHaveLength(2)
    expect(tab.cookies.cookies.has('st-access-token')).toBe(false)
    expect(tab.cookies.cookies.has('st-refresh-token')).toBe(false)
  })

  test('§7.11 token theft detected: identical to a revoked refresh token', async () => {
    const { tab, backend, api, signIn, paths, clock } = setup(mode)
    await signIn()
    clock.advance(5000)
    backend.expireAccessTokens()
    for (const s of backend.sessions.values()) s.previousRefreshToken = s.refreshToken
    const response = await tab.client.doFetch(api('/api/protected'))
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ message: 'token theft detected' })
    expect(paths()).toEqual(['GET /api/protected', 'POST /auth/session/refresh'])
    expect(tab.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }])
    expect(await tab.client.session.exists()).toBe(false)
  })

  test('§7.12 401 while logged out: no refresh, UNAUTHORISED(false), the caller gets the 401', async () => {
    const { tab, backend, api } = setup(mode)
    expect(await tab.client.session.exists()).toBe(false)
    backend.requests.length = 0
    const response = await tab.client.doFetch(api('/api/protected'))
    expect(response.status).toBe(401)
    expect(backend.requests.map((r) => r.path)).toEqual(['/api/protected'])
    expect(tab.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: false }])
  })

  test('§7.13 an API that always 401s: 11 calls and 10 refreshes, then AuthError kind session', async () => {
    const { tab, backend, api, signIn, clock } = setup(mode)
    await signIn()
    clock.advance(1000)
    const error = await tab.client.doFetch(api('/api/always-401')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).kind).toBe('session')
    expect((error as AuthError).message).toContain('maxRetryAttemptsForSessionRefresh')
    expect(backend.calls('/api/always-401')).toHaveLength(11)
    expect(backend.calls('/auth/session/refresh')).toHaveLength(10)
  })

  test('§7.13 maxRetryAttemptsForSessionRefresh 0: the first 401 rejects without a refresh', async () => {
    const { tab, backend, api, signIn } = setup(mode, { client: { maxRetryAttemptsForSessionRefresh: 0 } })
    await signIn()
    await expect(tab.client.doFetch(api('/api/always-401'))).rejects.toMatchObject({ kind: 'session' })
    expect(backend.requests.map((r) => r.path)).toEqual(['/api/always-401'])
  })

  test('§7.14 403 invalid claim: no refresh, no retry, API_INVALID_CLAIM, response unchanged', async () => {
    const { tab, backend, api } = setup(mode)
    await tab.client.emailPassword.signUp({ email: 'unverified@example.com', password: 'abcdefg1' })
    backend.requests.length = 0
    tab.events.length = 0
    const response = await tab.client.doFetch(api('/api/verified-only'))
    expect(response.status).toBe(403)
    const errors = [{ id: 'st-ev', reason: { message: 'wrong value', expectedValue: true, actualValue: false } }]
    expect(await response.json()).toEqual({ message: 'invalid claim', claimValidationErrors: errors })
    expect(backend.requests.map((r) => r.path)).toEqual(['/api/verified-only'])
    expect(tab.events).toEqual([{ type: 'API_INVALID_CLAIM', claimValidationErrors: errors }])
    expect(tab.client.store.getState().invalidClaims).toEqual(errors)
  })

  test('§7.15 sign-out: POST /signout with rid session and no body → SIGN_OUT once, no refresh', async () => {
    const { tab, backend, signIn, paths } = setup(mode)
    await signIn()
    await tab.client.session.signOut()
    expect(paths()).toEqual(['POST /auth/signout'])
    const req = backend.requests[0]!
    expect(req.headers.rid).toBe('session')
    expect(req.headers['fdi-version']).toBe('3.1,4.0,4.1,4.2')
    expect(req.headers['st-auth-mode']).toBe(mode)
    expect(req.body).toBe('')
    if (mode === 'header') expect(req.headers.authorization).toBe('Bearer at.h1.1')
    expect(tab.eventTypes()).toEqual(['SIGN_OUT'])
    expect(await tab.client.session.exists()).toBe(false)
    expect(backend.requests).toHaveLength(1)
    expect(tab.client.store.getState()).toMatchObject({ status: 'signedOut', userId: undefined })
    expect(tab.cookies.cookies.has('st-access-token')).toBe(false)
    expect(tab.cookies.cookies.has('st-refresh-token')).toBe(false)
  })

  test('§7.16 sign-out with an expired access token: refresh first, then sign-out', async () => {
    const { tab, signIn, paths, clock } = setup(mode)
    await signIn()
    clock.advance(2 * 60 * 60 * 1000)
    await tab.client.session.signOut()
    expect(paths()).toEqual(['POST /auth/session/refresh', 'POST /auth/signout'])
    expect(tab.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION', 'SIGN_OUT'])
  })

  test('§7.17 sign-out without a session: no request, SIGN_OUT', async () => {
    const { tab, backend } = setup(mode)
    tab.cookies.write('st-last-access-token-update', '1', Number.MAX_SAFE_INTEGER)
    await tab.client.session.signOut()
    expect(backend.requests).toEqual([])
    expect(tab.eventTypes()).toEqual(['SIGN_OUT'])
  })

  test('§7.18 refresh 200 without front-token: AuthError protocol, no loop', async () => {
    const { tab, backend, api, signIn, paths, clock } = setup(mode)
    await signIn()
    clock.advance(5000)
    backend.expireAccessTokens()
    backend.controls.refreshMode = 'no-front-token'
    const error = await tab.client.doFetch(api('/api/protected')).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'protocol' })
    expect((error as Error).message).toContain('Access-Control-Expose-Headers')
    expect(paths()).toEqual(['GET /api/protected', 'POST /auth/session/refresh'])
    expect(tab.client.store.getState().error).toBe(error)
  })

  test('§7.21 payload update from an app API: ACCESS_TOKEN_PAYLOAD_UPDATED only, new payload readable', async () => {
    const { tab, api, signIn } = setup(mode)
    await signIn()
    const response = await tab.client.doFetch(api('/api/merge-payload'), { method: 'POST' })
    expect(response.status).toBe(200)
    expect(tab.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
    expect(await tab.client.session.getAccessTokenPayload()).toMatchObject({ role: 'admin', sub: ADA.id })
    expect(tab.client.store.getState().accessTokenPayload).toMatchObject({ role: 'admin' })
  })

  test('§7.27-style: proactive refresh when the stored expiry has passed (2 requests instead of 3)', async () => {
    const { tab, api, signIn, paths, clock } = setup(mode)
    await signIn()
    clock.advance(2 * 60 * 60 * 1000)
    const response = await tab.client.doFetch(api('/api/protected'))
    expect(response.status).toBe(200)
    expect(paths()).toEqual(['POST /auth/session/refresh', 'GET /api/protected'])
    expect(tab.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])
  })

  test('a refresh that hangs is aborted after refreshTimeoutMs and rejects with kind network', async () => {
    const { tab, backend, api, signIn, clock } = setup(mode, { client: { refreshTimeoutMs: 5000 } })
    await signIn()
    clock.advance(1000)
    backend.expireAccessTokens()
    backend.controls.refreshMode = 'hang'
    const pending = tab.client.doFetch(api('/api/protected')).catch((e: unknown) => e)
    await vitestWaitFor(() => backend.calls('/auth/session/refresh').length === 1)
    clock.advance(5000)
    const error = await pending
    expect(error).toMatchObject({ kind: 'network' })
    expect((error as Error).message).toContain('5000 ms')
    backend.controls.releaseHang?.()
    expect(clock.pending).toBe(0)
  })
})

describe('header mode specifics', () => {
  test('§7.19 sign-out clears both tokens even if a proxy drops the empty st-* headers', async () => {
    const { tab, backend, signIn } = setup('header')
    await signIn()
    server.use(
      http.post(backend.apiDomain + '/auth/signout', () =>
        HttpResponse.json({ status: 'OK' }, { headers: { 'front-token': 'remove' } }),
      ),
    )
    await tab.client.session.signOut()
    expect(tab.eventTypes()).toEqual(['SIGN_OUT'])
    expect(tab.cookies.cookies.has('st-access-token')).toBe(false)
    expect(tab.cookies.cookies.has('st-refresh-token')).toBe(false)
    expect(tab.cookies.cookies.has('sFrontToken')).toBe(false)
  })

  test('§7.20 a caller Authorization equal to our access token is dropped; the retry uses the new token', async () => {
    const { tab, backend, api, signIn, clock } = setup('header')
    await signIn()
    const stale = tab.cookies.cookies.get('st-access-token')!
    clock.advance(5000)
    backend.expireAccessTokens()
    const response = await tab.client.doFetch(api('/api/protected'), { headers: { Authorization: `Bearer ${stale}` } })
    expect(response.status).toBe(200)
    const sent = backend.calls('/api/protected').map((r) => r.headers.authorization)
    expect(sent).toEqual([`Bearer ${stale}`, 'Bearer at.h1.2'])
  })

  test('§7.20 any other caller Authorization is kept and the SDK adds none', async () => {
    const { tab, backend, api, signIn } = setup('header')
    await signIn()
    server.use(http.get(api('/api/third-party'), () => HttpResponse.json({ ok: true })))
    server.use(
      http.get(api('/api/third-party'), async ({ request }) => {
        backend.requests.push({
          method: 'GET',
          path: '/api/third-party',
          url: request.url,
          headers: Object.fromEntries(request.headers),
          body: '',
          credentials: request.credentials,
        })
        return HttpResponse.json({ ok: true })
      }),
    )
    await tab.client.doFetch(api('/api/third-party'), { headers: { Authorization: 'Bearer someone-else' } })
    expect(backend.requests.at(-1)!.headers.authorization).toBe('Bearer someone-else')
  })

  test('an existing header-mode session keeps sending Bearer after switching the config to cookie', async () => {
    const { tab, backend, api, signIn, clock } = setup('header')
    await signIn()
    const cookieTab = createTab(
      clock,
      { apiDomain: backend.apiDomain, tokenTransferMethod: 'cookie' },
      { cookies: tab.cookies },
    )
    await cookieTab.client.doFetch(api('/api/protected'))
    const req = backend.requests.at(-1)!
    expect(req.headers.authorization).toBe('Bearer at.h1.1')
    expect(req.headers['st-auth-mode']).toBe('cookie')
  })
})

describe('cookie mode specifics', () => {
  test('§7.5 malformed sign-in (400): AuthError protocol with the server message, no refresh', async () => {
    const { tab, backend } = setup('cookie')
    server.use(
      http.post(backend.apiDomain + '/auth/signin', () =>
        HttpResponse.json({ message: 'Missing input param: formFields' }, { status: 400 }),
      ),
    )
    const error = await tab.client.emailPassword.signIn({ email: 'x@example.com', password: 'y' }).catch((e) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ kind: 'protocol', message: 'Missing input param: formFields' })
    expect(backend.calls('/auth/session/refresh')).toHaveLength(0)
  })

  test('§7.6 sign-in always sends st-auth-mode: cookie, so the backend answers with cookies, not st-* headers', async () => {
    const { tab, backend } = setup('cookie')
    await tab.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })
    expect(backend.requests[0]!.headers['st-auth-mode']).toBe('cookie')
    expect(backend.browser.sAccessToken).toBe('at.h1.1')
    expect(tab.cookies.cookies.has('st-access-token')).toBe(false)
  })

  test('§7.25 VIA_TOKEN anti-CSRF: stored, echoed on requests and refresh, replaced after refresh', async () => {
    const { tab, backend, api, signIn, clock } = setup('cookie', { backend: { antiCsrf: 'VIA_TOKEN' } })
    await signIn()
    expect(tab.cookies.cookies.get('sAntiCsrf')).toBe('csrf.h1.1')
    const post = await tab.client.doFetch(api('/api/protected'), { method: 'POST' })
    expect(post.status).toBe(200)
    expect(backend.requests[0]!.headers['anti-csrf']).toBe('csrf.h1.1')
    clock.advance(5000)
    backend.expireAccessTokens()
    backend.requests.length = 0
    expect((await tab.client.doFetch(api('/api/protected'), { method: 'POST' })).status).toBe(200)
    const [, refresh, retry] = backend.requests
    expect(refresh!.headers['anti-csrf']).toBe('csrf.h1.1')
    expect(retry!.headers['anti-csrf']).toBe('csrf.h1.2')
    expect(tab.cookies.cookies.get('sAntiCsrf')).toBe('csrf.h1.2')
  })

  test('§7.26 clock skew: client +1 h, 15 min tokens: no refresh until real expiry', async () => {
    const { tab, backend, signIn, clock } = setup('cookie', {
      backend: { serverOffsetMs: -60 * 60 * 1000, accessTokenLifetimeMs: 15 * 60 * 1000 },
    })
    await signIn()
    expect(await tab.client.session.exists()).toBe(true)
    clock.advance(14 * 60 * 1000)
    expect(await tab.client.session.exists()).toBe(true)
    expect(backend.requests).toHaveLength(0)
    clock.advance(2 * 60 * 1000)
    expect(await tab.client.session.exists()).toBe(true)
    expect(backend.calls('/auth/session/refresh')).toHaveLength(1)
  })

  test('§7.26 the skew is persisted under __st_clockSkewInMillis', async () => {
    const storage = createMemoryStorage()
    const { tab, signIn } = setup('cookie', {
      backend: { serverOffsetMs: -60 * 60 * 1000 },
      client: { platform: { storage } },
    })
    await signIn()
    const skew = Number(storage.getItem('__st_clockSkewInMillis'))
    expect(skew).toBeLessThanOrEqual(-60 * 60 * 1000 + 1000)
    expect(skew).toBeGreaterThan(-60 * 60 * 1000 - 1000)
    expect(tab.client.store.getState().status).toBe('signedIn')
  })

  test('§7.27 frontend cookies wiped while httpOnly cookies remain: refresh first, SESSION_CREATED + REFRESH_SESSION', async () => {
    const { tab, api, signIn, paths } = setup('cookie')
    await signIn()
    tab.cookies.cookies.clear()
    const response = await tab.client.doFetch(api('/api/protected'))
    expect(response.status).toBe(200)
    expect(paths()).toEqual(['POST /auth/session/refresh', 'GET /api/protected'])
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED', 'REFRESH_SESSION'])
  })

  test('§7.22 email verification (required): 403, claim refetch after 10 s, send, verify, re-validate', async () => {
    const { tab, backend, api, clock } = setup('cookie', { client: { emailVerification: 'required' } })
    await tab.client.emailPassword.signUp({ email: 'new@example.com', password: 'abcdefg1' })
    expect((await tab.client.doFetch(api('/api/verified-only'))).status).toBe(403)
    backend.requests.length = 0
    // The claim value was fetched at sign-up: within 10 s no refetch.
    expect(await tab.client.session.validateClaims()).toEqual([
      { id: 'st-ev', reason: { message: 'wrong value', expectedValue: true, actualValue: false } },
    ])
    expect(backend.requests).toHaveLength(0)
    clock.advance(11_000)
    const invalid = await tab.client.session.validateClaims()
    expect(invalid.map((e) => e.id)).toEqual(['st-ev'])
    expect(backend.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /auth/user/email/verify'])
    expect(backend.requests[0]!.headers.rid).toBe('emailverification')
    expect(tab.client.store.getState().invalidClaims.map((e) => e.id)).toEqual(['st-ev'])

    expect(await tab.client.emailVerification.sendEmail()).toEqual({ status: 'OK' })
    const sent = backend.requests.at(-1)!
    expect(sent.path).toBe('/auth/user/email/verify/token')
    expect(JSON.parse(sent.body)).toEqual({})
    const token = [...backend.emailTokens.keys()][0]!
    expect(await tab.client.emailVerification.verify(token)).toEqual({ status: 'OK' })
    expect(JSON.parse(backend.requests.at(-1)!.body)).toEqual({ method: 'token', token })
    tab.events.length = 0
    expect(await tab.client.emailVerification.isVerified()).toBe(true)
    expect(tab.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
    expect(await tab.client.session.validateClaims()).toEqual([])
    expect(tab.client.store.getState().invalidClaims).toEqual([])
    expect((await tab.client.doFetch(api('/api/verified-only'))).status).toBe(200)
  })

  test('§7.23 password reset: no enumeration, only the password is sent, tokens are single-use', async () => {
    const { tab, backend } = setup('cookie')
    expect(await tab.client.emailPassword.sendPasswordResetEmail('nobody@example.com')).toEqual({ status: 'OK' })
    expect(await tab.client.emailPassword.sendPasswordResetEmail(ADA.email)).toEqual({ status: 'OK' })
    expect(JSON.parse(backend.requests.at(-1)!.body)).toEqual({ formFields: [{ id: 'email', value: ADA.email }] })
    const token = [...backend.resetTokens.keys()][0]!
    expect(await tab.client.emailPassword.resetPassword({ token, password: 'newpass123' })).toEqual({ status: 'OK' })
    expect(JSON.parse(backend.requests.at(-1)!.body)).toEqual({
      method: 'token',
      formFields: [{ id: 'password', value: 'newpass123' }],
      token,
    })
    expect(await tab.client.emailPassword.resetPassword({ token, password: 'newpass123' })).toEqual({
      status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR',
    })
    expect(tab.events).toEqual([])
    expect((await tab.client.emailPassword.signIn({ email: ADA.email, password: 'newpass123' })).status).toBe('OK')
  })

  test('§7.24 interception scope: other hosts untouched; opt-outs; ports ignored; backend subdomains', async () => {
    const { backend, clock } = setup('cookie')
    const tab = createTab(clock, { apiDomain: backend.apiDomain, sessionTokenBackendDomain: '.example.org' })
    const seen: { url: string; rid: string | null; mode: string | null; credentials: string }[] = []
    const skipHeaders: (string | null)[] = []
    const capture = ({ request }: { request: Request }) => {
      skipHeaders.push(request.headers.get('x-authfront-skip'))
      seen.push({
        url: request.url,
        rid: request.headers.get('rid'),
        mode: request.headers.get('st-auth-mode'),
        credentials: request.credentials,
      })
      return HttpResponse.json({ message: 'unauthorised' }, { status: 401 })
    }
    const apiHost = new URL(backend.apiDomain).hostname
    server.use(
      http.get('http://other.test/x', capture),
      http.get(`${backend.apiDomain}/skip`, capture),
      http.get(`http://${apiHost}:9999/port`, capture),
      http.get('http://api.example.org/sub', capture),
      http.get('http://deep.api.example.org/sub', capture),
    )
    const other = await tab.client.doFetch('http://other.test/x')
    expect(other.status).toBe(401)
    expect(seen[0]).toEqual({ url: 'http://other.test/x', rid: null, mode: null, credentials: 'same-origin' })
    await tab.client.doFetch(`${backend.apiDomain}/skip?superTokensDoNotDoInterception`)
    expect(seen[1]!.rid).toBeNull()
    await tab.client.doFetch(`${backend.apiDomain}/skip`, { headers: { 'x-authfront-skip': '1' } })
    expect(seen[2]!.rid).toBeNull()
    // The opt-out header itself never leaves the client.
    expect(skipHeaders[2]).toBeNull()
    // Relative URL on a page that is not the API host: not intercepted (checked by the rule; Node's fetch
    // cannot send relative URLs itself).
    expect(isInterceptedUrl('/rel', tab.client.config, 'http://app.test')).toBe(false)
    expect(isInterceptedUrl('/rel', tab.client.config, backend.apiDomain)).toBe(true)
    // No refresh was attempted for any of those 401s, and no event fired.
    expect(backend.calls('/auth/session/refresh')).toHaveLength(0)
    expect(tab.events).toEqual([])

    tab.cookies.write('st-last-access-token-update', '1', Number.MAX_SAFE_INTEGER)
    await tab.client.doFetch(`http://${apiHost}:9999/port`)
    expect(seen[3]).toMatchObject({ rid: 'anti-csrf', mode: 'cookie', credentials: 'include' })
    await tab.client.doFetch('http://api.example.org/sub')
    expect(seen[4]).toMatchObject({ rid: 'anti-csrf', mode: 'cookie' })
    await tab.client.doFetch('http://deep.api.example.org/sub')
    expect(seen[5]).toMatchObject({ rid: 'anti-csrf', mode: 'cookie' })

    // A relative URL on a page served from the API hostname is intercepted.
    const onApiHost = createTab(
      clock,
      { apiDomain: backend.apiDomain, platform: { origin: () => backend.apiDomain } },
      { cookies: tab.cookies },
    )
    server.use(http.get(`${backend.apiDomain}/rel`, capture))
    await onApiHost.client.doFetch('/rel')
    expect(seen[6]).toMatchObject({ rid: 'anti-csrf', mode: 'cookie', credentials: 'include' })
  })
})

async function vitestWaitFor(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve))
  if (!condition()) throw new Error('condition not met')
}
