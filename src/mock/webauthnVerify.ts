/**
 * WebAuthn registration and assertion checks with Web Crypto (Node ≥ 20 and browsers), as a relying party does them
 * (W3C WebAuthn Level 2 §7.1, §7.2; docs/RECIPES.md §5). Attestation `none` and `packed` self-attestation; keys
 * ES256 (COSE -7), RS256 (-257) and EdDSA (-8, where the runtime's Web Crypto has Ed25519).
 * Test infrastructure: it checks what a real backend checks, but nothing here is hardened.
 */
import { base64Decode, base64UrlEncode, fromUtf8, sha256 } from './crypto'
import { CborError, decodeCbor, decodeCborPrefix } from './cbor'
import type { CborMap, CborValue } from './cbor'

/** The COSE algorithms the mock offers in `pubKeyCredParams`, in node's order. */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257] as const

const FLAG_UP = 0x01
const FLAG_UV = 0x04
const FLAG_AT = 0x40
const FLAG_ED = 0x80

/** A stored public key: the COSE algorithm and its JWK. */
export interface WebauthnPublicKey {
  alg: number
  jwk: JsonWebKey
}

/** What a ceremony must match: the stored options of `webauthnGeneratedOptionsId`. */
export interface ExpectedCeremony {
  challenge: string
  origin: string
  rpId: string
  userVerification: 'required' | 'preferred' | 'discouraged'
}

/**
 * Why a ceremony failed: `credentials` (a signature, challenge, origin or rpId that does not match: the answer is
 * `INVALID_CREDENTIALS_ERROR`) or `authenticator` (bytes or algorithms the mock cannot use:
 * `INVALID_AUTHENTICATOR_ERROR`).
 */
export type VerifyFailure = { ok: false; kind: 'credentials' | 'authenticator'; reason: string }

export interface VerifiedRegistration {
  ok: true
  credentialId: string
  publicKey: WebauthnPublicKey
  signCount: number
  transports: string[]
}

export interface VerifiedAssertion {
  ok: true
  signCount: number
  /** base64url, or undefined when the authenticator sent none. */
  userHandle: string | undefined
}

export interface AuthenticatorData {
  rpIdHash: Uint8Array
  flags: number
  signCount: number
  attested?: { aaguid: Uint8Array; credentialId: Uint8Array; publicKey: CborMap }
}

const fail = (kind: VerifyFailure['kind'], reason: string): VerifyFailure => ({ ok: false, kind, reason })

/** Authenticator data (WebAuthn §6.1): rpIdHash, flags, counter, and the attested credential when present. */
export function parseAuthenticatorData(bytes: Uint8Array): AuthenticatorData {
  if (bytes.length < 37) throw new CborError('authenticator data too short')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const flags = bytes[32]!
  const data: AuthenticatorData = { rpIdHash: bytes.slice(0, 32), flags, signCount: view.getUint32(33) }
  let offset = 37
  if (flags & FLAG_AT) {
    if (bytes.length < offset + 18) throw new CborError('attested credential data too short')
    const aaguid = bytes.slice(offset, offset + 16)
    const idLength = view.getUint16(offset + 16)
    offset += 18
    if (bytes.length < offset + idLength) throw new CborError('credential id truncated')
    const credentialId = bytes.slice(offset, offset + idLength)
    offset += idLength
    const { value, end } = decodeCborPrefix(bytes, offset)
    if (!(value instanceof Map)) throw new CborError('credential public key is not a COSE map')
    data.attested = { aaguid, credentialId, publicKey: value }
    offset = end
  }
  if (flags & FLAG_ED) offset = decodeCborPrefix(bytes, offset).end
  if (offset !== bytes.length) throw new CborError('trailing bytes after authenticator data')
  return data
}

const bytesOf = (value: CborValue | undefined): Uint8Array | undefined =>
  value instanceof Uint8Array ? value : undefined

/** COSE_Key (RFC 9053) → JWK for Web Crypto; undefined for key types or algorithms the mock does not support. */
export function coseToJwk(key: CborMap): WebauthnPublicKey | undefined {
  const kty = key.get(1)
  const alg = key.get(3)
  if (kty === 2 && alg === -7 && key.get(-1) === 1) {
    const x = bytesOf(key.get(-2))
    const y = bytesOf(key.get(-3))
    if (x?.length !== 32 || y?.length !== 32) return undefined
    return { alg, jwk: { kty: 'EC', crv: 'P-256', x: base64UrlEncode(x), y: base64UrlEncode(y) } }
  }
  if (kty === 3 && alg === -257) {
    const n = bytesOf(key.get(-1))
    const e = bytesOf(key.get(-2))
    if (n === undefined || e === undefined || n.length < 256) return undefined
    return { alg, jwk: { kty: 'RSA', n: base64UrlEncode(n), e: base64UrlEncode(e), alg: 'RS256' } }
  }
  if (kty === 1 && alg === -8 && key.get(-1) === 6) {
    const x = bytesOf(key.get(-2))
    if (x?.length !== 32) return undefined
    return { alg, jwk: { kty: 'OKP', crv: 'Ed25519', x: base64UrlEncode(x) } }
  }
  return undefined
}

