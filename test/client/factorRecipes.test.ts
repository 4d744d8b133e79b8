/**
 * The MultiFactorAuth, TOTP and WebAuthn client calls on the wire (docs/RECIPES.md §4, §5): exact requests, typed
 * results, the `st-mfa` claim validator as the guards see it, and the browser ceremonies against a fake
 * `navigator.credentials` (the JSON mapping in a real browser: test/webauthn). Case ids (MFA-n, WA-n) are the
 * compatibility cases of docs/RECIPES.md.
 */
import { HttpResponse } from 'msw'
import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  AuthError,
  createMemoryCookieJar,
  createMemoryStorage,
  decideSession,
  encodeFrontToken,
  multiFactor,
  passwordless,
  totp,
  webauthn,
} from 'authfront'
import type { AuthEvent, MfaInfo } from 'authfront'
import { answer, API, client } from './recipeServer'

const user = {
  id: 'u1',
  isPrimaryUser: true,
  tenantIds: ['public'],
  emails: ['a@b.com'],
  phoneNumbers: [],
  timeJoined: 1,
  loginMethods: [],
}
const token = (up: Record<string, unknown>) => encodeFrontToken({ uid: 'u1', ate: Date.now() + 3_600_000, up })
const owesTotp = { sessionHandle: 'h1', 'st-mfa': { c: { emailpassword: 1_700_000_000 }, v: false } }
const mfaDone = { sessionHandle: 'h1', 'st-mfa': { c: { emailpassword: 1_700_000_000, totp: 1_700_000_100 }, v: true } }
/** A browser signed in with this access token payload (cookie mode: the front token is what the page reads). */
const signedInJar = (up: Record<string, unknown> = owesTotp) =>
  createMemoryCookieJar({ sFrontToken: token(up), 'st-last-access-token-update': String(Date.now()) })

const info = (next: string[], extra: Partial<MfaInfo> = {}): MfaInfo => ({
  status: 'OK',
  factors: { next, alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] },
  emails: { 'otp-email': ['a@b.com'] },
  phoneNumbers: {},
  ...extra,
})

function mfaClient(up: Record<string, unknown> | null = owesTotp, options: { websiteBasePath?: string } = {}) {
  return client({
    ...options,
    recipes: [multiFactor(), totp(), passwordless({ contactMethod: 'EMAIL' })],
    platform: up ? { cookies: signedInJar(up) } : {},
  })
}
const events = (auth: { on(type: '*', listener: (event: AuthEvent) => void): () => void }) => {
  const seen: AuthEvent['type'][] = []
  auth.on('*', (event) => seen.push(event.type))
  return seen
}

describe('multiFactor()', () => {
  test('MFA-2: PUT mfa/info with rid multifactorauth and body {}; the typed info; the next screen', async () => {
    const auth = mfaClient()
    const seen = answer('put', '/auth/mfa/info', () => HttpResponse.json({ ...info(['totp']), extra: 1 }))
    expect(await auth.multiFactor.getInfo()).toEqual(info(['totp']))
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'PUT', url: `${API}/auth/mfa/info`, body: '{}' })
    expect(seen[0]!.headers).toMatchObject({ rid: 'multifactorauth', 'content-type': 'application/json' })
    expect(seen[0]!.headers['fdi-version']).toContain('4.1')
    expect(auth.multiFactor.nextPath(info(['totp']))).toBe('/auth/mfa/totp')
  })

  test('MFA-11: several factors with screens → the chooser; none left → undefined; no screen → the chooser', () => {
    const auth = mfaClient()
    expect(auth.multiFactor.nextPath(info(['totp', 'otp-email']))).toBe('/auth/mfa')
    expect(auth.multiFactor.nextPath(info(['otp-email', 'link-phone']))).toBe('/auth/mfa/otp-email')
    expect(auth.multiFactor.nextPath(info([]))).toBeUndefined()
    // The chooser explains a factor nobody has a screen for (docs/RECIPES.md §4.7).
    expect(auth.multiFactor.nextPath(info(['otp-phone']))).toBe('/auth/mfa')
    expect(mfaClient(owesTotp, { websiteBasePath: '/' }).multiFactor.nextPath(info(['totp']))).toBe('/mfa/totp')
  })

  test('the factor screens default to what the other plugins provide, in any order; an explicit list wins', () => {
    const all = client({
      recipes: [multiFactor(), webauthn(), passwordless({ contactMethod: 'EMAIL_OR_PHONE' }), totp()],
    })
    expect(all.multiFactor.factors).toEqual(['totp', 'otp-email', 'otp-phone', 'webauthn'])
    expect(all.multiFactor.factors).toBe(all.multiFactor.factors)
    const phone = client({ recipes: [passwordless({ contactMethod: 'PHONE' }), multiFactor()] })
    expect(phone.multiFactor.factors).toEqual(['otp-phone'])
    const chosen = client({ recipes: [multiFactor({ factors: ['webauthn', 'totp'] }), totp()] })
    expect(chosen.multiFactor.factors).toEqual(['webauthn', 'totp'])
    expect(chosen.multiFactor.nextPath(info(['otp-email']))).toBe('/auth/mfa')
    expect(() => multiFactor({ factors: 'totp' as never })).toThrow(AuthError)
    expect(() => multiFactor({ factors: [1] as never })).toThrow(/factors must be factor ids/)
  })

  test('getClaim reads st-mfa from the session payload; undefined signed out or without the claim', async () => {
    expect(await mfaClient().multiFactor.getClaim()).toEqual({
      completed: { emailpassword: 1_700_000_000 },
      satisfied: false,
    })
    expect(await mfaClient(mfaDone).multiFactor.getClaim()).toMatchObject({ satisfied: true })
    expect(await mfaClient({ sessionHandle: 'h1' }).multiFactor.getClaim()).toBeUndefined()
    expect(await mfaClient(null).multiFactor.getClaim()).toBeUndefined()
  })

  test('concurrent getInfo calls share one request', async () => {
    const auth = mfaClient()
    const seen = answer('put', '/auth/mfa/info', () => HttpResponse.json(info(['totp'])))
    await Promise.all([auth.multiFactor.getInfo(), auth.multiFactor.getInfo()])
    expect(seen).toHaveLength(1)
    await auth.multiFactor.getInfo()
    expect(seen).toHaveLength(2)
  })

  test('MFA-13: a 500 from mfa/info (misconfigured backend) rejects as a server error', async () => {
    const auth = mfaClient()
    answer('put', '/auth/mfa/info', () => HttpResponse.json({ message: 'not allowed to setup' }, { status: 500 }))
    await expect(auth.multiFactor.getInfo()).rejects.toMatchObject({ kind: 'server' })
    answer('put', '/auth/mfa/info', () => HttpResponse.json({ status: 'OK', factors: { next: 'totp' } }))
    await expect(auth.multiFactor.getInfo()).rejects.toMatchObject({ kind: 'protocol' })
  })
})

