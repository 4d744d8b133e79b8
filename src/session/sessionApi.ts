import type { InternalConfig } from '../client/config'
import { authError, isAuthError } from '../client/errors'
import type { AuthError } from '../client/errors'
import type { AuthEvent, ClaimValidationError, LockManager, SessionApi } from '../client/types'
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
 * `fetchIsVerified` is `GET /user/email/verify`, which updates the claim through the response's front token.
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
  fetchIsVerified: () => Promise<boolean>,
): SessionApi {
  /**
   * Runs the refresh procedure; a failure is thrown when `strict`, and reported to the store again unless `report` is
   * false. True when a session remains.
   */
  const runRefresh = async (state: LocalState, strict?: boolean, report = true): Promise<boolean> => {
    const { retry, error } = await interceptor.refreshSession(state)
    if (error) {
      if (report) onError(error)
      if (strict) throw error
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

  const runClaimValidation = async (): Promise<ClaimValidationError[]> => {
    let errors: ClaimValidationError[] = []
    if (config.emailVerification !== 'off') {
      try {
        const payload = await lock.request(CLAIM_REFRESH_LOCK, async () => {
          const current = await getAccessTokenPayload()
          if (!shouldRefreshEmailVerified(current, local.now())) return current
          // docs/PROTOCOL.md §5.9: a failed claim refresh is not fatal; validate what we have.
          await fetchIsVerified().catch((error: unknown) => onError(isAuthError(error) ? error : undefined))
          return getAccessTokenPayload()
        })
        errors = validateEmailVerified(payload)
      } catch (error) {
        // No session: no claim can fail.
        if (!isAuthError(error) || error.kind !== 'session') throw error
      }
      onInvalidClaims(errors)
    }
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
    validateClaims() {
      claimsInFlight ??= runClaimValidation().finally(() => {
        claimsInFlight = undefined
      })
      return claimsInFlight
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
export function validateEmailVerified(payload: Record<string, unknown>): ClaimValidationError[] {
  const actualValue = claimValue(payload)?.v
  if (actualValue === true) return []
  const message = actualValue === undefined ? 'value does not exist' : 'wrong value'
  return [{ id: EMAIL_VERIFICATION_CLAIM, reason: { message, expectedValue: true, actualValue } }]
}
