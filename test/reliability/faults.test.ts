/**
 * Fault matrix: the real client over MSW against the mock backend, with the backend's fault controls. Each test
 * checks what an integrator notices: the rejection (`AuthError` kind), the store, the events and how many requests
 * went out (no loops), and that the session ends only when the protocol says so.
 */
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { AuthError, createSafeStorage, isAuthError } from 'authfront'
import type { CookieJar, KeyValueStorage } from 'authfront'
import { ADA, installServer, settle, setup, until, watchUnhandledRejections } from './helpers'
import type { Setup } from './helpers'

const server = installServer()
watchUnhandledRejections()

const HOUR = 3_600_000

async function signedIn(s: Setup) {
  const result = await s.client.emailPassword.signIn(ADA)
  expect(result.status).toBe('OK')
  expect(s.client.store.getState().status).toBe('signedIn')
  s.mark()
}

async function signedOutSettled(s: Setup) {
  expect(await s.client.session.exists()).toBe(false)
  expect(s.client.store.getState().status).toBe('signedOut')
  s.mark()
}

function expectAuthError(outcome: { ok: boolean; error?: unknown }, kind: AuthError['kind']) {
  expect(outcome.ok).toBe(false)
  const error = (outcome as { error: unknown }).error
  expect(error).toBeInstanceOf(AuthError)
  expect((error as AuthError).kind).toBe(kind)
}

