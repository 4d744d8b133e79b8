import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { AuthError, createMemoryLock } from 'authfront'
import type { AuthEvent } from 'authfront'
import { createFakeClock, createTab, createTestBackend, freshApiDomain } from './helpers'
import type { TestClientOptions } from './helpers'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const ADA = { email: 'ada@example.com', password: 'secret123', id: 'uid-ada', verified: true }

function setup(client: TestClientOptions = {}) {
  const clock = createFakeClock()
  const backend = createTestBackend({ apiDomain: freshApiDomain(), clock, users: [ADA] })
  server.use(...backend.handlers)
  const tab = createTab(clock, { apiDomain: backend.apiDomain, ...client }, { lock: createMemoryLock() })
  const signIn = async () => {
    await tab.client.emailPassword.signIn({ email: ADA.email, password: ADA.password })
    backend.requests.length = 0
    tab.events.length = 0
  }
  return { clock, backend, tab, signIn, api: (p: string) => backend.apiDomain + p }
}

describe('session API', () => {
  test('getUserId / getAccessTokenPayload without a session reject with kind session', async () => {
    const { tab } = setup()
    tab.cookies.write('st-last-access-token-update', '1', 1e15)
    await expect(tab.client.session.getUserId()).rejects.toMatchObject({ kind: 'session' })
    await expect(tab.client.session.getAccessTokenPayload()).rejects.toBeInstanceOf(AuthError)
    expect(await tab.client.session.getAccessToken()).toBeUndefined()
  })

  test('getAccessTokenPayload refreshes first when the token is known to be expired', async () => {
    const { tab, backend, signIn, clock } = setup()
    await signIn()
    clock.advance(2 * 3_600_000)
    const payload = await tab.client.session.getAccessTokenPayload()
    expect(backend.requests.map((r) => r.path)).toEqual(['/auth/session/refresh'])
    expect(payload.exp).toBe(Math.floor((clock.now() + 3_600_000) / 1000))
  })

  test('getAccessTokenPayload rejects when the refresh ends the session', async () => {
    const { tab, backend, signIn, clock } = setup()
    await signIn()
    clock.advance(2 * 3_600_000)
    backend.revokeAll()
    await expect(tab.client.session.getAccessTokenPayload()).rejects.toMatchObject({ kind: 'session' })
    expect(tab.client.store.getState().status).toBe('signedOut')
  })

  test('getAccessToken: the raw token in header mode, undefined in cookie mode', async () => {
    const header = setup({ tokenTransferMethod: 'header' })
    await header.signIn()
    expect(await header.tab.client.session.getAccessToken()).toBe('at.h1.1')
    const cookie = setup()
    await cookie.signIn()
    expect(await cookie.tab.client.session.getAccessToken()).toBeUndefined()
  })

  test('refresh(): true after a successful refresh, false when the session ended, throws on network errors', async () => {
    const { tab, backend, signIn } = setup()
    await signIn()
    expect(await tab.client.session.refresh()).toBe(true)
    expect(tab.eventTypes()).toEqual(['REFRESH_SESSION'])
    backend.controls.refreshMode = 'network-error'
    const error = await tab.client.session.refresh().catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'network' })
    expect(tab.client.store.getState().error).toBe(error)
    // A network failure does not end the local session.
    expect(tab.client.store.getState().status).toBe('signedIn')
    backend.controls.refreshMode = 'ok'
    backend.revokeAll()
    expect(await tab.client.session.refresh()).toBe(false)
    expect(tab.client.store.getState().status).toBe('signedOut')
  })

  test('refresh 500: doFetch returns the refresh response (like the official client), store.error set', async () => {
    const { tab, backend, signIn, api, clock } = setup()
    await signIn()
    clock.advance(1000)
    backend.expireAccessTokens()
    backend.controls.refreshMode = 'server-error'
    const response = await tab.client.doFetch(api('/api/protected'))
    expect(response.status).toBe(500)
    expect(tab.client.store.getState().error).toMatchObject({ kind: 'server' })
    expect(await tab.client.session.exists()).toBe(true)
  })

  test('refresh network failure: doFetch rejects with kind network', async () => {
    const { tab, backend, signIn, api, clock } = setup()
    await signIn()
    clock.advance(1000)
    backend.expireAccessTokens()
    backend.controls.refreshMode = 'network-error'
    await expect(tab.client.doFetch(api('/api/protected'))).rejects.toMatchObject({ kind: 'network' })
  })

  test('an intercepted request that fails on the network rejects with kind network', async () => {
    const { tab, signIn, api } = setup()
    await signIn()
    server.use(http.get(api('/api/down'), () => HttpResponse.error()))
    const error = await tab.client.doFetch(api('/api/down')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).kind).toBe('network')
  })

  test('a malformed front-token on a refresh rejects with kind protocol and keeps the old session', async () => {
    const { tab, backend, signIn, api, clock } = setup()
    await signIn()
    clock.advance(1000)
    backend.expireAccessTokens()
    backend.controls.refreshMode = 'bad-front-token'
    await expect(tab.client.doFetch(api('/api/protected'))).rejects.toMatchObject({ kind: 'protocol' })
    expect(await tab.client.session.getUserId()).toBe(ADA.id)
  })

  test('a 401 from the refresh endpoint without clearing headers still ends the session (§4.3)', async () => {
    const { tab, signIn, api, clock } = setup()
    await signIn()
    clock.advance(2 * 3_600_000)
    server.use(
      http.post(api('/auth/session/refresh'), () => HttpResponse.json({ message: 'unauthorised' }, { status: 401 })),
    )
    expect(await tab.client.session.exists()).toBe(false)
    expect(tab.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }])
    expect(tab.cookies.cookies.has('sFrontToken')).toBe(false)
    expect(tab.client.store.getState().status).toBe('signedOut')
  })

  test('signOut: a 500 rejects with kind server; a 401 ends silently', async () => {
    const { tab, backend, signIn, api } = setup()
    await signIn()
    server.use(http.post(api('/auth/signout'), () => new HttpResponse('boom', { status: 500 }), { once: true }))
    await expect(tab.client.session.signOut()).rejects.toMatchObject({ kind: 'server' })
    backend.revokeAll()
    await expect(tab.client.session.signOut()).resolves.toBeUndefined()
    expect(tab.eventTypes()).toEqual(['UNAUTHORISED'])
    expect(tab.client.store.getState().status).toBe('signedOut')
  })

  test('signOut: GENERAL_ERROR rejects with kind server and the message', async () => {
    const { tab, signIn, api } = setup()
    await signIn()
    server.use(http.post(api('/auth/signout'), () => HttpResponse.json({ status: 'GENERAL_ERROR', message: 'Nope' })))
    await expect(tab.client.session.signOut()).rejects.toMatchObject({ kind: 'server', message: 'Nope' })
  })

  test('validateClaims: [] when email verification is off (no request), [] without a session', async () => {
    const { tab, backend, signIn } = setup()
    await signIn()
    expect(await tab.client.session.validateClaims()).toEqual([])
    const required = setup({ emailVerification: 'required' })
    required.tab.cookies.write('st-last-access-token-update', '1', 1e15)
    expect(await required.tab.client.session.validateClaims()).toEqual([])
    expect(backend.requests).toEqual([])
    expect(required.backend.requests).toEqual([])
  })

  test('validateClaims: concurrent calls share one claim refresh', async () => {
    const { tab, backend, signIn } = setup({ emailVerification: 'optional' })
    await signIn()
    // The verified user's token carries no st-ev yet: the claim must be fetched once.
    const [a, b] = await Promise.all([tab.client.session.validateClaims(), tab.client.session.validateClaims()])
    expect(a).toEqual([])
    expect(b).toEqual([])
    expect(backend.calls('/auth/user/email/verify')).toHaveLength(1)
  })

  test('validateClaims: app validators run after the built-in ones, refreshing first when they ask', async () => {
    let fresh = false
    const role = {
      id: 'st-role',
      shouldRefresh: () => !fresh,
      refresh: vi.fn(async () => {
        fresh = true
      }),
      validate: (payload: Record<string, unknown>) =>
        fresh && payload.sub !== undefined ? { isValid: true as const } : { isValid: false as const, reason: 'stale' },
    }
    const denied = { id: 'st-admin', validate: () => ({ isValid: false as const, reason: { message: 'not admin' } }) }
    const { tab, signIn } = setup({ emailVerification: 'optional', claimValidators: [role, denied] })
    await signIn()
    expect(tab.client.session.getClaimValidators().map((v) => v.id)).toEqual(['st-ev', 'st-role', 'st-admin'])
    expect(await tab.client.session.validateClaims()).toEqual([{ id: 'st-admin', reason: { message: 'not admin' } }])
    expect(role.refresh).toHaveBeenCalledTimes(1)
    expect(tab.client.store.getState().invalidClaims).toEqual([{ id: 'st-admin', reason: { message: 'not admin' } }])
    // A per-call choice answers the caller only: the store keeps what the global run found.
    expect(await tab.client.session.validateClaims({ validators: (globals) => globals.slice(0, 2) })).toEqual([])
    expect(tab.client.store.getState().invalidClaims).toHaveLength(1)
  })

  test('claimValidators: a validator without validate() fails at start-up, naming the fix', () => {
    expect(() => setup({ claimValidators: [{ id: 'x' } as never] })).toThrow(/claimValidators.*validate\(payload\)/)
  })

  test('MAY_EXIST probe that fails on the network: the request still goes out; exists() is false', async () => {
    const { tab, backend, api } = setup()
    backend.controls.refreshMode = 'network-error'
    // Its 401 needs a refresh, which also fails on the network: the caller gets kind network.
    await expect(tab.client.doFetch(api('/api/protected'))).rejects.toMatchObject({ kind: 'network' })
    expect(backend.requests.map((r) => r.path)).toEqual([
      '/auth/session/refresh',
      '/api/protected',
      '/auth/session/refresh',
    ])
    expect(await tab.client.session.exists()).toBe(false)
    expect(tab.client.store.getState().status).toBe('signedOut')
  })
})

