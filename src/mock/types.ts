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
  /**
   * Turns the ThirdParty recipe on, with a built-in fake OAuth provider (see the README of `authfront/mock`).
   * Defaults to off: the ThirdParty endpoints answer 404, as node without the recipe.
   */
  thirdParty?: MockThirdPartyOptions
  /** Turns the Passwordless recipe on. Defaults to off: its endpoints answer 404. */
  passwordless?: MockPasswordlessOptions
  /**
   * Tenants besides `public` (which always exists), with the login methods each allows. When given, a tenant
   * segment naming another tenant answers 500 "Tenant not found". Defaults to every tenant existing with every
   * enabled login method.
   */
  tenants?: Record<string, MockTenantConfig>
  /** Turns the WebAuthn (passkeys) recipe on (`{}` for the defaults). Defaults to off: its endpoints answer 404. */
  webauthn?: MockWebauthnOptions
  /**
   * Turns MultiFactorAuth (the `st-mfa` claim, `PUT mfa/info`) and TOTP on (see the README of `authfront/mock`).
   * Defaults to off: access tokens carry no `st-mfa` and those endpoints answer 404, as node without the recipes.
   */
  multiFactor?: MockMultiFactorOptions
}

/** Options of MultiFactorAuth and TOTP (docs/RECIPES.md §4). */
export interface MockMultiFactorOptions {
  /**
   * First factors of every tenant without its own `firstFactors` (`emailpassword`, `thirdparty`, `otp-email`, …).
   * Defaults to every factor of the enabled recipes.
   */
  firstFactors?: string[]
  /**
   * Secondary factors every user must complete one of (node's tenant `requiredSecondaryFactors`), e.g. `['totp']`.
   * `controls.multiFactor.require()` changes it at runtime. Defaults to none.
   */
  requiredSecondaryFactors?: string[]
  /**
   * Secondary factors required of single users, by email (node's user metadata), added to the tenant's.
   * Defaults to none.
   */
  usersRequiring?: Record<string, string[]>
  /**
   * The TOTP recipe: `false` leaves it out (its endpoints answer 404 and `totp` is no factor), or `{ issuer }`, the
   * name authenticator apps show, and `secret`: the key every new device gets (base32, at least 16 characters), for
   * screenshots and snapshots that show the QR code. Defaults to on with issuer `authfront mock` and a random key
   * (20 bytes) per device.
   */
  totp?: boolean | { issuer?: string; secret?: string }
}

/** A TOTP device as the mock stores it (see `backend.totp`). */
export interface MockTotpDevice {
  userId: string
  name: string
  /** base32, no padding. */
  secret: string
  verified: boolean
  /** Epoch ms. */
  createdAt: number
}

/** A login method linked to a user, e.g. the email OTP set up as a second factor (docs/RECIPES.md §4.4). */
export interface MockLinkedLoginMethod {
  recipeId: 'passwordless'
  recipeUserId: string
  email?: string
  phoneNumber?: string
  tenantIds: string[]
  timeJoined: number
  verified: boolean
}

/** Options of the WebAuthn recipe (supertokens-node's `getRelyingPartyId`, `getRelyingPartyName`, `getOrigin`). */
export interface MockWebauthnOptions {
  /** The relying party id passkeys are bound to. Defaults to the hostname of `apiDomain`, as node does. */
  rpId?: string
  /** Shown by the browser's passkey dialog. Defaults to `authfront mock`. */
  rpName?: string
  /**
   * The origin `clientDataJSON` must carry. Defaults to `websiteDomain`. Its hostname must end with `rpId`, else
   * both options endpoints answer `INVALID_OPTIONS_ERROR` (docs/RECIPES.md §5.2).
   */
  origin?: string
}

/** A user the fake OAuth provider offers on its consent page. */
export interface MockProviderUser {
  /** The email the provider reports; omit it to test `NO_EMAIL_GIVEN_BY_PROVIDER`. Defaults to none. */
  email?: string
  /** Shown on the consent page. Defaults to the email. */
  name?: string
  /** Whether the provider vouches for the email. Defaults to `true`. */
  emailVerified?: boolean
}

