// authfront/compat in Chromium against the mock's service worker, in cookie and header mode: the official names on
// real document.cookie, the page's global fetch and the browser's locks (issue 21 item 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EmailPassword, Session, SuperTokens } from 'authfront/compat'
import type { SessionEvent } from 'authfront/compat'
import { createMockBackend } from 'authfront/mock'
import { startMockBackend } from 'authfront/mock/browser'
import type { MockBackendHandle } from 'authfront/mock/browser'
import { clearFrontendCookies } from './frontendCookies'

const API = 'http://localhost:3001'
const backend = createMockBackend({ apiDomain: API })
let handle: MockBackendHandle | undefined
const requests: string[] = []

beforeAll(async () => {
  backend.reset()
  clearFrontendCookies()
  handle = await startMockBackend(backend)
  handle.worker.events.on('request:start', ({ request }) => {
    if (request.url.startsWith(API)) requests.push(`${request.method} ${new URL(request.url).pathname}`)
  })
})
afterAll(() => handle?.stop())

const formFields = (email: string) => [
  { id: 'email', value: email },
  { id: 'password', value: 'password1' },
]
const cookieNames = () =>
  document.cookie
    .split('; ')
    .filter(Boolean)
    .map((pair) => pair.split('=')[0])

describe.each(['cookie', 'header'] as const)('authfront/compat in Chromium (%s mode)', (tokenTransferMethod) => {
  it('signs up, calls the API with the plain fetch, refreshes, and signs out with the official events', async () => {
    const events: SessionEvent['action'][] = []
    SuperTokens.init({
      appInfo: { appName: 'Shop', apiDomain: API, apiBasePath: '/auth' },
      recipeList: [
        Session.init({ tokenTransferMethod, onHandleEvent: (event) => void events.push(event.action) }),
        EmailPassword.init(),
      ],
    })
    expect(await Session.doesSessionExist()).toBe(false)
    const email = `${tokenTransferMethod}@example.com`
    const result = await EmailPassword.signUp({ formFields: formFields(email) })
    expect(result).toMatchObject({ status: 'OK', user: { emails: [email] } })
    expect(events).toEqual(['SESSION_CREATED'])
    // The official SDK's frontend cookies, so a session survives a switch of SDK either way.
    expect(cookieNames()).toContain('sFrontToken')
    if (tokenTransferMethod === 'header') {
      expect(cookieNames()).toContain('st-access-token')
      expect(await Session.getAccessToken()).toMatch(/^ey/)
    } else {
      expect(cookieNames()).not.toContain('st-access-token')
      expect(await Session.getAccessToken()).toBeUndefined()
    }
    const userId = await Session.getUserId()

    requests.length = 0
    const me = await fetch(`${API}/api/me`)
    expect(await me.json()).toMatchObject({ userId, email })
    backend.controls.expireAccessTokens()
    expect((await fetch(`${API}/api/me`)).status).toBe(200)
    expect(requests).toEqual(['GET /api/me', 'GET /api/me', 'POST /auth/session/refresh', 'GET /api/me'])
    expect(events).toEqual(['SESSION_CREATED', 'ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])
    // Other origins pass through untouched: no session headers.
    expect(SuperTokens.getAuthClient().shouldIntercept('https://elsewhere.example/api')).toBe(false)

    await Session.signOut()
    expect(events.at(-1)).toBe('SIGN_OUT')
    expect(cookieNames()).not.toContain('sFrontToken')
    expect(await Session.doesSessionExist()).toBe(false)
    expect((await fetch(`${API}/api/me`)).status).toBe(401)
    expect(events.at(-1)).toBe('UNAUTHORISED')
  })
})
