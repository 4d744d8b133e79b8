import { base64Decode, base64UrlEncode, fromUtf8, randomToken, randomUuid, utf8 } from '../crypto'
import { jsonReply } from '../http'
import type { Reply } from '../http'
import { findOneTimeToken } from '../outbox'
import { isReply, readBody } from '../pipeline'
import type { Ctx } from '../pipeline'
import type { WebauthnCredentialRecord, WebauthnOptionsRecord } from '../state'
import type { VerifiedAccess } from '../tokenService'
import type { MockUser } from '../types'
import { defaultEmailValidator, normaliseEmail } from '../validation'
import { SUPPORTED_ALGORITHMS, verifyAssertion, verifyRegistration } from '../webauthnVerify'
import type { VerifyFailure } from '../webauthnVerify'
import { contactsFor } from '../multiFactor'
import { checkFirstFactor } from './multitenancy'
import type { MockRecipeKit, MockRecipeModule } from './types'
import { hasRecipe, userJson } from './userJson'

/** The core's default lifetime of generated options, also the browser timeout (docs/RECIPES.md §5.1). */
const OPTIONS_LIFETIME_MS = 60_000
/** Lifetime of a recovery link (the core's default, like a password reset link). */
const RECOVER_TOKEN_LIFETIME_MS = 3_600_000
/** Expired options are kept this long, so a late ceremony reads "expired" rather than "not found". */
const EXPIRED_OPTIONS_KEPT_MS = 10 * 60_000

const status = (name: string, extra: Record<string, unknown> = {}) => jsonReply(200, { status: name, ...extra })
const badInput = (message: string) => jsonReply(400, { message })

/** node's reasons (webauthn `api/implementation.ts`), shown verbatim by the prebuilt UIs. */
const REGISTER_NOT_ALLOWED = {
  credentials: 'The credentials are incorrect. Please make sure you are using the correct credentials. (ERR_CODE_025)',
  authenticator: 'The device used for authentication is not supported. Please use a different device. (ERR_CODE_026)',
}
const SIGN_IN_LINKING_FAILED = 'Cannot sign in / up due to security reasons. Please contact support. (ERR_CODE_032)'

/**
 * The part of the MultiFactorAuth recipe's kit entry (`kit.mfa`) WebAuthn uses (docs/RECIPES.md §4.4): declaring
 * `webauthn` as a secondary factor, the setup rule, the completed-MFA check, and completing the factor in an existing
 * session. Absent, or `enabled: false`, the mock behaves like node without MFA: `shouldTryLinkingWithSessionUser` is
 * ignored, as on the mock's other sign-in endpoints.
 */
export interface WebauthnMfa {
  readonly enabled: boolean
  addFactor(factor: { id: string; isSetUp(user: MockUser): boolean; emails?(user: MockUser): string[] }): void
  checkSetup(reply: Reply, verified: VerifiedAccess, user: MockUser, factorId: string): Reply | undefined
  checkComplete(reply: Reply, verified: VerifiedAccess, user: MockUser): Reply | undefined
  completeFactor(reply: Reply, verified: VerifiedAccess, user: MockUser, factorId: string): void
}

/** The recipe kit, plus MultiFactorAuth once that recipe is part of it. */
export type WebauthnKit = MockRecipeKit & { mfa?: WebauthnMfa }

/** A session loaded by a WebAuthn endpoint, and its user. */
interface SessionUser {
  verified: VerifiedAccess
  user: MockUser
}

/** Collects the headers of claim updates (a new access token) made before the answer is known. */
const scratchReply = (): Reply => ({ status: 200, body: null, headers: new Headers() })

/** The answer, carrying the session headers collected in `scratch`. */
function withSessionHeaders(reply: Reply, scratch: Reply): Reply {
  for (const [name, value] of scratch.headers) if (name !== 'set-cookie') reply.headers.set(name, value)
  for (const cookie of scratch.headers.getSetCookie()) reply.headers.append('Set-Cookie', cookie)
  return reply
}

