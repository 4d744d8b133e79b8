// @vitest-environment jsdom
// The migration guide's "before" app on the official SDK (supertokens-web-js 0.16) against the same mock: the
// transcript authfront/compat must reproduce (migrationExample.test.ts). Then a session the official SDK created is
// carried on by authfront/compat without signing in again: the frontend cookies are the same (docs/PROTOCOL.md §3.2).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { EmailPassword as CompatEmailPassword, Session as CompatSession, SuperTokens as Compat } from 'authfront/compat'
import Session from 'supertokens-web-js/recipe/session'
import * as before from './migrationExample.before'
import { API, expectedTranscript, runScenario, startBackend } from './migrationScenario'

const mock = startBackend()
let mswFetch: typeof fetch
beforeAll(() => {
  mswFetch = globalThis.fetch
  // MSW installs its XMLHttpRequest interceptor as a read-only global; the official SDK replaces that global at
  // init, so make it writable (test harness only).
  Object.defineProperty(globalThis, 'XMLHttpRequest', {
    value: globalThis.XMLHttpRequest,
    writable: true,
    configurable: true,
  })
})
afterAll(() => mock.server.close())

it('the before app on the official SDK gives the transcript the after app must match', async () => {
  expect(await runScenario(before, mock)).toEqual(expectedTranscript)
})

it('a session the official SDK created carries on under authfront/compat, refresh token included', async () => {
  expect(await before.signIn('ada@example.com', 'password1')).toBe('Welcome ada@example.com')
  expect(await Session.getUserId()).toBe('user-ada')
  // The official SDK leaves the page: its fetch patch goes (a page load would drop it too).
  globalThis.fetch = mswFetch
  mock.requests.length = 0
  Compat.init({
    appInfo: { appName: 'Shop', apiDomain: API },
    recipeList: [CompatSession.init(), CompatEmailPassword.init()],
  })
  expect(await CompatSession.doesSessionExist()).toBe(true)
  expect(await CompatSession.getUserId()).toBe('user-ada')
  expect(await (await fetch(`${API}/api/me`)).json()).toMatchObject({ userId: 'user-ada' })
  mock.backend.controls.expireAccessTokens()
  expect((await fetch(`${API}/api/me`)).status).toBe(200)
  // No sign-in: the cookies the official SDK left were enough, and its refresh token refreshed.
  expect(mock.requests).toEqual(['GET /api/me', 'GET /api/me', 'POST /auth/session/refresh', 'GET /api/me'])
})
