import { describe, expect, it } from 'vitest'
import { http } from 'msw'
import { keepsRequestCredentials } from '../../src/mock/mswSupport'
import { API, B, call, form, front, installServer, setCookies } from './helpers'

const { server, useBackend } = installServer()

function clock(start = Date.UTC(2026, 0, 1)) {
  let time = start
  return { now: () => time, advance: (ms: number) => (time += ms) }
}

function bearer(token: string) {
  return { Authorization: `Bearer ${token}` }
}

function expectCleared(res: Response, methods: Array<'cookie' | 'header'> = ['cookie', 'header']) {
  expect(res.headers.get('front-token')).toBe('remove')
  const cookies = setCookies(res)
  if (methods.includes('cookie')) {
    expect(cookies['sAccessToken']).toBe(
      'sAccessToken=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    )
    expect(cookies['sRefreshToken']).toBe(
      'sRefreshToken=; Path=/auth/session/refresh; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    )
  }
  if (methods.includes('header')) {
    expect(res.headers.get('st-access-token')).toBe('')
    expect(res.headers.get('st-refresh-token')).toBe('')
  }
  expect(res.headers.get('Access-Control-Expose-Headers')).toContain('front-token')
}

const seed = { users: [{ email: 'ada@example.com', password: 'password1' }] }

describe('cookie mode', () => {
  it('verifies, expires, refreshes with rotation, and signs out', async () => {
    const time = clock()
    const backend = useBackend({ ...seed, now: time.now })
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1') })
    const first = front(signIn)!
    expect(backend.cookies.get('sRefreshToken', '/auth/session/refresh')).toBeTruthy()
    // The refresh cookie is scoped to the refresh path; the access cookie goes everywhere.
    expect(backend.cookies.get('sRefreshToken', '/api/me')).toBeUndefined()

    const me = await call('/api/me')
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({ userId: first.uid, email: 'ada@example.com', verified: false })

    time.advance(3600 * 1000)
    const expired = await call('/api/me')
    expect(expired.status).toBe(401)
    expect(await expired.json()).toEqual({ message: 'try refresh token' })
    expect(expired.headers.get('front-token')).toBeNull()
    expect(expired.headers.getSetCookie()).toEqual([])

    const oldRefresh = backend.cookies.get('sRefreshToken', '/auth/session/refresh')!
    const refreshed = await call('/session/refresh', { method: 'POST', headers: { rid: 'session' } })
    expect(refreshed.status).toBe(200)
    expect(await refreshed.text()).toBe('{}')
    const second = front(refreshed)!
    expect(second.uid).toBe(first.uid)
    expect(second.up.sessionHandle).toBe(first.up.sessionHandle)
    expect(second.up.parentRefreshTokenHash1).toBe(first.up.refreshTokenHash1)
    expect(second.up.refreshTokenHash1).not.toBe(first.up.refreshTokenHash1)
    expect(second.ate).toBe(time.now() + 3600 * 1000)
    expect(Object.keys(setCookies(refreshed)).sort()).toEqual(['sAccessToken', 'sRefreshToken'])
    expect(refreshed.headers.get('Access-Control-Expose-Headers')).toBe('front-token')
    expect(backend.cookies.get('sRefreshToken', '/auth/session/refresh')).not.toBe(oldRefresh)

    expect((await call('/api/me')).status).toBe(200)

    const out = await call('/signout', { method: 'POST', headers: { rid: 'session' } })
    expect(out.status).toBe(200)
    expect(await out.json()).toEqual({ status: 'OK' })
    expectCleared(out, ['cookie'])
    expect(out.headers.get('st-access-token')).toBeNull()
    expect(backend.cookies.list()).toEqual([])
    expect(backend.sessions.forUser('ada@example.com')[0]?.revoked).toBe(true)
    const after = await call('/api/me')
    expect(after.status).toBe(401)
    expect(await after.json()).toEqual({ message: 'unauthorised' })
  })

  it('detects token theft when a rotated refresh token comes back', async () => {
    const backend = useBackend(seed)
    const session = backend.sessions.create('ada@example.com', { storeCookies: false })
    const cookie = (token: string) => ({ Cookie: `sRefreshToken=${token}`, rid: 'session' })
    const ok = await call('/session/refresh', { method: 'POST', headers: cookie(session.refreshToken) })
    expect(ok.status).toBe(200)
    const stolen = await call('/session/refresh', { method: 'POST', headers: cookie(session.refreshToken) })
    expect(stolen.status).toBe(401)
    expect(await stolen.json()).toEqual({ message: 'token theft detected' })
    expectCleared(stolen)
    // The session is revoked: even the newest refresh token is dead now.
    const newest = /sRefreshToken=([^;]+)/.exec(setCookies(ok)['sRefreshToken']!)![1]!
    const after = await call('/session/refresh', { method: 'POST', headers: cookie(newest) })
    expect(after.status).toBe(401)
    expect(await after.json()).toEqual({ message: 'unauthorised' })
    expect(backend.sessions.list()[0]?.revoked).toBe(true)
  })

  it('answers 401 unauthorised with clearing when refresh has no token (case 1)', async () => {
    useBackend()
    const res = await call('/session/refresh', { method: 'POST', headers: { rid: 'session' } })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'unauthorised' })
    expectCleared(res)
    const legacy = await call('/session/refresh', {
      method: 'POST',
      headers: { rid: 'session', Cookie: 'sIdRefreshToken=old' },
    })
    expect(setCookies(legacy)['sIdRefreshToken']).toBe(
      'sIdRefreshToken=; Path=/auth/session/refresh; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    )
  })

  it('fails refresh once the refresh token expires or the session is revoked', async () => {
    const time = clock()
    const backend = useBackend({ ...seed, now: time.now, refreshTokenLifetimeMs: 10_000 })
    backend.sessions.create('ada@example.com')
    time.advance(10_001)
    const expired = await call('/session/refresh', { method: 'POST', headers: { rid: 'session' } })
    expect(expired.status).toBe(401)
    expectCleared(expired)

    backend.cookies.clear()
    backend.sessions.create('ada@example.com')
    backend.sessions.revokeAll()
    // Like node without checkDatabase, the access token still works until it expires …
    expect((await call('/api/me')).status).toBe(200)
    // … but refresh does not.
    const revoked = await call('/session/refresh', { method: 'POST', headers: { rid: 'session' } })
    expect(revoked.status).toBe(401)
    expect(await revoked.json()).toEqual({ message: 'unauthorised' })
  })

  it('answers 401 unauthorised with clearing for a revoked session when checkDatabase is on', async () => {
    const backend = useBackend({ ...seed, checkDatabase: true })
    backend.sessions.create('ada@example.com')
    backend.sessions.revokeAll()
    const res = await call('/api/me')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'unauthorised' })
    expectCleared(res)
  })

  it('reads explicit Cookie headers when the jar is off', async () => {
    const backend = useBackend({ ...seed, cookieJar: false })
    const session = backend.sessions.create('ada@example.com')
    expect(backend.cookies.list()).toEqual([])
    expect((await call('/api/me')).status).toBe(401)
    const res = await call('/api/me', { headers: { Cookie: `sAccessToken=${session.accessToken}` } })
    expect(res.status).toBe(200)
  })

  // msw 3 rebuilds Node requests without their `credentials` (src/mock/mswSupport.ts), so there every request counts
  // as credentialed.
  it.skipIf(!keepsRequestCredentials())('ignores the jar for credentials: omit', async () => {
    const withJar = useBackend(seed)
    withJar.sessions.create('ada@example.com')
    expect((await call('/api/me', { credentials: 'omit' })).status).toBe(401)
    expect((await call('/api/me')).status).toBe(200)
  })

  it('treats a tampered or foreign token as no session, a bad signature as try-refresh', async () => {
    const backend = useBackend(seed)
    const { accessToken } = backend.sessions.create('ada@example.com', { storeCookies: false })
    const [h, p] = accessToken.split('.')
    const forged = await call('/api/me', { headers: { Cookie: `sAccessToken=${h}.${p}.AAAA` } })
    expect(forged.status).toBe(401)
    expect(await forged.json()).toEqual({ message: 'try refresh token' })
    const garbage = await call('/api/me', { headers: { Cookie: 'sAccessToken=garbage' } })
    expect(await garbage.json()).toEqual({ message: 'unauthorised' })
    expect(garbage.headers.get('front-token')).toBeNull()
    // A third-party bearer is ignored and the cookie still works (docs/PROTOCOL.md §3.3).
    const thirdParty = await call('/api/me', {
      headers: { Authorization: 'Bearer abc', Cookie: `sAccessToken=${accessToken}` },
    })
    expect(thirdParty.status).toBe(200)
  })
})

