/**
 * Public types of the authfront client. This file is the contract between the client (src/client,
 * src/session, src/recipes), the headless flows (src/flows) and the framework bindings (components/*).
 * Keep names stable: tests outside the repo rely on them.
 */
import type { RecipePlugin } from '../recipes/types'
import type { StoreApi } from 'zustand/vanilla'
import type { AuthError } from './errors'

/** Where the session tokens travel. See docs/PROTOCOL.md §3.3. */
export type TokenTransferMethod = 'cookie' | 'header'

/** Email verification mode of the app. `required` makes `SessionAuth` send unverified users to verification. */
export type EmailVerificationMode = 'off' | 'optional' | 'required'

/** One failed claim, as the backend reports it in a 403 and as `validateClaims()` returns it. */
export interface ClaimValidationError {
  id: string
  reason?: unknown
}

/** What a claim validator says of an access token payload. */
export type ClaimValidationResult = { isValid: true } | { isValid: false; reason?: unknown }

/**
 * Judges one claim of the access token payload (docs/ARCHITECTURE.md "Claims"). The client runs every global
 * validator in `validateClaims()`: the `st-ev` one when email verification is on, those in `claimValidators`, and
 * those recipe plugins add (`multiFactor()` adds `st-mfa`).
 */
export interface ClaimValidator {
  /** Reported as `ClaimValidationError.id`; the claim's key in the payload for the built-in claims. */
  readonly id: string
  /** True when the payload's value is missing or too old to judge: `refresh()` runs first. Defaults to never. */
  shouldRefresh?(payload: Record<string, unknown>, now: number): boolean
  /**
   * Asks the backend for a fresh value, which arrives in a new front token. A failure is not fatal: the validator
   * then judges what the payload holds (docs/PROTOCOL.md §5.9).
   */
  refresh?(): Promise<unknown>
  validate(payload: Record<string, unknown>, now: number): ClaimValidationResult
  /**
   * Where a guard sends a signed-in user whose session fails this claim, e.g. the factor screen for `st-mfa`:
   * a same-origin path (the guard adds `redirectToPath`), or undefined to show access denied instead.
   */
  failureRedirect?(error: ClaimValidationError, context: { websiteBasePath: string }): Promise<string | undefined>
}

/**
 * A claim of the access token payload, stored as `payload[id] = { v, t }` (`t`: when the backend last fetched the
 * value, epoch ms). `BooleanClaim`, `PrimitiveClaim` and `PrimitiveArrayClaim` build them.
 */
export interface SessionClaim<TValue> {
  readonly id: string
  /** Makes the backend write a fresh value (a new front token arrives). */
  refresh(): Promise<void>
  /** `payload[id].v`, or undefined when absent (or not of the claim's kind). */
  getValueFromPayload(payload: Record<string, unknown>): TValue | undefined
  /** `payload[id].t`, or undefined when absent. */
  getLastFetchedTime(payload: Record<string, unknown>): number | undefined
}

/** Options of `validateClaims()`. */
export interface ValidateClaimsOptions {
  /** Replaces the global validators for this call, e.g. `(globals) => [...globals, isAdmin]`. */
  validators?: (globals: readonly ClaimValidator[]) => readonly ClaimValidator[]
}

/** What the client knows about the session. Written only by the client; bindings read it. */
export interface SessionState {
  /** `loading` until the client has checked the local session once (no network call in the common case). */
  status: 'loading' | 'signedIn' | 'signedOut'
  userId: string | undefined
  /** The access token payload as the front token carries it (unsigned copy: never authorise with it). */
  accessTokenPayload: Record<string, unknown> | undefined
  /** Claims that failed the last `validateClaims()` or the last 403 from an API. */
  invalidClaims: ClaimValidationError[]
  /** The last session-level failure (a refresh that failed for network/server reasons), if any. */
  error: AuthError | undefined
}