describe('the st-mfa claim validator', () => {
  test('registered globally; a session owing a factor fails with the official reason, and no request', async () => {
    const auth = mfaClient()
    expect(auth.session.getClaimValidators().map((validator) => validator.id)).toEqual(['st-mfa'])
    // onUnhandledRequest: 'error' — a refresh here would fail the test.
    expect(await auth.session.validateClaims()).toEqual([
      { id: 'st-mfa', reason: { message: 'not all required factors have been completed' } },
    ])
    expect(auth.store.getState().invalidClaims).toHaveLength(1)
    expect(await mfaClient(mfaDone).session.validateClaims()).toEqual([])
  })

  test('MFA-12: a payload without st-mfa → exactly one PUT mfa/info, whose new front token is judged', async () => {
    const auth = mfaClient({ sessionHandle: 'h1' })
    const seen = answer('put', '/auth/mfa/info', () =>
      HttpResponse.json(info([]), { headers: { 'front-token': token(mfaDone) } }),
    )
    const fired = events(auth)
    expect(await auth.session.validateClaims()).toEqual([])
    expect(seen).toHaveLength(1)
    expect(fired).toContain('ACCESS_TOKEN_PAYLOAD_UPDATED')
    expect(await auth.multiFactor.getClaim()).toMatchObject({ satisfied: true })
  })

  test('a refresh that leaves the claim missing reports it missing', async () => {
    const auth = mfaClient({ sessionHandle: 'h1' })
    answer('put', '/auth/mfa/info', () => HttpResponse.json(info(['totp'])))
    expect(await auth.session.validateClaims()).toEqual([
      { id: 'st-mfa', reason: { message: 'MFA info not available in payload' } },
    ])
  })

  test('the guard sends a user owing one factor to its screen, with redirectToPath', async () => {
    const auth = mfaClient()
    const seen = answer('put', '/auth/mfa/info', () => HttpResponse.json(info(['totp'])))
    const decision = await decideSession(auth, { currentPath: '/orders?x=1', storage: createMemoryStorage() })
    expect(decision).toEqual({ kind: 'redirect', to: '/auth/mfa/totp?redirectToPath=%2Forders%3Fx%3D1' })
    expect(seen).toHaveLength(1)
    expect(await decideSession(mfaClient(mfaDone), { currentPath: '/orders' })).toEqual({ kind: 'allow' })
  })

  test('failureRedirect: several factors → the chooser; mfa/info failing → the chooser', async () => {
    const auth = mfaClient()
    const validator = auth.session.getClaimValidators()[0]!
    const error = { id: 'st-mfa' }
    answer('put', '/auth/mfa/info', () => HttpResponse.json(info(['totp', 'otp-email'])))
    expect(await validator.failureRedirect!(error, { websiteBasePath: '/auth' })).toBe('/auth/mfa')
    answer('put', '/auth/mfa/info', () => HttpResponse.json(info(['otp-email'])))
    expect(await validator.failureRedirect!(error, { websiteBasePath: '/login' })).toBe('/login/mfa/otp-email')
    answer('put', '/auth/mfa/info', () => new HttpResponse('boom', { status: 500 }))
    expect(await validator.failureRedirect!(error, { websiteBasePath: '/auth' })).toBe('/auth/mfa')
  })

  test('MFA-1: a 403 st-mfa from the app API fires API_INVALID_CLAIM and lands in invalidClaims', async () => {
    const auth = mfaClient()
    const failure = [{ id: 'st-mfa', reason: { message: 'MFA requirement for auth is not satisfied' } }]
    answer('get', '/api/protected', () =>
      HttpResponse.json({ message: 'invalid claim', claimValidationErrors: failure }, { status: 403 }),
    )
    const fired = events(auth)
    expect((await auth.doFetch(`${API}/api/protected`)).status).toBe(403)
    expect(fired).toEqual(['API_INVALID_CLAIM'])
    expect(auth.store.getState().invalidClaims).toEqual(failure)
  })
})

