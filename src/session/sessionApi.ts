import type { InternalConfig } from '../client/config'
import { AuthError, isAuthError } from '../client/errors'
import type { AuthEvent, ClaimValidationError, LockManager, SessionApi } from '../client/types'
import { FDI_VERSION } from './interceptor'
import type { Interceptor } from './interceptor'
import { noSession } from './state'
import type { LocalSession, LocalState } from './state'

/** The email verification claim (protocol.md §5.9): `st-ev` must be true; a false value is refetched after 10 s. */
export const EMAIL_VERIFICATION_CLAIM = 'st-ev'
const REFETCH_FALSE_AFTER_MS = 10_000
const CLAIM_LOCK = 'authfront-claim-refresh'

export interface SessionApiDeps {
  config: InternalConfig
  local: LocalSession
  interceptor: Interceptor
  lock: LockManager
  publish(events: AuthEvent[], changed: boolean): void
  /** Settle the store's status after a check (signedIn / signedOut). */
  settle(exists: boolean): void
  onInvalidClaims(errors: ClaimValidationError[]): void
  onError(error: AuthError | undefined): void
  /** `GET /user/email/verify`; updates the claim through the response's front token. */
  fetchIsVerified(): Promise<boolean>
}

export function createSessionApi(
  deps: SessionApiDeps,
): SessionApi & { readState(tryRefresh: boolean): Promise<LocalState> } {
  const { config, local, interceptor } = deps

  /** protocol.md §5.2 "localState(tryRefresh)": `MAY_EXIST` is resolved by one refresh attempt. */
  const readState = async (tryRefresh: boolean): Promise<LocalState> => {
    const state = local.read().state
    if (state.status !== 'MAY_EXIST' || !tryRefresh) return state
    const outcome = await interceptor.refreshSession(state)
    if (outcome.result === 'API_ERROR') deps.onError(outcome.error)
    const after = local.read().state
    return after.status === 'MAY_EXIST' ? { status: 'NOT_EXISTS', stamp: '' } : after
  }

  const isExpired = (state: LocalState & { status: 'EXISTS' }) => state.frontToken.ate < local.now()

  const exists = async (): Promise<boolean> => {
    const state = await readState(true)
    let result = false
    if (state.status === 'EXISTS') {
      if (!isExpired(state)) result = true
      else {
        const outcome = await interceptor.refreshSession(state)
        if (outcome.result === 'API_ERROR') deps.onError(outcome.error)
        // A failing refresh endpoint yields false without clearing the local session (protocol.md §5.8).
        result = outcome.result === 'RETRY'
      }
    }
    deps.settle(result)
    return result
  }

  const getAccessTokenPayload = async (): Promise<Record<string, unknown>> => {
    const state = await readState(true)
    if (state.status !== 'EXISTS') return noSession()
    if (!isExpired(state)) return state.frontToken.up
    const outcome = await interceptor.refreshSession(state)
    if (outcome.result === 'API_ERROR') throw outcome.error
    const after = local.read().state
    if (outcome.result !== 'RETRY' || after.status !== 'EXISTS') {
      throw new AuthError('session', 'The session expired and could not be refreshed.')
    }
    return after.frontToken.up
  }

  let claimsInFlight: Promise<ClaimValidationError[]> | undefined

  const runClaimValidation = async (): Promise<ClaimValidationError[]> => {
    if (config.emailVerification === 'off') return []
    let payload: Record<string, unknown>
    try {
      payload = await deps.lock.request(CLAIM_LOCK, async () => {
        const current = await getAccessTokenPayload()
        if (shouldRefreshEmailVerified(current, local.now())) {
          try {
            await deps.fetchIsVerified()
          } catch (error) {
            // protocol.md §5.9: a failed claim refresh is not fatal; validate what we have.
            deps.onError(isAuthError(error) ? error : undefined)
          }
          return getAccessTokenPayload()
        }
        return current
      })
    } catch (error) {
      if (isAuthError(error) && error.kind === 'session') {
        deps.onInvalidClaims([])
        return []
      }
      throw error
    }
    const errors = validateEmailVerified(payload)
    deps.onInvalidClaims(errors)
    return errors
  }

  const signOut = async (): Promise<void> => {
    if (!(await exists())) {
      deps.publish([{ type: 'SIGN_OUT' }], false)
      return
    }
    const response = await interceptor.doFetch(config.signOutUrl, {
      method: 'POST',
      headers: { rid: 'session', 'fdi-version': FDI_VERSION },
    })
    // The interceptor already saw the 401 and fired the events; the session is gone either way.
    if (response.status === config.sessionExpiredStatusCode) return
    if (response.status >= 300) {
      throw new AuthError(
        response.status >= 500 ? 'server' : 'protocol',
        `Sign-out failed with HTTP ${response.status}.`,
        { response },
      )
    }
    let body: unknown
    try {
      body = await response.clone().json()
    } catch {
      body = undefined
    }
    const record = body as { status?: unknown; message?: unknown } | undefined
    if (record?.status === 'GENERAL_ERROR') {
      throw new AuthError('server', typeof record.message === 'string' ? record.message : 'Sign-out failed.', {
        response,
      })
    }
  }

  return {
    readState,
    exists,
    async getUserId() {
      const state = await readState(true)
      if (state.status !== 'EXISTS') return noSession()
      return state.frontToken.uid
    },
    getAccessTokenPayload,
    async getAccessToken() {
      if (!(await exists())) return undefined
      return local.read().accessToken
    },
    async refresh() {
      const outcome = await interceptor.refreshSession(local.read().state)
      if (outcome.result === 'API_ERROR') throw outcome.error
      const result = outcome.result === 'RETRY'
      deps.settle(result)
      return result
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

function claimValue(payload: Record<string, unknown>): { v: unknown; t: unknown } | undefined {
  const claim = payload[EMAIL_VERIFICATION_CLAIM]
  if (claim === null || typeof claim !== 'object') return undefined
  return claim as { v: unknown; t: unknown }
}

/** `EmailVerificationClaim.isVerified(10)`'s `shouldRefresh`: missing, or false and older than 10 s. */
export function shouldRefreshEmailVerified(payload: Record<string, unknown>, now: number): boolean {
  const claim = claimValue(payload)
  if (claim === undefined || claim.v === undefined) return true
  if (claim.v === false) return typeof claim.t !== 'number' || now - claim.t > REFETCH_FALSE_AFTER_MS
  return false
}

/** `st-ev` must be `true`; the reason mirrors the backend validator's (protocol.md §2.8). */
export function validateEmailVerified(payload: Record<string, unknown>): ClaimValidationError[] {
  const claim = claimValue(payload)
  if (claim?.v === true) return []
  if (claim === undefined || claim.v === undefined) {
    return [
      {
        id: EMAIL_VERIFICATION_CLAIM,
        reason: { message: 'value does not exist', expectedValue: true, actualValue: undefined },
      },
    ]
  }
  return [
    { id: EMAIL_VERIFICATION_CLAIM, reason: { message: 'wrong value', expectedValue: true, actualValue: claim.v } },
  ]
}
