/**
 * Redirect helpers. `redirectToPath` comes from the URL, so it is attacker-controlled: only same-origin relative
 * paths pass (auth-react 0.51.1 rejects `//`; we also reject the encoded and backslash variants browsers accept).
 */

const MAX_REDIRECT_LENGTH = 2048
// Browsers drop tabs/newlines inside URLs, so `/\t/evil.com` would become `//evil.com`.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/
const PROBE_ORIGIN = 'http://authfront.invalid'

/**
 * `path` as the browser resolves it on this origin (`pathname + search + hash`), or undefined when it is not a
 * same-origin relative path. Checked after resolution too: dot segments (`/..//host`, `/%2e%2e//host`) resolve to
 * a protocol-relative path, which a server that adds a trailing slash with a relative redirect sends off-site.
 */
function resolveRelative(path: string): string | undefined {
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\') || CONTROL_CHARS.test(path)) return
  let url: URL
  try {
    url = new URL(path, PROBE_ORIGIN)
  } catch {
    return
  }
  if (url.origin !== PROBE_ORIGIN || url.pathname.startsWith('//') || url.pathname.includes('\\')) return
  return `${url.pathname}${url.search}${url.hash}`
}

/**
 * Returns `value` normalised as the browser would resolve it (`/a/../b?x#y` → `/b?x#y`) when it is a same-origin
 * relative path, else `fallback`. Rejects absolute and protocol-relative URLs (`//host`, `/\host`), `javascript:`
 * and other schemes, dot segments that resolve to a protocol-relative path (`/..//host`, `/%2e%2e//host`),
 * percent-encoded variants of all those (`/%2F%2Fhost`, `%2F%2Fhost`), control characters and values longer than
 * 2048 characters.
 */
export function safeRedirectPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_REDIRECT_LENGTH) return fallback
  const resolved = resolveRelative(value)
  if (resolved === undefined) return fallback
  // Some servers and routers decode again; every decoded form must be safe too.
  let decoded = resolved
  for (let round = 0; round < 3; round++) {
    let next: string
    try {
      next = decodeURIComponent(decoded)
    } catch {
      return fallback
    }
    if (next === decoded) break
    if (resolveRelative(next) === undefined) return fallback
    decoded = next
  }
  return resolved
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
 * `/reset-password` and `/verify-email` count (docs/PROTOCOL.md §5.11).
 */
export function isAuthPath(path: string, websiteBasePath: string): boolean {
  const base = websiteBasePath.replace(/\/+$/, '')
  if (base === '') return path === '/' || path === '/reset-password' || path === '/verify-email'
  return path === base || path.startsWith(`${base}/`)
}
