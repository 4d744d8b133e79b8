/**
 * Test kit for the client protocol tests: a fake clock, and a small purpose-built backend (MSW handlers) that
 * answers like supertokens-node for the cases of docs/PROTOCOL.md §7, records every request, and keeps the browser's
 * httpOnly cookies itself (so tests control them exactly, independent of MSW's own cookie store).
 */
import { http, HttpResponse } from 'msw'
import type { HttpHandler } from 'msw'
import {
  createAuthClient,
  createMemoryCookieJar,
  createMemoryLock,
  createMemoryStorage,
  encodeFrontToken,
} from 'authfront'
import type { AuthClient, AuthConfig, AuthEvent, KeyValueStorage, LockManager, Platform } from 'authfront'

export interface FakeClock {
  now: () => number
  setTimeout: (fn: () => void, ms: number) => unknown
  clearTimeout: (handle: unknown) => void
  advance(ms: number): void
  /** Timers scheduled and not yet fired or cleared. */
  readonly pending: number
  /** Every `setTimeout` call so far. */
  readonly scheduled: number
}

export function createFakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start
  let nextId = 1
  let scheduled = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++
      scheduled++
      timers.set(id, { at: now + ms, fn })
      return id
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    advance(ms) {
      now += ms
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id)
          timer.fn()
        }
      }
    },
    get pending() {
      return timers.size
    },
    get scheduled() {
      return scheduled
    },
  }
}

let hostCounter = 0
/** A fresh API origin per test, so nothing (handlers, MSW cookies) leaks between tests. */
export const freshApiDomain = () => `http://api${++hostCounter}.test`

export interface RecordedRequest {
  method: string
  path: string
  url: string
  headers: Record<string, string>
  body: string
  credentials: RequestCredentials
}

interface SessionRecord {
  handle: string
  uid: string
  mode: 'cookie' | 'header'
  accessToken: string
  refreshToken: string
  previousRefreshToken: string | undefined
  ate: number
  payload: Record<string, unknown>
  antiCsrf: string | undefined
  revoked: boolean
  generation: number
}

export interface TestBackendOptions {
  apiDomain: string
  clock: FakeClock
  /** Server clock minus client clock. */
  serverOffsetMs?: number
  accessTokenLifetimeMs?: number
  antiCsrf?: 'NONE' | 'VIA_TOKEN'
  /** Leave `iat` out of the payload (a custom backend): the client cannot measure the clock skew. */
  omitIat?: boolean
  users?: { email: string; password: string; id?: string; verified?: boolean }[]
}

export type RefreshMode = 'ok' | 'no-front-token' | 'server-error' | 'network-error' | 'hang' | 'bad-front-token'

