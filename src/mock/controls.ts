import { expressHtml, wait } from './http'
import type { Reply } from './http'

/** Which requests a fault applies to: a path (exact, or a suffix such as `/session/refresh`), a RegExp tested
 * against the full URL, or a predicate. */
export type RequestMatcher = string | RegExp | ((url: URL, request: Request) => boolean)

export interface FaultScope {
  /** How many matching requests the fault applies to. Defaults to `1`. */
  times?: number
  /** Only requests matching this. Defaults to every request this backend handles. */
  match?: RequestMatcher
  /** Only this HTTP method (case-insensitive). Defaults to any. */
  method?: string
}

export interface FailOptions extends FaultScope {
  /** Defaults to `500`. */
  status?: number
  /** A string is sent as is; anything else as JSON. Defaults to express' HTML "Internal Server Error" page. */
  body?: unknown
  /** Extra response headers. Defaults to none. */
  headers?: Record<string, string>
}

/** Fault injection and session manipulation. Every setting is undone by `reset()`. */
export interface MockControls {
  /** Answer the next matching request(s) with an error status instead of handling them. */
  failNext(options?: FailOptions): void
  /** Make the next matching request(s) fail at the network level (`fetch` rejects with a TypeError). */
  networkErrorNext(options?: FaultScope): void
  /** Delay the next matching request(s) by `ms`, then handle them normally. */
  delayNext(ms: number, options?: FaultScope): void
  /**
   * Never answer the next matching request(s); they settle (as network errors) when aborted or at `reset()` (a
   * service worker may not see the page's abort, and msw 3's `stop()` waits for requests still being handled).
   */
  hangNext(options?: FaultScope): void
  /** Every access token issued so far answers 401 "try refresh token" from now on (the client still thinks it is
   * valid: its `ate` is unchanged). */
  expireAccessTokens(): void
  /** Revoke every session: refresh answers 401 unauthorised. Access tokens stay valid until they expire unless
   * `checkDatabase` is on, like supertokens-node; combine with `expireAccessTokens()` for an immediate effect. */
  revokeAllSessions(): void
  /** Stop sending `Access-Control-Expose-Headers` (a proxy/CORS misconfiguration). */
  stripExposeHeaders(on?: boolean): void
  /** Answer successful refreshes without `front-token` (docs/PROTOCOL.md §6, case 18). */
  dropFrontTokenOnRefresh(on?: boolean): void
  /** Delay every response by `ms`. */
  setLatency(ms: number): void
  /** Faults of the fake OAuth provider (ThirdParty). */
  thirdParty: {
    /**
     * What happens at the next visit of the provider's authorisation page: `deny` sends the user back with
     * `error=access_denied` at once; `noEmail` makes the account chosen there come back without an email
     * (`NO_EMAIL_GIVEN_BY_PROVIDER`); `notAllowed` makes that sign-in answer `SIGN_IN_UP_NOT_ALLOWED`.
     * Stored with the state, so it survives the page load to the provider when the state is persisted.
     */
    nextConsent(outcome: 'deny' | 'noEmail' | 'notAllowed'): void
  }
  /** Faults of Passwordless. */
  passwordless: {
    /** Every code sent so far expires now: an OTP then answers `EXPIRED_USER_INPUT_CODE_ERROR`, a link restarts. */
    expireCodes(): void
  }
  /** Faults of WebAuthn (passkeys). */
  webauthn: {
    /**
     * The backend forgets this passkey (deleted on the server, or never registered there): signing in with it
     * answers `INVALID_CREDENTIALS_ERROR` while the authenticator still offers it.
     */
    forgetCredential(credentialId: string): void
    /** Every options id handed out so far expires now (a user who waited past the 60 s timeout). */
    expireOptions(): void
  }
  /** MultiFactorAuth requirements at runtime (the `multiFactor` option must be set). Stored with the state. */
  multiFactor: MockMultiFactorControls
  /** Faults of TOTP (the `multiFactor` option must be set). */
  totp: MockTotpControls
  /** Undo every control: pending faults, flags, the next consent outcome, MFA requirements and latency back to the
   * options. Sessions revoked or expired, codes expired, TOTP lock-outs and removed devices stay so. */
  reset(): void
  /** Number of pending (not yet consumed) faults. */
  pendingFaults(): number
}

/** `controls.multiFactor`. */
export interface MockMultiFactorControls {
  /**
   * The secondary factors every user must complete one of from now on, e.g. `['totp']` (`[]`: none), in place of
   * the `requiredSecondaryFactors` option. Sessions keep their `st-mfa` until it is recomputed (`PUT mfa/info`, a
   * completed factor), as with node.
   */
  require(factors: string[]): void
  /** The secondary factors this user (id or email) must complete, in place of `usersRequiring`. */
  requireForUser(idOrEmail: string, factors: string[]): void
}

/** `controls.totp`. */
export interface MockTotpControls {
  /** Locks the user (id or email) out now, as five wrong codes would: `LIMIT_REACHED_ERROR` for 900 s. */
  lockOut(idOrEmail: string): void
  /**
   * Removes the user's device of that name (every device without one), as another tab or an admin would: a pending
   * `totp/device/verify` then answers `UNKNOWN_DEVICE_ERROR`.
   */
  removeDevice(idOrEmail: string, deviceName?: string): void
}

