/**
 * Claim classes with the official session SDK's names and semantics (docs/ARCHITECTURE.md "Claims",
 * docs/PROTOCOL.md §5.9): a claim reads `payload[id] = { v, t }` (`t`: when the backend last fetched the value, epoch
 * ms) and builds `ClaimValidator`s for `AuthConfig.claimValidators`, `validateClaims({ validators })` and a guard's
 * `claimValidators`. An app that imports none of this bundles none of it.
 *
 * The factories are plain functions returning plain objects; they also work with `new`, so code written for the
 * official SDK (`new PrimitiveArrayClaim<string>({ id, refresh })`) runs unchanged. `instanceof` does not.
 */
import { authError } from './client/errors'
import type { ClaimValidationResult, ClaimValidator, SessionClaim } from './client/types'
import { PERMISSION_CLAIM, USER_ROLE_CLAIM } from './client/wire'
import { SKEW_THRESHOLD } from './session/state'

/** Options shared by every claim factory. */
export interface ClaimConfig {
  /** The claim's key in the access token payload, e.g. `st-role`. Required. */
  id: string
  /**
   * Makes the backend write a fresh value into the access token, usually a call to one of the app's APIs that
   * re-fetches the claim (the new front token arrives with its response). Runs when a validator finds the value
   * missing or older than its `maxAgeInSeconds`; a rejection is not fatal: the validator judges what the payload
   * holds. Defaults to doing nothing.
   */
  refresh?: () => Promise<unknown>
  /** The `maxAgeInSeconds` of validators built without one. Defaults to undefined (any age is fine). */
  defaultMaxAgeInSeconds?: number
}

/**
 * Why a validator failed, as `ClaimValidationError.reason`. The shapes are the official SDK's (and the backend's, so a
 * 403 from the app's API reads the same): `expected` is `expectedValue` (primitive claims), `expectedToInclude`
 * (`includes`, `includesAll`), `expectedToNotInclude` (`excludes`, `excludesAll`) or `expectedToIncludeAtLeastOneOf`
 * (`includesAny`). `ageInSeconds` is `Infinity` when the payload has no `t`.
 */
export type ClaimFailureReason =
  | ({ message: 'value does not exist' | 'wrong value'; actualValue: unknown } & Record<string, unknown>)
  | { message: 'expired'; ageInSeconds: number; maxAgeInSeconds: number }

/** A claim holding one primitive value (a string, a number, a boolean). */
export interface PrimitiveClaim<TValue> extends SessionClaim<TValue> {
  readonly defaultMaxAgeInSeconds: number | undefined
  readonly validators: {
    /** Valid when the value is `value` (`===`) and, with `maxAgeInSeconds`, not older than that. */
    hasValue(value: TValue, maxAgeInSeconds?: number, id?: string): ClaimValidator
  }
}

/** A claim holding a boolean, e.g. "has a paid plan". */
export interface BooleanClaim extends PrimitiveClaim<boolean> {
  readonly validators: PrimitiveClaim<boolean>['validators'] & {
    /** `hasValue(true, maxAgeInSeconds)`. */
    isTrue(maxAgeInSeconds?: number, id?: string): ClaimValidator
    /** `hasValue(false, maxAgeInSeconds)`. */
    isFalse(maxAgeInSeconds?: number, id?: string): ClaimValidator
  }
}

/** A claim holding an array of primitives, e.g. roles or permissions. */
export interface PrimitiveArrayClaim<TValue> extends SessionClaim<TValue[]> {
  readonly defaultMaxAgeInSeconds: number | undefined
  readonly validators: {
    /** Valid when the array contains `value`. */
    includes(value: TValue, maxAgeInSeconds?: number, id?: string): ClaimValidator
    /** Valid when the array does not contain `value`. */
    excludes(value: TValue, maxAgeInSeconds?: number, id?: string): ClaimValidator
    /** Valid when the array contains every one of `values`. */
    includesAll(values: readonly TValue[], maxAgeInSeconds?: number, id?: string): ClaimValidator
    /** Valid when the array contains at least one of `values`. */
    includesAny(values: readonly TValue[], maxAgeInSeconds?: number, id?: string): ClaimValidator
    /** Valid when the array contains none of `values`. */
    excludesAll(values: readonly TValue[], maxAgeInSeconds?: number, id?: string): ClaimValidator
  }
}

