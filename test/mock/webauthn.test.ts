import { describe, expect, it } from 'vitest'
import { createSoftAuthenticator } from 'authfront/mock'
import type { MockBackendOptions, SoftAuthenticator, SoftAuthenticatorOptions } from 'authfront/mock'
import { call, front, installServer, setCookies } from './helpers'

const { useBackend } = installServer()
const WEB = 'http://localhost:3000'
const wa = { headers: { rid: 'webauthn' } }

let clock = Date.UTC(2026, 0, 1)

function useWa(options: Partial<MockBackendOptions> = {}) {
  clock = Date.UTC(2026, 0, 1)
  return useBackend({ websiteDomain: WEB, webauthn: {}, now: () => clock, ...options })
}

function authenticator(options: Partial<SoftAuthenticatorOptions> = {}) {
  return createSoftAuthenticator({ origin: WEB, ...options })
}

async function post(path: string, body: unknown, mode: 'cookie' | 'header' = 'cookie') {
  const res = await call(path, { ...wa, body, mode })
  return { res, body: await res.json() }
}

const registerOptions = async (body: Record<string, unknown>) => (await post('/webauthn/options/register', body)).body
const signInOptions = async () => (await post('/webauthn/options/signin', {})).body

async function signUp(device: SoftAuthenticator, email = 'a@b.com', alg?: -7 | -257 | -8) {
  const options = await registerOptions({ email })
  const credential = await device.create(options, alg === undefined ? {} : { alg })
  const answer = await post('/webauthn/signup', {
    webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
    credential,
    shouldTryLinkingWithSessionUser: false,
  })
  return { options, credential, ...answer }
}

async function signIn(device: SoftAuthenticator, overrides: Parameters<SoftAuthenticator['get']>[1] = {}) {
  const options = await signInOptions()
  const credential = await device.get(options, overrides)
  const answer = await post('/webauthn/signin', {
    webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
    credential,
    shouldTryLinkingWithSessionUser: false,
  })
  return { options, credential, ...answer }
}

const signInWith = (optionsId: string, credential: unknown) =>
  post('/webauthn/signin', {
    webauthnGeneratedOptionsId: optionsId,
    credential,
    shouldTryLinkingWithSessionUser: false,
  })

/** Flips one bit of a base64url field's bytes. */
function tamper(field: string): string {
  const bytes = Buffer.from(field, 'base64url')
  bytes[bytes.length - 1]! ^= 0x01
  return bytes.toString('base64url')
}

function expectNoSession(res: Response) {
  expect(res.headers.get('front-token')).toBeNull()
  expect(res.headers.getSetCookie()).toEqual([])
}