describe('totp()', () => {
  const invalid = { status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 2, maxNumberOfFailedAttempts: 5 }

  test('MFA-3: create a device (no name → {}), verify it; rid totp, no tenant segment, the session sent', async () => {
    const auth = mfaClient()
    const created = {
      status: 'OK',
      deviceName: 'TOTP Device 0',
      secret: 'JBSWY3DPEHPK3PXP',
      qrCodeString: 'otpauth://totp/App:a%40b.com?secret=JBSWY3DPEHPK3PXP&issuer=App&digits=6&period=30',
    }
    const create = answer('post', '/auth/totp/device', () => HttpResponse.json(created))
    expect(await auth.totp.createDevice()).toEqual(created)
    expect(create[0]).toMatchObject({ body: '{}', headers: { rid: 'totp' } })
    expect(await auth.totp.createDevice({ deviceName: 'phone' })).toEqual(created)
    expect(create[1]!.body).toBe('{"deviceName":"phone"}')

    const verify = answer('post', '/auth/totp/device/verify', () =>
      HttpResponse.json({ status: 'OK', wasAlreadyVerified: false }, { headers: { 'front-token': token(mfaDone) } }),
    )
    const fired = events(auth)
    expect(await auth.totp.verifyDevice({ deviceName: 'TOTP Device 0', totp: ' 123456 ' })).toEqual({
      status: 'OK',
      wasAlreadyVerified: false,
    })
    expect(JSON.parse(verify[0]!.body)).toEqual({ deviceName: 'TOTP Device 0', totp: '123456' })
    expect(fired).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
    expect(await auth.multiFactor.getClaim()).toMatchObject({ satisfied: true })
  })

  test('MFA-4: wrong codes carry the attempt counts; the lock-out carries retryAfterMs', async () => {
    const auth = mfaClient()
    let answerWith: object = invalid
    const seen = answer('post', '/auth/totp/verify', () => HttpResponse.json(answerWith))
    expect(await auth.totp.verifyCode({ totp: '000000' })).toEqual(invalid)
    expect(seen[0]).toMatchObject({ body: '{"totp":"000000"}', headers: { rid: 'totp' } })
    answerWith = { status: 'LIMIT_REACHED_ERROR', retryAfterMs: 899_000 }
    expect(await auth.totp.verifyCode({ totp: '000000' })).toEqual(answerWith)
    answerWith = { status: 'UNKNOWN_USER_ID_ERROR' }
    expect(await auth.totp.verifyCode({ totp: '000000' })).toEqual(answerWith)
    answerWith = { status: 'OK' }
    expect(await auth.totp.verifyCode({ totp: '123456' })).toEqual(answerWith)
    answerWith = { status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: '2' }
    await expect(auth.totp.verifyCode({ totp: '1' })).rejects.toMatchObject({ kind: 'protocol' })
  })

  test('device statuses: UNKNOWN_DEVICE_ERROR, DEVICE_ALREADY_EXISTS_ERROR (MFA-6), wrong codes on verify', async () => {
    const auth = mfaClient()
    let answerWith: object = { status: 'UNKNOWN_DEVICE_ERROR' }
    answer('post', '/auth/totp/device/verify', () => HttpResponse.json(answerWith))
    expect(await auth.totp.verifyDevice({ deviceName: 'gone', totp: '1' })).toEqual(answerWith)
    answerWith = invalid
    expect(await auth.totp.verifyDevice({ deviceName: 'phone', totp: '1' })).toEqual(invalid)
    answer('post', '/auth/totp/device', () => HttpResponse.json({ status: 'DEVICE_ALREADY_EXISTS_ERROR' }))
    expect(await auth.totp.createDevice({ deviceName: 'phone' })).toEqual({ status: 'DEVICE_ALREADY_EXISTS_ERROR' })
  })

  test('MFA-5: the factor-setup 403 rejects as a session error and fires API_INVALID_CLAIM', async () => {
    const auth = mfaClient()
    const failure = [
      { id: 'st-mfa', reason: 'Completed factors in the session does not satisfy the MFA requirements for auth' },
    ]
    answer('post', '/auth/totp/device', () =>
      HttpResponse.json({ message: 'invalid claim', claimValidationErrors: failure }, { status: 403 }),
    )
    const fired = events(auth)
    const error = await auth.totp.createDevice().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AuthError)
    expect(error).toMatchObject({ kind: 'session' })
    expect((error as AuthError).response?.status).toBe(403)
    expect(fired).toEqual(['API_INVALID_CLAIM'])
  })

  test('MFA-7: list and remove devices', async () => {
    const auth = mfaClient()
    const devices = [{ name: 'phone', period: 30, skew: 1, verified: true }]
    const list = answer('get', '/auth/totp/device/list', () => HttpResponse.json({ status: 'OK', devices }))
    expect(await auth.totp.listDevices()).toEqual({ status: 'OK', devices })
    expect(list[0]).toMatchObject({ method: 'GET', headers: { rid: 'totp' } })
    const remove = answer('post', '/auth/totp/device/remove', () =>
      HttpResponse.json({ status: 'OK', didDeviceExist: false }),
    )
    expect(await auth.totp.removeDevice({ deviceName: 'nope' })).toEqual({ status: 'OK', didDeviceExist: false })
    expect(remove[0]!.body).toBe('{"deviceName":"nope"}')
    answer('get', '/auth/totp/device/list', () => HttpResponse.json({ status: 'OK', devices: [{ name: 1 }] }))
    await expect(auth.totp.listDevices()).rejects.toMatchObject({ kind: 'protocol' })
  })

  test('MFA-14: a 500 for bad input surfaces as a server error, not a validation result', async () => {
    const auth = mfaClient()
    answer('post', '/auth/totp/verify', () => HttpResponse.json({ message: 'Internal error' }, { status: 500 }))
    await expect(auth.totp.verifyCode({ totp: '' })).rejects.toMatchObject({ kind: 'server' })
  })
})

