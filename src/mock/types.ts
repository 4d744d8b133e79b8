/**
 * Public types of the mock backend (`authfront/mock`). The mock is an independent implementation of the backend
 * side of docs/PROTOCOL.md: it shares no code with the client.
 */

/** Where session tokens travel (docs/PROTOCOL.md §3.3). */
export type MockTokenTransferMethod = 'cookie' | 'header'

/** Backend anti-CSRF mode (docs/PROTOCOL.md §3.4). */
export type MockAntiCsrfMode = 'NONE' | 'VIA_TOKEN' | 'VIA_CUSTOM_HEADER'

/** Email verification mode of the backend. Anything but `off` adds the `st-ev` claim to access tokens. */
export type MockEmailVerificationMode = 'off' | 'optional' | 'required'

/** A `localStorage`-like store, used to persist the mock's state (e.g. so a browser demo survives a reload). */
export interface MockStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** A user to create when the backend starts. */
export interface MockSeedUser {
  email: string
  password: string
  /** Whether the email is verified. Defaults to `false`. */
  verified?: boolean
  /** Values of custom sign-up fields, e.g. `{ name: 'Ada' }`. Defaults to `{}`. */
  fields?: Record<string, unknown>
  /** Fixed user id (handy for snapshots). Defaults to a random UUID. */
  id?: string
  /** Tenants the user belongs to. Defaults to `['public']`. */
  tenantIds?: string[]
}

/** A custom sign-up form field the backend accepts besides `email` and `password`. */
export interface MockSignUpField {
  id: string
  /** When false, a missing or empty value yields "Field is not optional". Defaults to `false`. */
  optional?: boolean
  /** Returns an error message, or undefined when the value is valid. Defaults to accepting anything. */
  validate?: (value: unknown) => string | undefined
}

/** Options of `createMockBackend`. Only `apiDomain` is required. */
export interface MockBackendOptions {
  /** Origin the mocked API answers on, e.g. `http://localhost:3001` (no path). Required. */
  apiDomain: string
  /** Path the auth APIs are mounted on. Defaults to `/auth`. */
  apiBasePath?: string
  /** Origin of the website, used in email links and to decide SameSite. Defaults to `apiDomain`. */
  websiteDomain?: string
  /** Path of the auth screens on the website, used in email links. Defaults to `/auth`. */
  websiteBasePath?: string
  /** Users to create at start (and after `reset()`). Defaults to none. */
  users?: MockSeedUser[]
  /** Custom sign-up fields accepted besides email and password. Defaults to none. */
  signUpFields?: MockSignUpField[]
  /** Access token lifetime. Defaults to `3_600_000` (1 hour, supertokens-node's default). */
  accessTokenLifetimeMs?: number
  /** Refresh token lifetime (sliding: every refresh starts a new period). Defaults to `8_640_000_000` (100 days). */
  refreshTokenLifetimeMs?: number
  /** Email verification mode. Defaults to `off` (the verification endpoints then answer 404). */
  emailVerification?: MockEmailVerificationMode
  /** Delay added to every response of this backend. Defaults to `0`. */
  latencyMs?: number
  /**
   * Where the users, sessions, outbox and emulated cookies live. `'memory'` forgets everything when the page
   * reloads; `{ storage: localStorage }` survives it. Defaults to `'memory'`.
   */
  persistence?: 'memory' | { storage: MockStorage; key?: string }
  /**
   * Anti-CSRF mode. Defaults to supertokens-node's default: `VIA_CUSTOM_HEADER` when cookies need
   * `SameSite=None` (API and website on different sites or protocols), else `NONE`.
   */
  antiCsrf?: MockAntiCsrfMode
  /** The server clock in epoch milliseconds. Tests pass a fake clock. Defaults to `Date.now`. */
  now?: () => number
  /**
   * Secret from which the ES256 key pair of the access tokens is derived (the public key is served at
   * `{apiBasePath}/jwt/jwks.json`). Defaults to a random secret (persisted along with the state).
   */
  signingSecret?: string
  /**
   * Like supertokens-node's `verifySession({ checkDatabase })`: when false, a revoked session's access token stays
   * valid until it expires (only refresh fails). Defaults to `false`.
   */
  checkDatabase?: boolean
  /**
   * Emulate the browser's store of the httpOnly session cookies inside the mock (see the README of
   * `authfront/mock`). When false, the mock reads cookies only from the request (`Cookie` header, MSW's cookie
   * sources). Defaults to `true`.
   */
  cookieJar?: boolean
  /**
   * Path (on `apiDomain`) of a ready protected demo endpoint answering `GET` with `{ userId, email, verified }`
   * behind session verification, or `false` for none. Defaults to `/api/me`.
   */
  meEndpoint?: string | false
}

