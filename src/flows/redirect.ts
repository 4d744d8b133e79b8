/**
 * Redirect helpers. `redirectToPath` comes from the URL, so it is attacker-controlled: only same-origin relative
 * paths pass (auth-react 0.51.1 rejects `//`; we also reject the encoded and backslash variants browsers accept).
 */

const MAX_REDIRECT_LENGTH = 2048
// Browsers drop tabs/newlines inside URLs, so `/\t/evil.com` would become `//evil.com`.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/
const PROBE_ORIGIN = 'http://authfront.invalid'

function isSafeRelative(path: string): boolean {
  if (!path.startsWith('/')) return false
  if (path.startsWith('//')) return false
  if (path.includes('\\')) return false
  if (CONTROL_CHARS.test(path)) return false
  return true
}

/**
 * Returns `value` when it is a same-origin relative path (`/account?tab=1#x`), else `fallback`. Rejects absolute
 * and protocol-relative URLs (`//host`, `/\host`), `javascript:` and other schemes, percent-encoded variants of
 * those (`/%2F%2Fhost`, `%2F%2Fhost`), control characters and values longer than 2048 characters.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REDIRECT_LENGTH) return fallback
  if (!isSafeRelative(value)) return fallback
  // Some servers and routers decode again; the decoded forms must be safe too.
  let decoded = value
  for (let round = 0; round < 3; round++) {
    let next: string
    try {
      next = decodeURIComponent(decoded)
    } catch {
      return fallback
    }
    if (next === decoded) break
    if (!isSafeRelative(next)) return fallback
    decoded = next
  }
  try {
    if (new URL(value, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return fallback
  } catch {
    return fallback
  }
  return value
}

/** Reads one query parameter from a query string (`?a=1&b=2` or `a=1&b=2`). */
export function readQueryParam(search: string, name: string): string | undefined {
  const value = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search).get(name)
  return value === null ? undefined : value
}

/** Joins the website base path and a sub-path: `('/auth', '/reset-password')` → `/auth/reset-password`. */
export function joinPath(basePath: string, subPath = ''): string {
  const base = basePath === '/' ? '' : basePath.replace(/\/+$/, '')
  const joined = `${base}${subPath}`
  return joined === '' ? '/' : joined
}

/** Appends query parameters, skipping undefined ones. */
export function withQuery(path: string, params: Readonly<Record<string, string | undefined>>): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value)
  const text = query.toString()
  return text === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${text}`
}

/**
 * True when `path` (no query or hash) is one of the prebuilt auth pages, which a guard must let through: any
 * path at or under `websiteBasePath`. With `websiteBasePath` `'/'` every path is under it, so only `/`,
 * `/reset-password` and `/verify-email` count (protocol.md §5.11).
 */
export function isAuthPath(path: string, websiteBasePath: string): boolean {
  const base = websiteBasePath.replace(/\/+$/, '')
  if (base === '') return path === '/' || path === '/reset-password' || path === '/verify-email'
  return path === base || path.startsWith(`${base}/`)
}
