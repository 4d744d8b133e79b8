import { describe, expect, it } from 'vitest'
import * as mockEntry from 'authfront/mock'
import * as clientEntry from 'authfront'
import {
  createMockBackend,
  createTestCookieJar,
  readFrontTokenHeader,
  startSignedIn,
  startSignedOut,
  startUnverified,
  startWithExpiredAccessToken,
} from 'authfront/mock'
import type { MockStorage } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'
import { startMockBackend } from 'authfront/mock/browser'
import { call, form, installServer } from './helpers'

const { server, useBackend } = installServer()
const seed = { users: [{ email: 'ada@example.com', password: 'password1' }] }

describe('test kit', () => {
  it('startSignedIn (cookie mode) writes the frontend markers and makes MSW requests carry the session', async () => {
    const backend = useBackend(seed)
    const jar = createTestCookieJar()
    const { user, session } = startSignedIn(backend, { cookies: jar })
    expect(user.email).toBe('ada@example.com')
    expect(jar.get('sFrontToken')).toBe(session.frontToken)
    expect(Number(jar.get('st-last-access-token-update'))).toBeGreaterThan(0)
    expect(jar.get('st-access-token')).toBeUndefined()
    expect(readFrontTokenHeader(jar.get('sFrontToken'))?.uid).toBe(user.id)
    expect(jar.read()).toMatch(/^sFrontToken=[^;]+; st-last-access-token-update=\d+$/)
    const me = await call('/api/me')
    expect(await me.json()).toEqual({ userId: user.id, email: 'ada@example.com', verified: false })
  })

  it('startSignedIn (header mode) hands out the st-* tokens for the Authorization header', async () => {
    const backend = useBackend(seed)
    const jar = createTestCookieJar()
    const { session } = startSignedIn(backend, { cookies: jar, transferMethod: 'header' })
    expect(backend.cookies.list()).toEqual([])
    expect(jar.get('st-access-token')).toBe(session.accessToken)
    expect(jar.get('st-refresh-token')).toBe(session.refreshToken)
    expect((await call('/api/me', { mode: 'header' })).status).toBe(401)
    const me = await call('/api/me', {
      mode: 'header',
      headers: { Authorization: `Bearer ${jar.get('st-access-token')}` },
    })
    expect(me.status).toBe(200)
  })

  it('creates a user when there is none, or the one named', () => {
    const backend = useBackend()
    expect(startSignedIn(backend, { cookies: 'none' }).user.email).toBe('test@example.com')
    expect(startSignedIn(backend, { cookies: 'none', email: 'bob@example.com' }).user.email).toBe('bob@example.com')
    expect(backend.users.list()).toHaveLength(2)
  })

  it('startWithExpiredAccessToken: ate is past, the API says try-refresh, refresh works', async () => {
    const backend = useBackend(seed)
    const jar = createTestCookieJar()
    const { session } = startWithExpiredAccessToken(backend, { cookies: jar })
    expect(session.accessTokenExpiresAt).toBeLessThan(Date.now())
    expect(readFrontTokenHeader(jar.get('sFrontToken'))!.ate).toBeLessThan(Date.now())
    expect(await (await call('/api/me')).json()).toEqual({ message: 'try refresh token' })
    expect((await call('/session/refresh', { method: 'POST' })).status).toBe(200)
    expect((await call('/api/me')).status).toBe(200)
  })

  it('startUnverified: st-ev false and the protected API answers 403', async () => {
    const backend = useBackend({
      users: [{ email: 'ada@example.com', password: 'password1', verified: true }],
      emailVerification: 'required',
    })
    const { session } = startUnverified(backend, { cookies: 'none' })
    expect(session.accessTokenPayload['st-ev']).toMatchObject({ v: false })
    expect((await call('/api/me')).status).toBe(403)
    expect(() => startUnverified(useBackend(seed))).toThrow(/emailVerification/)
  })

  it('startSignedOut leaves the "signed out" marker (or none with fresh) and forgets the httpOnly cookies', async () => {
    const backend = useBackend(seed)
    const jar = createTestCookieJar()
    startSignedIn(backend, { cookies: jar })
    startSignedOut(backend, { cookies: jar })
    expect(jar.get('sFrontToken')).toBeUndefined()
    expect(jar.get('st-last-access-token-update')).toBeTruthy()
    expect((await call('/api/me')).status).toBe(401)
    startSignedOut(backend, { cookies: jar, fresh: true })
    expect(jar.read()).toBe('')
  })
})

