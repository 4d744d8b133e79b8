/**
 * A hand-driven `auth.webauthn` and what the `webauthn()` plugin adds for the screens (src/flows/recipeUi.ts), for
 * the headless passkey flow tests, which drive every result status directly. The contract suite runs on the real
 * plugin, the mock's WebAuthn and its software authenticator (test/contract/softPasskeys.ts).
 */
import { vi } from 'vitest'
import type { User } from '../../src/client/types'
import { signInMethodsUi } from '../../src/flows/firstFactors'
import { addDefaultTexts } from '../../src/flows/messages'
import { enPasskeys } from '../../src/flows/passkeyMessages'
import { webauthnUi } from '../../src/flows/passkeyScreens'
import { enRecipes } from '../../src/flows/recipeMessages'
import { SIGN_IN_METHODS_UI, WEBAUTHN_UI } from '../../src/flows/recipeUi'
import type {
  MfaInfo,
  PasskeyCredential,
  RecoverAccountResult,
  RegisterCredentialResult,
  SendRecoveryEmailResult,
  WebauthnApi,
  WebauthnSignInResult,
  WebauthnSignUpResult,
  WebauthnSupport,
} from '../../src/recipes/factorTypes'
import type { GeneralError } from '../../src/client/types'

export const PASSKEY_USER: User = {
  id: 'u-1',
  isPrimaryUser: false,
  tenantIds: ['public'],
  emails: ['ada@example.com'],
  phoneNumbers: [],
  timeJoined: 0,
  loginMethods: [],
}

export const CREDENTIALS: PasskeyCredential[] = [
  {
    webauthnCredentialId: 'cred-1',
    recipeUserId: 'u-1',
    relyingPartyId: 'example.com',
    createdAt: Date.UTC(2026, 0, 2),
  },
  {
    webauthnCredentialId: 'cred-2',
    recipeUserId: 'u-1',
    relyingPartyId: 'example.com',
    createdAt: Date.UTC(2026, 5, 30),
  },
]

/**
 * A fake `auth.webauthn`. Like a browser, a conditional sign-in (autofill) waits until the user picks a passkey
 * (`pickAutofill`) or the request is aborted (→ `ABORTED`); a button sign-in answers at once.
 */
export function createFakeWebauthn(support: Partial<WebauthnSupport> = {}) {
  let pick: ((result: WebauthnSignInResult) => void) | undefined
  const api = {
    isSupported: vi.fn(async (): Promise<WebauthnSupport> => ({
      supported: true,
      platformAuthenticator: true,
      conditionalMediation: true,
      ...support,
    })),
    signIn: vi.fn((input?: Parameters<WebauthnApi['signIn']>[0]): Promise<WebauthnSignInResult> => {
      if (input?.mediation !== 'conditional') return Promise.resolve({ status: 'OK', user: PASSKEY_USER })
      return new Promise((resolve) => {
        pick = resolve
        input.signal?.addEventListener('abort', () => resolve({ status: 'ABORTED' }))
      })
    }),
    signUp: vi.fn(async (): Promise<WebauthnSignUpResult> => ({ status: 'OK', user: PASSKEY_USER })),
    doesEmailExist: vi.fn(async () => false),
    sendRecoveryEmail: vi.fn(async (): Promise<SendRecoveryEmailResult> => ({ status: 'OK' })),
    recoverAccount: vi.fn(async (): Promise<RecoverAccountResult> => ({ status: 'OK' })),
    registerCredential: vi.fn(async (): Promise<RegisterCredentialResult> => ({ status: 'OK' })),
    listCredentials: vi.fn(async (): Promise<{ status: 'OK'; credentials: PasskeyCredential[] } | GeneralError> => ({
      status: 'OK',
      credentials: CREDENTIALS,
    })),
    removeCredential: vi.fn(
      async (): Promise<{ status: 'OK' } | { status: 'CREDENTIAL_NOT_FOUND_ERROR' } | GeneralError> => ({
        status: 'OK',
      }),
    ),
  } satisfies WebauthnApi
  return {
    api,
    /** The user picks a passkey in the email field's autofill. */
    pickAutofill: (result: WebauthnSignInResult = { status: 'OK', user: PASSKEY_USER }) => pick?.(result),
  }
}

/** What the `webauthn()` plugin adds to the client, around a fake `auth.webauthn`. */
export function passkeyMembers(api: WebauthnApi, options: { autofill?: boolean } = {}) {
  addDefaultTexts(enRecipes)
  addDefaultTexts(enPasskeys)
  return {
    webauthn: api,
    [WEBAUTHN_UI]: { ...webauthnUi, autofill: options.autofill !== false },
    [SIGN_IN_METHODS_UI]: signInMethodsUi,
  }
}

/** A fake `auth.multiFactor` answering `info`. */
export function fakeMultiFactor(info: Partial<MfaInfo['factors']> & { emails?: MfaInfo['emails'] } = {}) {
  const { emails, ...factors } = info
  return {
    factors: ['webauthn'],
    getClaim: vi.fn(async () => undefined),
    nextPath: vi.fn(() => undefined),
    getInfo: vi.fn(async (): Promise<MfaInfo | GeneralError> => ({
      status: 'OK',
      factors: { next: ['webauthn'], alreadySetup: [], allowedToSetup: [], ...factors },
      emails: emails ?? { webauthn: ['ada@example.com'] },
      phoneNumbers: {},
    })),
  }
}
