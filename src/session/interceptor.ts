import type { InternalConfig } from '../client/config'
import { AuthError, isAuthError } from '../client/errors'
import type { AuthEvent, ClaimValidationError, Platform, ResolvedAuthConfig } from '../client/types'
import type { LocalSession, LocalState } from './state'

/** The FDI versions this client speaks (protocol.md §0): the backend answers with the largest one. */
export const FDI_VERSION = '3.1,4.0,4.1,4.2'

/**
 * Per-request opt-out: a request carrying this header (any value) is sent without interception, and the header
 * is removed before sending. Works through the global fetch patch too, where no extra init option can travel.
 */
export const SKIP_INTERCEPTION_HEADER = 'x-authfront-skip'

const REFRESH_LOCK = 'authfront-refresh-session'

/** Result of the refresh procedure (protocol.md §5.7). */
export type RefreshOutcome =
  | { result: 'RETRY' }
  | { result: 'SESSION_EXPIRED'; response?: Response }
  | { result: 'API_ERROR'; error: AuthError; response?: Response }

export interface InterceptorOptions {
  /**
   * Do not run the `MAY_EXIST` probe refresh before sending (protocol.md §5.2). Used by calls that never need a
   * session (sign-in/up, password reset), so a fresh browser signs in with one request instead of two.
   */
  skipProbe?: boolean
}

export interface Interceptor {
  doFetch(input: RequestInfo | URL, init?: RequestInit, options?: InterceptorOptions): Promise<Response>
  /** The refresh procedure, single-flight per tab and locked across tabs. */
  refreshSession(pre: LocalState): Promise<RefreshOutcome>
  shouldIntercept(url: string): boolean
}

export interface InterceptorDeps {
  config: InternalConfig
  platform: Platform
  local: LocalSession
  /** The un-intercepted fetch. */
  send: typeof fetch
  /** Deliver events and mirror the session into the store / other tabs. */
  publish(events: AuthEvent[], changed: boolean): void
  onRefreshError(error: AuthError | undefined): void
  onInvalidClaims(errors: ClaimValidationError[]): void
}

const sessionId = (state: LocalState): string | undefined =>
  state.status === 'EXISTS' ? String(state.frontToken.up.sessionHandle ?? state.frontToken.uid) : undefined

const stampOf = (state: LocalState): string | undefined => (state.status === 'MAY_EXIST' ? undefined : state.stamp)

function hasSkipHeader(input: RequestInfo | URL, init: RequestInit | undefined): boolean {
  const headers = init?.headers ?? (input instanceof Request ? input.headers : undefined)
  if (headers === undefined) return false
  if (headers instanceof Headers) return headers.has(SKIP_INTERCEPTION_HEADER)
  if (Array.isArray(headers)) return headers.some(([name]) => name?.toLowerCase() === SKIP_INTERCEPTION_HEADER)
  for (const name in headers) if (name.toLowerCase() === SKIP_INTERCEPTION_HEADER) return true
  return false
}

let cachedApiDomain: string | undefined
let cachedApiHostname: string | undefined

/**
 * protocol.md §5.3: true when `url` goes to the auth backend (same hostname as `apiDomain`, ports ignored, or a
 * subdomain of `sessionTokenBackendDomain`), unless it contains `superTokensDoNotDoInterception`. Relative URLs are
 * resolved against `origin` (the page origin). Exported for bindings that intercept other HTTP clients.
 */
