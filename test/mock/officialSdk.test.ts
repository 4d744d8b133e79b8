// @vitest-environment jsdom
/**
 * The official SuperTokens web SDK (supertokens-web-js 0.16 + supertokens-website 20.1) as an independent client of
 * the mock: if the mock answers like supertokens-node, the official client works against it unchanged.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import SuperTokens from 'supertokens-web-js'
import Session from 'supertokens-web-js/recipe/session'
import EmailPassword from 'supertokens-web-js/recipe/emailpassword'
import EmailVerification from 'supertokens-web-js/recipe/emailverification'
import Multitenancy from 'supertokens-web-js/recipe/multitenancy'
import Passwordless from 'supertokens-web-js/recipe/passwordless'
import ThirdParty from 'supertokens-web-js/recipe/thirdparty'
import { createMockBackend, startSignedIn, startSignedOut, startWithExpiredAccessToken } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const API = 'http://localhost:3001'
const backend = createMockBackend({
  apiDomain: API,
  // jsdom's page origin: the magic link and the provider page live there.
  websiteDomain: 'http://localhost:3000',
  emailVerification: 'optional',
  thirdParty: { providers: ['google', 'github'] },
  passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
  tenants: { t1: { firstFactors: ['thirdparty', 'otp-email'], providers: ['github'] } },
})
const server = setupMockServer(backend)
const requests: string[] = []
const events: string[] = []

server.events.on('request:start', ({ request }) => {
  requests.push(`${request.method} ${new URL(request.url).pathname}`)
})

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  // MSW installs its XMLHttpRequest interceptor as a read-only global; supertokens-website replaces that global
  // with its own proxy at init, so make it writable (test harness only: the mock itself is not involved).
  Object.defineProperty(globalThis, 'XMLHttpRequest', {
    value: globalThis.XMLHttpRequest,
    writable: true,
    configurable: true,
  })
  // Installed after MSW so the SDK's saved "original fetch" is MSW's interceptor.
  SuperTokens.init({
    appInfo: { appName: 'mock test', apiDomain: API, apiBasePath: '/auth' },
    recipeList: [
      Session.init({ tokenTransferMethod: 'cookie', onHandleEvent: (event) => void events.push(event.action) }),
      EmailPassword.init(),
      EmailVerification.init(),
      ThirdParty.init(),
      Passwordless.init(),
      Multitenancy.init(),
    ],
  })
})
afterEach(() => {
  requests.length = 0
  events.length = 0
})
afterAll(() => server.close())

describe('official SuperTokens web SDK against the mock (cookie mode)', () => {
  it('signs up, calls a protected API, refreshes on expiry, verifies the email and signs out', async () => {
    expect(await Session.doesSessionExist()).toBe(false)
    expect(requests).toEqual(['POST /auth/session/refresh'])
    requests.length = 0

    const signUp = await EmailPassword.signUp({
      formFields: [
        { id: 'email', value: 'ada@example.com' },
        { id: 'password', value: 'password1' },
      ],
    })
    expect(signUp.status).toBe('OK')
    expect(events).toEqual(['SESSION_CREATED'])
    expect(await Session.doesSessionExist()).toBe(true)
    const userId = await Session.getUserId()
    expect(userId).toBe(backend.users.get('ada@example.com')?.id)
    expect(document.cookie).toContain('sFrontToken=')
    // The httpOnly cookies never reach document.cookie; the mock keeps them like a browser would.
    expect(document.cookie).not.toContain('sAccessToken')
    expect(backend.cookies.get('sAccessToken')).toBeTruthy()

    const me = await fetch(`${API}/api/me`)
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({ userId, email: 'ada@example.com', verified: false })

    // Case 7: the server expires the token, the client does not know: 401 → one refresh → one retry.
    requests.length = 0
    events.length = 0
    backend.controls.expireAccessTokens()
    const retried = await fetch(`${API}/api/me`)
    expect(retried.status).toBe(200)
    expect(requests).toEqual(['GET /api/me', 'POST /auth/session/refresh', 'GET /api/me'])
    expect(events).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])

    // Case 22: the email verification claim, sent and followed through the outbox.
    expect(await EmailVerification.isEmailVerified()).toMatchObject({ status: 'OK', isVerified: false })
    expect((await EmailVerification.sendVerificationEmail()).status).toBe('OK')
    const link = new URL(backend.outbox.latest({ to: 'ada@example.com' })!.link)
    window.history.replaceState(null, '', `${link.pathname}${link.search}`)
    expect((await EmailVerification.verifyEmail()).status).toBe('OK')
    expect(await EmailVerification.isEmailVerified()).toMatchObject({ status: 'OK', isVerified: true })
    const payload = await Session.getAccessTokenPayloadSecurely()
    expect(payload['st-ev']).toMatchObject({ v: true })

    // Case 15: sign-out.
    requests.length = 0
    events.length = 0
    await Session.signOut()
    expect(requests).toEqual(['POST /auth/signout'])
    expect(events).toEqual(['SIGN_OUT'])
    expect(await Session.doesSessionExist()).toBe(false)
    expect(backend.cookies.list()).toEqual([])
    expect((await fetch(`${API}/api/me`)).status).toBe(401)
  })

  it('signs in and recovers from a revoked session with UNAUTHORISED (case 10)', async () => {
    const signIn = await EmailPassword.signIn({
      formFields: [
        { id: 'email', value: 'ada@example.com' },
        { id: 'password', value: 'wrong-password1' },
      ],
    })
    expect(signIn.status).toBe('WRONG_CREDENTIALS_ERROR')
    const ok = await EmailPassword.signIn({
      formFields: [
        { id: 'email', value: 'ada@example.com' },
        { id: 'password', value: 'password1' },
      ],
    })
    expect(ok.status).toBe('OK')
    events.length = 0
    requests.length = 0
    backend.controls.revokeAllSessions()
    backend.controls.expireAccessTokens()
    const res = await fetch(`${API}/api/me`)
    expect(res.status).toBe(401)
    expect(requests).toEqual(['GET /api/me', 'POST /auth/session/refresh'])
    expect(events).toEqual(['UNAUTHORISED'])
    expect(await Session.doesSessionExist()).toBe(false)
  })

  it('surfaces token theft as a signed-out session (case 11)', async () => {
    await EmailPassword.signIn({
      formFields: [
        { id: 'email', value: 'ada@example.com' },
        { id: 'password', value: 'password1' },
      ],
    })
    // Another "browser" rotates the refresh token behind the SDK's back: its copy is now superseded.
    const stolen = backend.cookies.get('sRefreshToken', '/auth/session/refresh')!
    const browserJar = backend.cookies.list()
    const thief = await fetch(`${API}/auth/session/refresh?superTokensDoNotDoInterception`, {
      method: 'POST',
      headers: { rid: 'session', Cookie: `sRefreshToken=${stolen}` },
      credentials: 'omit',
    })
    expect(thief.status).toBe(200)
    // The SDK's browser still holds the stolen token (msw 3 in Node cannot honour `omit`, so put the jar back).
    backend.cookies.clear()
    for (const cookie of browserJar) backend.cookies.set(cookie)
    events.length = 0
    backend.controls.expireAccessTokens()
    const res = await fetch(`${API}/api/me`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'token theft detected' })
    expect(events).toEqual(['UNAUTHORISED'])
  })

  it('recognises sessions the test kit writes to document.cookie', async () => {
    const { user } = startSignedIn(backend, { email: 'kit@example.com' })
    requests.length = 0
    expect(await Session.doesSessionExist()).toBe(true)
    expect(await Session.getUserId()).toBe(user.id)
    expect(requests).toEqual([])
    expect((await fetch(`${API}/api/me`)).status).toBe(200)

    startWithExpiredAccessToken(backend, { email: 'kit@example.com' })
    requests.length = 0
    expect(await Session.doesSessionExist()).toBe(true)
    expect(requests).toEqual(['POST /auth/session/refresh'])

    startSignedOut(backend)
    requests.length = 0
    expect(await Session.doesSessionExist()).toBe(false)
    expect(requests).toEqual([])
  })
})

describe('official SuperTokens web SDK: ThirdParty, Passwordless and Multitenancy against the mock', () => {
  /** Puts the page on a path of the jsdom origin, as a navigation there would. */
  const visit = (href: string) => {
    const url = new URL(href)
    expect(url.origin).toBe(window.location.origin)
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`)
  }

  it('TP-1/TP-2: signs in through the mock provider page with state and PKCE', async () => {
    const callback = `${window.location.origin}/auth/callback/google`
    const url = await ThirdParty.getAuthorisationURLWithQueryParamsAndSetState({
      thirdPartyId: 'google',
      frontendRedirectURI: callback,
    })
    expect(requests).toEqual(['GET /auth/authorisationurl'])
    expect(new URL(url).searchParams.get('state')).toBeTruthy()
    const page = backend.providerPage(url)!
    expect(page.kind).toBe('consent')
    if (page.kind !== 'consent') return
    expect(page.title).toBe('Sign in to Google (authfront mock provider)')
    visit(page.accounts[1]!.href)
    requests.length = 0
    const result = await ThirdParty.signInAndUp()
    expect(result.status).toBe('OK')
    if (result.status !== 'OK') return
    expect(result.createdNewRecipeUser).toBe(true)
    expect(result.user.emails).toEqual(['grace.google@example.com'])
    expect(result.user.loginMethods[0]).toMatchObject({ recipeId: 'thirdparty', thirdParty: { id: 'google' } })
    expect(requests).toEqual(['POST /auth/signinup'])
    expect(events).toEqual(['SESSION_CREATED'])
    expect(await Session.getUserId()).toBe(result.user.id)
    await Session.signOut()
  })

  it('TP-6: the SDK gets NO_EMAIL_GIVEN_BY_PROVIDER from controls.thirdParty.nextConsent("noEmail")', async () => {
    const url = await ThirdParty.getAuthorisationURLWithQueryParamsAndSetState({
      thirdPartyId: 'github',
      frontendRedirectURI: `${window.location.origin}/auth/callback/github`,
    })
    backend.controls.thirdParty.nextConsent('noEmail')
    const page = backend.providerPage(url)!
    visit(page.kind === 'consent' ? page.accounts[0]!.href : '')
    expect((await ThirdParty.signInAndUp()).status).toBe('NO_EMAIL_GIVEN_BY_PROVIDER')
    expect(events).toEqual([])
  })

  it('PL-1/PL-2/PL-5: creates, resends and consumes an email OTP', async () => {
    const created = await Passwordless.createCode({ email: 'pl@example.com' })
    expect(created).toMatchObject({ status: 'OK', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' })
    expect((await Passwordless.resendCode()).status).toBe('OK')
    const sent = backend.outbox.list().filter((item) => item.type === 'passwordless' && item.to === 'pl@example.com')
    expect(sent).toHaveLength(2)
    const wrong = await Passwordless.consumeCode({ userInputCode: 'abcdef' })
    expect(wrong).toMatchObject({ status: 'INCORRECT_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: 1 })
    const code = backend.outbox.latest({ to: 'pl@example.com', type: 'passwordless' })!.code
    const result = await Passwordless.consumeCode({ userInputCode: code })
    expect(result).toMatchObject({ status: 'OK', createdNewRecipeUser: true })
    expect(events).toEqual(['SESSION_CREATED'])
    await Session.signOut()
  })

  it('PL-7: consumes a magic link from the page URL (PL-9: a second time restarts)', async () => {
    expect((await Passwordless.createCode({ phoneNumber: '+14155550100' })).status).toBe('OK')
    const message = backend.outbox.latest({ to: '+14155550100', type: 'passwordless' })!
    expect(message.channel).toBe('sms')
    await Passwordless.clearLoginAttemptInfo()
    visit(message.link)
    requests.length = 0
    expect((await Passwordless.consumeCode()).status).toBe('OK')
    expect(requests).toEqual(['POST /auth/signinup/code/consume'])
    await Session.signOut()
    expect((await Passwordless.consumeCode()).status).toBe('RESTART_FLOW_ERROR')
  })

  it('MT-1/MT-2: getLoginMethods for the public tenant and a restricted one', async () => {
    const publicMethods = await Multitenancy.getLoginMethods()
    expect(publicMethods).toMatchObject({
      status: 'OK',
      thirdParty: {
        providers: [
          { id: 'google', name: 'Google' },
          { id: 'github', name: 'GitHub' },
        ],
      },
      firstFactors: ['emailpassword', 'thirdparty', 'otp-email', 'otp-phone', 'link-email', 'link-phone'],
    })
    requests.length = 0
    const t1 = await Multitenancy.getLoginMethods({ tenantId: 't1' })
    expect(requests).toEqual(['GET /auth/t1/loginmethods'])
    expect(t1).toMatchObject({
      status: 'OK',
      thirdParty: { providers: [{ id: 'github', name: 'GitHub' }] },
      firstFactors: ['thirdparty', 'otp-email'],
    })
    await expect(Multitenancy.getLoginMethods({ tenantId: 'nope' })).rejects.toMatchObject({ status: 500 })
  })
})
