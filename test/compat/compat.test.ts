// authfront/compat in Node against the shipped mock: the official session and email-password names, result shapes
// and events (issue 21 item 4). The same app against the official SDK: migrationExample.test.ts.
import axios from 'axios'
import { http, HttpResponse } from 'msw'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  EmailPassword,
  PrimitiveArrayClaim,
  STGeneralError,
  Session,
  SuperTokens,
  UserRoleClaim,
} from 'authfront/compat'
import type { SessionConfig, SessionEvent, SuperTokensConfig } from 'authfront/compat'
import { createMemoryCookieJar, createMemoryStorage } from 'authfront'
import { createMockBackend } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const API = 'http://compat.test:3001'
let serverNow = Date.now()
const backend = createMockBackend({
  apiDomain: API,
  now: () => serverNow,
  users: [{ email: 'ada@example.com', password: 'password1' }],
})
const server = setupMockServer(backend)
const requests: string[] = []
const events: SessionEvent[] = []
server.events.on('request:start', ({ request }) => requests.push(`${request.method} ${new URL(request.url).pathname}`))

// The app's own API: grants a role by merging it into the access token, and a page guarded by a claim (403).
server.use(
  http.post(
    `${API}/api/grant-admin`,
    backend.protect(async ({ session }) => {
      await session.mergeIntoAccessTokenPayload({ 'st-role': { v: ['admin'], t: serverNow } })
      return HttpResponse.json({ ok: true })
    }),
  ),
  http.get(
    `${API}/api/billing`,
    backend.protect(() =>
      HttpResponse.json(
        { message: 'invalid claim', claimValidationErrors: [{ id: 'plan', reason: { message: 'wrong value' } }] },
        { status: 403 },
      ),
    ),
  ),
)

let clientNow = Date.now()
const formFields = (email: string, password = 'password1') => [
  { id: 'email', value: email },
  { id: 'password', value: password },
]

function init(session: SessionConfig = {}, extra: Partial<SuperTokensConfig> = {}) {
  SuperTokens.init({
    appInfo: { appName: 'Shop', apiDomain: API, apiBasePath: '/auth' },
    recipeList: [Session.init({ onHandleEvent: (event) => void events.push(event), ...session }), EmailPassword.init()],
    platform: { cookies: createMemoryCookieJar(), storage: createMemoryStorage(), now: () => clientNow },
    ...extra,
  })
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
beforeEach(() => {
  backend.reset()
  serverNow = clientNow = Date.now()
  requests.length = 0
  events.length = 0
})
afterEach(() => vi.unstubAllGlobals())
afterAll(() => server.close())

const actions = () => events.map((event) => event.action)

describe.each(['cookie', 'header'] as const)('authfront/compat (%s mode)', (tokenTransferMethod) => {
  it('signs in with formFields, fires the official events, intercepts the global fetch and signs out', async () => {
    init({ tokenTransferMethod })
    expect(await Session.doesSessionExist()).toBe(false)
    const result = await EmailPassword.signIn({ formFields: formFields('ada@example.com') })
    expect(result.status).toBe('OK')
    if (result.status !== 'OK') return
    expect(result.user.emails).toEqual(['ada@example.com'])
    expect(events).toEqual([{ action: 'SESSION_CREATED', userContext: {} }])
    expect(await Session.doesSessionExist()).toBe(true)
    expect(await Session.getUserId()).toBe(result.user.id)
    expect(await Session.getAccessTokenPayloadSecurely()).toMatchObject({ sub: result.user.id })
    const token = await Session.getAccessToken()
    if (tokenTransferMethod === 'header') expect(token).toMatch(/^ey/)
    else expect(token).toBeUndefined()

    // The plain global fetch carries the session (the official SDK patches it at init, so does compat).
    requests.length = 0
    const me = await fetch(`${API}/api/me`)
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ userId: result.user.id })

    // The backend expired the token, the client does not know: 401, one refresh, one retry; official events.
    events.length = 0
    backend.controls.expireAccessTokens()
    expect((await fetch(`${API}/api/me`)).status).toBe(200)
    expect(actions()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])
    expect(await Session.attemptRefreshingSession()).toBe(true)
    // axios without addAxiosInterceptors: its fetch adapter sends through the patched global fetch.
    const viaAxios = await axios.create({ adapter: 'fetch' }).get(`${API}/api/me`)
    expect(viaAxios.data).toMatchObject({ userId: result.user.id })

    events.length = 0
    requests.length = 0
    await EmailPassword.signOut()
    expect(requests).toEqual(['POST /auth/signout'])
    expect(events).toEqual([{ action: 'SIGN_OUT', userContext: {} }])
    expect(await Session.doesSessionExist()).toBe(false)
    expect(await Session.attemptRefreshingSession()).toBe(false)
  })

  it('fires UNAUTHORISED with sessionExpiredOrRevoked when the backend revoked the session', async () => {
    init({ tokenTransferMethod })
    await EmailPassword.signIn({ formFields: formFields('ada@example.com') })
    backend.controls.revokeAllSessions()
    backend.controls.expireAccessTokens()
    events.length = 0
    expect((await fetch(`${API}/api/me`)).status).toBe(401)
    expect(events).toEqual([{ action: 'UNAUTHORISED', sessionExpiredOrRevoked: true, userContext: {} }])
    await expect(Session.getUserId()).rejects.toMatchObject({ name: 'AuthError', kind: 'session' })
  })
})

