import { afterAll, beforeAll } from 'vitest'
import { setupServer } from 'msw/node'
import { createMockBackend, readFrontTokenHeader } from 'authfront/mock'
import type { MockBackend, MockBackendOptions } from 'authfront/mock'

export const API = 'http://localhost:3001'
export const B = `${API}/auth`

/** One MSW server per test file; each test swaps in a fresh backend with `useBackend`. */
export function installServer() {
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  return {
    server,
    useBackend(options: Partial<MockBackendOptions> = {}): MockBackend {
      const backend = createMockBackend({ apiDomain: API, ...options })
      server.resetHandlers(...backend.handlers)
      return backend
    },
  }
}

export interface CallOptions {
  method?: string
  body?: unknown
  mode?: 'cookie' | 'header' | null
  headers?: Record<string, string>
  credentials?: RequestCredentials
}

/** A request like the official clients send (rid, fdi-version, st-auth-mode, credentials include). */
export function call(path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'fdi-version': '3.1,4.0,4.1,4.2' }
  if (options.mode !== null) headers['st-auth-mode'] = options.mode ?? 'cookie'
  if (!path.startsWith('/api')) headers['rid'] = 'anti-csrf'
  Object.assign(headers, options.headers)
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST')
  return fetch(path.startsWith('http') ? path : path.startsWith('/api') ? `${API}${path}` : `${B}${path}`, {
    method,
    headers,
    credentials: options.credentials ?? 'include',
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  })
}

export function form(email: string, password: string, extra: Array<{ id: string; value: unknown }> = []) {
  return {
    formFields: [{ id: 'email', value: email }, { id: 'password', value: password }, ...extra],
    shouldTryLinkingWithSessionUser: false,
  }
}

export function front(response: Response) {
  return readFrontTokenHeader(response.headers.get('front-token'))
}

export function setCookies(response: Response): Record<string, string> {
  const out: Record<string, string> = {}
  for (const value of response.headers.getSetCookie()) {
    const name = value.slice(0, value.indexOf('='))
    out[name] = value
  }
  return out
}
