import type { MockBackend } from './createMockBackend'
import type { IssuedSession, MockTokenTransferMethod, MockUser } from './types'

/**
 * Where the test kit writes the frontend-readable cookies (docs/PROTOCOL.md §3.2). Structurally the same as the
 * client's `CookieJar`, so one memory jar can be shared with `createAuthClient({ platform: { cookies: jar } })`.
 */
export interface FrontendCookieTarget {
  write(name: string, value: string | undefined, expiresAt: number): void
}

/** A memory cookie jar (`read()` gives a `document.cookie`-style string). */
export interface MemoryCookieJar extends FrontendCookieTarget {
  read(): string
  /** One cookie's value. */
  get(name: string): string | undefined
  clear(): void
}

export interface TestkitOptions {
  /**
   * The user: an existing user's email, or a new one to create. Defaults to the first user of the backend, or a
   * new `test@example.com` when there is none.
   */
  email?: string
  /** Password when the user is created here. Defaults to `password123`. */
  password?: string
  /** How the session travels. Defaults to `cookie`. */
  transferMethod?: MockTokenTransferMethod
  /**
   * Where to write the frontend cookies. Defaults to `document.cookie` when there is a `document`, else nowhere
   * (then copy `session.frontendCookies` yourself).
   */
  cookies?: FrontendCookieTarget | 'document' | 'none'
}

export interface TestSession {
  user: MockUser
  /** Tokens and headers as a client would have received them. */
  session: IssuedSession
}

/** The official client's "far future" for its cookies (year 9999). */
const FAR_FUTURE = 253_402_300_799_000
const FRONTEND_COOKIES = [
  'sFrontToken',
  'st-last-access-token-update',
  'sAntiCsrf',
  'st-access-token',
  'st-refresh-token',
]

/**
 * A memory jar for the frontend cookies the test kit writes. Unlike the client's `createMemoryCookieJar` (from
 * `authfront`), it honours expiry and offers `get` and `clear`, so a test can inspect what a browser would keep.
 *
 * @example
 * const jar = createTestCookieJar()
 * startSignedIn(backend, { cookies: jar })
 * const auth = createAuthClient({ apiDomain: 'http://localhost:3001', platform: { cookies: jar } })
 */
export function createTestCookieJar(): MemoryCookieJar {
  const values = new Map<string, { value: string; expiresAt: number }>()
  const live = () => [...values].filter(([, cookie]) => cookie.expiresAt > Date.now())
  return {
    read: () =>
      live()
        .map(([name, cookie]) => `${name}=${cookie.value}`)
        .join('; '),
    get: (name) => live().find(([key]) => key === name)?.[1].value,
    write(name, value, expiresAt) {
      if (value === undefined || expiresAt <= Date.now()) values.delete(name)
      else values.set(name, { value, expiresAt })
    },
    clear: () => values.clear(),
  }
}

/**
 * @deprecated Renamed `createTestCookieJar`: `authfront` exports a different `createMemoryCookieJar` (the client's,
 * without expiry). This alias goes in the next minor version.
 */
export const createMemoryCookieJar = createTestCookieJar

/** Writes to `document.cookie` the way the official client does (path=/, samesite=lax). */
export function documentCookieTarget(): FrontendCookieTarget {
  return {
    write(name, value, expiresAt) {
      const expires = new Date(value === undefined ? 0 : expiresAt).toUTCString()
      document.cookie = `${name}=${value ?? ''};expires=${expires};path=/;samesite=lax`
    },
  }
}

function targetOf(option: TestkitOptions['cookies']): FrontendCookieTarget | undefined {
  if (option === 'none') return undefined
  if (option === 'document' || option === undefined) {
    return typeof document === 'undefined' ? undefined : documentCookieTarget()
  }
  return option
}

function resolveUser(backend: MockBackend, options: TestkitOptions): MockUser {
  if (options.email !== undefined) {
    return (
      backend.users.get(options.email) ??
      backend.users.add({ email: options.email, password: options.password ?? 'password123' })
    )
  }
  return (
    backend.users.list()[0] ??
    backend.users.add({ email: 'test@example.com', password: options.password ?? 'password123' })
  )
}

function writeSession(target: FrontendCookieTarget | undefined, session: IssuedSession): void {
  if (target === undefined) return
  for (const name of FRONTEND_COOKIES) target.write(name, undefined, 0)
  for (const [name, value] of Object.entries(session.frontendCookies)) {
    // Header-mode tokens expire like the official client's (≈36.5 days); the markers live "forever".
    const expiresAt = name.startsWith('st-') && name.endsWith('-token') ? Date.now() + 3_153_600_000 : FAR_FUTURE
    target.write(name, value, expiresAt)
  }
}

function start(backend: MockBackend, options: TestkitOptions, expired: boolean): TestSession {
  const user = resolveUser(backend, options)
  backend.cookies.clear()
  const session = backend.sessions.create(user.id, { transferMethod: options.transferMethod ?? 'cookie', expired })
  writeSession(targetOf(options.cookies), session)
  return { user, session }
}

/**
 * Start signed in: creates a session on the backend, puts the httpOnly cookies into the backend's emulated
 * cookie jar (cookie mode) and writes the frontend cookies, so a client created afterwards finds a session
 * without any network call.
 */
export function startSignedIn(backend: MockBackend, options: TestkitOptions = {}): TestSession {
  return start(backend, options, false)
}

/**
 * Start signed in with an access token that already expired: the client's first call refreshes (then the refresh
 * succeeds, since the refresh token is valid).
 */
export function startWithExpiredAccessToken(backend: MockBackend, options: TestkitOptions = {}): TestSession {
  return start(backend, options, true)
}

/**
 * Start signed in as a user whose email is not verified (`st-ev` false in the token). Needs
 * `emailVerification: 'optional' | 'required'` on the backend.
 */
export function startUnverified(backend: MockBackend, options: TestkitOptions = {}): TestSession {
  if (backend.options.emailVerification === 'off') {
    throw new Error("startUnverified needs createMockBackend({ emailVerification: 'required' }) (or 'optional')")
  }
  const user = resolveUser(backend, options)
  backend.users.setVerified(user.id, false)
  return start(backend, { ...options, email: user.email }, false)
}

/**
 * Start signed out. By default the client knows it is signed out (`st-last-access-token-update` set, no
 * `sFrontToken`), so it makes no refresh call; `fresh: true` leaves no markers at all (a brand-new browser, whose
 * first session check calls refresh and gets 401).
 */
export function startSignedOut(backend: MockBackend, options: TestkitOptions & { fresh?: boolean } = {}): void {
  backend.cookies.clear()
  const target = targetOf(options.cookies)
  if (target === undefined) return
  for (const name of FRONTEND_COOKIES) target.write(name, undefined, 0)
  if (options.fresh !== true) target.write('st-last-access-token-update', String(Date.now()), FAR_FUTURE)
}
