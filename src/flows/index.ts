/**
 * Headless UI flows: framework-free state + actions for the prebuilt screens. Bindings render `getState()` as
 * test/contract/MARKUP.md describes and forward DOM events to the actions.
 */
export { createSignInUpFlow, redirectWithSession } from './signInUp'
export { createResetPasswordFlow } from './resetPassword'
export { createEmailVerificationFlow } from './emailVerification'
export { createSessionAuthState } from './sessionAuth'
export { decideSession } from './decideSession'
export { safeRedirectPath, readQueryParam, joinPath, withQuery, isAuthPath } from './redirect'
export { validateEmail, validatePassword, isEmptyValue } from './validators'
export { en, fr, locales, createTranslator, registerLocale } from './messages'

export type { DecideSessionOptions, SessionDecision } from './decideSession'
export type { LocaleCode, MessageKey, MessageCatalog, MessageOverrides, Translate } from './messages'
export type {
  ActionView,
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
  FlowOptions,
  FlowTimers,
  FocusRequest,
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
  SignInUpScreen,
  SignInUpState,
  SubmitView,
  Theme,
} from './types'
export { clickActionLink, createFocusTracker, instanceIdPrefix } from './bindings'
export type { LinkClick } from './bindings'
