import { http } from 'msw'
import type { HttpHandler, PathParams } from 'msw'
import { createControls } from './controls'
import type { MockControls } from './controls'
import { randomToken, randomUuid, sha256Hex } from './crypto'
import {
  exposeHeader,
  expressHtml,
  jsonReply,
  parseCookieHeader,
  parseSetCookie,
  pathMatches,
  serializeCookie,
  wait,
} from './http'
import type { Reply } from './http'
import { createPersistence, freshState, hashPassword, makeUser, parseState } from './state'
import type { MockState, OneTimeToken } from './state'
import { encodeFrontToken, hasValidSignature, parseAccessToken, signAccessToken } from './tokens'
import type {
  IssuedSession,
  MockAccessTokenPayload,
  MockAntiCsrfMode,
  MockBackendOptions,
  MockClaimValidator,
  MockCookie,
  MockEmail,
  MockSeedUser,
  MockSession,
  MockTokenTransferMethod,
  MockUser,
  ProtectOptions,
  VerifiedSession,
} from './types'
import { resetPasswordSpecs, resetTokenSpecs, signInSpecs, signUpSpecs, validateFormFields } from './validation'

const ACCESS_COOKIE = 'sAccessToken'
const REFRESH_COOKIE = 'sRefreshToken'
const LEGACY_ID_REFRESH_COOKIE = 'sIdRefreshToken'
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000
const EV_TOKEN_LIFETIME_MS = 24 * 3600 * 1000
const RESET_TOKEN_LIFETIME_MS = 3600 * 1000
/** node's `EmailVerificationClaim.validators.isVerified()` refetches a `false` value older than this. */
const EV_REFETCH_ON_FALSE_MS = 10_000

/** The resolved options, as the backend uses them. */
export interface ResolvedMockOptions {
  apiDomain: string
  apiBasePath: string
  websiteDomain: string
  websiteBasePath: string
  accessTokenLifetimeMs: number
  refreshTokenLifetimeMs: number
  emailVerification: 'off' | 'optional' | 'required'
  latencyMs: number
  antiCsrf: MockAntiCsrfMode
  checkDatabase: boolean
  cookieJar: boolean
  /** `SameSite` of the session cookies: `None` when API and website are on different sites or protocols. */
  sameSite: 'Lax' | 'None'
  secure: boolean
  /** Full URL of the demo endpoint, or undefined. */
  meUrl: string | undefined
  now: () => number
}

/** What `protect()` hands to your resolver: MSW's resolver argument plus the verified session. */
export type ProtectedResolverInfo<TParams extends PathParams = PathParams> = {
  request: Request
  params: TParams
  cookies: Record<string, string>
  requestId: string
  session: VerifiedSession
}

export type ProtectedResolver<TParams extends PathParams = PathParams> = (
  info: ProtectedResolverInfo<TParams>,
) => Response | undefined | Promise<Response | undefined>

/** An MSW resolver (what `http.get(url, resolver)` takes). */
export type MockResolver<TParams extends PathParams = PathParams> = (info: {
  request: Request
  params: TParams
  cookies: Record<string, string>
  requestId: string
}) => Promise<Response | undefined>

/** The users. Changes are persisted. */
export interface MockUsersApi {
  list(): MockUser[]
  get(idOrEmail: string, tenantId?: string): MockUser | undefined
  /** Creates a user (throws if the email exists in one of its tenants). */
  add(seed: MockSeedUser): MockUser
  /** Marks the email verified (or not). Session claims update on the next claim refetch, like node. */
  setVerified(idOrEmail: string, verified?: boolean): MockUser
  setPassword(idOrEmail: string, password: string): MockUser
  remove(idOrEmail: string): void
}

/** The sessions. */
export interface MockSessionsApi {
  list(): MockSession[]
  /** Sessions of one user (id or email), revoked ones included. */
  forUser(idOrEmail: string): MockSession[]
  /**
   * Creates a session as sign-in would, without a request. In cookie mode the httpOnly cookies are put into the
   * emulated cookie jar (`storeCookies`, defaults to the `cookieJar` option), so the next request through MSW
   * carries them.
   * `expired: true` issues an access token that already expired (its `ate` is in the past).
   */
  create(
    idOrEmail: string,
    options?: {
      transferMethod?: MockTokenTransferMethod
      tenantId?: string
      expired?: boolean
      storeCookies?: boolean
    },
  ): IssuedSession
  revoke(sessionHandle: string): void
  revokeAll(): void
}

/** The outbox of "sent" emails. */
export interface MockOutbox {
  /** Every email sent so far, oldest first. */
  list(): MockEmail[]
  /** The newest email, optionally only to this address and/or of this type. */
  latest(filter?: { to?: string; type?: MockEmail['type'] }): MockEmail | undefined
  clear(): void
  /** Called with each new email (e.g. to show the link in a demo). Returns unsubscribe. */
  subscribe(listener: (email: MockEmail) => void): () => void
}

/** The emulated browser store of the httpOnly session cookies (see `MockBackendOptions.cookieJar`). */
export interface MockCookieJar {
  list(): MockCookie[]
  /** The cookie a browser would send to `path` (default `/`). */
  get(name: string, path?: string): string | undefined
  set(cookie: MockCookie): void
  /** Applies `Set-Cookie` values as a browser would. */
  applySetCookies(values: string[]): void
  /** Forget every cookie (a new browser profile). */
  clear(): void
}