describe('events and store', () => {
  test('store: loading → signedIn via exists(); payload and userId mirrored', async () => {
    const { tab, signIn } = setup()
    const statuses: string[] = []
    tab.client.store.subscribe((s) => statuses.push(s.status))
    await signIn()
    expect(statuses).toEqual(['signedIn'])
    expect(tab.client.store.getState()).toMatchObject({ userId: ADA.id, accessTokenPayload: { sub: ADA.id } })
  })

  test('on(type) / on("*") / config.onEvent deliver in order; unsubscribe works; a throwing listener is contained', async () => {
    const seen: string[] = []
    const { tab, signIn } = setup({ onEvent: (e) => seen.push(`config:${e.type}`) })
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const off = tab.client.on('SIGN_OUT', (e) => seen.push(`typed:${e.type}`))
    tab.client.on('*', () => {
      throw new Error('listener bug')
    })
    await signIn()
    seen.length = 0
    await tab.client.session.signOut()
    expect(seen).toEqual(['config:SIGN_OUT', 'typed:SIGN_OUT'])
    expect(error).toHaveBeenCalled()
    off()
    seen.length = 0
    await tab.client.session.signOut()
    expect(seen).toEqual(['config:SIGN_OUT'])
    error.mockRestore()
  })

  test('UNAUTHORISED clears the store and invalidClaims', async () => {
    const { tab, backend, signIn, api, clock } = setup()
    await signIn()
    tab.client.store.setState({ invalidClaims: [{ id: 'st-ev' }] })
    clock.advance(1000)
    backend.expireAccessTokens()
    backend.revokeAll()
    const events: AuthEvent[] = []
    tab.client.on('UNAUTHORISED', (e) => events.push(e))
    await tab.client.doFetch(api('/api/protected'))
    expect(events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }])
    expect(tab.client.store.getState()).toMatchObject({ status: 'signedOut', invalidClaims: [], userId: undefined })
  })
})
