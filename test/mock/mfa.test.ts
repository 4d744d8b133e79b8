import { describe, expect, it } from 'vitest'
import type { MockBackend, MockBackendOptions } from 'authfront/mock'
import { call, form, front, installServer } from './helpers'

const { useBackend } = installServer()
const START = Date.UTC(2026, 0, 1, 12)
const USER = { email: 'a@b.com', password: 'password1' }
const mfaHeaders = { headers: { rid: 'multifactorauth' } }
const pl = { headers: { rid: 'passwordless' } }

/** §4.9's backend: EmailPassword, MFA + TOTP + passwordless (email), tenant requires TOTP. */
function useMfa(multiFactor: MockBackendOptions['multiFactor'] = { requiredSecondaryFactors: ['totp'] }) {
  let now = START
  const backend = useBackend({
    users: [USER],
    now: () => now,
    passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
    multiFactor,
  })
  return { backend, advance: (ms: number) => (now += ms), now: () => now }
}

const signIn = (email = USER.email, password = USER.password) => call('/signin', { body: form(email, password) })
const mfaInfo = () => call('/mfa/info', { ...mfaHeaders, method: 'PUT', body: {} })
const protectedMe = () => call('/api/me')

/** Consumes the newest passwordless OTP for the attempt `code` answered. */
function consumeLatest(backend: MockBackend, code: { deviceId: string; preAuthSessionId: string }, linking = false) {
  const { deviceId, preAuthSessionId } = code
  const userInputCode = backend.outbox.latest({ type: 'passwordless' })!.code
  return call('/signinup/code/consume', {
    ...pl,
    body: { userInputCode, deviceId, preAuthSessionId, shouldTryLinkingWithSessionUser: linking },
  })
}

function mfaOf(response: Response) {
  return front(response)?.up['st-mfa'] as { c: Record<string, number>; v: boolean } | undefined
}

