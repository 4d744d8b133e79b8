import type { RecipeMessageKey } from './recipeMessages'

/**
 * The message catalog. Keys are stable codes: protocol statuses (`error.WRONG_CREDENTIALS_ERROR`), field error
 * codes (`error.password.noNumber`) and UI texts. Texts are plain text; bindings never render them as HTML.
 * `{name}` placeholders are replaced by `translate(key, { name })`.
 */

/**
 * English texts of the sign-in page, `SessionAuth`, the errors every screen shares and the labels a sign-up field
 * may take by its id (`confirmPassword`): what every translator falls back to. The other email-password screens'
 * English is in `enResetPassword` and `enEmailVerification`, which those flows register when they are created, so a
 * page without them does not ship their texts.
 */
const enCore = {
  'signIn.heading': 'Sign in',
  'signIn.submit': 'Sign in',
  'signIn.submitBusy': 'Signing in…',
  'signIn.toSignUpPrompt': 'Don’t have an account?',
  'signIn.toSignUp': 'Sign up',
  'signIn.forgotPassword': 'Forgot password?',
  'signIn.success': 'Signed in. Redirecting…',
  'signUp.heading': 'Create an account',
  'signUp.submit': 'Sign up',
  'signUp.submitBusy': 'Signing up…',
  'signUp.toSignInPrompt': 'Already have an account?',
  'signUp.toSignIn': 'Sign in',
  'signUp.success': 'Account created. Redirecting…',

  'field.email': 'Email',
  'field.password': 'Password',
  'field.newPassword': 'New password',
  'field.confirmPassword': 'Confirm password',
  'field.optional': '(optional)',
  'field.selectPlaceholder': 'Select…',
  'password.show': 'Show password',

  'sessionAuth.accessDenied.heading': 'Access denied',
  'sessionAuth.accessDenied.message': 'You do not have access to this page.',
  'sessionAuth.loop.heading': 'Sign-in problem',
  'sessionAuth.loop.message': 'We could not confirm your session. Please reload the page or sign in again.',
  'sessionAuth.loop.signIn': 'Sign in again',

  'error.field.required': 'Fill in this field',
  'error.email.invalid': 'Enter a valid email address',
  'error.email.exists': 'An account with this email already exists. Sign in instead.',
  'error.password.tooShort': 'Use at least 8 characters, including a number',
  'error.password.tooLong': 'Use fewer than 100 characters',
  'error.password.noLetter': 'Add at least one letter',
  'error.password.noNumber': 'Add at least one number',
  'error.confirmPassword.mismatch': 'The passwords don’t match',
  'error.WRONG_CREDENTIALS_ERROR': 'Incorrect email or password',
  'error.SIGN_IN_NOT_ALLOWED': 'Signing in is not allowed for this account. Please contact support.',
  'error.SIGN_UP_NOT_ALLOWED': 'Signing up is not allowed for this account. Please contact support.',
  'error.GENERAL_ERROR': 'Something went wrong. Please try again.',
  'error.network': 'Could not reach the server. Check your connection and try again.',
  'error.server': 'The server had a problem. Please try again.',
  'error.protocol': 'The server sent an unexpected answer. Please try again.',
  'error.session': 'Your session has ended. Please sign in again.',
  'error.unknown': 'Something went wrong. Please try again.',
} as const

/** English texts of the reset-password screens (`createResetPasswordFlow` registers them). */
export const enResetPassword = {
  'resetPassword.request.heading': 'Reset your password',
  'resetPassword.request.description': 'Enter your email and we will send you a link to reset your password.',
  'resetPassword.request.submit': 'Email me a reset link',
  'resetPassword.request.submitBusy': 'Sending…',
  'resetPassword.sent.heading': 'Check your email',
  'resetPassword.sent.status': 'If an account exists for {email}, we sent it a link to reset the password.',
  'resetPassword.sent.again': 'Send again or use another email',
  'resetPassword.new.heading': 'Set a new password',
  'resetPassword.new.submit': 'Change password',
  'resetPassword.new.submitBusy': 'Changing password…',
  'resetPassword.done.heading': 'Password changed',
  'resetPassword.done.status': 'Your password was changed. You can now sign in with it.',
  'resetPassword.toSignIn': 'Back to sign in',
  'resetPassword.requestNewLink': 'Request a new link',
  'error.PASSWORD_RESET_NOT_ALLOWED': 'Password reset is not allowed for this account. Please contact support.',
  'error.RESET_PASSWORD_INVALID_TOKEN_ERROR': 'This reset link has expired or was already used. Ask for a new one.',
} as const

