import type { MockCookie } from './types'

/** A response under construction. Turned into a real `Response` at the very end (see `createMockBackend`). */
export interface Reply {
  status: number
  body: string | ArrayBuffer | null
  headers: Headers
}

const JSON_TYPE = 'application/json; charset=utf-8'

export function jsonReply(status: number, body: unknown, headers: Headers = new Headers()): Reply {
  headers.set('Content-Type', JSON_TYPE)
  return { status, body: JSON.stringify(body), headers }
}

/** The page express' default handlers render (404 "Cannot GET /x", 500 "Internal Server Error"). */
export function expressHtml(status: number, text: string): Reply {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const body =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n' +
    `<pre>${escaped}</pre>\n</body>\n</html>\n`
  return { status, body, headers: new Headers({ 'Content-Type': 'text/html; charset=utf-8' }) }
}

/** Appends to `Access-Control-Expose-Headers` the way node does (comma list, no duplicates). */
export function exposeHeader(headers: Headers, name: string): void {
  const current = headers.get('Access-Control-Expose-Headers')
  const names = current ? current.split(',').map((item) => item.trim()) : []
  if (!names.includes(name)) names.push(name)
  headers.set('Access-Control-Expose-Headers', names.join(', '))
}

export interface CookieAttributes {
  path: string
  expiresAt: number
  secure: boolean
  sameSite: 'Lax' | 'None'
}

/** Serialises like express' `res.cookie` (attribute order of the `cookie` package). */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  let out = `${name}=${encodeURIComponent(value)}; Path=${attributes.path}`
  out += `; Expires=${new Date(attributes.expiresAt).toUTCString()}; HttpOnly`
  if (attributes.secure) out += '; Secure'
  out += `; SameSite=${attributes.sameSite}`
  return out
}

export function parseCookieHeader(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!header) return out
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index <= 0) continue
    const name = part.slice(0, index).trim()
    const raw = part
      .slice(index + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
    if (name in out) continue
    try {
      out[name] = decodeURIComponent(raw)
    } catch {
      out[name] = raw
    }
  }
  return out
}

/** Parses one `Set-Cookie` value into the fields the emulated jar needs. */
export function parseSetCookie(value: string): MockCookie | undefined {
  const [pair, ...attributes] = value.split(';')
  if (pair === undefined) return undefined
  const index = pair.indexOf('=')
  if (index <= 0) return undefined
  const cookie: MockCookie = {
    name: pair.slice(0, index).trim(),
    value: decodeURIComponent(pair.slice(index + 1).trim()),
    path: '/',
    expiresAt: Number.POSITIVE_INFINITY,
  }
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=')
    const attrValue = rest.join('=').trim()
    const lower = key.trim().toLowerCase()
    if (lower === 'path') cookie.path = attrValue || '/'
    if (lower === 'expires') {
      const time = Date.parse(attrValue)
      if (!Number.isNaN(time)) cookie.expiresAt = time
    }
  }
  return cookie
}

/** RFC 6265 path-match. */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0) return resolve()
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}
