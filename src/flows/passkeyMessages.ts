/**
 * English texts of the passkey screens (docs/RECIPES.md §5.4): the passkey button and sign-up steps of the sign-in
 * page, account recovery, the passkey second factor and `PasskeySettings`. Registered by the `webauthn()` plugin
 * (`addDefaultTexts`), so apps without passkeys do not ship them. Written for people rather than copied from the
 * official UI; `fr` holds their translations.
 */
export const enPasskeys = {
  'passkey.signIn': 'Continue with a passkey',
  'passkey.signUp': 'Sign up with a passkey',
  'passkey.busy': 'Waiting for your passkey…',
  'passkey.unsupported': 'This browser cannot use passkeys. Use another sign-in method, or another browser.',
  'passkey.recoverPrompt': 'Lost your passkey?',
  'passkey.recover': 'Recover account',
  'passkey.otherMethod': 'Use another method',
  'passkey.signInInstead': 'Sign in instead',
  'passkey.changeEmail': 'Change email',
  'passkey.email.heading': 'Sign up with a passkey',
  'passkey.email.description': 'Check that your email is right: we will use it to help you recover your account.',
  'passkey.email.submit': 'Continue',
  'passkey.confirm.heading': 'Create a passkey',
  'passkey.confirm.description':
    'Your device will ask you to create a passkey for {email}. You will sign in with your fingerprint, face or screen lock: no password to remember.',
  'passkey.confirm.submit': 'Create a passkey',
  'passkey.confirm.submitBusy': 'Waiting for your device…',
  'error.passkey.INVALID_CREDENTIALS_ERROR':
    'That passkey was not accepted. Try again, or use a passkey saved on another device.',
  'error.passkey.NOT_ALLOWED':
    'The passkey request was cancelled or timed out, or this device has no passkey for this site. Try again, or use another method.',
  'error.passkey.WEBAUTHN_NOT_SUPPORTED': 'This browser cannot use passkeys. Try another browser, or another method.',
  'error.passkey.SECURITY_ERROR':
    'Passkeys are not set up correctly for this site. Use another method, and let the site’s team know.',
  'error.passkey.AUTHENTICATOR_ALREADY_REGISTERED':
    'This device already holds a passkey for this account. Sign in with it, or use another device.',
  'error.passkey.INVALID_AUTHENTICATOR_ERROR':
    'This passkey provider is not accepted here. Try another device or password manager.',
  'error.passkey.options': 'The passkey request expired. Please try again.',
  'error.passkey.EMAIL_ALREADY_EXISTS_ERROR':
    'An account with this email already exists. Sign in instead, or recover your account.',
  'error.passkey.RECOVER_ACCOUNT_NOT_ALLOWED':
    'Account recovery is not available for this account. Please contact support.',
  'error.passkey.RECOVER_ACCOUNT_TOKEN_INVALID_ERROR':
    'This recovery link has expired or was already used. Ask for a new one.',
  'passkeyRecovery.request.heading': 'Recover your account',
  'passkeyRecovery.request.description': 'Enter your account’s email. We will send you a link to create a new passkey.',
  'passkeyRecovery.request.submit': 'Send link',
  'passkeyRecovery.request.submitBusy': 'Sending…',
  'passkeyRecovery.sent.heading': 'Check your inbox',
  'passkeyRecovery.sent.description': 'If an account exists for {email}, we sent it a link to create a new passkey.',
  'passkeyRecovery.sent.resend': 'Send again',
  'passkeyRecovery.sent.resent': 'We sent the link again.',
  'passkeyRecovery.confirm.heading': 'Create a new passkey',
  'passkeyRecovery.confirm.description':
    'Your device will ask you to create a passkey for your account. You will sign in with it afterwards.',
  'passkeyRecovery.invalid.heading': 'This link no longer works',
  'passkeyRecovery.newLink': 'Get a new link',
  'passkeyRecovery.done.heading': 'Account recovered',
  'passkeyRecovery.done.description': 'Account recovered: sign in with your new passkey.',
  'passkeyMfa.heading': 'Use a passkey',
  'passkeyMfa.loading': 'Loading…',
  'passkeyMfa.use.description': 'To finish signing in, use your passkey and follow your browser’s instructions.',
  'passkeyMfa.use.submit': 'Use a passkey',
  'passkeyMfa.register.heading': 'Add a passkey',
  'passkeyMfa.register.description': 'Add a passkey to your account: you will use it to finish signing in from now on.',
  'passkeyMfa.register.submit': 'Register a passkey',
  'passkeyMfa.denied': 'You cannot use a passkey for this account. Sign in another way, or contact support.',
  'passkeyMfa.failed': 'Something went wrong. Reload the page, or sign in again.',
  'passkeySettings.heading': 'Passkeys',
  'passkeySettings.loading': 'Loading your passkeys…',
  'passkeySettings.empty': 'You have no passkey yet.',
  'passkeySettings.item': 'Passkey added on {date}',
  'passkeySettings.add': 'Add a passkey',
  'passkeySettings.addBusy': 'Waiting for your device…',
  'passkeySettings.added': 'Passkey added.',
  'passkeySettings.remove': 'Remove',
  'passkeySettings.removeName': 'Remove the passkey added on {date}',
  'passkeySettings.confirmRemove': 'Remove this passkey? You will no longer sign in with it.',
  'passkeySettings.confirm': 'Yes, remove',
  'passkeySettings.cancel': 'Keep it',
  'passkeySettings.removed': 'Passkey removed.',
  'passkeySettings.REGISTER_CREDENTIAL_NOT_ALLOWED':
    'You cannot add a passkey to this account. Please contact support.',
  'passkeySettings.noEmail': 'Adding a passkey needs your account’s email.',
} as const
