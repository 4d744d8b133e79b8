import type { InternalConfig } from '../client/config'
import { authError, isAuthError } from '../client/errors'
import type { AuthError } from '../client/errors'
import type {
  AuthEvent,
  ClaimValidationError,
  ClaimValidationResult,
  ClaimValidator,
  LockManager,
  SessionApi,
  ValidateClaimsOptions,
} from '../client/types'
import { claimErrorsIn, wasUnmounted } from './interceptor'
import type { Interceptor } from './interceptor'
import type { LocalSession, LocalState } from './state'
import {
  CLAIM_REFRESH_LOCK,
  EMAIL_VERIFICATION_CLAIM,
  FDI_VERSION,
  FDI_VERSION_HEADER,
  RID_HEADER,
  SESSION_RID,
} from '../client/wire'

/**
 * The session calls. `publish` delivers events; `settle(exists)` settles the store's status after a check;
 * `validators` are the global claim validators (docs/ARCHITECTURE.md "Claims").
 */
export function createSessionApi(
  config: InternalConfig,
  local: LocalSession,
  interceptor: Interceptor,
  lock: LockManager,
  publish: (events: AuthEvent[], changed: boolean) => void,
  onError: (error: AuthError | undefined) => void,
  onInvalidClaims: (errors: ClaimValidationError[]) => void,
  settle: (exists: boolean) => void,
  validators: readonly ClaimValidator[],
): SessionApi {
  /**
   * Runs the refresh procedure; a failure is thrown when `strict` (an unmount's abort always is), and reported to the
   * store again unless `report` is false. True when a session remains.
   */
  const runRefresh = async (state: LocalState, strict?: boolean, report = true): Promise<boolean> => {
    const { retry, error } = await interceptor.refreshSession(state)
    if (error) {
      if (report) onError(error)
      if (strict || wasUnmounted(error)) throw error
    }
    return !!retry
  }

  /** docs/PROTOCOL.md §5.2 "localState(true)": `MAY_EXIST` is resolved by one refresh attempt. */
  const readState = async (strict?: boolean): Promise<LocalState> => {
    const state = local.read()
    if (state.status === 'MAY_EXIST') await runRefresh(state, strict)
    return local.read()
  }

  /** The state of an existing session; throws the `AuthError` for "no session". */
  const sessionState = async () => {
    const state = await readState()
    if (state.status !== 'EXISTS') throw authError('session', 'No session: sign in first.')
    return state
  }

  const isExpired = (state: LocalState & { status: 'EXISTS' }) => state.frontToken.ate < local.now()

  const exists = async (): Promise<boolean> => {
    const state = await readState()
    // A failing refresh endpoint yields false without clearing the local session (docs/PROTOCOL.md §5.8).
    const result = state.status === 'EXISTS' && (!isExpired(state) || (await runRefresh(state)))
    settle(result)
    return result
  }

  const getAccessTokenPayload = async (): Promise<Record<string, unknown>> => {
    const state = await sessionState()
    if (!isExpired(state)) return state.frontToken.up
    const retry = await runRefresh(state, true, false)
    const after = local.read()
    if (!retry || after.status !== 'EXISTS') throw authError('session', 'Session expired, refresh failed.')
    return after.frontToken.up
  }

  let claimsInFlight: Promise<ClaimValidationError[]> | undefined

  /** Reads the payload, refreshing the claim first when the validator asks; one claim refresh at a time per page. */
  const payloadFor = (validator: ClaimValidator) =>
    lock.request(CLAIM_REFRESH_LOCK, async () => {
      const current = await getAccessTokenPayload()
      if (!validator.refresh || !validator.shouldRefresh?.(current, local.now())) return current
      // docs/PROTOCOL.md §5.9: a failed claim refresh is not fatal; validate what we have.
      await validator.refresh().catch((error: unknown) => onError(isAuthError(error) ? error : undefined))
      return getAccessTokenPayload()
    })

  const runClaimValidation = async (chosen: readonly ClaimValidator[], report: boolean) => {
    const errors: ClaimValidationError[] = []
    if (chosen.length === 0) return errors
    try {
      for (const validator of chosen) {
        const result = validator.validate(await payloadFor(validator), local.now())
        if (!result.isValid) errors.push({ id: validator.id, reason: result.reason })
      }
    } catch (error) {
      // No session: no claim can fail.
      if (!isAuthError(error) || error.kind !== 'session') throw error
      errors.length = 0
    }
    if (report) onInvalidClaims(errors)
    return errors
  }

  const signOut = async (): Promise<void> => {
    // Only a known absence of a session short-circuits: a probe that fails rejects, it is not "signed out". An
    // expired access token is refreshed by doFetch first, and a failure there fails the sign-out too.
    if ((await readState(true)).status !== 'EXISTS') return publish([{ type: 'SIGN_OUT' }], false)
    const response = await interceptor.doFetch(config.apiBase + '/signout', {
      method: 'POST',
      headers: { [RID_HEADER]: SESSION_RID, [FDI_VERSION_HEADER]: FDI_VERSION },
    })
    const status = response.status
    // The interceptor already saw the 401 and fired the events; the session is gone either way.
    if (status === config.sessionExpiredStatusCode) return
    if (status > 299) throw authError(status > 499 ? 'server' : 'protocol', `/signout: HTTP ${status}.`, response)
    const body = (await response
      .clone()
      .json()
      .catch(() => {})) as { status?: unknown; message?: unknown } | undefined
    if (body?.status === 'GENERAL_ERROR') {
      throw authError('server', typeof body.message === 'string' ? body.message : '/signout: GENERAL_ERROR', response)
    }
  }

  return {
    exists,
    getUserId: async () => (await sessionState()).frontToken.uid,
    getAccessTokenPayload,
    async getAccessToken() {
      if (!(await exists())) return undefined
      return local.read().accessToken
    },
    async refresh() {
      const retry = await runRefresh(local.read(), true, false)
      settle(retry)
      return retry
    },
    signOut,
    validateClaims(options?: ValidateClaimsOptions) {
      // A per-call choice is the caller's question: it neither shares the global run nor rewrites the store.
      if (options?.validators) return runClaimValidation(options.validators(validators), false)
      claimsInFlight ??= runClaimValidation(validators, true).finally(() => {
        claimsInFlight = undefined
      })
      return claimsInFlight
    },
    getClaimValidators: () => validators,
    getClaimValue: async (claim) => claim.getValueFromPayload(await getAccessTokenPayload()),
    async getInvalidClaimsFromResponse(response) {
      try {
        const body: unknown = 'clone' in response ? await response.clone().json() : response.data
        // axios hands over the raw text when the response was not served as JSON.
        return claimErrorsIn(typeof body === 'string' ? JSON.parse(body) : body) ?? []
      } catch {
        return []
      }
    },
  }
}