describe('authfront/compat EmailPassword results', () => {
  it('maps FIELD_ERROR to formFields, passes the other statuses and doesEmailExist through', async () => {
    init()
    expect(await EmailPassword.signIn({ formFields: formFields('ada@example.com', 'wrong') })).toEqual({
      status: 'WRONG_CREDENTIALS_ERROR',
    })
    const taken = await EmailPassword.signUp({ formFields: formFields('ada@example.com') })
    expect(taken).toEqual({
      status: 'FIELD_ERROR',
      formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }],
    })
    expect(await EmailPassword.doesEmailExist({ email: 'ada@example.com' })).toEqual({ status: 'OK', doesExist: true })
    expect(await EmailPassword.doesEmailExist({ email: 'bob@example.com' })).toEqual({ status: 'OK', doesExist: false })
    const created = await EmailPassword.signUp({ formFields: formFields('bob@example.com') })
    expect(created).toMatchObject({ status: 'OK', user: { emails: ['bob@example.com'] } })
    expect(actions()).toEqual(['SESSION_CREATED'])
  })

  it('throws a general error that STGeneralError.isThisError recognises', async () => {
    init()
    backend.controls.failNext({ match: '/signin', status: 200, body: { status: 'GENERAL_ERROR', message: 'Blocked' } })
    const error = await EmailPassword.signIn({ formFields: formFields('ada@example.com') }).catch((e: unknown) => e)
    expect(STGeneralError.isThisError(error)).toBe(true)
    expect(error).toMatchObject({ name: 'AuthError', kind: 'server', message: 'Blocked' })
    expect(STGeneralError.isThisError(new Error('Blocked'))).toBe(false)
  })

  it('resets a password with the token and tenant of the page URL', async () => {
    init()
    expect(
      (await EmailPassword.sendPasswordResetEmail({ formFields: [{ id: 'email', value: 'ada@example.com' }] })).status,
    ).toBe('OK')
    const link = backend.outbox.latest({ to: 'ada@example.com', type: 'reset-password' })!.link
    vi.stubGlobal('location', new URL(link))
    expect(EmailPassword.getResetPasswordTokenFromURL()).toBe(new URL(link).searchParams.get('token'))
    expect(EmailPassword.getTenantIdFromURL()).toBe('public')
    expect(await EmailPassword.submitNewPassword({ formFields: [{ id: 'password', value: 'password2' }] })).toEqual({
      status: 'OK',
    })
    expect((await EmailPassword.signIn({ formFields: formFields('ada@example.com', 'password2') })).status).toBe('OK')
    expect(await EmailPassword.submitNewPassword({ formFields: [{ id: 'password', value: 'password3' }] })).toEqual({
      status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR',
    })
  })
})