describe('network down', () => {
  it('during sign-in: AuthError network, no session, nothing retried, and the next attempt works', async () => {
    const s = setup(server)
    await signedOutSettled(s)
    s.backend.controls.networkErrorNext({ match: '/signin' })
    expectAuthError(await settle(s.client.emailPassword.signIn(ADA)), 'network')
    expect(s.paths).toEqual(['POST /auth/signin'])
    expect(s.events).toEqual([])
    expect(s.client.store.getState().status).toBe('signedOut')
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    expect(s.eventTypes()).toEqual(['SESSION_CREATED'])
  })

  it('during sign-up: AuthError network, no user created, no session', async () => {
    const s = setup(server)
    await signedOutSettled(s)
    s.backend.controls.networkErrorNext({ match: '/signup' })
    expectAuthError(
      await settle(s.client.emailPassword.signUp({ email: 'new@example.com', password: 'password1' })),
      'network',
    )
    expect(s.paths).toEqual(['POST /auth/signup'])
    expect(s.backend.users.get('new@example.com')).toBeUndefined()
    expect(s.client.store.getState().status).toBe('signedOut')
    expect(s.events).toEqual([])
  })

  it('during a refresh before sending: AuthError network, one refresh, the session is kept', async () => {
    const s = setup(server)
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    s.backend.controls.networkErrorNext({ match: '/session/refresh' })
    expectAuthError(await settle(s.client.doFetch(`${s.api}/api/me`)), 'network')
    expect(s.paths).toEqual(['POST /auth/session/refresh'])
    expect(s.events).toEqual([])
    expect(s.client.store.getState()).toMatchObject({ status: 'signedIn' })
    expect(s.client.store.getState().error?.kind).toBe('network')
    // Back online: one refresh, then the call.
    s.mark()
    const response = await s.client.doFetch(`${s.api}/api/me`)
    expect(response.status).toBe(200)
    expect(s.paths).toEqual(['POST /auth/session/refresh', 'GET /api/me'])
    expect(s.client.store.getState().error).toBeUndefined()
  })

  it('during a refresh after a 401: AuthError network, no retry loop, the session is kept', async () => {
    const s = setup(server)
    await signedIn(s)
    s.backend.controls.expireAccessTokens()
    s.backend.controls.networkErrorNext({ match: '/session/refresh' })
    expectAuthError(await settle(s.client.doFetch(`${s.api}/api/me`)), 'network')
    expect(s.paths).toEqual(['GET /api/me', 'POST /auth/session/refresh'])
    expect(s.client.store.getState().status).toBe('signedIn')
    expect(s.eventTypes()).not.toContain('UNAUTHORISED')
  })

  it('during exists() on an expired token: false, but the store keeps the session and records the error', async () => {
    const s = setup(server)
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    s.backend.controls.networkErrorNext({ match: '/session/refresh' })
    expect(await s.client.session.exists()).toBe(false)
    // docs/PROTOCOL.md §5.8: a failing refresh endpoint yields false *without clearing the local session*.
    expect(s.client.store.getState()).toMatchObject({ status: 'signedIn' })
    expect(s.client.store.getState().error?.kind).toBe('network')
    expect(s.events).toEqual([])
    expect(await s.client.session.exists()).toBe(true)
    expect(s.client.store.getState().error).toBeUndefined()
  })

  it('during session.refresh(): rejects with AuthError network and keeps the session', async () => {
    const s = setup(server)
    await signedIn(s)
    s.backend.controls.networkErrorNext({ match: '/session/refresh' })
    expectAuthError(await settle(s.client.session.refresh()), 'network')
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(s.client.store.getState().status).toBe('signedIn')
  })

  it('during sign-out: AuthError network, the session is still there (the backend never heard of it)', async () => {
    const s = setup(server)
    await signedIn(s)
    s.backend.controls.networkErrorNext({ match: '/signout' })
    expectAuthError(await settle(s.client.session.signOut()), 'network')
    expect(s.paths).toEqual(['POST /auth/signout'])
    expect(s.events).toEqual([])
    expect(s.client.store.getState().status).toBe('signedIn')
    // Retrying works and ends the session for real.
    await s.client.session.signOut()
    expect(s.eventTypes()).toEqual(['SIGN_OUT'])
    expect(s.client.store.getState().status).toBe('signedOut')
  })

  // Regression (fixed): signOut() used to start with `if (!(await exists()))`, and exists() answers false when the
  // refresh of an expired access token fails (network/5xx, docs/PROTOCOL.md §5.8). signOut() then fired SIGN_OUT and
  // resolved without ever calling /signout: the backend session, the frontend cookies and the signedIn store all
  // stayed. On a shared computer the user walked away signed in while the app said they were signed out. (The
  // official SDK's signOut has the same shape; "SIGN_OUT ... when no session exists" does not cover "could not
  // tell".) Now only a known absence of a session short-circuits.
  it('during sign-out with an expired access token: rejects (network), no SIGN_OUT, session not left behind', async () => {
    const s = setup(server)
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    s.backend.controls.networkErrorNext({ match: '/session/refresh' })
    const outcome = await settle(s.client.session.signOut())
    expect(s.eventTypes()).not.toContain('SIGN_OUT')
    expectAuthError(outcome, 'network')
  })

  it('sign-out in a fresh browser whose probe refresh fails: rejects (network), no SIGN_OUT', async () => {
    const s = setup(server)
    s.backend.controls.networkErrorNext({ match: '/session/refresh' })
    expectAuthError(await settle(s.client.session.signOut()), 'network')
    expect(s.paths).toEqual(['POST /auth/session/refresh'])
    expect(s.eventTypes()).toEqual([])
    // Once the probe can answer (no session), sign-out is the no-request SIGN_OUT of docs/PROTOCOL.md §7 case 17.
    await s.client.session.signOut()
    expect(s.eventTypes()).toEqual(['SIGN_OUT'])
    expect(s.client.store.getState().status).toBe('signedOut')
  })

  it('sign-out with an expired token whose refresh says the session is gone: resolves, session cleared', async () => {
    const s = setup(server)
    await signedIn(s)
    s.backend.controls.revokeAllSessions()
    s.clock.advance(HOUR + 1000)
    await s.client.session.signOut()
    expect(s.paths).toEqual(['POST /auth/session/refresh'])
    expect(s.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }])
    expect(s.client.store.getState().status).toBe('signedOut')
  })

  it('sign-out with an expired token and a working network: refresh, then /signout, SIGN_OUT once', async () => {
    const s = setup(server)
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    await s.client.session.signOut()
    expect(s.paths).toEqual(['POST /auth/session/refresh', 'POST /auth/signout'])
    expect(s.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION', 'SIGN_OUT'])
    expect(s.backend.sessions.list().every((session) => session.revoked)).toBe(true)
  })

  it('fresh browser probe with the network down: exists() settles without a loop and the store says why', async () => {
    const s = setup(server)
    s.backend.controls.networkErrorNext({ match: '/session/refresh' })
    const outcome = await settle(s.client.session.exists())
    // Either false (the official behaviour) or a network AuthError; never a loop or another error type.
    if (outcome.ok) expect(outcome.value).toBe(false)
    else expectAuthError(outcome, 'network')
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(['signedOut', 'loading']).toContain(s.client.store.getState().status)
    expect(s.client.store.getState().error?.kind).toBe('network')
  })
})

