import { randomToken, randomUuid, sha256Hex } from './crypto'
import { exposeHeader, jsonReply, serializeCookie } from './http'
import type { Reply } from './http'
import type { ResolvedMockOptions } from './options'
import type { Ctx } from './pipeline'
import type { MockStore } from './store'
import { encodeFrontToken, hasValidSignature, parseAccessToken, signAccessToken } from './tokens'
import type { MockAccessTokenPayload, MockSession, MockTokenTransferMethod, MockUser } from './types'

export const ACCESS_COOKIE = 'sAccessToken'
export const REFRESH_COOKIE = 'sRefreshToken'
const LEGACY_ID_REFRESH_COOKIE = 'sIdRefreshToken'
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000

/** A session's freshly signed tokens; `refreshToken` is undefined when only the access token changed. */
export interface Minted {
  session: MockSession
  accessToken: string
  payload: MockAccessTokenPayload
  refreshToken: string | undefined
}

/** A session whose access token checked out, and how that token travelled. */
export interface VerifiedAccess {
  session: MockSession
  payload: MockAccessTokenPayload
  transferMethod: MockTokenTransferMethod
}

/** `none`: the request carried no access token at all. */
export type Verified = ({ ok: true } & VerifiedAccess) | { ok: false; reply: Reply } | { ok: 'none' }

/** Issues, rotates, sends and verifies session tokens, like supertokens-node's Session recipe with the core. */
export interface TokenService {
  /** `factorId`: the first factor that signed the user in (MultiFactorAuth's `st-mfa` starts from it). */
  mintSession(
    user: MockUser,
    tenantId: string,
    transferMethod: MockTokenTransferMethod,
    expired?: boolean,
    factorId?: string,
  ): Minted
  /** A refresh: new refresh and access tokens; the presented refresh token becomes the parent. */
  rotate(session: MockSession): Minted
  attachTokens(reply: Reply, minted: Minted, transferMethod: MockTokenTransferMethod): void
  clearTokens(reply: Reply, methods: MockTokenTransferMethod[]): void
  /** 401 `unauthorised`; `clear` also removes the session tokens. */
  unauthorised(clear: boolean, ctx?: Ctx): Reply
  /** The `Authorization: Bearer` value, if any. */
  bearer(request: Request): string | undefined
  /** node's `getSession` (docs/PROTOCOL.md §2.8, §3.3, §3.4). */
  verifyAccess(ctx: Ctx, checkDatabase: boolean): Verified
  /** Signs the user in: the tokens go onto the reply in the transfer method the request asked for. */
  createSessionInReply(ctx: Ctx, reply: Reply, user: MockUser, factorId?: string): void
  /** Sets claim values like node's `session.setClaimValue`: a new access token in the reply. */
  updateClaims(reply: Reply, verified: VerifiedAccess, claims: Record<string, unknown>): MockAccessTokenPayload
  /** The `st-ev` claim value for this user now (a deleted user counts as verified, as in node). */
  evClaimFor(user: MockUser | undefined): { v: boolean; t: number }
}

/** Claims a session starts with besides `st-ev`, from the first factor that created it (MultiFactorAuth). */
export type FirstFactorClaims = (user: MockUser, tenantId: string, factorId: string) => Record<string, unknown>

