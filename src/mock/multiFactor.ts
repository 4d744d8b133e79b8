/**
 * MultiFactorAuth as supertokens-node computes it (docs/RECIPES.md §4.1–§4.3): the `st-mfa` claim, the requirements
 * (one of the user's and the tenant's required secondary factors), `mfa/info`'s factor lists and the setup rule.
 */
import { jsonReply } from './http'
import type { Reply } from './http'
import { enabledFactors } from './handlers/multitenancy'
import { loginMethodsOf } from './handlers/userJson'
import type { LoginMethod } from './handlers/userJson'
import type { ResolvedMockOptions } from './options'
import type { MockStore } from './store'
import type { TokenService, VerifiedAccess } from './tokenService'
import type { MockClaimValidator, MockUser } from './types'

export const MFA_CLAIM = 'st-mfa'

/** The `st-mfa` value: completed factors (id → time) and whether the requirements are met. No `t`, unlike `st-ev`. */
export interface MfaClaimValue {
  c: Record<string, number>
  v: boolean
}

const NOT_SATISFIED = { message: 'MFA requirement for auth is not satisfied' }
/** The setup rule's reasons are plain strings, unlike other claim failures (docs/RECIPES.md §4.3). */
const SETUP_NEEDS_COMPLETION = 'Completed factors in the session does not satisfy the MFA requirements for auth'
const SETUP_NOT_NEXT = 'Not allowed to setup factor that is not in the next set of unsatisfied factors'

/** node's `hasCompletedMFARequirementsForAuth()`: the check `protect()` adds when MultiFactorAuth is on. */
export const mfaClaim: MockClaimValidator = {
  id: MFA_CLAIM,
  validate(payload) {
    const claim = payload[MFA_CLAIM] as { v?: unknown } | undefined
    return claim?.v === true ? undefined : NOT_SATISFIED
  },
}

/** 403 `invalid claim` for `st-mfa` with this reason. */
export function mfaInvalid(reason: unknown = NOT_SATISFIED): Reply {
  return jsonReply(403, { message: 'invalid claim', claimValidationErrors: [{ id: MFA_CLAIM, reason }] })
}

/** A secondary factor another recipe of the mock offers (WebAuthn registers `webauthn`). */
export interface MockMfaFactor {
  id: string
  /** Whether the user can complete this factor already (e.g. has a passkey). */
  isSetUp(user: MockUser): boolean
  /** Emails usable for the factor, best first; omit for a factor `mfa/info` lists no emails for. */
  emails?(user: MockUser): string[]
}

/** What `mfa/info` reports and the setup rule decides on, for one session now. */
export interface MfaStatus {
  user: MockUser
  value: MfaClaimValue
  /** The next set of unsatisfied factors before filtering: empty when `v`. */
  nextGroup: string[]
  alreadySetup: string[]
  allowedToSetup: string[]
  /** `nextGroup` filtered to factors allowed to set up or already set up. */
  next: string[]
}

/** MultiFactorAuth for the recipes of the mock (`kit.mfa`). Every function is a no-op or `{}` when the recipe is off. */
export interface MultiFactor {
  readonly enabled: boolean
  /** Adds a secondary factor of another recipe (call it from that recipe's `routes(kit)`). */
  addFactor(factor: MockMfaFactor): void
  /** The claims a session created by this first factor starts with: `{ 'st-mfa': … }`, or `{}` when off. */
  firstFactorPayload(user: MockUser, tenantId: string, factorId: string): Record<string, unknown>
  /** `st-mfa` back-filled and recomputed for the session; written to `reply` (new access token) when it changed. */
  status(reply: Reply, verified: VerifiedAccess, user: MockUser): MfaStatus
  /** node's setup rule: the 403 for a factor the session may not set up now, else undefined. Refreshes the claim. */
  checkSetup(reply: Reply, verified: VerifiedAccess, user: MockUser, factorId: string): Reply | undefined
  /**
   * The 403 unless the session's `st-mfa` says the requirements are met (removing a verified device, …). A missing
   * claim is back-filled into `reply` first.
   */
  checkComplete(reply: Reply, verified: VerifiedAccess, user: MockUser): Reply | undefined
  /** Marks the factor completed in the existing session: a new access token and `front-token` on `reply`. */
  completeFactor(reply: Reply, verified: VerifiedAccess, user: MockUser, factorId: string): void
  /** Whether the user has the factor set up. */
  isSetUp(user: MockUser, factorId: string): boolean
  /** `mfa/info`'s `emails` and `phoneNumbers`: per factor, the user's contacts usable for it. */
  contacts(user: MockUser): { emails: Record<string, string[]>; phoneNumbers: Record<string, string[]> }
}