describe('500 with an HTML body from every endpoint the client calls', () => {
  const html500 = (s: Setup, match: string) => s.backend.controls.failNext({ match })

  const recipeCalls: Array<[string, string, (s: Setup) => Promise<unknown>, boolean]> = [
    [
      'sign-up',
      '/signup',
      (s) => s.client.emailPassword.signUp({ email: 'x@example.com', password: 'password1' }),
      false,
    ],
    ['sign-in', '/signin', (s) => s.client.emailPassword.signIn(ADA), false],
    ['email exists', '/emailpassword/email/exists', (s) => s.client.emailPassword.emailExists(ADA.email), false],
    [
      'reset email',
      '/user/password/reset/token',
      (s) => s.client.emailPassword.sendPasswordResetEmail(ADA.email),
      false,
    ],
    [
      'reset password',
      '/user/password/reset',
      (s) => s.client.emailPassword.resetPassword({ token: 't', password: 'password2' }),
      false,
    ],
    ['is verified', '/user/email/verify', (s) => s.client.emailVerification.isVerified(), true],
    ['send verification', '/user/email/verify/token', (s) => s.client.emailVerification.sendEmail(), true],
    ['verify', '/user/email/verify', (s) => s.client.emailVerification.verify('token'), true],
    ['sign-out', '/signout', (s) => s.client.session.signOut(), true],
    ['refresh', '/session/refresh', (s) => s.client.session.refresh(), true],
  ]

  for (const [name, match, run, needsSession] of recipeCalls) {
    it(`${name}: rejects with AuthError server, one request, session untouched`, async () => {
      const s = setup(server, { backend: { emailVerification: 'optional' }, client: { emailVerification: 'optional' } })
      if (needsSession) await signedIn(s)
      else await signedOutSettled(s)
      const before = s.client.store.getState().status
      html500(s, match)
      const outcome = await settle(run(s))
      expectAuthError(outcome, 'server')
      expect(s.paths).toHaveLength(1)
      expect(s.backend.controls.pendingFaults()).toBe(0)
      expect(s.client.store.getState().status).toBe(before)
      expect(s.eventTypes().filter((t) => t === 'UNAUTHORISED' || t === 'SIGN_OUT')).toEqual([])
    })
  }

  it('an app API answering 500 HTML: doFetch hands the response over untouched, no refresh', async () => {
    const s = setup(server)
    await signedIn(s)
    html500(s, '/api/me')
    const response = await s.client.doFetch(`${s.api}/api/me`)
    expect(response.status).toBe(500)
    expect(await response.text()).toContain('Internal Server Error')
    expect(s.paths).toEqual(['GET /api/me'])
    expect(s.client.store.getState().status).toBe('signedIn')
  })

  it('refresh answering 500 before a call: the caller gets that 500, the session is kept', async () => {
    const s = setup(server)
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    html500(s, '/session/refresh')
    const outcome = await settle(s.client.doFetch(`${s.api}/api/me`))
    if (outcome.ok) expect(outcome.value.status).toBe(500)
    else expectAuthError(outcome, 'server')
    expect(s.paths).toEqual(['POST /auth/session/refresh'])
    expect(s.client.store.getState().status).toBe('signedIn')
    expect(s.client.store.getState().error?.kind).toBe('server')
  })

  it('a 200 with an HTML body (a proxy login page) from sign-in: AuthError protocol, not a TypeError', async () => {
    const s = setup(server)
    await signedOutSettled(s)
    s.backend.controls.failNext({ match: '/signin', status: 200, body: '<html><body>Log in to Wi-Fi</body></html>' })
    expectAuthError(await settle(s.client.emailPassword.signIn(ADA)), 'protocol')
    expect(s.client.store.getState().status).toBe('signedOut')
  })
})

