import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupServer } from 'msw/node'
import { createMockBackend } from 'authfront/mock'
import type { MockBackend } from 'authfront/mock'
import { createSessionVerifier } from 'authfront/server'

const API = 'http://localhost:3001'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

function useBackend(): MockBackend {
  const backend = createMockBackend({
    apiDomain: API,
    cookieJar: false,
    users: [{ email: 'ada@example.com', password: 'password1' }],
  })
  server.resetHandlers(...backend.handlers)
  return backend
}

/** Signs in over the wire as the client does, in the given transfer method. */
async function signIn(mode: 'cookie' | 'header') {
  const response = await fetch(`${API}/auth/signin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', rid: 'emailpassword', 'st-auth-mode': mode },
    body: JSON.stringify({
      formFields: [
        { id: 'email', value: 'ada@example.com' },
        { id: 'password', value: 'password1' },
      ],
    }),
  })
  expect(response.status).toBe(200)
  const body = (await response.json()) as { user: { id: string } }
  return { response, userId: body.user.id }
}

describe('authfront/server against the mock backend', () => {
  it('verifies the access token the mock issues at sign-in, in cookie and header mode, with the keys it serves', async () => {
    useBackend()
    const sessions = createSessionVerifier({ apiDomain: API })

    const cookie = await signIn('cookie')
    const setCookie = cookie.response.headers.getSetCookie().find((line) => line.startsWith('sAccessToken='))!
    const cookieHeader = setCookie.split(';')[0]!
    expect(await sessions.verifySession({ cookie: cookieHeader })).toMatchObject({
      status: 'OK',
      userId: cookie.userId,
      tenantId: 'public',
      transferMethod: 'cookie',
    })

    const header = await signIn('header')
    const token = header.response.headers.get('st-access-token')!
    const result = await sessions.verifySession(new Headers({ authorization: `Bearer ${token}` }))
    expect(result).toMatchObject({ status: 'OK', userId: header.userId, transferMethod: 'header' })
  })

  it('answers TRY_REFRESH for the mock expired token, SIGNED_OUT for a tampered one and for the front token', async () => {
    const backend = useBackend()
    const sessions = createSessionVerifier({ apiDomain: API })
    const expired = backend.sessions.create('ada@example.com', { expired: true, storeCookies: false })
    expect(await sessions.verifySession({ cookie: `sAccessToken=${expired.accessToken}` })).toEqual({
      status: 'TRY_REFRESH',
    })

    const { response } = await signIn('header')
    const [head, payload, signature] = response.headers.get('st-access-token')!.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')
    expect(await sessions.verifySession({ authorization: `Bearer ${head}.${forged}.${signature}` })).toMatchObject({
      status: 'SIGNED_OUT',
    })
    const frontToken = response.headers.get('front-token')!
    expect(await sessions.verifySession({ cookie: `sFrontToken=${frontToken}` })).toEqual({
      status: 'SIGNED_OUT',
      reason: 'NO_TOKEN',
    })
  })
})