function importParams(alg: number): {
  importAlg: AlgorithmIdentifier | EcKeyImportParams | RsaHashedImportParams
  verifyAlg: AlgorithmIdentifier | EcdsaParams
} {
  if (alg === -7)
    return { importAlg: { name: 'ECDSA', namedCurve: 'P-256' }, verifyAlg: { name: 'ECDSA', hash: 'SHA-256' } }
  if (alg === -257) {
    return { importAlg: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verifyAlg: { name: 'RSASSA-PKCS1-v1_5' } }
  }
  return { importAlg: { name: 'Ed25519' }, verifyAlg: { name: 'Ed25519' } }
}

/**
 * WebAuthn ECDSA signatures are ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`; Web Crypto wants r ‖ s, each 32
 * bytes. Undefined for anything else.
 */
export function derToRaw(der: Uint8Array): Uint8Array | undefined {
  let offset = 0
  if (der[offset++] !== 0x30) return undefined
  let length = der[offset++]
  if (length === undefined) return undefined
  if (length & 0x80) {
    if (length !== 0x81) return undefined
    length = der[offset++]
  }
  if (length !== der.length - offset) return undefined
  const out = new Uint8Array(64)
  for (let part = 0; part < 2; part++) {
    if (der[offset++] !== 0x02) return undefined
    const size = der[offset++]
    if (size === undefined || size === 0 || offset + size > der.length) return undefined
    let value = der.subarray(offset, offset + size)
    offset += size
    while (value.length > 32 && value[0] === 0) value = value.subarray(1)
    if (value.length > 32) return undefined
    out.set(value, part * 32 + 32 - value.length)
  }
  return offset === der.length ? out : undefined
}

/** Checks `signature` over `data` with the stored key; false for a bad signature or a key the runtime cannot use. */
export async function verifySignature(
  key: WebauthnPublicKey,
  signature: Uint8Array,
  data: Uint8Array,
): Promise<boolean> {
  const { importAlg, verifyAlg } = importParams(key.alg)
  let raw: Uint8Array | undefined = signature
  if (key.alg === -7) raw = derToRaw(signature)
  if (raw === undefined) return false
  try {
    const cryptoKey = await globalThis.crypto.subtle.importKey('jwk', key.jwk, importAlg, false, ['verify'])
    return await globalThis.crypto.subtle.verify(verifyAlg, cryptoKey, raw as BufferSource, data as BufferSource)
  } catch {
    return false
  }
}

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i])

const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** The credential JSON's common part: `id` = base64url(`rawId`), `type`, and the parsed client data. */
function readEnvelope(
  credential: unknown,
  type: 'webauthn.create' | 'webauthn.get',
  expected: ExpectedCeremony,
): VerifyFailure | { response: Record<string, unknown>; rawId: Uint8Array; clientDataJSON: Uint8Array } {
  if (typeof credential !== 'object' || credential === null) return fail('credentials', 'credential is not an object')
  const { id, rawId, type: credentialType, response } = credential as Record<string, unknown>
  if (credentialType !== 'public-key') return fail('credentials', 'type is not public-key')
  if (typeof id !== 'string' || typeof rawId !== 'string') return fail('credentials', 'id or rawId missing')
  const rawBytes = base64Decode(rawId)
  if (rawBytes === undefined || rawBytes.length === 0 || base64UrlEncode(rawBytes) !== id) {
    return fail('credentials', 'id is not base64url(rawId)')
  }
  if (typeof response !== 'object' || response === null) return fail('credentials', 'response missing')
  const fields = response as Record<string, unknown>
  const clientDataJSON =
    typeof fields['clientDataJSON'] === 'string' ? base64Decode(fields['clientDataJSON']) : undefined
  if (clientDataJSON === undefined) return fail('credentials', 'clientDataJSON missing')
  let clientData: Record<string, unknown>
  try {
    clientData = JSON.parse(fromUtf8(clientDataJSON)) as Record<string, unknown>
  } catch {
    return fail('credentials', 'clientDataJSON is not JSON')
  }
  if (clientData['type'] !== type) return fail('credentials', `client data type is not ${type}`)
  if (clientData['challenge'] !== expected.challenge) return fail('credentials', 'challenge mismatch')
  if (clientData['origin'] !== expected.origin) return fail('credentials', 'origin mismatch')
  return { response: fields, rawId: rawBytes, clientDataJSON }
}

/** Flags and rpIdHash every ceremony checks (WebAuthn §7.1 steps 13–16, §7.2 steps 15–18). */
function checkAuthData(data: AuthenticatorData, expected: ExpectedCeremony): VerifyFailure | undefined {
  if (!equalBytes(data.rpIdHash, sha256(expected.rpId))) return fail('credentials', 'rpIdHash mismatch')
  if (!(data.flags & FLAG_UP)) return fail('credentials', 'user not present')
  if (expected.userVerification === 'required' && !(data.flags & FLAG_UV)) {
    return fail('credentials', 'user not verified')
  }
  return undefined
}

