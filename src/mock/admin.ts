import type { Reply } from './http'
import { pathMatches } from './http'
import type { ResolvedMockOptions } from './options'
import { hashPassword, makeUser } from './state'
import type { MockStore } from './store'
import type { TokenService } from './tokenService'
import { normaliseEmail } from './validation'
import type { IssuedSession, MockCookie, MockSeedUser, MockSession, MockTokenTransferMethod, MockUser } from './types'

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

/** A helper call: take over other tabs' changes first, save after. */
function inTransaction<TArgs extends unknown[], TResult>(store: MockStore, change: (...args: TArgs) => TResult) {
  return (...args: TArgs): TResult => {
    store.sync()
    const result = change(...args)
    store.commit()
    return result
  }
}

export function createUsersApi(store: MockStore, options: ResolvedMockOptions): MockUsersApi {
  const change = <TArgs extends unknown[], TResult>(fn: (...args: TArgs) => TResult) => inTransaction(store, fn)
  return {
    list: () => (store.sync(), [...store.state.users]),
    get: (idOrEmail, tenantId) => (store.sync(), store.findUser(idOrEmail, tenantId)),
    add: change((seed: MockSeedUser) => {
      const tenants = seed.tenantIds ?? ['public']
      const email = normaliseEmail(seed.email)
      if (store.state.users.some((user) => user.email === email && user.tenantIds.some((t) => tenants.includes(t)))) {
        throw new Error(`authfront mock: a user with email '${seed.email}' already exists`)
      }
      const user = makeUser(seed, options.now())
      store.state.users.push(user)
      return user
    }),
    setVerified: change((idOrEmail: string, verified = true) => {
      const user = store.requireUser(idOrEmail)
      user.verified = verified
      return user
    }),
    setPassword: change((idOrEmail: string, password: string) => {
      const user = store.requireUser(idOrEmail)
      user.passwordHash = hashPassword(password)
      return user
    }),
    remove: change((idOrEmail: string) => {
      const user = store.requireUser(idOrEmail)
      store.state.users = store.state.users.filter((item) => item !== user)
    }),
  }
}

export function createSessionsApi(
  store: MockStore,
  tokens: TokenService,
  options: ResolvedMockOptions,
): MockSessionsApi {
  const change = <TArgs extends unknown[], TResult>(fn: (...args: TArgs) => TResult) => inTransaction(store, fn)
  return {
    list: () => (store.sync(), [...store.state.sessions]),
    forUser(idOrEmail) {
      store.sync()
      const id = store.findUser(idOrEmail)?.id ?? idOrEmail
      return store.state.sessions.filter((session) => session.userId === id)
    },
    create: change((idOrEmail: string, createOptions: Parameters<MockSessionsApi['create']>[1] = {}) =>
      issueSession(store, tokens, options, idOrEmail, createOptions),
    ),
    revoke: change((sessionHandle: string) => {
      const session = store.state.sessions.find((item) => item.handle === sessionHandle)
      if (session !== undefined) session.revoked = true
    }),
    revokeAll: change(() => {
      for (const session of store.state.sessions) session.revoked = true
    }),
  }
}

function issueSession(
  store: MockStore,
  tokens: TokenService,
  options: ResolvedMockOptions,
  idOrEmail: string,
  createOptions: NonNullable<Parameters<MockSessionsApi['create']>[1]>,
): IssuedSession {
  const user = store.requireUser(idOrEmail)
  const transferMethod = createOptions.transferMethod ?? 'cookie'
  const tenantId = createOptions.tenantId ?? user.tenantIds[0] ?? 'public'
  const minted = tokens.mintSession(user, tenantId, transferMethod, createOptions.expired ?? false)
  const reply: Reply = { status: 200, body: null, headers: new Headers() }
  tokens.attachTokens(reply, minted, transferMethod)
  const setCookies = reply.headers.getSetCookie()
  if (transferMethod === 'cookie' && (createOptions.storeCookies ?? options.cookieJar)) {
    store.applySetCookies(setCookies)
  }
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
}

export function createCookieJarApi(store: MockStore, options: ResolvedMockOptions): MockCookieJar {
  const { now } = options
  return {
    list: () => (store.sync(), store.state.cookies.filter((cookie) => cookie.expiresAt > now())),
    get(name, path = '/') {
      store.sync()
      const found = store.state.cookies
        .filter((cookie) => cookie.name === name && cookie.expiresAt > now() && pathMatches(path, cookie.path))
        .sort((a, b) => b.path.length - a.path.length)[0]
      return found?.value
    },
    set: inTransaction(store, (cookie: MockCookie) => {
      const { state } = store
      state.cookies = state.cookies.filter((item) => !(item.name === cookie.name && item.path === cookie.path))
      state.cookies.push({ ...cookie })
    }),
    applySetCookies: inTransaction(store, (values: string[]) => store.applySetCookies(values)),
    clear: inTransaction(store, () => {
      store.state.cookies = []
    }),
  }
}
