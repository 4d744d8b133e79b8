import { createRemoteJWKSet, customFetch, decodeJwt, errors, jwtVerify } from 'jose'
import type { JWTPayload, JWTVerifyGetKey } from 'jose'
import { AuthError } from '../client/errors'
import { readAccessToken } from './requestTokens'
import type { SessionRequest } from './requestTokens'

/** Options of `createSessionVerifier`. Validated at creation: a wrong value throws `AuthError` kind `config`. */
export interface SessionVerifierConfig {
  /** The backend's origin, e.g. `'https://api.example.com'` (the same value the client gets). Required. */
  apiDomain: string
  /** Where the backend mounts its APIs. Defaults to `'/auth'`. */
  apiBasePath?: string
  /**
   * The `iss` the access token must carry; `false` skips the check. Defaults to `{apiDomain}{apiBasePath}`, what
   * supertokens-node writes. Set it when a gateway path makes the backend's issuer differ.
   */
  issuer?: string | false
  /** Where the signing keys are published. Defaults to `{apiDomain}{apiBasePath}/jwt/jwks.json`. */
  jwksUrl?: string
  /**
   * Accepted signature algorithms, asymmetric only. Defaults to `['RS256', 'ES256']`: supertokens-node signs RS256,
   * authfront's mock backend ES256. A key is only used with the algorithm of its type, so listing both is safe.
   */
  algorithms?: string[]
  /** Seconds of clock skew tolerated on `exp`. Defaults to `0`. */
  clockToleranceSeconds?: number
  /**
   * After a JWKS fetch, how long a token with an unknown key id waits before it may trigger another fetch (it is
   * answered from the cache meanwhile), so forged key ids cannot flood the backend. Defaults to `1000` ms.
   */
  jwksCooldownMs?: number
  /** How long fetched keys are used before they are fetched again. Defaults to `600000` ms (10 minutes). */
  jwksMaxAgeMs?: number
  /** How long a JWKS fetch may take before verification throws. Defaults to `5000` ms. */
  jwksTimeoutMs?: number
  /** The `fetch` used for the JWKS. Defaults to `globalThis.fetch`. */
  fetch?: typeof fetch
  /** The clock, in ms since the epoch, for expiry. Defaults to `Date.now`. */
  now?: () => number
}

/** A verified SuperTokens access-token payload (v3+; docs/PROTOCOL.md §3.1). App claims sit beside these keys. */
export interface AccessTokenPayload extends JWTPayload {
  sub: string
  exp: number
  iat: number
  sessionHandle: string
  refreshTokenHash1: string
  parentRefreshTokenHash1?: string | null
  antiCsrfToken?: string | null
  /** Tenant id (v4+ tokens). */
  tId?: string
  /** Recipe user id (v5 tokens). */
  rsub?: string
  [claim: string]: unknown
}

/** The access token was verified: signature, issuer, expiry and shape. */
export interface ServerSession {
  status: 'OK'
  /** `sub`: the (primary) user id. */
  userId: string
  sessionHandle: string
  /** `tId`; `'public'` for tokens older than v4. */
  tenantId: string
  /** The whole verified payload. */
  payload: AccessTokenPayload
  /** The app's claims: the payload without the protocol's keys, e.g. `claims['st-ev']` (email verification). */
  claims: Record<string, unknown>
  transferMethod: 'cookie' | 'header'
}

/**
 * The access token is expired (or its key has left the JWKS and it is expired): the session may still be alive.
 * Nothing is authorised. Render the page's try-refresh path (the browser refreshes once, then reloads), or answer
 * 401 `{"message":"try refresh token"}` from an API route so the client SDK refreshes and retries.
 */
export interface ServerTryRefresh {
  status: 'TRY_REFRESH'
}

/**
 * No usable session: `NO_TOKEN` when the request carried no access token, `INVALID_TOKEN` when it carried one that
 * failed verification (bad signature, unknown key while unexpired, wrong issuer or algorithm, malformed, not an
 * access token). Redirect to sign-in or answer 401.
 */
