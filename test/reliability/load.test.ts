/**
 * Load: a burst of 1,000 concurrent calls through an expiry (real client over MSW against the mock backend), and
 * 10,000 sequential calls through a platform fetch stub (MSW costs ~1 ms per request on this machine, which would
 * make that test take tens of seconds; the stub keeps the client's own work as the thing measured) checking that
 * nothing accumulates: timers, abort listeners, store subscribers, event listeners.
 */
import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import {
  createAuthClient,
  createMemoryCookieJar,
  createMemoryLock,
  createMemoryStorage,
  encodeFrontToken,
  isAuthError,
} from 'authfront'
import type { AuthClient } from 'authfront'
import { createFakeClock } from '../client/helpers'
import { ADA, installServer, setup, watchUnhandledRejections } from './helpers'

const server = installServer()
watchUnhandledRejections()

const HOUR = 3_600_000

describe('1,000 concurrent calls', () => {
  it('through a server-side expiry (all 401): exactly one refresh, every call succeeds, no theft', async () => {
    const s = setup(server)
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    s.backend.controls.expireAccessTokens()
    s.mark()
    const responses = await Promise.all(Array.from({ length: 1000 }, () => s.client.doFetch(`${s.api}/api/me`)))
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1000)
    expect(s.count('/auth/session/refresh')).toBe(1)
    // Each call: its 401 and one retry.
    expect(s.count('/api/me')).toBe(2000)
    expect(s.eventTypes().filter((t) => t === 'REFRESH_SESSION')).toHaveLength(1)
    expect(s.eventTypes()).not.toContain('UNAUTHORISED')
    expect(s.backend.sessions.list().filter((session) => !session.revoked)).toHaveLength(1)
    expect(s.clock.pending).toBe(0)
  }, 60_000)

  it('through a known expiry (refresh before sending): one refresh, 1,000 calls, no 401 round trips', async () => {
    const s = setup(server)
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    s.clock.advance(HOUR + 1000)
    s.mark()
    const responses = await Promise.all(Array.from({ length: 1000 }, () => s.client.doFetch(`${s.api}/api/me`)))
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(s.count('/api/me')).toBe(1000)
    expect(s.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION'])
  }, 60_000)
})

describe('200 concurrent calls when the refresh fails', () => {
  it('revoked session: one refresh, one UNAUTHORISED, every caller gets the 401, nothing retried', async () => {
    const s = setup(server)
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    s.backend.controls.revokeAllSessions()
    s.backend.controls.expireAccessTokens()
    s.mark()
    const responses = await Promise.all(Array.from({ length: 200 }, () => s.client.doFetch(`${s.api}/api/me`)))
    expect(responses.every((r) => r.status === 401)).toBe(true)
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(s.count('/api/me')).toBe(200)
    expect(s.events.filter((e) => e.type === 'UNAUTHORISED' && e.sessionExpiredOrRevoked)).toHaveLength(1)
    expect(s.client.store.getState().status).toBe('signedOut')
  }, 60_000)

  it('network down during the refresh: one refresh, every caller rejects with AuthError network', async () => {
    const s = setup(server)
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    s.clock.advance(HOUR + 1000)
    s.backend.controls.networkErrorNext({ match: '/session/refresh' })
    s.mark()
    const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () => s.client.doFetch(`${s.api}/api/me`)))
    const kinds = outcomes.map((o) => (o.status === 'rejected' && isAuthError(o.reason) ? o.reason.kind : o.status))
    expect(new Set(kinds)).toEqual(new Set(['network']))
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(s.client.store.getState().status).toBe('signedIn')
  }, 60_000)
})

describe('200 concurrent calls through a known expiry when the refresh fails', () => {
  // Regression (fixed): a follower (a caller that waited on the in-flight refresh) got a session-expired outcome
  // without the refresh's response, so doFetch's "refresh before sending" branch fell through and sent the API
  // request without a session; its 401 ran the refresh procedure again and fired an extra UNAUTHORISED
  // { sessionExpiredOrRevoked: false }. Followers now behave like the leader (docs/PROTOCOL.md §7 case 10).
  it('revoked session: one refresh, no API call, exactly one UNAUTHORISED event', async () => {
    const s = setup(server)
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    s.backend.controls.revokeAllSessions()
    s.clock.advance(HOUR + 1000)
    s.mark()
    const responses = await Promise.all(Array.from({ length: 200 }, () => s.client.doFetch(`${s.api}/api/me`)))
    expect(responses.every((r) => r.status === 401)).toBe(true)
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(s.count('/api/me')).toBe(0)
    expect(s.events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }])
  }, 60_000)

  // Regression (fixed): followers returned the leader's outcome and doFetch returned its response as is, so every
  // concurrent caller received the SAME Response object; all but the first got "TypeError: Body is unusable: Body
  // has already been read". Each caller now gets its own clone; the shared original is never read.
  it('refresh answering 500: every caller gets a response whose body it can read', async () => {
    const s = setup(server)
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    s.clock.advance(HOUR + 1000)
    s.backend.controls.failNext({ match: '/session/refresh' })
    s.mark()
    const responses = await Promise.all(Array.from({ length: 3 }, () => s.client.doFetch(`${s.api}/api/me`)))
    expect(responses.map((r) => r.status)).toEqual([500, 500, 500])
    expect(s.count('/auth/session/refresh')).toBe(1)
    const bodies = await Promise.allSettled(responses.map((r) => r.text()))
    expect(bodies.map((b) => b.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled'])
  })

  it('refresh answering 500: one refresh, no API call, the session is kept', async () => {
    const s = setup(server)
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    s.clock.advance(HOUR + 1000)
    s.backend.controls.failNext({ match: '/session/refresh' })
    s.mark()
    const responses = await Promise.all(Array.from({ length: 200 }, () => s.client.doFetch(`${s.api}/api/me`)))
    expect(responses.every((r) => r.status === 500)).toBe(true)
    expect(s.paths).toEqual(['POST /auth/session/refresh'])
    expect(s.client.store.getState().status).toBe('signedIn')
  }, 60_000)

  it('frontend cookies wiped (MAY_EXIST): one probe refresh for 200 callers, all succeed', async () => {
    const s = setup(server)
    expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
    s.cookies.cookies.clear()
    s.mark()
    const responses = await Promise.all(Array.from({ length: 200 }, () => s.client.doFetch(`${s.api}/api/me`)))
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(s.count('/auth/session/refresh')).toBe(1)
    expect(s.eventTypes()).toEqual(['SESSION_CREATED', 'REFRESH_SESSION'])
  }, 60_000)
})

