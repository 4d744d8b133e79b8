// @vitest-environment jsdom
/** The official SuperTokens web SDK in header mode (tokenTransferMethod: 'header') against the mock. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import SuperTokens from 'supertokens-web-js'
import Session from 'supertokens-web-js/recipe/session'
import EmailPassword from 'supertokens-web-js/recipe/emailpassword'
import { createMockBackend } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const API = 'http://localhost:3001'
const backend = createMockBackend({ apiDomain: API, users: [{ email: 'ada@example.com', password: 'password1' }] })
const server = setupMockServer(backend)
const requests: Array<{ path: string; authorization: string | null }> = []
const events: string[] = []

server.events.on('request:start', ({ request }) => {
  requests.push({
    path: `${request.method} ${new URL(request.url).pathname}`,
    authorization: request.headers.get('authorization'),
  })
})

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  // See officialSdk.test.ts: MSW's XMLHttpRequest global is read-only, the SDK replaces it.
  Object.defineProperty(globalThis, 'XMLHttpRequest', {
    value: globalThis.XMLHttpRequest,
    writable: true,
    configurable: true,
  })
  SuperTokens.init({
    appInfo: { appName: 'mock test', apiDomain: API, apiBasePath: '/auth' },
    recipeList: [
      Session.init({ tokenTransferMethod: 'header', onHandleEvent: (event) => void events.push(event.action) }),
      EmailPassword.init(),
    ],
  })
})
afterAll(() => server.close())

it('signs in, sends Bearer tokens, refreshes with the refresh token and signs out', async () => {
  const signIn = await EmailPassword.signIn({
    formFields: [
      { id: 'email', value: 'ada@example.com' },
      { id: 'password', value: 'password1' },
    ],
  })
  expect(signIn.status).toBe('OK')
  expect(backend.cookies.list()).toEqual([])
  const access = await Session.getAccessToken()
  expect(access).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)

  requests.length = 0
  expect((await fetch(`${API}/api/me`)).status).toBe(200)
  expect(requests).toEqual([{ path: 'GET /api/me', authorization: `Bearer ${access}` }])

  requests.length = 0
  events.length = 0
  backend.controls.expireAccessTokens()
  expect((await fetch(`${API}/api/me`)).status).toBe(200)
  expect(requests.map((request) => request.path)).toEqual(['GET /api/me', 'POST /auth/session/refresh', 'GET /api/me'])
  expect(requests[1]?.authorization).toMatch(/^Bearer (?![\w-]+\.[\w-]+\.)/)
  expect(requests[2]?.authorization).not.toBe(`Bearer ${access}`)
  expect(events).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])

  events.length = 0
  await Session.signOut()
  expect(events).toEqual(['SIGN_OUT'])
  expect(await Session.getAccessToken()).toBeUndefined()
  expect(backend.sessions.list().every((session) => session.revoked)).toBe(true)
})