type Fault =
  | { kind: 'fail'; scope: FaultScope; remaining: number; reply: () => Reply }
  | { kind: 'network'; scope: FaultScope; remaining: number }
  | { kind: 'delay'; scope: FaultScope; remaining: number; ms: number }
  | { kind: 'hang'; scope: FaultScope; remaining: number }

export interface ControlsInternals {
  controls: MockControls
  /** Runs before a request is handled: a Response to answer with, or undefined to go on. */
  before(request: Request): Promise<Response | undefined>
  readonly stripExpose: boolean
  readonly dropFrontToken: boolean
  readonly latencyMs: number
}

function matches(scope: FaultScope, request: Request): boolean {
  if (scope.method !== undefined && scope.method.toUpperCase() !== request.method.toUpperCase()) return false
  const { match } = scope
  if (match === undefined) return true
  const url = new URL(request.url)
  if (typeof match === 'string') return url.pathname === match || url.pathname.endsWith(match)
  if (match instanceof RegExp) return match.test(request.url)
  return match(url, request)
}

export function createControls(deps: {
  latencyMs: number
  expireAccessTokens(): void
  revokeAllSessions(): void
  setNextConsent(outcome: 'deny' | 'noEmail' | 'notAllowed' | undefined): void
  expireCodes(): void
  forgetCredential(credentialId: string): void
  expireWebauthnOptions(): void
  multiFactor: MockMultiFactorControls
  totp: MockTotpControls
  /** Undoes `multiFactor` settings. */
  resetMultiFactor(): void
}): ControlsInternals {
  let faults: Fault[] = []
  /** Ends the requests `hangNext` holds. */
  let releaseHangs = new Set<() => void>()
  let stripExpose = false
  let dropFrontToken = false
  let latencyMs = deps.latencyMs

  const add = (fault: Fault) => {
    if (fault.remaining > 0) faults.push(fault)
  }

  const controls: MockControls = {
    failNext(options = {}) {
      const status = options.status ?? 500
      const { body, headers } = options
      add({
        kind: 'fail',
        scope: options,
        remaining: options.times ?? 1,
        reply: () => {
          let reply: Reply
          if (body === undefined)
            reply = expressHtml(status, status === 500 ? 'Internal Server Error' : `Error ${status}`)
          else if (typeof body === 'string') {
            reply = { status, body, headers: new Headers({ 'Content-Type': 'text/plain; charset=utf-8' }) }
          } else {
            reply = {
              status,
              body: JSON.stringify(body),
              headers: new Headers({ 'Content-Type': 'application/json; charset=utf-8' }),
            }
          }
          for (const [name, value] of Object.entries(headers ?? {})) reply.headers.set(name, value)
          return reply
        },
      })
    },
    networkErrorNext(options = {}) {
      add({ kind: 'network', scope: options, remaining: options.times ?? 1 })
    },
    delayNext(ms, options = {}) {
      add({ kind: 'delay', scope: options, remaining: options.times ?? 1, ms })
    },
    hangNext(options = {}) {
      add({ kind: 'hang', scope: options, remaining: options.times ?? 1 })
    },
    expireAccessTokens: deps.expireAccessTokens,
    revokeAllSessions: deps.revokeAllSessions,
    stripExposeHeaders(on = true) {
      stripExpose = on
    },
    dropFrontTokenOnRefresh(on = true) {
      dropFrontToken = on
    },
    setLatency(ms) {
      latencyMs = ms
    },
    thirdParty: { nextConsent: (outcome) => deps.setNextConsent(outcome) },
    passwordless: { expireCodes: () => deps.expireCodes() },
    webauthn: {
      forgetCredential: (credentialId) => deps.forgetCredential(credentialId),
      expireOptions: () => deps.expireWebauthnOptions(),
    },
    multiFactor: deps.multiFactor,
    totp: deps.totp,
    reset() {
      deps.setNextConsent(undefined)
      deps.resetMultiFactor()
      faults = []
      const held = releaseHangs
      releaseHangs = new Set()
      for (const release of held) release()
      stripExpose = false
      dropFrontToken = false
      latencyMs = deps.latencyMs
    },
    pendingFaults() {
      return faults.reduce((sum, fault) => sum + fault.remaining, 0)
    },
  }

  return {
    controls,
    get stripExpose() {
      return stripExpose
    },
    get dropFrontToken() {
      return dropFrontToken
    },
    get latencyMs() {
      return latencyMs
    },
    async before(request) {
      // Faults are consumed in the order they were added; several can apply to one request (e.g. delay then fail).
      for (;;) {
        const fault = faults.find((candidate) => matches(candidate.scope, request))
        if (fault === undefined) return undefined
        fault.remaining -= 1
        if (fault.remaining <= 0) faults = faults.filter((candidate) => candidate !== fault)
        if (fault.kind === 'network') return Response.error()
        if (fault.kind === 'fail') {
          const reply = fault.reply()
          return new Response(reply.body, { status: reply.status, headers: reply.headers })
        }
        if (fault.kind === 'hang') {
          const held = releaseHangs
          await new Promise<void>((resolve) => {
            held.add(resolve)
            if (request.signal.aborted) resolve()
            request.signal.addEventListener('abort', () => resolve())
          })
          return Response.error()
        }
        await wait(fault.ms, request.signal)
      }
    },
  }
}