describe('authfront/compat claims', () => {
  it('reads, validates and reports claims with the official functions', async () => {
    const TeamClaim = PrimitiveArrayClaim<string>({ id: 'st-role' })
    init({
      override: {
        functions: (original) => ({
          ...original,
          getGlobalClaimValidators: (input) => [
            ...original.getGlobalClaimValidators(input),
            UserRoleClaim.validators.includes('admin'),
          ],
        }),
      },
    })
    await EmailPassword.signIn({ formFields: formFields('ada@example.com') })
    expect(await Session.getClaimValue({ claim: UserRoleClaim })).toBeUndefined()
    expect(await Session.validateClaims()).toEqual([
      {
        id: 'st-role',
        reason: { message: 'value does not exist', expectedToInclude: 'admin', actualValue: undefined },
      },
    ])
    // The per-call override replaces the global list: nothing to fail.
    expect(await Session.validateClaims({ overrideGlobalClaimValidators: () => [] })).toEqual([])

    events.length = 0
    await fetch(`${API}/api/grant-admin`, { method: 'POST' })
    expect(actions()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
    expect(await Session.getClaimValue({ claim: TeamClaim })).toEqual(['admin'])
    expect(await Session.validateClaims()).toEqual([])

    events.length = 0
    const denied = await fetch(`${API}/api/billing`)
    expect(denied.status).toBe(403)
    const failed = [{ id: 'plan', reason: { message: 'wrong value' } }]
    expect(events).toEqual([{ action: 'API_INVALID_CLAIM', claimValidationErrors: failed, userContext: {} }])
    expect(await Session.getInvalidClaimsFromResponse({ response: denied })).toEqual(failed)
  })
})

describe('authfront/compat refuses what it cannot do, by name', () => {
  const refused = (fn: () => unknown, name: RegExp) =>
    expect(fn).toThrow(
      expect.objectContaining({ name: 'AuthError', kind: 'config', message: expect.stringMatching(name) }),
    )

  it('refuses unsupported options at init instead of ignoring them', () => {
    refused(() => init({ preAPIHook: (() => {}) as never }), /"preAPIHook"/)
    refused(() => init({ postAPIHook: (() => {}) as never }), /"postAPIHook"/)
    refused(
      () => init({ override: { functions: (original) => ({ ...original, signOut: async () => {} }) } }),
      /override\.functions: signOut/,
    )
    refused(() => init({}, { cookieHandler: (() => {}) as never }), /"cookieHandler"/)
    refused(() => init({}, { recipeList: [{ recipeId: 'thirdparty' } as never] }), /Session and EmailPassword only/)
    refused(() => Session.addAxiosInterceptors({}), /adapter: 'fetch'/)
    expect(() => init({ autoAddCredentials: true })).not.toThrow()
  })

  it('maps autoAddCredentials: false (the call keeps its own credentials) and an overridden interception rule', async () => {
    const seen: { path: string; credentials: RequestCredentials; rid: string | null }[] = []
    const record = ({ request }: { request: Request }) =>
      seen.push({
        path: new URL(request.url).pathname,
        credentials: request.credentials,
        rid: request.headers.get('rid'),
      })
    server.events.on('request:start', record)
    const decisions: unknown[][] = []
    init({
      tokenTransferMethod: 'header',
      sessionTokenBackendDomain: '.compat.test',
      autoAddCredentials: false,
      override: {
        functions: (original) => ({
          ...original,
          shouldDoInterceptionBasedOnUrl: (url, apiDomain, backendDomain) => {
            decisions.push([url, apiDomain, backendDomain])
            return !url.includes('public=1') && original.shouldDoInterceptionBasedOnUrl(url, apiDomain, backendDomain)
          },
        }),
      },
    })
    await EmailPassword.signIn({ formFields: formFields('ada@example.com') })
    seen.length = 0
    expect((await fetch(`${API}/api/me`)).status).toBe(200)
    expect((await fetch(`${API}/api/me`, { credentials: 'include' })).status).toBe(200)
    // Excluded by the rule: sent untouched, so the mock sees no session (401) and nothing is refreshed.
    expect((await fetch(`${API}/api/me?public=1`)).status).toBe(401)
    server.events.removeListener('request:start', record)
    expect(seen).toEqual([
      { path: '/api/me', credentials: 'same-origin', rid: 'anti-csrf' },
      { path: '/api/me', credentials: 'include', rid: 'anti-csrf' },
      { path: '/api/me', credentials: 'same-origin', rid: null },
    ])
    expect(decisions).toContainEqual([`${API}/api/me?public=1`, API, '.compat.test'])
  })

  it('maps apiGatewayPath before apiBasePath', () => {
    SuperTokens.init({
      appInfo: { appName: 'Shop', apiDomain: API, apiBasePath: '/auth', apiGatewayPath: '/gateway/' },
      recipeList: [Session.init()],
    })
    expect(SuperTokens.getAuthClient().config.apiBasePath).toBe('/gateway/auth')
  })
})

it("refreshes before sending when the client already knows the token expired: one request fewer than the official SDK's 401 round", async () => {
  init()
  await EmailPassword.signIn({ formFields: formFields('ada@example.com') })
  serverNow = clientNow += 2 * 3600_000
  requests.length = 0
  expect((await fetch(`${API}/api/me`)).status).toBe(200)
  expect(requests).toEqual(['POST /auth/session/refresh', 'GET /api/me'])
})