describe('refresh that hangs', () => {
  it('is aborted after refreshTimeoutMs (fake clock): AuthError network, lock released, next refresh works', async () => {
    const s = setup(server, { client: { refreshTimeoutMs: 5000 } })
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    s.backend.controls.hangNext({ match: '/session/refresh' })
    const pending = settle(s.client.doFetch(`${s.api}/api/me`))
    const second = settle(s.client.doFetch(`${s.api}/api/me`))
    await until(() => s.count('/auth/session/refresh') === 1, 'the refresh to reach the backend')
    s.clock.advance(4999)
    await new Promise((resolve) => setImmediate(resolve))
    expect(s.clock.pending).toBe(1)
    s.clock.advance(1)
    const outcome = await pending
    expectAuthError(outcome, 'network')
    expect((outcome as { error: Error }).error.message).toMatch(/5000 ms/)
    // The request queued behind the hanging refresh shares its fate instead of hanging on.
    expectAuthError(await second, 'network')
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(s.client.store.getState().status).toBe('signedIn')
    expect(s.clock.pending).toBe(0)
    s.mark()
    expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
    expect(s.paths).toEqual(['POST /auth/session/refresh', 'GET /api/me'])
  })

  it('uses the default timeout (20 s) when none is configured', async () => {
    const s = setup(server)
    await signedIn(s)
    s.backend.controls.hangNext({ match: '/session/refresh' })
    const pending = settle(s.client.session.refresh())
    await until(() => s.count('/auth/session/refresh') === 1, 'the refresh to reach the backend')
    s.clock.advance(19_999)
    await new Promise((resolve) => setImmediate(resolve))
    s.clock.advance(1)
    expectAuthError(await pending, 'network')
  })
})

describe('refresh 200 without front-token', () => {
  it('before sending: AuthError protocol, exactly one refresh, no loop, session not ended', async () => {
    const s = setup(server)
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    s.backend.controls.dropFrontTokenOnRefresh()
    expectAuthError(await settle(s.client.doFetch(`${s.api}/api/me`)), 'protocol')
    expect(s.paths).toEqual(['POST /auth/session/refresh'])
    expect(s.eventTypes()).not.toContain('UNAUTHORISED')
    expect(s.client.store.getState().error?.kind).toBe('protocol')
  })

  it('after a 401: one API call, one refresh, AuthError protocol', async () => {
    const s = setup(server)
    await signedIn(s)
    s.backend.controls.expireAccessTokens()
    s.backend.controls.dropFrontTokenOnRefresh()
    expectAuthError(await settle(s.client.doFetch(`${s.api}/api/me`)), 'protocol')
    expect(s.paths).toEqual(['GET /api/me', 'POST /auth/session/refresh'])
  })

  it('session.refresh() and exists() on an expired token reject/settle without looping', async () => {
    const s = setup(server)
    await signedIn(s)
    s.backend.controls.dropFrontTokenOnRefresh()
    expectAuthError(await settle(s.client.session.refresh()), 'protocol')
    s.clock.advance(HOUR + 1000)
    const exists = await settle(s.client.session.exists())
    if (exists.ok) expect(exists.value).toBe(false)
    else expectAuthError(exists, 'protocol')
    expect(s.count('/auth/session/refresh')).toBe(2)
  })

  it('on a fresh browser probe (MAY_EXIST) before a call: one refresh, AuthError protocol', async () => {
    const s = setup(server)
    // The backend has a session (httpOnly cookies) but the frontend markers are gone.
    await s.client.emailPassword.signIn(ADA)
    s.cookies.cookies.clear()
    s.mark()
    s.backend.controls.dropFrontTokenOnRefresh()
    expectAuthError(await settle(s.client.doFetch(`${s.api}/api/me`)), 'protocol')
    expect(s.paths).toEqual(['POST /auth/session/refresh'])
  })
})