/** `PrimitiveClaim<T>(config)`, also callable with `new`. */
export interface PrimitiveClaimFactory {
  <TValue>(config: ClaimConfig): PrimitiveClaim<TValue>
  new <TValue>(config: ClaimConfig): PrimitiveClaim<TValue>
}
/** `BooleanClaim(config)`, also callable with `new`. */
export interface BooleanClaimFactory {
  (config: ClaimConfig): BooleanClaim
  new (config: ClaimConfig): BooleanClaim
}
/** `PrimitiveArrayClaim<T>(config)`, also callable with `new`. */
export interface PrimitiveArrayClaimFactory {
  <TValue>(config: ClaimConfig): PrimitiveArrayClaim<TValue>
  new <TValue>(config: ClaimConfig): PrimitiveArrayClaim<TValue>
}

/** The `{ v, t }` entry of a claim, or undefined when the payload has none (or not an object). */
const entryOf = (payload: Record<string, unknown>, id: string) => {
  const entry = payload[id]
  return entry !== null && typeof entry === 'object' ? (entry as { v?: unknown; t?: unknown }) : undefined
}

/** The claim part every factory shares; `accept` filters what `getValueFromPayload` returns. */
function baseClaim<TValue>(config: ClaimConfig, accept: (value: unknown) => boolean) {
  const { id, refresh, defaultMaxAgeInSeconds } = config
  if (typeof id !== 'string' || id === '') throw authError('config', 'Claim: `id` must be a non-empty string.')
  checkMaxAge(defaultMaxAgeInSeconds)
  const claim: SessionClaim<TValue> & { readonly defaultMaxAgeInSeconds: number | undefined } = {
    id,
    defaultMaxAgeInSeconds,
    refresh: async () => {
      await refresh?.()
    },
    getValueFromPayload(payload) {
      const value = entryOf(payload, id)?.v
      return accept(value) ? (value as TValue) : undefined
    },
    getLastFetchedTime(payload) {
      const t = entryOf(payload, id)?.t
      return typeof t === 'number' ? t : undefined
    },
  }
  return claim
}

/**
 * docs/PROTOCOL.md §5.9: the client ignores clock skews below the threshold, so a shorter age cannot be judged (the
 * official SDK throws too).
 */
function checkMaxAge(maxAgeInSeconds: number | undefined) {
  if (maxAgeInSeconds === undefined || maxAgeInSeconds >= SKEW_THRESHOLD / 1000) return
  throw authError(
    'config',
    `Claim: maxAgeInSeconds must be at least ${SKEW_THRESHOLD / 1000} (the clock-skew threshold), got ${maxAgeInSeconds}.`,
  )
}

/**
 * One validator: missing → refresh, then "value does not exist"; older than `maxAgeInSeconds` → refresh, then
 * "expired"; otherwise `isMet` decides, else "wrong value". `expected` is merged into the value reasons.
 */
function validator<TValue>(
  claim: SessionClaim<TValue> & { readonly defaultMaxAgeInSeconds: number | undefined },
  maxAgeInSeconds: number | undefined,
  id: string | undefined,
  expected: Record<string, unknown>,
  isMet: (value: TValue) => boolean,
): ClaimValidator {
  const maxAge = maxAgeInSeconds ?? claim.defaultMaxAgeInSeconds
  checkMaxAge(maxAge)
  const ageOf = (payload: Record<string, unknown>, now: number) => {
    const t = claim.getLastFetchedTime(payload)
    return t === undefined ? Infinity : (now - t) / 1000
  }
  const fail = (reason: ClaimFailureReason): ClaimValidationResult => ({ isValid: false, reason })
  return {
    id: id ?? claim.id,
    shouldRefresh: (payload, now) =>
      claim.getValueFromPayload(payload) === undefined || (maxAge !== undefined && ageOf(payload, now) > maxAge),
    refresh: () => claim.refresh(),
    validate(payload, now) {
      const actualValue = claim.getValueFromPayload(payload)
      if (actualValue === undefined) return fail({ message: 'value does not exist', ...expected, actualValue })
      const ageInSeconds = ageOf(payload, now)
      if (maxAge !== undefined && ageInSeconds > maxAge) {
        return fail({ message: 'expired', ageInSeconds, maxAgeInSeconds: maxAge })
      }
      return isMet(actualValue) ? { isValid: true } : fail({ message: 'wrong value', ...expected, actualValue })
    },
  }
}

const isPrimitive = (value: unknown) => value !== undefined && (value === null || typeof value !== 'object')

