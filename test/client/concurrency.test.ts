import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createMemoryLock, encodeFrontToken } from 'authfront'
import { createFakeClock, createTab, createTestBackend, freshApiDomain } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const ADA = { email: 'ada@example.com', password: 'secret123', id: 'uid-ada', verified: true }

async function signedIn(mode: 'cookie' | 'header' = 'cookie') {
  const clock = createFakeClock()
  const backend = createTestBackend({ apiDomain: freshApiDomain(), clock, users: [ADA] })
  server.use(...backend.handlers)
  const lock = createMemoryLock()
  const tab = createTab(clock, { apiDomain: backend.apiDomain, tokenTransferMethod: mode }, { lock })
  await tab.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })
  backend.requests.length = 0
  tab.events.length = 0
  return { clock, backend, tab, lock, api: (p: string) => backend.apiDomain + p }
}

test.each(['cookie', 'header'] as const)(
  '%s: a storm of 50 concurrent 401s makes exactly one refresh',
  async (mode) => {
    const { clock, backend, tab, api } = await signedIn(mode)
    clock.advance(1000)
    backend.expireAccessTokens()
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => tab.client.doFetch(api(`/api/protected?i=${i}`))),
    )
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(backend.calls('/auth/session/refresh')).toHaveLength(1)
    // Each request: the 401 and exactly one retry.
    expect(backend.calls('/api/protected')).toHaveLength(100)
    expect(tab.eventTypes().filter((t) => t === 'REFRESH_SESSION')).toHaveLength(1)
  },
)

test('a request whose 401 arrives after the refresh finished retries without refreshing again (stamp changed)', async () => {
  const { clock, backend, tab, api } = await signedIn()
  clock.advance(1000)
  backend.expireAccessTokens()
  let releaseSlow: () => void = () => {}
  const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve))
  let slowCalls = 0
  server.use(
    http.get(api('/api/slow'), async () => {
      slowCalls++
      if (slowCalls === 1) {
        await slowGate
        return HttpResponse.json({ message: 'try refresh token' }, { status: 401 })
      }
      return HttpResponse.json({ ok: true })
    }),
  )
  const slow = tab.client.doFetch(api('/api/slow'))
  expect((await tab.client.doFetch(api('/api/protected'))).status).toBe(200)
  expect(backend.calls('/auth/session/refresh')).toHaveLength(1)
  releaseSlow()
  expect((await slow).status).toBe(200)
  expect(slowCalls).toBe(2)
  expect(backend.calls('/auth/session/refresh')).toHaveLength(1)
})

test('two tabs without a shared lock (different subdomains) still coalesce through the stamp', async () => {
  const { clock, backend, tab, api } = await signedIn()
  const other = createTab(clock, { apiDomain: backend.apiDomain }, { cookies: tab.cookies, lock: createMemoryLock() })
  let gate: () => void = () => {}
  const gated = new Promise<void>((resolve) => (gate = resolve))
  server.use(
    http.get(
      api('/api/old'),
      async () => {
        await gated
        return HttpResponse.json({ message: 'try refresh token' }, { status: 401 })
      },
      { once: true },
    ),
    http.get(api('/api/old'), () => HttpResponse.json({ ok: true })),
  )
  // The other tab's request leaves with the old token; its 401 arrives after this tab refreshed.
  const pending = other.client.doFetch(api('/api/old'))
  clock.advance(1000)
  backend.expireAccessTokens()
  expect((await tab.client.doFetch(api('/api/protected'))).status).toBe(200)
  gate()
  expect((await pending).status).toBe(200)
  expect(backend.calls('/auth/session/refresh')).toHaveLength(1)
  expect(other.events).toEqual([])
})

test('a response of a session replaced while in flight does not overwrite the new session', async () => {
  const { backend, tab, api } = await signedIn('header')
  let gate: () => void = () => {}
  const gated = new Promise<void>((resolve) => (gate = resolve))
  const oldSession = backend.sessions.get('h1')!
  // An API that updates the (old) session's payload, answering late.
  server.use(
    http.post(api('/api/late'), async () => {
      await gated
      return HttpResponse.json(
        { ok: true },
        {
          headers: {
            'front-token': encodeFrontToken({
              uid: ADA.id,
              ate: oldSession.ate,
              up: { ...oldSession.payload, late: true },
            }),
            'st-access-token': 'at.h1.99',
          },
        },
      )
    }),
  )
  const late = tab.client.doFetch(api('/api/late'), { method: 'POST' })
  await tab.client.session.signOut()
  await tab.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })
  const newToken = tab.cookies.cookies.get('st-access-token')
  const newPayload = await tab.client.session.getAccessTokenPayload()
  expect(newPayload.sessionHandle).toBe('h2')
  tab.events.length = 0
  gate()
  expect((await late).status).toBe(200)
  expect(tab.cookies.cookies.get('st-access-token')).toBe(newToken)
  expect(await tab.client.session.getAccessTokenPayload()).toEqual(newPayload)
  expect(tab.events).toEqual([])
  expect(tab.client.store.getState().accessTokenPayload).toEqual(newPayload)
})

test('a late clearing 401 from before a sign-in does not sign the new session out', async () => {
  const { backend, tab, api } = await signedIn('header')
  await tab.client.session.signOut()
  let gate: () => void = () => {}
  const gated = new Promise<void>((resolve) => (gate = resolve))
  let calls = 0
  server.use(
    http.get(api('/api/old-clearing'), async () => {
      calls++
      if (calls > 1) return HttpResponse.json({ ok: true })
      await gated
      return HttpResponse.json({ message: 'unauthorised' }, { status: 401, headers: { 'front-token': 'remove' } })
    }),
  )
  const pending = tab.client.doFetch(api('/api/old-clearing'))
  await tab.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })
  gate()
  const response = await pending
  expect(await tab.client.session.exists()).toBe(true)
  expect(tab.client.store.getState().status).toBe('signedIn')
  // The request was retried with the new session instead of ending it.
  expect(response.status).toBe(200)
  expect(backend.calls('/auth/session/refresh')).toHaveLength(0)
})

test('Request inputs: the body is replayed on the retry and the caller Request stays unread', async () => {
  const { clock, backend, tab, api } = await signedIn()
  clock.advance(1000)
  backend.expireAccessTokens()
  let bodies: string[] = []
  server.use(
    http.post(api('/api/echo-protected'), async ({ request }) => {
      bodies.push(await request.text())
      if (bodies.length === 1) return HttpResponse.json({ message: 'try refresh token' }, { status: 401 })
      return HttpResponse.json({ ok: true })
    }),
  )
  const request = new Request(api('/api/echo-protected'), {
    method: 'POST',
    body: JSON.stringify({ hello: 'world' }),
    headers: { 'content-type': 'application/json', 'x-custom': 'kept' },
  })
  const response = await tab.client.doFetch(request)
  expect(response.status).toBe(200)
  expect(bodies).toEqual(['{"hello":"world"}', '{"hello":"world"}'])
  expect(request.bodyUsed).toBe(false)
  bodies = []
  // init overrides still apply to Request inputs, like fetch.
  const second = await tab.client.doFetch(new Request(api('/api/echo'), { method: 'POST', body: 'x' }))
  expect(await second.json()).toEqual({ body: 'x' })
})

test('URL inputs are intercepted like strings', async () => {
  const { backend, tab, api } = await signedIn()
  const response = await tab.client.doFetch(new URL(api('/api/protected')))
  expect(response.status).toBe(200)
  expect(backend.requests[0]!.headers['st-auth-mode']).toBe('cookie')
})