describe('Access-Control-Expose-Headers stripped (browser CORS emulated)', () => {
  /**
   * What a browser does with a cross-origin response: only the CORS-safelisted headers and those listed in
   * Access-Control-Expose-Headers are readable. Node's fetch shows everything, so we filter like a browser.
   */
  const corsFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    const safelisted = [
      'cache-control',
      'content-language',
      'content-length',
      'content-type',
      'expires',
      'last-modified',
      'pragma',
    ]
    const exposed = (response.headers.get('access-control-expose-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '')
    const headers = new Headers()
    for (const [name, value] of response.headers) {
      if (safelisted.includes(name) || exposed.includes(name)) headers.set(name, value)
    }
    const body = response.status === 204 ? null : await response.arrayBuffer()
    return new Response(body, { status: response.status, headers })
  }

  it('control: with the expose list intact the whole journey works through the CORS filter', async () => {
    const s = setup(server, { platform: { fetch: corsFetch } })
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
    expect(s.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])
    await s.client.session.signOut()
    expect(s.client.store.getState().status).toBe('signedOut')
  })

  it('a signed-in session whose refresh loses front-token: one refresh, AuthError protocol, no loop', async () => {
    const s = setup(server, { platform: { fetch: corsFetch } })
    await signedIn(s)
    s.backend.controls.stripExposeHeaders()
    s.clock.advance(HOUR + 1000)
    for (let i = 0; i < 3; i++) expectAuthError(await settle(s.client.doFetch(`${s.api}/api/me`)), 'protocol')
    // One refresh per call, never more.
    expect(s.count('/auth/session/refresh')).toBe(3)
    expect(s.count('/api/me')).toBe(0)
  })

  // Regression (fixed): signIn/signUp used to return OK whenever the body said OK, even when the response carried
  // no readable front-token: the backend session existed (httpOnly cookies set) but the client stayed signed out
  // and said nothing (no event, no store.error); SignInUp redirected to the app, whose guard sent the user back.
  // Now the call rejects with AuthError protocol naming Access-Control-Expose-Headers (and sets store.error).
  it('sign-in whose front-token is unreadable does not leave a silently broken session', async () => {
    const s = setup(server, { platform: { fetch: corsFetch } })
    await signedOutSettled(s)
    s.backend.controls.stripExposeHeaders()
    const outcome = await settle(s.client.emailPassword.signIn(ADA))
    // The backend created a session (the httpOnly cookies are set). The integrator must learn about the broken
    // CORS config at sign-in: either the call rejects with AuthError protocol, or the client knows it is signed in.
    const signedInNow = s.client.store.getState().status === 'signedIn'
    const rejectedAsProtocol = !outcome.ok && isAuthError(outcome.error) && outcome.error.kind === 'protocol'
    expect({ signedInNow, rejectedAsProtocol }).not.toEqual({ signedInNow: false, rejectedAsProtocol: false })
  })
})

describe('token theft and revocation', () => {
  it('a replayed (superseded) refresh token on refresh: session ends, UNAUTHORISED once, no retry', async () => {
    const s = setup(server, { client: { tokenTransferMethod: 'header' } })
    await signedIn(s)
    const stolen = s.cookies.cookies.get('st-refresh-token')
    expect(stolen).toBeDefined()
    // A legitimate rotation, then the old token comes back (another device replays it / a stale copy).
    expect(await s.client.session.refresh()).toBe(true)
    s.cookies.write('st-refresh-token', stolen, Date.now() + HOUR)
    s.clock.advance(HOUR + 1000)
    s.mark()
    const response = await s.client.doFetch(`${s.api}/api/me`)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ message: 'token theft detected' })
    expect(s.paths).toEqual(['POST /auth/session/refresh'])
    expect(s.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }])
    expect(s.client.store.getState()).toMatchObject({ status: 'signedOut', userId: undefined })
    expect(s.backend.sessions.list().every((session) => session.revoked)).toBe(true)
    // Afterwards the client knows it is signed out: no more network.
    s.mark()
    expect(await s.client.session.exists()).toBe(false)
    expect(s.paths).toEqual([])
  })

  it('cookie mode theft: the browser presents a superseded refresh cookie', async () => {
    const s = setup(server)
    await signedIn(s)
    const refreshPath = '/auth/session/refresh'
    const old = s.backend.cookies.get('sRefreshToken', refreshPath)
    expect(old).toBeDefined()
    expect(await s.client.session.refresh()).toBe(true)
    s.backend.cookies.set({ name: 'sRefreshToken', value: old!, path: refreshPath, expiresAt: s.clock.now() + HOUR })
    s.backend.controls.expireAccessTokens()
    s.mark()
    const response = await s.client.doFetch(`${s.api}/api/me`)
    expect(response.status).toBe(401)
    expect(s.paths).toEqual(['GET /api/me', 'POST /auth/session/refresh'])
    expect(s.eventTypes()).toEqual(['UNAUTHORISED'])
    expect(s.client.store.getState().status).toBe('signedOut')
  })

  it('revoked sessions: refresh 401 ends the session once; the API is not retried', async () => {
    const s = setup(server)
    await signedIn(s)
    s.backend.controls.revokeAllSessions()
    s.backend.controls.expireAccessTokens()
    const response = await s.client.doFetch(`${s.api}/api/me`)
    expect(response.status).toBe(401)
    expect(s.paths).toEqual(['GET /api/me', 'POST /auth/session/refresh'])
    expect(s.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }])
  })
})

