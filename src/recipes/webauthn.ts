import { authError } from '../client/errors'
import type { GeneralError } from '../client/types'
import { WEBAUTHN_RID } from '../client/wire'
import type {
  PasskeyCredential,
  WebauthnApi,
  WebauthnBrowserError,
  WebauthnOptions,
  WebauthnSupport,
} from './factorTypes'
import type { JsonObject, RecipeResult } from './request'
import type { RecipePlugin } from './types'
import { browserError, credentialToJson, toCreationOptions, toRequestOptions } from './webauthnJson'

// The option fields the browser takes; the requester drops every field a status does not list.
const CREATION = 'rp=object,user=object,challenge=string,pubKeyCredParams=object,timeout?=number'
const CREATION_MORE = 'excludeCredentials?=object,authenticatorSelection?=object,attestation?=string'
const EXTENSIONS = 'extensions?=object,hints?=object'
const REQUEST = 'challenge=string,rpId?=string,timeout?=number,userVerification?=string,allowCredentials?=object'
const OPTIONS_ERRORS = 'INVALID_OPTIONS_ERROR OPTIONS_NOT_FOUND_ERROR'
const REJECTED = 'INVALID_CREDENTIALS_ERROR INVALID_AUTHENTICATOR_ERROR:reason=string'

const NOT_SUPPORTED: WebauthnBrowserError = { status: 'WEBAUTHN_NOT_SUPPORTED' }

type Statics = typeof PublicKeyCredential & {
  isConditionalMediationAvailable?(): Promise<boolean>
}
/** `PublicKeyCredential` of a page that can run ceremonies (it exists only in secure contexts). */
const statics = () => {
  const constructor = globalThis.PublicKeyCredential as Statics | undefined
  return typeof constructor === 'function' && globalThis.navigator?.credentials && globalThis.isSecureContext !== false
    ? constructor
    : undefined
}
const ask = async (check: (() => Promise<boolean>) | undefined) => {
  try {
    return (await check?.()) === true
  } catch {
    return false
  }
}
/** Options JSON the browser cannot parse came from the backend: not a browser failure. */
const parse = <T>(convert: (json: JsonObject) => Promise<T>, json: JsonObject) =>
  convert(json).catch((cause: unknown) => {
    throw authError('protocol', 'WebAuthn options the browser cannot use.', undefined, cause)
  })
/** The options minus the recipe's own fields, undefined ones dropped (the browser reads only what is present). */
const publicKeyJson = ({ status: _, webauthnGeneratedOptionsId: __, ...json }: JsonObject) =>
  JSON.parse(JSON.stringify(json)) as JsonObject

/**
 * The WebAuthn recipe (passkeys, docs/RECIPES.md §5): `auth.webauthn`. Each ceremony asks the backend for options,
 * runs the browser's passkey prompt and sends the credential back. A ceremony that fails in the browser returns a
 * `WebauthnBrowserError` and sends nothing more; network failures and 4xx/5xx reject with `AuthError`.
 *
 * @throws AuthError kind `config` at creation when `autofill` is not a boolean.
 * @example
 * const auth = createAuthClient({ apiDomain, recipes: [webauthn()] })
 * const result = await auth.webauthn.signUp({ email: 'ada@example.com' })
 * if (result.status === 'OK') navigate('/')
 */