/** English texts of the email-verification screens (`createEmailVerificationFlow` registers them). */
export const enEmailVerification = {
  'emailVerification.loading.heading': 'Verify your email',
  'emailVerification.loading.status': 'Checking your email address…',
  'emailVerification.send.heading': 'Verify your email',
  'emailVerification.send.description': 'We sent a verification link to your email address. Open it to continue.',
  'emailVerification.send.status': 'Verification email sent.',
  'emailVerification.resend': 'Resend email',
  'emailVerification.resendBusy': 'Sending…',
  'emailVerification.resendIn': 'Resend email in {seconds} s',
  'emailVerification.resent': 'A new verification email was sent.',
  'emailVerification.signOut': 'Sign out',
  'emailVerification.verify.heading': 'Verifying your email',
  'emailVerification.verify.status': 'Verifying…',
  'emailVerification.success.heading': 'Email verified',
  'emailVerification.success.status': 'Your email address was verified.',
  'emailVerification.continue': 'Continue',
  'emailVerification.invalidToken.heading': 'Link expired',
  'emailVerification.invalidToken.status': 'This verification link is invalid or has expired.',
  'emailVerification.sendNewLink': 'Send a new link',
  'emailVerification.retry': 'Try again',
  'error.EMAIL_VERIFICATION_INVALID_TOKEN_ERROR': 'This verification link is invalid or has expired.',
} as const

/** English, the default catalog. Its keys define `MessageKey`. */
// Marked pure: bundlers keep an object spread, so an app that does not import `en` would still ship its parts.
export const en = /* @__PURE__ */ Object.assign({}, enCore, enResetPassword, enEmailVerification)

/** A stable message code. */
export type MessageKey = keyof typeof en | RecipeMessageKey

/**
 * A catalog: every email-password key translated; the login-recipe keys (`RecipeMessageKey`) may be left out and
 * then show in English.
 */
export type MessageCatalog = Readonly<Record<keyof typeof en, string> & Partial<Record<RecipeMessageKey, string>>>

/** Per-key text overrides (also accepts keys of custom field labels and validators). */
export type MessageOverrides = Readonly<Partial<Record<MessageKey, string>> & Record<string, string | undefined>>

