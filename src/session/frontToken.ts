import { authError } from '../client/errors'

/** The decoded `front-token` (docs/PROTOCOL.md §3.1): an unsigned, readable copy of the access token payload. */
export interface FrontToken {
  /** The (primary) user id. */
  uid: string
  /** Access token expiry, epoch ms on the server clock. */
  ate: number
  /** The full access token payload. */
  up: Record<string, unknown>
}

/**
 * Decodes a `front-token` header or `sFrontToken` cookie value: base64 → bytes → UTF-8 JSON. The official client
 * decodes via latin1 `atob` and a re-decode; going through bytes and `TextDecoder` keeps non-ASCII payloads intact.
 * Throws only `AuthError` (kind `protocol`).
 */
export function decodeFrontToken(value: string): FrontToken {
  let cause: unknown
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/').trim())
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
    const { uid, ate, up } = JSON.parse(new TextDecoder(undefined, { fatal: true }).decode(bytes)) as FrontToken
    if (
      typeof uid === 'string' &&
      typeof ate === 'number' &&
      up !== null &&
      typeof up === 'object' &&
      !Array.isArray(up)
    ) {
      return { uid, ate, up }
    }
  } catch (error) {
    cause = error
  }
  throw authError('protocol', 'Malformed front token.', undefined, cause)
}

/** Encodes a front token the way supertokens-node does (base64 of UTF-8 JSON). Useful for tests and mocks. */
export function encodeFrontToken(token: FrontToken): string {
  const bytes = new TextEncoder().encode(JSON.stringify(token))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