/** The value `createMockBackend` returns. */
export interface MockBackend {
  /** MSW request handlers: pass them to `setupServer`/`setupWorker` (or use `setupMockServer`/`startMockBackend`). */
  handlers: HttpHandler[]
  users: MockUsersApi
  sessions: MockSessionsApi
  outbox: MockOutbox
  cookies: MockCookieJar
  controls: MockControls
  /** Wraps your own MSW resolver behind session verification (401 / 403 like `verifySession()`). */
  protect<TParams extends PathParams = PathParams>(
    resolver: ProtectedResolver<TParams>,
    options?: ProtectOptions,
  ): MockResolver<TParams>
  /** The `st-ev` claim check (for `protect(resolver, { claims: [emailVerifiedClaim] })`). */
  emailVerifiedClaim: MockClaimValidator
  /** Back to the seeded state: users, sessions, outbox, cookies and controls. Also clears persisted state. */
  reset(): void
  /** The resolved options. */
  options: ResolvedMockOptions
}

interface Ctx {
  request: Request
  url: URL
  tenantId: string
  cookies: Record<string, string>
}

function normalisePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '')
  if (trimmed === '') return ''
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

function normaliseOrigin(field: string, value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`createMockBackend: ${field} must be an origin such as 'http://localhost:3001', got '${value}'`)
  }
  return url.origin
}

/** Registrable domain, roughly (last two labels); good enough to decide SameSite for a mock. */
function site(origin: string): string {
  const { hostname } = new URL(origin)
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':') || !hostname.includes('.')) return hostname
  return hostname.split('.').slice(-2).join('.')
}

/** The largest version in an `fdi-version` list; undefined when absent (node then assumes the latest). */
function maxFdiVersion(header: string | null): [number, number] | undefined {
  if (!header) return undefined
  let best: [number, number] | undefined
  for (const item of header.split(',')) {
    const [major = NaN, minor = 0] = item.trim().split('.').map(Number)
    if (Number.isNaN(major)) continue
    if (best === undefined || major > best[0] || (major === best[0] && minor > best[1])) best = [major, minor]
  }
  return best
}

/**
 * Creates an in-memory backend that answers like supertokens-node + express (EmailPassword, Session and
 * EmailVerification recipes, protocol.md). Start it with `setupMockServer` (Node) or `startMockBackend` (browser).
 *
 * @example
 * const backend = createMockBackend({ apiDomain: 'http://localhost:3001', users: [{ email: 'ada@example.com', password: 'password1' }] })
 * const server = setupMockServer(backend) // or: await startMockBackend(backend) in a browser
 */
