/**
 * What node's WebAuthn recipe asks of the core: generated options (register and sign-in), sign-up and sign-in with a
 * passkey, recovery tokens, and a user's credentials. The ceremonies are checked with the mock backend's relying-party
 * code (src/mock/webauthnVerify.ts: client data type, challenge and origin, rpId hash, user presence, attestation
 * `none` or packed self-attestation, the signature with the stored key, the signature counter), against the options
 * node had the core generate. Options last a minute and are spent by the ceremony that succeeds with them (node reads
 * them once more after a sign-in, so they stay readable); a
 * passkey signs in only for the rpId it was made for, and only as the user whose handle it was registered with.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { SUPPORTED_ALGORITHMS, verifyAssertion, verifyRegistration } from '../../../src/mock/webauthnVerify'
import type { VerifyFailure, WebauthnPublicKey } from '../../../src/mock/webauthnVerify'
import type { Json, Reply, Routes } from './types'
import type { Users } from './users'

/** The lifetime node asks for is also how long the core keeps the options usable. */
const DEFAULT_TIMEOUT_MS = 60_000
const RECOVER_TOKEN_LIFETIME_MS = 3_600_000

interface GeneratedOptions {
  id: string
  kind: 'register' | 'signin'
  tenantId: string
  challenge: string
  origin: string
  rpId: string
  rpName: string
  userVerification: 'required' | 'preferred' | 'discouraged'
  userPresence: boolean
  timeout: number
  createdAt: number
  expiresAt: number
  /** Registration only: the account the passkey is for, and the user handle (base64url of the recipe user id). */
  email?: string
  userHandle?: string
  /** Set by the ceremony that succeeded with these options: node still reads them afterwards, nobody uses them again. */
  spent?: boolean
}

interface StoredCredential {
  id: string
  recipeUserId: string
  userHandle: string
  rpId: string
  key: WebauthnPublicKey
  signCount: number
  transports: string[]
  createdAt: number
}

const ok = (extra: Json = {}): Reply => ({ body: { status: 'OK', ...extra } })
const error = (status: string, extra: Json = {}): Reply => ({ body: { status, ...extra } })
const handleOf = (userId: string) => Buffer.from(userId).toString('base64url')
const userIdOf = (handle: string) => Buffer.from(handle, 'base64url').toString()

