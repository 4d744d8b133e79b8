// @vitest-environment jsdom
/**
 * The official SuperTokens web SDK's MultiFactorAuth, TOTP and Passwordless recipes as an independent client of the
 * mock's MFA (docs/RECIPES.md §4): if the mock answers like supertokens-node, they work against it unchanged.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import SuperTokens from 'supertokens-web-js'
import Session from 'supertokens-web-js/recipe/session'
import EmailPassword from 'supertokens-web-js/recipe/emailpassword'
import MultiFactorAuth from 'supertokens-web-js/recipe/multifactorauth'
import Passwordless from 'supertokens-web-js/recipe/passwordless'
import Totp from 'supertokens-web-js/recipe/totp'
import { createMockBackend, generateTotp } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const API = 'http://localhost:3001'
const backend = createMockBackend({
  apiDomain: API,
  websiteDomain: 'http://localhost:3000',
  users: [
    { email: 'ada@example.com', password: 'password1' },
    { email: 'grace@example.com', password: 'password1' },
  ],
  passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
  multiFactor: { usersRequiring: { 'ada@example.com': ['totp'], 'grace@example.com': ['otp-email'] } },
})
const server = setupMockServer(backend)
const requests: string[] = []
const events: string[] = []

server.events.on('request:start', ({ request }) => {
  requests.push(`${request.method} ${new URL(request.url).pathname}`)
})

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  // See officialSdk.test.ts: supertokens-website replaces the XMLHttpRequest global MSW made read-only.
  Object.defineProperty(globalThis, 'XMLHttpRequest', {
    value: globalThis.XMLHttpRequest,
    writable: true,
    configurable: true,
  })
  SuperTokens.init({
    appInfo: { appName: 'mock test', apiDomain: API, apiBasePath: '/auth' },
    recipeList: [
      Session.init({ tokenTransferMethod: 'cookie', onHandleEvent: (event) => void events.push(event.action) }),
      EmailPassword.init(),
      Passwordless.init(),
      MultiFactorAuth.init(),
      Totp.init(),
    ],
  })
})
afterEach(() => {
  requests.length = 0
  events.length = 0
})
afterAll(() => server.close())

const signIn = (email: string) =>
  EmailPassword.signIn({
    formFields: [
      { id: 'email', value: email },
      { id: 'password', value: 'password1' },
    ],
  })

describe('official SuperTokens web SDK against the mock: MultiFactorAuth', () => {
  it('MFA-1 to MFA-4: password, then TOTP set-up, then TOTP sign-in with a wrong and a right code', async () => {
    expect((await signIn('ada@example.com')).status).toBe('OK')
    expect(await Session.validateClaims()).toEqual([
      { id: 'st-mfa', reason: { message: 'not all required factors have been completed' } },
    ])
    events.length = 0
    expect((await fetch(`${API}/api/me`)).status).toBe(403)
    expect(events).toEqual(['API_INVALID_CLAIM'])

    const info = await MultiFactorAuth.resyncSessionAndFetchMFAInfo()
    expect(info.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] })
    const device = await Totp.createDevice()
    if (device.status !== 'OK') throw new Error(device.status)
    expect(device.deviceName).toBe('TOTP Device 0')

    events.length = 0
    requests.length = 0
    const firstCode = await generateTotp(device.secret, Date.now())
    const verified = await Totp.verifyDevice({ deviceName: device.deviceName, totp: firstCode })
    expect(verified).toMatchObject({ status: 'OK', wasAlreadyVerified: false })
    expect(requests).toEqual(['POST /auth/totp/device/verify'])
    expect(events).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
    expect(await Session.validateClaims()).toEqual([])
    expect((await fetch(`${API}/api/me`)).status).toBe(200)

    await Session.signOut()
    expect((await signIn('ada@example.com')).status).toBe('OK')
    expect(await Session.validateClaims()).toHaveLength(1)
    expect(await Totp.verifyCode({ totp: 'abcdef' })).toMatchObject({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 1,
      maxNumberOfFailedAttempts: 5,
    })
    // The code just used for the device is refused as a replay; the next step's code is within the skew.
    expect(await Totp.verifyCode({ totp: firstCode })).toMatchObject({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 2,
    })
    expect(await Totp.verifyCode({ totp: await generateTotp(device.secret, Date.now() + 30_000) })).toMatchObject({
      status: 'OK',
    })
    expect(await Session.validateClaims()).toEqual([])
    expect((await Totp.listDevices()).devices).toEqual([{ name: 'TOTP Device 0', period: 30, skew: 1, verified: true }])
    await Session.signOut()
  })

  it('MFA-8: an email OTP as second factor keeps the session', async () => {
    expect((await signIn('grace@example.com')).status).toBe('OK')
    const handle = (await Session.getAccessTokenPayloadSecurely()).sessionHandle
    const info = await MultiFactorAuth.resyncSessionAndFetchMFAInfo()
    expect(info.factors.next).toEqual(['otp-email'])
    expect(info.emails['otp-email']).toEqual(['grace@example.com'])

    events.length = 0
    const code = await Passwordless.createCode({ email: 'grace@example.com', shouldTryLinkingWithSessionUser: true })
    expect(code).toMatchObject({ status: 'OK', flowType: 'USER_INPUT_CODE' })
    const consumed = await Passwordless.consumeCode({
      userInputCode: backend.outbox.latest({ to: 'grace@example.com', type: 'passwordless' })!.code,
    })
    expect(consumed.status).toBe('OK')
    expect(events).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
    const payload = await Session.getAccessTokenPayloadSecurely()
    expect(payload.sessionHandle).toBe(handle)
    expect(payload['st-mfa']).toMatchObject({ v: true, c: { emailpassword: expect.any(Number) } })
    expect(Object.keys(payload['st-mfa'].c)).toEqual(['emailpassword', 'otp-email'])
    expect(await Session.validateClaims()).toEqual([])
    await Session.signOut()
  })
})
