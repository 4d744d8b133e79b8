import { base64Decode, base64Encode, base64UrlEncode, fromUtf8, utf8 } from './crypto'
import { signEs256, signingKeyFor } from './es256'
import type { MockAccessTokenPayload } from './types'

interface JwtHeader {
  kid: string
  typ: 'JWT'
  version: '5'
  alg: 'ES256'
  /** Issue counter; lives in the header so the payload (and so the front token) matches supertokens-node's. */
  seq: number
}

export interface ParsedAccessToken {
  header: JwtHeader
  payload: MockAccessTokenPayload
  signingInput: string
  signature: string
}

function encodeJson(value: unknown): string {
  return base64UrlEncode(utf8(JSON.stringify(value)))
}

function decodeJson(part: string): unknown {
  const bytes = base64Decode(part)
  if (bytes === undefined) return undefined
  try {
    return JSON.parse(fromUtf8(bytes)) as unknown
  } catch {
    return undefined
  }
}

/** Signed with the secret's ES256 key, whose public half `GET {apiBasePath}/jwt/jwks.json` serves. */
export function signAccessToken(secret: string, seq: number, payload: MockAccessTokenPayload): string {
  const key = signingKeyFor(secret)
  const header: JwtHeader = { kid: key.kid, typ: 'JWT', version: '5', alg: 'ES256', seq }
  const signingInput = `${encodeJson(header)}.${encodeJson(payload)}`
  return `${signingInput}.${signEs256(key, signingInput)}`
}

/**
 * Parses without checking the signature. Returns undefined for anything that is not shaped like one of our access
 * tokens (node ignores such `Authorization` bearers, docs/PROTOCOL.md §3.3).
 */
export function parseAccessToken(token: string): ParsedAccessToken | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [headerPart, payloadPart, signature] = parts as [string, string, string]
  const header = decodeJson(headerPart)
  const payload = decodeJson(payloadPart)
  if (typeof header !== 'object' || header === null || (header as { typ?: unknown }).typ !== 'JWT') return undefined
  if (typeof (header as { version?: unknown }).version !== 'string') return undefined
  if (typeof payload !== 'object' || payload === null) return undefined
  const p = payload as Partial<MockAccessTokenPayload>
  if (typeof p.sub !== 'string' || typeof p.exp !== 'number' || typeof p.sessionHandle !== 'string') return undefined
  return {
    header: header as JwtHeader,
    payload: payload as MockAccessTokenPayload,
    signingInput: `${headerPart}.${payloadPart}`,
    signature,
  }
}

/** Signatures are deterministic (see es256.ts): one of our tokens is valid when re-signing reproduces it. */
export function hasValidSignature(secret: string, token: ParsedAccessToken): boolean {
  return token.header.alg === 'ES256' && signEs256(signingKeyFor(secret), token.signingInput) === token.signature
}

/** `front-token` header value: base64 of UTF-8 JSON `{uid, ate, up}` (docs/PROTOCOL.md §3.1). */
export function encodeFrontToken(payload: MockAccessTokenPayload): string {
  return base64Encode(utf8(JSON.stringify({ uid: payload.sub, ate: payload.exp * 1000, up: payload })))
}

/**
 * Reads a `front-token` response header in a test: `remove`, a missing header and garbage give undefined. The
 * client's `decodeFrontToken` (from `authfront`) instead throws an `AuthError` on garbage and takes only a value.
 */
export function readFrontTokenHeader(
  value: string | null | undefined,
): { uid: string; ate: number; up: MockAccessTokenPayload } | undefined {
  if (value === null || value === undefined || value === 'remove') return undefined
  const bytes = base64Decode(value)
  if (bytes === undefined) return undefined
  try {
    return JSON.parse(fromUtf8(bytes)) as { uid: string; ate: number; up: MockAccessTokenPayload }
  } catch {
    return undefined
  }
}

/**
 * @deprecated Renamed `readFrontTokenHeader`: `authfront` exports a different `decodeFrontToken` (the client's,
 * which throws). This alias goes in the next minor version.
 */
export const decodeFrontToken = readFrontTokenHeader
