/**
 * Public types of the second-factor and passkey plugins (docs/RECIPES.md §4–§5): MultiFactorAuth (`multiFactor()`),
 * TOTP (`totp()`) and WebAuthn (`webauthn()`). An app that does not pass these plugins bundles none of their code.
 */
import type { GeneralError, User } from '../client/types'

/** A factor id as the backend names it. */
export type FactorId =
  | 'emailpassword'
  | 'thirdparty'
  | 'otp-email'
  | 'otp-phone'
  | 'link-email'
  | 'link-phone'
  | 'totp'
  | 'webauthn'
  | (string & {})

/** The `st-mfa` claim of the access token payload, read from the front token (unsigned: never authorise with it). */
export interface MfaClaim {
  /** Factors completed in this session, with when (seconds since epoch; milliseconds for sessions back-filled by node). */
  completed: Partial<Record<FactorId, number>>
  /** True when the MFA requirements for auth are met. */
  satisfied: boolean
}

/** `PUT mfa/info`: what the session user can do next (docs/RECIPES.md §4.2). */
export interface MfaInfo {
  status: 'OK'
  factors: {
    /** The next set of unsatisfied factors (complete one of them); empty when MFA is satisfied. */
    next: FactorId[]
    /** Factors the user can complete already (login methods, verified TOTP devices, passkeys). */
    alreadySetup: FactorId[]
    /** Factors the user may set up now. */
    allowedToSetup: FactorId[]
  }
  /** Per factor, the emails usable for it, best first. */
  emails: Partial<Record<FactorId, string[]>>
  /** Per factor, the phone numbers usable for it, best first. */
  phoneNumbers: Partial<Record<FactorId, string[]>>
}

/** Options of `multiFactor()`. */
export interface MultiFactorOptions {
  /**
   * Second factors the app has screens for, in the order the chooser lists them. Defaults to those the other plugins
   * passed provide (`totp()` → `totp`, `passwordless()` → `otp-email`/`otp-phone`, `webauthn()` → `webauthn`).
   */
  factors?: FactorId[]
}

/** `auth.multiFactor`. */
export interface MultiFactorApi {
  /**
   * `PUT mfa/info`. Updates the `st-mfa` claim when the backend rewrites it. Rejects with `AuthError` without a
   * session, on network failure or a 5xx (a 500 there is a backend configuration error: a required factor nobody
   * may set up).
   */
  getInfo(): Promise<MfaInfo | GeneralError>
  /** The `st-mfa` claim of the current session; undefined without a session or when the backend has no MFA. */
  getClaim(): Promise<MfaClaim | undefined>
  /**
   * Where a user with this info goes: the one factor screen (`{websiteBasePath}/mfa/totp`, …) when exactly one
   * factor of `next` has a screen, else the chooser (`{websiteBasePath}/mfa`). Undefined when MFA is satisfied.
   */
  nextPath(info: MfaInfo): string | undefined
  /** The second factors this client has screens for (`MultiFactorOptions.factors`). */
  readonly factors: readonly FactorId[]
}

/** A wrong code: the backend locks the user out after `maxNumberOfFailedAttempts` consecutive failures. */
export interface InvalidTotpError {
  status: 'INVALID_TOTP_ERROR'
  currentNumberOfFailedAttempts: number
  maxNumberOfFailedAttempts: number
}
/** Too many wrong codes: every attempt fails until `retryAfterMs` has passed. */
export interface TotpLimitReachedError {
  status: 'LIMIT_REACHED_ERROR'
  retryAfterMs: number
}

export interface TotpDevice {
  name: string
  /** Seconds per code. */
  period: number
  /** Codes accepted either side of the current one. */
  skew: number
  verified: boolean
}

export type CreateTotpDeviceResult =
  | {
      status: 'OK'
      deviceName: string
      /** Base32 secret, for manual entry. */
      secret: string
      /** The `otpauth://totp/…` URI the QR code encodes. */
      qrCodeString: string
    }
  | { status: 'DEVICE_ALREADY_EXISTS_ERROR' }
  | GeneralError

export type VerifyTotpDeviceResult =
  | { status: 'OK'; wasAlreadyVerified: boolean }
  | { status: 'UNKNOWN_DEVICE_ERROR' }
  | InvalidTotpError
  | TotpLimitReachedError
  | GeneralError

export type VerifyTotpCodeResult =
  | { status: 'OK' }
  /** The user has no TOTP device at all. */
  | { status: 'UNKNOWN_USER_ID_ERROR' }
  | InvalidTotpError
  | TotpLimitReachedError
  | GeneralError

/**
 * `auth.totp`: every call needs a session. A 403 for the MFA setup rule (adding a device before completing the
 * factor already set up) rejects with `AuthError` kind `session`, the response attached.
 */
export interface TotpApi {
  createDevice(input?: { deviceName?: string }): Promise<CreateTotpDeviceResult>
  /** Verifies a new device with a code from it; completes the `totp` factor in this session. */
  verifyDevice(input: { deviceName: string; totp: string }): Promise<VerifyTotpDeviceResult>
  /** Completes the `totp` factor with a code from any verified device. */
  verifyCode(input: { totp: string }): Promise<VerifyTotpCodeResult>
  listDevices(): Promise<{ status: 'OK'; devices: TotpDevice[] } | GeneralError>
  removeDevice(input: { deviceName: string }): Promise<{ status: 'OK'; didDeviceExist: boolean } | GeneralError>
}

/** What the browser can do (no request). */
export interface WebauthnSupport {
  /** `PublicKeyCredential` exists and the page is a secure context. */
  supported: boolean
  /** A platform authenticator (Touch ID, Windows Hello, Android) is available. */
  platformAuthenticator: boolean
  /** Passkeys can be offered in the email field's autofill (`mediation: 'conditional'`). */
  conditionalMediation: boolean
}