/** A provider of the fake OAuth server. */
export interface MockProviderConfig {
  /** The `thirdPartyId`, e.g. `google` or `okta-acme`. */
  id: string
  /** Shown on the consent page and sent by `loginmethods`. Defaults to none (node then sends no `name`). */
  name?: string
  /** Accounts offered on the consent page. Defaults to two `{id}` users at example.com. */
  users?: MockProviderUser[]
  /**
   * Whether the provider uses PKCE (node does when the provider has no client secret): `authorisationurl` then
   * returns a `pkceCodeVerifier` and `signinup` checks it. Defaults to `true`.
   */
  pkce?: boolean
  /** Skip the consent page: the first user is chosen at once. Defaults to the backend's `autoConsent`. */
  autoConsent?: boolean
}

/** Options of the ThirdParty recipe. */
export interface MockThirdPartyOptions {
  /** Built-in ids (`google`, `github`, `apple`: names and two seeded users each) or full configs. */
  providers: Array<'google' | 'github' | 'apple' | MockProviderConfig>
  /** Every provider skips its consent page and picks its first user (handy in tests). Defaults to `false`. */
  autoConsent?: boolean
}

/** Options of the Passwordless recipe (supertokens-node's `contactMethod` and `flowType`). */
export interface MockPasswordlessOptions {
  /** Defaults to `EMAIL`. */
  contactMethod?: 'EMAIL' | 'PHONE' | 'EMAIL_OR_PHONE'
  /** Defaults to `USER_INPUT_CODE_AND_MAGIC_LINK`. */
  flowType?: 'USER_INPUT_CODE' | 'MAGIC_LINK' | 'USER_INPUT_CODE_AND_MAGIC_LINK'
}

/** One tenant's login methods. */
export interface MockTenantConfig {
  /**
   * Allowed first factors: `emailpassword`, `thirdparty`, `otp-email`, `otp-phone`, `link-email`, `link-phone`.
   * Defaults to every factor of the enabled recipes.
   */
  firstFactors?: string[]
  /** Ids of configured providers this tenant offers. Defaults to every configured provider. */
  providers?: string[]
}

/** A user as the mock stores it. */
export interface MockUser {
  id: string
  /** `''` for a passwordless user known by phone number only. */
  email: string
  /** SHA-256 hex of the password; `''` for ThirdParty and Passwordless users (no password matches it). */
  passwordHash: string
  /** The recipe of the user's login method. Absent means `emailpassword`. */
  recipeId?: 'emailpassword' | 'thirdparty' | 'passwordless' | 'webauthn'
  /** ThirdParty users: the provider and the provider's user id. */
  thirdParty?: { id: string; userId: string }
  /** Passwordless users who signed in by SMS: E.164. */
  phoneNumber?: string
  timeJoined: number
  verified: boolean
  tenantIds: string[]
  fields: Record<string, unknown>
  /** Login methods linked to this user besides its own (it is then a primary user). Defaults to none. */
  linkedLoginMethods?: MockLinkedLoginMethod[]
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

/** One message the mock sent: an email with a link, or a passwordless code (email or SMS). */
export type MockEmail = MockLinkEmail | MockPasswordlessMessage

/** A passwordless code as `createCode`/`resendCode` sent it: the OTP and the magic link are one code. */
export interface MockPasswordlessMessage {
  id: string
  type: 'passwordless'
  /** The email address, or the phone number in E.164. */
  to: string
  channel: 'email' | 'sms'
  tenantId: string
  /** The 6-digit OTP (also present with `flowType: MAGIC_LINK`, though the user is not shown it then). */
  code: string
  /** `{websiteDomain}{websiteBasePath}/verify?preAuthSessionId=…&tenantId=…#linkCode`. */
  link: string
  preAuthSessionId: string
  /** The `flowType` of the attempt, i.e. what the user would see in the message. */
  flowType: 'USER_INPUT_CODE' | 'MAGIC_LINK' | 'USER_INPUT_CODE_AND_MAGIC_LINK'
  sentAt: number
}

/** An email with a single-use link (email verification, password reset, passkey account recovery). */
export interface MockLinkEmail {
  id: string
  type: 'verify-email' | 'reset-password' | 'webauthn-recovery'
  to: string
  userId: string
  tenantId: string
  token: string
  /**
   * `{websiteDomain}{websiteBasePath}/verify-email?token=…&tenantId=…`, `…/reset-password?token=…&tenantId=…` or
   * `…/webauthn/recover?token=…&tenantId=…`.
   */
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