/** French, shipped to prove the catalog; also a template for other locales. */
export const fr: MessageCatalog = {
  'signIn.heading': 'Connexion',
  'signIn.submit': 'Se connecter',
  'signIn.submitBusy': 'Connexion…',
  'signIn.toSignUpPrompt': 'Pas encore de compte ?',
  'signIn.toSignUp': 'Créer un compte',
  'signIn.forgotPassword': 'Mot de passe oublié ?',
  'signIn.success': 'Connecté. Redirection…',
  'signUp.heading': 'Créer un compte',
  'signUp.submit': 'S’inscrire',
  'signUp.submitBusy': 'Inscription…',
  'signUp.toSignInPrompt': 'Vous avez déjà un compte ?',
  'signUp.toSignIn': 'Se connecter',
  'signUp.success': 'Compte créé. Redirection…',

  'signInUp.heading': 'Connexion ou inscription',
  'signInUp.divider': 'ou',
  'signInUp.loading': 'Chargement des options de connexion…',
  'signInUp.success': 'Connecté. Redirection…',
  'thirdParty.continueWith': 'Continuer avec {name}',
  'thirdParty.redirecting': 'Redirection vers {name}…',
  'passwordless.formLabel': 'Se connecter sans mot de passe',
  'passwordless.submit': 'Continuer',
  'passwordless.submitBusy': 'Envoi…',
  'passwordless.code.heading': 'Saisissez le code',
  'passwordless.code.description': 'Nous avons envoyé un code à {contact}.',
  'passwordless.codeAndLink.description': 'Nous avons envoyé un code et un lien à {contact}.',
  'passwordless.code.submit': 'Continuer',
  'passwordless.code.submitBusy': 'Vérification…',
  'passwordless.linkSent.heading': 'Consultez votre boîte de réception',
  'passwordless.linkSent.description': 'Nous avons envoyé un lien à {contact}. Ouvrez-le pour vous connecter.',
  'passwordless.resendCode': 'Renvoyer le code',
  'passwordless.resendLink': 'Renvoyer le lien',
  'passwordless.resendIn': 'Renvoyer dans {seconds} s',
  'passwordless.codeResent': 'Un nouveau code a été envoyé.',
  'passwordless.linkResent': 'Un nouveau lien a été envoyé.',
  'passwordless.changeEmail': 'Changer d’e-mail',
  'passwordless.changePhone': 'Changer de numéro',
  'thirdPartyCallback.busy.heading': 'Connexion en cours',
  'thirdPartyCallback.busy.status': 'Connexion…',
  'thirdPartyCallback.error.heading': 'Échec de la connexion',
  'magicLink.busy.heading': 'Connexion en cours',
  'magicLink.busy.status': 'Connexion…',
  'magicLink.confirm.heading': 'Se connecter sur cet appareil',
  'magicLink.confirm.description': 'Choisissez Continuer pour vous connecter sur cet appareil.',
  'magicLink.confirm.submit': 'Continuer',
  'magicLink.confirm.submitBusy': 'Connexion…',
  'magicLink.error.heading': 'Échec de la connexion',
  'auth.toSignIn': 'Retour à la connexion',
  'authPage.notFound.heading': 'Page introuvable',
  'authPage.notFound.message': 'Il n’y a pas de page de connexion à cette adresse.',

  'field.email': 'E-mail',
  'field.password': 'Mot de passe',
  'field.newPassword': 'Nouveau mot de passe',
  'field.confirmPassword': 'Confirmer le mot de passe',
  'field.optional': '(facultatif)',
  'field.selectPlaceholder': 'Choisir…',
  'password.show': 'Afficher le mot de passe',
  'field.contactEmail': 'E-mail',
  'field.contactPhone': 'Numéro de téléphone',
  'field.contact': 'E-mail ou numéro de téléphone',
  'field.code': 'Code à usage unique',

  'resetPassword.request.heading': 'Réinitialiser le mot de passe',
  'resetPassword.request.description':
    'Saisissez votre e-mail : nous vous enverrons un lien pour réinitialiser votre mot de passe.',
  'resetPassword.request.submit': 'Envoyer le lien',
  'resetPassword.request.submitBusy': 'Envoi…',
  'resetPassword.sent.heading': 'Consultez vos e-mails',
  'resetPassword.sent.status': 'Si un compte existe pour {email}, un lien de réinitialisation lui a été envoyé.',
  'resetPassword.sent.again': 'Renvoyer ou changer d’e-mail',
  'resetPassword.new.heading': 'Nouveau mot de passe',
  'resetPassword.new.submit': 'Changer le mot de passe',
  'resetPassword.new.submitBusy': 'Changement…',
  'resetPassword.done.heading': 'Mot de passe changé',
  'resetPassword.done.status': 'Votre mot de passe a été changé. Vous pouvez vous connecter.',
  'resetPassword.toSignIn': 'Retour à la connexion',
  'resetPassword.requestNewLink': 'Demander un nouveau lien',

  'emailVerification.loading.heading': 'Vérifiez votre e-mail',
  'emailVerification.loading.status': 'Vérification de votre adresse…',
  'emailVerification.send.heading': 'Vérifiez votre e-mail',
  'emailVerification.send.description':
    'Nous avons envoyé un lien de vérification à votre adresse e-mail. Ouvrez-le pour continuer.',
  'emailVerification.send.status': 'E-mail de vérification envoyé.',
  'emailVerification.resend': 'Renvoyer l’e-mail',
  'emailVerification.resendBusy': 'Envoi…',
  'emailVerification.resendIn': 'Renvoyer dans {seconds} s',
  'emailVerification.resent': 'Un nouvel e-mail de vérification a été envoyé.',
  'emailVerification.signOut': 'Se déconnecter',
  'emailVerification.verify.heading': 'Vérification de votre e-mail',
  'emailVerification.verify.status': 'Vérification…',
  'emailVerification.success.heading': 'E-mail vérifié',
  'emailVerification.success.status': 'Votre adresse e-mail a été vérifiée.',
  'emailVerification.continue': 'Continuer',
  'emailVerification.invalidToken.heading': 'Lien expiré',
  'emailVerification.invalidToken.status': 'Ce lien de vérification est invalide ou a expiré.',
  'emailVerification.sendNewLink': 'Envoyer un nouveau lien',
  'emailVerification.retry': 'Réessayer',

  'sessionAuth.accessDenied.heading': 'Accès refusé',
  'sessionAuth.accessDenied.message': 'Vous n’avez pas accès à cette page.',
  'sessionAuth.loop.heading': 'Problème de connexion',
  'sessionAuth.loop.message': 'Impossible de confirmer votre session. Rechargez la page ou reconnectez-vous.',
  'sessionAuth.loop.signIn': 'Se reconnecter',

  'error.field.required': 'Renseignez ce champ',
  'error.email.invalid': 'Saisissez une adresse e-mail valide',
  'error.email.exists': 'Un compte existe déjà avec cet e-mail. Connectez-vous plutôt.',
  'error.password.tooShort': 'Utilisez au moins 8 caractères, dont un chiffre',
  'error.password.tooLong': 'Utilisez moins de 100 caractères',
  'error.password.noLetter': 'Ajoutez au moins une lettre',
  'error.password.noNumber': 'Ajoutez au moins un chiffre',
  'error.confirmPassword.mismatch': 'Les mots de passe ne correspondent pas',
  'error.WRONG_CREDENTIALS_ERROR': 'E-mail ou mot de passe incorrect',
  'error.SIGN_IN_NOT_ALLOWED': 'La connexion n’est pas autorisée pour ce compte. Contactez le support.',
  'error.SIGN_UP_NOT_ALLOWED': 'L’inscription n’est pas autorisée pour ce compte. Contactez le support.',
  'error.PASSWORD_RESET_NOT_ALLOWED': 'La réinitialisation n’est pas autorisée pour ce compte. Contactez le support.',
  'error.RESET_PASSWORD_INVALID_TOKEN_ERROR':
    'Ce lien de réinitialisation a expiré ou a déjà servi. Demandez-en un nouveau.',
  'error.EMAIL_VERIFICATION_INVALID_TOKEN_ERROR': 'Ce lien de vérification est invalide ou a expiré.',
  'error.GENERAL_ERROR': 'Une erreur est survenue. Veuillez réessayer.',
  'error.network': 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  'error.server': 'Le serveur a rencontré un problème. Veuillez réessayer.',
  'error.protocol': 'Le serveur a envoyé une réponse inattendue. Veuillez réessayer.',
  'error.session': 'Votre session a expiré. Veuillez vous reconnecter.',
  'error.unknown': 'Une erreur est survenue. Veuillez réessayer.',
  'error.phone.invalid': 'Saisissez un numéro de téléphone valide, avec l’indicatif du pays',
  'error.contact.invalid': 'Saisissez un e-mail ou un numéro de téléphone valide',
  'error.SIGN_IN_UP_NOT_ALLOWED': 'La connexion n’est pas autorisée pour ce compte. Contactez le support.',
  'error.INCORRECT_USER_INPUT_CODE_ERROR': 'Ce code n’est pas le bon. Essais restants : {attemptsLeft}.',
  'error.EXPIRED_USER_INPUT_CODE_ERROR': 'Ce code a expiré. Demandez-en un nouveau.',
  'error.RESTART_FLOW_ERROR': 'Échec de la connexion. Veuillez réessayer.',
  'error.resendRestart': 'La connexion a expiré. Veuillez réessayer.',
  'error.NO_EMAIL_GIVEN_BY_PROVIDER': 'Impossible d’obtenir l’e-mail. Essayez une autre méthode.',
  'error.providerCancelled': 'Connexion annulée. Choisissez une méthode pour réessayer.',
  'error.INVALID_LINK': 'Ce lien de connexion ne fonctionne plus. Demandez-en un nouveau.',

  'mfa.loading': 'Chargement…',
  'mfa.success': 'Vérifié. Redirection…',
  'mfa.signOut': 'Se déconnecter',
  'mfa.back': 'Choisir une autre méthode',
  'mfa.retry': 'Réessayer',
  'mfa.chooser.heading': 'Choisissez comment confirmer votre identité',
  'mfa.factor.totp': 'Application d’authentification',
  'mfa.factor.otp-email': 'Recevoir un code par e-mail',
  'mfa.factor.otp-phone': 'Recevoir un code par SMS',
  'mfa.factor.webauthn': 'Clé d’accès',
  'mfa.denied.heading': 'Accès refusé',
  'mfa.denied.noFactors':
    'Aucun second facteur n’est disponible : impossible de terminer la connexion. Veuillez contacter le support.',
  'mfa.denied.noFactorsToSetUp': 'Aucun second facteur n’est disponible.',
  'mfa.denied.error': 'Une erreur est survenue. Réessayez plus tard ou rechargez la page.',
  'mfa.denied.deviceRemoved': 'L’appareil a été supprimé ; rechargez la page pour recommencer.',
  'totp.setup.heading': 'Ajouter une application d’authentification',
  'totp.setup.description':
    'Scannez le QR code avec une application d’authentification, puis saisissez le code affiché.',
  'totp.qr.label': 'QR code pour ajouter ce compte à une application d’authentification',
  'totp.showSecret': 'Impossible de scanner ? Saisissez cette clé',
  'totp.copy': 'Copier',
  'totp.copied': 'Clé copiée.',
  'totp.verify.heading': 'Saisissez le code de votre application d’authentification',
  'totp.verify.description': 'Ouvrez votre application d’authentification pour voir le code de ce compte.',
  'totp.submit': 'Vérifier',
  'totp.submitBusy': 'Vérification…',
  'totp.locked.heading': 'Compte bloqué',
  'totp.locked.description': 'Trop de codes erronés. Patientez avant de réessayer.',
  'totp.locked.countdown': 'Réessayez dans {time}',
  'totp.locked.ended': 'Vous pouvez réessayer.',
  'otp.email.heading': 'Code par e-mail',
  'otp.phone.heading': 'Code par SMS',
  'mfaSettings.heading': 'Validation en deux étapes',
  'mfaSettings.description': 'Applications d’authentification qui peuvent confirmer votre connexion.',
  'mfaSettings.none': 'Aucune application d’authentification n’est configurée.',
  'mfaSettings.add': 'Ajouter une application d’authentification',
  'mfaSettings.cancel': 'Annuler',
  'mfaSettings.remove': 'Supprimer {name}',
  'mfaSettings.confirm.heading': 'Supprimer {name} ?',
  'mfaSettings.confirm.description': 'Ses codes ne seront plus acceptés.',
  'mfaSettings.confirm.submit': 'Supprimer',
  'mfaSettings.confirm.submitBusy': 'Suppression…',
  'mfaSettings.removeDenied':
    'Terminez la validation en deux étapes dans cette session avant de supprimer une application.',
  'mfaSettings.added': 'Application d’authentification ajoutée.',
  'mfaSettings.removed': '{name} a été supprimé.',
  'field.totp': 'Code',
  'error.totp.format': 'Saisissez le code à 6 chiffres de votre application',
  'error.INVALID_TOTP_ERROR': 'Ce code n’est pas le bon. Essais restants avant un court blocage : {attemptsLeft}.',
  'error.INVALID_TOTP_LAST':
    'Ce code n’est pas le bon, et c’était le dernier essai : attendez quelques minutes avant le suivant.',
  'passkey.signIn': 'Continuer avec une clé d’accès',
  'passkey.signUp': 'S’inscrire avec une clé d’accès',
  'passkey.busy': 'En attente de votre clé d’accès…',
  'passkey.unsupported':
    'Ce navigateur ne prend pas en charge les clés d’accès. Utilisez une autre méthode ou un autre navigateur.',
  'passkey.recoverPrompt': 'Clé d’accès perdue ?',
  'passkey.recover': 'Récupérer le compte',
  'passkey.otherMethod': 'Utiliser une autre méthode',
  'passkey.signInInstead': 'Se connecter plutôt',
  'passkey.changeEmail': 'Changer d’e-mail',
  'passkey.email.heading': 'S’inscrire avec une clé d’accès',
  'passkey.email.description': 'Vérifiez votre e-mail : il servira à récupérer votre compte.',
  'passkey.email.submit': 'Continuer',
  'passkey.confirm.heading': 'Créer une clé d’accès',
  'passkey.confirm.description':
    'Votre appareil va vous proposer de créer une clé d’accès pour {email}. Vous vous connecterez avec votre empreinte, votre visage ou le verrouillage de l’écran : aucun mot de passe à retenir.',
  'passkey.confirm.submit': 'Créer une clé d’accès',
  'passkey.confirm.submitBusy': 'En attente de votre appareil…',
  'error.passkey.INVALID_CREDENTIALS_ERROR':
    'Cette clé d’accès n’a pas été acceptée. Réessayez, ou utilisez une clé d’accès d’un autre appareil.',
  'error.passkey.NOT_ALLOWED':
    'La demande a été annulée ou a expiré, ou cet appareil n’a pas de clé d’accès pour ce site. Réessayez, ou utilisez une autre méthode.',
  'error.passkey.WEBAUTHN_NOT_SUPPORTED':
    'Ce navigateur ne prend pas en charge les clés d’accès. Essayez un autre navigateur ou une autre méthode.',
  'error.passkey.SECURITY_ERROR':
    'Les clés d’accès sont mal configurées pour ce site. Utilisez une autre méthode et prévenez l’équipe du site.',
  'error.passkey.AUTHENTICATOR_ALREADY_REGISTERED':
    'Cet appareil a déjà une clé d’accès pour ce compte. Connectez-vous avec elle, ou utilisez un autre appareil.',
  'error.passkey.INVALID_AUTHENTICATOR_ERROR':
    'Ce fournisseur de clés d’accès n’est pas accepté ici. Essayez un autre appareil ou gestionnaire de mots de passe.',
  'error.passkey.options': 'La demande de clé d’accès a expiré. Veuillez réessayer.',
  'error.passkey.EMAIL_ALREADY_EXISTS_ERROR':
    'Un compte existe déjà avec cet e-mail. Connectez-vous, ou récupérez votre compte.',
  'error.passkey.RECOVER_ACCOUNT_NOT_ALLOWED':
    'La récupération n’est pas possible pour ce compte. Contactez le support.',
  'error.passkey.RECOVER_ACCOUNT_TOKEN_INVALID_ERROR':
    'Ce lien de récupération a expiré ou a déjà servi. Demandez-en un nouveau.',
  'passkeyRecovery.request.heading': 'Récupérer votre compte',
  'passkeyRecovery.request.description':
    'Saisissez l’e-mail de votre compte. Nous vous enverrons un lien pour créer une nouvelle clé d’accès.',
  'passkeyRecovery.request.submit': 'Envoyer le lien',
  'passkeyRecovery.request.submitBusy': 'Envoi…',
  'passkeyRecovery.sent.heading': 'Consultez votre boîte de réception',
  'passkeyRecovery.sent.description':
    'Si un compte existe pour {email}, nous lui avons envoyé un lien pour créer une nouvelle clé d’accès.',
  'passkeyRecovery.sent.resend': 'Renvoyer',
  'passkeyRecovery.sent.resent': 'Nous avons renvoyé le lien.',
  'passkeyRecovery.confirm.heading': 'Créer une nouvelle clé d’accès',
  'passkeyRecovery.confirm.description':
    'Votre appareil va vous proposer de créer une clé d’accès pour votre compte. Vous vous connecterez ensuite avec elle.',
  'passkeyRecovery.invalid.heading': 'Ce lien ne fonctionne plus',
  'passkeyRecovery.newLink': 'Obtenir un nouveau lien',
  'passkeyRecovery.done.heading': 'Compte récupéré',
  'passkeyRecovery.done.description': 'Compte récupéré : connectez-vous avec votre nouvelle clé d’accès.',
  'passkeyMfa.heading': 'Utiliser une clé d’accès',
  'passkeyMfa.loading': 'Chargement…',
  'passkeyMfa.use.description':
    'Pour terminer la connexion, utilisez votre clé d’accès et suivez les instructions du navigateur.',
  'passkeyMfa.use.submit': 'Utiliser une clé d’accès',
  'passkeyMfa.register.heading': 'Ajouter une clé d’accès',
  'passkeyMfa.register.description':
    'Ajoutez une clé d’accès à votre compte : elle servira désormais à terminer la connexion.',
  'passkeyMfa.register.submit': 'Enregistrer une clé d’accès',
  'passkeyMfa.denied':
    'Vous ne pouvez pas utiliser de clé d’accès pour ce compte. Connectez-vous autrement, ou contactez le support.',
  'passkeyMfa.failed': 'Une erreur est survenue. Rechargez la page, ou reconnectez-vous.',
  'passkeySettings.heading': 'Clés d’accès',
  'passkeySettings.loading': 'Chargement de vos clés d’accès…',
  'passkeySettings.empty': 'Vous n’avez pas encore de clé d’accès.',
  'passkeySettings.item': 'Clé d’accès ajoutée le {date}',
  'passkeySettings.add': 'Ajouter une clé d’accès',
  'passkeySettings.addBusy': 'En attente de votre appareil…',
  'passkeySettings.added': 'Clé d’accès ajoutée.',
  'passkeySettings.remove': 'Supprimer',
  'passkeySettings.removeName': 'Supprimer la clé d’accès ajoutée le {date}',
  'passkeySettings.confirmRemove': 'Supprimer cette clé d’accès ? Vous ne pourrez plus vous connecter avec elle.',
  'passkeySettings.confirm': 'Oui, supprimer',
  'passkeySettings.cancel': 'La garder',
  'passkeySettings.removed': 'Clé d’accès supprimée.',
  'passkeySettings.REGISTER_CREDENTIAL_NOT_ALLOWED':
    'Vous ne pouvez pas ajouter de clé d’accès à ce compte. Contactez le support.',
  'passkeySettings.noEmail': 'L’ajout d’une clé d’accès nécessite l’e-mail de votre compte.',
}