/** The factor a session's only login method stands for, as node back-fills it for sessions older than MFA. */
function factorOf(method: LoginMethod | undefined): string | undefined {
  if (method === undefined) return undefined
  if (method.recipeId === 'passwordless') return method.email !== undefined ? 'otp-email' : 'otp-phone'
  return method.recipeId
}

export function createMultiFactor(store: MockStore, options: ResolvedMockOptions, tokens: TokenService): MultiFactor {
  const config = options.multiFactor
  const extra: MockMfaFactor[] = []
  const passwordlessFactors = enabledFactors(options).filter((factor) => /^(otp|link)-/.test(factor))
  const now = options.now

  /** Secondary factors of the initialised recipes, in a fixed order. */
  const available = (): string[] => [
    'emailpassword',
    ...passwordlessFactors,
    ...(config?.totpIssuer !== undefined ? ['totp'] : []),
    ...extra.map((factor) => factor.id),
  ]

  const required = (user: MockUser): string[] => {
    const overrides = store.state.mfaRequired
    const forUser = overrides?.users?.[user.id] ?? config?.usersRequiring[user.email] ?? []
    const forTenant = overrides?.all ?? config?.requiredSecondaryFactors ?? []
    return [...new Set([...forUser, ...forTenant])]
  }

  const isSetUp = (user: MockUser, factorId: string): boolean => {
    const methods = loginMethodsOf(user)
    const channel = /^(otp|link)-(email|phone)$/.exec(factorId)?.[2]
    if (channel !== undefined) {
      return (
        passwordlessFactors.includes(factorId) &&
        methods.some(
          (method) =>
            method.recipeId === 'passwordless' &&
            (channel === 'email' ? method.email !== undefined : method.phoneNumber !== undefined),
        )
      )
    }
    if (factorId === 'totp') {
      return (
        config?.totpIssuer !== undefined &&
        (store.state.totpDevices ?? []).some((device) => device.userId === user.id && device.verified)
      )
    }
    const other = extra.find((factor) => factor.id === factorId)
    if (other !== undefined) return other.isSetUp(user)
    return methods.some((method) => method.recipeId === factorId)
  }

  const alreadySetup = (user: MockUser): string[] =>
    ['emailpassword', 'thirdparty', ...available().filter((id) => id !== 'emailpassword')].filter((id) =>
      isSetUp(user, id),
    )

  const valueFor = (user: MockUser, c: Record<string, number>): MfaClaimValue => {
    const oneOf = required(user)
    return { c, v: oneOf.length === 0 || oneOf.some((factor) => factor in c) }
  }

  /** The `c` of the token, or node's back-fill: the session's first factor at its creation time, in ms (sic). */
  const completedOf = (verified: VerifiedAccess, user: MockUser): Record<string, number> => {
    const claim = verified.payload[MFA_CLAIM] as MfaClaimValue | undefined
    if (claim !== undefined && typeof claim.c === 'object' && claim.c !== null) return { ...claim.c }
    const factor = factorOf(loginMethodsOf(user).find((method) => method.recipeUserId === verified.session.userId))
    return factor === undefined ? {} : { [factor]: verified.session.createdAt }
  }

  const write = (reply: Reply, verified: VerifiedAccess, value: MfaClaimValue) => {
    if (JSON.stringify(verified.payload[MFA_CLAIM]) === JSON.stringify(value)) return
    // One access token per answer: an earlier rewrite in this request is replaced, not appended.
    reply.headers.delete('Set-Cookie')
    verified.payload = tokens.updateClaims(reply, verified, { [MFA_CLAIM]: value })
  }

  const refusal = (current: MfaStatus, factorId: string): string | undefined => {
    if (current.value.v) return undefined
    if (current.nextGroup.some((factor) => current.alreadySetup.includes(factor))) return SETUP_NEEDS_COMPLETION
    return current.nextGroup.includes(factorId) ? undefined : SETUP_NOT_NEXT
  }

  const status = (reply: Reply, verified: VerifiedAccess, user: MockUser): MfaStatus => {
    const value = valueFor(user, completedOf(verified, user))
    write(reply, verified, value)
    const current: MfaStatus = {
      user,
      value,
      nextGroup: value.v ? [] : required(user),
      alreadySetup: alreadySetup(user),
      allowedToSetup: [],
      next: [],
    }
    current.allowedToSetup = available().filter((factor) => refusal(current, factor) === undefined)
    current.next = current.nextGroup.filter(
      (factor) => current.allowedToSetup.includes(factor) || current.alreadySetup.includes(factor),
    )
    return current
  }

  const contacts = (user: MockUser) => {
    const emails: Record<string, string[]> = {}
    const phoneNumbers: Record<string, string[]> = {}
    for (const factor of available()) {
      if (factor === 'emailpassword') emails[factor] = contactsFor(user, 'email', 'emailpassword')
      else if (factor.endsWith('-email')) emails[factor] = contactsFor(user, 'email', 'passwordless')
      else if (factor.endsWith('-phone')) phoneNumbers[factor] = contactsFor(user, 'phoneNumber', 'passwordless')
    }
    for (const factor of extra) if (factor.emails !== undefined) emails[factor.id] = factor.emails(user)
    return { emails, phoneNumbers }
  }

  return {
    enabled: config !== undefined,
    addFactor(factor) {
      extra.push(factor)
    },
    firstFactorPayload(user, _tenantId, factorId) {
      if (config === undefined) return {}
      return { [MFA_CLAIM]: valueFor(user, { [factorId]: Math.floor(now() / 1000) }) }
    },
    status,
    checkSetup(reply, verified, user, factorId) {
      if (config === undefined) return undefined
      const reason = refusal(status(reply, verified, user), factorId)
      return reason === undefined ? undefined : mfaInvalid(reason)
    },
    checkComplete(reply, verified, user) {
      if (config === undefined) return undefined
      // Like node's validator: the stored value counts; only a missing one is fetched.
      if (verified.payload[MFA_CLAIM] === undefined) status(reply, verified, user)
      return mfaClaim.validate(verified.payload) === undefined ? undefined : mfaInvalid()
    },
    completeFactor(reply, verified, user, factorId) {
      if (config === undefined) return
      const c = { ...completedOf(verified, user), [factorId]: Math.floor(now() / 1000) }
      write(reply, verified, valueFor(user, c))
    },
    isSetUp,
    contacts,
  }
}

/** The contact infos of the user usable for a factor, best first (`mfa/info`'s `emails` and `phoneNumbers`). */
export function contactsFor(user: MockUser, kind: 'email' | 'phoneNumber', recipeId: LoginMethod['recipeId']) {
  const methods = loginMethodsOf(user)
  const of = (list: LoginMethod[]) => [
    ...new Set(list.map((method) => method[kind]).filter((value): value is string => value !== undefined)),
  ]
  // The recipe's own login methods first; a user without one may set the factor up with any contact it has.
  const own = of(methods.filter((method) => method.recipeId === recipeId))
  return own.length > 0 ? own : of(methods)
}
