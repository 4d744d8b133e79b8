import { AuthError } from '../client/errors'
import { FAR_FUTURE } from '../client/platform'
import type { AuthEvent, CookieJar, KeyValueStorage } from '../client/types'
import { decodeFrontToken } from './frontToken'
import type { FrontToken } from './frontToken'

/** Cookie and storage names shared with the official SDK (protocol.md §3.2), so sessions survive a migration. */
export const FRONT_TOKEN_COOKIE = 'sFrontToken'
export const LAST_UPDATE_COOKIE = 'st-last-access-token-update'
export const ANTI_CSRF_COOKIE = 'sAntiCsrf'
export const ACCESS_TOKEN_COOKIE = 'st-access-token'
export const REFRESH_TOKEN_COOKIE = 'st-refresh-token'
const LEGACY_ID_REFRESH_COOKIE = 'sIRTFrontend'
export const CLOCK_SKEW_KEY = '__st_clockSkewInMillis'

// The official client writes header-mode tokens with this lifetime (≈36.5 days, protocol.md §3.2).
const HEADER_TOKEN_LIFETIME = 3153600000
// protocol.md §5.9: skews below this are noise (iat has second precision) and are ignored.
const SKEW_THRESHOLD = 7000

/** Local session state, exactly as protocol.md §5.2 defines it. */
export type LocalState =
  | { status: 'EXISTS'; stamp: string; frontToken: FrontToken; frontTokenRaw: string }
  | { status: 'NOT_EXISTS'; stamp: string }
  | { status: 'MAY_EXIST' }

/** One read of the frontend cookies. */
export interface Snapshot {
  state: LocalState
  antiCsrf: string | undefined
  accessToken: string | undefined
  refreshToken: string | undefined
}

/** What processing a response's session headers did. */
export interface HeaderResult {
  /** The `front-token` value seen (`remove` also for a header-less refresh 401), or undefined. */
  frontToken: string | undefined
  events: AuthEvent[]
  /** True when any frontend cookie was written. */
  changed: boolean
}

export interface LocalSession {
  /** Reads the cookie string once; parsing is skipped when it did not change since the last read. */
  read(): Snapshot
  /** protocol.md §5.5 + §5.6: store tokens from a response and compute the events it implies. */
  applyHeaders(
    headers: Headers,
    options: { wasLoggedIn: boolean; status: number; sessionExpiredStatusCode: number; isRefresh: boolean },
  ): HeaderResult
  /** Deletes every frontend marker and writes a new stamp (the session ended). */
  clear(): void
  /** The client clock corrected by the measured skew (protocol.md §5.9): the server's idea of now. */
  now(): number
}

function parseCookies(raw: string): Map<string, string> {
  const map = new Map<string, string>()
  if (raw === '') return map
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    const name = part.slice(0, eq).trim()
    // First one wins, like the official `getCookieValue` on duplicated names from different paths/domains.
    if (!map.has(name)) map.set(name, part.slice(eq + 1).trim())
  }
  return map
}