describe('header mode', () => {
  it('carries tokens in headers end to end (case 19)', async () => {
    const time = clock()
    const backend = useBackend({ ...seed, now: time.now })
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1'), mode: 'header' })
    expect(signIn.headers.getSetCookie()).toEqual([])
    const access = signIn.headers.get('st-access-token')!
    const refresh = signIn.headers.get('st-refresh-token')!
    expect(backend.cookies.list()).toEqual([])
    expect((await call('/api/me', { mode: 'header', headers: bearer(access) })).status).toBe(200)
    expect((await call('/api/me', { mode: 'header' })).status).toBe(401)

    time.advance(3600 * 1000 + 1)
    expect(await (await call('/api/me', { mode: 'header', headers: bearer(access) })).json()).toEqual({
      message: 'try refresh token',
    })
    const refreshed = await call('/session/refresh', { method: 'POST', mode: 'header', headers: bearer(refresh) })
    expect(refreshed.status).toBe(200)
    expect(refreshed.headers.get('Access-Control-Expose-Headers')).toBe(
      'front-token, st-access-token, st-refresh-token',
    )
    const access2 = refreshed.headers.get('st-access-token')!
    const refresh2 = refreshed.headers.get('st-refresh-token')!
    expect(refresh2).not.toBe(refresh)
    expect((await call('/api/me', { mode: 'header', headers: bearer(access2) })).status).toBe(200)

    const theft = await call('/session/refresh', { method: 'POST', mode: 'header', headers: bearer(refresh) })
    expect(await theft.json()).toEqual({ message: 'token theft detected' })
    expectCleared(theft)
  })

  it('signs out with emptied st-* headers', async () => {
    const backend = useBackend(seed)
    const session = backend.sessions.create('ada@example.com', { transferMethod: 'header' })
    expect(session.frontendCookies['st-access-token']).toBe(session.accessToken)
    const out = await call('/signout', { method: 'POST', mode: 'header', headers: bearer(session.accessToken) })
    expect(await out.json()).toEqual({ status: 'OK' })
    expectCleared(out, ['header'])
    expect(out.headers.getSetCookie()).toEqual([])
  })

  it('prefers the Authorization header over cookies, and clears cookies when a header session is created', async () => {
    const backend = useBackend({ ...seed, users: [...seed.users, { email: 'bob@example.com', password: 'password1' }] })
    backend.sessions.create('ada@example.com')
    const bob = backend.sessions.create('bob@example.com', { transferMethod: 'header' })
    const me = await call('/api/me', { headers: bearer(bob.accessToken) })
    expect((await me.json()).email).toBe('bob@example.com')
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1'), mode: 'header' })
    expect(Object.keys(setCookies(signIn)).sort()).toEqual(['sAccessToken', 'sRefreshToken'])
    expect(setCookies(signIn)['sAccessToken']).toContain('Expires=Thu, 01 Jan 1970')
    expect(signIn.headers.get('st-access-token')).toBeTruthy()
    expect(backend.cookies.list()).toEqual([])
  })
})

