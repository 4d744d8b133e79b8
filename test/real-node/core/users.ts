/**
 * Users as the core models them since account linking: a user has login methods, each of one recipe (emailpassword,
 * thirdparty, passwordless, webauthn) with its own recipe user id, tenants and account info. This stand-in does no linking, so
 * every user has exactly one login method and its id is that method's recipe user id; the JSON still has the core's
 * multi-method shape, which node reads (`User.fromApi`). Email verification lives here too: it is keyed by recipe
 * user id and email, whatever the recipe.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Routes } from './types'

export type RecipeId = 'emailpassword' | 'thirdparty' | 'passwordless' | 'webauthn'

export interface LoginMethod {
  recipeId: RecipeId
  recipeUserId: string
  tenantIds: string[]
  timeJoined: number
  email?: string
  phoneNumber?: string
  thirdParty?: { id: string; userId: string }
  /** WebAuthn only: the ids of the method's passkeys (their keys live in core/webauthn.ts). */
  webauthn?: { credentialIds: string[] }
  /** Emailpassword only; stored as given (this core does not hash). */
  password?: string
}

export interface UserRecord {
  id: string
  loginMethods: LoginMethod[]
}

export type AccountInfo = Pick<LoginMethod, 'email' | 'phoneNumber' | 'thirdParty'> & { webauthnCredentialId?: string }

export function createUsers() {
  const users = new Map<string, UserRecord>()
  const verifiedEmails = new Set<string>()
  const emailVerificationTokens = new Map<string, { userId: string; email: string }>()

  const isVerified = (recipeUserId: string, email: string) => verifiedEmails.has(`${recipeUserId} ${email}`)
  const markVerified = (recipeUserId: string, email: string) => verifiedEmails.add(`${recipeUserId} ${email}`)
  const unique = <T>(values: (T | undefined)[]) => [...new Set(values.filter((value) => value !== undefined))]

  function json(user: UserRecord) {
    const methods = user.loginMethods
    return {
      id: user.id,
      isPrimaryUser: false,
      tenantIds: unique(methods.flatMap((lm) => lm.tenantIds)),
      emails: unique(methods.map((lm) => lm.email)),
      phoneNumbers: unique(methods.map((lm) => lm.phoneNumber)),
      thirdParty: methods.flatMap((lm) => (lm.thirdParty ? [lm.thirdParty] : [])),
      webauthn: { credentialIds: methods.flatMap((lm) => lm.webauthn?.credentialIds ?? []) },
      timeJoined: Math.min(...methods.map((lm) => lm.timeJoined)),
      loginMethods: methods.map(({ password: _password, ...lm }) => ({
        ...lm,
        // The core reads verification for the login method's email; a method without one is not verified.
        verified: lm.email !== undefined && isVerified(lm.recipeUserId, lm.email),
      })),
    }
  }

  /** A new user with one login method in `tenantId`; `id` when the core chose it earlier (WebAuthn's user handle). */
  function add(
    tenantId: string,
    recipeId: RecipeId,
    info: Omit<LoginMethod, 'recipeId' | 'recipeUserId' | 'tenantIds' | 'timeJoined'>,
    id: string = randomUUID(),
  ): UserRecord {
    const user = {
      id,
      loginMethods: [{ recipeId, recipeUserId: id, tenantIds: [tenantId], timeJoined: Date.now(), ...info }],
    }
    users.set(id, user)
    return user
  }

  /** The login method of `recipeId` in `tenantId` with this account info (every given field matches). */
  function find(tenantId: string, recipeId: RecipeId, info: AccountInfo) {
    for (const user of users.values()) {
      const lm = user.loginMethods.find(
        (method) => method.recipeId === recipeId && method.tenantIds.includes(tenantId) && matchesAll(method, info),
      )
      if (lm) return { user, loginMethod: lm }
    }
    return undefined
  }

  const matches = (lm: LoginMethod, info: AccountInfo) => [
    ...(info.email === undefined ? [] : [lm.email === info.email]),
    ...(info.phoneNumber === undefined ? [] : [lm.phoneNumber === info.phoneNumber]),
    ...(info.thirdParty === undefined
      ? []
      : [lm.thirdParty?.id === info.thirdParty.id && lm.thirdParty.userId === info.thirdParty.userId]),
    ...(info.webauthnCredentialId === undefined
      ? []
      : [lm.webauthn?.credentialIds.includes(info.webauthnCredentialId) === true]),
  ]
  const matchesAll = (lm: LoginMethod, info: AccountInfo) => matches(lm, info).every(Boolean)

  const routes: Routes = {
    'GET /user/id': ({ query }) => {
      const user = users.get(String(query.get('userId')))
      return { body: user ? { status: 'OK', user: json(user) } : { status: 'UNKNOWN_USER_ID_ERROR' } }
    },
    'GET /users/by-accountinfo': ({ tenantId, query }) => {
      const thirdPartyId = query.get('thirdPartyId')
      const info: AccountInfo = {
        email: query.get('email') ?? undefined,
        phoneNumber: query.get('phoneNumber') ?? undefined,
        thirdParty: thirdPartyId ? { id: thirdPartyId, userId: String(query.get('thirdPartyUserId')) } : undefined,
        webauthnCredentialId: query.get('webauthnCredentialId') ?? undefined,
      }
      // Without union, a user must match every given field (on some login method); with it, any one.
      const union = query.get('doUnionOfAccountInfo') === 'true'
      const found = [...users.values()].filter((user) => {
        const methods = user.loginMethods.filter((lm) => lm.tenantIds.includes(tenantId))
        const hits = methods.map((lm) => matches(lm, info))
        const fields = hits[0]?.length ?? 0
        const fieldHit = (i: number) => hits.some((hit) => hit[i])
        const indices = [...Array(fields).keys()]
        return fields > 0 && (union ? indices.some(fieldHit) : indices.every(fieldHit))
      })
      return { body: { status: 'OK', users: found.map(json) } }
    },
    'PUT /recipe/user': ({ body }) => {
      const lm = users.get(String(body.recipeUserId))?.loginMethods[0]
      if (!lm) return { body: { status: 'UNKNOWN_USER_ID_ERROR' } }
      if (typeof body.password === 'string') lm.password = body.password
      if (typeof body.email === 'string') lm.email = body.email
      if (typeof body.phoneNumber === 'string') lm.phoneNumber = body.phoneNumber
      return { body: { status: 'OK' } }
    },
    'POST /recipe/user/email/verify/token': ({ body }) => {
      const entry = { userId: String(body.userId), email: String(body.email) }
      if (isVerified(entry.userId, entry.email)) return { body: { status: 'EMAIL_ALREADY_VERIFIED_ERROR' } }
      const verifyToken = randomBytes(32).toString('base64url')
      emailVerificationTokens.set(verifyToken, entry)
      return { body: { status: 'OK', token: verifyToken } }
    },
    'POST /recipe/user/email/verify': ({ body }) => {
      const entry = emailVerificationTokens.get(String(body.token))
      if (!entry) return { body: { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' } }
      emailVerificationTokens.delete(String(body.token))
      markVerified(entry.userId, entry.email)
      return { body: { status: 'OK', ...entry } }
    },
    'GET /recipe/user/email/verify': ({ query }) => ({
      body: { status: 'OK', isVerified: isVerified(String(query.get('userId')), String(query.get('email'))) },
    }),
  }

  return { get: (id: string) => users.get(id), add, find, json, markVerified, routes }
}

export type Users = ReturnType<typeof createUsers>