/** The language tags of the catalogs shipped with authfront. */
export type LocaleCode = 'en' | 'fr'

/** The catalogs shipped with authfront, by language tag. */
export const locales: Readonly<Record<LocaleCode, MessageCatalog>> = { en, fr }

declare const process: { env: Record<string, string | undefined> }
/** Angular's development flag: `false` in Angular CLI production builds, absent elsewhere. */
declare const ngDevMode: unknown

const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined

/**
 * A catalog, or the catalog for a language tag: `'en'` is built in; other tags resolve against the catalogs
 * registered with `registerLocale` (each shipped catalog costs about 1.2 KB gzip, so an app that wants `'fr'` by
 * tag imports it once: `registerLocale('fr', fr)`). An unknown tag falls back to English, with a warning outside
 * production builds, never silently. English is `enCore` here: the translator finds the rest of it among the
 * default texts the screens register.
 */
function resolveLocale(locale: MessageCatalog | LocaleCode | undefined): Readonly<Record<string, string>> {
  if (typeof locale !== 'string') return locale ?? enCore
  const catalog = own(registered, locale)
  // Development builds only, in the shape the minifier can drop from production builds (createAuthClient's
  // two-clients warning says why): `process.env.NODE_ENV` as bundlers replace it, `ngDevMode` as the Angular CLI does.
  let warn: true | undefined
  try {
    if ((typeof ngDevMode === 'undefined' || ngDevMode) && process.env.NODE_ENV !== 'production') warn = true
  } catch {
    if (typeof ngDevMode === 'undefined' || ngDevMode) warn = true
  }
  if (!catalog && warn) {
    console.warn(
      `authfront: unknown locale ${JSON.stringify(locale)}; showing English. Pass the catalog ` +
        `(import { ${locale} } from 'authfront') or register it first: registerLocale(${JSON.stringify(locale)}, ${locale}).`,
    )
  }
  return catalog ?? enCore
}