function primitiveClaim<TValue>(config: ClaimConfig): PrimitiveClaim<TValue> {
  const claim = baseClaim<TValue>(config, isPrimitive)
  return {
    ...claim,
    validators: {
      hasValue: (value, maxAgeInSeconds, id) =>
        validator(claim, maxAgeInSeconds, id, { expectedValue: value }, (actual) => actual === value),
    },
  }
}

/**
 * A claim with one primitive value. The type parameter is the value's type, so `hasValue` accepts only those values.
 *
 * @example
 * const PlanClaim = PrimitiveClaim<'free' | 'pro'>({ id: 'plan', refresh: () => auth.doFetch('/api/plan/refresh') })
 * createAuthClient({ apiDomain, claimValidators: [PlanClaim.validators.hasValue('pro', 300)] })
 */
export const PrimitiveClaim = primitiveClaim as PrimitiveClaimFactory

/**
 * A claim with a boolean value: `isTrue()` / `isFalse()`.
 *
 * @example
 * const PaidClaim = BooleanClaim({ id: 'paid', refresh: () => auth.doFetch('/api/billing/refresh-claim') })
 * <SessionAuth claimValidators={(globals) => [...globals, PaidClaim.validators.isTrue(60)]}>…</SessionAuth>
 */
export const BooleanClaim = function booleanClaim(config: ClaimConfig): BooleanClaim {
  const claim = primitiveClaim<boolean>(config)
  const { hasValue } = claim.validators
  return {
    ...claim,
    validators: {
      hasValue,
      isTrue: (maxAgeInSeconds, id) => hasValue(true, maxAgeInSeconds, id),
      isFalse: (maxAgeInSeconds, id) => hasValue(false, maxAgeInSeconds, id),
    },
  }
} as BooleanClaimFactory

function primitiveArrayClaim<TValue>(config: ClaimConfig): PrimitiveArrayClaim<TValue> {
  const claim = baseClaim<TValue[]>(config, Array.isArray)
  const build = (
    key: string,
    expected: unknown,
    isMet: (actual: TValue[]) => boolean,
    maxAgeInSeconds: number | undefined,
    id: string | undefined,
  ) => validator(claim, maxAgeInSeconds, id, { [key]: expected }, isMet)
  return {
    ...claim,
    validators: {
      includes: (value, maxAge, id) => build('expectedToInclude', value, (a) => a.includes(value), maxAge, id),
      excludes: (value, maxAge, id) => build('expectedToNotInclude', value, (a) => !a.includes(value), maxAge, id),
      includesAll: (values, maxAge, id) =>
        build('expectedToInclude', values, (a) => values.every((v) => a.includes(v)), maxAge, id),
      includesAny: (values, maxAge, id) =>
        build('expectedToIncludeAtLeastOneOf', values, (a) => values.some((v) => a.includes(v)), maxAge, id),
      excludesAll: (values, maxAge, id) =>
        build('expectedToNotInclude', values, (a) => !values.some((v) => a.includes(v)), maxAge, id),
    },
  }
}

/**
 * A claim with an array of primitives: `includes`, `excludes`, `includesAll`, `includesAny`, `excludesAll`.
 *
 * @example
 * const TeamsClaim = PrimitiveArrayClaim<string>({ id: 'teams', refresh: () => auth.doFetch('/api/teams/refresh') })
 * const inTeam = TeamsClaim.validators.includesAny(['ops', 'dev'], 600)
 */
export const PrimitiveArrayClaim = primitiveArrayClaim as PrimitiveArrayClaimFactory

/**
 * The roles the backend's user-roles recipe writes (`st-role`). Its `refresh` does nothing, as in the official
 * SDK: the backend has no endpoint that re-fetches roles for the frontend, so a role granted after sign-in shows
 * once the backend writes the claim again (on a new session, or when the app's API merges it into the payload).
 * Give validators built from it no `maxAgeInSeconds`, or they fail as "expired" once the value ages.
 */
export const UserRoleClaim: PrimitiveArrayClaim<string> = /* @__PURE__ */ primitiveArrayClaim<string>({
  id: USER_ROLE_CLAIM,
})

/** The permissions of the user's roles, as the user-roles recipe writes them (`st-perm`); like `UserRoleClaim`. */
export const PermissionClaim: PrimitiveArrayClaim<string> = /* @__PURE__ */ primitiveArrayClaim<string>({
  id: PERMISSION_CLAIM,
})
