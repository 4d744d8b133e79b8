/**
 * English texts of the login-recipe screens (ThirdParty, Passwordless, the callback and magic-link pages, the
 * routing component). Kept apart from `en` so an email-password-only app does not ship them: the recipe plugins
 * and those screens register them with `addDefaultTexts` when they are created. `fr` holds their translations.
 */
import type { enPasskeys } from './passkeyMessages'

export const enRecipes = {
  'signInUp.heading': 'Sign in or sign up',
  'signInUp.divider': 'or',
  'signInUp.loading': 'Loading sign-in options…',
  'signInUp.success': 'Signed in. Redirecting…',
  'thirdParty.continueWith': 'Continue with {name}',
  'thirdParty.redirecting': 'Redirecting to {name}…',
  'passwordless.formLabel': 'Sign in without a password',
  'passwordless.submit': 'Continue',
  'passwordless.submitBusy': 'Sending…',
  'passwordless.code.heading': 'Enter the code',
  'passwordless.code.description': 'We sent a code to {contact}.',
  'passwordless.codeAndLink.description': 'We sent a code and a link to {contact}.',
  'passwordless.code.submit': 'Continue',
  'passwordless.code.submitBusy': 'Checking…',
  'passwordless.linkSent.heading': 'Check your inbox',
  'passwordless.linkSent.description': 'We sent a link to {contact}. Open it to sign in.',
  'passwordless.resendCode': 'Resend code',
  'passwordless.resendLink': 'Resend link',
  'passwordless.resendIn': 'Resend in {seconds} s',
  'passwordless.codeResent': 'A new code was sent.',
  'passwordless.linkResent': 'A new link was sent.',
  'passwordless.changeEmail': 'Change email',
  'passwordless.changePhone': 'Change phone number',
  'thirdPartyCallback.busy.heading': 'Signing you in',
  'thirdPartyCallback.busy.status': 'Signing in…',
  'thirdPartyCallback.error.heading': 'Sign-in failed',
  'magicLink.busy.heading': 'Signing you in',
  'magicLink.busy.status': 'Signing in…',
  'magicLink.confirm.heading': 'Sign in on this device',
  'magicLink.confirm.description': 'Select Continue to sign in on this device.',
  'magicLink.confirm.submit': 'Continue',
  'magicLink.confirm.submitBusy': 'Signing in…',
  'magicLink.error.heading': 'Sign-in failed',
  'auth.toSignIn': 'Back to sign in',
  'authPage.notFound.heading': 'Page not found',
  'authPage.notFound.message': 'There is no sign-in page at this address.',
  'field.contactEmail': 'Email',
  'field.contactPhone': 'Phone number',
  'field.contact': 'Email or phone number',
  'field.code': 'One-time code',
  'error.phone.invalid': 'Phone number is invalid',
  'error.contact.invalid': 'Enter a valid email or phone number',
  'error.SIGN_IN_UP_NOT_ALLOWED': 'Signing in is not allowed for this account. Please contact support.',
  'error.INCORRECT_USER_INPUT_CODE_ERROR': 'Invalid code. Attempts left: {attemptsLeft}.',
  'error.EXPIRED_USER_INPUT_CODE_ERROR': 'This code has expired. Resend a new one.',
  'error.RESTART_FLOW_ERROR': 'Login unsuccessful. Please try again.',
  'error.resendRestart': 'Login timed out. Please try again.',
  'error.NO_EMAIL_GIVEN_BY_PROVIDER': 'Could not retrieve email. Please try a different method.',
  'error.providerCancelled': 'Sign-in was cancelled. Choose a method to try again.',
  'error.INVALID_LINK': 'Invalid magic link. Please try again.',
} as const

/** A message code of the login-recipe screens (and of the passkey screens, src/flows/passkeyMessages.ts). */
export type RecipeMessageKey = keyof typeof enRecipes | keyof typeof enPasskeys
