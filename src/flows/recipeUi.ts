/**
 * How the recipe plugins hand the sign-in page the code of their screens (src/plugins.ts). The sign-in flow looks
 * these members up on the client instead of importing the code, so an email-password-only app bundles none of it.
 * Internal: the keys may change in any release.
 */
import type { continueWith, dynamicMethods, extendState, staticMethods } from './firstFactors'
import type { createMfaPageFlow } from './mfa'
import type { contactFields, createPasswordlessPart } from './passwordlessPart'
import type { createTotpSettingsFlow } from './mfaSettings'
import type { createTotpPart } from './totpPart'
import type { WebauthnUi } from './passkeys'

export const PASSWORDLESS_UI = 'authfront:passwordlessUi'
export const LOGIN_METHODS_UI = 'authfront:loginMethodsUi'
export const SIGN_IN_METHODS_UI = 'authfront:signInMethodsUi'
export const MFA_UI = 'authfront:mfaUi'
export const TOTP_UI = 'authfront:totpUi'

/** The second-factor pages (`multiFactor()`): the chooser, and the page around each factor's part. */
export interface MfaUi {
  createFlow: typeof createMfaPageFlow
}

/** The TOTP part of the second-factor page, and `MfaSettings` (`totp()`). */
export interface TotpUi {
  create: typeof createTotpPart
  createSettings: typeof createTotpSettingsFlow
}

export const WEBAUTHN_UI = 'authfront:webauthnUi'

/** Every recipe plugin's share of the sign-in page: which methods it shows, and the provider buttons' action. */
export interface SignInMethodsUi {
  staticMethods: typeof staticMethods
  continueWith: typeof continueWith
  extendState: typeof extendState
}

/** The Passwordless part of the sign-in page: the contact form's fields and the code / link-sent screens. */
export interface PasswordlessUi {
  create: typeof createPasswordlessPart
  contactFields: typeof contactFields
  fieldIds: readonly string[]
}

/** The members the recipe plugins add for the screens. */
export interface RecipeUi {
  [PASSWORDLESS_UI]: PasswordlessUi
  [SIGN_IN_METHODS_UI]: SignInMethodsUi
  /** Reads the tenant's first factors for `loginMethods: 'dynamic'`. */
  [LOGIN_METHODS_UI]: typeof dynamicMethods
  [MFA_UI]: MfaUi
  [TOTP_UI]: TotpUi
  /** The passkey button and sign-up steps of the sign-in page, and the passkey screens of `AuthPage`. */
  [WEBAUTHN_UI]: WebauthnUi
}
