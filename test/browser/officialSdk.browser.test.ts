// The official SuperTokens web SDK (supertokens-web-js 0.16 on supertokens-website 20) in Chromium against the mock's
// service worker, as an app uses it: real document.cookie, the page's fetch, navigations for the OAuth provider and
// Chromium's own WebAuthn stack with a virtual authenticator (issues 16 and 17).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { cdp } from 'vitest/browser'
import SuperTokens from 'supertokens-web-js'
import Session from 'supertokens-web-js/recipe/session'
import EmailPassword from 'supertokens-web-js/recipe/emailpassword'
import EmailVerification from 'supertokens-web-js/recipe/emailverification'
import MultiFactorAuth from 'supertokens-web-js/recipe/multifactorauth'
import Multitenancy from 'supertokens-web-js/recipe/multitenancy'
import Passwordless from 'supertokens-web-js/recipe/passwordless'
import ThirdParty from 'supertokens-web-js/recipe/thirdparty'
import Totp from 'supertokens-web-js/recipe/totp'
import WebAuthn from 'supertokens-web-js/recipe/webauthn'
import { createMockBackend, generateTotp } from 'authfront/mock'
import { startMockBackend } from 'authfront/mock/browser'
import type { MockBackendHandle } from 'authfront/mock/browser'
import { clearFrontendCookies } from './frontendCookies'
import { OFFICIAL_SDK_API as API, officialSdkBackendOptions } from './fixtures/officialSdkBackend'

const backend = createMockBackend(officialSdkBackendOptions(location.origin))
let handle: MockBackendHandle | undefined
const requests: string[] = []
const events: string[] = []
// Vitest's own URL of this test page: links "opened" here are put back after each test.
const testPageUrl = location.href

beforeAll(async () => {
  backend.reset()
  clearFrontendCookies()
  handle = await startMockBackend(backend)
  handle.worker.events.on('request:start', ({ request }) => {
    if (request.url.startsWith(API)) requests.push(`${request.method} ${new URL(request.url).pathname}`)
  })
  // After the worker, as in an app: supertokens-website patches the page's fetch at init.
  SuperTokens.init({
    appInfo: { appName: 'official SDK browser test', apiDomain: API, apiBasePath: '/auth' },
    recipeList: [
      Session.init({ tokenTransferMethod: 'cookie', onHandleEvent: (event) => void events.push(event.action) }),
      EmailPassword.init(),
      EmailVerification.init(),
      ThirdParty.init(),
      Passwordless.init(),
      Multitenancy.init(),
      MultiFactorAuth.init(),
      Totp.init(),
      WebAuthn.init(),
    ],
  })
})
afterEach(async () => {
  if (await Session.doesSessionExist()) await Session.signOut()
  history.replaceState(null, '', testPageUrl)
  requests.length = 0
  events.length = 0
})
afterAll(() => {
  backend.reset()
  clearFrontendCookies()
  return handle?.stop()
})

