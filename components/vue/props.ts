import type {
  EmailVerificationFlowOptions,
  FirstFactorOptions,
  FlowOptions,
  MagicLinkFlowOptions,
  MfaFlowOptions,
  MfaSettingsOptions,
  PasskeySettingsOptions,
  ResetPasswordFlowOptions,
  SessionAuthOptions,
  SignInUpFlowOptions,
  ThirdPartyCallbackFlowOptions,
  TryRefreshOptions,
} from '../../src/flows'

/**
 * Runtime prop declarations: Vue needs every prop name at runtime (undeclared ones would land on the root element
 * as attributes). `null` accepts any value; booleans are declared so `<SignInUp unstyled />` means `true`, with an
 * `undefined` default so an absent prop keeps the flow's own default. `satisfies` makes a new option fail to compile
 * here until it is declared.
 */
const bool = { type: Boolean, default: undefined } as const

export const flowProps = {
  navigate: null,
  search: null,
  redirectToPath: null,
  defaultRedirectPath: null,
  locale: null,
  messages: null,
  idPrefix: null,
  tenantId: null,
  theme: null,
  unstyled: bool,
  timers: null,
} as const satisfies Record<keyof FlowOptions, unknown>

export const signInUpProps = {
  ...flowProps,
  initialScreen: null,
  signUpFields: null,
  checkEmailExists: bool,
  redirectIfSignedIn: bool,
  onSuccess: null,
  firstFactors: null,
  loginMethods: null,
  resendCooldownSeconds: null,
} as const satisfies Record<keyof (SignInUpFlowOptions & FirstFactorOptions), unknown>

export const resetPasswordProps = {
  ...flowProps,
  token: null,
  validatePassword: null,
} as const satisfies Record<keyof ResetPasswordFlowOptions, unknown>

export const emailVerificationProps = {
  ...flowProps,
  token: null,
  resendCooldownSeconds: null,
} as const satisfies Record<keyof EmailVerificationFlowOptions, unknown>

export const thirdPartyCallbackProps = {
  ...flowProps,
  url: null,
} as const satisfies Record<keyof ThirdPartyCallbackFlowOptions, unknown>

export const magicLinkLandingProps = {
  ...flowProps,
  url: null,
} as const satisfies Record<keyof MagicLinkFlowOptions, unknown>

export const mfaPageProps = {
  ...flowProps,
  page: null,
} as const satisfies Record<keyof MfaFlowOptions, unknown>

export const mfaSettingsProps = {
  navigate: null,
  locale: null,
  messages: null,
  idPrefix: null,
  theme: null,
  unstyled: bool,
  timers: null,
} as const satisfies Record<keyof MfaSettingsOptions, unknown>

export const sessionAuthProps = {
  requireAuth: bool,
  onSessionExpired: null,
  navigate: null,
  currentPath: null,
  redirectToVerifyEmail: bool,
  claimValidators: null,
  maxRedirects: null,
  loopWindowMs: null,
  storage: null,
  now: null,
  locale: null,
  messages: null,
  theme: null,
  unstyled: bool,
} as const satisfies Record<keyof SessionAuthOptions, unknown>

export const passkeySettingsProps = {
  ...flowProps,
  email: null,
  recipeUserId: null,
} as const satisfies Record<keyof PasskeySettingsOptions, unknown>

export const tryRefreshProps = {
  onRefreshed: null,
  onSignedOut: null,
  navigate: null,
  currentPath: null,
  loopWindowMs: null,
  storage: null,
  now: null,
} as const satisfies Record<keyof TryRefreshOptions, unknown>

/** A screen a recipe plugin creates (the passkey pages of `AuthPage`): the flow options and its factory. */
export const pluginScreenProps = { ...flowProps, create: null } as const