describe('sign-out edge cases', () => {
  it('answers try-refresh for an expired token and unauthorised without a session', async () => {
    const backend = useBackend(seed)
    backend.sessions.create('ada@example.com', { expired: true })
    const expired = await call('/signout', { method: 'POST', headers: { rid: 'session' } })
    expect(expired.status).toBe(401)
    expect(await expired.json()).toEqual({ message: 'try refresh token' })
    backend.cookies.clear()
    const none = await call('/signout', { method: 'POST', headers: { rid: 'session' } })
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ message: 'unauthorised' })
    // supertokens-node answers this without clearing anything (test/real-node shows it).
    expect(none.headers.get('front-token')).toBeNull()
    expect(none.headers.getSetCookie()).toEqual([])
  })
})

describe('anti-CSRF', () => {
  it('VIA_TOKEN: issues, checks on non-GET, and rotates the anti-csrf token (case 25)', async () => {
    const backend = useBackend({ ...seed, antiCsrf: 'VIA_TOKEN' })
    server.use(
      http.post(
        `${API}/api/action`,
        backend.protect(() => Response.json({ done: true })),
      ),
    )
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1') })
    const token = signIn.headers.get('anti-csrf')!
    expect(token).toBeTruthy()
    expect(signIn.headers.get('Access-Control-Expose-Headers')).toBe('front-token, anti-csrf')
    expect(front(signIn)!.up.antiCsrfToken).toBe(token)
    expect((await call('/api/me')).status).toBe(200)
    const missing = await call('/api/action', { method: 'POST' })
    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual({ message: 'try refresh token' })
    expect((await call('/api/action', { method: 'POST', headers: { 'anti-csrf': token } })).status).toBe(200)

    const noHeader = await call('/session/refresh', { method: 'POST', headers: { rid: 'session' } })
    expect(noHeader.status).toBe(401)
    expectCleared(noHeader)

    backend.sessions.create('ada@example.com')
    const issued = backend.sessions.list().at(-1)!.antiCsrfToken!
    const refreshed = await call('/session/refresh', {
      method: 'POST',
      headers: { rid: 'session', 'anti-csrf': issued },
    })
    expect(refreshed.status).toBe(200)
    const next = refreshed.headers.get('anti-csrf')!
    expect(next).toBeTruthy()
    expect(next).not.toBe(issued)
    expect(front(refreshed)!.up.antiCsrfToken).toBe(next)
  })

  it('VIA_TOKEN does not apply to header mode', async () => {
    const backend = useBackend({ ...seed, antiCsrf: 'VIA_TOKEN' })
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1'), mode: 'header' })
    expect(signIn.headers.get('anti-csrf')).toBeNull()
    expect(front(signIn)!.up.antiCsrfToken).toBeNull()
    const refreshed = await call('/session/refresh', {
      method: 'POST',
      mode: 'header',
      headers: bearer(signIn.headers.get('st-refresh-token')!),
    })
    expect(refreshed.status).toBe(200)
    expect(backend.sessions.list()).toHaveLength(1)
  })

  it('VIA_CUSTOM_HEADER: requires rid on non-GET cookie requests and on refresh (case 28)', async () => {
    const backend = useBackend({ ...seed, antiCsrf: 'VIA_CUSTOM_HEADER' })
    backend.sessions.create('ada@example.com')
    const noRid = await fetch(`${B}/signout`, { method: 'POST', credentials: 'include' })
    expect(noRid.status).toBe(401)
    expect(await noRid.json()).toEqual({ message: 'try refresh token' })
    const refreshNoRid = await fetch(`${B}/session/refresh`, { method: 'POST', credentials: 'include' })
    expect(await refreshNoRid.json()).toEqual({ message: 'unauthorised' })
    expectCleared(refreshNoRid)
  })

  it('defaults to VIA_CUSTOM_HEADER and SameSite=None; Secure across sites', async () => {
    const backend = useBackend({ ...seed, websiteDomain: 'http://app.example.com' })
    expect(backend.options.antiCsrf).toBe('VIA_CUSTOM_HEADER')
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1') })
    expect(setCookies(signIn)['sAccessToken']).toMatch(/; HttpOnly; Secure; SameSite=None$/)
  })
})

