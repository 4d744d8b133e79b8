/**
 * Headless UI flows: framework-free state + actions for the prebuilt screens. Bindings render `getState()` as
 * test/contract/MARKUP.md describes and forward DOM events to the actions.
 */
export { createSignInUpFlow } from './signInUp'
export { redirectWithSession } from './sessionRedirect'
export { createResetPasswordFlow } from './resetPassword'
export { createEmailVerificationFlow } from './emailVerification'
export { createThirdPartyCallbackFlow } from './thirdPartyCallback'
export { createMagicLinkFlow } from './magicLink'
export { describeNotFound, resolveAuthRoute } from './authRoute'
export { createPasskeyMfaFlow, createPasskeyRecoveryFlow } from './passkeyScreens'
export { createPasskeySettingsFlow } from './passkeySettings'
export { createSessionAuthState } from './sessionAuth'
export { tryRefresh } from './tryRefresh'
export { createMfaFlow, createMfaSettingsFlow, hasMfaScreens } from './mfaScreens'
export { decideSession } from './decideSession'
export { safeRedirectPath, readQueryParam, joinPath, withQuery, isAuthPath } from './redirect'
export { validateEmail, validatePassword, validatePhone, isEmptyValue } from './validators'
export { en, fr, locales, createTranslator, registerLocale } from './messages'

export type { DecideSessionOptions, SessionDecision } from './decideSession'
export type { TryRefreshFailure, TryRefreshOptions } from './tryRefresh'
export type {
  PasskeyAction,
  PasskeyRecoveryFlowOptions,
  PasskeyScreen,
  PasskeyScreenFlow,
  PasskeyScreenState,
} from './passkeyScreens'
export type {
  PasskeyItemView,
  PasskeySettingsFlow,
  PasskeySettingsOptions,
  PasskeySettingsState,
} from './passkeySettings'
export type { PasskeyRouteName } from './passkeys'
export type { LocaleCode, MessageKey, MessageCatalog, MessageOverrides, Translate } from './messages'
export type {
  ActionView,
  AuthRoute,
  EmailVerificationAction,
  EmailVerificationFlow,
  EmailVerificationFlowOptions,
  EmailVerificationScreen,
  EmailVerificationState,
  FieldConfig,
  FieldOption,
  FieldType,
  FieldValidator,
  FieldValue,
  FieldView,
  FirstFactorOptions,
  FlowClient,
  FlowOptions,
  FlowTimers,
  FocusRequest,
  MagicLinkFlow,
  MagicLinkFlowOptions,
  MagicLinkScreen,
  MagicLinkState,
  MfaFlow,
  MfaFlowOptions,
  MfaPage,
  MfaScreen,
  MfaSettingsOptions,
  MfaState,
  PasswordlessFormView,
  ProviderView,
  ResetPasswordAction,
  ResetPasswordFlow,
  ResetPasswordFlowOptions,
  ResetPasswordScreen,
  ResetPasswordState,
  ScreenFlow,
  ScreenIds,
  ScreenState,
  SessionAuthGuard,
  SessionAuthOptions,
  SessionAuthState,
  SessionAuthStatus,
  SignInUpAction,
  SignInUpFlow,
  SignInUpFlowOptions,
  SignInUpLayout,
  SignInUpScreen,
  SignInUpState,
  SubmitView,
  Theme,
  ThirdPartyCallbackFlow,
  ThirdPartyCallbackFlowOptions,
  ThirdPartyCallbackScreen,
  ThirdPartyCallbackState,
  TotpSetupView,
} from './types'
export { clickActionLink, createFocusTracker, instanceIdPrefix, EYE_ICON, SLASH_ICON } from './bindings'
export { currentPathname, currentSearch } from './core'
export type { LinkClick } from './bindings'