/** A user as the mock stores it. */
export interface MockUser {
  id: string
  email: string
  /** SHA-256 hex of the password. */
  passwordHash: string
  timeJoined: number
  verified: boolean
  tenantIds: string[]
  fields: Record<string, unknown>
}

/** A session as the mock stores it. */
export interface MockSession {
  handle: string
  userId: string
  tenantId: string
  createdAt: number
  transferMethod: MockTokenTransferMethod
  /** SHA-256 hex of the current refresh token. */
  refreshTokenHash: string
  /** Hashes of refresh tokens this session has rotated away from: presenting one is token theft. */
  supersededRefreshTokenHashes: string[]
  refreshTokenExpiresAt: number
  /** Anti-CSRF token of the current tokens (`VIA_TOKEN` only). */
  antiCsrfToken: string | null
  /** App claims in the access token payload besides the protocol ones, e.g. `st-ev`. */
  claims: Record<string, unknown>
  revoked: boolean
}

/** The access token payload (also the `up` of the front token). */
export interface MockAccessTokenPayload {
  iat: number
  exp: number
  sub: string
  tId: string
  rsub: string
  sessionHandle: string
  refreshTokenHash1: string
  parentRefreshTokenHash1: string | null
  antiCsrfToken: string | null
  iss: string
  [claim: string]: unknown
}

/** One "email" the mock sent. */
export interface MockEmail {
  id: string
  type: 'verify-email' | 'reset-password'
  to: string
  userId: string
  tenantId: string
  token: string
  /** `{websiteDomain}{websiteBasePath}/verify-email?token=…&tenantId=…` or `…/reset-password?token=…&tenantId=…`. */
  link: string
  sentAt: number
}

/** A cookie in the mock's emulated browser cookie store. */
export interface MockCookie {
  name: string
  value: string
  path: string
  /** Epoch ms. */
  expiresAt: number
}

/** A verified session, as `protect()` hands it to your resolver. */
export interface VerifiedSession {
  userId: string
  tenantId: string
  sessionHandle: string
  transferMethod: MockTokenTransferMethod
  accessTokenPayload: MockAccessTokenPayload
  /** The stored user (undefined if it was deleted while the token was still valid). */
  user: MockUser | undefined
  /**
   * Like supertokens-node's `session.mergeIntoAccessTokenPayload`: the response carries a new access token and
   * `front-token`. Keys with `null` values are removed.
   */
  mergeIntoAccessTokenPayload(update: Record<string, unknown>): void
}

/** What a client would have received when a session was created (see `backend.sessions.create`). */
export interface IssuedSession {
  userId: string
  sessionHandle: string
  transferMethod: MockTokenTransferMethod
  accessToken: string
  refreshToken: string
  antiCsrfToken: string | undefined
  /** The `front-token` header value. */
  frontToken: string
  accessTokenPayload: MockAccessTokenPayload
  /** Access token expiry (`ate`), epoch ms. */
  accessTokenExpiresAt: number
  /** Response headers the session creation would carry (`front-token`, `st-*`, `anti-csrf`, expose list). */
  headers: Record<string, string>
  /** `Set-Cookie` values (cookie mode). */
  setCookies: string[]
  /**
   * The frontend-readable cookies the official client would write afterwards (docs/PROTOCOL.md §3.2):
   * `sFrontToken`, `st-last-access-token-update`, plus `sAntiCsrf` and the header-mode `st-access-token` /
   * `st-refresh-token`.
   */
  frontendCookies: Record<string, string>
}

/** A claim check for `protect()`. */
export interface MockClaimValidator {
  id: string
  /** Returns undefined when valid, else the `reason` put into `claimValidationErrors`. */
  validate(payload: MockAccessTokenPayload): unknown
}

/** Options of `protect()`. */
export interface ProtectOptions {
  /**
   * Claims to check. Defaults to the global ones: the `st-ev` "is verified" check when `emailVerification` is
   * `required`, none otherwise. Pass `[]` to skip claim checks.
   */
  claims?: MockClaimValidator[]
  /** Overrides the backend's `checkDatabase` for this endpoint. Defaults to the backend option. */
  checkDatabase?: boolean
}
