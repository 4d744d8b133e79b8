/**
 * Public types of the headless flows. Every binding (React, Vue, Angular) renders a flow's state the same way,
 * following test/contract/MARKUP.md, and forwards DOM events to the flow's actions. Nothing here touches the DOM.
 */
import type { AuthClient, ClaimValidationError, ClaimValidator } from '../client/types'
import type { FactorClients } from '../recipes/factorTypes'
import type { FirstFactor, RecipeClients } from '../recipes/types'
import type { LocaleCode, MessageCatalog, MessageOverrides } from './messages'
import type { RecipeUi } from './recipeUi'
import type { PasskeyFlowName, PasskeyRouteName, PasskeySignUpScreen } from './passkeys'

/** How a field is rendered: `<input type=…>`, `<select>` or a checkbox. */
/** A status's kind: something done, something under way, or a warning (never an error: those are alerts). */
export type StatusTone = 'success' | 'progress' | 'warning'

export type FieldType = 'text' | 'email' | 'tel' | 'password' | 'select' | 'checkbox'

/** A field value: text for inputs and selects, boolean for checkboxes. */
export type FieldValue = string | boolean

/** One choice of a `select` field. */
export interface FieldOption {
  value: string
  /** Literal text. Wins over `labelKey`. */
  label?: string
  /** A message key (or any key present in `messages` overrides). */
  labelKey?: string
}

/**
 * A field validator. Returns an error (message text, or a message key that the catalog translates) or
 * `undefined` when the value is fine. May be async; stale results are ignored.
 */
export type FieldValidator = (
  value: FieldValue,
  values: Readonly<Record<string, FieldValue>>,
) => string | undefined | Promise<string | undefined>

/**
 * A form field, declared once and rendered natively by every binding. Custom sign-up fields are sent to the
 * backend as extra `formFields` entries (docs/PROTOCOL.md §1.4). An entry with id `email` or `password` overrides
 * the built-in field's label or validator.
 */
export interface FieldConfig {
  id: string
  /** Literal label text. Wins over `labelKey`. */
  label?: string
  /** A message key for the label. Defaults to `field.<id>`. */
  labelKey?: string
  /** Defaults to `text`. */
  type?: FieldType
  /** Optional fields may be left empty and are then not sent. Defaults to `false`. */
  optional?: boolean
  /** Defaults to `''` (or `false` for checkboxes). */
  defaultValue?: FieldValue
  /** Choices of a `select` field. */
  options?: FieldOption[]
  /** The `autocomplete` token. Defaults by type and screen (`email`, `current-password`, `new-password`). */
  autoComplete?: string
  /** Runs after the required check, on blur and on submit. */
  validate?: FieldValidator
}

/** What a binding renders for one field. All texts are already translated; render them as text, never HTML. */
export interface FieldView {
  /** The field id, also the `name` attribute and the `data-af-field` value. */
  id: string
  /** The DOM id of the input/select: `<idPrefix>-<id>`. */
  inputId: string
  /** The DOM id of the error element: `<inputId>-error`. Referenced by `aria-describedby` only while shown. */
  errorId: string
  label: string
  /** `(optional)` marker text for optional fields; `undefined` for required ones. */
  optionalLabel: string | undefined
  type: FieldType
  /** The `type` attribute of the `<input>` (`text` for a revealed password); `undefined` for selects. */
  inputType: 'text' | 'email' | 'tel' | 'password' | 'checkbox' | undefined
  autoComplete: string | undefined
  /** The `inputmode` attribute (`numeric` for one-time codes); `undefined` renders none. */
  inputMode?: 'numeric' | undefined
  isRequired: boolean
  value: FieldValue
  error: string | undefined
  /** Options of a select, starting with the empty placeholder option. */
  options: { value: string; label: string }[] | undefined
  /** The show-password toggle of a password field; `undefined` for other types. */
  toggle: { id: string; label: string; isPressed: boolean } | undefined
}