/** Passkeys: options, sign-up, sign-in, account recovery and credential management (docs/RECIPES.md §5.1). */
export const webauthnRecipe: MockRecipeModule = {
  id: 'webauthn',
  routes(kit) {
    if (kit.options.webauthn === undefined) return []
    const wa = createWebauthn(kit as WebauthnKit)
    ;(kit as WebauthnKit).mfa?.addFactor({
      id: 'webauthn',
      isSetUp: (user) => webauthnCredentials(kit).some((item) => item.userId === user.id),
      // As node: a user with a passkey login method lists its emails; one without may set it up with any of its own.
      emails: (user) => contactsFor(user, 'email', 'webauthn'),
    })
    return [
      { method: 'post', path: '/webauthn/options/register', tenantScoped: true, run: wa.registerOptions },
      { method: 'post', path: '/webauthn/options/signin', tenantScoped: true, run: wa.signInOptions },
      { method: 'post', path: '/webauthn/signup', tenantScoped: true, run: wa.signUp },
      { method: 'post', path: '/webauthn/signin', tenantScoped: true, run: wa.signIn },
      { method: 'get', path: '/webauthn/email/exists', tenantScoped: true, run: wa.emailExists },
      { method: 'post', path: '/user/webauthn/reset/token', tenantScoped: true, run: wa.recoverToken },
      { method: 'post', path: '/user/webauthn/reset', tenantScoped: true, run: wa.recoverAccount },
      { method: 'get', path: '/webauthn/credential/list', tenantScoped: true, run: wa.listCredentials },
      { method: 'post', path: '/webauthn/credential', tenantScoped: true, run: wa.addCredential },
      { method: 'post', path: '/webauthn/credential/remove', tenantScoped: true, run: wa.removeCredential },
    ]
  },
}

/** The stored passkeys. */
function webauthnCredentials(kit: Pick<MockRecipeKit, 'store'>): WebauthnCredentialRecord[] {
  return (kit.store.state.webauthnCredentials ??= [])
}

