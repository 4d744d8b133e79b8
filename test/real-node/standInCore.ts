/**
 * A stand-in for the SuperTokens core (the Java service), just big enough for supertokens-node 24 (CDI 5.4) to run its
 * Session, EmailPassword, EmailVerification, ThirdParty, Passwordless, WebAuthn, MultiFactorAuth and Totp recipes (and
 * the user metadata MFA keeps) against it. Everything authfront sees on the wire comes from supertokens-node itself; this only
 * answers node's back-channel calls, in memory. Sessions, keys and the dispatch live here; users and each recipe's
 * calls in `core/` (users.ts has the core's multi-login-method user).
 *
 * What it keeps from the real core, because node or the frontend can tell the difference:
 * - RS256 access tokens in the v5 layout node verifies locally against /.well-known/jwks.json (`kid` "d-…" for
 *   dynamic signing keys, the custom claims at the top level, `rsub`, `tId`, `refreshTokenHash1`);
 * - refresh-token rotation: a refresh issues a child token and an access token carrying `parentRefreshTokenHash1`;
 *   the session commits to the child on its first use (refresh or verify), so two refreshes racing with the same
 *   token both succeed, while a token older than the committed one is token theft;
 * - anti-CSRF tokens when node asks for them (`enableAntiCsrf`): one per session, renewed by every refresh, and
 *   checked by the refresh against the one its refresh token was issued with.
 * What it does not do: persistence, account linking, user roles, password hashing, rate limits (but TOTP's), key
 * rotation, or any recipe not listed above (unknown paths answer 404 and are recorded). Tenants are a map the tests
 * fill (`tenants`); a path for a tenant not in it is unknown too.
 */
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { emailPasswordRoutes } from './core/emailPassword'
import { mfaRoutes } from './core/mfa'
import { passwordlessRoutes } from './core/passwordless'
import { thirdPartyRoutes } from './core/thirdParty'
import type { Json, Reply, Routes } from './core/types'
import { createUsers } from './core/users'
import { webauthnRoutes } from './core/webauthn'

export interface StandInCore {
  /** The `connectionURI` for supertokens-node. */
  url: string
  /** `METHOD /path` of every call node made, in order. */
  calls: string[]
  /** Paths node called that this stand-in does not implement. */
  unknown: string[]
  /** Milliseconds an access token lives. Defaults to an hour, like the core. */
  accessTokenValidityMs: number
  /**
   * The core's tenants by id, as `GET /<tenantId>/recipe/multitenancy/tenant/v2` answers them. Defaults to `public`
   * alone, with no `firstFactors` (node then offers every recipe it initialised) and no providers in the core.
   */
  tenants: Map<string, TenantConfig>
  close(): Promise<void>
}

export interface TenantConfig {
  thirdParty: { providers: Json[] }
  firstFactors?: string[]
  requiredSecondaryFactors?: string[]
}

interface SessionRecord {
  handle: string
  userId: string
  tenantId: string
  userDataInJWT: Record<string, unknown>
  userDataInDatabase: unknown
  /** sha256(sha256(refresh token)) of the token the session is committed to. */
  refreshTokenHash2: string
  antiCsrfToken?: string
  useDynamicSigningKey: boolean
}

interface RefreshTokenInfo {
  handle: string
  parentRefreshTokenHash2?: string
  antiCsrfToken?: string
}

const REFRESH_TOKEN_VALIDITY_MS = 100 * 24 * 3_600_000
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url')
const token = () => randomBytes(32).toString('base64url')