/** Puts this page on a link of its own origin without loading it, as the SDK reads links from `location`. */
const open = (href: string) => {
  const url = new URL(href)
  expect(url.origin).toBe(location.origin)
  history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`)
}
const formFields = (email: string, password = 'password1') => [
  { id: 'email', value: email },
  { id: 'password', value: password },
]
// No credentials option: supertokens-website adds `include` to the requests it intercepts, as apps rely on.
const me = () => fetch(`${API}/api/me`)

/**
 * Loads the provider's authorisation URL as a page (an iframe: navigating this page would end the test) and waits
 * until the provider sends it back to `callbackPath`. The page is a full load of the app with its own mock
 * (fixtures/mockProviderPage.ts), so it takes seconds: one visit per file.
 */
async function visitProvider(url: string, callbackPath: string): Promise<string> {
  const frame = document.createElement('iframe')
  document.body.append(frame)
  try {
    frame.src = url
    await vi.waitFor(() => expect(frame.contentWindow?.location.pathname).toBe(callbackPath), { timeout: 20_000 })
    return frame.contentWindow!.location.href
  } finally {
    frame.remove()
  }
}

describe('official SuperTokens web SDK in Chromium against the mock (service worker)', () => {
  it('EmailPassword + Session: signs up, reads the payload, refreshes after expiry, signs out and in', async () => {
    expect(await Session.doesSessionExist()).toBe(false)
    const signUp = await EmailPassword.signUp({ formFields: formFields('ep@example.com') })
    expect(signUp).toMatchObject({ status: 'OK', user: { emails: ['ep@example.com'] } })
    expect(events).toEqual(['SESSION_CREATED'])
    expect(await Session.doesSessionExist()).toBe(true)
    const userId = await Session.getUserId()
    expect(userId).toBe(backend.users.get('ep@example.com')!.id)
    const payload = await Session.getAccessTokenPayloadSecurely()
    expect(payload).toMatchObject({ sub: userId, 'st-ev': { v: false } })
    // httpOnly cookies stay out of the page; the mock keeps them as the browser would.
    expect(document.cookie).toContain('sFrontToken=')
    expect(document.cookie).not.toContain('sAccessToken')

    requests.length = 0
    events.length = 0
    backend.controls.expireAccessTokens()
    const afterExpiry = await me()
    expect(afterExpiry.status).toBe(200)
    expect(await afterExpiry.json()).toMatchObject({ userId, email: 'ep@example.com' })
    expect(requests).toEqual(['GET /api/me', 'POST /auth/session/refresh', 'GET /api/me'])
    expect(events).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])

    requests.length = 0
    await Session.signOut()
    expect(requests).toEqual(['POST /auth/signout'])
    expect(events.at(-1)).toBe('SIGN_OUT')
    expect(await Session.doesSessionExist()).toBe(false)
    expect((await me()).status).toBe(401)

    const wrong = await EmailPassword.signIn({ formFields: formFields('ep@example.com', 'wrong-password1') })
    expect(wrong.status).toBe('WRONG_CREDENTIALS_ERROR')
    expect((await EmailPassword.signIn({ formFields: formFields('ep@example.com') })).status).toBe('OK')
    expect(await Session.getUserId()).toBe(userId)
  })

  it('EmailVerification: sends the email and verifies with the link from the outbox', async () => {
    expect((await EmailPassword.signUp({ formFields: formFields('ev@example.com') })).status).toBe('OK')
    expect(await EmailVerification.isEmailVerified()).toMatchObject({ status: 'OK', isVerified: false })
    expect((await EmailVerification.sendVerificationEmail()).status).toBe('OK')
    const email = backend.outbox.latest({ to: 'ev@example.com', type: 'verify-email' })!
    open(email.link)
    expect((await EmailVerification.verifyEmail()).status).toBe('OK')
    expect(await EmailVerification.isEmailVerified()).toMatchObject({ status: 'OK', isVerified: true })
    expect((await Session.getAccessTokenPayloadSecurely())['st-ev']).toMatchObject({ v: true })
    // The link is single-use.
    expect((await EmailVerification.verifyEmail()).status).toBe('EMAIL_VERIFICATION_INVALID_TOKEN_ERROR')
  })

  it('ThirdParty: the provider page (a page load with the mock, auto-consent) and signInAndUp with state and PKCE', async () => {
    const url = await ThirdParty.getAuthorisationURLWithQueryParamsAndSetState({
      thirdPartyId: 'google',
      frontendRedirectURI: `${location.origin}/auth/callback/google`,
    })
    expect(new URL(url).searchParams.get('code_challenge')).toBeTruthy()
    const callback = await visitProvider(url, '/auth/callback/google')
    open(callback)
    requests.length = 0
    const result = await ThirdParty.signInAndUp()
    expect(result).toMatchObject({
      status: 'OK',
      createdNewRecipeUser: true,
      user: { emails: ['ada.google@example.com'], loginMethods: [{ thirdParty: { id: 'google' } }] },
    })
    expect(requests).toEqual(['POST /auth/signinup'])
    expect(events).toEqual(['SESSION_CREATED'])
    if (result.status !== 'OK') return
    expect(await Session.getUserId()).toBe(result.user.id)

    // The provider's code is single-use: a reload of the callback fails the exchange (node answers 500).
    await Session.signOut()
    await expect(ThirdParty.signInAndUp()).rejects.toMatchObject({ status: 500 })
    expect(await Session.doesSessionExist()).toBe(false)
  })

  it('Passwordless: an email code from the outbox (a wrong one first), then a magic link opened elsewhere', async () => {
    expect(await Passwordless.createCode({ email: 'pl@example.com' })).toMatchObject({
      status: 'OK',
      flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK',
    })
    expect(await Passwordless.consumeCode({ userInputCode: '000000' })).toMatchObject({
      status: 'INCORRECT_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 1,
    })
    const { code } = backend.outbox.latest({ to: 'pl@example.com', type: 'passwordless' })!
    expect(await Passwordless.consumeCode({ userInputCode: code })).toMatchObject({
      status: 'OK',
      createdNewRecipeUser: true,
    })
    expect(events).toEqual(['SESSION_CREATED'])
    await Session.signOut()

    expect((await Passwordless.createCode({ email: 'link@example.com' })).status).toBe('OK')
    // Another browser: no login attempt stored, only the link.
    await Passwordless.clearLoginAttemptInfo()
    open(backend.outbox.latest({ to: 'link@example.com', type: 'passwordless' })!.link)
    requests.length = 0
    expect((await Passwordless.consumeCode()).status).toBe('OK')
    expect(requests).toEqual(['POST /auth/signinup/code/consume'])
    expect(await Session.getUserId()).toBe(backend.users.get('link@example.com')!.id)
  })

  it('Multitenancy: getLoginMethods for the public tenant and a restricted one', async () => {
    expect(await Multitenancy.getLoginMethods()).toMatchObject({
      status: 'OK',
      thirdParty: {
        providers: [
          { id: 'github', name: 'GitHub' },
          { id: 'google', name: 'Google' },
        ],
      },
      firstFactors: ['emailpassword', 'thirdparty', 'otp-email', 'link-email', 'webauthn'],
    })
    requests.length = 0
    expect(await Multitenancy.getLoginMethods({ tenantId: 't1' })).toMatchObject({
      status: 'OK',
      thirdParty: { providers: [{ id: 'github', name: 'GitHub' }] },
      firstFactors: ['thirdparty', 'otp-email'],
    })
    expect(requests).toEqual(['GET /auth/t1/loginmethods'])
  })

  it('MultiFactorAuth + TOTP: mfa/info, device set-up with the mock current code, then TOTP as second factor', async () => {
    expect((await EmailPassword.signIn({ formFields: formFields('mfa@example.com') })).status).toBe('OK')
    expect(await Session.validateClaims()).toEqual([
      { id: 'st-mfa', reason: { message: 'not all required factors have been completed' } },
    ])
    events.length = 0
    expect((await me()).status).toBe(403)
    expect(events).toEqual(['API_INVALID_CLAIM'])

    requests.length = 0
    const info = await MultiFactorAuth.resyncSessionAndFetchMFAInfo()
    expect(requests).toEqual(['PUT /auth/mfa/info'])
    expect(info.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] })
    const device = await Totp.createDevice()
    if (device.status !== 'OK') throw new Error(device.status)
    expect(device.qrCodeString).toMatch(/^otpauth:\/\/totp\//)
    const code = (await backend.totp.currentCode('mfa@example.com'))!
    expect(await Totp.verifyDevice({ deviceName: device.deviceName, totp: code })).toMatchObject({
      status: 'OK',
      wasAlreadyVerified: false,
    })
    expect(await Session.validateClaims()).toEqual([])
    expect((await me()).status).toBe(200)
    await Session.signOut()

    expect((await EmailPassword.signIn({ formFields: formFields('mfa@example.com') })).status).toBe('OK')
    expect((await MultiFactorAuth.resyncSessionAndFetchMFAInfo()).factors.next).toEqual(['totp'])
    // The set-up code again is a replay; the next step's code is within the skew.
    expect(await Totp.verifyCode({ totp: code })).toMatchObject({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 1,
    })
    const next = await generateTotp(device.secret, Date.now() + 30_000)
    expect((await Totp.verifyCode({ totp: next })).status).toBe('OK')
    expect(await Session.validateClaims()).toEqual([])
    expect((await Totp.listDevices()).devices).toEqual([
      { name: device.deviceName, period: 30, skew: 1, verified: true },
    ])
  })

  it("WebAuthn: passkey sign-up and sign-in with Chromium's virtual authenticator (DevTools protocol)", async () => {
    const devtools = cdp()
    await devtools.send('WebAuthn.enable', { enableUI: false })
    const { authenticatorId } = (await devtools.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    })) as { authenticatorId: string }
    try {
      expect(await WebAuthn.doesBrowserSupportWebAuthn({ userContext: {} })).toMatchObject({
        status: 'OK',
        browserSupportsWebauthn: true,
      })
      const signUp = await WebAuthn.registerCredentialWithSignUp({ email: 'passkey@example.com', userContext: {} })
      expect(signUp).toMatchObject({ status: 'OK', user: { emails: ['passkey@example.com'] } })
      expect(events).toEqual(['SESSION_CREATED'])
      const userId = await Session.getUserId()
      const stored = (await devtools.send('WebAuthn.getCredentials', { authenticatorId })) as {
        credentials: { isResidentCredential: boolean; userHandle?: string }[]
      }
      expect(stored.credentials).toHaveLength(1)
      expect(stored.credentials[0]!.isResidentCredential).toBe(true)
      await Session.signOut()

      requests.length = 0
      const signIn = await WebAuthn.authenticateCredentialWithSignIn({ userContext: {} })
      expect(signIn).toMatchObject({ status: 'OK', user: { id: userId } })
      expect(requests).toEqual(['POST /auth/webauthn/options/signin', 'POST /auth/webauthn/signin'])
      expect(await Session.getUserId()).toBe(userId)
    } finally {
      await devtools.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId })
    }
  })
})
