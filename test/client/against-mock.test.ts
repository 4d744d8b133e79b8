/**
 * The client against the project's mock backend (authfront/mock): an integration check that both sides of the
 * protocol agree, on top of the purpose-built handlers of the other client tests.
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { createMockBackend } from 'authfront/mock'
import type { TokenTransferMethod } from 'authfront'
import { createFakeClock, createTab } from './helpers'

const API = 'http://mock-api.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function setup(mode: TokenTransferMethod, emailVerification: 'off' | 'required' = 'off') {
  const clock = createFakeClock(Date.now())
  const backend = createMockBackend({ apiDomain: API, now: clock.now, emailVerification })
  const paths: string[] = []
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
  )
  const tab = createTab(clock, { apiDomain: API, tokenTransferMethod: mode, emailVerification })
  return { clock, backend, tab, paths }
}

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('sign-up → protected call → expiry → refresh → sign-out', async () => {
    const { clock, backend, tab, paths } = setup(mode)
    const signUp = await tab.client.emailPassword.signUp({ email: 'ada@example.com', password: 'password1' })
    expect(signUp.status).toBe('OK')
    const userId = signUp.status === 'OK' ? signUp.user.id : ''
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED'])
    expect(tab.client.store.getState()).toMatchObject({ status: 'signedIn', userId })

    const first = await tab.client.doFetch(`${API}/api/orders`)
    expect(await first.json()).toEqual({ userId })

    // Server-side expiry the client cannot know about: 401 → refresh → retry.
    backend.controls.expireAccessTokens()
    paths.length = 0
    const second = await tab.client.doFetch(`${API}/api/orders`)
    expect(second.status).toBe(200)
    expect(paths).toEqual(['GET /api/orders', 'POST /auth/session/refresh', 'GET /api/orders'])

    // Expiry the client knows about: refresh first.
    clock.advance(2 * 3_600_000)
    paths.length = 0
    tab.events.length = 0
    const third = await tab.client.doFetch(`${API}/api/orders`)
    expect(third.status).toBe(200)
    expect(paths).toEqual(['POST /auth/session/refresh', 'GET /api/orders'])
    expect(tab.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])

    paths.length = 0
    tab.events.length = 0
    await tab.client.session.signOut()
    expect(paths).toEqual(['POST /auth/signout'])
    expect(tab.eventTypes()).toEqual(['SIGN_OUT'])
    expect(await tab.client.session.exists()).toBe(false)
    const after = await tab.client.doFetch(`${API}/api/orders`)
    expect(after.status).toBe(401)
  })

  test('20 concurrent 401s against the mock: one refresh, no theft detection', async () => {
    const { backend, tab, paths } = setup(mode)
    await tab.client.emailPassword.signUp({ email: 'storm@example.com', password: 'password1' })
    backend.controls.expireAccessTokens()
    paths.length = 0
    const responses = await Promise.all(Array.from({ length: 20 }, () => tab.client.doFetch(`${API}/api/orders`)))
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(paths.filter((p) => p === 'POST /auth/session/refresh')).toHaveLength(1)
  })
})

test('email verification (required) against the mock: claim, send, verify from the outbox', async () => {
  const { clock, backend, tab } = setup('cookie', 'required')
  await tab.client.emailPassword.signUp({ email: 'ev@example.com', password: 'password1' })
  clock.advance(11_000)
  expect((await tab.client.session.validateClaims()).map((e) => e.id)).toEqual(['st-ev'])
  expect(await tab.client.emailVerification.sendEmail()).toEqual({ status: 'OK' })
  const email = backend.outbox.latest({ to: 'ev@example.com', type: 'verify-email' })
  expect(email).toBeDefined()
  expect(await tab.client.emailVerification.verify(email!.token)).toEqual({ status: 'OK' })
  expect(await tab.client.emailVerification.isVerified()).toBe(true)
  expect(await tab.client.session.validateClaims()).toEqual([])
  expect(tab.client.store.getState().invalidClaims).toEqual([])
})

test('password reset against the mock', async () => {
  const { backend, tab } = setup('cookie')
  await tab.client.emailPassword.signUp({ email: 'pr@example.com', password: 'password1' })
  await tab.client.session.signOut()
  expect(await tab.client.emailPassword.emailExists('pr@example.com')).toBe(true)
  expect(await tab.client.emailPassword.sendPasswordResetEmail('pr@example.com')).toEqual({ status: 'OK' })
  const email = backend.outbox.latest({ type: 'reset-password' })
  expect(await tab.client.emailPassword.resetPassword({ token: email!.token, password: 'password2' })).toEqual({
    status: 'OK',
  })
  expect((await tab.client.emailPassword.signIn({ email: 'pr@example.com', password: 'password2' })).status).toBe('OK')
  expect(await tab.client.emailPassword.signIn({ email: 'pr@example.com', password: 'password1' })).toEqual({
    status: 'WRONG_CREDENTIALS_ERROR',
  })
})