describe('passwordless() as a second factor', () => {
  test('MFA-8: the flag is sent on create, stored in the attempt, and sent on resend and consume', async () => {
    const storage = createMemoryStorage()
    const auth = client({
      recipes: [multiFactor(), passwordless({ contactMethod: 'EMAIL', storage })],
      platform: { cookies: signedInJar() },
    })
    const create = answer('post', '/auth/signinup/code', () =>
      HttpResponse.json({ status: 'OK', deviceId: 'd', preAuthSessionId: 'p', flowType: 'USER_INPUT_CODE' }),
    )
    const created = await auth.passwordless.createCode({ email: 'a@b.com', shouldTryLinkingWithSessionUser: true })
    expect(JSON.parse(create[0]!.body)).toEqual({ email: 'a@b.com', shouldTryLinkingWithSessionUser: true })
    expect(created).toMatchObject({ status: 'OK', attempt: { shouldTryLinkingWithSessionUser: true } })
    const resend = answer('post', '/auth/signinup/code/resend', () => HttpResponse.json({ status: 'OK' }))
    await auth.passwordless.resendCode()
    expect(JSON.parse(resend[0]!.body)).toEqual({
      deviceId: 'd',
      preAuthSessionId: 'p',
      shouldTryLinkingWithSessionUser: true,
    })
    const consume = answer('post', '/auth/signinup/code/consume', () =>
      HttpResponse.json(
        { status: 'OK', user, createdNewRecipeUser: false },
        { headers: { 'front-token': token({ ...mfaDone, 'st-mfa': { c: { 'otp-email': 1 }, v: true } }) } },
      ),
    )
    const fired = events(auth)
    expect(await auth.passwordless.consumeCode({ userInputCode: '123456' })).toMatchObject({ status: 'OK' })
    expect(JSON.parse(consume[0]!.body)).toMatchObject({ shouldTryLinkingWithSessionUser: true })
    expect(fired).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
  })

  test('MFA-9: with the flag and no session the 401 rejects as a session error, with no refresh', async () => {
    const auth = client({ recipes: [passwordless({ contactMethod: 'EMAIL', storage: createMemoryStorage() })] })
    const seen = answer('post', '/auth/signinup/code', () =>
      HttpResponse.json({ message: 'unauthorised' }, { status: 401 }),
    )
    await expect(
      auth.passwordless.createCode({ email: 'a@b.com', shouldTryLinkingWithSessionUser: true }),
    ).rejects.toMatchObject({ kind: 'session' })
    expect(seen).toHaveLength(1)
    expect(auth.passwordless.getLoginAttempt()).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------------------------
// WebAuthn against a fake browser: `PublicKeyCredential` and `navigator.credentials` stubbed per test.

const bytes = (text: string) => new TextEncoder().encode(text)
const b64url = (text: string) => Buffer.from(text).toString('base64url')
const registerOptions = {
  status: 'OK',
  webauthnGeneratedOptionsId: 'opt-1',
  createdAt: 1,
  expiresAt: 2,
  rp: { id: 'recipes.test', name: 'App' },
  user: { id: b64url('user-handle'), name: 'a@b.com', displayName: 'a@b.com' },
  challenge: b64url('register-challenge'),
  timeout: 60000,
  attestation: 'none',
  pubKeyCredParams: [{ alg: -7, type: 'public-key' }],
  excludeCredentials: [{ id: b64url('old-cred'), type: 'public-key', transports: ['internal'] }],
  authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' },
}
const signInOptions = {
  status: 'OK',
  webauthnGeneratedOptionsId: 'opt-2',
  rpId: 'recipes.test',
  createdAt: 1,
  expiresAt: 2,
  challenge: b64url('signin-challenge'),
  timeout: 60000,
  userVerification: 'preferred',
}
const registrationJson = {
  id: 'cred-1',
  rawId: b64url('cred-1'),
  type: 'public-key',
  response: { clientDataJSON: b64url('cdj'), attestationObject: b64url('ao'), transports: ['internal'] },
  clientExtensionResults: {},
  authenticatorAttachment: 'platform',
}
const assertionJson = {
  id: 'cred-1',
  rawId: b64url('cred-1'),
  type: 'public-key',
  response: {
    clientDataJSON: b64url('cdj'),
    authenticatorData: b64url('ad'),
    signature: b64url('sig'),
    userHandle: b64url('user-handle'),
  },
  clientExtensionResults: {},
  authenticatorAttachment: 'platform',
}

/** A credential as a browser without `toJSON` returns it (the library path). */
const rawRegistration = () => ({
  id: 'cred-1',
  rawId: bytes('cred-1').buffer,
  type: 'public-key',
  authenticatorAttachment: 'platform',
  getClientExtensionResults: () => ({}),
  response: {
    clientDataJSON: bytes('cdj').buffer,
    attestationObject: bytes('ao').buffer,
    getTransports: () => ['internal'],
  },
})
const rawAssertion = () => ({
  id: 'cred-1',
  rawId: bytes('cred-1').buffer,
  type: 'public-key',
  authenticatorAttachment: 'platform',
  getClientExtensionResults: () => ({}),
  response: {
    clientDataJSON: bytes('cdj').buffer,
    authenticatorData: bytes('ad').buffer,
    signature: bytes('sig').buffer,
    userHandle: bytes('user-handle').buffer,
  },
})

/**
 * Installs a fake WebAuthn browser. `native`: the Level 3 JSON helpers exist (parse*FromJSON, toJSON); else the
 * mapping must load the library. `create`/`get` decide what the ceremony does.
 */
function fakeBrowser(
  options: {
    native?: boolean
    create?: (options: CredentialCreationOptions) => Promise<unknown>
    get?: (options: CredentialRequestOptions) => Promise<unknown>
    conditional?: boolean
  } = {},
) {
  const { native = true } = options
  const parsed: unknown[] = []
  class PublicKeyCredential {
    static isUserVerifyingPlatformAuthenticatorAvailable = async () => true
    static isConditionalMediationAvailable = async () => options.conditional ?? true
  }
  if (native) {
    Object.assign(PublicKeyCredential, {
      parseCreationOptionsFromJSON: (json: Record<string, any>) => (parsed.push(json), { ...json, native: true }),
      parseRequestOptionsFromJSON: (json: Record<string, any>) => (parsed.push(json), { ...json, native: true }),
    })
  }
  const withJson = (raw: object, json: object) => (native ? { ...raw, toJSON: () => json } : raw)
  const create = vi.fn(options.create ?? (async () => withJson(rawRegistration(), registrationJson)))
  const get = vi.fn(options.get ?? (async () => withJson(rawAssertion(), assertionJson)))
  vi.stubGlobal('PublicKeyCredential', PublicKeyCredential)
  vi.stubGlobal('navigator', { credentials: { create, get } })
  return { create, get, parsed }
}
const domError =
  (name: string, message = name) =>
  async () => {
    throw new DOMException(message, name)
  }
afterEach(() => void vi.unstubAllGlobals())

const waClient = (cookies = createMemoryCookieJar({ 'st-last-access-token-update': '1' })) =>
  client({ recipes: [webauthn()], platform: { cookies } })
const withSession = (body: object) =>
  HttpResponse.json(body, { headers: { 'front-token': token({ sessionHandle: 'h2' }) } })

describe('webauthn()', () => {
  test('WA-12: no PublicKeyCredential → WEBAUTHN_NOT_SUPPORTED and no request; isSupported says so', async () => {
    const auth = waClient()
    vi.stubGlobal('PublicKeyCredential', undefined)
    expect(await auth.webauthn.signUp({ email: 'a@b.com' })).toEqual({ status: 'WEBAUTHN_NOT_SUPPORTED' })
    expect(await auth.webauthn.signIn()).toEqual({ status: 'WEBAUTHN_NOT_SUPPORTED' })
    expect(await auth.webauthn.recoverAccount({ token: 'T' })).toEqual({ status: 'WEBAUTHN_NOT_SUPPORTED' })
    expect(await auth.webauthn.isSupported()).toEqual({
      supported: false,
      platformAuthenticator: false,
      conditionalMediation: false,
    })
    fakeBrowser({ conditional: false })
    expect(await auth.webauthn.isSupported()).toEqual({
      supported: true,
      platformAuthenticator: true,
      conditionalMediation: false,
    })
  })

  for (const native of [true, false]) {
    const path = native ? 'native JSON helpers' : 'the library (no native helpers)'
    test(`WA-4: sign-up with ${path}: options for the email, create with decoded bytes, signup with the JSON`, async () => {
      const browser = fakeBrowser({ native })
      const auth = waClient()
      const options = answer('post', '/auth/webauthn/options/register', () => HttpResponse.json(registerOptions))
      const signup = answer('post', '/auth/webauthn/signup', () => withSession({ status: 'OK', user }))
      const fired = events(auth)
      expect(await auth.webauthn.signUp({ email: ' a@b.com ' })).toEqual({ status: 'OK', user })
      expect(options[0]).toMatchObject({ body: '{"email":"a@b.com"}', headers: { rid: 'webauthn' } })
      const publicKey = browser.create.mock.calls[0]![0].publicKey as Record<string, any>
      if (native) {
        // The recipe's own fields stay out of what the browser parses.
        const { status: _, webauthnGeneratedOptionsId: __, createdAt: ___, expiresAt: ____, ...json } = registerOptions
        expect(browser.parsed).toEqual([json])
      } else {
        expect(new Uint8Array(publicKey.challenge)).toEqual(bytes('register-challenge'))
        expect(new Uint8Array(publicKey.user.id)).toEqual(bytes('user-handle'))
        expect(new Uint8Array(publicKey.excludeCredentials[0].id)).toEqual(bytes('old-cred'))
        expect(publicKey.rp).toEqual(registerOptions.rp)
      }
      expect(JSON.parse(signup[0]!.body)).toEqual({
        webauthnGeneratedOptionsId: 'opt-1',
        credential: registrationJson,
        shouldTryLinkingWithSessionUser: false,
      })
      expect(fired).toEqual(['SESSION_CREATED'])
    })

    test(`WA-1: sign-in with ${path}: options {}, get with no allowCredentials, signin with the JSON`, async () => {
      const browser = fakeBrowser({ native })
      const auth = waClient()
      const options = answer('post', '/auth/webauthn/options/signin', () => HttpResponse.json(signInOptions))
      const signin = answer('post', '/auth/webauthn/signin', () => withSession({ status: 'OK', user }))
      expect(await auth.webauthn.signIn()).toEqual({ status: 'OK', user })
      expect(options[0]).toMatchObject({ body: '{}', headers: { rid: 'webauthn' } })
      const publicKey = browser.get.mock.calls[0]![0].publicKey as Record<string, any>
      expect(publicKey.rpId).toBe('recipes.test')
      expect(publicKey.allowCredentials).toBeUndefined()
      if (!native) expect(new Uint8Array(publicKey.challenge)).toEqual(bytes('signin-challenge'))
      expect(JSON.parse(signin[0]!.body)).toEqual({
        webauthnGeneratedOptionsId: 'opt-2',
        credential: assertionJson,
        shouldTryLinkingWithSessionUser: false,
      })
    })
  }

  test('browser failures map to WebauthnBrowserError and send nothing after the options (WA-3, WA-8)', async () => {
    const cases: Array<[string, 'create' | 'get', object]> = [
      ['NotAllowedError', 'get', { status: 'NOT_ALLOWED' }],
      ['NotAllowedError', 'create', { status: 'NOT_ALLOWED' }],
      ['InvalidStateError', 'create', { status: 'AUTHENTICATOR_ALREADY_REGISTERED' }],
      ['InvalidStateError', 'get', { status: 'NOT_ALLOWED' }],
      ['SecurityError', 'get', { status: 'SECURITY_ERROR', message: 'SecurityError' }],
      ['AbortError', 'create', { status: 'ABORTED' }],
      ['NotSupportedError', 'create', { status: 'WEBAUTHN_NOT_SUPPORTED' }],
    ]
    for (const [name, ceremony, expected] of cases) {
      fakeBrowser({ [ceremony]: domError(name) })
      const auth = waClient()
      answer('post', '/auth/webauthn/options/register', () => HttpResponse.json(registerOptions))
      answer('post', '/auth/webauthn/options/signin', () => HttpResponse.json(signInOptions))
      const finish = [
        answer('post', '/auth/webauthn/signup', () => HttpResponse.json({ status: 'OK', user })),
        answer('post', '/auth/webauthn/signin', () => HttpResponse.json({ status: 'OK', user })),
      ]
      const result =
        ceremony === 'create' ? await auth.webauthn.signUp({ email: 'a@b.com' }) : await auth.webauthn.signIn()
      expect([name, ceremony, result]).toEqual([name, ceremony, expected])
      expect(finish.flat()).toHaveLength(0)
    }
  })

  test('SecurityError keeps the browser message; a TypeError (unusable options) rejects', async () => {
    fakeBrowser({ get: domError('SecurityError', 'The RP ID "api.x" is invalid for this domain') })
    const auth = waClient()
    answer('post', '/auth/webauthn/options/signin', () => HttpResponse.json(signInOptions))
    expect(await auth.webauthn.signIn()).toEqual({
      status: 'SECURITY_ERROR',
      message: 'The RP ID "api.x" is invalid for this domain',
    })
    fakeBrowser({
      get: async () => {
        throw new TypeError('bad challenge')
      },
    })
    await expect(auth.webauthn.signIn()).rejects.toMatchObject({ kind: 'protocol' })
  })

  test('conditional mediation: passes mediation and signal; aborting → ABORTED; unsupported → no request', async () => {
    const controller = new AbortController()
    const browser = fakeBrowser({
      get: (options) =>
        new Promise((_, reject) =>
          options.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    })
    const auth = waClient()
    answer('post', '/auth/webauthn/options/signin', () => HttpResponse.json(signInOptions))
    const signin = answer('post', '/auth/webauthn/signin', () => HttpResponse.json({ status: 'OK', user }))
    const pending = auth.webauthn.signIn({ mediation: 'conditional', signal: controller.signal })
    await vi.waitFor(() => expect(browser.get).toHaveBeenCalled())
    expect(browser.get.mock.calls[0]![0]).toMatchObject({ mediation: 'conditional', signal: controller.signal })
    controller.abort(new Error('the user typed a password instead'))
    expect(await pending).toEqual({ status: 'ABORTED' })
    expect(signin).toHaveLength(0)

    fakeBrowser({ conditional: false })
    expect(await auth.webauthn.signIn({ mediation: 'conditional' })).toEqual({ status: 'WEBAUTHN_NOT_SUPPORTED' })
    expect(await auth.webauthn.signIn({ signal: controller.signal })).toEqual({ status: 'ABORTED' })
  })

  test('WA-6, WA-7: option errors come back typed with no ceremony; signup errors typed', async () => {
    const browser = fakeBrowser()
    const auth = waClient()
    let options: object = { status: 'INVALID_EMAIL_ERROR', err: 'Email is invalid' }
    answer('post', '/auth/webauthn/options/register', () => HttpResponse.json(options))
    expect(await auth.webauthn.signUp({ email: 'x' })).toEqual(options)
    options = { status: 'INVALID_OPTIONS_ERROR' }
    expect(await auth.webauthn.signUp({ email: 'a@b.com' })).toEqual(options)
    expect(browser.create).not.toHaveBeenCalled()
    options = registerOptions
    for (const body of [
      { status: 'EMAIL_ALREADY_EXISTS_ERROR' },
      { status: 'OPTIONS_NOT_FOUND_ERROR' },
      { status: 'INVALID_AUTHENTICATOR_ERROR', reason: 'bad' },
      { status: 'SIGN_UP_NOT_ALLOWED', reason: 'No (ERR_CODE_025)' },
      { status: 'GENERAL_ERROR', message: 'Nope' },
    ]) {
      answer('post', '/auth/webauthn/signup', () => HttpResponse.json(body))
      expect(await auth.webauthn.signUp({ email: 'a@b.com' })).toEqual(body)
    }
    answer('post', '/auth/webauthn/options/signin', () => HttpResponse.json(signInOptions))
    answer('post', '/auth/webauthn/signin', () => HttpResponse.json({ status: 'INVALID_CREDENTIALS_ERROR' }))
    expect(await auth.webauthn.signIn({ tenantId: 'public' })).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
  })

  test('second factor: the flag and the session on sign-up and sign-in', async () => {
    fakeBrowser()
    const auth = waClient(signedInJar())
    answer('post', '/auth/webauthn/options/register', () => HttpResponse.json(registerOptions))
    const signup = answer('post', '/auth/webauthn/signup', () => withSession({ status: 'OK', user }))
    await auth.webauthn.signUp({ email: 'a@b.com', shouldTryLinkingWithSessionUser: true })
    expect(JSON.parse(signup[0]!.body)).toMatchObject({ shouldTryLinkingWithSessionUser: true })
    answer('post', '/auth/t1/webauthn/options/signin', () => HttpResponse.json(signInOptions))
    const signin = answer('post', '/auth/t1/webauthn/signin', () => withSession({ status: 'OK', user }))
    await auth.webauthn.signIn({ tenantId: 't1', shouldTryLinkingWithSessionUser: true })
    expect(JSON.parse(signin[0]!.body)).toMatchObject({ shouldTryLinkingWithSessionUser: true })
  })

  test('WA-9: the recovery email; doesEmailExist', async () => {
    const auth = waClient()
    let body: object = { status: 'OK' }
    const seen = answer('post', '/auth/user/webauthn/reset/token', () => HttpResponse.json(body))
    expect(await auth.webauthn.sendRecoveryEmail({ email: 'nobody@b.com' })).toEqual(body)
    expect(seen[0]).toMatchObject({ body: '{"email":"nobody@b.com"}', headers: { rid: 'webauthn' } })
    body = { status: 'RECOVER_ACCOUNT_NOT_ALLOWED', reason: 'risk (ERR_CODE_001)' }
    expect(await auth.webauthn.sendRecoveryEmail({ email: 'a@b.com' })).toEqual(body)
    const exists = answer('get', '/auth/webauthn/email/exists', () => HttpResponse.json({ status: 'OK', exists: true }))
    expect(await auth.webauthn.doesEmailExist({ email: 'a+b@c.com' })).toBe(true)
    expect(exists[0]!.url).toBe(`${API}/auth/webauthn/email/exists?email=a%2Bb%40c.com`)
  })

  test('WA-10: recoverAccount reads token and tenantId from the URL, registers, and creates no session', async () => {
    fakeBrowser()
    vi.stubGlobal('location', { href: 'http://site.test/auth/webauthn/recover?token=T&tenantId=t1' })
    const auth = waClient()
    const options = answer('post', '/auth/t1/webauthn/options/register', () => HttpResponse.json(registerOptions))
    const reset = answer('post', '/auth/t1/user/webauthn/reset', () => HttpResponse.json({ status: 'OK' }))
    const fired = events(auth)
    expect(await auth.webauthn.recoverAccount()).toEqual({ status: 'OK' })
    expect(options[0]!.body).toBe('{"recoverAccountToken":"T"}')
    expect(JSON.parse(reset[0]!.body)).toEqual({
      token: 'T',
      webauthnGeneratedOptionsId: 'opt-1',
      credential: registrationJson,
    })
    expect(fired).toEqual([])
    expect(auth.store.getState().status).not.toBe('signedIn')

    answer('post', '/auth/t1/user/webauthn/reset', () =>
      HttpResponse.json({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' }),
    )
    expect(await auth.webauthn.recoverAccount()).toEqual({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' })
    answer('post', '/auth/webauthn/options/register', () =>
      HttpResponse.json({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' }),
    )
    expect(await auth.webauthn.recoverAccount({ token: 'U', tenantId: 'public' })).toEqual({
      status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR',
    })
    vi.stubGlobal('location', { href: 'http://site.test/auth/webauthn/recover' })
    expect(await auth.webauthn.recoverAccount()).toEqual({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' })
  })

  test('WA-11: register, list and remove the signed-in user’s passkeys', async () => {
    fakeBrowser()
    const auth = waClient(signedInJar(mfaDone))
    answer('post', '/auth/webauthn/options/register', () => HttpResponse.json(registerOptions))
    const register = answer('post', '/auth/webauthn/credential', () => HttpResponse.json({ status: 'OK' }))
    expect(await auth.webauthn.registerCredential({ email: 'a@b.com', recipeUserId: 'ru1' })).toEqual({
      status: 'OK',
    })
    expect(JSON.parse(register[0]!.body)).toEqual({
      webauthnGeneratedOptionsId: 'opt-1',
      credential: registrationJson,
      recipeUserId: 'ru1',
    })
    const credentials = [
      { webauthnCredentialId: 'c1', recipeUserId: 'ru1', relyingPartyId: 'recipes.test', createdAt: 5 },
    ]
    const list = answer('get', '/auth/webauthn/credential/list', () => HttpResponse.json({ status: 'OK', credentials }))
    expect(await auth.webauthn.listCredentials()).toEqual({ status: 'OK', credentials })
    expect(list[0]).toMatchObject({ method: 'GET', headers: { rid: 'webauthn' } })
    let removed: object = { status: 'OK' }
    const remove = answer('post', '/auth/webauthn/credential/remove', () => HttpResponse.json(removed))
    expect(await auth.webauthn.removeCredential({ webauthnCredentialId: 'c1' })).toEqual(removed)
    expect(remove[0]!.body).toBe('{"webauthnCredentialId":"c1"}')
    removed = { status: 'CREDENTIAL_NOT_FOUND_ERROR' }
    expect(await auth.webauthn.removeCredential({ webauthnCredentialId: 'c1' })).toEqual(removed)
    answer('get', '/auth/webauthn/credential/list', () => HttpResponse.json({ status: 'OK', credentials: [{}] }))
    await expect(auth.webauthn.listCredentials()).rejects.toMatchObject({ kind: 'protocol' })
  })

  test('config mistakes fail at creation', () => {
    expect(() => webauthn({ autofill: 'yes' as never })).toThrow(/autofill must be true or false/)
  })
})
