import type { InternalConfig } from '../client/config'
import { authError, isAuthError } from '../client/errors'
import type { AuthError } from '../client/errors'
import type { AuthEvent, ClaimValidationError, Platform, ResolvedAuthConfig } from '../client/types'
import { carriesSessionHeaders } from './state'
import type { LocalSession, LocalState, Snapshot } from './state'
import {
  ANTI_CSRF_HEADER,
  ANTI_CSRF_RID,
  AUTHORIZATION_HEADER,
  AUTH_MODE_HEADER,
  FDI_VERSION,
  FDI_VERSION_HEADER,
  FRONT_TOKEN_HEADER,
  REFRESH_LOCK,
  RID_HEADER,
  SESSION_RID,
  SKIP_INTERCEPTION_HEADER,
} from '../client/wire'

/**
 * Result of the refresh procedure (docs/PROTOCOL.md §5.7): `retry` for RETRY, `error` (and maybe the response) for
 * API_ERROR, neither for SESSION_EXPIRED (with the refresh response when there was one).
 */
export interface RefreshOutcome {
  retry?: boolean
  error?: AuthError
  response?: Response
}

export interface Interceptor {
  /**
   * `skipProbe`: do not run the `MAY_EXIST` probe refresh before sending (docs/PROTOCOL.md §5.2). Used by calls that
   * never need a session (sign-in/up, password reset), so a fresh browser signs in with one request instead of two.
   * `passThrough` sends what is not intercepted (the global patch: the fetch below it). Defaults to `send`.
   */
  doFetch(
    input: RequestInfo | URL,
    init?: RequestInit,
    skipProbe?: boolean,
    passThrough?: typeof fetch,
  ): Promise<Response>
  /** The refresh procedure, single-flight per tab and locked across tabs. */
  refreshSession(pre: LocalState): Promise<RefreshOutcome>
  /** True when `doFetch` handles a request to `input`: the config's `shouldInterceptUrl`, or docs/PROTOCOL.md §5.3. */
  shouldIntercept(input: RequestInfo | URL): boolean
}

/** The `cause` of the `AuthError` that work aborted by the last `unmount()` rejects with. */
const UNMOUNTED = 'authfront: unmounted'
const unmounted = () => authError('network', 'Aborted: the client was unmounted.', undefined, UNMOUNTED)
/** True for the error of work the last `unmount()` aborted: an outcome, not a failure to report. */
export const wasUnmounted = (error: unknown): boolean => (error as Error | undefined)?.cause === UNMOUNTED

const sessionId = (state: LocalState): string | undefined =>
  state.status === 'EXISTS' ? String(state.frontToken.up.sessionHandle ?? state.frontToken.uid) : undefined

/** True when a response sent with `pre` may write its session headers: its session is still the current one. */
const isCurrent = (pre: LocalState, current: LocalState, frontHeader: string | null): boolean => {
  const sentId = sessionId(pre)
  return (
    current.stamp === pre.stamp ||
    sessionId(current) === sentId ||
    (sentId === undefined && frontHeader !== null && frontHeader !== 'remove')
  )
}

/** True when another request or tab refreshed (or signed in) since `pre` was read. */
export const changedSince = (pre: LocalState, post: LocalState): boolean =>
  post.status === 'EXISTS' && (pre.status !== 'EXISTS' || post.stamp !== pre.stamp)

/** The URL string of a fetch input. */
export const urlOf = (input: RequestInfo | URL): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url

const hostnameOf = (url: string, base?: string) => new URL(url, base).hostname.toLowerCase()

/**
 * docs/PROTOCOL.md §5.3: true when `url` goes to the auth backend (same hostname as `apiDomain`, ports ignored, or a
 * subdomain of `sessionTokenBackendDomain`), unless it contains `superTokensDoNotDoInterception`. Relative URLs are
 * resolved against `origin` (the page origin). Exported for bindings that intercept other HTTP clients.
 */
export function isInterceptedUrl(
  url: string,
  config: Pick<ResolvedAuthConfig, 'apiDomain' | 'sessionTokenBackendDomain'>,
  origin?: string,
): boolean {
  if (url.includes('superTokensDoNotDoInterception')) return false
  // The common case, a URL under the (normalised) apiDomain, needs no URL parsing: it costs a few µs per call.
  const next = url.charAt(config.apiDomain.length)
  if (url.startsWith(config.apiDomain) && (next === '' || next === '/' || next === '?' || next === '#')) return true
  try {
    const hostname = hostnameOf(url, origin)
    const backend = config.sessionTokenBackendDomain?.replace(/^\./, '').toLowerCase()
    return (
      hostname === hostnameOf(config.apiDomain) ||
      (backend !== undefined && (hostname === backend || hostname.endsWith('.' + backend)))
    )
  } catch {
    return false
  }
}

