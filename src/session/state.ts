import { authError } from '../client/errors'
import type { AuthError } from '../client/errors'
import { FAR_FUTURE } from '../client/platform'
import type { AuthEvent, CookieJar, KeyValueStorage } from '../client/types'
import { decodeFrontToken } from './frontToken'
import type { FrontToken } from './frontToken'
import {
  ACCESS_TOKEN_COOKIE,
  ACCESS_TOKEN_HEADER,
  ANTI_CSRF_COOKIE,
  ANTI_CSRF_HEADER,
  CLOCK_SKEW_KEY,
  FRONT_TOKEN_COOKIE,
  FRONT_TOKEN_HEADER,
  LAST_UPDATE_COOKIE,
  LEGACY_ID_REFRESH_COOKIE,
  REFRESH_TOKEN_COOKIE,
  REFRESH_TOKEN_HEADER,
} from '../client/wire'

// The official client writes header-mode tokens with this lifetime (≈36.5 days, docs/PROTOCOL.md §3.2).
const HEADER_TOKEN_LIFETIME = 3153600000
// docs/PROTOCOL.md §5.9: skews below this are noise (iat has second precision) and are ignored.
export const SKEW_THRESHOLD = 7000

/** Local session state, exactly as docs/PROTOCOL.md §5.2 defines it. */
export type LocalState =
  | { status: 'EXISTS'; stamp: string; frontToken: FrontToken }
  | { status: 'NOT_EXISTS'; stamp: string }
  | { status: 'MAY_EXIST'; stamp?: undefined }

/** One read of the frontend cookies: the local state plus the tokens. */
export type Snapshot = LocalState & {
  antiCsrf: string | undefined
  accessToken: string | undefined
  refreshToken: string | undefined
}

/** What processing a response's session headers did. */
export interface HeaderResult {
  /** The `front-token` value seen (`remove` also for a header-less refresh 401), or null. */
  frontToken: string | null
  events: AuthEvent[]
  /** True when any frontend cookie was written. */
  changed: boolean
  /** Why the session this response set could not be stored (dropped cookie writes, a front token over 4 KB). */
  error?: AuthError
}

/** The error for a `front-token` that was received but could not be stored, naming the likely cause. */
export const unstored = (frontToken: string, size = frontToken.length + 12): AuthError =>
  authError(
    'protocol',
    size > 4096
      ? `Session not stored: front token over 4 KB cookie limit (${size} B)`
      : 'Session not stored: cookies blocked (iframe? see isInIframe)',
  )

export interface LocalSession {
  /** Reads the cookie string once. */
  read(): Snapshot
  /**
   * The last read while it is known to be current (a watch runs and has reported no change since, and this client
   * wrote nothing since), else `read()`. For the first read of a call only: anything that decides what to send to
   * `/session/refresh`, or runs after a response, must `read()`, as another tab's write may still be on its way.
   */
  peek(): Snapshot
  /** Watches `jar` (the raw platform jar) for changes it did not make, so `peek` can skip reads; returns the stop. */
  watch(jar: CookieJar): () => void
  /** docs/PROTOCOL.md §5.5 + §5.6: store tokens from a response and compute the events it implies. */
  applyHeaders(headers: Headers, wasLoggedIn: boolean, status: number, isRefresh: boolean): HeaderResult
  /** The client clock corrected by the measured skew (docs/PROTOCOL.md §5.9): the server's idea of now. */
  now(): number
}

/**
 * `report` receives, once per page, the error for frontend cookies that cannot be written (a cross-site iframe, Safari
 * dropping `document.cookie` writes): from then on the session is known `NOT_EXISTS` in memory, so calls go out
 * without one instead of probing `/session/refresh` each time. `fixedSkew` (the config's `clockSkewMs`) replaces the
 * skew measured from the front tokens.
 */