export function createTokenService(
  store: MockStore,
  options: ResolvedMockOptions,
  firstFactorClaims?: FirstFactorClaims,
): TokenService {
  const { now } = options
  const iss = `${options.apiDomain}${options.apiBasePath}`
  const evOn = options.emailVerification !== 'off'

  const buildPayload = (
    session: MockSession,
    iatMs: number,
    expMs: number,
    parentRefreshTokenHash1: string | null,
  ): MockAccessTokenPayload => ({
    iat: Math.floor(iatMs / 1000),
    exp: Math.floor(expMs / 1000),
    sub: session.userId,
    tId: session.tenantId,
    rsub: session.userId,
    sessionHandle: session.handle,
    refreshTokenHash1: session.refreshTokenHash,
    parentRefreshTokenHash1,
    antiCsrfToken: session.antiCsrfToken,
    iss,
    ...session.claims,
  })

  const signPayload = (payload: MockAccessTokenPayload): string => {
    store.state.tokenSeq += 1
    return signAccessToken(store.state.secret, store.state.tokenSeq, payload)
  }

  const evClaimFor = (user: MockUser | undefined) => ({ v: user === undefined ? true : user.verified, t: now() })

  const transport = createTransport(options)
  const service: TokenService = {
    ...transport,
    evClaimFor,
    mintSession(user, tenantId, transferMethod, expired = false, factorId) {
      const refreshToken = randomToken(48)
      const createdAt = now()
      const session: MockSession = {
        handle: randomUuid(),
        userId: user.id,
        tenantId,
        createdAt,
        transferMethod,
        refreshTokenHash: sha256Hex(refreshToken),
        supersededRefreshTokenHashes: [],
        refreshTokenExpiresAt: createdAt + options.refreshTokenLifetimeMs,
        antiCsrfToken: transferMethod === 'cookie' && options.antiCsrf === 'VIA_TOKEN' ? randomUuid() : null,
        claims: {
          ...(evOn ? { 'st-ev': evClaimFor(user) } : {}),
          ...(factorId === undefined ? {} : firstFactorClaims?.(user, tenantId, factorId)),
        },
        revoked: false,
      }
      store.state.sessions.push(session)
      const iat = expired ? createdAt - options.accessTokenLifetimeMs - 1000 : createdAt
      const payload = buildPayload(session, iat, iat + options.accessTokenLifetimeMs, null)
      return { session, payload, accessToken: signPayload(payload), refreshToken }
    },

    rotate(session) {
      const refreshToken = randomToken(48)
      const parent = session.refreshTokenHash
      session.supersededRefreshTokenHashes.push(parent)
      session.refreshTokenHash = sha256Hex(refreshToken)
      session.refreshTokenExpiresAt = now() + options.refreshTokenLifetimeMs
      if (session.antiCsrfToken !== null) session.antiCsrfToken = randomUuid()
      const payload = buildPayload(session, now(), now() + options.accessTokenLifetimeMs, parent)
      return { session, payload, accessToken: signPayload(payload), refreshToken }
    },

    verifyAccess: (ctx, checkDatabase) => verifyAccess(ctx, checkDatabase),

    // Creating a session clears tokens of the other transfer method the request carried (docs/PROTOCOL.md §3.3).
    createSessionInReply(ctx, reply, user, factorId) {
      const mode = ctx.request.headers.get('st-auth-mode')
      const transferMethod: MockTokenTransferMethod = mode === 'cookie' ? 'cookie' : 'header'
      if (transferMethod === 'header' && (ctx.cookies[ACCESS_COOKIE] || ctx.cookies[REFRESH_COOKIE])) {
        service.clearTokens(reply, ['cookie'])
      }
      if (transferMethod === 'cookie' && service.bearer(ctx.request) !== undefined) {
        service.clearTokens(reply, ['header'])
      }
      service.attachTokens(
        reply,
        service.mintSession(user, ctx.tenantId, transferMethod, false, factorId),
        transferMethod,
      )
    },

    updateClaims(reply, verified, claims) {
      const { session, payload: previous } = verified
      for (const [key, value] of Object.entries(claims)) {
        if (value === null) delete session.claims[key]
        else session.claims[key] = value
      }
      // Like node's `mergeIntoAccessTokenPayload`: new access token, same expiry, same refresh token.
      const payload = buildPayload(session, now(), previous.exp * 1000, previous.parentRefreshTokenHash1)
      const minted: Minted = { session, payload, accessToken: signPayload(payload), refreshToken: undefined }
      service.attachTokens(reply, minted, verified.transferMethod)
      return payload
    },
  }

  const tryRefresh = () => jsonReply(401, { message: 'try refresh token' })

  const verifyAccess = (ctx: Ctx, checkDatabase: boolean): Verified => {
    const fromHeader = (() => {
      const token = service.bearer(ctx.request)
      const parsed = token === undefined ? undefined : parseAccessToken(token)
      return parsed === undefined ? undefined : { token: token!, parsed }
    })()
    const fromCookie = (() => {
      const token = ctx.cookies[ACCESS_COOKIE]
      const parsed = token ? parseAccessToken(token) : undefined
      return parsed === undefined ? undefined : { token: token!, parsed }
    })()
    const found = fromHeader ?? fromCookie
    if (found === undefined) return { ok: 'none' }
    const transferMethod: MockTokenTransferMethod = fromHeader !== undefined ? 'header' : 'cookie'
    const { parsed } = found
    const { state } = store
    if (transferMethod === 'cookie' && ctx.request.method !== 'GET') {
      if (options.antiCsrf === 'VIA_CUSTOM_HEADER' && !ctx.request.headers.has('rid')) {
        return { ok: false, reply: tryRefresh() }
      }
    }
    if (!hasValidSignature(state.secret, parsed)) return { ok: false, reply: tryRefresh() }
    if (parsed.payload.exp * 1000 <= now() || (parsed.header.seq ?? 0) <= state.expiredUpToSeq) {
      return { ok: false, reply: tryRefresh() }
    }
    if (transferMethod === 'cookie' && ctx.request.method !== 'GET' && options.antiCsrf === 'VIA_TOKEN') {
      const sent = ctx.request.headers.get('anti-csrf')
      if (sent === null || sent !== parsed.payload.antiCsrfToken) return { ok: false, reply: tryRefresh() }
    }
    const session = state.sessions.find((candidate) => candidate.handle === parsed.payload.sessionHandle)
    if (checkDatabase && (session === undefined || session.revoked)) {
      return { ok: false, reply: service.unauthorised(true) }
    }
    // Without checkDatabase node trusts the JWT; the mock still needs a record to hang claims on.
    const record: MockSession = session ?? {
      handle: parsed.payload.sessionHandle,
      userId: parsed.payload.sub,
      tenantId: parsed.payload.tId,
      createdAt: parsed.payload.iat * 1000,
      transferMethod,
      refreshTokenHash: parsed.payload.refreshTokenHash1,
      supersededRefreshTokenHashes: [],
      refreshTokenExpiresAt: 0,
      antiCsrfToken: parsed.payload.antiCsrfToken,
      claims: {},
      revoked: true,
    }
    return { ok: true, session: record, payload: parsed.payload, transferMethod }
  }

  return service
}