describe('an API that always answers 401', () => {
  const always401 = (api: string) =>
    http.all(`${api}/api/always-401`, () => HttpResponse.json({ message: 'try refresh token' }, { status: 401 }))

  for (const max of [10, 2, 0]) {
    it(`maxRetryAttemptsForSessionRefresh ${max}: ${max + 1} calls, ${max} refreshes, then AuthError session`, async () => {
      const s = setup(server, { client: max === 10 ? {} : { maxRetryAttemptsForSessionRefresh: max } })
      server.use(always401(s.api))
      await signedIn(s)
      const outcome = await settle(s.client.doFetch(`${s.api}/api/always-401`))
      expectAuthError(outcome, 'session')
      expect((outcome as { error: AuthError }).error.response?.status).toBe(401)
      expect(s.count('/api/always-401')).toBe(max + 1)
      expect(s.count('/auth/session/refresh')).toBe(max)
      // Every refresh succeeded: the session is fine, only this API is broken.
      expect(s.client.store.getState().status).toBe('signedIn')
      expect(s.eventTypes().filter((t) => t === 'REFRESH_SESSION')).toHaveLength(max)
    })
  }
})

describe('403 invalid claim', () => {
  it('fires API_INVALID_CLAIM, returns the 403, never refreshes or retries', async () => {
    const s = setup(server, {
      backend: { emailVerification: 'required' },
      client: { emailVerification: 'required' },
    })
    await signedIn(s)
    const response = await s.client.doFetch(`${s.api}/api/me`)
    expect(response.status).toBe(403)
    const body = (await response.json()) as { claimValidationErrors: { id: string }[] }
    expect(body.claimValidationErrors.map((e) => e.id)).toEqual(['st-ev'])
    expect(s.paths).toEqual(['GET /api/me'])
    const claimEvents = s.events.filter((e) => e.type === 'API_INVALID_CLAIM')
    expect(claimEvents).toHaveLength(1)
    expect(claimEvents[0]).toMatchObject({ claimValidationErrors: [{ id: 'st-ev' }] })
    expect(s.client.store.getState().invalidClaims.map((e) => e.id)).toEqual(['st-ev'])
    expect(s.client.store.getState().status).toBe('signedIn')
  })

  it('a 403 without claimValidationErrors (an app permission error) fires nothing', async () => {
    const s = setup(server)
    server.use(http.get(`${s.api}/api/admin`, () => HttpResponse.json({ message: 'forbidden' }, { status: 403 })))
    await signedIn(s)
    const response = await s.client.doFetch(`${s.api}/api/admin`)
    expect(response.status).toBe(403)
    expect(s.events).toEqual([])
    expect(s.count('/auth/session/refresh')).toBe(0)
  })
})

describe('a response from a session that ended while it was in flight', () => {
  it('does not overwrite the new session (sign-out + sign-in as someone else meanwhile)', async () => {
    const s = setup(server)
    s.backend.users.add({ email: 'bob@example.com', password: 'password1' })
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    server.use(
      http.post(
        `${s.api}/api/slow-merge`,
        s.backend.protect(async ({ session }) => {
          await gate
          session.mergeIntoAccessTokenPayload({ role: 'admin' })
          return HttpResponse.json({ ok: true })
        }),
      ),
    )
    await signedIn(s)
    const slow = s.client.doFetch(`${s.api}/api/slow-merge`, { method: 'POST' })
    await until(() => s.count('/api/slow-merge') === 1, 'the slow call to reach the backend')
    await s.client.session.signOut()
    expect((await s.client.emailPassword.signIn({ email: 'bob@example.com', password: 'password1' })).status).toBe('OK')
    const bob = s.client.store.getState().userId
    s.mark()
    release()
    expect((await slow).status).toBe(200)
    // Ada's late token must not replace Bob's session.
    expect(s.client.store.getState().userId).toBe(bob)
    expect(await s.client.session.getUserId()).toBe(bob)
    expect(s.client.store.getState().accessTokenPayload?.role).toBeUndefined()
    expect(s.events).toEqual([])
  })
})