describe('WebAuthn: sign-up', () => {
  it('WA-4: registration options, then sign-up creates the user with its passkey and a session', async () => {
    const backend = useWa()
    const device = authenticator()
    const options = await registerOptions({ email: 'A@B.com ' })
    expect(options).toMatchObject({
      status: 'OK',
      createdAt: clock,
      expiresAt: clock + 60_000,
      timeout: 60_000,
      attestation: 'none',
      pubKeyCredParams: [
        { alg: -8, type: 'public-key' },
        { alg: -7, type: 'public-key' },
        { alg: -257, type: 'public-key' },
      ],
      excludeCredentials: [],
      rp: { id: 'localhost', name: 'authfront mock' },
      user: { name: 'a@b.com', displayName: 'a@b.com' },
      authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' },
    })
    expect(options.challenge).toMatch(/^[\w-]{43}$/)
    expect(options.user.id).toMatch(/^[\w-]+$/)
    const credential = await device.create(options)
    const { res, body } = await post('/webauthn/signup', {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
      shouldTryLinkingWithSessionUser: false,
    })
    expect(body.status).toBe('OK')
    expect(body).not.toHaveProperty('createdNewRecipeUser')
    expect(body.user).toMatchObject({
      emails: ['a@b.com'],
      webauthn: { credentialIds: [credential.id] },
      loginMethods: [
        { recipeId: 'webauthn', email: 'a@b.com', verified: false, webauthn: { credentialIds: [credential.id] } },
      ],
    })
    // The user id is the one the browser stored as the passkey's user handle.
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(body.user.id)
    expect(front(res)?.uid).toBe(body.user.id)
    expect(setCookies(res)).toHaveProperty('sAccessToken')
    expect(backend.users.get('a@b.com')).toMatchObject({ recipeId: 'webauthn', verified: false })
  })

  it('WA-5: a second sign-up with the same email answers EMAIL_ALREADY_EXISTS_ERROR', async () => {
    useWa()
    expect((await signUp(authenticator())).body.status).toBe('OK')
    const again = await signUp(authenticator())
    expect(again.body).toEqual({ status: 'EMAIL_ALREADY_EXISTS_ERROR' })
    expectNoSession(again.res)
  })

  it('WA-6: an invalid email answers INVALID_EMAIL_ERROR; neither email nor token is a 400', async () => {
    useWa()
    expect(await registerOptions({ email: 'x' })).toEqual({ status: 'INVALID_EMAIL_ERROR', err: 'Email is invalid' })
    const missing = await post('/webauthn/options/register', {})
    expect(missing.res.status).toBe(400)
    expect(missing.body).toEqual({ message: 'Please provide the email or the recover account token' })
  })

  it('answers 400 without an options id or a credential', async () => {
    useWa()
    const noId = await post('/webauthn/signup', { credential: {} })
    expect([noId.res.status, noId.body]).toEqual([400, { message: 'webauthnGeneratedOptionsId is required' }])
    const noCredential = await post('/webauthn/signin', { webauthnGeneratedOptionsId: 'x' })
    expect([noCredential.res.status, noCredential.body]).toEqual([400, { message: 'credential is required' }])
  })

  it('ES256, RS256 and EdDSA passkeys register and sign in', async () => {
    useWa()
    for (const [email, alg] of [
      ['es@b.com', -7],
      ['rs@b.com', -257],
      ['ed@b.com', -8],
    ] as const) {
      const device = authenticator({ alg })
      const up = await signUp(device, email)
      expect(up.body.status).toBe('OK')
      expect(up.credential.response.publicKeyAlgorithm).toBe(alg)
      const { res, body } = await signIn(device)
      expect(body.status).toBe('OK')
      expect(body.user.id).toBe(up.body.user.id)
      expect(front(res)?.uid).toBe(up.body.user.id)
    }
  })

  it('accepts packed self-attestation and refuses one signed by another key', async () => {
    useWa()
    expect((await signUp(authenticator({ attestation: 'packed' }))).body.status).toBe('OK')
    const options = await registerOptions({ email: 'c@b.com' })
    const credential = await authenticator({ attestation: 'packed' }).create(options)
    const forged = await authenticator({ attestation: 'packed' }).create(options)
    // The other device's statement (its own key's signature) under this credential's authenticator data.
    const { decodeCborForTest } = await cborHelpers()
    const ours = decodeCborForTest(credential.response.attestationObject)
    const theirs = decodeCborForTest(forged.response.attestationObject)
    ours.set('attStmt', theirs.get('attStmt'))
    credential.response.attestationObject = (await cborHelpers()).encode(ours)
    const { body } = await post('/webauthn/signup', {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
    })
    expect(body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
  })

  it('refuses a registration for another origin or rpId with INVALID_CREDENTIALS_ERROR', async () => {
    useWa()
    for (const override of [{ origin: 'http://evil.localhost:3000' }, { rpId: 'evil.test' }, { challenge: 'AAAA' }]) {
      const options = await registerOptions({ email: 'a@b.com' })
      const credential = await authenticator().create(options, override)
      const { res, body } = await post('/webauthn/signup', {
        webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
        credential,
      })
      expect(body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
      expectNoSession(res)
    }
  })

  it('answers 404 when the recipe is off, and lists webauthn in loginmethods when on', async () => {
    useBackend({})
    expect((await call('/webauthn/options/signin', { ...wa, body: {} })).status).toBe(404)
    useWa()
    const methods = await (await call('/loginmethods', { headers: { rid: 'multitenancy' } })).json()
    expect(methods.webauthn).toEqual({ enabled: true })
    expect(methods.firstFactors).toContain('webauthn')
  })
})

describe('WebAuthn: sign-in', () => {
  it('WA-1: sign-in options name the rpId; the assertion signs in with a new session', async () => {
    useWa()
    const device = authenticator()
    const up = await signUp(device)
    const options = await signInOptions()
    expect(Object.keys(options)).toEqual([
      'status',
      'webauthnGeneratedOptionsId',
      'rpId',
      'createdAt',
      'expiresAt',
      'challenge',
      'timeout',
      'userVerification',
    ])
    expect(options).toMatchObject({ status: 'OK', rpId: 'localhost', timeout: 60_000, userVerification: 'preferred' })
    const credential = await device.get(options)
    expect(credential.response.userHandle).toBe(up.options.user.id)
    const { res, body } = await post('/webauthn/signin', {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
      shouldTryLinkingWithSessionUser: false,
    })
    expect(body).toMatchObject({ status: 'OK', user: { id: up.body.user.id, emails: ['a@b.com'] } })
    expect(front(res)?.uid).toBe(up.body.user.id)
    expect(setCookies(res)).toHaveProperty('sRefreshToken')
  })

  it('WA-2: an unknown passkey answers INVALID_CREDENTIALS_ERROR, also one the backend forgot', async () => {
    const backend = useWa()
    const stranger = authenticator()
    await stranger.create(await registerOptions({ email: 'never@b.com' }))
    const unknown = await signIn(stranger)
    expect(unknown.body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    expectNoSession(unknown.res)

    const device = authenticator()
    const { credential } = await signUp(device)
    backend.controls.webauthn.forgetCredential(credential.id)
    expect((await signIn(device)).body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
  })

  it('refuses a forged signature, another key, an altered challenge, another origin or rpId', async () => {
    useWa()
    const device = authenticator()
    const { credential: registered } = await signUp(device)
    const other = authenticator()
    await other.create(await registerOptions({ email: 'other@b.com' }))

    const options = await signInOptions()
    const forged = await device.get(options)
    forged.response.signature = tamper(forged.response.signature)
    expect((await signInWith(options.webauthnGeneratedOptionsId, forged)).body.status).toBe('INVALID_CREDENTIALS_ERROR')

    const wrongKey = await other.get(options)
    // Everything names the registered passkey (id, user handle) except the key that signed.
    const userHandle = device.credentials()[0]!.userHandle
    const relabelled = {
      ...wrongKey,
      id: registered.id,
      rawId: registered.id,
      response: { ...wrongKey.response, userHandle },
    }
    const wrongKeyAnswer = await signInWith(options.webauthnGeneratedOptionsId, relabelled)
    expect(wrongKeyAnswer.body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })

    for (const override of [{ challenge: 'AAAA' }, { origin: 'http://localhost:4000' }, { rpId: 'example.com' }]) {
      const { res, body } = await signIn(device, override)
      expect(body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
      expectNoSession(res)
    }
    // The same device, untouched, still signs in: the failures above were the forgeries.
    expect((await signIn(device)).body.status).toBe('OK')
  })

  it('a replayed assertion fails: the options were spent by the sign-in that used them', async () => {
    useWa()
    const device = authenticator({ counter: 'zero' })
    await signUp(device)
    const first = await signIn(device)
    expect(first.body.status).toBe('OK')
    const replay = await signInWith(first.options.webauthnGeneratedOptionsId, first.credential)
    expect(replay.body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    expectNoSession(replay.res)
  })

  it('counter rule: a counter that stays 0 is fine; a non-zero one must increase', async () => {
    useWa()
    const synced = authenticator({ counter: 'zero' })
    await signUp(synced, 'zero@b.com')
    expect((await signIn(synced)).body.status).toBe('OK')
    expect((await signIn(synced)).body.status).toBe('OK')

    const key = authenticator()
    await signUp(key, 'key@b.com')
    const older = await signInOptions()
    const newer = await signInOptions()
    const a1 = await key.get(older)
    const a2 = await key.get(newer)
    expect((await signInWith(newer.webauthnGeneratedOptionsId, a2)).body.status).toBe('OK')
    // Counter 1 after 2: a clone of the authenticator.
    expect((await signInWith(older.webauthnGeneratedOptionsId, a1)).body).toEqual({
      status: 'INVALID_CREDENTIALS_ERROR',
    })
  })

  it('WA-7: stale or unknown options', async () => {
    const backend = useWa()
    const device = authenticator()
    const options = await registerOptions({ email: 'a@b.com' })
    const credential = await device.create(options)
    clock += 60_000
    const stale = await post('/webauthn/signup', {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
    })
    expect(stale.body).toEqual({ status: 'INVALID_OPTIONS_ERROR' })
    const unknown = await post('/webauthn/signup', { webauthnGeneratedOptionsId: 'nope', credential })
    expect(unknown.body).toEqual({ status: 'OPTIONS_NOT_FOUND_ERROR' })

    clock -= 60_000
    await signUp(device, 'b@b.com')
    const signInOpts = await signInOptions()
    const assertion = await device.get(signInOpts)
    backend.controls.webauthn.expireOptions()
    expect((await signInWith(signInOpts.webauthnGeneratedOptionsId, assertion)).body).toEqual({
      status: 'INVALID_CREDENTIALS_ERROR',
    })
    expect((await signInWith('nope', assertion)).body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
  })

  it('WA-7: a website origin whose host does not end with the rpId gets INVALID_OPTIONS_ERROR from both options calls', async () => {
    // node's default rpId is the API's host: a site on the parent domain fails until rpId is set (§5.5).
    const apiDomain = 'https://api.example.com'
    useBackend({ apiDomain, websiteDomain: 'https://example.com', webauthn: {} })
    const at = (path: string, body: unknown) => call(`${apiDomain}/auth${path}`, { ...wa, body }).then((r) => r.json())
    expect(await at('/webauthn/options/register', { email: 'a@b.com' })).toEqual({ status: 'INVALID_OPTIONS_ERROR' })
    expect(await at('/webauthn/options/signin', {})).toEqual({ status: 'INVALID_OPTIONS_ERROR' })
    useBackend({ apiDomain, websiteDomain: 'https://example.com', webauthn: { rpId: 'example.com' } })
    expect(await at('/webauthn/options/signin', {})).toMatchObject({ status: 'OK', rpId: 'example.com' })
  })

  it('a tenant without the webauthn first factor answers 401 with clearing headers', async () => {
    useWa({ tenants: { acme: { firstFactors: ['emailpassword'] } } })
    const options = (await post('/acme/webauthn/options/signin', {})).body
    const credential = { id: 'x', rawId: 'x', type: 'public-key', response: {} }
    const { res } = await post('/acme/webauthn/signin', {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('front-token')).toBe('remove')
  })

  it('passkeys belong to their tenant', async () => {
    useWa()
    const device = authenticator()
    const options = (await post('/acme/webauthn/options/register', { email: 'a@b.com' })).body
    const credential = await device.create(options)
    const up = await post('/acme/webauthn/signup', {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
    })
    expect(up.body.user.tenantIds).toEqual(['acme'])
    expect((await signIn(device)).body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    const acme = (await post('/acme/webauthn/options/signin', {})).body
    const assertion = await device.get(acme)
    const ok = await post('/acme/webauthn/signin', {
      webauthnGeneratedOptionsId: acme.webauthnGeneratedOptionsId,
      credential: assertion,
    })
    expect(ok.body.status).toBe('OK')
  })

  it('without MultiFactorAuth, shouldTryLinkingWithSessionUser: true is ignored: a first-factor sign-in', async () => {
    useWa()
    const device = authenticator()
    const { body: up } = await signUp(device, 'a@b.com')
    const options = await signInOptions()
    const credential = await device.get(options)
    const body = {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
      shouldTryLinkingWithSessionUser: true,
    }
    // No session sent at all: still signed in, with a new session.
    const res = await call('/webauthn/signin', { ...wa, body, credentials: 'omit' })
    expect((await res.json()).status).toBe('OK')
    expect(front(res)?.uid).toBe(up.user.id)
  })
})

describe('WebAuthn: the soft authenticator', () => {
  it('throws the browser errors: InvalidStateError for an excluded passkey, NotAllowedError with none for the rpId', async () => {
    useWa()
    const device = authenticator()
    await signUp(device, 'a@b.com')
    // Options for the same account list its passkey in excludeCredentials (WA-8 starts here, in the browser).
    const again = await registerOptions({ email: 'a@b.com' })
    await expect(device.create(again)).rejects.toMatchObject({ name: 'InvalidStateError' })
    await expect(authenticator().get(await signInOptions())).rejects.toMatchObject({ name: 'NotAllowedError' })
  })
})

describe('WebAuthn: persistence', () => {
  it('a passkey registered by one copy of a persisted mock signs in with another (a page reload)', async () => {
    const saved = new Map<string, string>()
    const storage = {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
      removeItem: (key: string) => void saved.delete(key),
    }
    useWa({ persistence: { storage } })
    const device = authenticator({ alg: -257 })
    const { body: up } = await signUp(device)
    useWa({ persistence: { storage } })
    const { body } = await signIn(device)
    expect(body).toMatchObject({ status: 'OK', user: { id: up.user.id } })
  })
})

describe('WebAuthn: email exists and account recovery', () => {
  it('email/exists counts WebAuthn users only', async () => {
    useWa({ users: [{ email: 'ep@b.com', password: 'password1' }] })
    await signUp(authenticator(), 'a@b.com')
    const exists = async (email: string) =>
      (await (await call(`/webauthn/email/exists?email=${encodeURIComponent(email)}`, wa)).json()).exists
    expect(await exists('A@b.com')).toBe(true)
    expect(await exists('ep@b.com')).toBe(false)
    expect((await call('/webauthn/email/exists', wa)).status).toBe(400)
  })

  it('WA-9: the recovery email goes only to a WebAuthn user; the answer is the same either way', async () => {
    const backend = useWa()
    await signUp(authenticator(), 'a@b.com')
    expect((await post('/user/webauthn/reset/token', { email: 'nobody@b.com' })).body).toEqual({ status: 'OK' })
    expect(backend.outbox.list()).toEqual([])
    expect((await post('/user/webauthn/reset/token', { email: 'a@b.com' })).body).toEqual({ status: 'OK' })
    const email = backend.outbox.latest({ type: 'webauthn-recovery' })!
    expect(email).toMatchObject({ to: 'a@b.com', tenantId: 'public' })
    expect(email.link).toBe(`${WEB}/auth/webauthn/recover?token=${email.token}&tenantId=public`)
    const missing = await post('/user/webauthn/reset/token', {})
    expect([missing.res.status, missing.body]).toEqual([400, { message: 'Please provide the email' }])
  })

  it('WA-10: recovery registers a new passkey, verifies the email, creates no session; the token works once', async () => {
    const backend = useWa()
    const lost = authenticator()
    await signUp(lost, 'a@b.com')
    await post('/user/webauthn/reset/token', { email: 'a@b.com' })
    const { token } = backend.outbox.latest({ type: 'webauthn-recovery' })!
    const options = await registerOptions({ recoverAccountToken: token })
    expect(options).toMatchObject({ status: 'OK', user: { name: 'a@b.com' } })
    expect(options.excludeCredentials).toHaveLength(1)
    const fresh = authenticator()
    const credential = await fresh.create(options)
    const { res, body } = await post('/user/webauthn/reset', {
      token,
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
    })
    expect(body).toEqual({ status: 'OK' })
    expectNoSession(res)
    expect(backend.users.get('a@b.com')!.verified).toBe(true)
    const signedIn = await signIn(fresh)
    expect(signedIn.body.user.loginMethods[0].verified).toBe(true)

    expect(await registerOptions({ recoverAccountToken: token })).toEqual({
      status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR',
    })
    const again = await post('/user/webauthn/reset', {
      token,
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
    })
    expect(again.body).toEqual({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' })
  })

  it('recovery answers 400 without a token, and the token is spent even when the passkey is refused', async () => {
    const backend = useWa()
    await signUp(authenticator(), 'a@b.com')
    await post('/user/webauthn/reset/token', { email: 'a@b.com' })
    const { token } = backend.outbox.latest({ type: 'webauthn-recovery' })!
    const options = await registerOptions({ recoverAccountToken: token })
    const credential = await authenticator().create(options, { origin: 'http://localhost:4000' })
    const noToken = await post('/user/webauthn/reset', { webauthnGeneratedOptionsId: 'x', credential })
    expect([noToken.res.status, noToken.body]).toEqual([400, { message: 'Please provide the recover account token' }])
    const refused = await post('/user/webauthn/reset', {
      token,
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential,
    })
    expect(refused.body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    expect(await registerOptions({ recoverAccountToken: token })).toEqual({
      status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR',
    })
  })
})

describe('WebAuthn: credential management (FDI 4.2)', () => {
  it('WA-11: list, add (recipeUserId required), remove, remove again', async () => {
    useWa()
    const device = authenticator()
    const { body: up, credential } = await signUp(device, 'a@b.com')
    const list = async () => (await call('/webauthn/credential/list', wa)).json()
    expect(await list()).toEqual({
      status: 'OK',
      credentials: [
        {
          recipeUserId: up.user.id,
          webauthnCredentialId: credential.id,
          relyingPartyId: 'localhost',
          createdAt: clock,
        },
      ],
    })

    const options = await registerOptions({ email: 'a@b.com' })
    // A second passkey for the account carries the account's user handle.
    expect(Buffer.from(options.user.id, 'base64url').toString()).toBe(up.user.id)
    expect(options.excludeCredentials).toEqual([{ id: credential.id, type: 'public-key', transports: ['internal'] }])
    const second = await authenticator().create(options)
    const add = { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: second }
    const noUser = await post('/webauthn/credential', add)
    expect([noUser.res.status, noUser.body]).toEqual([400, { message: 'Please provide the recipeUserId' }])
    expect((await post('/webauthn/credential', { ...add, recipeUserId: 'someone-else' })).body).toEqual({
      status: 'GENERAL_ERROR',
      message: 'User not found',
    })
    expect((await post('/webauthn/credential', { ...add, recipeUserId: up.user.id })).body).toEqual({ status: 'OK' })
    expect(
      (await list()).credentials.map((item: { webauthnCredentialId: string }) => item.webauthnCredentialId),
    ).toEqual([credential.id, second.id])

    const remove = () => post('/webauthn/credential/remove', { webauthnCredentialId: credential.id })
    expect((await remove()).body).toEqual({ status: 'OK' })
    expect((await remove()).body).toEqual({ status: 'GENERAL_ERROR', message: 'User not found' })
    expect((await signIn(device)).body).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    const badRemove = await post('/webauthn/credential/remove', {})
    expect([badRemove.res.status, badRemove.body]).toEqual([
      400,
      { message: 'A valid webauthnCredentialId is required' },
    ])
  })

  it('adding a passkey checks the options email and the credential', async () => {
    useWa()
    const { body: up } = await signUp(authenticator(), 'a@b.com')
    const otherEmail = await registerOptions({ email: 'z@b.com' })
    const credential = await authenticator().create(otherEmail)
    const mismatch = await post('/webauthn/credential', {
      webauthnGeneratedOptionsId: otherEmail.webauthnGeneratedOptionsId,
      credential,
      recipeUserId: up.user.id,
    })
    expect(mismatch.body).toEqual({ status: 'GENERAL_ERROR', message: 'Email mismatch' })
    const options = await registerOptions({ email: 'a@b.com' })
    const forged = await authenticator().create(options, { challenge: 'AAAA' })
    const refused = await post('/webauthn/credential', {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential: forged,
      recipeUserId: up.user.id,
    })
    expect(refused.body).toEqual({
      status: 'REGISTER_CREDENTIAL_NOT_ALLOWED',
      reason: 'The credentials are incorrect. Please make sure you are using the correct credentials. (ERR_CODE_025)',
    })
  })

  it('needs a session: 401 without one', async () => {
    useWa()
    const res = await call('/webauthn/credential/list', { ...wa, credentials: 'omit' })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'unauthorised' })
  })
})

/** The test's own view of attestation objects (decode, re-encode) through the mock's CBOR module. */
async function cborHelpers() {
  const { decodeCbor, encodeCbor } = await import('../../src/mock/cbor')
  return {
    decodeCborForTest: (text: string) => decodeCbor(Buffer.from(text, 'base64url')) as Map<string, unknown>,
    encode: (value: Map<string, unknown>) => Buffer.from(encodeCbor(value as never)).toString('base64url'),
  }
}
