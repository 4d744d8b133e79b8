/**
 * The ceremony ↔ JSON mapping of WebAuthn (docs/RECIPES.md §5.2): backend options (base64url strings) to the
 * `PublicKeyCredential*Options` the browser takes, and the credential it returns to the JSON the backend verifies.
 *
 * Primary path: the browser's own `PublicKeyCredential.parseCreationOptionsFromJSON` /
 * `parseRequestOptionsFromJSON` and `credential.toJSON()` (WebAuthn Level 3: Chrome 129, Firefox 119, Safari 18.4).
 * They cost no bytes, follow the spec as the browser implements it (extensions included), and are what every browser
 * will have. Otherwise (older Safari, a password manager whose credential lacks `toJSON`) the base64url helpers of
 * `@simplewebauthn/browser` are loaded by a dynamic import: a separate chunk only those browsers fetch. The library
 * is used for the conversion only: the ceremony itself stays ours in both paths, so the abort signal, conditional
 * mediation and the error mapping (`browserError`) behave the same whichever path converts.
 */
import type * as SimpleWebAuthn from '@simplewebauthn/browser'
import { authError } from '../client/errors'
import type { WebauthnBrowserError } from './factorTypes'
import type { JsonObject } from './request'

interface JsonParsers {
  parseCreationOptionsFromJSON?(options: JsonObject): PublicKeyCredentialCreationOptions
  parseRequestOptionsFromJSON?(options: JsonObject): PublicKeyCredentialRequestOptions
}
type Base64Url = typeof SimpleWebAuthn

const library = (): Promise<Base64Url> => import('@simplewebauthn/browser')
const parsers = (): JsonParsers => (globalThis.PublicKeyCredential ?? {}) as JsonParsers

const descriptors = (list: JsonObject[] | undefined, decode: Base64Url['base64URLStringToBuffer']) =>
  list?.map((descriptor) => ({ ...descriptor, id: decode(descriptor.id) }))

/** Options of `webauthn/options/register` → `navigator.credentials.create({ publicKey })`. */
export async function toCreationOptions(json: JsonObject): Promise<PublicKeyCredentialCreationOptions> {
  const native = parsers().parseCreationOptionsFromJSON
  if (typeof native === 'function') return native.call(globalThis.PublicKeyCredential, json)
  const { base64URLStringToBuffer: decode } = await library()
  return {
    ...json,
    challenge: decode(json.challenge),
    user: { ...json.user, id: decode(json.user.id) },
    excludeCredentials: descriptors(json.excludeCredentials, decode),
  } as PublicKeyCredentialCreationOptions
}

/** Options of `webauthn/options/signin` → `navigator.credentials.get({ publicKey })`. */
export async function toRequestOptions(json: JsonObject): Promise<PublicKeyCredentialRequestOptions> {
  const native = parsers().parseRequestOptionsFromJSON
  if (typeof native === 'function') return native.call(globalThis.PublicKeyCredential, json)
  const { base64URLStringToBuffer: decode } = await library()
  return {
    ...json,
    challenge: decode(json.challenge),
    allowCredentials: descriptors(json.allowCredentials, decode),
  } as PublicKeyCredentialRequestOptions
}

type Attestation = AuthenticatorAttestationResponse & {
  getPublicKey?(): ArrayBuffer | null
  getPublicKeyAlgorithm?(): number
  getAuthenticatorData?(): ArrayBuffer
  getTransports?(): string[]
}

/** A created or asserted credential → `RegistrationResponseJSON` / `AuthenticationResponseJSON`. */
export async function credentialToJson(credential: PublicKeyCredential): Promise<JsonObject> {
  if (typeof credential.toJSON === 'function') return credential.toJSON()
  const { bufferToBase64URLString: encode } = await library()
  const response = credential.response as Attestation | AuthenticatorAssertionResponse
  const publicKey = 'attestationObject' in response ? response.getPublicKey?.() : null
  const authenticatorData =
    'attestationObject' in response ? response.getAuthenticatorData?.() : response.authenticatorData
  return {
    id: credential.id,
    rawId: encode(credential.rawId),
    type: credential.type,
    response: {
      clientDataJSON: encode(response.clientDataJSON),
      authenticatorData: authenticatorData && encode(authenticatorData),
      ...('attestationObject' in response
        ? {
            attestationObject: encode(response.attestationObject),
            transports: response.getTransports?.(),
            publicKeyAlgorithm: response.getPublicKeyAlgorithm?.(),
            publicKey: publicKey ? encode(publicKey) : undefined,
          }
        : {
            signature: encode(response.signature),
            userHandle: response.userHandle ? encode(response.userHandle) : undefined,
          }),
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  }
}

/**
 * What a failed `navigator.credentials.create/get` means (docs/RECIPES.md §5.2, §5.5). A DOMException the table does
 * not name (`ConstraintError`, `UnknownError`) is a refusal like `NotAllowedError`: the user can retry or use another
 * device. Anything else (a `TypeError`) means options the browser cannot use: the backend's fault, so it rejects.
 */
export function browserError(error: unknown, creating: boolean, signal?: AbortSignal): WebauthnBrowserError {
  // An aborted ceremony rejects with the signal's reason, which need not be an AbortError.
  if (signal?.aborted) return { status: 'ABORTED' }
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown }
  if (name === 'NotAllowedError') return { status: 'NOT_ALLOWED' }
  if (name === 'AbortError') return { status: 'ABORTED' }
  if (name === 'NotSupportedError') return { status: 'WEBAUTHN_NOT_SUPPORTED' }
  if (name === 'SecurityError') return { status: 'SECURITY_ERROR', message: String(message ?? '') }
  if (name === 'InvalidStateError' && creating) return { status: 'AUTHENTICATOR_ALREADY_REGISTERED' }
  if (typeof DOMException === 'function' && error instanceof DOMException) return { status: 'NOT_ALLOWED' }
  throw authError('protocol', `WebAuthn ${creating ? 'create' : 'get'} failed: ${String(message)}`, undefined, error)
}