export function isInterceptedUrl(
  url: string,
  config: Pick<ResolvedAuthConfig, 'apiDomain' | 'sessionTokenBackendDomain'>,
  origin?: string,
  apiOriginPrefix = config.apiDomain + '/',
): boolean {
  if (url.includes('superTokensDoNotDoInterception')) return false
  // Fast path: the common call does not parse a URL.
  if (url.startsWith(apiOriginPrefix) || url === config.apiDomain) return true
  let hostname: string
  try {
    hostname = new URL(url, origin).hostname.toLowerCase()
    if (config.apiDomain !== cachedApiDomain) {
      cachedApiHostname = new URL(config.apiDomain).hostname.toLowerCase()
      cachedApiDomain = config.apiDomain
    }
  } catch {
    return false
  }
  if (hostname === cachedApiHostname) return true
  const backend = config.sessionTokenBackendDomain?.replace(/^\./, '').toLowerCase()
  return backend !== undefined && (hostname === backend || hostname.endsWith('.' + backend))
}

export function createInterceptor(deps: InterceptorDeps): Interceptor {
  const { config, platform, local, send, publish } = deps
  const apiOriginPrefix = config.apiDomain + '/'
  let inFlight: Promise<RefreshOutcome> | undefined

  const shouldIntercept = (url: string): boolean => isInterceptedUrl(url, config, platform.origin(), apiOriginPrefix)

  const timedRefreshFetch = async (headers: Headers): Promise<Response> => {
    const controller = new AbortController()
    let timer: unknown
    const timeout = new Promise<never>((_, reject) => {
      timer = platform.setTimeout(() => {
        controller.abort()
        reject(new AuthError('network', `The session refresh did not answer within ${config.refreshTimeoutMs} ms.`))
      }, config.refreshTimeoutMs)
    })
    try {
      // Racing as well as aborting: a fetch that ignores the signal must not hold the refresh lock forever.
      return await Promise.race([
        send(config.refreshUrl, { method: 'POST', headers, credentials: 'include', signal: controller.signal }),
        timeout,
      ])
    } catch (cause) {
      if (isAuthError(cause)) throw cause
      throw new AuthError('network', 'The session refresh request failed (network error).', { cause })
    } finally {
      platform.clearTimeout(timer)
    }
  }

  const refreshLocked = async (pre: LocalState): Promise<RefreshOutcome> => {
    const snapshot = local.read()
    const post = snapshot.state
    if (post.status === 'NOT_EXISTS') {
      publish([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: false }], false)
      return { result: 'SESSION_EXPIRED' }
    }
    if (post.status === 'EXISTS' && (pre.status !== 'EXISTS' || post.stamp !== pre.stamp)) {
      // Another request or tab refreshed (or signed in) while we waited: retry with its tokens.
      return { result: 'RETRY' }
    }
    const headers = new Headers({
      rid: 'session',
      'fdi-version': FDI_VERSION,
      'st-auth-mode': config.tokenTransferMethod,
    })
    if (post.status === 'EXISTS' && snapshot.antiCsrf !== undefined) headers.set('anti-csrf', snapshot.antiCsrf)
    if (snapshot.refreshToken !== undefined) headers.set('authorization', `Bearer ${snapshot.refreshToken}`)

    let response: Response | undefined
    try {
      response = await timedRefreshFetch(headers)
      const applied = local.applyHeaders(response.headers, {
        wasLoggedIn: post.status === 'EXISTS',
        status: response.status,
        sessionExpiredStatusCode: config.sessionExpiredStatusCode,
        isRefresh: true,
      })
      publish(applied.events, applied.changed)
      if (response.ok && applied.frontToken === undefined) {
        // protocol.md §2.5/§6: the header was stripped (CORS expose list, proxy). Retrying would loop forever.
        throw new AuthError(
          'protocol',
          "The session refresh answered without a 'front-token' header: add it to Access-Control-Expose-Headers.",
          { response },
        )
      }
      const after = local.read().state
      if (response.status >= 300) {
        if (after.status === 'NOT_EXISTS') return { result: 'SESSION_EXPIRED', response }
        throw new AuthError(
          response.status >= 500 ? 'server' : 'protocol',
          `Session refresh: HTTP ${response.status}`,
          {
            response,
          },
        )
      }
      if (after.status !== 'EXISTS') {
        throw new AuthError('protocol', 'Session refreshed, but its cookies cannot be read (cookie writes blocked?).', {
          response,
        })
      }
    } catch (cause) {
      const error = isAuthError(cause)
        ? cause
        : new AuthError('protocol', 'Session refresh failed.', { cause, response })
      deps.onRefreshError(error)
      return { result: 'API_ERROR', error, response }
    }
    deps.onRefreshError(undefined)
    publish([{ type: 'REFRESH_SESSION' }], false)
    return { result: 'RETRY' }
  }

  const refreshSession = async (pre: LocalState): Promise<RefreshOutcome> => {
    const running = inFlight
    if (running === undefined) {
      // One refresh per tab at a time: everyone who gets a 401 meanwhile waits for this promise, not for the lock.
      const run = platform.lock.request(REFRESH_LOCK, () => refreshLocked(pre))
      inFlight = run
      try {
        return await run
      } finally {
        if (inFlight === run) inFlight = undefined
      }
    }
    const leader = await running
    const post = local.read().state
    if (post.status === 'NOT_EXISTS') return { result: 'SESSION_EXPIRED' }
    if (post.status === 'EXISTS' && (pre.status !== 'EXISTS' || post.stamp !== pre.stamp)) return { result: 'RETRY' }
    if (leader.result === 'API_ERROR') return leader
    // Our request was sent after the leader's refresh and still failed: it needs a refresh of its own.
    return refreshSession(pre)
  }

  const passThrough = (input: RequestInfo | URL, init: RequestInit | undefined): Promise<Response> => {
    if (!hasSkipHeader(input, init)) return send(input, init)
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    headers.delete(SKIP_INTERCEPTION_HEADER)
    return send(input, { ...init, headers })
  }

  const doFetch = async (
    input: RequestInfo | URL,
    init?: RequestInit,
    options: InterceptorOptions = {},
  ): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (!shouldIntercept(url) || hasSkipHeader(input, init)) return passThrough(input, init)
    // Resolve a relative URL the way a browser would, so it also works where fetch needs absolute URLs (SSR).
    if (typeof input === 'string' && !/^[a-z][a-z\d+.-]*:/i.test(input)) {
      const origin = platform.origin()
      if (origin !== undefined) input = new URL(input, origin).href
    }

    const baseHeaders = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    // One cookie read per attempt in the common case; the loop re-reads only after a refresh.
    let snapshot = local.read()
    // protocol.md §5.4 step 1: a caller's copy of our own (possibly stale) access token would defeat the retry.
    const callerAuth = baseHeaders.get('authorization')
    if (callerAuth !== null && snapshot.accessToken !== undefined && callerAuth === `Bearer ${snapshot.accessToken}`) {
      baseHeaders.delete('authorization')
    }
    const credentials = init?.credentials ?? 'include'
    const mode = config.tokenTransferMethod
    let attempts = 0
    let refreshedBeforeSend = false

    for (let first = true; ; first = false) {
      if (!first) snapshot = local.read()
      let pre = snapshot.state
      if (pre.status === 'MAY_EXIST' && options.skipProbe !== true) {
        const outcome = await refreshSession(pre)
        if (outcome.result === 'API_ERROR' && outcome.error.kind === 'protocol') throw outcome.error
        snapshot = local.read()
        pre = snapshot.state
      } else if (
        pre.status === 'EXISTS' &&
        !refreshedBeforeSend &&
        attempts < config.maxRetryAttemptsForSessionRefresh &&
        pre.frontToken.ate < local.now()
      ) {
        // The access token is known to be expired: refresh first (2 requests instead of 401 + refresh + retry).
        refreshedBeforeSend = true
        attempts++
        const outcome = await refreshSession(pre)
        if (outcome.result === 'SESSION_EXPIRED' && outcome.response !== undefined) return outcome.response
        if (outcome.result === 'API_ERROR') {
          if (outcome.response !== undefined && outcome.error.kind !== 'protocol') return outcome.response
          throw outcome.error
        }
        snapshot = local.read()
        pre = snapshot.state
      }

      const headers = new Headers(baseHeaders)
      if (pre.status === 'EXISTS' && snapshot.antiCsrf !== undefined) headers.set('anti-csrf', snapshot.antiCsrf)
      if (!headers.has('rid')) headers.set('rid', 'anti-csrf')
      headers.set('st-auth-mode', mode)
      if (!headers.has('authorization') && snapshot.accessToken !== undefined && snapshot.refreshToken !== undefined) {
        headers.set('authorization', `Bearer ${snapshot.accessToken}`)
      }

      let response: Response
      try {
        // A Request body can be read once: send a clone per attempt, keep the original for the next one.
        response = await send(input instanceof Request ? input.clone() : input, { ...init, headers, credentials })
      } catch (cause) {
        throw new AuthError('network', `The request to ${url} failed (network error).`, { cause })
      }

      const frontHeader = response.headers.get('front-token')
      let cleared = false
      if (
        frontHeader !== null ||
        response.headers.has('st-access-token') ||
        response.headers.has('st-refresh-token') ||
        response.headers.has('anti-csrf')
      ) {
        const current = local.read().state
        const sentId = sessionId(pre)
        const isNewSession = sentId === undefined && frontHeader !== null && frontHeader !== 'remove'
        // A response that belongs to a session replaced while it was in flight (sign-out + sign-in meanwhile)
        // must not write its tokens over the new session's.
        const stale = stampOf(current) !== stampOf(pre) && sessionId(current) !== sentId && !isNewSession
        if (!stale) {
          const applied = local.applyHeaders(response.headers, {
            wasLoggedIn: pre.status === 'EXISTS',
            status: response.status,
            sessionExpiredStatusCode: config.sessionExpiredStatusCode,
            isRefresh: false,
          })
          cleared = applied.frontToken === 'remove'
          publish(applied.events, applied.changed)
        }
      }

      if (response.status === config.sessionExpiredStatusCode) {
        // The 401 itself ended the session (UNAUTHORISED already fired): refreshing cannot help.
        if (cleared && pre.status === 'EXISTS') return response
        if (attempts >= config.maxRetryAttemptsForSessionRefresh) {
          throw new AuthError(
            'session',
            `Received ${response.status} from ${url} after ${attempts} session refresh(es): the maximum ` +
              `(maxRetryAttemptsForSessionRefresh = ${config.maxRetryAttemptsForSessionRefresh}) was reached. ` +
              `Does this API answer ${response.status} for reasons other than an expired session?`,
            { response },
          )
        }
        attempts++
        const outcome = await refreshSession(pre)
        if (outcome.result === 'RETRY') {
          // The 401 is dropped: release its body so the connection can be reused (undici keeps it otherwise).
          response.body?.cancel().catch(() => {})
          continue
        }
        if (outcome.result === 'SESSION_EXPIRED') return outcome.response ?? response
        if (outcome.response !== undefined && outcome.error.kind !== 'protocol') return outcome.response
        throw outcome.error
      }
      if (response.status === config.invalidClaimStatusCode) {
        const errors = await readClaimErrors(response)
        if (errors !== undefined) {
          deps.onInvalidClaims(errors)
          publish([{ type: 'API_INVALID_CLAIM', claimValidationErrors: errors }], false)
        }
      }
      return response
    }
  }

  return { doFetch, refreshSession, shouldIntercept }
}

async function readClaimErrors(response: Response): Promise<ClaimValidationError[] | undefined> {
  try {
    const body = (await response.clone().json()) as { claimValidationErrors?: unknown }
    const list = body?.claimValidationErrors
    if (!Array.isArray(list)) return undefined
    return list.filter(
      (item): item is ClaimValidationError =>
        item !== null && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string',
    )
  } catch {
    return undefined
  }
}