describe('10,000 sequential calls (platform fetch stub)', () => {
  function stubbedClient() {
    const api = 'http://stub-api.test'
    const clock = createFakeClock()
    const cookies = createMemoryCookieJar()
    let refreshes = 0
    let apiCalls = 0
    let generation = 0
    const frontToken = () =>
      encodeFrontToken({
        uid: 'user-1',
        ate: clock.now() + HOUR,
        up: { iat: Math.floor(clock.now() / 1000), sessionHandle: 'h1', gen: ++generation },
      })
    const fetchStub: typeof fetch = async (input) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      if (url === `${api}/auth/session/refresh`) {
        refreshes++
        return new Response('{}', { status: 200, headers: { 'front-token': frontToken() } })
      }
      apiCalls++
      return new Response('ok', { status: 200 })
    }
    cookies.write('sFrontToken', frontToken(), Infinity)
    cookies.write('st-last-access-token-update', String(clock.now()), Infinity)
    const client: AuthClient = createAuthClient({
      apiDomain: api,
      platform: {
        fetch: fetchStub,
        cookies,
        storage: createMemoryStorage(),
        lock: createMemoryLock(),
        broadcast: () => undefined,
        now: clock.now,
        setTimeout: clock.setTimeout,
        clearTimeout: clock.clearTimeout,
        origin: () => 'http://app.test',
        isServer: false,
      },
    })
    return { api, clock, client, counts: () => ({ refreshes, apiCalls }) }
  }

  /** Counts the store subscribers and event listeners that are currently open. */
  function trackSubscriptions(client: AuthClient) {
    let open = 0
    const track = (unsubscribe: () => void) => {
      open++
      let closed = false
      return () => {
        if (!closed) open--
        closed = true
        unsubscribe()
      }
    }
    const subscribe = client.store.subscribe.bind(client.store)
    client.store.subscribe = (listener) => track(subscribe(listener))
    const on = client.on.bind(client) as (type: never, listener: never) => () => void
    ;(client as { on: unknown }).on = (type: never, listener: never) => track(on(type, listener))
    return () => open
  }

  it('leave no timers, abort listeners, store subscribers or event listeners behind', async () => {
    const { api, clock, client, counts } = stubbedClient()
    const open = trackSubscriptions(client)
    const unmount = client.mount()
    await client.session.exists()
    const baseline = open()
    const controller = new AbortController()
    const processListeners = process.listenerCount('unhandledRejection')
    const storeWrites: number[] = []
    const unsubscribe = client.store.subscribe(() => storeWrites.push(1))
    for (let i = 0; i < 10_000; i++) {
      // An expiry every 1,000 calls, so the refresh path (with its timeout timer) runs too.
      if (i > 0 && i % 1000 === 0) clock.advance(HOUR + 1000)
      const response = await client.doFetch(`${api}/api/items/${i}`, { signal: controller.signal })
      expect(response.status).toBe(200)
    }
    unsubscribe()
    expect(counts()).toEqual({ refreshes: 9, apiCalls: 10_000 })
    // Timers: one refresh timeout per refresh, each cleared.
    expect(clock.scheduled).toBe(9)
    expect(clock.pending).toBe(0)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    expect(open()).toBe(baseline)
    expect(process.listenerCount('unhandledRejection')).toBe(processListeners)
    // The store is written only when the session changes (9 refreshes), not per call.
    expect(storeWrites.length).toBeLessThanOrEqual(9 * 2)
    unmount()
    expect(open()).toBe(0)
  }, 60_000)

  it('mount/unmount 1,000 times leaves nothing attached', async () => {
    const { client } = stubbedClient()
    const open = trackSubscriptions(client)
    for (let i = 0; i < 1000; i++) client.mount()()
    expect(open()).toBe(0)
  })
})