/** Session events, fired exactly when docs/PROTOCOL.md §5.6 says. */
export type AuthEvent =
  | { type: 'SESSION_CREATED' }
  | { type: 'REFRESH_SESSION' }
  | { type: 'ACCESS_TOKEN_PAYLOAD_UPDATED' }
  | { type: 'SIGN_OUT' }
  | { type: 'UNAUTHORISED'; sessionExpiredOrRevoked: boolean }
  | { type: 'API_INVALID_CLAIM'; claimValidationErrors: ClaimValidationError[] }

export type AuthEventType = AuthEvent['type']
export type AuthEventOf<T extends AuthEventType> = Extract<AuthEvent, { type: T }>

/** A login method of a user (FDI ≥ 3.0 user shape, docs/PROTOCOL.md §2.2). */
export interface LoginMethod {
  recipeId: string
  recipeUserId: string
  tenantIds: string[]
  email?: string
  timeJoined: number
  verified: boolean
}

/** The user object returned by sign-in/up (FDI ≥ 3.0 shape). */
export interface User {
  id: string
  isPrimaryUser: boolean
  tenantIds: string[]
  emails: string[]
  phoneNumbers: string[]
  timeJoined: number
  loginMethods: LoginMethod[]
}

/** Field errors by field id, e.g. `{ email: 'Email is invalid' }`. */
export type FieldErrors = Record<string, string>

export type GeneralError = { status: 'GENERAL_ERROR'; message: string }
export type FieldErrorResult = { status: 'FIELD_ERROR'; fieldErrors: FieldErrors }

export interface SignUpInput {
  email: string
  password: string
  /** Custom sign-up fields, sent as extra `formFields` entries. */
  fields?: Record<string, unknown>
  /**
   * Tenant id; omitted from the URL for `public`. Defaults to `public`. Lowercase letters, digits and `-` only;
   * anything else rejects with `AuthError` kind `config` before any request.
   */
  tenantId?: string
}
export type SignUpResult =
  { status: 'OK'; user: User } | FieldErrorResult | { status: 'SIGN_UP_NOT_ALLOWED'; reason: string } | GeneralError

export interface SignInInput {
  email: string
  password: string
  tenantId?: string
}
export type SignInResult =
  | { status: 'OK'; user: User }
  | FieldErrorResult
  | { status: 'WRONG_CREDENTIALS_ERROR' }
  | { status: 'SIGN_IN_NOT_ALLOWED'; reason: string }
  | GeneralError

export type SendPasswordResetEmailResult =
  { status: 'OK' } | FieldErrorResult | { status: 'PASSWORD_RESET_NOT_ALLOWED'; reason: string } | GeneralError