export function createMockBackend(input: MockBackendOptions): MockBackend {
  if (typeof input !== 'object' || input === null || typeof input.apiDomain !== 'string') {
    throw new Error(
      "createMockBackend: 'apiDomain' is required, e.g. createMockBackend({ apiDomain: 'http://localhost:3001' })",
    )
  }
  const apiDomain = normaliseOrigin('apiDomain', input.apiDomain)
  const websiteDomain = normaliseOrigin('websiteDomain', input.websiteDomain ?? input.apiDomain)
  const apiBasePath = normalisePath(input.apiBasePath ?? '/auth')
  const websiteBasePath = normalisePath(input.websiteBasePath ?? '/auth')
  const crossSite =
    site(apiDomain) !== site(websiteDomain) || new URL(apiDomain).protocol !== new URL(websiteDomain).protocol
  const sameSite = crossSite ? 'None' : 'Lax'
  const meEndpoint = input.meEndpoint === undefined ? '/api/me' : input.meEndpoint
  const now = input.now ?? (() => Date.now())
  const options: ResolvedMockOptions = {
    apiDomain,
    apiBasePath,
    websiteDomain,
    websiteBasePath,
    accessTokenLifetimeMs: input.accessTokenLifetimeMs ?? 3_600_000,
    refreshTokenLifetimeMs: input.refreshTokenLifetimeMs ?? 100 * 24 * 3_600_000,
    emailVerification: input.emailVerification ?? 'off',
    latencyMs: input.latencyMs ?? 0,
    antiCsrf: input.antiCsrf ?? (sameSite === 'None' ? 'VIA_CUSTOM_HEADER' : 'NONE'),
    checkDatabase: input.checkDatabase ?? false,
    cookieJar: input.cookieJar ?? true,
    sameSite,
    // Browsers reject SameSite=None without Secure (protocol.md §6).
    secure: new URL(apiDomain).protocol === 'https:' || sameSite === 'None',
    meUrl: meEndpoint === false ? undefined : `${apiDomain}${normalisePath(meEndpoint)}`,
    now: () => now(),
  }
  const base = `${apiDomain}${apiBasePath}`
  const iss = base
  const refreshPath = `${apiBasePath}/session/refresh`
  const evOn = options.emailVerification !== 'off'
  const seeds = input.users ?? []
  const customFields = input.signUpFields ?? []
  const persistence = createPersistence(input.persistence)

  // ---------------------------------------------------------------------------------------------------------
  // State

  const withSeeds = (state: MockState): MockState => {
    for (const seed of seeds) {
      const email = seed.email.trim()
      if (!state.users.some((user) => user.email === email)) state.users.push(makeUser(seed, now()))
    }
    return state
  }
  /**
   * The stored text this copy last read or wrote. Stored text equal to it holds nothing new, so the in-memory
   * state (possibly mid-way through another request of this tab) is kept, and a state that serialises to it has
   * nothing to save (saving it anyway could put back what another tab replaced since).
   */
  let storedText: string | undefined
  /** The stored state when another tab changed it since this copy last read or wrote it; else undefined. */
  const loadIfChanged = (): MockState | undefined => {
    const text = persistence?.read()
    if (text === undefined || text === storedText) return undefined
    const loaded = parseState(text)
    // Corrupt text is not remembered: the next save replaces it.
    if (loaded !== undefined) storedText = text
    return loaded
  }
  let state: MockState = withSeeds(loadIfChanged() ?? freshState(input.signingSecret, [], now()))
  if (input.signingSecret !== undefined) state.secret = input.signingSecret
  const outboxListeners = new Set<(email: MockEmail) => void>()
  /** Emails sent by the request being answered, announced once the state holding them is saved. */
  const unannounced: MockEmail[] = []
  const commit = () => {
    if (persistence !== undefined) {
      const text = JSON.stringify(state)
      // On a failed write the storage still holds storedText, so this copy keeps its newer state in memory.
      if (text !== storedText && persistence.write(text)) storedText = text
    }
    // After the save: a listener that reads the outbox re-syncs, which must find the email, not lose it.
    for (const email of unannounced.splice(0)) for (const listener of outboxListeners) listener(email)
  }
  /**
   * With persistence, other tabs of the demo share the stored state: before every request and helper call, take
   * over what another tab wrote since, so this tab does not overwrite it.
   */
  const sync = () => {
    const stored = loadIfChanged()
    if (stored === undefined) return
    state = stored
    if (input.signingSecret !== undefined) state.secret = input.signingSecret
  }

  const findUser = (idOrEmail: string, tenantId?: string): MockUser | undefined => {
    const key = idOrEmail.trim()
    return state.users.find(
      (user) =>
        (user.id === key || user.email === key) && (tenantId === undefined || user.tenantIds.includes(tenantId)),
    )
  }
  const requireUser = (idOrEmail: string): MockUser => {
    const user = findUser(idOrEmail)
    if (user === undefined) throw new Error(`authfront mock: no user '${idOrEmail}'`)
    return user
  }

  const userJson = (user: MockUser, request: Request) => {
    const fdi = maxFdiVersion(request.headers.get('fdi-version'))
    // node sends the legacy user shape to clients whose highest FDI is below 1.18 or in 2.x (protocol.md §0).
    if (fdi !== undefined && (fdi[0] === 2 || (fdi[0] === 1 && fdi[1] < 18) || fdi[0] < 1)) {
      return { id: user.id, email: user.email, timeJoined: user.timeJoined }
    }
    return {
      id: user.id,
      isPrimaryUser: false,
      tenantIds: user.tenantIds,
      emails: [user.email],
      phoneNumbers: [],
      thirdParty: [],
      webauthn: { credentialIds: [] },
      loginMethods: [
        {
          recipeId: 'emailpassword',
          recipeUserId: user.id,
          tenantIds: user.tenantIds,
          email: user.email,
          timeJoined: user.timeJoined,
          verified: user.verified,
        },
      ],
      timeJoined: user.timeJoined,
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Tokens

  interface Minted {
    session: MockSession
    accessToken: string
    payload: MockAccessTokenPayload
    refreshToken: string | undefined
  }

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
    state.tokenSeq += 1
    return signAccessToken(state.secret, state.tokenSeq, payload)
  }

  const evClaimFor = (user: MockUser | undefined) => ({ v: user === undefined ? true : user.verified, t: now() })

  const mintSession = (
    user: MockUser,
    tenantId: string,
    transferMethod: MockTokenTransferMethod,
    expired = false,
  ): Minted => {
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
      claims: evOn ? { 'st-ev': evClaimFor(user) } : {},
      revoked: false,
    }
    state.sessions.push(session)
    const iat = expired ? createdAt - options.accessTokenLifetimeMs - 1000 : createdAt
    const payload = buildPayload(session, iat, iat + options.accessTokenLifetimeMs, null)
    return { session, payload, accessToken: signPayload(payload), refreshToken }
  }

  const rotate = (session: MockSession): Minted => {
    const refreshToken = randomToken(48)
    const parent = session.refreshTokenHash
    session.supersededRefreshTokenHashes.push(parent)
    session.refreshTokenHash = sha256Hex(refreshToken)
    session.refreshTokenExpiresAt = now() + options.refreshTokenLifetimeMs
    if (session.antiCsrfToken !== null) session.antiCsrfToken = randomUuid()
    const payload = buildPayload(session, now(), now() + options.accessTokenLifetimeMs, parent)
    return { session, payload, accessToken: signPayload(payload), refreshToken }
  }

  /** Like node's `mergeIntoAccessTokenPayload`: new access token, same expiry, same refresh token. */
  const regenerate = (session: MockSession, previous: MockAccessTokenPayload): Minted => {
    const payload = buildPayload(session, now(), previous.exp * 1000, previous.parentRefreshTokenHash1)
    return { session, payload, accessToken: signPayload(payload), refreshToken: undefined }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Session transport (protocol.md §3.1)

  const cookieAttributes = (path: string, expiresAt: number) => ({
    path,
    expiresAt,
    secure: options.secure,
    sameSite: options.sameSite,
  })

  const attachTokens = (reply: Reply, minted: Minted, transferMethod: MockTokenTransferMethod) => {
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
  }

  const clearTokens = (reply: Reply, methods: MockTokenTransferMethod[]) => {
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
  }

  const unauthorised = (clear: boolean, ctx?: Ctx) => {
    const reply = jsonReply(401, { message: 'unauthorised' })
    if (clear) clearTokens(reply, ['cookie', 'header'])
    // Pre-1.16 sessions left an sIdRefreshToken cookie; node clears it on failed refreshes (protocol.md §2.5).
    if (ctx?.cookies[LEGACY_ID_REFRESH_COOKIE] !== undefined) {
      reply.headers.append(
        'Set-Cookie',
        serializeCookie(LEGACY_ID_REFRESH_COOKIE, '', cookieAttributes(refreshPath, 0)),
      )
    }
    return reply
  }
  const tryRefresh = () => jsonReply(401, { message: 'try refresh token' })

  const bearer = (request: Request): string | undefined => {
    const value = request.headers.get('authorization')
    const match = value === null ? null : /^bearer\s+(.+)$/i.exec(value.trim())
    return match?.[1]?.trim()
  }

  type Verified =
    | { ok: true; session: MockSession; payload: MockAccessTokenPayload; transferMethod: MockTokenTransferMethod }
    | { ok: false; reply: Reply }
    | { ok: 'none' }

  /** node's `getSession` (protocol.md §2.8, §3.3, §3.4). `none` = no access token at all. */
  const verifyAccess = (ctx: Ctx, checkDatabase: boolean): Verified => {
    const fromHeader = (() => {
      const token = bearer(ctx.request)
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
    if (checkDatabase && (session === undefined || session.revoked)) return { ok: false, reply: unauthorised(true) }
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

  /** Creating a session clears tokens of the other transfer method the request carried (protocol.md §3.3). */
  const createSessionInReply = (ctx: Ctx, reply: Reply, user: MockUser) => {
    const mode = ctx.request.headers.get('st-auth-mode')
    const transferMethod: MockTokenTransferMethod = mode === 'cookie' ? 'cookie' : 'header'
    if (transferMethod === 'header' && (ctx.cookies[ACCESS_COOKIE] || ctx.cookies[REFRESH_COOKIE])) {
      clearTokens(reply, ['cookie'])
    }
    if (transferMethod === 'cookie' && bearer(ctx.request) !== undefined) clearTokens(reply, ['header'])
    attachTokens(reply, mintSession(user, ctx.tenantId, transferMethod), transferMethod)
  }

  // ---------------------------------------------------------------------------------------------------------
  // Request plumbing

  const readBody = async (request: Request): Promise<Record<string, unknown> | Reply> => {
    const text = await request.text()
    if (text.trim() === '') return {}
    try {
      const value = JSON.parse(text) as unknown
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
    } catch {
      return jsonReply(400, {
        message: 'API input error: Please make sure to pass a valid JSON input in the request body',
      })
    }
  }
  const isReply = (value: unknown): value is Reply =>
    typeof value === 'object' && value !== null && (value as Reply).headers instanceof Headers

  const sendsCredentials = (request: Request, url: URL): boolean => {
    if (request.credentials === 'include') return true
    if (request.credentials === 'omit') return false
    const pageOrigin = (globalThis as { location?: { origin?: string } }).location?.origin
    return url.origin === (pageOrigin ?? websiteDomain)
  }

  const jarFor = (url: URL): Record<string, string> => {
    const out: Record<string, string> = {}
    // Longer paths first, as browsers order them.
    const cookies = state.cookies
      .filter((cookie) => cookie.expiresAt > now() && pathMatches(url.pathname, cookie.path))
      .sort((a, b) => b.path.length - a.path.length)
    for (const cookie of cookies) if (!(cookie.name in out)) out[cookie.name] = cookie.value
    return out
  }

  const makeCtx = (request: Request, params: PathParams, mswCookies: Record<string, string>): Ctx => {
    const url = new URL(request.url)
    const tenant = params['tenantId']
    const explicit = { ...mswCookies, ...parseCookieHeader(request.headers.get('cookie')) }
    const sameHost = url.hostname === new URL(apiDomain).hostname
    const jar = options.cookieJar && sameHost && sendsCredentials(request, url) ? jarFor(url) : {}
    return {
      request,
      url,
      tenantId: typeof tenant === 'string' && tenant !== '' ? decodeURIComponent(tenant) : 'public',
      cookies: { ...jar, ...explicit },
    }
  }

  const applySetCookies = (values: string[]) => {
    for (const value of values) {
      const cookie = parseSetCookie(value)
      if (cookie === undefined) continue
      state.cookies = state.cookies.filter((item) => !(item.name === cookie.name && item.path === cookie.path))
      if (cookie.expiresAt > now()) state.cookies.push(cookie)
    }
  }

  const finish = (reply: Reply, request: Request): Response => {
    const { headers } = reply
    // Like a browser: a response to a request sent without credentials stores no cookies either.
    const url = new URL(request.url)
    if (options.cookieJar && url.hostname === new URL(apiDomain).hostname && sendsCredentials(request, url)) {
      applySetCookies(headers.getSetCookie())
    }
    if (controlsInternals.stripExpose) headers.delete('Access-Control-Expose-Headers')
    const origin = request.headers.get('origin')
    headers.set('Access-Control-Allow-Origin', origin ?? websiteDomain)
    headers.set('Access-Control-Allow-Credentials', 'true')
    headers.append('Vary', 'Origin')
    commit()
    // A plain Response (not MSW's HttpResponse) on purpose: MSW would otherwise copy our Set-Cookie into its own
    // cookie store (Node, and it mis-parses several cookies joined in one header) or into document.cookie (where
    // browsers drop HttpOnly cookies). The emulated jar above plays the browser's part instead.
    return new Response(reply.status === 204 ? null : reply.body, { status: reply.status, headers })
  }

  const serve =
    (route: (ctx: Ctx) => Reply | Promise<Reply>) =>
    async (info: { request: Request; params: PathParams; cookies: Record<string, string> }): Promise<Response> => {
      const early = await controlsInternals.before(info.request)
      if (early !== undefined) return early
      await wait(controlsInternals.latencyMs, info.request.signal)
      sync()
      const ctx = makeCtx(info.request, info.params, info.cookies)
      return finish(await route(ctx), info.request)
    }

  // ---------------------------------------------------------------------------------------------------------
  // Endpoints (protocol.md §2)

  const fieldError = (formFields: Array<{ id: string; error: string }>) =>
    jsonReply(200, { status: 'FIELD_ERROR', formFields })

  const signUp = async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const form = validateFormFields(body['formFields'], signUpSpecs(customFields))
    if ('badInput' in form) return jsonReply(400, { message: form.badInput })
    if ('fieldErrors' in form) return fieldError(form.fieldErrors)
    const email = form.values['email'] as string
    if (state.users.some((user) => user.email === email && user.tenantIds.includes(ctx.tenantId))) {
      return fieldError([{ id: 'email', error: 'This email already exists. Please sign in instead.' }])
    }
    const fields: Record<string, unknown> = {}
    for (const [id, value] of Object.entries(form.values)) if (id !== 'email' && id !== 'password') fields[id] = value
    const user = makeUser(
      { email, password: form.values['password'] as string, fields, tenantIds: [ctx.tenantId] },
      now(),
    )
    state.users.push(user)
    const reply = jsonReply(200, { status: 'OK', user: userJson(user, ctx.request) })
    createSessionInReply(ctx, reply, user)
    return reply
  }

  const signIn = async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const form = validateFormFields(body['formFields'], signInSpecs)
    if ('badInput' in form) return jsonReply(400, { message: form.badInput })
    if ('fieldErrors' in form) return fieldError(form.fieldErrors)
    const email = form.values['email'] as string
    const user = state.users.find((item) => item.email === email && item.tenantIds.includes(ctx.tenantId))
    if (user === undefined || user.passwordHash !== hashPassword(form.values['password'] as string)) {
      return jsonReply(200, { status: 'WRONG_CREDENTIALS_ERROR' })
    }
    const reply = jsonReply(200, { status: 'OK', user: userJson(user, ctx.request) })
    createSessionInReply(ctx, reply, user)
    return reply
  }

  const emailExists = (ctx: Ctx): Reply => {
    const email = ctx.url.searchParams.get('email')
    if (email === null) return jsonReply(400, { message: 'Please provide the email as a GET param' })
    const exists = state.users.some((user) => user.email === email.trim() && user.tenantIds.includes(ctx.tenantId))
    return jsonReply(200, { status: 'OK', exists })
  }

  const signOut = (ctx: Ctx): Reply => {
    const verified = verifyAccess(ctx, options.checkDatabase)
    if (verified.ok === 'none') return unauthorised(true)
    if (verified.ok === false) return verified.reply
    verified.session.revoked = true
    const reply = jsonReply(200, { status: 'OK' })
    clearTokens(reply, [verified.transferMethod])
    return reply
  }

  const refresh = (ctx: Ctx): Reply => {
    const fromHeader = bearer(ctx.request)
    const fromCookie = ctx.cookies[REFRESH_COOKIE] || undefined
    const token = fromHeader ?? fromCookie
    if (token === undefined) return unauthorised(true, ctx)
    const transferMethod: MockTokenTransferMethod = fromHeader !== undefined ? 'header' : 'cookie'
    if (transferMethod === 'cookie' && options.antiCsrf === 'VIA_CUSTOM_HEADER' && !ctx.request.headers.has('rid')) {
      return unauthorised(true, ctx)
    }
    const hash = sha256Hex(token)
    const current = state.sessions.find((session) => session.refreshTokenHash === hash)
    if (current === undefined) {
      const robbed = state.sessions.find((session) => session.supersededRefreshTokenHashes.includes(hash))
      if (robbed !== undefined) {
        robbed.revoked = true
        const reply = jsonReply(401, { message: 'token theft detected' })
        clearTokens(reply, ['cookie', 'header'])
        return reply
      }
      return unauthorised(true, ctx)
    }
    if (current.revoked || current.refreshTokenExpiresAt <= now()) return unauthorised(true, ctx)
    if (transferMethod === 'cookie' && current.antiCsrfToken !== null) {
      if (ctx.request.headers.get('anti-csrf') !== current.antiCsrfToken) return unauthorised(true, ctx)
    }
    // The session keeps the method its token came in with; tokens of the other method are cleared (§2.5).
    current.transferMethod = transferMethod
    const reply = jsonReply(200, {})
    if (transferMethod === 'header' && (ctx.cookies[ACCESS_COOKIE] || ctx.cookies[REFRESH_COOKIE])) {
      clearTokens(reply, ['cookie'])
    }
    attachTokens(reply, rotate(current), transferMethod)
    if (controlsInternals.dropFrontToken) {
      reply.headers.delete('front-token')
      exposeHeader(reply.headers, 'front-token')
      const names = (reply.headers.get('Access-Control-Expose-Headers') ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== 'front-token')
      if (names.length > 0) reply.headers.set('Access-Control-Expose-Headers', names.join(', '))
      else reply.headers.delete('Access-Control-Expose-Headers')
    }
    return reply
  }

  /** Sets a claim value like node's `session.setClaimValue` / `fetchAndSetClaim`: new access token in the reply. */
  const updateClaims = (
    reply: Reply,
    verified: { session: MockSession; payload: MockAccessTokenPayload; transferMethod: MockTokenTransferMethod },
    claims: Record<string, unknown>,
  ): MockAccessTokenPayload => {
    const { session } = verified
    for (const [key, value] of Object.entries(claims)) {
      if (value === null) delete session.claims[key]
      else session.claims[key] = value
    }
    const minted = regenerate(session, verified.payload)
    attachTokens(reply, minted, verified.transferMethod)
    return minted.payload
  }

  const isEmailVerified = (ctx: Ctx): Reply => {
    const verified = verifyAccess(ctx, options.checkDatabase)
    if (verified.ok === 'none') return unauthorised(false)
    if (verified.ok === false) return verified.reply
    const user = findUser(verified.session.userId)
    if (user === undefined) return unauthorised(true)
    const reply = jsonReply(200, { status: 'OK', isVerified: user.verified })
    updateClaims(reply, verified, { 'st-ev': evClaimFor(user) })
    return reply
  }

  const sendVerificationEmail = (ctx: Ctx): Reply => {
    const verified = verifyAccess(ctx, options.checkDatabase)
    if (verified.ok === 'none') return unauthorised(false)
    if (verified.ok === false) return verified.reply
    const user = findUser(verified.session.userId)
    if (user === undefined) return unauthorised(true)
    if (user.verified) {
      const reply = jsonReply(200, { status: 'EMAIL_ALREADY_VERIFIED_ERROR' })
      updateClaims(reply, verified, { 'st-ev': evClaimFor(user) })
      return reply
    }
    sendEmail('verify-email', user, verified.session.tenantId, EV_TOKEN_LIFETIME_MS)
    return jsonReply(200, { status: 'OK' })
  }

  const consumeToken = (list: OneTimeToken[], token: string): OneTimeToken | undefined => {
    const hash = sha256Hex(token)
    const found = list.find((item) => item.hash === hash && item.expiresAt > now())
    return found
  }

  const verifyEmail = async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const token = body['token']
    if (token === undefined || token === null) {
      return jsonReply(400, { message: 'Please provide the email verification token' })
    }
    if (typeof token !== 'string') return jsonReply(400, { message: 'The email verification token must be a string' })
    // The session is optional here, but an expired one still yields 401 try refresh, as in node.
    const verified = verifyAccess(ctx, false)
    if (verified.ok === false) return verified.reply
    const found = consumeToken(state.emailVerificationTokens, token)
    if (found === undefined || found.tenantId !== ctx.tenantId) {
      return jsonReply(200, { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' })
    }
    state.emailVerificationTokens = state.emailVerificationTokens.filter((item) => item.userId !== found.userId)
    const user = findUser(found.userId)
    if (user === undefined || user.email !== found.email) {
      return jsonReply(200, { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' })
    }
    user.verified = true
    const reply = jsonReply(200, { status: 'OK' })
    if (verified.ok === true && verified.session.userId === user.id) {
      updateClaims(reply, verified, { 'st-ev': evClaimFor(user) })
    }
    return reply
  }

  const sendEmail = (type: MockEmail['type'], user: MockUser, tenantId: string, lifetimeMs: number) => {
    const token = randomToken(48)
    const record: OneTimeToken = {
      hash: sha256Hex(token),
      userId: user.id,
      email: user.email,
      tenantId,
      expiresAt: now() + lifetimeMs,
    }
    if (type === 'verify-email') state.emailVerificationTokens.push(record)
    else state.passwordResetTokens.push(record)
    const page = type === 'verify-email' ? 'verify-email' : 'reset-password'
    const email: MockEmail = {
      id: randomUuid(),
      type,
      to: user.email,
      userId: user.id,
      tenantId,
      token,
      link: `${websiteDomain}${websiteBasePath}/${page}?token=${encodeURIComponent(token)}&tenantId=${encodeURIComponent(tenantId)}`,
      sentAt: now(),
    }
    state.outbox.push(email)
    unannounced.push(email)
  }

  const sendResetEmail = async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const form = validateFormFields(body['formFields'], resetTokenSpecs)
    if ('badInput' in form) return jsonReply(400, { message: form.badInput })
    if ('fieldErrors' in form) return fieldError(form.fieldErrors)
    const email = form.values['email'] as string
    const user = state.users.find((item) => item.email === email && item.tenantIds.includes(ctx.tenantId))
    // Unknown emails get the same answer: no account enumeration (protocol.md §2.7).
    if (user !== undefined) sendEmail('reset-password', user, ctx.tenantId, RESET_TOKEN_LIFETIME_MS)
    return jsonReply(200, { status: 'OK' })
  }

  const resetPassword = async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const form = validateFormFields(body['formFields'], resetPasswordSpecs)
    if ('badInput' in form) return jsonReply(400, { message: form.badInput })
    const token = body['token']
    if (token === undefined || token === null)
      return jsonReply(400, { message: 'Please provide the password reset token' })
    if (typeof token !== 'string') return jsonReply(400, { message: 'The password reset token must be a string' })
    if ('fieldErrors' in form) return fieldError(form.fieldErrors)
    const found = consumeToken(state.passwordResetTokens, token)
    const user = found === undefined ? undefined : findUser(found.userId)
    if (found === undefined || found.tenantId !== ctx.tenantId || user === undefined || user.email !== found.email) {
      return jsonReply(200, { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' })
    }
    state.passwordResetTokens = state.passwordResetTokens.filter((item) => item.userId !== user.id)
    user.passwordHash = hashPassword(form.values['password'] as string)
    // Following the reset link proves ownership of the email; node marks it verified when EV is on.
    if (evOn) user.verified = true
    return jsonReply(200, { status: 'OK' })
  }

  // ---------------------------------------------------------------------------------------------------------
  // protect()

  const emailVerifiedClaim: MockClaimValidator = {
    id: 'st-ev',
    validate(payload) {
      const claim = payload['st-ev'] as { v?: unknown } | undefined
      if (claim?.v === true) return undefined
      // node's hasValue validator: a missing claim has no actualValue (dropped from the JSON).
      if (claim === undefined) return { message: 'value does not exist', expectedValue: true, actualValue: undefined }
      return { message: 'wrong value', expectedValue: true, actualValue: claim.v }
    },
  }
  const globalClaims: MockClaimValidator[] = options.emailVerification === 'required' ? [emailVerifiedClaim] : []

  const protect = <TParams extends PathParams = PathParams>(
    resolver: ProtectedResolver<TParams>,
    protectOptions: ProtectOptions = {},
  ): MockResolver<TParams> => {
    const claims = protectOptions.claims ?? globalClaims
    const checkDatabase = protectOptions.checkDatabase ?? options.checkDatabase
    return async (info) => {
      const early = await controlsInternals.before(info.request)
      if (early !== undefined) return early
      await wait(controlsInternals.latencyMs, info.request.signal)
      sync()
      const ctx = makeCtx(info.request, info.params, info.cookies)
      const verified = verifyAccess(ctx, checkDatabase)
      if (verified.ok === 'none') return finish(unauthorised(false), info.request)
      if (verified.ok === false) return finish(verified.reply, info.request)
      // Tokens written while verifying (claim refetch, payload merges) go onto the app's response.
      const sessionReply: Reply = { status: 200, body: null, headers: new Headers() }
      let payload = verified.payload
      let verifiedNow = verified
      const evClaim = payload['st-ev'] as { v?: boolean; t?: number } | undefined
      if (claims.some((claim) => claim.id === 'st-ev')) {
        const stale =
          evClaim === undefined || (evClaim.v === false && now() - (evClaim.t ?? 0) > EV_REFETCH_ON_FALSE_MS)
        if (stale) {
          payload = updateClaims(sessionReply, verified, { 'st-ev': evClaimFor(findUser(verified.session.userId)) })
          verifiedNow = { ...verified, payload }
        }
      }
      const claimValidationErrors = claims.flatMap((claim) => {
        const reason = claim.validate(payload)
        return reason === undefined ? [] : [{ id: claim.id, reason }]
      })
      if (claimValidationErrors.length > 0) {
        const reply = jsonReply(403, { message: 'invalid claim', claimValidationErrors }, sessionReply.headers)
        return finish(reply, info.request)
      }
      const session: VerifiedSession = {
        userId: verified.session.userId,
        tenantId: verified.session.tenantId,
        sessionHandle: verified.session.handle,
        transferMethod: verified.transferMethod,
        accessTokenPayload: payload,
        user: findUser(verified.session.userId),
        mergeIntoAccessTokenPayload(update) {
          sessionReply.headers.delete('Set-Cookie')
          payload = updateClaims(sessionReply, verifiedNow, update)
          verifiedNow = { ...verifiedNow, payload }
          session.accessTokenPayload = payload
        },
      }
      const response = await resolver({ ...info, params: info.params as TParams, session })
      if (response === undefined) return response
      const headers = new Headers(response.headers)
      for (const [name, value] of sessionReply.headers) if (name !== 'set-cookie') headers.set(name, value)
      for (const cookie of sessionReply.headers.getSetCookie()) headers.append('Set-Cookie', cookie)
      const body = response.body === null ? null : await response.arrayBuffer()
      return finish({ status: response.status, body, headers }, info.request)
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Controls, outbox, users, sessions, cookies

  const controlsInternals = createControls({
    latencyMs: options.latencyMs,
    expireAccessTokens() {
      sync()
      state.expiredUpToSeq = state.tokenSeq
      commit()
    },
    revokeAllSessions() {
      sync()
      for (const session of state.sessions) session.revoked = true
      commit()
    },
  })

  const outbox: MockOutbox = {
    list: () => (sync(), [...state.outbox]),
    latest(filter = {}) {
      sync()
      for (let i = state.outbox.length - 1; i >= 0; i--) {
        const email = state.outbox[i]!
        if (filter.to !== undefined && email.to !== filter.to.trim()) continue
        if (filter.type !== undefined && email.type !== filter.type) continue
        return email
      }
      return undefined
    },
    clear() {
      sync()
      state.outbox = []
      commit()
    },
    subscribe(listener) {
      outboxListeners.add(listener)
      return () => outboxListeners.delete(listener)
    },
  }

  const users: MockUsersApi = {
    list: () => (sync(), [...state.users]),
    get: (idOrEmail, tenantId) => (sync(), findUser(idOrEmail, tenantId)),
    add(seed) {
      sync()
      const tenants = seed.tenantIds ?? ['public']
      if (
        state.users.some((user) => user.email === seed.email.trim() && user.tenantIds.some((t) => tenants.includes(t)))
      ) {
        throw new Error(`authfront mock: a user with email '${seed.email}' already exists`)
      }
      const user = makeUser(seed, now())
      state.users.push(user)
      commit()
      return user
    },
    setVerified(idOrEmail, verified = true) {
      sync()
      const user = requireUser(idOrEmail)
      user.verified = verified
      commit()
      return user
    },
    setPassword(idOrEmail, password) {
      sync()
      const user = requireUser(idOrEmail)
      user.passwordHash = hashPassword(password)
      commit()
      return user
    },
    remove(idOrEmail) {
      sync()
      const user = requireUser(idOrEmail)
      state.users = state.users.filter((item) => item !== user)
      commit()
    },
  }

  const sessions: MockSessionsApi = {
    list: () => (sync(), [...state.sessions]),
    forUser(idOrEmail) {
      sync()
      const user = findUser(idOrEmail)
      const id = user?.id ?? idOrEmail
      return state.sessions.filter((session) => session.userId === id)
    },
    create(idOrEmail, createOptions = {}) {
      sync()
      const user = requireUser(idOrEmail)
      const transferMethod = createOptions.transferMethod ?? 'cookie'
      const minted = mintSession(
        user,
        createOptions.tenantId ?? user.tenantIds[0] ?? 'public',
        transferMethod,
        createOptions.expired ?? false,
      )
      const reply: Reply = { status: 200, body: null, headers: new Headers() }
      attachTokens(reply, minted, transferMethod)
      const setCookies = reply.headers.getSetCookie()
      if (transferMethod === 'cookie' && (createOptions.storeCookies ?? options.cookieJar)) applySetCookies(setCookies)
      commit()
      const frontToken = reply.headers.get('front-token')!
      const headers: Record<string, string> = {}
      for (const [name, value] of reply.headers) if (name !== 'set-cookie') headers[name] = value
      const frontendCookies: Record<string, string> = {
        sFrontToken: frontToken,
        'st-last-access-token-update': String(Date.now()),
      }
      if (minted.session.antiCsrfToken !== null) frontendCookies['sAntiCsrf'] = minted.session.antiCsrfToken
      if (transferMethod === 'header') {
        frontendCookies['st-access-token'] = minted.accessToken
        frontendCookies['st-refresh-token'] = minted.refreshToken!
      }
      return {
        userId: user.id,
        sessionHandle: minted.session.handle,
        transferMethod,
        accessToken: minted.accessToken,
        refreshToken: minted.refreshToken!,
        antiCsrfToken: minted.session.antiCsrfToken ?? undefined,
        frontToken,
        accessTokenPayload: minted.payload,
        accessTokenExpiresAt: minted.payload.exp * 1000,
        headers,
        setCookies,
        frontendCookies,
      }
    },
    revoke(sessionHandle) {
      sync()
      const session = state.sessions.find((item) => item.handle === sessionHandle)
      if (session !== undefined) session.revoked = true
      commit()
    },
    revokeAll() {
      sync()
      for (const session of state.sessions) session.revoked = true
      commit()
    },
  }

  const cookies: MockCookieJar = {
    list: () => (sync(), state.cookies.filter((cookie) => cookie.expiresAt > now())),
    get(name, path = '/') {
      sync()
      const found = state.cookies
        .filter((cookie) => cookie.name === name && cookie.expiresAt > now() && pathMatches(path, cookie.path))
        .sort((a, b) => b.path.length - a.path.length)[0]
      return found?.value
    },
    set(cookie) {
      sync()
      state.cookies = state.cookies.filter((item) => !(item.name === cookie.name && item.path === cookie.path))
      state.cookies.push({ ...cookie })
      commit()
    },
    applySetCookies(values) {
      sync()
      applySetCookies(values)
      commit()
    },
    clear() {
      sync()
      state.cookies = []
      commit()
    },
  }

  // ---------------------------------------------------------------------------------------------------------
  // Handlers

  type Route = {
    method: 'get' | 'post'
    path: string
    tenantScoped: boolean
    run: (ctx: Ctx) => Reply | Promise<Reply>
  }
  const routes: Route[] = [
    { method: 'post', path: '/signup', tenantScoped: true, run: signUp },
    { method: 'post', path: '/signin', tenantScoped: true, run: signIn },
    { method: 'get', path: '/emailpassword/email/exists', tenantScoped: true, run: emailExists },
    { method: 'get', path: '/signup/email/exists', tenantScoped: true, run: emailExists },
    { method: 'post', path: '/signout', tenantScoped: false, run: signOut },
    { method: 'post', path: '/session/refresh', tenantScoped: false, run: refresh },
    { method: 'post', path: '/user/password/reset/token', tenantScoped: true, run: sendResetEmail },
    { method: 'post', path: '/user/password/reset', tenantScoped: true, run: resetPassword },
  ]
  if (evOn) {
    routes.push(
      { method: 'get', path: '/user/email/verify', tenantScoped: false, run: isEmailVerified },
      { method: 'post', path: '/user/email/verify/token', tenantScoped: false, run: sendVerificationEmail },
      { method: 'post', path: '/user/email/verify', tenantScoped: true, run: verifyEmail },
    )
  }

  const handlers: HttpHandler[] = []
  for (const route of routes) {
    handlers.push(http[route.method](`${base}${route.path}`, serve(route.run)))
  }
  // node also accepts a tenant segment on the APIs the official clients call without one; only the scoped ones
  // are registered here, after the plain paths so `/signup/email/exists` never reads as tenant `signup`.
  for (const route of routes) {
    if (route.tenantScoped) handlers.push(http[route.method](`${base}/:tenantId${route.path}`, serve(route.run)))
  }
  // CORS preflight, as the express `cors` middleware answers it (a real browser never sends one to MSW, but a
  // client under test in Node may).
  handlers.push(
    http.options(`${base}/*`, ({ request }) => {
      const headers = new Headers({
        'Access-Control-Allow-Origin': request.headers.get('origin') ?? websiteDomain,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
        'Access-Control-Allow-Headers': 'rid, fdi-version, anti-csrf, authorization, st-auth-mode, content-type',
        Vary: 'Origin',
      })
      return new Response(null, { status: 204, headers })
    }),
  )
  if (options.meUrl !== undefined) {
    handlers.push(
      http.get(
        options.meUrl,
        protect(({ session }) =>
          Response.json({ userId: session.userId, email: session.user?.email, verified: session.user?.verified }),
        ),
      ),
    )
  }
  // Anything else under the API base path: express' 404 page, so typos fail like they would against node.
  handlers.push(
    http.all(
      `${base}/*`,
      serve((ctx) => expressHtml(404, `Cannot ${ctx.request.method} ${ctx.url.pathname}`)),
    ),
  )

  const reset = () => {
    persistence?.clear()
    storedText = undefined
    unannounced.length = 0
    state = withSeeds(freshState(input.signingSecret, [], now()))
    controlsInternals.controls.reset()
    commit()
  }

  commit()
  return {
    handlers,
    users,
    sessions,
    outbox,
    cookies,
    controls: controlsInternals.controls,
    protect,
    emailVerifiedClaim,
    reset,
    options,
  }
}
