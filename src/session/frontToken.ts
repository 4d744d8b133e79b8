import { AuthError } from '../client/errors'

/** The decoded `front-token` (protocol.md §3.1): an unsigned, readable copy of the access token payload. */
export interface FrontToken {
  /** The (primary) user id. */
  uid: string
  /** Access token expiry, epoch ms on the server clock. */
  ate: number
  /** The full access token payload. */
  up: Record<string, unknown>
}

let decoder: TextDecoder | undefined

/**
 * Decodes a `front-token` header or `sFrontToken` cookie value: base64 → bytes → UTF-8 JSON. The official client
 * decodes via latin1 `atob` and a re-decode; going through bytes and `TextDecoder` keeps non-ASCII payloads intact.
 * Throws only `AuthError` (kind `protocol`).
 */
export function decodeFrontToken(value: string): FrontToken {
  let parsed: unknown
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/').trim())
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    decoder ??= new TextDecoder('utf-8', { fatal: true })
    parsed = JSON.parse(decoder.decode(bytes))
  } catch (cause) {
    throw new AuthError('protocol', 'The front token is not base64-encoded UTF-8 JSON.', { cause })
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw new AuthError('protocol', 'The front token does not hold a JSON object.')
  }
  const { uid, ate, up } = parsed as Record<string, unknown>
  if (
    typeof uid !== 'string' ||
    typeof ate !== 'number' ||
    up === null ||
    typeof up !== 'object' ||
    Array.isArray(up)
  ) {
    throw new AuthError('protocol', 'The front token lacks "uid" (string), "ate" (number) or "up" (object).')
  }
  return { uid, ate, up: up as Record<string, unknown> }
}

/** Encodes a front token the way supertokens-node does (base64 of UTF-8 JSON). Useful for tests and mocks. */
export function encodeFrontToken(token: FrontToken): string {
  const bytes = new TextEncoder().encode(JSON.stringify(token))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