function createWebauthn(kit: WebauthnKit) {
  const { store, options, tokens } = kit
  const rp = options.webauthn!
  const now = () => options.now()
  const optionsList = () => (store.state.webauthnOptions ??= [])
  const credentials = () => webauthnCredentials(kit)
  const idsOf = (user: MockUser) => credentials().flatMap((item) => (item.userId === user.id ? [item.id] : []))
  const webauthnUser = (email: string, tenantId: string) =>
    store.state.users.find(
      (user) => hasRecipe(user, 'webauthn') && user.email === email && user.tenantIds.includes(tenantId),
    )

  /** The core generates options only when the origin's host ends with the rpId ("Origin does not match RelyingParty Id"). */
  const originMatchesRp = () => new URL(rp.origin).hostname.endsWith(rp.rpId)

  const newOptions = (tenantId: string, kind: WebauthnOptionsRecord['kind'], extra: Partial<WebauthnOptionsRecord>) => {
    store.state.webauthnOptions = optionsList().filter((item) => item.expiresAt + EXPIRED_OPTIONS_KEPT_MS > now())
    const record: WebauthnOptionsRecord = {
      id: randomUuid(),
      kind,
      tenantId,
      challenge: randomToken(32),
      rpId: rp.rpId,
      origin: rp.origin,
      createdAt: now(),
      expiresAt: now() + OPTIONS_LIFETIME_MS,
      ...extra,
    }
    optionsList().push(record)
    return record
  }

  /** The options of a ceremony: the record, or why there is none to use. */
  const findOptions = (id: string, tenantId: string, kind: WebauthnOptionsRecord['kind']) => {
    const record = optionsList().find((item) => item.id === id && item.tenantId === tenantId)
    if (record === undefined) return 'OPTIONS_NOT_FOUND_ERROR' as const
    if (record.kind !== kind || record.expiresAt <= now()) return 'INVALID_OPTIONS_ERROR' as const
    return record
  }
  /** Options are spent by the ceremony that succeeds with them, so its challenge cannot be replayed. */
  const spend = (record: WebauthnOptionsRecord) => {
    store.state.webauthnOptions = optionsList().filter((item) => item !== record)
  }

  const expected = (record: WebauthnOptionsRecord) => ({
    challenge: record.challenge,
    origin: record.origin,
    rpId: record.rpId,
    userVerification: 'preferred' as const,
  })

  const storeCredential = (
    userId: string,
    record: WebauthnOptionsRecord,
    verified: Exclude<Awaited<ReturnType<typeof verifyRegistration>>, VerifyFailure>,
  ) => {
    credentials().push({
      id: verified.credentialId,
      userId,
      userHandle: record.userHandle ?? '',
      rpId: record.rpId,
      alg: verified.publicKey.alg,
      jwk: verified.publicKey.jwk,
      signCount: verified.signCount,
      transports: verified.transports,
      createdAt: now(),
    })
  }

  /** Verifies a registration: the verified credential, or node's answer for the failure. */
  const register = async (credential: unknown, record: WebauthnOptionsRecord) => {
    const result = await verifyRegistration(credential, expected(record))
    if (!result.ok) return result
    if (credentials().some((item) => item.id === result.credentialId)) {
      return { ok: false, kind: 'authenticator', reason: 'The credential is already registered' } as VerifyFailure
    }
    return result
  }
  const registrationFailure = (failure: VerifyFailure) =>
    failure.kind === 'credentials'
      ? status('INVALID_CREDENTIALS_ERROR')
      : status('INVALID_AUTHENTICATOR_ERROR', { reason: failure.reason })

  /** The request's session and user, or node's 401 (no session: no clearing) / try-refresh answer. */
  const requireSession = (ctx: Ctx): SessionUser | Reply => {
    const verified = tokens.verifyAccess(ctx, options.checkDatabase)
    if (verified.ok === 'none') return tokens.unauthorised(false)
    if (verified.ok === false) return verified.reply
    const user = store.findUser(verified.session.userId)
    if (user === undefined) return status('GENERAL_ERROR', { message: 'User not found' })
    return { verified, user }
  }

  /**
   * With MultiFactorAuth on, `shouldTryLinkingWithSessionUser: true` makes a sign-in/up a second factor: the
   * session is required (docs/RECIPES.md §1.3, §4.4). Undefined for a first factor.
   */
  const secondFactor = (ctx: Ctx, body: Record<string, unknown>): SessionUser | Reply | undefined => {
    if (kit.mfa?.enabled !== true || body['shouldTryLinkingWithSessionUser'] !== true) return undefined
    return requireSession(ctx)
  }

  const readCeremony = async (ctx: Ctx) => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const { webauthnGeneratedOptionsId: optionsId, credential } = body
    if (typeof optionsId !== 'string') return badInput('webauthnGeneratedOptionsId is required')
    if (typeof credential !== 'object' || credential === null) return badInput('credential is required')
    return { body, optionsId, credential }
  }

  /** A sign-in/up body and, for a second factor, the session; or the answer that ends the request here. */
  const startAuth = async (ctx: Ctx) => {
    const input = await readCeremony(ctx)
    if (isReply(input)) return input
    const loaded = secondFactor(ctx, input.body)
    if (isReply(loaded)) return loaded
    // A first factor the tenant does not allow: 401 with clearing (docs/RECIPES.md §1.2).
    const refused = loaded === undefined ? checkFirstFactor(kit, ctx, ['webauthn']) : undefined
    return refused ?? { input, loaded }
  }

  /** First factor: a new session, started from `webauthn`. Second factor: `webauthn` completed in the request's session. */
  const finishAuth = (ctx: Ctx, reply: Reply, user: MockUser, loaded: SessionUser | undefined, scratch: Reply) => {
    if (loaded !== undefined) {
      kit.mfa!.completeFactor(scratch, loaded.verified, loaded.user, 'webauthn')
      return withSessionHeaders(reply, scratch)
    }
    // The MultiFactorAuth recipe's token service starts `st-mfa` from the first factor passed as a fourth argument;
    // without it the argument is ignored.
    const createSession = tokens.createSessionInReply as (
      ctx: Ctx,
      reply: Reply,
      user: MockUser,
      factorId?: string,
    ) => void
    createSession(ctx, reply, user, 'webauthn')
    return reply
  }

  return {
    async registerOptions(ctx: Ctx): Promise<Reply> {
      const body = await readBody(ctx.request)
      if (isReply(body)) return body
      const { email, recoverAccountToken, displayName } = body
      let target: string
      let userId: string
      if (typeof email === 'string') {
        const trimmed = email.trim()
        if (defaultEmailValidator(trimmed) !== undefined)
          return status('INVALID_EMAIL_ERROR', { err: 'Email is invalid' })
        target = normaliseEmail(trimmed)
        // A second passkey for an existing account carries that account's user id, as the browser keys passkeys by it.
        userId = webauthnUser(target, ctx.tenantId)?.id ?? randomUuid()
      } else if (typeof recoverAccountToken === 'string') {
        const token = findOneTimeToken(store.state.webauthnRecoverTokens ?? [], recoverAccountToken, now())
        const user = token === undefined || token.tenantId !== ctx.tenantId ? undefined : store.findUser(token.userId)
        if (user === undefined) return status('RECOVER_ACCOUNT_TOKEN_INVALID_ERROR')
        if (user.email === '') return status('INVALID_EMAIL_ERROR', { err: 'The email is missing' })
        target = user.email
        userId = user.id
      } else {
        return badInput('Please provide the email or the recover account token')
      }
      if (!originMatchesRp()) return status('INVALID_OPTIONS_ERROR')
      const userHandle = base64UrlEncode(utf8(userId))
      const record = newOptions(ctx.tenantId, 'register', { email: target, userHandle })
      const owner = store.state.users.find((user) => user.id === userId)
      const excludeCredentials = owner === undefined ? [] : credentials().filter((item) => item.userId === owner.id)
      return status('OK', {
        webauthnGeneratedOptionsId: record.id,
        createdAt: record.createdAt,
        expiresAt: record.expiresAt,
        challenge: record.challenge,
        timeout: OPTIONS_LIFETIME_MS,
        attestation: 'none',
        pubKeyCredParams: SUPPORTED_ALGORITHMS.map((alg) => ({ alg, type: 'public-key' })),
        excludeCredentials: excludeCredentials.map((item) => ({
          id: item.id,
          type: 'public-key',
          transports: item.transports,
        })),
        rp: { id: rp.rpId, name: rp.rpName },
        user: { id: userHandle, name: target, displayName: typeof displayName === 'string' ? displayName : target },
        authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' },
      })
    },

    async signInOptions(ctx: Ctx): Promise<Reply> {
      const body = await readBody(ctx.request)
      if (isReply(body)) return body
      if (!originMatchesRp()) return status('INVALID_OPTIONS_ERROR')
      const record = newOptions(ctx.tenantId, 'signin', {})
      return status('OK', {
        webauthnGeneratedOptionsId: record.id,
        rpId: record.rpId,
        createdAt: record.createdAt,
        expiresAt: record.expiresAt,
        challenge: record.challenge,
        timeout: OPTIONS_LIFETIME_MS,
        userVerification: 'preferred',
      })
    },

    async signUp(ctx: Ctx): Promise<Reply> {
      const started = await startAuth(ctx)
      if (isReply(started)) return started
      const { input, loaded } = started
      const scratch = scratchReply()
      // With a session, node uses the session's tenant (docs/RECIPES.md §1.1).
      const tenantId = loaded?.verified.session.tenantId ?? ctx.tenantId
      const record = optionsList().find((item) => item.id === input.optionsId && item.tenantId === tenantId)
      if (record === undefined) return status('OPTIONS_NOT_FOUND_ERROR')
      const email = record.email ?? ''
      if (loaded !== undefined) {
        const denied = kit.mfa!.checkSetup(scratch, loaded.verified, loaded.user, 'webauthn')
        if (denied !== undefined) return withSessionHeaders(denied, scratch)
      } else if (webauthnUser(email, tenantId) !== undefined) {
        return status('EMAIL_ALREADY_EXISTS_ERROR')
      }
      const usable = findOptions(input.optionsId, tenantId, 'register')
      if (typeof usable === 'string') return status(usable)
      const result = await register(input.credential, usable)
      if (!result.ok) return registrationFailure(result)
      spend(usable)
      if (loaded !== undefined) {
        // The passkey joins the session user (node: a new WebAuthn login method linked to it).
        storeCredential(loaded.user.id, usable, result)
        const reply = status('OK', { user: userJson(loaded.user, ctx.request, idsOf(loaded.user)) })
        return finishAuth(ctx, reply, loaded.user, loaded, scratch)
      }
      const handle = base64Decode(usable.userHandle ?? '')
      const user: MockUser = {
        id: handle === undefined || handle.length === 0 ? randomUuid() : fromUtf8(handle),
        email,
        passwordHash: '',
        recipeId: 'webauthn',
        timeJoined: now(),
        // Sign-up proves nothing about the email; recovery (or email verification) does (docs/RECIPES.md §5.2).
        verified: false,
        tenantIds: [tenantId],
        fields: {},
      }
      store.state.users.push(user)
      storeCredential(user.id, usable, result)
      // node 24 answers sign-up without `createdNewRecipeUser` (docs/RECIPES.md §5.1).
      return finishAuth(ctx, status('OK', { user: userJson(user, ctx.request, idsOf(user)) }), user, undefined, scratch)
    },

    async signIn(ctx: Ctx): Promise<Reply> {
      const started = await startAuth(ctx)
      if (isReply(started)) return started
      const { input, loaded } = started
      // Every failure reads the same, so a caller learns nothing about which passkeys exist (§5.1).
      const invalid = () => status('INVALID_CREDENTIALS_ERROR')
      const tenantId = loaded?.verified.session.tenantId ?? ctx.tenantId
      const record = findOptions(input.optionsId, tenantId, 'signin')
      if (typeof record === 'string') return invalid()
      const id = (input.credential as { id?: unknown }).id
      const stored = credentials().find((item) => item.id === id)
      const user = stored === undefined ? undefined : store.findUser(stored.userId)
      if (stored === undefined || user === undefined || stored.rpId !== record.rpId) return invalid()
      if (loaded === undefined && !user.tenantIds.includes(tenantId)) return invalid()
      // One verification per sign-in: node ≤ 24.0.2 verified twice and tripped counter checks (docs/RECIPES.md §5.2).
      const result = await verifyAssertion(input.credential, expected(record), stored, stored.signCount)
      if (!result.ok) return invalid()
      if (result.userHandle !== undefined && result.userHandle !== stored.userHandle) return invalid()
      stored.signCount = result.signCount
      spend(record)
      // A passkey of another account cannot complete this session's factor (node: linking fails).
      if (loaded !== undefined && stored.userId !== loaded.user.id) {
        return status('SIGN_IN_NOT_ALLOWED', { reason: SIGN_IN_LINKING_FAILED })
      }
      const reply = status('OK', { user: userJson(user, ctx.request, idsOf(user)) })
      return finishAuth(ctx, reply, user, loaded, scratchReply())
    },

    emailExists(ctx: Ctx): Reply {
      const value = ctx.url.searchParams.get('email')
      if (value === null) return badInput('Please provide the email as a GET param')
      return status('OK', { exists: webauthnUser(normaliseEmail(value), ctx.tenantId) !== undefined })
    },

    async recoverToken(ctx: Ctx): Promise<Reply> {
      const body = await readBody(ctx.request)
      if (isReply(body)) return body
      if (typeof body['email'] !== 'string') return badInput('Please provide the email')
      const user = webauthnUser(normaliseEmail(body['email']), ctx.tenantId)
      // The same answer for unknown emails: no enumeration (§5.1, WA-9).
      if (user !== undefined) kit.emails('webauthn-recovery', user, ctx.tenantId, RECOVER_TOKEN_LIFETIME_MS)
      return status('OK')
    },

    async recoverAccount(ctx: Ctx): Promise<Reply> {
      const input = await readCeremony(ctx)
      if (isReply(input)) return input
      const { token } = input.body
      if (token === undefined) return badInput('Please provide the recover account token')
      if (typeof token !== 'string') return badInput('The recover account token must be a string')
      const tokens = store.state.webauthnRecoverTokens ?? []
      const found = findOneTimeToken(tokens, token, now())
      if (found === undefined || found.tenantId !== ctx.tenantId) return status('RECOVER_ACCOUNT_TOKEN_INVALID_ERROR')
      // The core consumes the token before it looks at the credential: a failed ceremony needs a new email.
      store.state.webauthnRecoverTokens = tokens.filter((item) => item !== found)
      const user = store.findUser(found.userId)
      if (user === undefined) return status('RECOVER_ACCOUNT_TOKEN_INVALID_ERROR')
      const record = findOptions(input.optionsId, ctx.tenantId, 'register')
      if (typeof record === 'string') return status(record)
      const result = await register(input.credential, record)
      if (!result.ok) return registrationFailure(result)
      spend(record)
      storeCredential(user.id, record, result)
      // Using the emailed link proves the address (§5.1). No session: the user signs in next.
      user.verified = true
      return status('OK')
    },

    listCredentials(ctx: Ctx): Reply {
      const loaded = requireSession(ctx)
      if (isReply(loaded)) return loaded
      return status('OK', {
        credentials: credentials()
          .filter((item) => item.userId === loaded.user.id)
          .map((item) => ({
            recipeUserId: item.userId,
            webauthnCredentialId: item.id,
            relyingPartyId: item.rpId,
            createdAt: item.createdAt,
          })),
      })
    },

    async addCredential(ctx: Ctx): Promise<Reply> {
      const loaded = requireSession(ctx)
      if (isReply(loaded)) return loaded
      const input = await readCeremony(ctx)
      if (isReply(input)) return input
      const { recipeUserId } = input.body
      if (typeof recipeUserId !== 'string') return badInput('Please provide the recipeUserId')
      const { user } = loaded
      const scratch = scratchReply()
      const denied = kit.mfa?.checkSetup(scratch, loaded.verified, user, 'webauthn')
      if (denied !== undefined) return withSessionHeaders(denied, scratch)
      // Only a WebAuthn login method of the session user takes new passkeys.
      if (user.id !== recipeUserId || !hasRecipe(user, 'webauthn')) {
        return withSessionHeaders(status('GENERAL_ERROR', { message: 'User not found' }), scratch)
      }
      const answer = async (): Promise<Reply> => {
        // The path tenant finds the options (§5.1).
        const record = optionsList().find((item) => item.id === input.optionsId && item.tenantId === ctx.tenantId)
        if (record === undefined) return status('OPTIONS_NOT_FOUND_ERROR')
        if (record.email !== user.email) return status('GENERAL_ERROR', { message: 'Email mismatch' })
        const usable = findOptions(record.id, ctx.tenantId, 'register')
        if (typeof usable === 'string') return status(usable)
        const result = await register(input.credential, usable)
        if (!result.ok) return status('REGISTER_CREDENTIAL_NOT_ALLOWED', { reason: REGISTER_NOT_ALLOWED[result.kind] })
        spend(usable)
        storeCredential(user.id, usable, result)
        return status('OK')
      }
      return withSessionHeaders(await answer(), scratch)
    },

    async removeCredential(ctx: Ctx): Promise<Reply> {
      const loaded = requireSession(ctx)
      if (isReply(loaded)) return loaded
      const body = await readBody(ctx.request)
      if (isReply(body)) return body
      const id = body['webauthnCredentialId']
      if (typeof id !== 'string' || id === '') return badInput('A valid webauthnCredentialId is required')
      const scratch = scratchReply()
      const denied = kit.mfa?.checkComplete(scratch, loaded.verified, loaded.user)
      if (denied !== undefined) return withSessionHeaders(denied, scratch)
      const stored = credentials().find((item) => item.id === id && item.userId === loaded.user.id)
      // node looks the id up among the session user's login methods first: an unknown id reads "User not found".
      if (stored === undefined)
        return withSessionHeaders(status('GENERAL_ERROR', { message: 'User not found' }), scratch)
      store.state.webauthnCredentials = credentials().filter((item) => item !== stored)
      return withSessionHeaders(status('OK'), scratch)
    },
  }
}
