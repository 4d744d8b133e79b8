/**
 * How the recipe plugins hand the sign-in page the code of their screens (src/plugins.ts). The sign-in flow looks
 * these members up on the client instead of importing the code, so an email-password-only app bundles none of it.
 * Internal: the keys may change in any release.
 */
import type { continueWith, dynamicMethods, extendState, staticMethods } from './firstFactors'
import type { contactFields, createPasswordlessPart } from './passwordlessPart'
import type { WebauthnUi } from './passkeys'

export const PASSWORDLESS_UI = 'authfront:passwordlessUi'
export const LOGIN_METHODS_UI = 'authfront:loginMethodsUi'
export const SIGN_IN_METHODS_UI = 'authfront:signInMethodsUi'
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
  /** The passkey button and sign-up steps of the sign-in page, and the passkey screens of `AuthPage`. */
  [WEBAUTHN_UI]: WebauthnUi
}
