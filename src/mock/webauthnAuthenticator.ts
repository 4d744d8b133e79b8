/**
 * A software passkey authenticator for tests without a browser: what `navigator.credentials.create/get` plus the
 * browser's JSON serialisation would send, byte for byte in format (attestation `none`, DER ECDSA signatures,
 * base64url fields). It is exported from `authfront/mock` because an app's own Node tests need it as much as
 * ours: jsdom and happy-dom have no WebAuthn, and Chromium's virtual authenticator needs a real browser.
 */
import { base64Decode, base64UrlEncode, randomBytes, sha256, utf8 } from './crypto'
import { encodeCbor } from './cbor'
import type { CborMap } from './cbor'

/** `RegistrationResponseJSON` as browsers serialise a `PublicKeyCredential` from `create()`. */
export interface SoftRegistrationResponse {
  id: string
  rawId: string
  type: 'public-key'
  response: {
    clientDataJSON: string
    attestationObject: string
    authenticatorData: string
    transports: string[]
    publicKeyAlgorithm: number
  }
  clientExtensionResults: Record<string, never>
  authenticatorAttachment: 'platform'
}

/** `AuthenticationResponseJSON` as browsers serialise a `PublicKeyCredential` from `get()`. */
export interface SoftAuthenticationResponse {
  id: string
  rawId: string
  type: 'public-key'
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string }
  clientExtensionResults: Record<string, never>
  authenticatorAttachment: 'platform'
}

/** The registration options a backend answered (`options/register`), as far as an authenticator reads them. */
export interface SoftCreateOptions {
  challenge: string
  rp: { id: string; name?: string }
  user: { id: string; name?: string; displayName?: string }
  pubKeyCredParams?: Array<{ alg: number; type?: string }>
  excludeCredentials?: Array<{ id: string }>
}

/** The sign-in options a backend answered (`options/signin`). */
export interface SoftGetOptions {
  challenge: string
  rpId: string
  allowCredentials?: Array<{ id: string }>
}

/** Per-ceremony overrides, to forge what a tampered or misconfigured client would send. */
export interface SoftCeremonyOverrides {
  /** `clientData.origin`. Defaults to the authenticator's `origin`. */
  origin?: string
  /** `clientData.challenge`. Defaults to the options' challenge. */
  challenge?: string
  /** The rpId hashed into the authenticator data. Defaults to the options' rpId. */
  rpId?: string
}

/** One stored passkey. */
export interface SoftCredential {
  id: string
  rpId: string
  /** base64url of `user.id` from the registration options (the assertion's `userHandle`). */
  userHandle: string
  alg: -7 | -257 | -8
  signCount: number
}

export interface SoftAuthenticatorOptions {
  /** The page origin the browser writes into `clientDataJSON`, e.g. `http://localhost:3000`. Required. */
  origin: string
  /**
   * Key algorithm of new credentials: `-7` (ES256), `-257` (RS256) or `-8` (EdDSA, where the runtime's Web Crypto
   * has Ed25519). Defaults to `-7`.
   */
  alg?: -7 | -257 | -8
  /**
   * How the signature counter moves: `increment` (+1 per use, like security keys) or `zero` (always 0, like
   * synced passkeys). Defaults to `increment`.
   */
  counter?: 'increment' | 'zero'
  /** Whether the UV flag is set (biometrics / PIN done). Defaults to `true`. */
  userVerified?: boolean
  /** Attestation statement of new credentials: `none`, or `packed` self-attestation. Defaults to `none`. */
  attestation?: 'none' | 'packed'
}

export interface SoftAuthenticator {
  /** Like `navigator.credentials.create({ publicKey })`: a new resident credential for the options' rp and user. */
  create(
    options: SoftCreateOptions,
    overrides?: SoftCeremonyOverrides & { alg?: -7 | -257 | -8 },
  ): Promise<SoftRegistrationResponse>
  /** Like `navigator.credentials.get({ publicKey })`: signs with `credentialId`, or the newest passkey of the rpId. */
  get(
    options: SoftGetOptions,
    overrides?: SoftCeremonyOverrides & { credentialId?: string },
  ): Promise<SoftAuthenticationResponse>
  /** The stored passkeys, oldest first. */
  credentials(): SoftCredential[]
  /** Forgets a passkey (the user deleted it from the device). */
  remove(credentialId: string): void
}