export function webauthnRoutes(users: Users): Routes {
  const generated = new Map<string, GeneratedOptions>()
  const credentials: StoredCredential[] = []
  const recoverTokens = new Map<string, { userId: string; email: string; tenantId: string; expiresAt: number }>()

  const webauthnUser = (tenantId: string, email: string) => users.find(tenantId, 'webauthn', { email })

  function newOptions(tenantId: string, kind: GeneratedOptions['kind'], body: Json, extra: Partial<GeneratedOptions>) {
    const timeout = typeof body.timeout === 'number' ? body.timeout : DEFAULT_TIMEOUT_MS
    const record: GeneratedOptions = {
      id: randomUUID(),
      kind,
      tenantId,
      challenge: randomBytes(32).toString('base64url'),
      origin: String(body.origin),
      rpId: String(body.relyingPartyId),
      rpName: String(body.relyingPartyName),
      userVerification: (body.userVerification as GeneratedOptions['userVerification'] | undefined) ?? 'preferred',
      userPresence: body.userPresence !== false,
      timeout,
      createdAt: Date.now(),
      expiresAt: Date.now() + timeout,
      ...extra,
    }
    generated.set(record.id, record)
    return record
  }

  /** The core generates nothing for an origin outside the relying party's domain. */
  const originFitsRp = (body: Json) => {
    try {
      const host = new URL(String(body.origin)).hostname
      const rpId = String(body.relyingPartyId)
      return host === rpId || host.endsWith(`.${rpId}`)
    } catch {
      return false
    }
  }

  /** The options of a ceremony in `tenantId`, or the core's error when they are gone, expired or of the other kind. */
  function usable(body: Json, tenantId: string, kind: GeneratedOptions['kind']): GeneratedOptions | Reply {
    const record = generated.get(String(body.webauthnGeneratedOptionsId))
    if (!record || record.tenantId !== tenantId) return error('OPTIONS_NOT_FOUND_ERROR')
    if (record.kind !== kind || record.spent || record.expiresAt <= Date.now()) return error('INVALID_OPTIONS_ERROR')
    return record
  }

  const expected = (record: GeneratedOptions) => ({
    challenge: record.challenge,
    origin: record.origin,
    rpId: record.rpId,
    userVerification: record.userVerification,
  })

  const failure = (result: VerifyFailure) =>
    result.kind === 'credentials'
      ? error('INVALID_CREDENTIALS_ERROR', { reason: result.reason })
      : error('INVALID_AUTHENTICATOR_ERROR', { reason: result.reason })

  /** Verifies the registration against its options and stores the passkey for `recipeUserId`. */
  async function register(body: Json, record: GeneratedOptions, recipeUserId: string): Promise<Reply | undefined> {
    const result = await verifyRegistration(body.credential, expected(record))
    if (!result.ok) return failure(result)
    if (credentials.some((item) => item.id === result.credentialId)) {
      return error('INVALID_AUTHENTICATOR_ERROR', { reason: 'The credential is already registered' })
    }
    record.spent = true
    credentials.push({
      id: result.credentialId,
      recipeUserId,
      userHandle: record.userHandle ?? handleOf(recipeUserId),
      rpId: record.rpId,
      key: result.publicKey,
      signCount: result.signCount,
      transports: result.transports,
      createdAt: Date.now(),
    })
    return undefined
  }

  /** Keeps the login method's credential ids (what node reads from the user) in step with the stored passkeys. */
  function syncIds(recipeUserId: string) {
    const lm = users.get(recipeUserId)?.loginMethods[0]
    if (lm) lm.webauthn = { credentialIds: credentials.filter((c) => c.recipeUserId === recipeUserId).map((c) => c.id) }
  }

  const credentialJson = (item: StoredCredential) => ({
    webauthnCredentialId: item.id,
    relyingPartyId: item.rpId,
    recipeUserId: item.recipeUserId,
    createdAt: item.createdAt,
  })

  const optionsJson = (record: GeneratedOptions) => ({
    webauthnGeneratedOptionsId: record.id,
    relyingPartyId: record.rpId,
    relyingPartyName: record.rpName,
    userVerification: record.userVerification,
    userPresence: record.userPresence,
    origin: record.origin,
    ...(record.email === undefined ? {} : { email: record.email }),
    timeout: record.timeout,
    challenge: record.challenge,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
  })

  function liveRecoverToken(token: string, tenantId: string) {
    const entry = recoverTokens.get(token)
    if (!entry || entry.tenantId !== tenantId || entry.expiresAt <= Date.now()) return undefined
    return entry
  }

  return {
    'POST /recipe/webauthn/options/register': ({ tenantId, body }) => {
      if (!originFitsRp(body)) return error('INVALID_OPTIONS_ERROR')
      const email = String(body.email)
      // Another passkey for an existing account carries that account's handle, as authenticators key passkeys by it;
      // a new account's recipe user id is chosen now and used by the sign-up.
      const owner = webauthnUser(tenantId, email)
      const userHandle = handleOf(owner?.user.id ?? randomUUID())
      const record = newOptions(tenantId, 'register', body, { email, userHandle })
      const algorithms = Array.isArray(body.supportedAlgorithmIds)
        ? (body.supportedAlgorithmIds as number[])
        : [...SUPPORTED_ALGORITHMS]
      const residentKey = String(body.residentKey ?? 'required')
      return ok({
        webauthnGeneratedOptionsId: record.id,
        createdAt: record.createdAt,
        expiresAt: record.expiresAt,
        rp: { id: record.rpId, name: record.rpName },
        user: { id: userHandle, name: email, displayName: String(body.displayName ?? email) },
        challenge: record.challenge,
        timeout: record.timeout,
        excludeCredentials: credentials
          .filter((item) => owner !== undefined && item.recipeUserId === owner.user.id)
          .map((item) => ({ id: item.id, type: 'public-key', transports: item.transports })),
        attestation: String(body.attestation ?? 'none'),
        pubKeyCredParams: algorithms.map((alg) => ({ alg, type: 'public-key' })),
        authenticatorSelection: {
          requireResidentKey: residentKey === 'required',
          residentKey,
          userVerification: record.userVerification,
        },
      })
    },
    'POST /recipe/webauthn/options/signin': ({ tenantId, body }) => {
      if (!originFitsRp(body)) return error('INVALID_OPTIONS_ERROR')
      const record = newOptions(tenantId, 'signin', body, {})
      return ok({
        webauthnGeneratedOptionsId: record.id,
        createdAt: record.createdAt,
        expiresAt: record.expiresAt,
        challenge: record.challenge,
        timeout: record.timeout,
        userVerification: record.userVerification,
      })
    },
    'GET /recipe/webauthn/options': ({ tenantId, query }) => {
      const record = generated.get(String(query.get('webauthnGeneratedOptionsId')))
      return record && record.tenantId === tenantId ? ok(optionsJson(record)) : error('OPTIONS_NOT_FOUND_ERROR')
    },
    'DELETE /recipe/webauthn/options/remove': ({ query }) =>
      generated.delete(String(query.get('webauthnGeneratedOptionsId'))) ? ok() : error('OPTIONS_NOT_FOUND_ERROR'),
    'POST /recipe/webauthn/signup': async ({ tenantId, body }) => {
      const record = usable(body, tenantId, 'register')
      if ('body' in record) return record
      const email = String(record.email)
      if (webauthnUser(tenantId, email)) return error('EMAIL_ALREADY_EXISTS_ERROR')
      const recipeUserId = userIdOf(String(record.userHandle))
      const refused = await register(body, record, recipeUserId)
      if (refused) return refused
      const user = users.add(tenantId, 'webauthn', { email, webauthn: { credentialIds: [] } }, recipeUserId)
      syncIds(recipeUserId)
      return ok({ user: users.json(user), recipeUserId })
    },
    'POST /recipe/webauthn/signin': async ({ tenantId, body }) => {
      const record = usable(body, tenantId, 'signin')
      if ('body' in record) return record
      const id = (body.credential as { id?: unknown } | undefined)?.id
      const stored = credentials.find((item) => item.id === id)
      const user = stored && users.get(stored.recipeUserId)
      if (!stored || !user || stored.rpId !== record.rpId) return error('CREDENTIAL_NOT_FOUND_ERROR')
      if (!user.loginMethods.some((lm) => lm.tenantIds.includes(tenantId))) return error('CREDENTIAL_NOT_FOUND_ERROR')
      const result = await verifyAssertion(body.credential, expected(record), stored.key, stored.signCount)
      if (!result.ok) return failure(result)
      // The passkey must be the user's: an authenticator that names another user handle is refused.
      if (result.userHandle !== undefined && result.userHandle !== stored.userHandle) {
        return error('INVALID_CREDENTIALS_ERROR', { reason: 'user handle does not match the credential' })
      }
      stored.signCount = result.signCount
      record.spent = true
      return ok({ user: users.json(user), recipeUserId: stored.recipeUserId })
    },
    'POST /recipe/webauthn/user/recover/token': ({ tenantId, body }) => {
      const user = users.get(String(body.userId))
      if (!user) return error('UNKNOWN_USER_ID_ERROR')
      const token = randomBytes(32).toString('base64url')
      const entry = { userId: user.id, email: String(body.email), tenantId }
      recoverTokens.set(token, { ...entry, expiresAt: Date.now() + RECOVER_TOKEN_LIFETIME_MS })
      return ok({ token })
    },
    'GET /recipe/webauthn/user/recover': ({ tenantId, query }) => {
      const entry = liveRecoverToken(String(query.get('token')), tenantId)
      const user = entry && users.get(entry.userId)
      if (!entry || !user) return error('RECOVER_ACCOUNT_TOKEN_INVALID_ERROR')
      const isWebauthn = user.loginMethods.some((lm) => lm.recipeId === 'webauthn')
      return ok({ user: users.json(user), ...(isWebauthn ? { recipeUserId: user.id } : {}) })
    },
    'POST /recipe/webauthn/user/recover/token/consume': ({ tenantId, body }) => {
      const token = String(body.token)
      const entry = liveRecoverToken(token, tenantId)
      if (!entry) return error('RECOVER_ACCOUNT_TOKEN_INVALID_ERROR')
      // Every token of the user is spent with it, like the core's password reset tokens.
      for (const [other, value] of recoverTokens) if (value.userId === entry.userId) recoverTokens.delete(other)
      return ok({ userId: entry.userId, email: entry.email })
    },
    'POST /recipe/webauthn/user/credential/register': async ({ body }) => {
      const recipeUserId = String(body.recipeUserId)
      const record = generated.get(String(body.webauthnGeneratedOptionsId))
      if (!record) return error('OPTIONS_NOT_FOUND_ERROR')
      const checked = usable(body, record.tenantId, 'register')
      if ('body' in checked) return checked
      // Options made for another account cannot add a passkey here.
      if (record.userHandle !== handleOf(recipeUserId)) return error('INVALID_OPTIONS_ERROR')
      const refused = await register(body, record, recipeUserId)
      if (refused) return refused
      syncIds(recipeUserId)
      return ok()
    },
    'GET /recipe/webauthn/user/credential/list': ({ query }) => ({
      body: {
        status: 'OK',
        credentials: credentials.filter((item) => item.recipeUserId === query.get('recipeUserId')).map(credentialJson),
      },
    }),
    'GET /recipe/webauthn/user/credential': ({ query }) => {
      const item = credentials.find(
        (c) => c.id === query.get('webauthnCredentialId') && c.recipeUserId === query.get('recipeUserId'),
      )
      return item ? ok(credentialJson(item)) : error('CREDENTIAL_NOT_FOUND_ERROR')
    },
    'DELETE /recipe/webauthn/user/credential/remove': ({ query }) => {
      const recipeUserId = String(query.get('recipeUserId'))
      const index = credentials.findIndex(
        (c) => c.id === query.get('webauthnCredentialId') && c.recipeUserId === recipeUserId,
      )
      if (index < 0) return error('CREDENTIAL_NOT_FOUND_ERROR')
      credentials.splice(index, 1)
      syncIds(recipeUserId)
      return ok()
    },
  }
}