describe('email verification claim', () => {
  it('puts st-ev into the token and refreshes it on GET /user/email/verify (case 22)', async () => {
    const time = clock()
    const backend = useBackend({ ...seed, emailVerification: 'required', now: time.now })
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1') })
    expect(front(signIn)!.up['st-ev']).toEqual({ v: false, t: time.now() })

    const denied = await call('/api/me')
    expect(denied.status).toBe(403)
    expect(await denied.json()).toEqual({
      message: 'invalid claim',
      claimValidationErrors: [
        { id: 'st-ev', reason: { message: 'wrong value', expectedValue: true, actualValue: false } },
      ],
    })

    time.advance(5000)
    const check = await call('/user/email/verify', { headers: { rid: 'emailverification' } })
    expect(await check.json()).toEqual({ status: 'OK', isVerified: false })
    const updated = front(check)!
    expect(updated.up['st-ev']).toEqual({ v: false, t: time.now() })
    expect(updated.ate).toBe(front(signIn)!.ate)

    backend.users.setVerified('ada@example.com')
    // Within 10 s of the last check node trusts the false value …
    expect((await call('/api/me')).status).toBe(403)
    // … after that it refetches, passes, and sends the new payload along.
    time.advance(10_001)
    const me = await call('/api/me')
    expect(me.status).toBe(200)
    expect(front(me)!.up['st-ev']).toEqual({ v: true, t: time.now() })
    expect(Object.keys(setCookies(me))).toEqual(['sAccessToken'])
    const again = await call('/api/me')
    expect(again.status).toBe(200)
    expect(again.headers.get('front-token')).toBeNull()
  })

  it('answers EMAIL_ALREADY_VERIFIED_ERROR with an updated claim', async () => {
    useBackend({
      users: [{ email: 'ada@example.com', password: 'password1', verified: true }],
      emailVerification: 'optional',
    })
    await call('/signin', { body: form('ada@example.com', 'password1') })
    const res = await call('/user/email/verify/token', { body: {}, headers: { rid: 'emailverification' } })
    expect(await res.json()).toEqual({ status: 'EMAIL_ALREADY_VERIFIED_ERROR' })
    expect(front(res)!.up['st-ev']).toMatchObject({ v: true })
  })

  it('lets protect skip or replace the global claims', async () => {
    const backend = useBackend({ ...seed, emailVerification: 'required' })
    server.use(
      http.get(
        `${API}/api/open`,
        backend.protect(({ session }) => Response.json(session.accessTokenPayload['st-ev']), { claims: [] }),
      ),
    )
    server.use(
      http.get(
        `${API}/api/admin`,
        backend.protect(() => Response.json({}), {
          claims: [
            {
              id: 'role',
              validate: (payload) => (payload['role'] === 'admin' ? undefined : { message: 'not admin' }),
            },
          ],
        }),
      ),
    )
    backend.sessions.create('ada@example.com')
    const open = await call('/api/open')
    expect(open.status).toBe(200)
    expect(await open.json()).toMatchObject({ v: false })
    const admin = await call('/api/admin')
    expect(admin.status).toBe(403)
    expect(await admin.json()).toEqual({
      message: 'invalid claim',
      claimValidationErrors: [{ id: 'role', reason: { message: 'not admin' } }],
    })
  })
})

describe('protect', () => {
  it('hands the session to the resolver and merges payload updates into the response (case 21)', async () => {
    const backend = useBackend(seed)
    server.use(
      http.post(
        `${API}/api/role`,
        backend.protect(({ session }) => {
          session.mergeIntoAccessTokenPayload({ role: 'admin' })
          return Response.json({ userId: session.userId, tenantId: session.tenantId }, { headers: { 'x-app': '1' } })
        }),
      ),
    )
    const created = backend.sessions.create('ada@example.com')
    const res = await call('/api/role', { method: 'POST' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ userId: created.userId, tenantId: 'public' })
    expect(res.headers.get('x-app')).toBe('1')
    const updated = front(res)!
    expect(updated.up['role']).toBe('admin')
    expect(updated.ate).toBe(created.accessTokenExpiresAt)
    const me = await call('/api/me')
    expect(me.status).toBe(200)
  })

  it('answers 401 unauthorised without clearing when there is no token', async () => {
    useBackend()
    const res = await call('/api/me')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'unauthorised' })
    expect(res.headers.get('front-token')).toBeNull()
  })
})