/** `base` plus the session: auth mode, anti-CSRF token, and `token` as bearer unless the caller set one. */
const sessionHeaders = (
  config: InternalConfig,
  base: HeadersInit,
  { status, antiCsrf }: Snapshot,
  token: string | undefined,
) => {
  const headers = new Headers(base)
  headers.set(AUTH_MODE_HEADER, config.tokenTransferMethod)
  if (status === 'EXISTS' && antiCsrf) headers.set(ANTI_CSRF_HEADER, antiCsrf)
  if (token && !headers.has(AUTHORIZATION_HEADER)) headers.set(AUTHORIZATION_HEADER, 'Bearer ' + token)
  return headers
}

/**
 * The refresh procedure (docs/PROTOCOL.md §5.7): single-flight per tab, and under the platform lock across tabs,
 * where the local state is read again before anything is sent. `lifetime()` is the signal the client's last
 * `unmount()` aborts: the refresh then stops, releases the lock and settles with the `unmounted()` error.
 */
function createRefresher(
  config: InternalConfig,
  platform: Platform,
  local: LocalSession,
  send: typeof fetch,
  publish: (events: AuthEvent[], changed: boolean) => void,
  setError: (error: AuthError | undefined) => void,
  lifetime: () => AbortSignal,
): (pre: LocalState) => Promise<RefreshOutcome> {
  const timeoutMs = config.refreshTimeoutMs
  let inFlight: Promise<RefreshOutcome> | undefined
  let inFlightSignal: AbortSignal | undefined

  const refreshSession = async (pre: LocalState): Promise<RefreshOutcome> => {
    const running = inFlight
    // A refresh aborted by an unmount is not joined by a later call (a remount's session check): it starts afresh.
    if (running === undefined || inFlightSignal!.aborted) {
      const signal = (inFlightSignal = lifetime())
      // One refresh per tab at a time: everyone who gets a 401 meanwhile waits for this promise, not for the lock.
      const run = (inFlight = new Promise<RefreshOutcome>((resolve) => {
        // Settles the waiters at once, even while another tab still holds the lock.
        const abort = () => resolve({ error: unmounted() })
        signal.addEventListener('abort', abort)
        platform.lock
          .request(REFRESH_LOCK, () => refreshLocked(pre, signal))
          .catch((cause: unknown) => {
            // The lock itself failed (a custom platform lock, a storage lock timeout): nothing was sent.
            const error = isAuthError(cause) ? cause : authError('network', 'Session refresh failed.', undefined, cause)
            setError(error)
            return { error }
          })
          .then((outcome) => {
            signal.removeEventListener('abort', abort)
            resolve(outcome)
          })
      }))
      try {
        return await run
      } finally {
        if (inFlight === run) inFlight = undefined
      }
    }
    const leader = await running
    const post = local.read()
    // The refresh ended the session: the leader's outcome, so no request goes out without one (§7 case 10).
    if (post.status === 'NOT_EXISTS') return { response: leader.response }
    if (changedSince(pre, post)) return { retry: true }
    if (leader.error) return leader
    // Our request was sent after the leader's refresh and still failed: it needs a refresh of its own.
    return refreshSession(pre)
  }

  /** Under the lock: re-check the state, call `/session/refresh`, process its headers, record the outcome. */
  const refreshLocked = async (pre: LocalState, signal: AbortSignal): Promise<RefreshOutcome> => {
    // Unmounted while waiting for the lock: send nothing, fire nothing.
    if (signal.aborted) return { error: unmounted() }
    const post = local.read()
    if (post.status === 'NOT_EXISTS') {
      publish([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: false }], false)
      return {}
    }
    if (changedSince(pre, post)) return { retry: true }
    const headers = sessionHeaders(
      config,
      { [RID_HEADER]: SESSION_RID, [FDI_VERSION_HEADER]: FDI_VERSION },
      post,
      post.refreshToken,
    )

    const controller = new AbortController()
    const abort = () => controller.abort()
    signal.addEventListener('abort', abort)
    let timer: unknown
    let response: Response | undefined
    try {
      // Racing as well as aborting: a fetch that ignores the signal must not hold the refresh lock.
      response = await Promise.race([
        // docs/PROTOCOL.md §5.7: always with credentials, whatever `autoAddCredentials` says (as the official SDK).
        send(config.apiBase + '/session/refresh', {
          method: 'POST',
          headers,
          credentials: 'include',
          signal: controller.signal,
        }).catch((cause) => {
          throw isAuthError(cause) ? cause : authError('network', 'Session refresh: network error.', undefined, cause)
        }),
        new Promise<never>((_, reject) => {
          controller.signal.onabort = () =>
            reject(
              signal.aborted
                ? unmounted()
                : authError('network', `Session refresh: no answer within refreshTimeoutMs (${timeoutMs} ms).`),
            )
          timer = platform.setTimeout(abort, timeoutMs)
        }),
      ])
      const status = response.status
      const applied = local.applyHeaders(response.headers, post.status === 'EXISTS', status, true)
      publish(applied.events, applied.changed)
      if (response.ok && applied.frontToken === null) {
        // docs/PROTOCOL.md §2.5/§6: the header was stripped (CORS expose list, proxy). Retrying would loop forever.
        throw authError(
          'protocol',
          "Refresh response lacks 'front-token': add it to Access-Control-Expose-Headers.",
          response,
        )
      }
      const after = local.read().status
      if (status > 299) {
        if (after === 'NOT_EXISTS') return { response }
        throw authError(status > 499 ? 'server' : 'protocol', 'Session refresh: HTTP ' + status, response)
      }
      if (after !== 'EXISTS') {
        throw applied.error ?? authError('protocol', 'Session refresh: no session.', response)
      }
    } catch (cause) {
      const error = isAuthError(cause) ? cause : authError('protocol', 'Session refresh failed.', response, cause)
      setError(error)
      return { error, response }
    } finally {
      platform.clearTimeout(timer)
      signal.removeEventListener('abort', abort)
    }
    setError(undefined)
    publish([{ type: 'REFRESH_SESSION' }], false)
    return { retry: true }
  }

  return refreshSession
}

