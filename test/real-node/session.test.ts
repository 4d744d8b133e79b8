/**
 * authfront's client against a real supertokens-node backend (over the stand-in core), in cookie and header mode:
 * the session lifecycle of docs/PROTOCOL.md §3–§5 as node implements it, not as our mock does.
 */
import { afterEach, describe, expect, test, vi } from 'vitest'
import { freshEmail, openTab, signUp, useRealBackend } from './setup'

const backend = useRealBackend()
afterEach(() => {
  vi.restoreAllMocks()
})

/** Moves `Date.now` (node's, the core's and the client's unless it has its own clock) `ms` into the future. */
function advanceTime(ms: number) {
  const now = Date.now.bind(Date)
  vi.spyOn(Date, 'now').mockImplementation(() => now() + ms)
}

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('sign-up creates a session that the protected route accepts', async () => {
    const tab = openTab(backend.app, { mode })
    const email = freshEmail('ada')
    const result = await tab.client.emailPassword.signUp({ email, password: 'password1' })
    expect(result.status).toBe('OK')
    const userId = result.status === 'OK' ? result.user.id : ''
    expect(result.status === 'OK' && result.user.emails).toEqual([email])
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED'])
    expect(tab.client.store.getState()).toMatchObject({ status: 'signedIn', userId })
    expect(await tab.client.session.getUserId()).toBe(userId)

    if (mode === 'cookie') {
      // The tokens are httpOnly cookies; the refresh token only goes to the refresh path.
      expect(tab.browser.names().sort()).toEqual(['sAccessToken@/', 'sRefreshToken@/auth/session/refresh'])
      expect(await tab.client.session.getAccessToken()).toBeUndefined()
    } else {
      expect(tab.browser.names()).toEqual([])
      expect(tab.frontendCookies.get('st-refresh-token')).toBeTruthy()
      expect((await tab.client.session.getAccessToken())?.split('.')).toHaveLength(3)
    }

    const response = await tab.client.doFetch(`${backend.app.url}/api/me`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ userId })
  })

  test('sign-up with a taken email, and sign-in with a wrong password, are typed results', async () => {
    const tab = openTab(backend.app, { mode })
    const { email } = await signUp(tab, 'taken')
    await tab.client.session.signOut()

    const again = await tab.client.emailPassword.signUp({ email, password: 'password1' })
    expect(again).toEqual({
      status: 'FIELD_ERROR',
      fieldErrors: { email: 'This email already exists. Please sign in instead.' },
    })
    const badEmail = await tab.client.emailPassword.signIn({ email: 'not-an-email', password: 'password1' })
    expect(badEmail).toEqual({ status: 'FIELD_ERROR', fieldErrors: { email: 'Email is invalid' } })
    expect(await tab.client.emailPassword.signIn({ email, password: 'wrong-password1' })).toEqual({
      status: 'WRONG_CREDENTIALS_ERROR',
    })
    expect(tab.client.store.getState().status).toBe('signedOut')

    tab.reset()
    expect((await tab.client.emailPassword.signIn({ email, password: 'password1' })).status).toBe('OK')
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED'])
    expect((await tab.client.doFetch(`${backend.app.url}/api/me`)).status).toBe(200)
  })

  test('an access token expired on the server: 10 concurrent calls share one refresh', async () => {
    // The client keeps the real clock, so only node sees the token expire: every call gets node's 401.
    const realNow = Date.now.bind(Date)
    const tab = openTab(backend.app, { mode, now: realNow })
    const { userId } = await signUp(tab, 'storm')
    advanceTime(2 * 3_600_000)

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => tab.client.doFetch(`${backend.app.url}/api/me`)),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(await Promise.all(responses.map((r) => r.json()))).toEqual(Array(10).fill({ userId }))
    expect(tab.requests.filter((r) => r === 'POST /auth/session/refresh')).toHaveLength(1)
    expect(tab.eventTypes()).toContain('REFRESH_SESSION')
    expect(tab.eventTypes()).not.toContain('UNAUTHORISED')

    // The refreshed session keeps working, and the old refresh token is spent (node rotated it).
    tab.reset()
    expect((await tab.client.doFetch(`${backend.app.url}/api/me`)).status).toBe(200)
    expect(tab.requests).toEqual(['GET /api/me'])
  })

  test('an access token the client knows is expired is refreshed before the call', async () => {
    const tab = openTab(backend.app, { mode })
    await signUp(tab, 'known')
    advanceTime(2 * 3_600_000)
    expect((await tab.client.doFetch(`${backend.app.url}/api/me`)).status).toBe(200)
    expect(tab.requests).toEqual(['POST /auth/session/refresh', 'GET /api/me'])
    expect(tab.eventTypes().slice(0, 2)).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])
  })

  test('the first call after a refresh brings a new access token, which the client keeps', async () => {
    const tab = openTab(backend.app, { mode })
    await signUp(tab, 'rotate')
    await tab.client.session.refresh()
    const afterRefresh = await tab.client.session.getAccessTokenPayload()
    expect(afterRefresh.parentRefreshTokenHash1).toEqual(expect.any(String))

    // The core commits the session to the new refresh token on its first use and node sends a new access token
    // (without parentRefreshTokenHash1) with that response: a second front-token after the refresh's own.
    tab.reset()
    const response = await tab.client.doFetch(`${backend.app.url}/api/me`)
    expect(response.headers.get('front-token')).toBeTruthy()
    expect(tab.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
    const committed = await tab.client.session.getAccessTokenPayload()
    expect(committed.parentRefreshTokenHash1).toBeUndefined()
    expect(committed.refreshTokenHash1).toBe(afterRefresh.refreshTokenHash1)
    if (mode === 'header') {
      expect(tab.frontendCookies.get('st-access-token')).toBe(response.headers.get('st-access-token'))
    }

    tab.reset()
    expect((await tab.client.doFetch(`${backend.app.url}/api/me`)).status).toBe(200)
    expect(tab.events).toEqual([])
  })

  test('sign-out ends the session on node and in the tab', async () => {
    const tab = openTab(backend.app, { mode })
    await signUp(tab, 'out')
    await tab.client.session.signOut()
    expect(tab.requests).toEqual(['POST /auth/signout'])
    expect(tab.eventTypes()).toEqual(['SIGN_OUT'])
    expect(await tab.client.session.exists()).toBe(false)
    expect(tab.browser.names()).toEqual([])
    for (const name of ['sFrontToken', 'st-access-token', 'st-refresh-token']) {
      expect(tab.frontendCookies.get(name)).toBeUndefined()
    }

    // Without any session token node answers 401 and clears nothing (supertokens-node#17); no refresh is tried.
    tab.reset()
    const after = await tab.client.doFetch(`${backend.app.url}/api/me`)
    expect(after.status).toBe(401)
    expect(after.headers.get('front-token')).toBeNull()
    expect(tab.requests).toEqual(['GET /api/me'])
    expect(tab.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: false }])
  })

  test('a session revoked on the server, seen by a route that checks the core: UNAUTHORISED(true) once', async () => {
    const tab = openTab(backend.app, { mode })
    const { userId } = await signUp(tab, 'revoked')
    await backend.app.revokeAllSessions(userId)

    const calls = Array.from({ length: 3 }, () => tab.client.doFetch(`${backend.app.url}/api/strict`))
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual([401, 401, 401])
    // Node answers UNAUTHORISED with `front-token: remove` and cleared tokens: nothing left to refresh.
    expect(tab.requests).toEqual(Array(3).fill('GET /api/strict'))
    expect(tab.events).toEqual([
      { type: 'UNAUTHORISED', sessionExpiredOrRevoked: true },
      { type: 'UNAUTHORISED', sessionExpiredOrRevoked: false },
      { type: 'UNAUTHORISED', sessionExpiredOrRevoked: false },
    ])
    expect(tab.client.store.getState().status).toBe('signedOut')
    expect(await tab.client.session.exists()).toBe(false)
    expect(tab.browser.names()).toEqual([])
  })

  test('a revoked session found out by the refresh: one refresh, UNAUTHORISED(true) once', async () => {
    const tab = openTab(backend.app, { mode, now: Date.now.bind(Date) })
    const { userId } = await signUp(tab, 'revoked-refresh')
    await backend.app.revokeAllSessions(userId)
    advanceTime(2 * 3_600_000)

    const calls = Array.from({ length: 3 }, () => tab.client.doFetch(`${backend.app.url}/api/me`))
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual([401, 401, 401])
    expect(tab.requests.filter((r) => r === 'POST /auth/session/refresh')).toHaveLength(1)
    expect(tab.events.filter((e) => e.type === 'UNAUTHORISED' && e.sessionExpiredOrRevoked)).toHaveLength(1)
    expect(tab.eventTypes()).not.toContain('REFRESH_SESSION')
    expect(await tab.client.session.exists()).toBe(false)
    expect(tab.browser.names()).toEqual([])
  })
})
