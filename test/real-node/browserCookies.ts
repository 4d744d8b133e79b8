/**
 * The part of a browser the client leaves to it in cookie mode: the httpOnly cookies (`sAccessToken`,
 * `sRefreshToken`) that supertokens-node sets and expects back. A `fetch` for the client's platform that keeps them,
 * honouring the `Path`, `Expires` and `Max-Age` node sends (the refresh token must only go to the refresh path).
 */
export interface BrowserCookies {
  fetch: typeof fetch
  /** Cookie names with their paths, e.g. `sRefreshToken@/auth/session/refresh`. */
  names(): string[]
  /** The value of a kept cookie, or undefined. */
  get(name: string): string | undefined
  clear(): void
}

interface StoredCookie {
  name: string
  value: string
  path: string
  expiresAt: number
}

export function createBrowserCookies(): BrowserCookies {
  const cookies = new Map<string, StoredCookie>()
  const live = () => [...cookies.values()].filter((cookie) => cookie.expiresAt > Date.now())

  function store(header: string) {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim())
    const separator = pair.indexOf('=')
    const cookie: StoredCookie = {
      name: pair.slice(0, separator),
      value: pair.slice(separator + 1),
      path: '/',
      expiresAt: Number.POSITIVE_INFINITY,
    }
    for (const attribute of attributes) {
      const [key = '', value = ''] = attribute.split('=')
      if (/^path$/i.test(key)) cookie.path = value
      if (/^expires$/i.test(key)) cookie.expiresAt = Date.parse(value)
      if (/^max-age$/i.test(key)) cookie.expiresAt = Date.now() + Number(value) * 1000
    }
    const key = `${cookie.name}@${cookie.path}`
    if (cookie.expiresAt <= Date.now()) cookies.delete(key)
    else cookies.set(key, cookie)
  }

  const browserFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const path = new URL(request.url).pathname
    const sent = live()
      .filter(
        (cookie) =>
          path === cookie.path || path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`),
      )
      .map((cookie) => `${cookie.name}=${cookie.value}`)
    if (sent.length > 0) request.headers.set('cookie', sent.join('; '))
    const response = await fetch(request)
    for (const header of response.headers.getSetCookie()) store(header)
    return response
  }

  return {
    fetch: browserFetch,
    names: () => live().map((cookie) => `${cookie.name}@${cookie.path}`),
    get: (name) => live().find((cookie) => cookie.name === name)?.value,
    clear: () => cookies.clear(),
  }
}
