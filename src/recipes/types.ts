/**
 * Public types of the opt-in login recipes (docs/ARCHITECTURE.md "Recipe plugins"): ThirdParty, Passwordless and
 * Multitenancy's login methods. An app that does not pass a recipe's plugin to `createAuthClient` bundles none of
 * its code.
 */
import type { InternalConfig } from '../client/config'
import type { AuthClient, ClaimValidator, GeneralError, KeyValueStorage, Platform, User } from '../client/types'
import type { RecipeRequester } from './request'

/** A social / OIDC provider the sign-in page offers. */
export interface ThirdPartyProvider {
  /** The backend's `thirdPartyId`, e.g. `google`. */
  id: string
  /** Shown as "Continue with {name}". Defaults to a known provider's name, else the id. */
  name: string
  /**
   * The provider's mark beside the name: SVG path data in a 24 × 24 viewBox. A provider supertokens-node has built in
   * has its brand mark (from Simple Icons); others have none.
   */
  mark?: string
}

/** Options of `thirdParty()`. */
export interface ThirdPartyOptions {
  /** Providers as ids of well-known providers (`google`, `github`, `apple`, …) or `{ id, name }`. */
  providers: ReadonlyArray<string | { id: string; name?: string }>
  /** Sent as `clientType` when the backend configures several clients per provider. */
  clientType?: string
  /** Where the state of a started sign-in lives until the callback. Defaults to `sessionStorage` (memory if blocked). */
  storage?: KeyValueStorage
  /** Full-page navigation to the provider. Defaults to `location.assign`. */
  navigate?: (url: string) => void
}

/** Options of a provider sign-in started from the auth page. */
export interface ThirdPartyRedirectOptions {
  /** Same-origin path to return to after sign-in; kept in the stored state. */
  redirectToPath?: string
  tenantId?: string
}

/** Why a callback was refused before any request (docs/RECIPES.md §2.2). */
export type ThirdPartyStateError = 'STATE_MISSING' | 'STATE_EXPIRED' | 'STATE_MISMATCH'

export type ThirdPartyCallbackResult =
  | { status: 'OK'; user: User; createdNewRecipeUser: boolean; redirectToPath: string | undefined }
  | { status: 'NO_EMAIL_GIVEN_BY_PROVIDER' }
  | { status: 'SIGN_IN_UP_NOT_ALLOWED'; reason: string }
  | { status: ThirdPartyStateError }
  /** The provider answered the callback with `error` (e.g. `access_denied` when the user cancelled consent). */
  | { status: 'PROVIDER_ERROR'; error: string; description: string | undefined }
  | GeneralError

/** `auth.thirdParty`. */
export interface ThirdPartyApi {
  /** The configured providers, with display names. */
  readonly providers: ThirdPartyProvider[]
  /**
   * Asks the backend for the provider's authorisation URL, stores the sign-in state (and PKCE verifier) and returns
   * the URL with `state` added. `redirectToProvider` also navigates.
   */
  getAuthorisationUrl(
    thirdPartyId: string,
    options?: ThirdPartyRedirectOptions,
  ): Promise<{ status: 'OK'; url: string } | GeneralError>
  redirectToProvider(
    thirdPartyId: string,
    options?: ThirdPartyRedirectOptions,
  ): Promise<{ status: 'OK' } | GeneralError>
  /**
   * On `{websiteBasePath}/callback/{thirdPartyId}`: checks `state`, signs in or up, and clears the stored state so a
   * reload cannot replay a used code. Runs once per URL: a second call (StrictMode, double mount) gets the same
   * promise. Network failures and 4xx/5xx reject with `AuthError`.
   */
  handleCallback(options?: { url?: string }): Promise<ThirdPartyCallbackResult>
}

/** Which contact the passwordless form asks for; must match the backend's `contactMethod`. */
export type ContactMethod = 'EMAIL' | 'PHONE' | 'EMAIL_OR_PHONE'
/** What the backend sent for one login attempt. */
export type PasswordlessFlowType = 'USER_INPUT_CODE' | 'MAGIC_LINK' | 'USER_INPUT_CODE_AND_MAGIC_LINK'

/** Options of `passwordless()`. */
export interface PasswordlessOptions {
  contactMethod: ContactMethod
  /** Where the login attempt lives. Defaults to the client's storage (`localStorage`), shared by the tabs. */
  storage?: KeyValueStorage
}

/**
 * A started login attempt, stored under the official SDK's key and shape so either SDK can finish it
 * (docs/RECIPES.md §3.3). Survives a reload.
 */
export interface LoginAttempt {
  version: 1
  tenantId: string | undefined
  deviceId: string
  preAuthSessionId: string
  flowType: PasswordlessFlowType
  /** True for an attempt started as a second factor (docs/RECIPES.md §4.4): resend and consume send it too. */
  shouldTryLinkingWithSessionUser: boolean
  /** Epoch ms of the last code sent, for the resend countdown. */
  lastResend: number
  contactMethod: 'EMAIL' | 'PHONE'
  contactInfo: string
  redirectToPath: string | undefined
}