export interface ServerSignedOut {
  status: 'SIGNED_OUT'
  reason: 'NO_TOKEN' | 'INVALID_TOKEN'
}

/** What `verifySession` answers. Switch on `status`. */
export type ServerSessionResult = ServerSession | ServerTryRefresh | ServerSignedOut

export interface SessionVerifier {
  /**
   * Verifies the request's access token (`Authorization: Bearer` in header mode, the `sAccessToken` cookie in cookie
   * mode) against the backend's JWKS. Never reads the unsigned front token. Rejects with `AuthError` kind `network`
   * when the JWKS cannot be fetched or read: that is an outage, not a signed-out user.
   */
  verifySession(request: SessionRequest): Promise<ServerSessionResult>
}

const PROTOCOL_KEYS = new Set([
  'sub',
  'iat',
  'exp',
  'nbf',
  'iss',
  'aud',
  'jti',
  'sessionHandle',
  'refreshTokenHash1',
  'parentRefreshTokenHash1',
  'antiCsrfToken',
  'tId',
  'rsub',
])

const ASYMMETRIC = /^(RS|PS|ES)(256|384|512)$|^EdDSA$|^Ed25519$/

const fail = (field: string, message: string): never => {
  throw new AuthError('config', `authfront/server: invalid config "${field}": ${message}`)
}