export function webauthn(options: WebauthnOptions = {}): RecipePlugin<{ webauthn: WebauthnApi }> {
  if (options.autofill !== undefined && typeof options.autofill !== 'boolean') {
    throw authError('config', 'authfront: webauthn(): autofill must be true or false.')
  }
  return ({ request }) => {
    // Template literals `as const`, so the result types are read from them; built here, not at module level, where a
    // template with substitutions survives tree-shaking in an app that never calls webauthn().
    const REGISTER_OPTIONS =
      `OK:webauthnGeneratedOptionsId=string,${CREATION},${CREATION_MORE},attestationFormats?=object,${EXTENSIONS} INVALID_EMAIL_ERROR:err=string INVALID_OPTIONS_ERROR` as const
    const SIGN_IN_OPTIONS =
      `OK:webauthnGeneratedOptionsId=string,${REQUEST},${EXTENSIONS} INVALID_OPTIONS_ERROR` as const
    // First-factor calls need no session: no probe refresh before them (as sign-in). The rest need one.
    const send = request(WEBAUTHN_RID, true)
    const sendWithSession = request(WEBAUTHN_RID)

    /** options/register → `credentials.create` → `finish`. */
    const register = async <S extends string, R>(
      statuses: S,
      body: object,
      tenantId: string | undefined,
      finish: (webauthnGeneratedOptionsId: string, credential: JsonObject) => Promise<R>,
    ): Promise<R | Exclude<RecipeResult<S>, { status: 'OK' }> | WebauthnBrowserError> => {
      if (!statics()) return NOT_SUPPORTED
      const options: JsonObject = await send('/webauthn/options/register', statuses, body, tenantId)
      if (options.status !== 'OK') return options as Exclude<RecipeResult<S>, { status: 'OK' }>
      const publicKey = await parse(toCreationOptions, publicKeyJson(options))
      let credential: Credential | null
      try {
        credential = await navigator.credentials.create({ publicKey })
      } catch (error) {
        return browserError(error, true)
      }
      if (credential === null) return { status: 'NOT_ALLOWED' }
      return finish(options.webauthnGeneratedOptionsId, await credentialToJson(credential as PublicKeyCredential))
    }

    const readRecoveryLink = () => {
      try {
        return new URL(globalThis.location?.href ?? '').searchParams
      } catch {
        return undefined
      }
    }

    const api: WebauthnApi = {
      async isSupported(): Promise<WebauthnSupport> {
        const constructor = statics()
        return {
          supported: constructor !== undefined,
          platformAuthenticator: await ask(
            constructor?.isUserVerifyingPlatformAuthenticatorAvailable?.bind(constructor),
          ),
          conditionalMediation: await ask(constructor?.isConditionalMediationAvailable?.bind(constructor)),
        }
      },
      signUp: ({ email, tenantId, shouldTryLinkingWithSessionUser = false }) =>
        register(REGISTER_OPTIONS, { email: email.trim() }, tenantId, (webauthnGeneratedOptionsId, credential) =>
          (shouldTryLinkingWithSessionUser ? sendWithSession : send)(
            '/webauthn/signup',
            `OK:user EMAIL_ALREADY_EXISTS_ERROR SIGN_UP_NOT_ALLOWED:reason=string ${REJECTED} ${OPTIONS_ERRORS}`,
            { webauthnGeneratedOptionsId, credential, shouldTryLinkingWithSessionUser },
            tenantId,
          ),
        ),
      async signIn({ tenantId, mediation, signal, shouldTryLinkingWithSessionUser = false } = {}) {
        const constructor = statics()
        if (!constructor) return NOT_SUPPORTED
        // Autofill needs the browser's support: without it the prompt would open as a modal nobody asked for.
        if (
          mediation === 'conditional' &&
          !(await ask(constructor.isConditionalMediationAvailable?.bind(constructor)))
        ) {
          return NOT_SUPPORTED
        }
        if (signal?.aborted) return { status: 'ABORTED' }
        const options: JsonObject = await send('/webauthn/options/signin', SIGN_IN_OPTIONS, {}, tenantId)
        if (options.status !== 'OK') return options as Exclude<RecipeResult<typeof SIGN_IN_OPTIONS>, { status: 'OK' }>
        const publicKey = await parse(toRequestOptions, publicKeyJson(options))
        let credential: Credential | null
        try {
          credential = await navigator.credentials.get({ publicKey, mediation, signal })
        } catch (error) {
          return browserError(error, false, signal)
        }
        if (credential === null) return { status: 'NOT_ALLOWED' }
        return (shouldTryLinkingWithSessionUser ? sendWithSession : send)(
          '/webauthn/signin',
          `OK:user INVALID_CREDENTIALS_ERROR SIGN_IN_NOT_ALLOWED:reason=string ${OPTIONS_ERRORS}`,
          {
            webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
            credential: await credentialToJson(credential as PublicKeyCredential),
            shouldTryLinkingWithSessionUser,
          },
          tenantId,
        )
      },
      async doesEmailExist({ email, tenantId }) {
        const path = '/webauthn/email/exists?email=' + encodeURIComponent(email.trim())
        return (await send(path, 'OK:exists=boolean', undefined, tenantId, false, true)).exists
      },
      sendRecoveryEmail: ({ email, tenantId }) =>
        send(
          '/user/webauthn/reset/token',
          'OK RECOVER_ACCOUNT_NOT_ALLOWED:reason=string',
          { email: email.trim() },
          tenantId,
        ),
      async recoverAccount(input = {}) {
        const link = readRecoveryLink()
        const token = input.token ?? link?.get('token') ?? undefined
        const tenantId = input.tenantId ?? link?.get('tenantId') ?? undefined
        // Nothing to send: the same answer as a used token, so the screen offers a new email.
        if (!token) return { status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' }
        return register(
          `${REGISTER_OPTIONS} RECOVER_ACCOUNT_TOKEN_INVALID_ERROR`,
          { recoverAccountToken: token },
          tenantId,
          (webauthnGeneratedOptionsId, credential) =>
            send(
              '/user/webauthn/reset',
              `OK RECOVER_ACCOUNT_TOKEN_INVALID_ERROR ${REJECTED} ${OPTIONS_ERRORS}`,
              { token, webauthnGeneratedOptionsId, credential },
              tenantId,
            ),
        )
      },
      registerCredential: ({ email, recipeUserId }) =>
        register(REGISTER_OPTIONS, { email: email.trim() }, undefined, (webauthnGeneratedOptionsId, credential) =>
          sendWithSession(
            '/webauthn/credential',
            `OK REGISTER_CREDENTIAL_NOT_ALLOWED:reason=string ${REJECTED} ${OPTIONS_ERRORS}`,
            { webauthnGeneratedOptionsId, credential, recipeUserId },
          ),
        ),
      async listCredentials(): Promise<{ status: 'OK'; credentials: PasskeyCredential[] } | GeneralError> {
        const result = await sendWithSession('/webauthn/credential/list', 'OK:credentials=object')
        if (result.status !== 'OK') return result
        const list = result.credentials as unknown as Array<PasskeyCredential | null>
        const valid =
          Array.isArray(list) &&
          list.every(
            (item) =>
              typeof item?.webauthnCredentialId === 'string' &&
              typeof item.recipeUserId === 'string' &&
              typeof item.relyingPartyId === 'string' &&
              typeof item.createdAt === 'number',
          )
        if (!valid) throw authError('protocol', 'Bad response from /webauthn/credential/list (credentials).')
        return {
          status: 'OK',
          credentials: (list as PasskeyCredential[]).map(
            ({ webauthnCredentialId, recipeUserId, relyingPartyId, createdAt }) => ({
              webauthnCredentialId,
              recipeUserId,
              relyingPartyId,
              createdAt,
            }),
          ),
        }
      },
      removeCredential: ({ webauthnCredentialId }) =>
        sendWithSession('/webauthn/credential/remove', 'OK CREDENTIAL_NOT_FOUND_ERROR', { webauthnCredentialId }),
    }
    return { webauthn: api }
  }
}
