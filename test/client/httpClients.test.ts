/**
 * The HTTP clients apps use, handed `auth.doFetch` as their fetch (README "Calling your API"): axios through its fetch
 * adapter, ky and ofetch, each against the shipped mock in both token modes. What must hold is what holds for
 * `doFetch` itself: one refresh for a burst after a server-side expiry, the retried call answering the library,
 * session headers never added to another origin, and a revoked session surfacing as the library's own 401 error with
 * one `UNAUTHORISED` event.
 */
import axios, { AxiosError } from 'axios'
import ky, { HTTPError } from 'ky'
import { createFetch, FetchError } from 'ofetch'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createMockBackend } from 'authfront/mock'
import type { AuthClient, TokenTransferMethod } from 'authfront'
import { createFakeClock, createTab } from './helpers'

const API = 'http://clients-api.test'
const OTHER = 'http://third-party.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** One library, reduced to "GET this URL and give me the JSON", throwing its own error on a 4xx/5xx. */
interface Library {
  name: string
  get(auth: AuthClient, url: string): Promise<unknown>
  /** The HTTP status of the library's own error for a non-2xx answer. */
  statusOf(error: unknown): number | undefined
}

const libraries: Library[] = [
  {
    name: 'axios (fetch adapter, env.fetch)',
    get: async (auth, url) =>
      (await axios.create({ adapter: 'fetch', env: { fetch: auth.doFetch } }).get(url, { withCredentials: true })).data,
    statusOf: (error) => (error instanceof AxiosError ? error.response?.status : undefined),
  },
  {
    name: 'ky (fetch option)',
    get: (auth, url) => ky.create({ fetch: auth.doFetch, retry: 0, credentials: 'include' }).get(url).json(),
    statusOf: (error) => (error instanceof HTTPError ? error.response.status : undefined),
  },
  {
    name: 'ofetch (createFetch({ fetch }))',
    get: (auth, url) => createFetch({ fetch: auth.doFetch })(url, { credentials: 'include', retry: 0 }),
    statusOf: (error) => (error instanceof FetchError ? error.statusCode : undefined),
  },
]

function setup(mode: TokenTransferMethod) {
  const clock = createFakeClock(Date.now())
  const backend = createMockBackend({ apiDomain: API, now: clock.now })
  const paths: string[] = []
  const otherHeaders: Headers[] = []
  server.events.removeAllListeners()
  server.events.on('request:start', ({ request }) => {
    paths.push(`${request.method} ${new URL(request.url).pathname}`)
  })
  server.use(
    ...backend.handlers,
    http.get(
      `${API}/api/orders`,
      backend.protect(({ session }) => HttpResponse.json({ userId: session.userId })),
    ),
    http.get(`${OTHER}/public`, ({ request }) => {
      otherHeaders.push(request.headers)
      return HttpResponse.json({ ok: true })
    }),
  )
  const tab = createTab(clock, { apiDomain: API, tokenTransferMethod: mode })
  return { backend, tab, paths, otherHeaders }
}

describe.each(libraries)('$name', (library) => {
  describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
    test('refreshes once for a burst after a server-side expiry; every call gets its JSON', async () => {
      const { backend, tab, paths } = setup(mode)
      const signUp = await tab.client.emailPassword.signUp({ email: 'ada@example.com', password: 'password1' })
      const userId = signUp.status === 'OK' ? signUp.user.id : 'none'
      expect(await library.get(tab.client, `${API}/api/orders`)).toEqual({ userId })

      backend.controls.expireAccessTokens()
      paths.length = 0
      const burst = await Promise.all(Array.from({ length: 5 }, () => library.get(tab.client, `${API}/api/orders`)))
      expect(burst).toEqual(Array.from({ length: 5 }, () => ({ userId })))
      expect(paths.filter((path) => path === 'POST /auth/session/refresh')).toHaveLength(1)
    })

    test('adds no session header to another origin', async () => {
      const { tab, otherHeaders } = setup(mode)
      await tab.client.emailPassword.signUp({ email: 'ada@example.com', password: 'password1' })
      expect(await library.get(tab.client, `${OTHER}/public`)).toEqual({ ok: true })
      const headers = otherHeaders[0]!
      expect([headers.get('authorization'), headers.get('rid'), headers.get('fdi-version')]).toEqual([null, null, null])
    })

    test("a revoked session is the library's own 401 error, with one UNAUTHORISED event", async () => {
      const { backend, tab } = setup(mode)
      await tab.client.emailPassword.signUp({ email: 'ada@example.com', password: 'password1' })
      // Revoked and expired: the API answers 401, and so does the refresh.
      backend.controls.revokeAllSessions()
      backend.controls.expireAccessTokens()
      tab.events.length = 0
      const failure = await library.get(tab.client, `${API}/api/orders`).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(library.statusOf(failure)).toBe(401)
      expect(tab.eventTypes()).toEqual(['UNAUTHORISED'])
      expect(tab.client.store.getState().status).toBe('signedOut')
    })
  })
})
