/**
 * A stand-in for the SuperTokens core (the Java service), just big enough for supertokens-node 24 (CDI 5.4) to run
 * its Session, EmailPassword and EmailVerification recipes against it. Everything authfront sees on the wire comes
 * from supertokens-node itself; this only answers node's back-channel calls, in memory.
 *
 * What it keeps from the real core, because node or the frontend can tell the difference:
 * - RS256 access tokens in the v5 layout node verifies locally against /.well-known/jwks.json (`kid` "d-…" for
 *   dynamic signing keys, the custom claims at the top level, `rsub`, `tId`, `refreshTokenHash1`);
 * - refresh-token rotation: a refresh issues a child token and an access token carrying `parentRefreshTokenHash1`;
 *   the session commits to the child on its first use (refresh or verify), so two refreshes racing with the same
 *   token both succeed, while a token older than the committed one is token theft;
 * - anti-CSRF tokens when node asks for them (`enableAntiCsrf`): one per session, renewed by every refresh, and
 *   checked by the refresh against the one its refresh token was issued with.
 * What it does not do: persistence, tenants other than `public`, account linking, user roles or metadata, password
 * hashing, rate limits, key rotation, or any recipe not listed above (unknown paths answer 404 and are recorded).
 */
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, verify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StandInCore {
  /** The `connectionURI` for supertokens-node. */
  url: string
  /** `METHOD /path` of every call node made, in order. */
  calls: string[]
  /** Paths node called that this stand-in does not implement. */
  unknown: string[]
  /** Milliseconds an access token lives. Defaults to an hour, like the core. */
  accessTokenValidityMs: number
  close(): Promise<void>
}

interface LoginMethod {
  recipeId: 'emailpassword'
  recipeUserId: string
  tenantIds: string[]
  email: string
  timeJoined: number
  verified: boolean
}

interface UserRecord {
  id: string
  email: string
  password: string
  timeJoined: number
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

type Json = Record<string, unknown>
/** The core answers 200 with a `status` in the body, even for errors. */
type Reply = { body: unknown }

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
  const users = new Map<string, UserRecord>()
  const verifiedEmails = new Set<string>()
  const sessions = new Map<string, SessionRecord>()
  const refreshTokens = new Map<string, RefreshTokenInfo>()
  const emailVerificationTokens = new Map<string, { userId: string; email: string }>()
  const passwordResetTokens = new Map<string, { userId: string; email: string }>()

  const isVerified = (userId: string, email: string) => verifiedEmails.has(`${userId} ${email}`)
  const userJson = (user: UserRecord) => {
    const loginMethod: LoginMethod = {
      recipeId: 'emailpassword',
      recipeUserId: user.id,
      tenantIds: ['public'],
      email: user.email,
      timeJoined: user.timeJoined,
      verified: isVerified(user.id, user.email),
    }
    return {
      id: user.id,
      isPrimaryUser: false,
      tenantIds: ['public'],
      emails: [user.email],
      phoneNumbers: [],
      thirdParty: [],
      webauthn: { credentialIds: [] },
      timeJoined: user.timeJoined,
      loginMethods: [loginMethod],
    }
  }
  const userByEmail = (email: string) => [...users.values()].find((user) => user.email === email)

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