export function createLocalSession(
  cookies: CookieJar,
  storage: KeyValueStorage,
  clock: () => number,
  sessionExpiredStatusCode: number,
  report: (error: AuthError) => void,
  fixedSkew?: number,
): LocalSession {
  // Decoding is memoised on the raw value, so an unchanged front token keeps the same object (cheap equality).
  let lastFrontRaw: string | undefined
  let lastFront: FrontToken | undefined
  // A fixed skew is neither read from nor written to storage.
  let skew = fixedSkew

  // doFetch reads the state several times per call (before sending, after the response, around a refresh):
  // parse only when the cookie string changed, so the common case costs one string read and compare.
  let lastRaw: string | undefined
  let lastSnapshot: Snapshot | undefined
  let unwritable = false
  // A `document.cookie` read costs about 10 µs in Chromium, most of what a call adds. While a watch runs, every
  // change this client did not write is announced (another tab's refresh or sign-out, a `Set-Cookie`), so the last
  // read stays current until an announcement or a write of ours clears this.
  let current = false
  let watching = false

  const read = (): Snapshot => {
    current = watching
    const raw = cookies.read()
    if (raw === lastRaw && lastSnapshot) return lastSnapshot
    lastRaw = raw
    return (lastSnapshot = parse(raw))
  }

  const parse = (raw: string): Snapshot => {
    const map = new Map<string, string>()
    for (const part of raw.split(';')) {
      const eq = part.indexOf('=')
      const name = part.slice(0, eq).trim()
      // First one wins, like the official `getCookieValue` on duplicated names from different paths/domains.
      if (eq >= 0 && !map.has(name)) map.set(name, part.slice(eq + 1).trim())
    }
    const get = (name: string) => map.get(name) || undefined
    const stamp = map.get(LAST_UPDATE_COOKIE)
    const frontRaw = get(FRONT_TOKEN_COOKIE)
    if (frontRaw !== undefined && frontRaw !== lastFrontRaw) {
      lastFrontRaw = frontRaw
      try {
        lastFront = decodeFrontToken(frontRaw)
      } catch {
        lastFront = undefined
      }
    }
    return {
      // Neither marker, or an unreadable front token: only a refresh can tell (docs/PROTOCOL.md §5.2 MAY_EXIST).
      ...((stamp === undefined
        ? unwritable
          ? { status: 'NOT_EXISTS', stamp: '' }
          : { status: 'MAY_EXIST' }
        : frontRaw === undefined
          ? { status: 'NOT_EXISTS', stamp }
          : lastFront === undefined
            ? { status: 'MAY_EXIST' }
            : { status: 'EXISTS', stamp, frontToken: lastFront }) as LocalState),
      antiCsrf: get(ANTI_CSRF_COOKIE),
      accessToken: get(ACCESS_TOKEN_COOKIE),
      refreshToken: get(REFRESH_TOKEN_COOKIE),
    }
  }

  // A real token never holds `;` or control characters; stored as is, `x; sFrontToken=…` would add a cookie.
  const write = (name: string, value: string | null, expiresAt: number) => {
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    const valid = value !== null && !/[;\0-\x1f\x7f]/.test(value)
    if (valid) {
      current = false
      cookies.write(name, value || undefined, expiresAt)
    }
    return valid
  }

  return {
    read,
    peek: () => (current && lastSnapshot) || read(),
    watch(jar) {
      const stop = jar.watch?.(() => (current = false))
      if (!stop) return () => {}
      // Reads made before the watch began are not covered by it.
      current = false
      watching = true
      return () => {
        stop()
        current = watching = false
      }
    },
    now() {
      if (skew === undefined) {
        const stored = Number(storage.getItem(CLOCK_SKEW_KEY))
        skew = Number.isFinite(stored) ? stored : 0
      }
      return clock() + skew
    },
    applyHeaders(headers, wasLoggedIn, status, isRefresh) {
      const events: AuthEvent[] = []
      const expired = status === sessionExpiredStatusCode
      // docs/PROTOCOL.md §4.3: a 401 from the refresh endpoint ends the session even without clearing headers.
      const frontToken = headers.get(FRONT_TOKEN_HEADER) ?? (isRefresh && expired ? 'remove' : null)
      // Most responses carry no session header: nothing to write, and no cookie read (document.cookie is not free).
      if (frontToken === null && !carriesSessionHeaders(headers)) return { frontToken, events, changed: false }
      const present = frontToken !== null
      // Decode before writing anything, so a malformed header leaves the stored session untouched.
      const decoded = present && frontToken !== 'remove' ? decodeFrontToken(frontToken) : undefined
      const before = read()

      const expiresAt = clock() + HEADER_TOKEN_LIFETIME
      let changed = write(REFRESH_TOKEN_COOKIE, headers.get(REFRESH_TOKEN_HEADER), expiresAt)
      changed = write(ACCESS_TOKEN_COOKIE, headers.get(ACCESS_TOKEN_HEADER), expiresAt) || changed
      if (present) {
        changed = true
        // Strictly increasing even when the clock did not move (fake clocks, two updates in one ms): the stamp is
        // a version marker for other requests and tabs, so two different versions must never share a value.
        const previous = Number(read().stamp)
        const now = clock()
        write(LAST_UPDATE_COOKIE, String(previous >= now ? previous + 1 : now), FAR_FUTURE)
        write(LEGACY_ID_REFRESH_COOKIE, '', 0)
        if (decoded === undefined) {
          // Also drop the header tokens: proxies may strip the empty `st-*` headers (supertokens-website#218).
          for (const name of [FRONT_TOKEN_COOKIE, ACCESS_TOKEN_COOKIE, REFRESH_TOKEN_COOKIE, ANTI_CSRF_COOKIE]) {
            write(name, '', 0)
          }
          if (wasLoggedIn) {
            events.push(expired ? { type: 'UNAUTHORISED', sessionExpiredOrRevoked: true } : { type: 'SIGN_OUT' })
          }
        } else {
          write(FRONT_TOKEN_COOKIE, frontToken, FAR_FUTURE)
          lastFrontRaw = frontToken
          lastFront = decoded
          const iat = decoded.up.iat
          if (typeof iat === 'number' && fixedSkew === undefined) {
            const measured = iat * 1000 - clock()
            skew = Math.abs(measured) >= SKEW_THRESHOLD ? measured : 0
            storage.setItem(CLOCK_SKEW_KEY, String(skew))
          }
          if (before.status === 'EXISTS' && JSON.stringify(before.frontToken.up) !== JSON.stringify(decoded.up)) {
            events.push({ type: 'ACCESS_TOKEN_PAYLOAD_UPDATED' })
          }
        }
      }
      const after = read()
      let error: AuthError | undefined
      if (present && (after.stamp === undefined || (decoded !== undefined && after.status !== 'EXISTS'))) {
        error = unstored(frontToken)
        if (after.stamp === undefined && !unwritable) {
          unwritable = true
          lastRaw = undefined
          current = false
          report(error)
        }
      } else if (decoded !== undefined && !wasLoggedIn) {
        // Only a session this page can read was created: a dropped front token must not announce one.
        events.unshift({ type: 'SESSION_CREATED' })
      }
      if (after.status === 'EXISTS')
        changed = write(ANTI_CSRF_COOKIE, headers.get(ANTI_CSRF_HEADER), FAR_FUTURE) || changed
      return { frontToken, events, changed, error }
    },
  }
}

/** True when a response sets or clears anything of the session (the headers `applyHeaders` writes from). */
export const carriesSessionHeaders = (headers: Headers): boolean =>
  headers.has(FRONT_TOKEN_HEADER) ||
  headers.has(ACCESS_TOKEN_HEADER) ||
  headers.has(REFRESH_TOKEN_HEADER) ||
  headers.has(ANTI_CSRF_HEADER)