export function createLocalSession(deps: {
  cookies: CookieJar
  storage: KeyValueStorage
  clock: () => number
}): LocalSession {
  const { cookies, storage, clock } = deps
  let lastRaw: string | undefined
  let lastSnapshot: Snapshot | undefined
  // Decoding is memoised on the raw value, so an unchanged front token keeps the same object (cheap equality).
  let lastFrontRaw: string | undefined
  let lastFront: FrontToken | undefined
  let skew: number | undefined

  const decodeCached = (raw: string): FrontToken | undefined => {
    if (raw === lastFrontRaw) return lastFront
    let decoded: FrontToken | undefined
    try {
      decoded = decodeFrontToken(raw)
    } catch {
      decoded = undefined
    }
    lastFrontRaw = raw
    lastFront = decoded
    return decoded
  }

  const read = (): Snapshot => {
    const raw = cookies.read()
    if (raw === lastRaw && lastSnapshot !== undefined) return lastSnapshot
    const map = parseCookies(raw)
    const stamp = map.get(LAST_UPDATE_COOKIE)
    const frontRaw = map.get(FRONT_TOKEN_COOKIE)
    let state: LocalState
    const front = frontRaw === undefined || frontRaw === '' ? undefined : decodeCached(frontRaw)
    if (stamp !== undefined && front !== undefined && frontRaw !== undefined) {
      state = { status: 'EXISTS', stamp, frontToken: front, frontTokenRaw: frontRaw }
    } else if (stamp !== undefined && (frontRaw === undefined || frontRaw === '')) {
      state = { status: 'NOT_EXISTS', stamp }
    } else {
      // Neither marker, or an unreadable front token: only a refresh can tell (protocol.md §5.2 MAY_EXIST).
      state = { status: 'MAY_EXIST' }
    }
    const nonEmpty = (name: string) => {
      const v = map.get(name)
      return v === undefined || v === '' ? undefined : v
    }
    lastRaw = raw
    lastSnapshot = {
      state,
      antiCsrf: nonEmpty(ANTI_CSRF_COOKIE),
      accessToken: nonEmpty(ACCESS_TOKEN_COOKIE),
      refreshToken: nonEmpty(REFRESH_TOKEN_COOKIE),
    }
    return lastSnapshot
  }

  const getSkew = (): number => {
    if (skew === undefined) {
      const stored = Number(storage.getItem(CLOCK_SKEW_KEY))
      skew = Number.isFinite(stored) ? stored : 0
    }
    return skew
  }

  const updateSkew = (payload: Record<string, unknown>) => {
    const iat = payload.iat
    if (typeof iat !== 'number') return
    const measured = iat * 1000 - clock()
    skew = Math.abs(measured) >= SKEW_THRESHOLD ? measured : 0
    storage.setItem(CLOCK_SKEW_KEY, String(skew))
  }

  const writeStamp = () => {
    // Strictly increasing even when the clock did not move (fake clocks, two updates in one ms): the stamp is a
    // version marker for other requests and tabs, so two different versions must never share a value.
    let stamp = clock()
    const state = read().state
    const previous = state.status === 'MAY_EXIST' ? NaN : Number(state.stamp)
    if (Number.isFinite(previous) && stamp <= previous) stamp = previous + 1
    cookies.write(LAST_UPDATE_COOKIE, String(stamp), FAR_FUTURE)
    cookies.write(LEGACY_ID_REFRESH_COOKIE, undefined, 0)
  }

  const clearTokens = () => {
    cookies.write(FRONT_TOKEN_COOKIE, undefined, 0)
    cookies.write(ACCESS_TOKEN_COOKIE, undefined, 0)
    cookies.write(REFRESH_TOKEN_COOKIE, undefined, 0)
    cookies.write(ANTI_CSRF_COOKIE, undefined, 0)
  }

  return {
    read,
    now: () => clock() + getSkew(),
    clear() {
      writeStamp()
      clearTokens()
    },
    applyHeaders(headers, { wasLoggedIn, status, sessionExpiredStatusCode, isRefresh }) {
      const events: AuthEvent[] = []
      let changed = false
      const refreshToken = headers.get('st-refresh-token')
      const accessToken = headers.get('st-access-token')
      let frontToken = headers.get('front-token') ?? undefined
      const antiCsrf = headers.get('anti-csrf')
      // protocol.md §4.3: a 401 from the refresh endpoint ends the session even without clearing headers.
      if (frontToken === undefined && isRefresh && status === sessionExpiredStatusCode) frontToken = 'remove'

      if (refreshToken === null && accessToken === null && frontToken === undefined && antiCsrf === null) {
        return { frontToken, events: [], changed: false }
      }
      // Decode before writing anything, so a malformed header leaves the stored session untouched.
      const decoded = frontToken === undefined || frontToken === 'remove' ? undefined : decodeFrontToken(frontToken)
      const before = frontToken === undefined ? undefined : read().state

      const expiresAt = clock() + HEADER_TOKEN_LIFETIME
      if (refreshToken !== null) {
        cookies.write(REFRESH_TOKEN_COOKIE, refreshToken === '' ? undefined : refreshToken, expiresAt)
        changed = true
      }
      if (accessToken !== null) {
        cookies.write(ACCESS_TOKEN_COOKIE, accessToken === '' ? undefined : accessToken, expiresAt)
        changed = true
      }
      if (frontToken !== undefined) {
        changed = true
        writeStamp()
        if (frontToken === 'remove') {
          // Also drop the header tokens: proxies may strip the empty `st-*` headers (supertokens-website#218).
          clearTokens()
        } else if (decoded !== undefined) {
          const payloadChanged =
            before?.status === 'EXISTS' && JSON.stringify(before.frontToken.up) !== JSON.stringify(decoded.up)
          cookies.write(FRONT_TOKEN_COOKIE, frontToken, FAR_FUTURE)
          lastFrontRaw = frontToken
          lastFront = decoded
          updateSkew(decoded.up)
          if (payloadChanged) events.push({ type: 'ACCESS_TOKEN_PAYLOAD_UPDATED' })
        }
      }
      if (antiCsrf !== null && read().state.status === 'EXISTS') {
        cookies.write(ANTI_CSRF_COOKIE, antiCsrf === '' ? undefined : antiCsrf, FAR_FUTURE)
        changed = true
      }

      // protocol.md §5.6 (fireSessionUpdateEventsIfNecessary).
      if (frontToken === 'remove') {
        if (wasLoggedIn) {
          events.push(
            status === sessionExpiredStatusCode
              ? { type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }
              : { type: 'SIGN_OUT' },
          )
        }
      } else if (frontToken !== undefined && !wasLoggedIn) {
        events.unshift({ type: 'SESSION_CREATED' })
      }
      return { frontToken, events, changed }
    },
  }
}

/** Throws the `AuthError` for "there is no session". */
export function noSession(): never {
  throw new AuthError('session', 'No session exists. Sign in first (session.exists() is false).')
}