describe('storage and cookie jars that throw', () => {
  const throwingStorage: KeyValueStorage = {
    getItem() {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    },
    setItem() {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    },
    removeItem() {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    },
  }

  it('createSafeStorage over a throwing localStorage: the journey works, warning once', async () => {
    const warn = vitestSpyConsole('warn')
    const s = setup(server, { storage: createSafeStorage(() => throwingStorage) })
    await signedIn(s)
    s.clock.advance(HOUR + 1000)
    expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
    await s.client.session.signOut()
    expect(s.client.store.getState().status).toBe('signedOut')
    expect(warn.calls).toHaveLength(1)
    warn.restore()
  })

  // Regression (fixed): applyHeaders() stored the clock skew with an unguarded storage.setItem; the throw escaped
  // doFetch after the stamp and front token were written but before the events, and the requester wrapped it as
  // kind 'network' ("Could not reach the server" although the sign-in succeeded). The client now wraps any
  // platform.storage like createSafeStorage: memory fallback, one warning.
  it('a throwing storage given directly as platform.storage: sign-in still succeeds and fires SESSION_CREATED', async () => {
    const s = setup(server, { storage: throwingStorage })
    const outcome = await settle(s.client.emailPassword.signIn(ADA))
    expect(outcome).toMatchObject({ ok: true, value: { status: 'OK' } })
    expect(s.eventTypes()).toEqual(['SESSION_CREATED'])
    expect(s.client.store.getState().status).toBe('signedIn')
  })

  it('a throwing storage given directly: never anything but AuthError, and no loop', async () => {
    const s = setup(server, { storage: throwingStorage })
    const outcome = await settle(s.client.emailPassword.signIn(ADA))
    if (!outcome.ok) expect(isAuthError(outcome.error)).toBe(true)
    const exists = await settle(s.client.session.exists())
    if (!exists.ok) expect(isAuthError(exists.error)).toBe(true)
    expect(['loading', 'signedIn', 'signedOut']).toContain(s.client.store.getState().status)
    expect(s.paths.length).toBeLessThanOrEqual(2)
  })

  it('a cookie jar whose writes are silently dropped (cookies blocked): sign-in rejects, then no refresh at all', async () => {
    const blocked: CookieJar = { read: () => '', write: () => {} }
    const s = setup(server, { platform: { cookies: blocked } })
    expectAuthError(await settle(s.client.emailPassword.signIn(ADA)), 'protocol')
    s.mark()
    // The page knows it cannot hold a session: calls go out without one, never a probe or a storm.
    for (let i = 0; i < 3; i++) await s.client.doFetch(`${s.api}/api/me`)
    expect(s.count('/auth/session/refresh')).toBe(0)
    expect(s.count('/api/me')).toBe(3)
  })

  // Regression (fixed): read() called cookies.read() unguarded; doFetch, session.exists() and signOut() rejected
  // with the raw DOMException and signIn wrapped it as kind 'network'. document.cookie throws SecurityError in
  // sandboxed iframes. The client now degrades a throwing jar to memory (one warning), like storage.
  it('a cookie jar that throws (document.cookie in a sandboxed iframe): only AuthError, never a raw DOMException', async () => {
    const insecure = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError')
    }
    const s = setup(server, { platform: { cookies: { read: insecure, write: insecure } } })
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['signIn', () => s.client.emailPassword.signIn(ADA)],
      ['doFetch', () => s.client.doFetch(`${s.api}/api/me`)],
      ['exists', () => s.client.session.exists()],
      ['signOut', () => s.client.session.signOut()],
    ]
    const offenders: string[] = []
    for (const [name, run] of calls) {
      const outcome = await settle(run())
      if (!outcome.ok && !isAuthError(outcome.error)) offenders.push(`${name}: ${String(outcome.error)}`)
    }
    expect(offenders).toEqual([])
  })
})