/** The submit button of a screen. */
export interface SubmitView {
  /** The label to show now: the busy label while submitting, a countdown during a cooldown. */
  label: string
  isBusy: boolean
  isDisabled: boolean
}

/** A secondary action: a link when `href` is set, else a `<button type="button">`. */
export interface ActionView<TAction extends string = string> {
  id: TAction
  label: string
  /** Text shown before the control, e.g. "Don't have an account?". */
  prompt: string | undefined
  /** Real link target, so the action also works as a plain link (middle click, no JavaScript). */
  href: string | undefined
  /** `header` renders under the heading, `footer` after the submit button. */
  placement: 'header' | 'footer'
  isDisabled: boolean
}

/** The DOM ids of one rendered screen (see MARKUP.md). */
export interface ScreenIds {
  form: string
  heading: string
  live: string
  /** The form error (`p[data-af-form-error]`), focused when a submit fails with one. */
  formError: string
}

/** A request to move focus to the element with this DOM id; `seq` changes on every request. */
export interface FocusRequest {
  id: string
  seq: number
}

/** Colour theme hook for authfront.css. `undefined` when the binding renders unstyled. */
export type Theme = 'auto' | 'light' | 'dark'

/** The state every screen flow exposes: everything a binding needs to render MARKUP.md. */
export interface ScreenState<TScreen extends string = string, TAction extends string = string> {
  /** `data-af-root` value. */
  flow:
    | 'signInUp'
    | 'resetPassword'
    | 'emailVerification'
    | 'thirdPartyCallback'
    | 'magicLink'
    | 'mfa'
    | 'mfaSettings'
    | PasskeyFlowName
  /** `data-af-screen` value. */
  screen: TScreen
  /** `data-af-theme` value; `undefined` when `unstyled`. */
  theme: Theme | undefined
  ids: ScreenIds
  heading: string
  description: string | undefined
  fields: FieldView[]
  values: Readonly<Record<string, FieldValue>>
  fieldErrors: Readonly<Record<string, string>>
  /** Form-level error, shown in the live region. */
  formError: string | undefined
  /** Status message, shown in the live region. */
  statusMessage: string | undefined
  /** What the status says, the `data-af-status` value: defined exactly when `statusMessage` is. */
  statusTone: StatusTone | undefined
  /** `undefined` on screens without a submit button. */
  submit: SubmitView | undefined
  actions: ActionView<TAction>[]
  isSubmitting: boolean
  focusRequest: FocusRequest | undefined
}

/** The part of a flow that every binding uses. */
export interface ScreenFlow<TState extends ScreenState = ScreenState> {
  getState(): TState
  /** Returns unsubscribe. */
  subscribe(listener: (state: TState, previous: TState) => void): () => void
  setField(id: string, value: FieldValue): void
  /** Validates the field (and, for the sign-up email, checks that it is free). */
  blurField(id: string): Promise<void>
  togglePasswordVisibility(id: string): void
  submit(): Promise<void>
  /** Runs the action named by an `ActionView.id`. */
  perform(action: TState['actions'][number]['id']): void
  /**
   * Starts the flow's side effects (one-time requests, timers, subscriptions). Reference-counted and safe to
   * call again after unmounting (React StrictMode); one-time requests run once per flow. Returns unmount.
   */
  mount(): () => void
  /** Unmounts for good: cancels timers and subscriptions; later results are ignored. */
  destroy(): void
}