export interface ResetPasswordInput {
  token: string
  password: string
  tenantId?: string
}
export type ResetPasswordResult =
  { status: 'OK' } | FieldErrorResult | { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' } | GeneralError

export type SendVerificationEmailResult = { status: 'OK' } | { status: 'EMAIL_ALREADY_VERIFIED_ERROR' } | GeneralError

export type VerifyEmailResult = { status: 'OK' } | { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' } | GeneralError

export interface EmailPasswordApi {
  signUp(input: SignUpInput): Promise<SignUpResult>
  signIn(input: SignInInput): Promise<SignInResult>
  /** `GET …/emailpassword/email/exists`. Rejects with `AuthError` on network/server/protocol failure. */
  emailExists(email: string, options?: { tenantId?: string }): Promise<boolean>
  sendPasswordResetEmail(email: string, options?: { tenantId?: string }): Promise<SendPasswordResetEmailResult>
  resetPassword(input: ResetPasswordInput): Promise<ResetPasswordResult>
}

export interface EmailVerificationApi {
  /** `GET /user/email/verify`; also refreshes the `st-ev` claim in the access token payload. */
  isVerified(): Promise<boolean>
  sendEmail(): Promise<SendVerificationEmailResult>
  verify(token: string, options?: { tenantId?: string }): Promise<VerifyEmailResult>
}

export interface SessionApi {
  /** True when a session exists. No network call in the common case (docs/PROTOCOL.md §5.8). */
  exists(): Promise<boolean>
  /** Rejects with `AuthError` (kind `session`) when there is no session. */
  getUserId(): Promise<string>
  /** Refreshes first if the access token is known to be expired. */
  getAccessTokenPayload(): Promise<Record<string, unknown>>
  /** The raw access token in header mode (or when the backend exposes it); undefined otherwise. */
  getAccessToken(): Promise<string | undefined>
  /** Runs the shared refresh. Resolves true when a session exists afterwards, false when it ended. */
  refresh(): Promise<boolean>
  /**
   * Ends the session (`POST /signout`). Without a session: no request, `SIGN_OUT` fires. Rejects with the
   * `AuthError` when the session could not be checked or refreshed (network, 5xx): no event, nothing cleared.
   */
  signOut(): Promise<void>
  /**
   * Runs the claim validators (the global ones, or those `options.validators` picks), refreshing a claim first when
   * its validator asks, and returns the claims that failed. Calls without options share one run.
   */
  validateClaims(options?: ValidateClaimsOptions): Promise<ClaimValidationError[]>
  /** The global validators, in the order they run. */
  getClaimValidators(): readonly ClaimValidator[]
  /**
   * The claim's value in the access token payload (refreshing the session first when the token is known to be
   * expired), or undefined when the payload does not hold it. Rejects with `AuthError` (kind `session`) without a
   * session.
   */
  getClaimValue<TValue>(claim: Pick<SessionClaim<TValue>, 'getValueFromPayload'>): Promise<TValue | undefined>
  /**
   * The failed claims a 403 from the app's API lists (`claimValidationErrors`, docs/PROTOCOL.md §2.8): a fetch
   * `Response` (read from a clone) or an axios-style `{ data }`. A body that is not such a list gives `[]`.
   */
  getInvalidClaimsFromResponse(response: Response | { data: unknown }): Promise<ClaimValidationError[]>
}

export interface AuthClient {
  readonly config: ResolvedAuthConfig
  /** The zustand vanilla store holding `SessionState`. */
  readonly store: StoreApi<SessionState>
  /** Attach listeners, timers, cross-tab sync and the optional global fetch patch. Reference-counted. */
  mount(): () => void
  /**
   * Intercepted fetch (docs/PROTOCOL.md §5.4). URLs outside the API domain pass through untouched. To send one request
   * to the API domain without session handling, add the header `x-authfront-skip` (any value; it is removed before
   * sending) or put `superTokensDoNotDoInterception` in the URL.
   */
  doFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>
  /**
   * True when `doFetch` would handle a request to `url` (docs/PROTOCOL.md §5.3), judged with this client's config and
   * platform origin (relative URLs). For bindings that intercept other HTTP clients.
   */
  shouldIntercept(url: string | URL | Request): boolean
  /** Subscribe to one event type, or `'*'` for all. Returns unsubscribe. */
  on<T extends AuthEventType>(type: T, listener: (event: AuthEventOf<T>) => void): () => void
  on(type: '*', listener: (event: AuthEvent) => void): () => void
  readonly emailPassword: EmailPasswordApi
  readonly emailVerification: EmailVerificationApi
  readonly session: SessionApi
}

/** A config after validation and defaults. */
export interface ResolvedAuthConfig {
  apiDomain: string
  apiBasePath: string
  websiteDomain: string | undefined
  websiteBasePath: string
  tokenTransferMethod: TokenTransferMethod
  sessionTokenBackendDomain: string | undefined
  maxRetryAttemptsForSessionRefresh: number
  sessionExpiredStatusCode: number
  invalidClaimStatusCode: number
  emailVerification: EmailVerificationMode
  interceptGlobalFetch: boolean
  isInIframe: boolean
  shouldInterceptUrl: AuthConfig['shouldInterceptUrl']
  autoAddCredentials: boolean
  clockSkewMs: number | undefined
}

/** The frontend-readable cookies (docs/PROTOCOL.md §3.2). Browser default: `document.cookie`; elsewhere in memory. */
export interface CookieJar {
  /** The whole cookie string, `document.cookie` style: `a=1; b=2`. Called at most once per client operation. */
  read(): string
  /** Writes one cookie (path `/`); `value` undefined deletes it. `expiresAt` is an epoch in milliseconds. */
  write(name: string, value: string | undefined, expiresAt: number): void
  /**
   * Optional: calls `onChange` after every change of the cookies that `write` did not make (another tab, a response's
   * `Set-Cookie`, the page's own script), so a mounted client can trust its last `read` until then. Returns the
   * function that stops watching, or undefined when this jar cannot see every such change (the client then reads on
   * every call). Defaults to the CookieStore `change` event in browsers that have it, nothing elsewhere.
   */
  watch?(onChange: () => void): (() => void) | undefined
}

/** A `localStorage`-like key/value store. Browser default: `localStorage` (memory if it throws). */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** A named mutual-exclusion lock (Web Locks semantics: the lock is held until `fn` settles). */
export interface LockManager {
  request<T>(name: string, fn: () => Promise<T>): Promise<T>
}

/** A message channel shared by the tabs of one origin (BroadcastChannel semantics: the sender does not hear itself). */
export interface BroadcastPort {
  post(message: unknown): void
  subscribe(listener: (message: unknown) => void): () => void
  close(): void
}

/** Everything environmental the client uses. Every field can be overridden through `config.platform`. */
export interface Platform {
  /** The fetch used for the actual requests. Defaults to the global `fetch` (read at call time). */
  fetch: typeof fetch
  /** Defaults to a `document.cookie` jar in browsers, a memory jar elsewhere. */
  cookies: CookieJar
  /** Defaults to `localStorage` in browsers (memory if it throws), memory elsewhere. */
  storage: KeyValueStorage
  /**
   * Defaults to Web Locks (`navigator.locks`) when present; in browsers without them (non-secure origins) or where
   * they fail (site data blocked), a lock through IndexedDB (`createIndexedDbLock`); on servers, an in-memory lock.
   */
  lock: LockManager
  /** Opens the cross-tab channel. Defaults to `BroadcastChannel` in browsers, none (undefined) elsewhere. */
  broadcast: (name: string) => BroadcastPort | undefined
  /** Client clock in epoch milliseconds. Defaults to `Date.now`. */
  now: () => number
  /** Defaults to the global `setTimeout`. */
  setTimeout: (fn: () => void, ms: number) => unknown
  /** Defaults to the global `clearTimeout`. */
  clearTimeout: (handle: unknown) => void
  /** The page origin used to resolve relative URLs, e.g. `https://app.example.com`. Defaults to `location.origin`. */
  origin: () => string | undefined
  /** True on a server (no `window`/`document`). Defaults to detection. */
  isServer: boolean
}

/** Options of `createAuthClient`. Only `apiDomain` is required. */
export interface AuthConfig {
  /** Origin of the auth backend, e.g. `https://api.example.com` (no path). Required. */
  apiDomain: string
  /** Path the auth APIs are mounted on, with a leading slash. Defaults to `/auth`. */
  apiBasePath?: string
  /** Origin of the website, for building absolute links. Defaults to undefined (links stay relative to the page). */
  websiteDomain?: string
  /** Path of the prebuilt auth screens, with a leading slash. Defaults to `/auth`. */
  websiteBasePath?: string
  /** How session tokens travel (docs/PROTOCOL.md §3.3). Defaults to `cookie`. */
  tokenTransferMethod?: TokenTransferMethod
  /**
   * Parent domain whose subdomains also receive the session (e.g. `.example.com`), so requests to them are
   * intercepted too. Defaults to undefined (only the `apiDomain` hostname is intercepted).
   */
  sessionTokenBackendDomain?: string
  /**
   * Domain the frontend-readable session cookies are written for, to share them across subdomains. Defaults to
   * undefined (host-only cookies).
   */
  sessionTokenFrontendDomain?: string
  /** How many refreshes one request may trigger before it rejects (kind `session`). Defaults to `10`. */
  maxRetryAttemptsForSessionRefresh?: number
  /** Status the backend uses for "session expired". Must match the backend. Defaults to `401`. */
  sessionExpiredStatusCode?: number
  /** Status the backend uses for failed claims. Must differ from `sessionExpiredStatusCode`. Defaults to `403`. */
  invalidClaimStatusCode?: number
  /** Email verification mode; anything but `off` enables the `st-ev` claim validator. Defaults to `off`. */
  emailVerification?: EmailVerificationMode
  /**
   * Replace the global `fetch` with `doFetch` while mounted. Several clients in one page (micro-frontends, hot
   * reload) do not fight: the most recently mounted client's patch handles the global `fetch`, and each client's own
   * requests (refresh, sign-out, recipe calls) bypass every authfront patch. Defaults to `false`.
   */
  interceptGlobalFetch?: boolean
  /**
   * Set when the app runs inside an iframe of another site (an embedded widget, a partner's portal): browsers drop
   * `SameSite=Lax` cookies there, so the frontend session cookies are written `SameSite=None; Secure` instead. Needs
   * an https page and a browser that allows the cookies of embedded sites (third-party cookies). Without it, or where
   * the browser still refuses, the client sends requests without a session and reports it once in the store's `error`.
   * Also set the backend's cookie SameSite to `none`. Defaults to `false`.
   */
  isInIframe?: boolean
  /** A refresh call that takes longer than this is aborted and fails with kind `network`. Defaults to `20000`. */
  refreshTimeoutMs?: number
  /**
   * Decides which requests get the session (the official SDK's `override.functions` →
   * `shouldDoInterceptionBasedOnUrl`), in place of the built-in rule (docs/PROTOCOL.md §5.3), for `doFetch`, the
   * global fetch patch and `shouldIntercept`. `url` is absolute (a relative one is resolved against the page);
   * `sessionTokenBackendDomain` is the configured one without its leading dot. A URL it refuses is sent untouched.
   * To narrow the built-in rule, call it: `(url, apiDomain, domain) => !url.includes('/public/') &&
   * isInterceptedUrl(url, { apiDomain, sessionTokenBackendDomain: domain })`. A hook that throws makes the call reject
   * with an `AuthError` of kind `config` (its `cause` is what was thrown). Defaults to the built-in rule.
   */
  shouldInterceptUrl?: (url: string, apiDomain: string, sessionTokenBackendDomain: string | undefined) => boolean
  /**
   * Adds `credentials: 'include'` to intercepted requests that set no `credentials` of their own. Turn it off for
   * APIs that must not receive credentials (an API answering `Access-Control-Allow-Origin: *`): header mode keeps
   * working (the token travels in `Authorization`); cookie mode across origins then needs the caller's own
   * `credentials: 'include'`. The refresh call always sends credentials, as in the official SDK. Defaults to `true`.
   */
  autoAddCredentials?: boolean
  /**
   * The server clock minus the client clock, in ms (a client clock 10 minutes fast: `-600000`), used for token expiry
   * and claim ages instead of the skew measured from each front token's `iat` (docs/PROTOCOL.md §5.9). For backends
   * whose tokens carry no `iat`, or to pin the skew in tests. Defaults to the measured skew.
   */
  clockSkewMs?: number
  /**
   * Claim validators every guard and `validateClaims()` run, after the built-in ones (e.g. a role check). Defaults to
   * none.
   */
  claimValidators?: readonly ClaimValidator[]
  /** Called for every session event, before `on()` listeners. Defaults to none. */
  onEvent?: (event: AuthEvent) => void
  /** Environment overrides (fake clock, memory cookie jar, …). Defaults to the browser or memory platform. */
  platform?: Partial<Platform>
  /**
   * Login recipes beyond email-password (docs/ARCHITECTURE.md "Recipe plugins"), e.g.
   * `[thirdParty({ providers: ['google'] }), passwordless({ contactMethod: 'EMAIL' }), multitenancy()]`.
   */
  recipes?: readonly RecipePlugin[]
}