export type CreateCodeInput = ({ email: string } | { phoneNumber: string }) & {
  tenantId?: string
  /** Same-origin path to return to after sign-in; kept in the attempt. */
  redirectToPath?: string
  /**
   * Second factor (docs/RECIPES.md §4.4): the code completes `otp-email`/`otp-phone` for the signed-in user instead of
   * signing in. Needs a session (without one the backend answers 401). Defaults to `false`.
   */
  shouldTryLinkingWithSessionUser?: boolean
}

export type CreateCodeResult =
  { status: 'OK'; attempt: LoginAttempt } | { status: 'SIGN_IN_UP_NOT_ALLOWED'; reason: string } | GeneralError

/** `RESTART_FLOW_ERROR` also when there is no stored attempt (nothing is sent then). */
export type ResendCodeResult = { status: 'OK'; attempt: LoginAttempt } | { status: 'RESTART_FLOW_ERROR' } | GeneralError

export type ConsumeCodeResult =
  | { status: 'OK'; user: User; createdNewRecipeUser: boolean; redirectToPath: string | undefined }
  | {
      status: 'INCORRECT_USER_INPUT_CODE_ERROR' | 'EXPIRED_USER_INPUT_CODE_ERROR'
      failedCodeInputAttemptCount: number
      maximumCodeInputAttempts: number
    }
  | { status: 'RESTART_FLOW_ERROR' }
  | { status: 'SIGN_IN_UP_NOT_ALLOWED'; reason: string }
  | GeneralError

/** What a magic link carries (`/verify?preAuthSessionId=…&tenantId=…#linkCode`). */
export interface MagicLink {
  preAuthSessionId: string
  tenantId: string | undefined
  linkCode: string
  /** True when this browser holds the attempt the link belongs to: safe to consume without asking. */
  isSameBrowser: boolean
}

export type ConsumeMagicLinkResult =
  | Exclude<ConsumeCodeResult, { failedCodeInputAttemptCount: number }>
  /** The URL lacks `preAuthSessionId` or the `#linkCode` fragment: nothing was sent. */
  | { status: 'INVALID_LINK' }

/** `auth.passwordless`. */
export interface PasswordlessApi {
  readonly contactMethod: ContactMethod
  createCode(input: CreateCodeInput): Promise<CreateCodeResult>
  resendCode(): Promise<ResendCodeResult>
  consumeCode(input: { userInputCode: string }): Promise<ConsumeCodeResult>
  /** Reads a magic link (default: the current URL); `undefined` when it lacks a part. */
  readMagicLink(url?: string): MagicLink | undefined
  consumeMagicLink(options?: { url?: string }): Promise<ConsumeMagicLinkResult>
  getLoginAttempt(): LoginAttempt | undefined
  clearLoginAttempt(): void
}

/** A first factor id as the backend names it. */
export type FirstFactor =
  'emailpassword' | 'thirdparty' | 'otp-email' | 'otp-phone' | 'link-email' | 'link-phone' | 'webauthn' | (string & {})

/** A tenant's login methods (`GET loginmethods`), normalised as the official SDK does. */
export interface LoginMethods {
  status: 'OK'
  firstFactors: FirstFactor[]
  /** Providers with the backend's names (may be absent). */
  providers: Array<{ id: string; name: string | undefined }>
}

/** The members recipe plugins add to the client. Flows and bindings accept a client with any of them. */
export interface RecipeClients {
  readonly thirdParty: ThirdPartyApi
  readonly passwordless: PasswordlessApi
  /**
   * The tenant's login methods (`multitenancy()` plugin). Rejects with `AuthError` (a 404 when the backend has no
   * Multitenancy recipe: fall back to static config).
   */
  getLoginMethods(options?: { tenantId?: string; clientType?: string }): Promise<LoginMethods | GeneralError>
}

/** What a recipe plugin builds its calls from. */
export interface RecipeContext {
  config: InternalConfig
  platform: Platform
  /** A requester that sends with this recipe id (`rid`); `skipProbe` as for calls that never need a session. */
  request(rid: string, skipProbe?: boolean): RecipeRequester
  /** Adds a global claim validator (after the built-in ones, before the app's `claimValidators`). */
  addClaimValidator(validator: ClaimValidator): void
  /**
   * The client the plugin is added to, for its session. What other plugins add appears on it only once every plugin
   * ran: read those members lazily, never while the plugin is created.
   */
  client: AuthClient
}

/**
 * A recipe plugin: `createAuthClient({ recipes: [plugin] })` calls it once and adds what it returns to the client
 * (e.g. `{ thirdParty }`), typed from the plugins passed.
 */
export type RecipePlugin<T extends object = object> = (context: RecipeContext) => T