describe('MultiFactorAuth: the st-mfa claim', () => {
  it('MFA-1: a first factor writes st-mfa with the factor in seconds and v false; protected APIs answer 403', async () => {
    useMfa()
    const res = await signIn()
    expect(mfaOf(res)).toEqual({ c: { emailpassword: START / 1000 }, v: false })
    const me = await protectedMe()
    expect(me.status).toBe(403)
    expect(await me.json()).toEqual({
      message: 'invalid claim',
      claimValidationErrors: [{ id: 'st-mfa', reason: { message: 'MFA requirement for auth is not satisfied' } }],
    })
  })

  it('MFA-1: with no required factor v is true at once and protected APIs answer', async () => {
    useMfa({})
    const res = await signIn()
    expect(mfaOf(res)).toEqual({ c: { emailpassword: START / 1000 }, v: true })
    expect((await protectedMe()).status).toBe(200)
  })

  it('a passwordless sign-in writes otp-email or link-email as its first factor', async () => {
    const { backend } = useMfa()
    const start = async () => (await call('/signinup/code', { ...pl, body: { email: 'new@b.com' } })).json()
    const byOtp = await start()
    const otp = await consumeLatest(backend, byOtp)
    expect(mfaOf(otp)).toEqual({ c: { 'otp-email': START / 1000 }, v: false })
    const byLink = await start()
    const link = new URL(backend.outbox.latest({ type: 'passwordless' })!.link)
    const linked = await call('/signinup/code/consume', {
      ...pl,
      body: { linkCode: link.hash.slice(1), preAuthSessionId: byLink.preAuthSessionId },
    })
    expect(mfaOf(linked)).toEqual({ c: { 'link-email': START / 1000 }, v: false })
  })

  it('a ThirdParty sign-in writes thirdparty as its first factor', async () => {
    const WEB = 'http://localhost:3000'
    const callback = `${WEB}/auth/callback/google`
    useBackend({
      websiteDomain: WEB,
      thirdParty: { providers: ['google'], autoConsent: true },
      multiFactor: { requiredSecondaryFactors: ['totp'] },
    })
    const tp = { headers: { rid: 'thirdparty' } }
    const query = `thirdPartyId=google&redirectURIOnProviderDashboard=${encodeURIComponent(callback)}`
    const { urlWithQueryParams, pkceCodeVerifier } = await (await call(`/authorisationurl?${query}`, tp)).json()
    const consent = await fetch(urlWithQueryParams, { redirect: 'manual' })
    const redirectURIQueryParams = Object.fromEntries(new URL(consent.headers.get('location')!).searchParams)
    const res = await call('/signinup', {
      ...tp,
      body: {
        thirdPartyId: 'google',
        redirectURIInfo: { redirectURIOnProviderDashboard: callback, redirectURIQueryParams, pkceCodeVerifier },
        shouldTryLinkingWithSessionUser: false,
      },
    })
    expect(res.status).toBe(200)
    expect(mfaOf(res)).toMatchObject({ c: { thirdparty: expect.any(Number) }, v: false })
  })

  it('firstFactors limits the first factors of tenants without their own list', async () => {
    useMfa({ firstFactors: ['emailpassword'] })
    const res = await call('/signinup/code', { ...pl, body: { email: 'new@b.com' } })
    expect(res.status).toBe(401)
    expect((await signIn()).status).toBe(200)
    const methods = await (await call('/loginmethods', { headers: { rid: 'multitenancy' } })).json()
    expect(methods.firstFactors).toEqual(['emailpassword'])
  })

  it('without the multiFactor option: no st-mfa, no MFA or TOTP endpoints', async () => {
    useBackend({ users: [USER] })
    const res = await signIn()
    expect(front(res)!.up).not.toHaveProperty('st-mfa')
    expect((await mfaInfo()).status).toBe(404)
    expect((await call('/totp/device/list', { headers: { rid: 'totp' } })).status).toBe(404)
    expect((await protectedMe()).status).toBe(200)
  })

  it('MFA-12: a session without st-mfa gets it back-filled by PUT mfa/info (first factor at creation, in ms)', async () => {
    const { backend } = useMfa()
    const issued = backend.sessions.create(USER.email)
    expect(issued.accessTokenPayload).not.toHaveProperty('st-mfa')
    const res = await mfaInfo()
    expect(res.status).toBe(200)
    expect(mfaOf(res)).toEqual({ c: { emailpassword: START }, v: false })
    // The rewritten claim travels as a new access token with the same refresh token.
    expect(res.headers.getSetCookie().map((cookie) => cookie.split('=')[0])).toEqual(['sAccessToken'])
    expect(front(res)!.up.sessionHandle).toBe(issued.sessionHandle)
  })

  it('MFA-12: protect() fetches a missing st-mfa before checking it', async () => {
    const { backend } = useMfa()
    backend.sessions.create(USER.email)
    const me = await protectedMe()
    expect(me.status).toBe(403)
    expect(mfaOf(me)).toEqual({ c: { emailpassword: START }, v: false })
  })
})