const registered: Record<string, Readonly<Record<string, string>>> = { en: enCore }

/** Makes `catalog` available by `tag` to every `locale` option and prop, e.g. `registerLocale('fr', fr)`. */
export function registerLocale(tag: string, catalog: MessageCatalog): void {
  registered[tag] = catalog
}

/** Backend default texts (docs/PROTOCOL.md §1.4, §2.2) mapped to keys, so server field errors get translated too. */
const serverTexts: Readonly<Record<string, MessageKey>> = {
  'Field is not optional': 'error.field.required',
  'Email is invalid': 'error.email.invalid',
  'This email already exists. Please sign in instead.': 'error.email.exists',
  'This email already exists. Please sign in instead': 'error.email.exists',
  'Password must contain at least 8 characters, including a number': 'error.password.tooShort',
  "Password's length must be lesser than 100 characters": 'error.password.tooLong',
  'Password must contain at least one alphabet': 'error.password.noLetter',
  'Password must contain at least one number': 'error.password.noNumber',
  'Phone number is invalid': 'error.phone.invalid',
}

/**
 * English defaults of the login-recipe screens, added by the recipe plugins and screens that use them
 * (`addDefaultTexts`), so an email-password-only app does not ship those texts.
 */
const recipeDefaults: Record<string, string> = {}