/** The `DOMException` names browsers throw, so client code under test sees the same `name`. */
function domError(name: 'InvalidStateError' | 'NotAllowedError' | 'NotSupportedError', message: string): Error {
  const error = new Error(message)
  error.name = name
  return error
}

/** COSE algorithm → Web Crypto key generation parameters. */
const KEY_PARAMS = {
  [-7]: { name: 'ECDSA', namedCurve: 'P-256' },
  [-257]: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' },
  [-8]: { name: 'Ed25519' },
} as const

const FLAG_UP = 0x01
const FLAG_UV = 0x04
const FLAG_AT = 0x40

/** Web Crypto's raw ECDSA r ‖ s → the DER `SEQUENCE { INTEGER r, INTEGER s }` WebAuthn sends. */
function rawToDer(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0
    while (start < bytes.length - 1 && bytes[start] === 0) start++
    const trimmed = bytes.subarray(start)
    const padded = trimmed[0]! & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed
    return Uint8Array.of(0x02, padded.length, ...padded)
  }
  const r = integer(raw.subarray(0, 32))
  const s = integer(raw.subarray(32))
  return Uint8Array.of(0x30, r.length + s.length, ...r, ...s)
}

const b64 = (bytes: Uint8Array) => base64UrlEncode(bytes)
const bytes = (text: string) => {
  const out = base64Decode(text)
  if (out === undefined) throw new TypeError(`soft authenticator: '${text}' is not base64url`)
  return out
}

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Uint8Array {
  return utf8(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** A `PublicKeyCredential` as the browser's `toJSON()` writes it, around one ceremony's response. */
function envelope<TResponse>(id: string, response: TResponse) {
  return {
    id,
    rawId: id,
    type: 'public-key' as const,
    response,
    clientExtensionResults: {},
    authenticatorAttachment: 'platform' as const,
  }
}

interface Stored extends SoftCredential {
  privateKey: CryptoKey
}

/**
 * A software authenticator holding resident ES256 or RS256 passkeys in memory.
 *
 * @example
 * const authenticator = createSoftAuthenticator({ origin: 'http://localhost:3000' })
 * const options = await (await fetch(`${api}/auth/webauthn/options/register`, { method: 'POST', body })).json()
 * const credential = await authenticator.create(options) // send as `credential` to `webauthn/signup`
 */
export function createSoftAuthenticator(config: SoftAuthenticatorOptions): SoftAuthenticator {
  const stored: Stored[] = []
  const subtle = globalThis.crypto.subtle

  const authData = (rpId: string, flags: number, signCount: number, attested?: Uint8Array) => {
    const head = new Uint8Array(37)
    head.set(sha256(rpId))
    head[32] = flags | (config.userVerified === false ? 0 : FLAG_UV)
    new DataView(head.buffer).setUint32(33, signCount)
    if (attested === undefined) return head
    return concat(head, attested)
  }

  const sign = async (credential: Stored, data: Uint8Array): Promise<Uint8Array> => {
    if (credential.alg === -7) {
      const raw = new Uint8Array(
        await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, credential.privateKey, data as BufferSource),
      )
      return rawToDer(raw)
    }
    const name = credential.alg === -257 ? 'RSASSA-PKCS1-v1_5' : 'Ed25519'
    return new Uint8Array(await subtle.sign({ name }, credential.privateKey, data as BufferSource))
  }

  return {
    async create(options, overrides = {}) {
      const rpId = options.rp.id
      const excluded = new Set((options.excludeCredentials ?? []).map((item) => item.id))
      if (stored.some((item) => item.rpId === rpId && excluded.has(item.id))) {
        throw domError('InvalidStateError', 'The authenticator already holds one of the excluded credentials')
      }
      const alg = overrides.alg ?? config.alg ?? -7
      const offered = options.pubKeyCredParams?.map((param) => param.alg)
      if (offered !== undefined && !offered.includes(alg)) {
        throw domError('NotSupportedError', `The relying party does not accept algorithm ${alg}`)
      }
      const pair = (await subtle.generateKey(KEY_PARAMS[alg], true, ['sign', 'verify'])) as CryptoKeyPair
      const jwk = await subtle.exportKey('jwk', pair.publicKey)
      const cose = new Map<number, number | Uint8Array>(
        alg === -7
          ? [
              [1, 2],
              [3, -7],
              [-1, 1],
              [-2, bytes(jwk.x!)],
              [-3, bytes(jwk.y!)],
            ]
          : alg === -257
            ? [
                [1, 3],
                [3, -257],
                [-1, bytes(jwk.n!)],
                [-2, bytes(jwk.e!)],
              ]
            : [
                [1, 1],
                [3, -8],
                [-1, 6],
                [-2, bytes(jwk.x!)],
              ],
      )
      const idBytes = randomBytes(32)
      const coseBytes = encodeCbor(cose)
      const attested = new Uint8Array(16 + 2 + idBytes.length + coseBytes.length)
      new DataView(attested.buffer).setUint16(16, idBytes.length)
      attested.set(idBytes, 18)
      attested.set(coseBytes, 18 + idBytes.length)
      const credential: Stored = {
        id: b64(idBytes),
        rpId,
        userHandle: options.user.id,
        alg,
        signCount: 0,
        privateKey: pair.privateKey,
      }
      const data = authData(overrides.rpId ?? rpId, FLAG_UP | FLAG_AT, 0, attested)
      const client = clientData(
        'webauthn.create',
        overrides.challenge ?? options.challenge,
        overrides.origin ?? config.origin,
      )
      const statement: CborMap = new Map()
      if (config.attestation === 'packed') {
        statement.set('alg', alg)
        statement.set('sig', await sign(credential, concat(data, sha256(client))))
      }
      const attestationObject = encodeCbor(
        new Map<string, string | CborMap | Uint8Array>([
          ['fmt', config.attestation ?? 'none'],
          ['attStmt', statement],
          ['authData', data],
        ]),
      )
      stored.push(credential)
      return envelope(credential.id, {
        clientDataJSON: b64(client),
        attestationObject: b64(attestationObject),
        authenticatorData: b64(data),
        transports: ['internal'],
        publicKeyAlgorithm: alg,
      })
    },

    async get(options, overrides = {}) {
      const allowed = options.allowCredentials?.map((item) => item.id)
      const candidates = stored.filter(
        (item) =>
          item.rpId === options.rpId &&
          (allowed === undefined || allowed.length === 0 || allowed.includes(item.id)) &&
          (overrides.credentialId === undefined || item.id === overrides.credentialId),
      )
      const credential = candidates[candidates.length - 1]
      // Browsers cannot tell "no passkey here" from "cancelled": both are NotAllowedError (docs/RECIPES.md §5.2).
      if (credential === undefined) throw domError('NotAllowedError', 'No passkey for this site on the authenticator')
      if (config.counter !== 'zero') credential.signCount += 1
      const data = authData(overrides.rpId ?? options.rpId, FLAG_UP, credential.signCount)
      const client = clientData(
        'webauthn.get',
        overrides.challenge ?? options.challenge,
        overrides.origin ?? config.origin,
      )
      const signature = await sign(credential, concat(data, sha256(client)))
      return envelope(credential.id, {
        clientDataJSON: b64(client),
        authenticatorData: b64(data),
        signature: b64(signature),
        userHandle: credential.userHandle,
      })
    },

    credentials: () => stored.map(({ privateKey: _key, ...credential }) => ({ ...credential })),

    remove(credentialId) {
      const index = stored.findIndex((item) => item.id === credentialId)
      if (index >= 0) stored.splice(index, 1)
    },
  }
}
