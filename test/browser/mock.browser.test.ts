import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockBackend, readFrontTokenHeader } from 'authfront/mock'
import { startMockBackend } from 'authfront/mock/browser'
import type { MockBackendHandle } from 'authfront/mock/browser'

const API = 'http://localhost:3001'
const backend = createMockBackend({
  apiDomain: API,
  persistence: { storage: localStorage, key: 'authfront-mock-browser-test' },
})
let handle: MockBackendHandle | undefined

beforeAll(async () => {
  backend.reset()
  handle = await startMockBackend(backend)
})
afterAll(() => {
  // Undefined when startMockBackend threw: let its error be the one reported.
  handle?.stop()
  localStorage.removeItem('authfront-mock-browser-test')
})

function post(path: string, body: unknown, mode: 'cookie' | 'header') {
  return fetch(`${API}/auth${path}`, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json', rid: 'emailpassword', 'fdi-version': '4.2', 'st-auth-mode': mode },
    body: JSON.stringify(body),
  })
}

const formFields = (email: string) => [
  { id: 'email', value: email },
  { id: 'password', value: 'password1' },
]

describe('mock backend in Chromium (service worker)', () => {
  it('signs up in cookie mode and calls the protected endpoint with the emulated httpOnly cookies', async () => {
    const signUp = await post(
      '/signup',
      { formFields: formFields('ada@example.com'), shouldTryLinkingWithSessionUser: false },
      'cookie',
    )
    expect(signUp.status).toBe(200)
    const body = await signUp.json()
    expect(body.status).toBe('OK')
    const front = readFrontTokenHeader(signUp.headers.get('front-token'))
    expect(front?.uid).toBe(body.user.id)
    // A service worker cannot set cookies, and script cannot write HttpOnly ones: the mock keeps them itself.
    expect(document.cookie).not.toContain('sAccessToken')
    expect(backend.cookies.get('sAccessToken')).toBeTruthy()

    const me = await fetch(`${API}/api/me`, { credentials: 'include', headers: { 'st-auth-mode': 'cookie' } })
    expect(me.status).toBe(200)
    expect(await me.json()).toEqual({ userId: body.user.id, email: 'ada@example.com', verified: false })

    const omitted = await fetch(`${API}/api/me`, { credentials: 'omit' })
    expect(omitted.status).toBe(401)

    backend.controls.expireAccessTokens()
    expect((await fetch(`${API}/api/me`, { credentials: 'include' })).status).toBe(401)
    const refreshed = await fetch(`${API}/auth/session/refresh`, {
      method: 'POST',
      credentials: 'include',
      headers: { rid: 'session', 'st-auth-mode': 'cookie' },
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.headers.get('front-token')).toBeTruthy()
    expect((await fetch(`${API}/api/me`, { credentials: 'include' })).status).toBe(200)
  })

  it('works in header mode with the Authorization header', async () => {
    const signUp = await post('/signup', { formFields: formFields('bob@example.com') }, 'header')
    const access = signUp.headers.get('st-access-token')
    expect(access).toBeTruthy()
    const me = await fetch(`${API}/api/me`, {
      credentials: 'include',
      headers: { 'st-auth-mode': 'header', Authorization: `Bearer ${access}` },
    })
    expect((await me.json()).email).toBe('bob@example.com')
  })

  it('persists to localStorage so a reloaded page finds its users and session', async () => {
    const reloaded = createMockBackend({
      apiDomain: API,
      persistence: { storage: localStorage, key: 'authfront-mock-browser-test' },
    })
    expect(reloaded.users.get('ada@example.com')).toBeDefined()
    expect(reloaded.cookies.get('sAccessToken')).toBe(backend.cookies.get('sAccessToken'))
  })

  it('the wrong-environment module names the browser entry', async () => {
    await expect(import('../../src/mock/wrongEnv')).rejects.toThrow(
      'authfront/mock/node is for Node; in a browser use authfront/mock/browser (startMockBackend).',
    )
  })
})
