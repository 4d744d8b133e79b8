/**
 * One MSW server per test file that answers recipe calls with whatever a test says, recording each request exactly
 * as sent (method, URL, headers, body). For wire-shape tests; behaviour against a backend uses the shipped mock.
 */
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createAuthClient, createMemoryCookieJar } from 'authfront'
import type { AuthConfig } from 'authfront'

export const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

export const API = 'http://recipes.test'
// A known-signed-out browser: recipe calls are then exactly one request each.
export const client = <R extends NonNullable<AuthConfig['recipes']> = []>(
  config: Partial<AuthConfig> & { recipes?: R } = {},
) =>
  createAuthClient({
    apiDomain: API,
    ...config,
    platform: {
      cookies: createMemoryCookieJar({ 'st-last-access-token-update': '1' }),
      broadcast: () => undefined,
      ...config.platform,
    },
  })

export interface Seen {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}
export function answer(method: 'get' | 'post' | 'put', path: string, respond: () => Response) {
  const seen: Seen[] = []
  server.use(
    http[method](API + path, async ({ request }) => {
      seen.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: await request.text(),
      })
      return respond()
    }),
  )
  return seen
}