describe('MultiFactorAuth: PUT mfa/info', () => {
  it('MFA-2: next, alreadySetup, allowedToSetup, emails and phoneNumbers', async () => {
    useMfa()
    await signIn()
    const res = await mfaInfo()
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      status: 'OK',
      factors: { next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] },
      emails: { emailpassword: ['a@b.com'], 'otp-email': ['a@b.com'], 'link-email': ['a@b.com'] },
      phoneNumbers: {},
    })
    // The claim did not change: no new token.
    expect(res.headers.get('front-token')).toBeNull()
  })

  it('MFA-2: a password user can set up a passkey with its own email (supertokens-node 24 lists it for webauthn)', async () => {
    useBackend({ users: [USER], multiFactor: {}, webauthn: { rpId: 'localhost' } })
    await signIn()
    const info = (await (await mfaInfo()).json()) as { emails: Record<string, string[]>; factors: unknown }
    expect(info.emails.webauthn).toEqual(['a@b.com'])
    expect(info.factors).toMatchObject({ allowedToSetup: expect.arrayContaining(['webauthn']) })
  })

  it('answers 401 without a session and 401 try refresh with an expired access token', async () => {
    const { backend } = useMfa()
    const none = await mfaInfo()
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ message: 'unauthorised' })
    expect(none.headers.get('front-token')).toBeNull()
    await signIn()
    backend.controls.expireAccessTokens()
    const expired = await mfaInfo()
    expect(expired.status).toBe(401)
    expect(await expired.json()).toEqual({ message: 'try refresh token' })
  })

  it('MFA-10: a session that completed the factors gets next [] and every factor allowed to set up', async () => {
    const { backend } = useMfa({})
    await signIn()
    const body = await (await mfaInfo()).json()
    expect(body.factors).toEqual({
      next: [],
      alreadySetup: ['emailpassword'],
      allowedToSetup: ['emailpassword', 'otp-email', 'link-email', 'totp'],
    })
    expect(backend.options.multiFactor).toBeDefined()
  })

  it('MFA-11: requirements oneOf [totp, otp-email] list both as next', async () => {
    useMfa({ requiredSecondaryFactors: ['totp', 'otp-email'] })
    await signIn()
    const body = await (await mfaInfo()).json()
    expect(body.factors).toEqual({
      next: ['totp', 'otp-email'],
      alreadySetup: ['emailpassword'],
      allowedToSetup: ['otp-email', 'totp'],
    })
  })

  it('MFA-13: a required factor no initialised recipe offers is a configuration error (500)', async () => {
    useMfa({ requiredSecondaryFactors: ['otp-phone'] })
    await signIn()
    const res = await mfaInfo()
    expect(res.status).toBe(500)
    expect(await res.text()).toContain('The user is required to complete secondary factors they are not allowed to')
  })

  it('MFA-13: so is requiring TOTP with the TOTP recipe left out', async () => {
    useMfa({ requiredSecondaryFactors: ['totp'], totp: false })
    await signIn()
    expect((await mfaInfo()).status).toBe(500)
    expect((await call('/totp/device/list', { headers: { rid: 'totp' } })).status).toBe(404)
  })

  it('usersRequiring adds factors for single users; controls change requirements at runtime', async () => {
    const { backend } = useMfa({ usersRequiring: { 'A@B.com': ['totp'] } })
    backend.users.add({ email: 'other@b.com', password: 'password1' })
    expect(mfaOf(await signIn())).toMatchObject({ v: false })
    expect(mfaOf(await signIn('other@b.com'))).toMatchObject({ v: true })

    // The example apps' "require TOTP" toggle: the session's claim is recomputed by the next mfa/info.
    backend.controls.multiFactor.require(['totp'])
    const info = await mfaInfo()
    expect(mfaOf(info)).toMatchObject({ v: false })
    expect((await info.json()).factors.next).toEqual(['totp'])
    expect(mfaOf(await signIn('other@b.com'))).toMatchObject({ v: false })

    backend.controls.multiFactor.require([])
    backend.controls.multiFactor.requireForUser('other@b.com', ['otp-email'])
    expect((await (await mfaInfo()).json()).factors.next).toEqual(['otp-email'])
    backend.controls.reset()
    expect((await (await mfaInfo()).json()).factors.next).toEqual([])
  })

  it('controls.multiFactor refuses to run without the multiFactor option', () => {
    const backend = useBackend()
    expect(() => backend.controls.multiFactor.require(['totp'])).toThrow(/multiFactor option/)
  })
})