function resolve(config: SessionVerifierConfig) {
  if (config === null || typeof config !== 'object') {
    fail('config', `pass an object such as { apiDomain: 'https://api.example.com' }.`)
  }
  let api: URL | undefined
  try {
    api = new URL(String(config.apiDomain).trim())
  } catch {
    // Reported below.
  }
  if (typeof config.apiDomain !== 'string' || !api || !/^https?:$/.test(api.protocol) || api.pathname.length > 1) {
    fail(
      'apiDomain',
      `expected an http(s) origin without a path, e.g. 'https://api.example.com' (put a path in apiBasePath).`,
    )
  }
  const basePath = config.apiBasePath ?? '/auth'
  if (typeof basePath !== 'string' || !/^(?!.*\/\/)\/[^?#\s]*$/.test(basePath)) {
    fail('apiBasePath', `expected a path starting with '/', e.g. '/auth'.`)
  }
  const apiBase = api!.origin + basePath.replace(/\/+$/, '')
  const optionalUrl = (field: 'jwksUrl' | 'issuer', value: unknown) => {
    if (typeof value !== 'string' || !URL.canParse(value))
      fail(field, `expected an absolute URL, got ${String(value)}.`)
  }
  if (config.jwksUrl !== undefined) optionalUrl('jwksUrl', config.jwksUrl)
  if (config.issuer !== undefined && config.issuer !== false) optionalUrl('issuer', config.issuer)
  const algorithms = config.algorithms ?? ['RS256', 'ES256']
  if (!Array.isArray(algorithms) || algorithms.length === 0 || !algorithms.every((a) => ASYMMETRIC.test(a))) {
    fail(
      'algorithms',
      `expected a non-empty list of asymmetric algorithms such as ['RS256'] (HS* and 'none' cannot be verified with a public JWKS).`,
    )
  }
  const duration = (field: keyof SessionVerifierConfig, fallback: number, min = 0, integer = true): number => {
    const value = config[field] ?? fallback
    if (typeof value !== 'number' || !(integer ? Number.isInteger(value) : Number.isFinite(value)) || value < min) {
      fail(
        field,
        `expected ${integer ? 'a whole number of milliseconds' : 'a number'} >= ${min}, got ${String(value)}.`,
      )
    }
    return value as number
  }
  for (const field of ['fetch', 'now'] as const) {
    if (config[field] !== undefined && typeof config[field] !== 'function') fail(field, `expected a function.`)
  }
  return {
    jwksUrl: new URL(config.jwksUrl ?? `${apiBase}/jwt/jwks.json`),
    issuer: config.issuer === false ? undefined : (config.issuer ?? apiBase),
    algorithms,
    clockTolerance: duration('clockToleranceSeconds', 0, 0, false),
    cooldownDuration: duration('jwksCooldownMs', 1000),
    cacheMaxAge: duration('jwksMaxAgeMs', 600_000),
    // Zero would abort every fetch at once.
    timeoutDuration: duration('jwksTimeoutMs', 5000, 1),
    fetch: config.fetch,
    now: config.now ?? Date.now,
  }
}

const isAccessTokenPayload = (payload: JWTPayload): payload is AccessTokenPayload =>
  typeof payload.sub === 'string' &&
  typeof payload.sessionHandle === 'string' &&
  typeof payload.refreshTokenHash1 === 'string' &&
  typeof payload.exp === 'number' &&
  typeof payload.iat === 'number'

/**
 * Creates the server's session check: the only correct way to authorise a request on the server. Create it once per
 * process (module scope) so the signing keys stay cached between requests.
 *
 * @example
 * const sessions = createSessionVerifier({ apiDomain: 'https://api.example.com' })
 * const session = await sessions.verifySession(request)
 * if (session.status === 'OK') render(session.userId)
 */
export function createSessionVerifier(config: SessionVerifierConfig): SessionVerifier {
  const options = resolve(config)
  const remote = createRemoteJWKSet(options.jwksUrl, {
    cooldownDuration: options.cooldownDuration,
    cacheMaxAge: options.cacheMaxAge,
    timeoutDuration: options.timeoutDuration,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  })
  // A key set that cannot be loaded is an outage: surface it rather than sign everyone out.
  const getKey: JWTVerifyGetKey = async (header, token) => {
    try {
      return await remote(header, token)
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error
      if (error instanceof errors.JOSENotSupported || error instanceof errors.JOSEAlgNotAllowed) throw error
      throw new AuthError('network', `authfront/server: could not load the signing keys from ${options.jwksUrl}.`, {
        cause: error,
      })
    }
  }

  const signedOut = (reason: ServerSignedOut['reason']): ServerSignedOut => ({ status: 'SIGNED_OUT', reason })

  return {
    async verifySession(request) {
      const found = readAccessToken(request)
      if (found === undefined) return signedOut('NO_TOKEN')
      const nowMs = options.now()
      try {
        const { payload, protectedHeader } = await jwtVerify(found.token, getKey, {
          algorithms: options.algorithms,
          issuer: options.issuer,
          clockTolerance: options.clockTolerance,
          currentDate: new Date(nowMs),
          requiredClaims: ['exp', 'sub'],
        })
        // Other tokens the backend signs with the same keys (the JWT recipe's) lack these: not a session.
        if (typeof protectedHeader.version !== 'string' || !isAccessTokenPayload(payload)) {
          return signedOut('INVALID_TOKEN')
        }
        const claims = Object.fromEntries(Object.entries(payload).filter(([key]) => !PROTOCOL_KEYS.has(key)))
        return {
          status: 'OK',
          userId: payload.sub,
          sessionHandle: payload.sessionHandle,
          tenantId: payload.tId ?? 'public',
          payload,
          claims,
          transferMethod: found.transferMethod,
        }
      } catch (error) {
        if (error instanceof AuthError) throw error
        if (error instanceof errors.JWTExpired) return { status: 'TRY_REFRESH' }
        // The backend drops old keys; a token signed with one can only be stale. The unverified `exp` only picks
        // between two answers that both authorise nothing.
        if (error instanceof errors.JWKSNoMatchingKey && isExpired(found.token, nowMs)) return { status: 'TRY_REFRESH' }
        return signedOut('INVALID_TOKEN')
      }
    },
  }
}

function isExpired(token: string, nowMs: number): boolean {
  try {
    const { exp } = decodeJwt(token)
    return typeof exp === 'number' && exp * 1000 <= nowMs
  } catch {
    return false
  }
}