/** Where environment-dependent work goes. Browser defaults; inert on the server. */
export interface FlowTimers {
  /** Defaults to `Date.now`. */
  now(): number
  /** Defaults to the global `setTimeout` (looked up at call time, so fake timers work). */
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Options shared by every flow. Read once at creation. */
export interface FlowOptions {
  /** How to go to another page. Defaults to `location.assign` in browsers and a no-op on the server. */
  navigate?: (path: string) => void
  /** The page query string (`?token=…&redirectToPath=…`). Defaults to `location.search`, `''` on the server. */
  search?: string
  /** Where to go after success. Wins over the URL's `redirectToPath`. Must be a same-origin relative path. */
  redirectToPath?: string
  /** Where to go after success when no valid `redirectToPath` is given. Defaults to `'/'`. */
  defaultRedirectPath?: string
  /** The message catalog, or the tag of a shipped one (`'fr'`). Defaults to `en`. */
  locale?: MessageCatalog | LocaleCode
  /** Per-key text overrides on top of `locale`. */
  messages?: MessageOverrides
  /** Prefix of every DOM id the screen renders. Defaults to `'af'`. */
  idPrefix?: string
  /** Tenant id. Defaults to the URL's `tenantId`, else `public`. */
  tenantId?: string
  /** `data-af-theme` value. Defaults to `'auto'` (follows `prefers-color-scheme`). */
  theme?: Theme
  /** Drop the `data-af-theme` hook so authfront.css does not apply. Defaults to `false`. */
  unstyled?: boolean
  /** Clock and timers. Defaults to the globals. */
  timers?: Partial<FlowTimers>
}

// ---- sign in / sign up -------------------------------------------------------------------------------------

/**
 * `signIn` / `signUp`: the page with every first factor; `code`: the one-time code entry; `linkSent`: "check your
 * inbox" after a magic link was sent. `code` and `linkSent` are full-page screens (the other methods are hidden).
 */
export type SignInUpScreen = 'signIn' | 'signUp' | 'code' | 'linkSent' | PasskeySignUpScreen
export type SignInUpAction =
  'toSignIn' | 'toSignUp' | 'toForgotPassword' | 'resendCode' | 'toContactForm' | 'toRecoverAccount' | 'toPasskeyEmail'

/** A "Continue with {name}" button (`button[data-af-provider=id]`). */
export interface ProviderView {
  id: string
  /** The button text and accessible name: "Continue with Google". */
  label: string
  /** The provider's mark (SVG path data, 24 × 24), drawn before the label and hidden from assistive technology. */
  mark?: string
  /** True while any provider redirect is starting (and after one started). */
  isDisabled: boolean
  /** True on the button whose redirect is starting. */
  isBusy: boolean
}

/** The passwordless contact form shown beside the other methods on `signIn` / `signUp`. */
export interface PasswordlessFormView {
  /** DOM id of its `<form>`. */
  formId: string
  /** Its accessible name (`aria-label`). */
  label: string
  /** The contact field(s): `contactEmail`, `contactPhone` or `contact` (email or phone). */
  fields: FieldView[]
  submit: SubmitView
}

/**
 * Which layout a binding renders for `signIn` / `signUp` (MARKUP.md "Sign-in methods"): `form` is the historic
 * email-password form alone (markup unchanged); `methods` puts the heading, form error and live region at the root,
 * then the provider buttons, the email-password form and the passwordless form, separated by dividers.
 * `code` and `linkSent` always render as `form`.
 */
export type SignInUpLayout = 'form' | 'methods'

export type SignInUpState = ScreenState<SignInUpScreen, SignInUpAction> & {
  /** True once sign-in/up succeeded and the redirect was requested. */
  isComplete: boolean
  layout: SignInUpLayout
  /** True while the tenant's login methods load (`loginMethods: 'dynamic'`): render the heading and status only. */
  isLoadingMethods: boolean
  /** Whether the email-password form is shown (`fields` and `submit` describe it). */
  hasEmailPassword: boolean
  /** Provider buttons; empty when ThirdParty is not a first factor. */
  providers: ProviderView[]
  /** The passwordless contact form on `signIn` / `signUp`; `undefined` when Passwordless is not a first factor. */
  passwordlessForm: PasswordlessFormView | undefined
  /** Text of the divider between methods (`or`); rendered once, read once. */
  dividerLabel: string
  /** Whole seconds before "Resend" is enabled on `code` / `linkSent`; 0 when enabled. */
  cooldownSeconds: number
  /** The contact a code or link was sent to, on `code` / `linkSent`. */
  contactInfo: string | undefined
}

/** A client that may carry recipe plugins: flows use the ones present. */
export type FlowClient = AuthClient & Partial<RecipeClients> & Partial<FactorClients> & Partial<RecipeUi>

export interface SignInUpFlowOptions extends FlowOptions {
  /** Defaults to `signUp` when the URL has `show=signup`, else `signIn`. `code` / `linkSent` count as `signIn`. */
  initialScreen?: SignInUpScreen
  /** Extra sign-up fields, after email and password; entries with id `email`/`password` override those. */
  signUpFields?: FieldConfig[]
  /** Check on sign-up email blur whether the email is taken (docs/PROTOCOL.md §2.1). Defaults to `true`. */
  checkEmailExists?: boolean
  /** When a session already exists on mount, redirect at once (docs/PROTOCOL.md §5.11). Defaults to `true`. */
  redirectIfSignedIn?: boolean
  /** Called after a successful sign-in/up, before navigating. */
  onSuccess?: (context: { action: SignInUpScreen; redirectTo: string }) => void
}

/**
 * The sign-in page's choice of first factors. Separate from `SignInUpFlowOptions` so bindings that list every
 * option by name (Vue props) opt in explicitly; `createSignInUpFlow` takes both.
 */
export interface FirstFactorOptions {
  /**
   * The first factors to offer (`emailpassword`, `thirdparty`, `otp-email`, `link-email`, `otp-phone`,
   * `link-phone`). Factors whose recipe plugin the client lacks are dropped. Defaults to every factor the client
   * has: email-password, plus ThirdParty and Passwordless when their plugins are present.
   */
  firstFactors?: readonly FirstFactor[]
  /**
   * `'dynamic'` reads the tenant's first factors and providers with `getLoginMethods` (the `multitenancy()` plugin)
   * on mount, and falls back to the static set when that fails. Defaults to `'static'`.
   */
  loginMethods?: 'static' | 'dynamic'
  /** Seconds "Resend" stays disabled after a code or link was sent. Defaults to `15`. */
  resendCooldownSeconds?: number
}

export interface SignInUpFlow extends ScreenFlow<SignInUpState> {
  toSignIn(): void
  toSignUp(): void
  /** Navigates to `<websiteBasePath>/reset-password`. */
  toForgotPassword(): void
  /**
   * Starts the provider sign-in (`redirectToProvider` with the screen's tenant and redirect path). `webauthn` is the
   * passkey button: a passkey sign-in on `signIn`, the passkey sign-up steps on `signUp`.
   */
  continueWith(providerId: string): Promise<void>
  /** Submits the passwordless contact form (`createCode`). */
  submitPasswordless(): Promise<void>
  /** Sends the code or link again (`code` / `linkSent`). */
  resendCode(): Promise<void>
  /** Drops the login attempt and shows the contact form again ("Change email"). */
  toContactForm(): void
}

// ---- ThirdParty callback and magic-link landing -------------------------------------------------------------

export type ThirdPartyCallbackScreen = 'busy' | 'error'
export type ThirdPartyCallbackState = ScreenState<ThirdPartyCallbackScreen, 'toSignIn'>

export interface ThirdPartyCallbackFlowOptions extends FlowOptions {
  /** The callback URL. Defaults to `location.href`. */
  url?: string
}

export interface ThirdPartyCallbackFlow extends ScreenFlow<ThirdPartyCallbackState> {
  /** Navigates to the auth page (keeping the tenant). */
  toSignIn(): void
}

/** `confirm`: the link was opened in another browser, "Continue" consumes it. */
export type MagicLinkScreen = 'busy' | 'confirm' | 'error'
export type MagicLinkState = ScreenState<MagicLinkScreen, 'toSignIn'>

export interface MagicLinkFlowOptions extends FlowOptions {
  /** The magic-link URL. Defaults to `location.href`. */
  url?: string
}

export interface MagicLinkFlow extends ScreenFlow<MagicLinkState> {
  toSignIn(): void
}

/** Which screen a path under `websiteBasePath` shows (`resolveAuthRoute`). */
export type AuthRoute =
  | { name: 'signInUp' }
  | { name: 'callback'; thirdPartyId: string }
  | { name: 'verify' }
  | { name: 'resetPassword' }
  | { name: 'verifyEmail' }
  | { name: 'mfa'; page: MfaPage }
  | { name: PasskeyRouteName }
  | { name: 'notFound' }

// ---- reset password ----------------------------------------------------------------------------------------

export type ResetPasswordScreen = 'request' | 'sent' | 'newPassword' | 'done'
export type ResetPasswordAction = 'toSignIn' | 'toRequest'
export type ResetPasswordState = ScreenState<ResetPasswordScreen, ResetPasswordAction> & {
  /** The reset token from the URL (`?token=`), if any. */
  token: string | undefined
  /** True after the backend rejected the token. */
  isTokenInvalid: boolean
}

export interface ResetPasswordFlowOptions extends FlowOptions {
  /** The reset token. Defaults to the URL's `token`. */
  token?: string
  /** Rules for the new password. Defaults to the backend's default password rules. */
  validatePassword?: FieldValidator
}

export interface ResetPasswordFlow extends ScreenFlow<ResetPasswordState> {
  /** Navigates to `<websiteBasePath>` (the sign-in page). */
  toSignIn(): void
  /** Shows the "request a reset link" screen (after an invalid token, or to send again). */
  toRequest(): void
}

// ---- email verification ------------------------------------------------------------------------------------

export type EmailVerificationScreen = 'loading' | 'send' | 'verify' | 'success' | 'invalidToken'
export type EmailVerificationAction = 'toApp' | 'toSend' | 'retry' | 'signOut'
export type EmailVerificationState = ScreenState<EmailVerificationScreen, EmailVerificationAction> & {
  token: string | undefined
  /** Whole seconds left before "Resend" is enabled again; 0 when it is enabled. */
  cooldownSeconds: number
}

export interface EmailVerificationFlowOptions extends FlowOptions {
  /** The verification token. Defaults to the URL's `token`. */
  token?: string
  /** Seconds "Resend email" stays disabled after each send. Defaults to `30`. */
  resendCooldownSeconds?: number
}

export interface EmailVerificationFlow extends ScreenFlow<EmailVerificationState> {
  /** Resends the verification email (the submit action of the `send` screen). */
  resend(): Promise<void>
  /** Navigates to the success redirect (`redirectToPath` or the default). */
  toApp(): void
  /** Shows the `send` screen and sends a new email (needs a session, else goes to the auth page). */
  toSend(): void
  /** Retries the last failed request (verify or the check on mount). */
  retry(): void
  /** Signs out and goes to the auth page. */
  signOut(): Promise<void>
}

// ---- session guard -----------------------------------------------------------------------------------------

export type SessionAuthStatus = 'loading' | 'signedIn' | 'signedOut' | 'redirecting' | 'accessDenied' | 'loopDetected'

export interface SessionAuthState {
  status: SessionAuthStatus
  /** True when the binding should render its children (signed in, or signed out with `requireAuth: false`). */
  shouldRenderChildren: boolean
  /** Failed claims that led to `accessDenied` (or to the verify-email redirect). */
  invalidClaims: ClaimValidationError[]
  /** Where the guard navigated (or would have, when it stopped a loop). */
  redirectTo: string | undefined
  /** Why the guard stopped redirecting (`loopDetected`). Plain text for developers. */
  diagnostic: string | undefined
  /** Default texts for the access-denied / loop screens (MARKUP.md "SessionAuth"). */
  heading: string
  message: string | undefined
  /** The way forward from `loopDetected`: a link to the auth page. */
  signInLink: { href: string; label: string } | undefined
  theme: Theme | undefined
}

export interface SessionAuthOptions {
  /** Redirect signed-out users to the auth page. Defaults to `true`. */
  requireAuth?: boolean
  /** Called instead of redirecting when a session that existed ends (expired or revoked). */
  onSessionExpired?: () => void
  /** Defaults to `location.assign` in browsers and a no-op on the server. */
  navigate?: (path: string) => void
  /** The path to come back to after signing in. Defaults to `location.pathname + search + hash`. */
  currentPath?: () => string
  /**
   * With `emailVerification: 'required'`, send users with an unverified email to `<websiteBasePath>/verify-email`.
   * When `false` they get `accessDenied`. Defaults to `true`.
   */
  redirectToVerifyEmail?: boolean
  /**
   * The claim validators this guard runs instead of the client's global ones, e.g.
   * `(globals) => [...globals, isAdmin]`, or `() => []` for a page every signed-in user may see. Defaults to the
   * global validators.
   */
  claimValidators?: (globals: readonly ClaimValidator[]) => readonly ClaimValidator[]
  /**
   * More guard redirects than this within `loopWindowMs`, with no working session in between, stop the guard.
   * Defaults to `3`.
   */
  maxRedirects?: number
  /** Defaults to `10_000`. */
  loopWindowMs?: number
  /** Where redirect timestamps survive page loads. Defaults to `sessionStorage`, else memory. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
  /** Defaults to `Date.now`. */
  now?: () => number
  locale?: MessageCatalog | LocaleCode
  messages?: MessageOverrides
  theme?: Theme
  unstyled?: boolean
}

export interface SessionAuthGuard {
  getState(): SessionAuthState
  subscribe(listener: (state: SessionAuthState, previous: SessionAuthState) => void): () => void
  /** Subscribes to the client and decides. Reference-counted; returns unmount. */
  mount(): () => void
  destroy(): void
}

// ---- second factors (docs/RECIPES.md §4.5–§4.7) --------------------------------------------------------------

/** The MFA pages: the factor chooser (`{websiteBasePath}/mfa`) and one page per second factor. */
export type MfaPage = 'chooser' | 'totp' | 'otp-email' | 'otp-phone'

/**
 * `loading` while the MFA info loads; `chooser`; `accessDenied` (no factor, a failed request, a removed device);
 * TOTP: `totpSetup` (QR code and code), `totpVerify`, `locked` (too many wrong codes, with a countdown); email/SMS
 * code: `contact` (ask for the email or phone), `code`; `MfaSettings`: `devices`, `confirmRemove` (and `totpSetup`).
 */
export type MfaScreen =
  | 'loading'
  | 'chooser'
  | 'accessDenied'
  | 'totpSetup'
  | 'totpVerify'
  | 'locked'
  | 'contact'
  | 'code'
  | 'linkSent'
  | 'devices'
  | 'confirmRemove'

/** What the TOTP set-up screen shows besides the code field (MARKUP.md "Second factors"). */
export interface TotpSetupView {
  /** The QR code of the device's `otpauth://` URI, as one SVG path in a `size`×`size` box; absent while it loads. */
  qr: { size: number; path: string; label: string } | undefined
  /** "Can't scan? Enter this key", while the key is hidden. */
  reveal: { label: string } | undefined
  /** The key for manual entry, once revealed, with its Copy button. */
  secret: { id: string; value: string; copyLabel: string } | undefined
}

export type MfaState = ScreenState<MfaScreen, string> & {
  /** The TOTP set-up block; `undefined` on other screens. */
  totpSetup: TotpSetupView | undefined
  /** The lock-out countdown text ("Try again in 14:59"); `undefined` on other screens. */
  countdown: string | undefined
  /** True once the factor is done and the redirect was requested. */
  isComplete: boolean
}

export interface MfaFlowOptions extends FlowOptions {
  /** Which page. */
  page: MfaPage
}

export interface MfaFlow extends ScreenFlow<MfaState> {
  /** Removes an unverified TOTP device, signs out and goes to the auth page. */
  signOut(): Promise<void>
  /** Shows the TOTP key as text. */
  showSecret(): void
  /** Copies the TOTP key to the clipboard. */
  copySecret(): Promise<void>
}

export type MfaSettingsOptions = Omit<FlowOptions, 'redirectToPath' | 'defaultRedirectPath' | 'tenantId' | 'search'>