/** Verifies a `RegistrationResponseJSON` against its options (WebAuthn §7.1). */
export async function verifyRegistration(
  credential: unknown,
  expected: ExpectedCeremony,
): Promise<VerifiedRegistration | VerifyFailure> {
  const envelope = readEnvelope(credential, 'webauthn.create', expected)
  if ('ok' in envelope) return envelope
  const attestationText = envelope.response['attestationObject']
  const attestationBytes = typeof attestationText === 'string' ? base64Decode(attestationText) : undefined
  if (attestationBytes === undefined) return fail('credentials', 'attestationObject missing')
  let attestation: CborValue
  let authData: AuthenticatorData
  let authDataBytes: Uint8Array | undefined
  try {
    attestation = decodeCbor(attestationBytes)
    if (!(attestation instanceof Map)) return fail('authenticator', 'attestationObject is not a map')
    authDataBytes = bytesOf(attestation.get('authData'))
    if (authDataBytes === undefined) return fail('authenticator', 'authData missing')
    authData = parseAuthenticatorData(authDataBytes)
  } catch (error) {
    if (error instanceof CborError) return fail('authenticator', error.message)
    throw error
  }
  const bad = checkAuthData(authData, expected)
  if (bad !== undefined) return bad
  const attested = authData.attested
  if (attested === undefined) return fail('authenticator', 'no attested credential data')
  if (!equalBytes(attested.credentialId, envelope.rawId)) return fail('credentials', 'credential id mismatch')
  const publicKey = coseToJwk(attested.publicKey)
  if (publicKey === undefined) return fail('authenticator', 'unsupported public key algorithm')

  const fmt = attestation.get('fmt')
  const statement = attestation.get('attStmt')
  if (!(statement instanceof Map)) return fail('authenticator', 'attStmt missing')
  if (fmt === 'packed') {
    // Self-attestation: signed by the credential's own key. A certificate chain (x5c) needs a trust store the
    // mock does not have; browsers strip it anyway when the options ask for attestation `none`.
    if (statement.has('x5c')) return fail('authenticator', 'packed attestation with a certificate is not supported')
    const sig = bytesOf(statement.get('sig'))
    if (statement.get('alg') !== publicKey.alg || sig === undefined) {
      return fail('credentials', 'packed self-attestation does not match the credential key')
    }
    const signed = concat(authDataBytes, sha256(envelope.clientDataJSON))
    if (!(await verifySignature(publicKey, sig, signed))) return fail('credentials', 'attestation signature invalid')
  } else if (fmt !== 'none' || statement.size !== 0) {
    return fail('authenticator', `attestation format ${String(fmt)} is not supported`)
  }
  const transports = envelope.response['transports']
  return {
    ok: true,
    credentialId: base64UrlEncode(envelope.rawId),
    publicKey,
    signCount: authData.signCount,
    transports: Array.isArray(transports) ? transports.filter((item): item is string => typeof item === 'string') : [],
  }
}

/**
 * Verifies an `AuthenticationResponseJSON` with the stored key (WebAuthn §7.2). `storedSignCount` applies the
 * counter rule: when either counter is non-zero the new one must be greater (a clone otherwise); authenticators
 * whose counter stays 0 are fine (docs/RECIPES.md §5.2).
 */
export async function verifyAssertion(
  credential: unknown,
  expected: ExpectedCeremony,
  key: WebauthnPublicKey,
  storedSignCount: number,
): Promise<VerifiedAssertion | VerifyFailure> {
  const envelope = readEnvelope(credential, 'webauthn.get', expected)
  if ('ok' in envelope) return envelope
  const { response } = envelope
  const authDataBytes =
    typeof response['authenticatorData'] === 'string' ? base64Decode(response['authenticatorData']) : undefined
  const signature = typeof response['signature'] === 'string' ? base64Decode(response['signature']) : undefined
  if (authDataBytes === undefined || signature === undefined)
    return fail('credentials', 'authenticatorData or signature missing')
  let authData: AuthenticatorData
  try {
    authData = parseAuthenticatorData(authDataBytes)
  } catch (error) {
    if (error instanceof CborError) return fail('credentials', error.message)
    throw error
  }
  const bad = checkAuthData(authData, expected)
  if (bad !== undefined) return bad
  const signed = concat(authDataBytes, sha256(envelope.clientDataJSON))
  if (!(await verifySignature(key, signature, signed))) return fail('credentials', 'signature invalid')
  if ((authData.signCount !== 0 || storedSignCount !== 0) && authData.signCount <= storedSignCount) {
    return fail('credentials', 'signature counter did not increase (cloned authenticator?)')
  }
  const userHandle = response['userHandle']
  return {
    ok: true,
    signCount: authData.signCount,
    userHandle: typeof userHandle === 'string' && userHandle !== '' ? userHandle : undefined,
  }
}