  function route(method: string, path: string, query: URLSearchParams, body: Json): Reply | undefined {
    // Tenant-scoped paths start with the tenant id; this core has only `public`.
    const scoped = /^\/(?!recipe\/|users?\/|apiversion$|\.well-known\/)([^/]+)(\/.*)$/.exec(path)
    const tenantId = scoped?.[1] ?? 'public'
    const key = `${method} ${scoped?.[2] ?? path}`
    if (tenantId !== 'public') {
      return key === 'GET /recipe/multitenancy/tenant/v2' ? { body: { status: 'TENANT_NOT_FOUND_ERROR' } } : undefined
    }
    switch (key) {
      case 'GET /recipe/multitenancy/tenant/v2':
        // Every recipe node has initialised is a first factor (no `firstFactors` list), no providers in the core.
        return { body: { status: 'OK', tenantId, thirdParty: { providers: [] }, coreConfig: {} } }
      case 'GET /apiversion':
        return { body: { versions: ['5.4'] } }
      case 'GET /.well-known/jwks.json':
        return {
          body: {
            keys: [keys.d, keys.s].map((k) => ({
              ...k.publicKey.export({ format: 'jwk' }),
              kid: k.kid,
              alg: 'RS256',
              use: 'sig',
            })),
          },
        }
      case 'POST /recipe/signup': {
        const email = String(body.email)
        if (userByEmail(email)) return { body: { status: 'EMAIL_ALREADY_EXISTS_ERROR' } }
        const user = { id: randomUUID(), email, password: String(body.password), timeJoined: Date.now() }
        users.set(user.id, user)
        return { body: { status: 'OK', user: userJson(user), recipeUserId: user.id } }
      }
      case 'POST /recipe/signin': {
        const user = userByEmail(String(body.email))
        if (!user || user.password !== body.password) return { body: { status: 'WRONG_CREDENTIALS_ERROR' } }
        return { body: { status: 'OK', user: userJson(user), recipeUserId: user.id } }
      }
      case 'GET /user/id': {
        const user = users.get(String(query.get('userId')))
        return { body: user ? { status: 'OK', user: userJson(user) } : { status: 'UNKNOWN_USER_ID_ERROR' } }
      }
      case 'GET /users/by-accountinfo': {
        const user = userByEmail(String(query.get('email')))
        return { body: { status: 'OK', users: user ? [userJson(user)] : [] } }
      }
      case 'PUT /recipe/user': {
        const user = users.get(String(body.recipeUserId))
        if (!user) return { body: { status: 'UNKNOWN_USER_ID_ERROR' } }
        if (typeof body.password === 'string') user.password = body.password
        if (typeof body.email === 'string') user.email = body.email
        return { body: { status: 'OK' } }
      }
      case 'POST /recipe/user/password/reset/token': {
        const user = users.get(String(body.userId))
        if (!user) return { body: { status: 'UNKNOWN_USER_ID_ERROR' } }
        const resetToken = token()
        passwordResetTokens.set(resetToken, { userId: user.id, email: String(body.email) })
        return { body: { status: 'OK', token: resetToken } }
      }
      case 'POST /recipe/user/password/reset/token/consume': {
        const entry = passwordResetTokens.get(String(body.token))
        if (!entry) return { body: { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' } }
        passwordResetTokens.delete(String(body.token))
        return { body: { status: 'OK', ...entry } }
      }
      case 'POST /recipe/user/email/verify/token': {
        const entry = { userId: String(body.userId), email: String(body.email) }
        if (isVerified(entry.userId, entry.email)) return { body: { status: 'EMAIL_ALREADY_VERIFIED_ERROR' } }
        const verifyToken = token()
        emailVerificationTokens.set(verifyToken, entry)
        return { body: { status: 'OK', token: verifyToken } }
      }
      case 'POST /recipe/user/email/verify': {
        const entry = emailVerificationTokens.get(String(body.token))
        if (!entry) return { body: { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' } }
        emailVerificationTokens.delete(String(body.token))
        verifiedEmails.add(`${entry.userId} ${entry.email}`)
        return { body: { status: 'OK', ...entry } }
      }
      case 'GET /recipe/user/email/verify':
        return {
          body: { status: 'OK', isVerified: isVerified(String(query.get('userId')), String(query.get('email'))) },
        }
      case 'POST /recipe/session':
        return createSession(tenantId, body)
      case 'POST /recipe/session/refresh':
        return refreshSession(body)
      case 'POST /recipe/session/verify':
        return verifySession(body)
      case 'POST /recipe/session/regenerate':
        return regenerate(body)
      case 'POST /recipe/session/remove':
        return removeSessions(body)
      case 'GET /recipe/session': {
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
      }
      default:
        return undefined
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://core')
      const method = req.method ?? 'GET'
      core.calls.push(`${method} ${url.pathname}`)
      const text = Buffer.concat(chunks).toString()
      const reply = route(method, url.pathname, url.searchParams, text ? (JSON.parse(text) as Json) : {})
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return core
}