function claimValue(payload: Record<string, unknown>): { v?: unknown; t?: unknown } | undefined {
  const claim = payload[EMAIL_VERIFICATION_CLAIM]
  return claim !== null && typeof claim === 'object' ? claim : undefined
}

/** `EmailVerificationClaim.isVerified(10)`'s `shouldRefresh`: missing, or false and older than 10 s. */
export function shouldRefreshEmailVerified(payload: Record<string, unknown>, now: number): boolean {
  const { v, t } = claimValue(payload) ?? {}
  return v === undefined || (v === false && (typeof t !== 'number' || now - t > 10_000))
}

/** `st-ev` must be `true`; the reason mirrors the backend validator's (docs/PROTOCOL.md §2.8). */
export function validateEmailVerified(payload: Record<string, unknown>): ClaimValidationResult {
  const actualValue = claimValue(payload)?.v
  if (actualValue === true) return { isValid: true }
  const message = actualValue === undefined ? 'value does not exist' : 'wrong value'
  return { isValid: false, reason: { message, expectedValue: true, actualValue } }
}

/** The `st-ev` validator the client adds when email verification is on; `refresh` is `GET /user/email/verify`. */
export function emailVerifiedValidator(refresh: () => Promise<unknown>): ClaimValidator {
  return {
    id: EMAIL_VERIFICATION_CLAIM,
    shouldRefresh: shouldRefreshEmailVerified,
    refresh,
    validate: validateEmailVerified,
  }
}