export async function startStandInCore(): Promise<StandInCore> {
  const keys = {
    // The core signs with a dynamic key (rotated daily) unless node asks for the static one.
    d: { kid: `d-${randomUUID()}`, ...generateKeyPairSync('rsa', { modulusLength: 2048 }) },
    s: { kid: `s-${randomUUID()}`, ...generateKeyPairSync('rsa', { modulusLength: 2048 }) },
  }
  const users = createUsers()
  const sessions = new Map<string, SessionRecord>()
  const refreshTokens = new Map<string, RefreshTokenInfo>()

  function signAccessToken(session: SessionRecord, refreshToken: string, parentRefreshToken?: string) {
    const now = Date.now()
    return signJwt(session, {
      ...session.userDataInJWT,
      sub: session.userId,
      rsub: session.userId,
      tId: session.tenantId,
      exp: Math.floor((now + core.accessTokenValidityMs) / 1000),
      iat: Math.floor(now / 1000),
      sessionHandle: session.handle,
      refreshTokenHash1: sha256(refreshToken),
      ...(parentRefreshToken === undefined ? {} : { parentRefreshTokenHash1: sha256(parentRefreshToken) }),
      ...(session.antiCsrfToken === undefined ? {} : { antiCsrfToken: session.antiCsrfToken }),
    })
  }

  function signJwt(session: SessionRecord, payload: Json) {
    const key = session.useDynamicSigningKey ? keys.d : keys.s
    const header = { alg: 'RS256', typ: 'JWT', version: '5', kid: key.kid }
    const signed = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`
    const signature = sign('RSA-SHA256', Buffer.from(signed), key.privateKey).toString('base64url')
    return { token: `${signed}.${signature}`, expiry: Number(payload.exp) * 1000, createdTime: Date.now() }
  }

  /** The payload of an access token this core signed, or undefined when the signature does not match. */
  function readAccessToken(jwt: string): Json | undefined {
    const [header = '', payload = '', signature = ''] = jwt.split('.')
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid?: string }
    const key: KeyObject | undefined = [keys.d, keys.s].find((k) => k.kid === kid)?.publicKey
    if (!key || !verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) {
      return undefined
    }
    return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json
  }

  const sessionJson = (session: SessionRecord) => ({
    handle: session.handle,
    userId: session.userId,
    recipeUserId: session.userId,
    userDataInJWT: session.userDataInJWT,
    tenantId: session.tenantId,
  })

  function newRefreshToken(session: SessionRecord, parentRefreshTokenHash2?: string) {
    const refreshToken = token()
    refreshTokens.set(refreshToken, {
      handle: session.handle,
      parentRefreshTokenHash2,
      antiCsrfToken: session.antiCsrfToken,
    })
    const now = Date.now()
    return { token: refreshToken, expiry: now + REFRESH_TOKEN_VALIDITY_MS, createdTime: now }
  }

  function createSession(tenantId: string, body: Json): Reply {
    const session: SessionRecord = {
      handle: randomUUID(),
      userId: String(body.userId),
      tenantId,
      userDataInJWT: (body.userDataInJWT ?? {}) as Json,
      userDataInDatabase: body.userDataInDatabase ?? {},
      refreshTokenHash2: '',
      antiCsrfToken: body.enableAntiCsrf === true ? randomUUID() : undefined,
      useDynamicSigningKey: body.useDynamicSigningKey !== false,
    }
    const refreshToken = newRefreshToken(session)
    session.refreshTokenHash2 = sha256(sha256(refreshToken.token))
    sessions.set(session.handle, session)
    return {
      body: {
        status: 'OK',
        session: sessionJson(session),
        accessToken: signAccessToken(session, refreshToken.token),
        refreshToken,
        antiCsrfToken: session.antiCsrfToken,
      },
    }
  }

  function refreshSession(body: Json): Reply {
    const presented = String(body.refreshToken)
    const info = refreshTokens.get(presented)
    const session = info && sessions.get(info.handle)
    if (!info || !session) return { body: { status: 'UNAUTHORISED', message: 'session does not exist' } }
    if (body.enableAntiCsrf === true && info.antiCsrfToken !== undefined && info.antiCsrfToken !== body.antiCsrfToken) {
      return { body: { status: 'UNAUTHORISED', message: 'anti-csrf check failed' } }
    }
    const hash2 = sha256(sha256(presented))
    // First use of a child of the committed token: commit to it (the parent is now spent).
    if (hash2 !== session.refreshTokenHash2 && info.parentRefreshTokenHash2 === session.refreshTokenHash2) {
      session.refreshTokenHash2 = hash2
    }
    if (hash2 !== session.refreshTokenHash2) {
      sessions.delete(session.handle)
      return { body: { status: 'TOKEN_THEFT_DETECTED', session: sessionJson(session) } }
    }
    // A new anti-CSRF token with every refresh; the presented refresh token keeps the one it was issued with.
    if (session.antiCsrfToken !== undefined) session.antiCsrfToken = randomUUID()
    const child = newRefreshToken(session, hash2)
    return {
      body: {
        status: 'OK',
        session: sessionJson(session),
        accessToken: signAccessToken(session, child.token, presented),
        refreshToken: child,
        antiCsrfToken: session.antiCsrfToken,
      },
    }
  }

  function verifySession(body: Json): Reply {
    const payload = readAccessToken(String(body.accessToken))
    if (!payload || Number(payload.exp) * 1000 < Date.now()) {
      return { body: { status: 'TRY_REFRESH_TOKEN', message: 'access token expired or invalid' } }
    }
    if (body.doAntiCsrfCheck === true && body.enableAntiCsrf === true && payload.antiCsrfToken !== body.antiCsrfToken) {
      return { body: { status: 'TRY_REFRESH_TOKEN', message: 'anti-csrf check failed' } }
    }
    const session = sessions.get(String(payload.sessionHandle))
    if (!session) return { body: { status: 'UNAUTHORISED', message: 'session does not exist' } }
    const parent = payload.parentRefreshTokenHash1
    if (typeof parent !== 'string') return { body: { status: 'OK', session: sessionJson(session) } }
    // The first request with the access token of a refresh commits the session to that refresh's token, and gets an
    // access token without the parent hash (node sends it to the frontend with a new front-token).
    const childHash1 = String(payload.refreshTokenHash1)
    if (session.refreshTokenHash2 === sha256(parent)) session.refreshTokenHash2 = sha256(childHash1)
    if (session.refreshTokenHash2 !== sha256(childHash1)) {
      return { body: { status: 'TRY_REFRESH_TOKEN', message: 'refresh token rotated since' } }
    }
    const { parentRefreshTokenHash1: _parent, ...rest } = payload
    const accessToken = signJwt(session, rest)
    return { body: { status: 'OK', session: sessionJson(session), accessToken } }
  }

  function regenerate(body: Json): Reply {
    const payload = readAccessToken(String(body.accessToken))
    const session = payload && sessions.get(String(payload.sessionHandle))
    if (!payload || !session) return { body: { status: 'UNAUTHORISED', message: 'session does not exist' } }
    session.userDataInJWT = (body.userDataInJWT ?? {}) as Json
    // Keep the protected claims of the token being replaced (expiry, hashes); replace only the custom ones.
    const kept = Object.fromEntries(
      [
        'sub',
        'rsub',
        'tId',
        'exp',
        'iat',
        'sessionHandle',
        'refreshTokenHash1',
        'parentRefreshTokenHash1',
        'antiCsrfToken',
      ]
        .filter((name) => name in payload)
        .map((name) => [name, payload[name]]),
    )
    const accessToken = signJwt(session, { ...session.userDataInJWT, ...kept })
    return { body: { status: 'OK', session: sessionJson(session), accessToken } }
  }

  function removeSessions(body: Json): Reply {
    const handles = Array.isArray(body.sessionHandles)
      ? (body.sessionHandles as string[])
      : [...sessions.values()].filter((s) => s.userId === body.userId).map((s) => s.handle)
    const revoked = handles.filter((handle) => sessions.delete(handle))
    return { body: { status: 'OK', sessionHandlesRevoked: revoked } }
  }

  const routes: Routes = {
    'GET /apiversion': () => ({ body: { versions: ['5.4'] } }),
    'GET /.well-known/jwks.json': () => ({
      body: {
        keys: [keys.d, keys.s].map((k) => ({
          ...k.publicKey.export({ format: 'jwk' }),
          kid: k.kid,
          alg: 'RS256',
          use: 'sig',
        })),
      },
    }),
    'GET /recipe/multitenancy/tenant/v2': ({ tenantId }) => {
      const tenant = core.tenants.get(tenantId)
      if (!tenant) return { body: { status: 'TENANT_NOT_FOUND_ERROR' } }
      return { body: { status: 'OK', tenantId, ...tenant, coreConfig: {} } }
    },
    ...users.routes,
    ...emailPasswordRoutes(users),
    ...thirdPartyRoutes(users),
    ...passwordlessRoutes(users),
    ...mfaRoutes(),
    ...webauthnRoutes(users),
    'POST /recipe/session': ({ tenantId, body }) => createSession(tenantId, body),
    'POST /recipe/session/refresh': ({ body }) => refreshSession(body),
    'POST /recipe/session/verify': ({ body }) => verifySession(body),
    'POST /recipe/session/regenerate': ({ body }) => regenerate(body),
    'POST /recipe/session/remove': ({ body }) => removeSessions(body),
    'GET /recipe/session': ({ query }) => {
      const session = sessions.get(String(query.get('sessionHandle')))
      if (!session) return { body: { status: 'UNAUTHORISED', message: 'session does not exist' } }
      return {
        body: {
          status: 'OK',
          sessionHandle: session.handle,
          userId: session.userId,
          recipeUserId: session.userId,
          tenantId: session.tenantId,
          userDataInJWT: session.userDataInJWT,
          userDataInDatabase: session.userDataInDatabase,
          timeCreated: Date.now(),
          expiry: Date.now() + REFRESH_TOKEN_VALIDITY_MS,
        },
      }
    },
  }

  function route(method: string, path: string, query: URLSearchParams, body: Json): Reply | Promise<Reply> | undefined {
    // Tenant-scoped paths start with the tenant id (`/<tenantId>/recipe/…`, `/<tenantId>/users/…`).
    const scoped = /^\/(?!recipe\/|users?\/|apiversion$|\.well-known\/)([^/]+)(\/.*)$/.exec(path)
    const tenantId = scoped?.[1] ?? 'public'
    const key = `${method} ${scoped?.[2] ?? path}`
    // A tenant the core does not have: only the tenant lookup answers (node then says "Tenant not found").
    if (!core.tenants.has(tenantId) && key !== 'GET /recipe/multitenancy/tenant/v2') return undefined
    return routes[key]?.({ tenantId, query, body })
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://core')
      const method = req.method ?? 'GET'
      core.calls.push(`${method} ${url.pathname}`)
      const text = Buffer.concat(chunks).toString()
      const reply = await route(method, url.pathname, url.searchParams, text ? (JSON.parse(text) as Json) : {})
      if (!reply) core.unknown.push(`${method} ${url.pathname}`)
      res.writeHead(reply ? 200 : 404, { 'content-type': 'application/json' })
      res.end(reply ? JSON.stringify(reply.body) : `unknown core path ${url.pathname}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const core: StandInCore = {
    url: `http://127.0.0.1:${port}`,
    calls: [],
    unknown: [],
    accessTokenValidityMs: 3_600_000,
    tenants: new Map([['public', { thirdParty: { providers: [] } }]]),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return core
}