/** Adds English defaults for keys `en` does not hold (a recipe's screens). Idempotent. */
export function addDefaultTexts(texts: Readonly<Record<string, string>>): void {
  Object.assign(recipeDefaults, texts)
}

/** Translates a key (with `{name}` params), or returns the input unchanged when it is not a key. */
export type Translate = (keyOrText: string, params?: Readonly<Record<string, string | number>>) => string

/**
 * Builds a translator. Lookup order: `overrides`, then `locale`, then English. A string that is no key is
 * returned as is (custom validators may return text). Known backend texts are translated to the locale.
 * The flows' own: English beyond `enCore` comes from the texts the screens registered (`addDefaultTexts`).
 */
export function translator(locale?: MessageCatalog | LocaleCode, overrides: MessageOverrides = {}): Translate {
  const catalog = resolveLocale(locale)
  return (keyOrText, params) => {
    // Own keys only: `constructor` or `__proto__` (a field id, a server text) is text, not an inherited member.
    const key = own(serverTexts, keyOrText) ?? keyOrText
    const template =
      own(overrides, key) ?? own(catalog, key) ?? own<string>(enCore, key) ?? own(recipeDefaults, key) ?? keyOrText
    if (!params) return template
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = own(params, name)
      return value === undefined ? match : String(value)
    })
  }
}

/**
 * Builds a translator that knows every key of `en` (and the login-recipe keys once their plugin or screen is
 * created). Lookup order: `overrides`, then `locale`, then English. A string that is no key is returned as is
 * (custom validators may return text). Known backend texts are translated to the locale.
 */
export function createTranslator(
  locale: MessageCatalog | LocaleCode = en,
  overrides: MessageOverrides = {},
): Translate {
  addDefaultTexts(en)
  return translator(locale, overrides)
}