export function createTestBackend(options: TestBackendOptions) {
  const { apiDomain, clock } = options
  const lifetime = options.accessTokenLifetimeMs ?? 60 * 60 * 1000
  const serverNow = () => clock.now() + (options.serverOffsetMs ?? 0)
  const requests: RecordedRequest[] = []
  const users = new Map<string, { id: string; password: string; verified: boolean }>()
  for (const u of options.users ?? [])
    users.set(u.email, { id: u.id ?? `user-${u.email}`, password: u.password, verified: u.verified ?? false })
  const sessions = new Map<string, SessionRecord>()
  /** The browser's httpOnly cookies for this API origin. */
  const browser: { sAccessToken?: string; sRefreshToken?: string } = {}
  let counter = 0
  const controls = {
    refreshMode: 'ok' as RefreshMode,
    /** Resolves a hanging refresh when called. */
    releaseHang: undefined as undefined | (() => void),
  }
  const emailTokens = new Map<string, string>()
  const resetTokens = new Map<string, string>()

  const record = async (request: Request) => {
    const url = new URL(request.url)
    const headers: Record<string, string> = {}
    request.headers.forEach((value, key) => (headers[key] = value))
    requests.push({
      method: request.method,
      path: url.pathname + url.search,
      url: request.url,
      headers,
      body: await request.clone().text(),
      credentials: request.credentials,
    })
  }

  const frontTokenOf = (s: SessionRecord) => encodeFrontToken({ uid: s.uid, ate: s.ate, up: s.payload })

  const issue = (s: SessionRecord) => {
    s.generation++
    s.accessToken = `at.${s.handle}.${s.generation}`
    const iat = Math.floor(serverNow() / 1000)
    s.ate = serverNow() + lifetime
    s.payload = { ...s.payload, exp: Math.floor(s.ate / 1000) }
    if (!options.omitIat) s.payload.iat = iat
  }

  const sessionHeaders = (s: SessionRecord, headers: Headers, withRefresh: boolean) => {
    headers.set('front-token', frontTokenOf(s))
    const exposed = ['front-token']
    if (s.mode === 'cookie') {
      browser.sAccessToken = s.accessToken
      headers.append('set-cookie', `sAccessToken=${s.accessToken}; Path=/; HttpOnly; SameSite=Lax`)
      if (withRefresh) {
        browser.sRefreshToken = s.refreshToken
        headers.append('set-cookie', `sRefreshToken=${s.refreshToken}; Path=/auth/session/refresh; HttpOnly`)
      }
      if (s.antiCsrf !== undefined) {
        headers.set('anti-csrf', s.antiCsrf)
        exposed.push('anti-csrf')
      }
    } else {
      headers.set('st-access-token', s.accessToken)
      exposed.push('st-access-token')
      if (withRefresh) {
        headers.set('st-refresh-token', s.refreshToken)
        exposed.push('st-refresh-token')
      }
    }
    headers.set('access-control-expose-headers', exposed.join(', '))
  }

  const clearingHeaders = (headers: Headers, mode: 'cookie' | 'header' | 'both' = 'both') => {
    headers.set('front-token', 'remove')
    if (mode !== 'header') {
      delete browser.sAccessToken
      delete browser.sRefreshToken
      headers.append('set-cookie', 'sAccessToken=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT')
      headers.append('set-cookie', 'sRefreshToken=; Path=/auth/session/refresh; Expires=Thu, 01 Jan 1970 00:00:00 GMT')
    }
    if (mode !== 'cookie') {
      headers.set('st-access-token', '')
      headers.set('st-refresh-token', '')
    }
    headers.set('access-control-expose-headers', 'front-token, st-access-token, st-refresh-token')
  }

  const createSession = (request: Request, uid: string): Headers => {
    const mode = request.headers.get('st-auth-mode') === 'cookie' ? 'cookie' : 'header'
    const handle = `h${++counter}`
    const user = [...users.values()].find((u) => u.id === uid)
    const payload: Record<string, unknown> = { sub: uid, sessionHandle: handle, tId: 'public', rsub: uid }
    if (user !== undefined && !user.verified) payload['st-ev'] = { v: false, t: serverNow() }
    const s: SessionRecord = {
      handle,
      uid,
      mode,
      accessToken: '',
      refreshToken: `rt.${handle}.1`,
      previousRefreshToken: undefined,
      ate: 0,
      payload,
      antiCsrf: options.antiCsrf === 'VIA_TOKEN' && mode === 'cookie' ? `csrf.${handle}.1` : undefined,
      revoked: false,
      generation: 0,
    }
    issue(s)
    sessions.set(handle, s)
    const headers = new Headers()
    sessionHeaders(s, headers, true)
    return headers
  }

  const json = (body: unknown, status = 200, headers?: Headers) => HttpResponse.json(body as never, { status, headers })

  type Verified = { session: SessionRecord } | { response: Response }
  /** verifySession(): 401 try refresh / unauthorised like node (§2.8). */
  const verify = (request: Request): Verified => {
    const auth = request.headers.get('authorization')
    const bearer = auth?.startsWith('Bearer at.') === true ? auth.slice(7) : undefined
    const fromCookie = bearer === undefined
    const token = bearer ?? browser.sAccessToken
    if (token === undefined) return { response: json({ message: 'unauthorised' }, 401) }
    const handle = token.split('.')[1] ?? ''
    const s = sessions.get(handle)
    if (s === undefined || s.revoked) {
      const headers = new Headers()
      clearingHeaders(headers)
      return { response: json({ message: 'unauthorised' }, 401, headers) }
    }
    if (token !== s.accessToken || serverNow() >= s.ate)
      return { response: json({ message: 'try refresh token' }, 401) }
    if (
      fromCookie &&
      s.antiCsrf !== undefined &&
      request.method !== 'GET' &&
      request.headers.get('anti-csrf') !== s.antiCsrf
    ) {
      return { response: json({ message: 'try refresh token' }, 401) }
    }
    return { session: s }
  }

  const formFields = async (request: Request) => {
    const body = (await request.json().catch(() => ({}))) as { formFields?: { id: string; value: unknown }[] }
    if (body.formFields === undefined) return undefined
    return Object.fromEntries(body.formFields.map((f) => [f.id, f.value])) as Record<string, unknown>
  }

  const u = (path: string) => apiDomain + path

  const handlers: HttpHandler[] = [
    http.all(u('/*'), async ({ request }) => {
      await record(request)
      return undefined
    }),
    http.post(u('/auth/signup'), async ({ request }) => {
      const fields = await formFields(request)
      if (fields === undefined) return json({ message: 'Missing input param: formFields' }, 400)
      const email = String(fields.email)
      if (users.has(email)) {
        return json({
          status: 'FIELD_ERROR',
          formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }],
        })
      }
      const user = { id: `user-${++counter}`, password: String(fields.password), verified: false }
      users.set(email, user)
      return json({ status: 'OK', user: userJson(user.id, email) }, 200, createSession(request, user.id))
    }),
    http.post(u('/auth/signin'), async ({ request }) => {
      const fields = await formFields(request)
      if (fields === undefined) return json({ message: 'Missing input param: formFields' }, 400)
      const user = users.get(String(fields.email))
      if (user === undefined || user.password !== fields.password) return json({ status: 'WRONG_CREDENTIALS_ERROR' })
      return json({ status: 'OK', user: userJson(user.id, String(fields.email)) }, 200, createSession(request, user.id))
    }),
    http.post(u('/auth/session/refresh'), async ({ request }) => {
      if (controls.refreshMode === 'network-error') return HttpResponse.error()
      if (controls.refreshMode === 'server-error') return new HttpResponse('Internal Error', { status: 500 })
      if (controls.refreshMode === 'hang') {
        await new Promise<void>((resolve) => (controls.releaseHang = resolve))
      }
      const auth = request.headers.get('authorization')
      const fromHeader = auth?.startsWith('Bearer ') === true ? auth.slice(7) : undefined
      const token = fromHeader ?? browser.sRefreshToken
      const headers = new Headers()
      if (token === undefined) {
        clearingHeaders(headers)
        return json({ message: 'unauthorised' }, 401, headers)
      }
      const s = sessions.get(token.split('.')[1] ?? '')
      if (s === undefined || s.revoked) {
        clearingHeaders(headers)
        return json({ message: 'unauthorised' }, 401, headers)
      }
      if (token === s.previousRefreshToken) {
        s.revoked = true
        clearingHeaders(headers)
        return json({ message: 'token theft detected' }, 401, headers)
      }
      if (token !== s.refreshToken) {
        clearingHeaders(headers)
        return json({ message: 'unauthorised' }, 401, headers)
      }
      if (fromHeader === undefined && s.antiCsrf !== undefined && request.headers.get('anti-csrf') !== s.antiCsrf) {
        return json({ message: 'try refresh token' }, 401)
      }
      s.previousRefreshToken = s.refreshToken
      s.refreshToken = `rt.${s.handle}.${s.generation + 1}`
      if (s.antiCsrf !== undefined) s.antiCsrf = `csrf.${s.handle}.${s.generation + 1}`
      issue(s)
      sessionHeaders(s, headers, true)
      if (controls.refreshMode === 'no-front-token') headers.delete('front-token')
      if (controls.refreshMode === 'bad-front-token') headers.set('front-token', '%%%not-base64%%%')
      return json({}, 200, headers)
    }),
    http.post(u('/auth/signout'), ({ request }) => {
      const v = verify(request)
      if ('response' in v) return v.response
      v.session.revoked = true
      const headers = new Headers()
      clearingHeaders(headers, v.session.mode)
      return json({ status: 'OK' }, 200, headers)
    }),
    http.get(u('/auth/user/email/verify'), ({ request }) => {
      const v = verify(request)
      if ('response' in v) return v.response
      const user = [...users.values()].find((x) => x.id === v.session.uid)
      const verified = user?.verified ?? true
      v.session.payload = { ...v.session.payload, 'st-ev': { v: verified, t: serverNow() } }
      issue(v.session)
      const headers = new Headers()
      sessionHeaders(v.session, headers, false)
      return json({ status: 'OK', isVerified: verified }, 200, headers)
    }),
    http.post(u('/auth/user/email/verify/token'), ({ request }) => {
      const v = verify(request)
      if ('response' in v) return v.response
      const user = [...users.values()].find((x) => x.id === v.session.uid)
      if (user?.verified === true) return json({ status: 'EMAIL_ALREADY_VERIFIED_ERROR' })
      const token = `ev-${++counter}`
      emailTokens.set(token, v.session.uid)
      return json({ status: 'OK' })
    }),
    http.post(u('/auth/user/email/verify'), async ({ request }) => {
      const body = (await request.json()) as { method: string; token: unknown }
      if (typeof body.token !== 'string') return json({ message: 'The email verification token must be a string' }, 400)
      const uid = emailTokens.get(body.token)
      if (uid === undefined) return json({ status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' })
      emailTokens.delete(body.token)
      for (const user of users.values()) if (user.id === uid) user.verified = true
      return json({ status: 'OK' })
    }),
    http.get(u('/auth/emailpassword/email/exists'), ({ request }) => {
      const email = new URL(request.url).searchParams.get('email')
      if (email === null) return json({ message: 'Please provide the email as a GET param' }, 400)
      return json({ status: 'OK', exists: users.has(email) })
    }),
    http.post(u('/auth/user/password/reset/token'), async ({ request }) => {
      const fields = await formFields(request)
      const user = users.get(String(fields?.email))
      if (user !== undefined) resetTokens.set(`rp-${++counter}`, user.id)
      return json({ status: 'OK' })
    }),
    http.post(u('/auth/user/password/reset'), async ({ request }) => {
      const body = (await request.json()) as { token: string; formFields: { id: string; value: string }[] }
      if (body.formFields.length > 1) return json({ message: 'Are you sending too many formFields?' }, 400)
      const uid = resetTokens.get(body.token)
      if (uid === undefined) return json({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' })
      resetTokens.delete(body.token)
      for (const user of users.values()) if (user.id === uid) user.password = body.formFields[0]?.value ?? ''
      return json({ status: 'OK' })
    }),
    http.all(u('/api/protected'), ({ request }) => {
      const v = verify(request)
      if ('response' in v) return v.response
      return json({ ok: true, uid: v.session.uid })
    }),
    http.all(u('/api/verified-only'), ({ request }) => {
      const v = verify(request)
      if ('response' in v) return v.response
      const ev = v.session.payload['st-ev'] as { v: boolean } | undefined
      if (ev !== undefined && ev.v !== true) {
        return json(
          {
            message: 'invalid claim',
            claimValidationErrors: [
              { id: 'st-ev', reason: { message: 'wrong value', expectedValue: true, actualValue: false } },
            ],
          },
          403,
        )
      }
      return json({ ok: true })
    }),
    http.post(u('/api/merge-payload'), ({ request }) => {
      const v = verify(request)
      if ('response' in v) return v.response
      v.session.payload = { ...v.session.payload, role: 'admin' }
      const headers = new Headers()
      // mergeIntoAccessTokenPayload: new access token and front token, same expiry window.
      v.session.generation++
      v.session.accessToken = `at.${v.session.handle}.${v.session.generation}`
      sessionHeaders(v.session, headers, false)
      return json({ ok: true }, 200, headers)
    }),
    http.all(u('/api/always-401'), () => json({ message: 'try refresh token' }, 401)),
    http.all(u('/api/echo'), async ({ request }) => json({ body: await request.text() })),
  ]

  return {
    apiDomain,
    handlers,
    requests,
    sessions,
    browser,
    users,
    controls,
    emailTokens,
    resetTokens,
    serverNow,
    /** Requests whose path starts with `prefix`. */
    calls: (prefix: string) => requests.filter((r) => r.path.startsWith(prefix)),
    /** Expire every access token now (server side), like waiting out the lifetime. */
    expireAccessTokens() {
      for (const s of sessions.values()) s.ate = serverNow() - 1
    },
    revokeAll() {
      for (const s of sessions.values()) s.revoked = true
    },
  }
}

export type TestBackend = ReturnType<typeof createTestBackend>

function userJson(id: string, email: string) {
  return {
    id,
    isPrimaryUser: false,
    tenantIds: ['public'],
    emails: [email],
    phoneNumbers: [],
    thirdParty: [],
    loginMethods: [
      { recipeId: 'emailpassword', recipeUserId: id, tenantIds: ['public'], email, timeJoined: 1, verified: false },
    ],
    timeJoined: 1,
  }
}

export interface TestClientOptions extends Partial<Omit<AuthConfig, 'platform'>> {
  platform?: Partial<Platform>
}

/** A "tab": a client over shared browser state (cookie jar, storage, lock) with the fake clock. */
export function createTab(
  clock: FakeClock,
  config: TestClientOptions & { apiDomain: string },
  shared: { cookies?: ReturnType<typeof createMemoryCookieJar>; storage?: KeyValueStorage; lock?: LockManager } = {},
) {
  const cookies = shared.cookies ?? createMemoryCookieJar()
  const events: AuthEvent[] = []
  const client: AuthClient = createAuthClient({
    ...config,
    platform: {
      cookies,
      storage: shared.storage ?? createMemoryStorage(),
      lock: shared.lock ?? createMemoryLock(),
      broadcast: () => undefined,
      now: clock.now,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      origin: () => 'http://app.test',
      isServer: false,
      ...config.platform,
    },
  })
  client.on('*', (event) => events.push(event))
  return { client, cookies, events, eventTypes: () => events.map((e) => e.type) }
}
