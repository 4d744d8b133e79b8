import { afterEach, expect, test, vi } from 'vitest'
import { createAuthClient, createMemoryBroadcastHub, createMemoryLock, createPlatform } from 'authfront'

const g = globalThis as Record<string, unknown>
afterEach(() => {
  delete g.document
  delete g.window
  vi.unstubAllGlobals()
})

test('server defaults: memory cookies and storage, no broadcast, in-memory lock', async () => {
  const platform = createPlatform()
  expect(platform.isServer).toBe(true)
  platform.cookies.write('a', '1', Number.MAX_SAFE_INTEGER)
  expect(platform.cookies.read()).toBe('a=1')
  expect(platform.broadcast('x')).toBeUndefined()
  expect(await platform.lock.request('l', async () => 42)).toBe(42)
})

test('browser cookie jar marks cookies Secure on https pages only', () => {
  const writes: string[] = []
  g.window = g
  g.document = {
    get cookie() {
      return ''
    },
    set cookie(value: string) {
      writes.push(value)
    },
  }
  for (const protocol of ['https:', 'http:']) {
    vi.stubGlobal('location', { hostname: 'app.example.com', origin: `${protocol}//app.example.com`, protocol })
    createPlatform().cookies.write('st-access-token', 'token', 253402300799000)
  }
  expect(writes).toEqual([
    'st-access-token=token;expires=Fri, 31 Dec 9999 23:59:59 GMT;path=/;samesite=lax;secure',
    'st-access-token=token;expires=Fri, 31 Dec 9999 23:59:59 GMT;path=/;samesite=lax',
  ])
})

test('browser cookie jar writes the attributes of the official SDK (path, samesite, far-future expiry, domain)', () => {
  const writes: string[] = []
  g.window = g
  g.document = {
    get cookie() {
      return 'sFrontToken=abc; other=1'
    },
    set cookie(value: string) {
      writes.push(value)
    },
  }
  vi.stubGlobal('location', { hostname: 'app.example.com', origin: 'https://app.example.com' })
  const platform = createPlatform({}, { cookieDomain: '.example.com' })
  expect(platform.isServer).toBe(false)
  expect(platform.cookies.read()).toBe('sFrontToken=abc; other=1')
  expect(platform.origin()).toBe('https://app.example.com')
  platform.cookies.write('sFrontToken', 'xyz', 253402300799000)
  platform.cookies.write('sAntiCsrf', undefined, 0)
  expect(writes).toEqual([
    'sFrontToken=xyz;expires=Fri, 31 Dec 9999 23:59:59 GMT;domain=.example.com;path=/;samesite=lax',
    'sAntiCsrf=;expires=Thu, 01 Jan 1970 00:00:00 GMT;domain=.example.com;path=/;samesite=lax',
  ])
  // The page's own hostname (or localhost) means host-only cookies (supertokens-website#25).
  const hostOnly = createPlatform({}, { cookieDomain: 'app.example.com' })
  hostOnly.cookies.write('a', 'b', 0)
  expect(writes.at(-1)).not.toContain('domain=')
})

test('isInIframe: the client writes its frontend cookies SameSite=None; Secure (cross-site iframes drop Lax)', async () => {
  const writes: string[] = []
  g.window = g
  g.document = {
    get cookie() {
      return ''
    },
    set cookie(value: string) {
      writes.push(value)
    },
  }
  vi.stubGlobal('location', {
    hostname: 'widget.example.com',
    origin: 'https://widget.example.com',
    protocol: 'https:',
  })
  const refresh401 = async () => new Response('{}', { status: 401, headers: { 'front-token': 'remove' } })
  for (const isInIframe of [true, false]) {
    writes.length = 0
    const client = createAuthClient({
      apiDomain: 'https://api.example.com',
      isInIframe,
      platform: { fetch: refresh401 },
    })
    expect(await client.session.exists()).toBe(false)
    expect(writes.length).toBeGreaterThan(0)
    for (const write of writes) {
      expect(write).toMatch(isInIframe ? /;path=\/;samesite=none;secure$/ : /;path=\/;samesite=lax;secure$/)
    }
  }
})

test('browser broadcast uses BroadcastChannel: another port hears the message, the sender does not', async () => {
  g.window = g
  g.document = { cookie: '' }
  const a = createPlatform().broadcast('authfront-test')!
  const b = createPlatform().broadcast('authfront-test')!
  const heardA = vi.fn()
  const heardB = vi.fn()
  a.subscribe(heardA)
  const off = b.subscribe(heardB)
  a.post({ type: 'changed' })
  await vi.waitFor(() => expect(heardB).toHaveBeenCalledWith({ type: 'changed' }))
  expect(heardA).not.toHaveBeenCalled()
  off()
  a.close()
  b.close()
})

test('Web Locks are used when navigator.locks exists', async () => {
  const request = vi.fn((_name: string, fn: () => Promise<unknown>) => fn())
  vi.stubGlobal('navigator', { locks: { request } })
  const platform = createPlatform()
  expect(await platform.lock.request('authfront-refresh-session', async () => 'ok')).toBe('ok')
  expect(request).toHaveBeenCalledWith('authfront-refresh-session', expect.any(Function))
})

test('the memory lock runs same-name critical sections one at a time, and survives a throwing holder', async () => {
  const lock = createMemoryLock()
  const order: string[] = []
  let release: () => void = () => {}
  const first = lock.request('x', async () => {
    order.push('first:start')
    await new Promise<void>((resolve) => (release = resolve))
    order.push('first:end')
    throw new Error('boom')
  })
  const second = lock.request('x', async () => {
    order.push('second')
  })
  const other = lock.request('y', async () => {
    order.push('other')
  })
  await other
  expect(order).toEqual(['first:start', 'other'])
  release()
  await expect(first).rejects.toThrow('boom')
  await second
  expect(order).toEqual(['first:start', 'other', 'first:end', 'second'])
})

test('memory broadcast hub: ports hear each other asynchronously, never themselves; close detaches', async () => {
  const hub = createMemoryBroadcastHub()
  const a = hub.open('c')
  const b = hub.open('c')
  const seen: unknown[] = []
  b.subscribe((m) => seen.push(m))
  a.subscribe(() => seen.push('self'))
  a.post(1)
  expect(seen).toEqual([])
  await Promise.resolve()
  expect(seen).toEqual([1])
  b.close()
  a.post(2)
  await Promise.resolve()
  expect(seen).toEqual([1])
})