/**
 * Ceremonies that failed in the browser; none of them reaches the backend (docs/RECIPES.md §5.2).
 * `NOT_ALLOWED` is a cancelled or timed-out prompt, or no passkey for this site: browsers do not tell them apart.
 * `SECURITY_ERROR` is almost always an `rpId` that does not match the page's host.
 */
export type WebauthnBrowserError =
  | { status: 'WEBAUTHN_NOT_SUPPORTED' }
  | { status: 'NOT_ALLOWED' }
  | { status: 'AUTHENTICATOR_ALREADY_REGISTERED' }
  | { status: 'SECURITY_ERROR'; message: string }
  | { status: 'ABORTED' }

/** Options the backend refused or forgot. */
export type WebauthnOptionsError =
  | { status: 'INVALID_OPTIONS_ERROR' }
  | { status: 'OPTIONS_NOT_FOUND_ERROR' }
  | { status: 'INVALID_EMAIL_ERROR'; err: string }

export type WebauthnSignUpResult =
  | { status: 'OK'; user: User }
  | { status: 'EMAIL_ALREADY_EXISTS_ERROR' }
  | { status: 'INVALID_CREDENTIALS_ERROR' }
  | { status: 'INVALID_AUTHENTICATOR_ERROR'; reason: string }
  | { status: 'SIGN_UP_NOT_ALLOWED'; reason: string }
  | WebauthnOptionsError
  | WebauthnBrowserError
  | GeneralError

export type WebauthnSignInResult =
  | { status: 'OK'; user: User }
  /** Every verification failure, including an unknown passkey (no enumeration). */
  | { status: 'INVALID_CREDENTIALS_ERROR' }
  | { status: 'SIGN_IN_NOT_ALLOWED'; reason: string }
  | WebauthnOptionsError
  | WebauthnBrowserError
  | GeneralError

export type SendRecoveryEmailResult =
  { status: 'OK' } | { status: 'RECOVER_ACCOUNT_NOT_ALLOWED'; reason: string } | GeneralError

export type RecoverAccountResult =
  | { status: 'OK' }
  | { status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' }
  | { status: 'INVALID_CREDENTIALS_ERROR' }
  | { status: 'INVALID_AUTHENTICATOR_ERROR'; reason: string }
  | WebauthnOptionsError
  | WebauthnBrowserError
  | GeneralError

export type RegisterCredentialResult =
  | { status: 'OK' }
  | { status: 'REGISTER_CREDENTIAL_NOT_ALLOWED'; reason: string }
  | { status: 'INVALID_CREDENTIALS_ERROR' }
  | { status: 'INVALID_AUTHENTICATOR_ERROR'; reason: string }
  | WebauthnOptionsError
  | WebauthnBrowserError
  | GeneralError

export interface PasskeyCredential {
  webauthnCredentialId: string
  recipeUserId: string
  relyingPartyId: string
  /** Epoch ms. */
  createdAt: number
}

/** Options of `webauthn()`. */
export interface WebauthnOptions {
  /**
   * Offer the user's passkeys in the email field's autofill of `<SignInUp/>` where the browser supports conditional
   * mediation. Defaults to `true`.
   */
  autofill?: boolean
}

/** `auth.webauthn` (docs/RECIPES.md §5). */
export interface WebauthnApi {
  /** No request. */
  isSupported(): Promise<WebauthnSupport>
  /** Options for `email` → the browser creates a passkey → `webauthn/signup`. A session on success. */
  signUp(input: {
    email: string
    tenantId?: string
    /** Second factor: add the passkey to the signed-in user (MFA). */
    shouldTryLinkingWithSessionUser?: boolean
  }): Promise<WebauthnSignUpResult>
  /**
   * Options → the browser asks for a passkey → `webauthn/signin`. `mediation: 'conditional'` waits for the user to
   * pick a passkey in the autofill of an `autocomplete="username webauthn"` field; abort it with `signal` before
   * starting another ceremony.
   */
  signIn(input?: {
    tenantId?: string
    mediation?: 'conditional' | 'optional'
    signal?: AbortSignal
    shouldTryLinkingWithSessionUser?: boolean
  }): Promise<WebauthnSignInResult>
  doesEmailExist(input: { email: string; tenantId?: string }): Promise<boolean>
  /** Sends the recovery email (`OK` also for unknown emails: no enumeration). */
  sendRecoveryEmail(input: { email: string; tenantId?: string }): Promise<SendRecoveryEmailResult>
  /**
   * On `{websiteBasePath}/webauthn/recover?token=…`: registers a new passkey for the account. Creates no session:
   * the user signs in with the new passkey afterwards. `token` defaults to the current URL's.
   */
  recoverAccount(input?: { token?: string; tenantId?: string }): Promise<RecoverAccountResult>
  /** Adds a passkey to the signed-in user (`POST webauthn/credential`). */
  registerCredential(input: { email: string; recipeUserId: string }): Promise<RegisterCredentialResult>
  listCredentials(): Promise<{ status: 'OK'; credentials: PasskeyCredential[] } | GeneralError>
  removeCredential(input: {
    webauthnCredentialId: string
  }): Promise<{ status: 'OK' } | { status: 'CREDENTIAL_NOT_FOUND_ERROR' } | GeneralError>
}

/** The members the factor plugins add to the client. */
export interface FactorClients {
  readonly multiFactor: MultiFactorApi
  readonly totp: TotpApi
  readonly webauthn: WebauthnApi
}
