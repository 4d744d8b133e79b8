/**
 * A scripted `auth.webauthn` for the passkey stories, with what the `webauthn()` plugin adds for the screens. The
 * browser's passkey prompt cannot be shown in a story, so each ceremony answers as the scenario says. Built from the
 * internal screen modules until the public `webauthn()` plugin (and the mock backend's WebAuthn) replace it.
 */
import { signInMethodsUi } from '../../src/flows/firstFactors'
import { addDefaultTexts } from '../../src/flows/messages'
import { enPasskeys } from '../../src/flows/passkeyMessages'
import { webauthnUi } from '../../src/flows/passkeyScreens'
import { enRecipes } from '../../src/flows/recipeMessages'
import { SIGN_IN_METHODS_UI, WEBAUTHN_UI } from '../../src/flows/recipeUi'
import type {
  RecoverAccountResult,
  RegisterCredentialResult,
  SendRecoveryEmailResult,
  WebauthnApi,
  WebauthnSignInResult,
  WebauthnSignUpResult,
  WebauthnSupport,
} from '../../src/recipes/factorTypes'

/** How the scripted passkeys answer in a story. */
export interface PasskeyScript {
  support?: Partial<WebauthnSupport>
  signIn?: WebauthnSignInResult
  signUp?: WebauthnSignUpResult
  sendRecoveryEmail?: SendRecoveryEmailResult
  recoverAccount?: RecoverAccountResult
  registerCredential?: RegisterCredentialResult
}

const USER = {
  id: 'story-user',
  isPrimaryUser: false,
  tenantIds: ['public'],
  emails: ['ada@example.com'],
  phoneNumbers: [],
  timeJoined: 0,
  loginMethods: [],
}

/** A recipe plugin adding the scripted `webauthn` member and the passkey screens. */
export function storyPasskeys(script: PasskeyScript) {
  addDefaultTexts(enRecipes)
  addDefaultTexts(enPasskeys)
  const day = 86_400_000
  let credentials = [
    {
      webauthnCredentialId: 'laptop',
      recipeUserId: USER.id,
      relyingPartyId: 'localhost',
      createdAt: 1_767_312_000_000,
    },
    {
      webauthnCredentialId: 'phone',
      recipeUserId: USER.id,
      relyingPartyId: 'localhost',
      createdAt: 1_767_312_000_000 + 40 * day,
    },
  ]
  const api: WebauthnApi = {
    isSupported: async () => ({
      supported: true,
      platformAuthenticator: true,
      conditionalMediation: true,
      ...script.support,
    }),
    // The autofill request waits, as in a browser, until the page aborts it.
    signIn: (input) =>
      input?.mediation === 'conditional'
        ? new Promise((resolve) => input.signal?.addEventListener('abort', () => resolve({ status: 'ABORTED' })))
        : Promise.resolve(script.signIn ?? { status: 'OK', user: USER }),
    signUp: async () => script.signUp ?? { status: 'OK', user: USER },
    doesEmailExist: async () => false,
    sendRecoveryEmail: async () => script.sendRecoveryEmail ?? { status: 'OK' },
    recoverAccount: async () => script.recoverAccount ?? { status: 'OK' },
    registerCredential: async () => {
      const result = script.registerCredential ?? { status: 'OK' }
      if (result.status === 'OK') {
        credentials = [...credentials, { ...credentials[0]!, webauthnCredentialId: `key-${credentials.length}` }]
      }
      return result
    },
    listCredentials: async () => ({ status: 'OK', credentials }),
    removeCredential: async ({ webauthnCredentialId }) => {
      credentials = credentials.filter((credential) => credential.webauthnCredentialId !== webauthnCredentialId)
      return { status: 'OK' }
    },
  }
  return () => ({
    webauthn: api,
    [WEBAUTHN_UI]: { ...webauthnUi, autofill: true },
    [SIGN_IN_METHODS_UI]: signInMethodsUi,
  })
}