describe('MultiFactorAuth: email OTP as a second factor', () => {
  async function secondFactorCode(email = USER.email) {
    const res = await call('/signinup/code', { ...pl, body: { email, shouldTryLinkingWithSessionUser: true } })
    return { res, body: await res.json() }
  }

  it('MFA-8: code with the session → USER_INPUT_CODE; consume updates the same session and links the user', async () => {
    const { backend } = useMfa({ requiredSecondaryFactors: ['otp-email'] })
    const first = await signIn()
    const handle = front(first)!.up.sessionHandle
    const refreshBefore = backend.cookies.get('sRefreshToken', '/auth/session/refresh')
    const info = await (await mfaInfo()).json()
    expect(info.emails['otp-email']).toEqual(['a@b.com'])
    expect(info.factors.next).toEqual(['otp-email'])

    const { res, body } = await secondFactorCode()
    expect(res.status).toBe(200)
    expect(body).toMatchObject({ status: 'OK', flowType: 'USER_INPUT_CODE' })
    expect(backend.outbox.latest({ type: 'passwordless' })!.flowType).toBe('USER_INPUT_CODE')

    const consumed = await consumeLatest(backend, body, true)
    const json = await consumed.json()
    const user = backend.users.get(USER.email)!
    expect(json).toMatchObject({
      status: 'OK',
      createdNewRecipeUser: true,
      user: {
        id: user.id,
        isPrimaryUser: true,
        emails: ['a@b.com'],
        loginMethods: [{ recipeId: 'emailpassword' }, { recipeId: 'passwordless', email: 'a@b.com' }],
      },
    })
    expect(front(consumed)!.up.sessionHandle).toBe(handle)
    expect(mfaOf(consumed)).toEqual({ c: { emailpassword: START / 1000, 'otp-email': START / 1000 }, v: true })
    // Same session: a new access token, no new refresh token.
    expect(consumed.headers.getSetCookie().map((cookie) => cookie.split('=')[0])).toEqual(['sAccessToken'])
    expect(backend.cookies.get('sRefreshToken', '/auth/session/refresh')).toBe(refreshBefore)
    expect(backend.users.list()).toHaveLength(1)
    expect((await protectedMe()).status).toBe(200)
    expect((await (await mfaInfo()).json()).factors.alreadySetup).toEqual(['emailpassword', 'otp-email', 'link-email'])
  })

  it('MFA-8: the linked email signs the primary user in as a first factor afterwards', async () => {
    const { backend } = useMfa({ requiredSecondaryFactors: ['otp-email'] })
    await signIn()
    const { body } = await secondFactorCode()
    await consumeLatest(backend, body, true)
    backend.cookies.clear()
    const again = await (await call('/signinup/code', { ...pl, body: { email: USER.email } })).json()
    const res = await consumeLatest(backend, again)
    expect(await res.json()).toMatchObject({
      createdNewRecipeUser: false,
      user: { id: backend.users.get(USER.email)!.id },
    })
  })

  it('MFA-8: the setup rule applies to a new email OTP while the session owes another factor', async () => {
    useMfa({ requiredSecondaryFactors: ['totp'] })
    await signIn()
    const { res, body } = await secondFactorCode()
    expect(res.status).toBe(403)
    expect(body).toEqual({
      message: 'invalid claim',
      claimValidationErrors: [
        { id: 'st-mfa', reason: 'Not allowed to setup factor that is not in the next set of unsatisfied factors' },
      ],
    })
  })

  it('MFA-9: a second-factor call without a session answers 401 unauthorised without clearing', async () => {
    useMfa({ requiredSecondaryFactors: ['otp-email'] })
    const res = await call('/signinup/code', {
      ...pl,
      body: { email: USER.email, shouldTryLinkingWithSessionUser: true },
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'unauthorised' })
    expect(res.headers.get('front-token')).toBeNull()
    expect(res.headers.getSetCookie()).toEqual([])
    const consume = await call('/signinup/code/consume', {
      ...pl,
      body: { userInputCode: '123456', deviceId: 'x', preAuthSessionId: 'y', shouldTryLinkingWithSessionUser: true },
    })
    expect(consume.status).toBe(401)
  })

  it('an expired access token on a second-factor call answers 401 try refresh', async () => {
    const { backend } = useMfa({ requiredSecondaryFactors: ['otp-email'] })
    await signIn()
    backend.controls.expireAccessTokens()
    const res = await call('/signinup/code', {
      ...pl,
      body: { email: USER.email, shouldTryLinkingWithSessionUser: true },
    })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'try refresh token' })
  })
})
