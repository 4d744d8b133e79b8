import { decodeJwt, decodeProtectedHeader } from 'jose'

/**
 * What a server can hand over: a Fetch API `Request` (Next.js, Nuxt/h3 with `toWebRequest`, Hono, Remix), its
 * `Headers`, or the raw `Cookie` and `Authorization` header values (Express, Fastify, Node's `IncomingMessage`).
 */
export type SessionRequest =
  | Request
  | Headers
  | {
      /** The `Cookie` request header. */
      cookie?: string | null | undefined
      /** The `Authorization` request header. */
      authorization?: string | null | undefined
    }

/** The access token a request carries, and how it travelled. */
export interface RequestAccessToken {
  token: string
  transferMethod: 'cookie' | 'header'
}

/** supertokens-node's access-token cookie (docs/PROTOCOL.md §3.1). */
export const ACCESS_TOKEN_COOKIE = 'sAccessToken'

function headerValues(input: SessionRequest): { cookie: string | undefined; authorization: string | undefined } {
  // Duck-typed: frameworks and test runners may hand over a Request or Headers from another realm or polyfill.
  const headers = isHeaders(input) ? input : 'headers' in input && isHeaders(input.headers) ? input.headers : undefined
  if (headers !== undefined) {
    return { cookie: headers.get('cookie') ?? undefined, authorization: headers.get('authorization') ?? undefined }
  }
  const plain = input as { cookie?: string | null; authorization?: string | null }
  return { cookie: plain.cookie ?? undefined, authorization: plain.authorization ?? undefined }
}

const isHeaders = (value: unknown): value is Headers =>
  typeof value === 'object' && value !== null && typeof (value as Headers).get === 'function'

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue
    const raw = part.slice(eq + 1).trim()
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  }
  return undefined
}

/**
 * A token shaped like a SuperTokens access token (v3+): a JWT whose header has `version` and whose payload has a
 * string `sub` and `sessionHandle`. Only used to pick which token to verify, never to trust one.
 */
export function looksLikeAccessToken(token: string): boolean {
  try {
    const header = decodeProtectedHeader(token)
    const payload = decodeJwt(token)
    return (
      typeof header.version === 'string' && typeof payload.sub === 'string' && typeof payload.sessionHandle === 'string'
    )
  } catch {
    return false
  }
}

/**
 * The access token to verify. As in supertokens-node (docs/PROTOCOL.md §3.3) a bearer that parses as an access token
 * wins over the cookie, and any other bearer (a third-party API key) is ignored so it cannot break cookie sessions.
 * The `sFrontToken` cookie and `front-token` header are never read: they are unsigned copies of the payload.
 */
export function readAccessToken(input: SessionRequest): RequestAccessToken | undefined {
  const { cookie, authorization } = headerValues(input)
  const bearer = authorization === undefined ? undefined : /^bearer\s+(\S+)\s*$/i.exec(authorization.trim())?.[1]
  if (bearer !== undefined && looksLikeAccessToken(bearer)) return { token: bearer, transferMethod: 'header' }
  const fromCookie = readCookie(cookie, ACCESS_TOKEN_COOKIE)
  return fromCookie ? { token: fromCookie, transferMethod: 'cookie' } : undefined
}
