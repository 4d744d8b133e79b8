export { createAuthClient } from './client/createAuthClient'
export type { RecipeApis } from './client/createAuthClient'
// Opt-in login recipes (docs/ARCHITECTURE.md "Recipe plugins"): an app that does not import one bundles none of it.
export { multitenancy } from './recipes/multitenancy'
export { passwordless } from './recipes/passwordless'
export { thirdParty } from './recipes/thirdParty'
export type {
  ConsumeCodeResult,
  ConsumeMagicLinkResult,
  ContactMethod,
  CreateCodeInput,
  CreateCodeResult,
  FirstFactor,
  LoginAttempt,
  LoginMethods,
  MagicLink,
  PasswordlessApi,
  PasswordlessFlowType,
  PasswordlessOptions,
  RecipeClients,
  RecipeContext,
  RecipePlugin,
  ResendCodeResult,
  ThirdPartyApi,
  ThirdPartyCallbackResult,
  ThirdPartyOptions,
  ThirdPartyProvider,
  ThirdPartyRedirectOptions,
  ThirdPartyStateError,
} from './recipes/types'
export { AuthError, isAuthError } from './client/errors'
export {
  createMemoryBroadcastHub,
  createMemoryCookieJar,
  createMemoryLock,
  createMemoryStorage,
  createPlatform,
  createSafeStorage,
  createStorageLock,
} from './client/platform'
export { decodeFrontToken, encodeFrontToken } from './session/frontToken'
export { isInterceptedUrl } from './session/interceptor'
export { EMAIL_VERIFICATION_CLAIM, FDI_VERSION, SKIP_INTERCEPTION_HEADER } from './client/wire'
// Headless flows (docs/ARCHITECTURE.md): for custom UIs and other frameworks; tree-shaken away by apps that use only the client.
export {
  createEmailVerificationFlow,
  createResetPasswordFlow,
  createSessionAuthState,
  createSignInUpFlow,
  createTranslator,
  registerLocale,
  decideSession,
  en,
  fr,
  isAuthPath,
  locales,
  safeRedirectPath,
  validateEmail,
  validatePassword,
} from './flows'

export type { AuthErrorKind } from './client/errors'
export type { StorageLockOptions } from './client/platform'
export type { FrontToken } from './session/frontToken'
export type {
  DecideSessionOptions,
  EmailVerificationFlow,
  EmailVerificationFlowOptions,
  EmailVerificationState,
  FieldConfig,
  FieldView,
  LocaleCode,
  MessageCatalog,
  MessageKey,
  MessageOverrides,
  ResetPasswordFlow,
  ResetPasswordFlowOptions,
  ResetPasswordState,
  ScreenState,
  SessionAuthGuard,
  SessionAuthOptions,
  SessionAuthState,
  SessionDecision,
  SignInUpFlow,
  SignInUpFlowOptions,
  SignInUpState,
  Theme,
} from './flows'
export type {
  AuthClient,
  AuthConfig,
  AuthEvent,
  AuthEventOf,
  AuthEventType,
  BroadcastPort,
  ClaimValidationError,
  CookieJar,
  EmailPasswordApi,
  EmailVerificationApi,
  EmailVerificationMode,
  FieldErrorResult,
  FieldErrors,
  GeneralError,
  KeyValueStorage,
  LockManager,
  LoginMethod,
  Platform,
  ResetPasswordInput,
  ResetPasswordResult,
  ResolvedAuthConfig,
  SendPasswordResetEmailResult,
  SendVerificationEmailResult,
  SessionApi,
  SessionState,
  SignInInput,
  SignInResult,
  SignUpInput,
  SignUpResult,
  TokenTransferMethod,
  User,
  VerifyEmailResult,
} from './client/types'