type Transport = Pick<TokenService, 'attachTokens' | 'clearTokens' | 'unauthorised' | 'bearer'>

/** How tokens travel: cookies or headers, and `front-token` (docs/PROTOCOL.md §3.1). */
function createTransport(options: ResolvedMockOptions): Transport {
  const { now } = options
  const refreshPath = `${options.apiBasePath}/session/refresh`
  const cookieAttributes = (path: string, expiresAt: number) => ({
    path,
    expiresAt,
    secure: options.secure,
    sameSite: options.sameSite,
  })

  const transport: Transport = {
    attachTokens(reply, minted, transferMethod) {
      const { headers } = reply
      headers.set('front-token', encodeFrontToken(minted.payload))
      exposeHeader(headers, 'front-token')
      if (transferMethod === 'cookie') {
        headers.append(
          'Set-Cookie',
          serializeCookie(ACCESS_COOKIE, minted.accessToken, cookieAttributes('/', now() + ONE_YEAR_MS)),
        )
        if (minted.refreshToken !== undefined) {
          headers.append(
            'Set-Cookie',
            serializeCookie(
              REFRESH_COOKIE,
              minted.refreshToken,
              cookieAttributes(refreshPath, minted.session.refreshTokenExpiresAt),
            ),
          )
        }
        if (minted.session.antiCsrfToken !== null) {
          headers.set('anti-csrf', minted.session.antiCsrfToken)
          exposeHeader(headers, 'anti-csrf')
        }
      } else {
        headers.set('st-access-token', minted.accessToken)
        exposeHeader(headers, 'st-access-token')
        if (minted.refreshToken !== undefined) {
          headers.set('st-refresh-token', minted.refreshToken)
          exposeHeader(headers, 'st-refresh-token')
        }
      }
    },

    clearTokens(reply, methods) {
      const { headers } = reply
      for (const method of methods) {
        if (method === 'cookie') {
          headers.append('Set-Cookie', serializeCookie(ACCESS_COOKIE, '', cookieAttributes('/', 0)))
          headers.append('Set-Cookie', serializeCookie(REFRESH_COOKIE, '', cookieAttributes(refreshPath, 0)))
        } else {
          headers.set('st-access-token', '')
          exposeHeader(headers, 'st-access-token')
          headers.set('st-refresh-token', '')
          exposeHeader(headers, 'st-refresh-token')
        }
      }
      headers.delete('anti-csrf')
      headers.set('front-token', 'remove')
      exposeHeader(headers, 'front-token')
    },

    unauthorised(clear, ctx) {
      const reply = jsonReply(401, { message: 'unauthorised' })
      if (clear) transport.clearTokens(reply, ['cookie', 'header'])
      // Pre-1.16 sessions left an sIdRefreshToken cookie; node clears it on failed refreshes (docs/PROTOCOL.md §2.5).
      if (ctx?.cookies[LEGACY_ID_REFRESH_COOKIE] !== undefined) {
        reply.headers.append(
          'Set-Cookie',
          serializeCookie(LEGACY_ID_REFRESH_COOKIE, '', cookieAttributes(refreshPath, 0)),
        )
      }
      return reply
    },

    bearer(request) {
      const value = request.headers.get('authorization')
      const match = value === null ? null : /^bearer\s+(.+)$/i.exec(value.trim())
      return match?.[1]?.trim()
    },
  }
  return transport
}
