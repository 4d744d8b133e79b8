import { describe, expect, it, vi } from 'vitest'
import { call, form, front, installServer } from './helpers'

const { useBackend } = installServer()
const seed = { users: [{ email: 'ada@example.com', password: 'password1' }] }

describe('controls', () => {
  it('failNext answers an express 500 page once, then recovers', async () => {
    const backend = useBackend(seed)
    backend.controls.failNext()
    const failed = await call('/signin', { body: form('ada@example.com', 'password1') })
    expect(failed.status).toBe(500)
    expect(failed.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await failed.text()).toContain('<pre>Internal Server Error</pre>')
    expect(backend.sessions.list()).toEqual([])
    expect((await call('/signin', { body: form('ada@example.com', 'password1') })).status).toBe(200)
  })

  it('failNext matches a path, counts, and sends custom bodies', async () => {
    const backend = useBackend(seed)
    backend.sessions.create('ada@example.com')
    backend.controls.failNext({
      match: '/session/refresh',
      times: 2,
      status: 200,
      body: { status: 'GENERAL_ERROR', message: 'boom' },
    })
    expect(backend.controls.pendingFaults()).toBe(2)
    expect((await call('/api/me')).status).toBe(200)
    for (let i = 0; i < 2; i++) {
      const res = await call('/session/refresh', { method: 'POST' })
      expect(await res.json()).toEqual({ status: 'GENERAL_ERROR', message: 'boom' })
    }
    expect((await call('/session/refresh', { method: 'POST' })).status).toBe(200)
    expect(backend.controls.pendingFaults()).toBe(0)
  })

  it('networkErrorNext makes fetch reject', async () => {
    const backend = useBackend(seed)
    backend.controls.networkErrorNext({ match: /signin$/, method: 'POST' })
    await expect(call('/signin', { body: form('ada@example.com', 'password1') })).rejects.toThrow(TypeError)
    expect((await call('/signin', { body: form('ada@example.com', 'password1') })).status).toBe(200)
  })

  it('delayNext and setLatency hold responses (fake timers)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const backend = useBackend(seed)
      backend.controls.delayNext(5000)
      let settled = false
      const pending = call('/signup/email/exists?email=a%40b.co').then((res) => {
        settled = true
        return res
      })
      await vi.advanceTimersByTimeAsync(4900)
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(200)
      expect((await pending).status).toBe(200)

      backend.controls.setLatency(1000)
      settled = false
      const slow = call('/signup/email/exists?email=a%40b.co').then(() => (settled = true))
      await vi.advanceTimersByTimeAsync(900)
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(200)
      await slow
      expect(settled).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('hangNext never answers until the request is aborted', async () => {
    const backend = useBackend(seed)
    backend.controls.hangNext()
    const abort = new AbortController()
    const pending = fetch('http://localhost:3001/auth/signup/email/exists?email=a%40b.co', { signal: abort.signal })
    let settled = false
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    )
    // The fault is consumed once the request reached the backend; it must still be pending then.
    await vi.waitFor(() => expect(backend.controls.pendingFaults()).toBe(0))
    await Promise.resolve()
    expect(settled).toBe(false)
    abort.abort()
    await expect(pending).rejects.toThrow()
  })

  it('expireAccessTokens makes issued tokens answer try-refresh while their ate is unchanged (case 7)', async () => {
    const backend = useBackend(seed)
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1') })
    backend.controls.expireAccessTokens()
    const res = await call('/api/me')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'try refresh token' })
    expect(front(signIn)!.ate).toBeGreaterThan(Date.now())
    expect((await call('/session/refresh', { method: 'POST' })).status).toBe(200)
    expect((await call('/api/me')).status).toBe(200)
  })

  it('revokeAllSessions + expireAccessTokens ends sessions at the next refresh (case 10)', async () => {
    const backend = useBackend(seed)
    backend.sessions.create('ada@example.com')
    backend.controls.revokeAllSessions()
    backend.controls.expireAccessTokens()
    expect((await call('/api/me')).status).toBe(401)
    const res = await call('/session/refresh', { method: 'POST' })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'unauthorised' })
    expect(res.headers.get('front-token')).toBe('remove')
  })

  it('stripExposeHeaders and dropFrontTokenOnRefresh break the headers clients rely on (case 18)', async () => {
    const backend = useBackend(seed)
    backend.sessions.create('ada@example.com')
    backend.controls.stripExposeHeaders()
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1') })
    expect(signIn.headers.get('front-token')).toBeTruthy()
    expect(signIn.headers.get('access-control-expose-headers')).toBeNull()
    backend.controls.stripExposeHeaders(false)
    backend.controls.dropFrontTokenOnRefresh()
    const refreshed = await call('/session/refresh', { method: 'POST' })
    expect(refreshed.status).toBe(200)
    expect(await refreshed.text()).toBe('{}')
    expect(refreshed.headers.get('front-token')).toBeNull()
    expect(refreshed.headers.get('access-control-expose-headers')).toBeNull()
    expect(refreshed.headers.getSetCookie()).toHaveLength(2)
  })

  it('reset() undoes every control', async () => {
    const backend = useBackend({ ...seed, latencyMs: 0 })
    backend.controls.failNext({ times: 5 })
    backend.controls.stripExposeHeaders()
    backend.controls.dropFrontTokenOnRefresh()
    backend.controls.setLatency(60_000)
    backend.controls.reset()
    expect(backend.controls.pendingFaults()).toBe(0)
    const signIn = await call('/signin', { body: form('ada@example.com', 'password1') })
    expect(signIn.headers.get('access-control-expose-headers')).toBe('front-token')
    const refreshed = await call('/session/refresh', { method: 'POST' })
    expect(refreshed.headers.get('front-token')).toBeTruthy()
  })

  it('backend.reset() returns to the seeded state', async () => {
    const backend = useBackend(seed)
    await call('/signup', { body: form('bob@example.com', 'password1') })
    backend.controls.failNext()
    backend.reset()
    expect(backend.users.list().map((user) => user.email)).toEqual(['ada@example.com'])
    expect(backend.sessions.list()).toEqual([])
    expect(backend.cookies.list()).toEqual([])
    expect((await call('/api/me')).status).toBe(401)
  })
})