describe('client clock off by an hour (skew correction)', () => {
  for (const offset of [HOUR, -HOUR]) {
    it(`${offset > 0 ? '+' : '-'}1 h: no refresh storm, exactly one refresh once the token really expires`, async () => {
      // Access tokens live 15 min, far less than the skew.
      const s = setup(server, { clientOffsetMs: offset, backend: { accessTokenLifetimeMs: 15 * 60_000 } })
      await signedIn(s)
      expect(await s.client.session.exists()).toBe(true)
      for (let i = 0; i < 20; i++) expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
      expect(s.count('/auth/session/refresh')).toBe(0)
      expect(s.count('/api/me')).toBe(20)
      s.clock.advance(10 * 60_000)
      expect(await s.client.session.exists()).toBe(true)
      expect(s.count('/auth/session/refresh')).toBe(0)
      s.clock.advance(6 * 60_000)
      s.mark()
      for (let i = 0; i < 5; i++) expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
      // Refreshed before sending (the client knew), never via a 401.
      expect(s.paths.slice(0, 2)).toEqual(['POST /auth/session/refresh', 'GET /api/me'])
      expect(s.count('/auth/session/refresh')).toBe(1)
    })
  }
})

describe('frontend cookies wiped mid-session (ITP / user cleared site data)', () => {
  for (const mode of ['cookie', 'header'] as const) {
    it(`${mode} mode: ${mode === 'cookie' ? 'the next call refreshes first, SESSION_CREATED then REFRESH_SESSION' : 'one refresh (401), then signed out, no loop'}`, async () => {
      const s = setup(server, { client: { tokenTransferMethod: mode } })
      await signedIn(s)
      if (mode === 'header') {
        // Header mode keeps its tokens in the same frontend storage: wiping it loses the session for real.
        s.cookies.cookies.clear()
        const response = await s.client.doFetch(`${s.api}/api/me`)
        expect(response.status).toBe(401)
        expect(s.count('/auth/session/refresh')).toBe(1)
        expect(s.client.store.getState().status).toBe('signedOut')
        return
      }
      s.cookies.cookies.clear()
      const response = await s.client.doFetch(`${s.api}/api/me`)
      expect(response.status).toBe(200)
      expect(s.paths).toEqual(['POST /auth/session/refresh', 'GET /api/me'])
      expect(s.eventTypes()).toEqual(['SESSION_CREATED', 'REFRESH_SESSION'])
      expect(s.client.store.getState().status).toBe('signedIn')
    })
  }
})

function vitestSpyConsole(method: 'warn' | 'error') {
  const original = console[method]
  const calls: unknown[][] = []
  console[method] = (...args: unknown[]) => void calls.push(args)
  return { calls, restore: () => void (console[method] = original) }
}

describe('tokens never travel to other origins', () => {
  it('header mode: look-alike and embedding URLs get no Authorization, rid, st-auth-mode or credentials', async () => {
    const s = setup(server, { client: { tokenTransferMethod: 'header' } })
    await signedIn(s)
    const host = new URL(s.api).host
    const seen: Array<{ url: string; headers: Record<string, string>; credentials: string }> = []
    server.use(
      http.all(/^http:\/\/(evil\.example|[^/]*\.evil\.example)\//, ({ request }) => {
        seen.push({
          url: request.url,
          headers: Object.fromEntries(request.headers),
          credentials: request.credentials,
        })
        return HttpResponse.json({ message: 'try refresh token' }, { status: 401 })
      }),
    )
    const urls = [
      `http://${host}.evil.example/api/me`,
      `http://evil.example/?next=http://${host}/`,
      `http://evil.example/http://${host}/api/me`,
      `http://evil.example/superTokensDoNotDoInterception`,
    ]
    for (const url of urls) {
      const response = await s.client.doFetch(url)
      // A foreign 401 is not ours to handle: no refresh, handed back as is.
      expect(response.status).toBe(401)
    }
    expect(seen).toHaveLength(urls.length)
    for (const request of seen) {
      expect(request.headers.authorization, request.url).toBeUndefined()
      expect(request.headers['st-auth-mode'], request.url).toBeUndefined()
      expect(request.headers.rid, request.url).toBeUndefined()
      expect(request.credentials, request.url).not.toBe('include')
    }
    expect(s.count('/auth/session/refresh')).toBe(0)
  })
})