/**
 * What a failed refresh means for the request that needed it: a response to return, an error, or go on. The
 * refresh response is shared by every waiting caller, so each gets a clone and the original is never read.
 */
const settle = ({ retry, error, response }: RefreshOutcome, fallback?: Response): Response | undefined => {
  if (error && (response === undefined || error.kind === 'protocol')) throw error
  return retry ? undefined : (response?.clone() ?? fallback)
}

/**
 * The intercepted fetch and the refresh procedure. `send` is the un-intercepted fetch; `publish` delivers events and
 * mirrors the session into the store and other tabs; `setError` and `setInvalidClaims` write the store; `lifetime()`
 * is the signal the client's last `unmount()` aborts.
 */
export function createInterceptor(
  config: InternalConfig,
  platform: Platform,
  local: LocalSession,
  send: typeof fetch,
  publish: (events: AuthEvent[], changed: boolean) => void,
  setError: (error: AuthError | undefined) => void,
  setInvalidClaims: (errors: ClaimValidationError[]) => void,
  lifetime: () => AbortSignal,
): Interceptor {
  const refreshSession = createRefresher(config, platform, local, send, publish, setError, lifetime)
  const maxAttempts = config.maxRetryAttemptsForSessionRefresh
  const hook = config.shouldInterceptUrl
  // Only a relative URL needs the page origin (reading location.origin costs ~10 µs a call in Chromium).
  const originOf = (url: string) => (/^[a-z][a-z\d+.-]*:/i.test(url) ? undefined : platform.origin())

  const intercepts = (url: string, origin: string | undefined): boolean => {
    if (hook === undefined) return isInterceptedUrl(url, config, origin)
    try {
      return !!hook(
        origin === undefined ? url : new URL(url, origin).href,
        config.apiDomain,
        config.sessionTokenBackendDomain,
      )
    } catch (cause) {
      // Like the official SDK, a failing decision fails the call rather than guessing either way.
      throw authError('config', 'shouldInterceptUrl threw for ' + url, undefined, cause)
    }
  }

  const doFetch: Interceptor['doFetch'] = async (input, init, skipProbe, passThrough = send) => {
    const url = urlOf(input)
    const origin = originOf(url)
    const baseHeaders = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    if (baseHeaders.has(SKIP_INTERCEPTION_HEADER)) {
      baseHeaders.delete(SKIP_INTERCEPTION_HEADER)
      return send(input, { ...init, headers: baseHeaders })
    }
    if (!intercepts(url, origin)) return passThrough(input, init)
    // Resolve a relative URL the way a browser would, so it also works where fetch needs absolute URLs (SSR).
    if (typeof input === 'string' && origin !== undefined) {
      input = new URL(input, origin).href
    }

    // docs/PROTOCOL.md §5.4 step 1: a caller's copy of our own (possibly stale) access token would defeat the retry.
    let first: Snapshot | undefined = local.peek()
    const accessToken = first.accessToken
    if (accessToken && baseHeaders.get(AUTHORIZATION_HEADER) === 'Bearer ' + accessToken) {
      baseHeaders.delete(AUTHORIZATION_HEADER)
    }
    let attempts = 0
    let refreshedBeforeSend = false

    for (;;) {
      // The first attempt reuses the read above; a retry reads again (a refresh changed the cookies).
      let pre = first ?? local.read()
      first = undefined
      if (pre.status === 'MAY_EXIST' && !skipProbe) {
        const { error } = await refreshSession(pre)
        if (error?.kind === 'protocol' || wasUnmounted(error)) throw error
        pre = local.read()
      } else if (
        pre.status === 'EXISTS' &&
        !refreshedBeforeSend &&
        attempts < maxAttempts &&
        pre.frontToken.ate < local.now()
      ) {
        // The access token is known to be expired: refresh first (2 requests instead of 401 + refresh + retry).
        refreshedBeforeSend = true
        attempts++
        const done = settle(await refreshSession(pre))
        if (done) return done
        pre = local.read()
      }

      const headers = sessionHeaders(config, baseHeaders, pre, pre.refreshToken && pre.accessToken)
      if (!headers.has(RID_HEADER)) headers.set(RID_HEADER, ANTI_CSRF_RID)

      let response: Response
      try {
        // A Request body can be read once: send a clone per attempt, keep the original for the next one.
        response = await send(input instanceof Request ? input.clone() : input, {
          ...init,
          headers,
          credentials: init?.credentials ?? (config.autoAddCredentials ? 'include' : undefined),
        })
      } catch (cause) {
        throw authError('network', url + ': network error.', undefined, cause)
      }

      const status = response.status
      let cleared = false
      // A response that belongs to a session replaced while it was in flight (sign-out + sign-in meanwhile) must not
      // write its tokens over the new session's; a response that creates a session always may.
      if (
        carriesSessionHeaders(response.headers) &&
        isCurrent(pre, local.read(), response.headers.get(FRONT_TOKEN_HEADER))
      ) {
        const applied = local.applyHeaders(response.headers, pre.status === 'EXISTS', status, false)
        cleared = applied.frontToken === 'remove'
        publish(applied.events, applied.changed)
      }

      if (status === config.sessionExpiredStatusCode) {
        // The 401 itself ended the session (UNAUTHORISED already fired): refreshing cannot help.
        if (cleared && pre.status === 'EXISTS') return response
        if (attempts >= maxAttempts) {
          throw authError(
            'session',
            `${url}: ${status} after ${attempts} refreshes (maxRetryAttemptsForSessionRefresh).`,
            response,
          )
        }
        attempts++
        const outcome = await refreshSession(pre)
        if (!outcome.retry) return settle(outcome, response)!
        // The 401 is dropped: release its body so the connection can be reused (undici keeps it otherwise).
        response.body?.cancel().catch(() => {})
        continue
      }
      if (status === config.invalidClaimStatusCode) {
        // docs/PROTOCOL.md §5.4 step 6: a 403 may list the claims that failed; they go to the store and an event.
        const errors = claimErrorsIn(
          await response
            .clone()
            .json()
            .catch(() => {}),
        )
        if (errors) {
          setInvalidClaims(errors)
          publish([{ type: 'API_INVALID_CLAIM', claimValidationErrors: errors }], false)
        }
      }
      return response
    }
  }

  return {
    doFetch,
    refreshSession,
    shouldIntercept(input) {
      const url = urlOf(input)
      return intercepts(url, originOf(url))
    },
  }
}

/** The `claimValidationErrors` of a 403 body (docs/PROTOCOL.md §2.8) with a string `id`; undefined without a list. */
export function claimErrorsIn(body: unknown): ClaimValidationError[] | undefined {
  const list = (body as { claimValidationErrors?: unknown } | null)?.claimValidationErrors
  return Array.isArray(list) ? list.filter((item: { id?: unknown } | null) => typeof item?.id === 'string') : undefined
}