describe('persistence', () => {
  it('survives a "reload": a second backend on the same storage keeps users, sessions and cookies', async () => {
    const data = new Map<string, string>()
    const storage: MockStorage = {
      getItem: (key) => data.get(key) ?? null,
      setItem: (key, value) => void data.set(key, value),
      removeItem: (key) => void data.delete(key),
    }
    const first = useBackend({ persistence: { storage, key: 'demo' } })
    await call('/signup', { body: form('ada@example.com', 'password1') })
    expect(data.has('demo')).toBe(true)
    expect(data.get('demo')).not.toContain('password1')

    const second = useBackend({ persistence: { storage, key: 'demo' } })
    expect(second.users.get('ada@example.com')).toBeDefined()
    expect((await call('/api/me')).status).toBe(200)
    expect((await (await call('/signin', { body: form('ada@example.com', 'password1') })).json()).status).toBe('OK')
    second.reset()
    expect(first.users).not.toBe(second.users)
    expect(
      createMockBackend({ apiDomain: 'http://localhost:3001', persistence: { storage, key: 'demo' } }).users.list(),
    ).toEqual([])
  })

  it('keeps two tabs on one storage consistent', async () => {
    const data = new Map<string, string>()
    const storage: MockStorage = {
      getItem: (key) => data.get(key) ?? null,
      setItem: (key, value) => void data.set(key, value),
      removeItem: (key) => void data.delete(key),
    }
    const tabA = useBackend({ persistence: { storage } })
    const tabB = createMockBackend({ apiDomain: 'http://localhost:3001', persistence: { storage } })
    await call('/signup', { body: form('ada@example.com', 'password1') })
    tabB.users.add({ email: 'bob@example.com', password: 'password1' })
    expect((await call('/api/me')).status).toBe(200)
    expect(tabA.users.list().map((user) => user.email)).toEqual(['ada@example.com', 'bob@example.com'])
    expect(tabB.sessions.list()).toHaveLength(1)
  })

  it('ignores corrupt stored state', () => {
    const storage: MockStorage = { getItem: () => '{oops', setItem: () => {}, removeItem: () => {} }
    expect(
      createMockBackend({ apiDomain: 'http://localhost:3001', persistence: { storage }, ...seed }).users.list(),
    ).toHaveLength(1)
  })
})

describe('users API', () => {
  it('adds, verifies, changes passwords and removes users', async () => {
    const backend = useBackend()
    const user = backend.users.add({ email: 'ada@example.com', password: 'password1', fields: { name: 'Ada' } })
    expect(() => backend.users.add({ email: 'ada@example.com', password: 'x' })).toThrow(/already exists/)
    expect(backend.users.setVerified(user.id).verified).toBe(true)
    backend.users.setPassword('ada@example.com', 'another12')
    expect((await (await call('/signin', { body: form('ada@example.com', 'another12') })).json()).status).toBe('OK')
    backend.users.remove(user.id)
    expect(backend.users.get('ada@example.com')).toBeUndefined()
  })
})

describe('entries', () => {
  it('names no export like a different client export, except the deprecated 0.1 aliases', () => {
    const shared = Object.keys(mockEntry).filter((name) => name in clientEntry)
    expect(shared.sort()).toEqual(['createMemoryCookieJar', 'decodeFrontToken'])
    // The aliases are the renamed helpers, so 0.1 code keeps its behaviour.
    expect(mockEntry.createMemoryCookieJar).toBe(createTestCookieJar)
    expect(mockEntry.decodeFrontToken).toBe(readFrontTokenHeader)
  })

  it('src/mock imports neither the client nor a UI framework', () => {
    const files = import.meta.glob('../../src/mock/**/*.ts', { query: '?raw', import: 'default', eager: true })
    expect(Object.keys(files).length).toBeGreaterThan(5)
    for (const [file, source] of Object.entries(files)) {
      const imports = [...(source as string).matchAll(/from '([^']+)'/g)].map((match) => match[1]!)
      for (const specifier of imports) {
        if (/^(msw|msw\/node|msw\/browser)$/.test(specifier)) continue
        // A relative import must stay inside src/mock (the handler modules sit one folder down).
        expect(specifier, file).toMatch(/^\.\.?\//)
        expect(new URL(specifier, `file:///x/${file}`).pathname, file).toMatch(/^\/src\/mock\/[\w/]+$/)
      }
    }
  })

  it('createMockBackend explains a missing or bad apiDomain', () => {
    expect(() => createMockBackend({} as never)).toThrow(/'apiDomain' is required/)
    expect(() => createMockBackend({ apiDomain: 'localhost:3001/' })).toThrow(/apiDomain must be an origin/)
  })

  it('setupMockServer puts extra handlers first', async () => {
    server.close()
    const backend = createMockBackend({ apiDomain: 'http://localhost:3001', ...seed })
    const { http } = await import('msw')
    const own = setupMockServer(
      backend,
      http.get('http://localhost:3001/api/me', () => Response.json({ mine: true })),
    )
    own.listen()
    try {
      expect(await (await call('/api/me')).json()).toEqual({ mine: true })
      expect((await call('/signin', { body: form('ada@example.com', 'password1') })).status).toBe(200)
    } finally {
      own.close()
      server.listen({ onUnhandledRequest: 'error' })
    }
  })

  it('startMockBackend refuses to run in Node with a clear error', async () => {
    await expect(startMockBackend(useBackend())).rejects.toThrow(
      'authfront/mock/browser is for browsers (it needs a service worker). In Node use setupMockServer from authfront/mock/node.',
    )
  })

  it('the wrong-environment module throws on import', async () => {
    await expect(import('../../src/mock/wrongEnv')).rejects.toThrow(
      'authfront/mock/browser is for browsers; in Node use authfront/mock/node (setupMockServer).',
    )
  })
})
