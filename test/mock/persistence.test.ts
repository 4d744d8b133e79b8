import { describe, expect, it } from 'vitest'
import { http } from 'msw'
import { createMockBackend } from 'authfront/mock'
import type { MockBackendOptions, MockEmail, MockStorage } from 'authfront/mock'
import { API, call, form, installServer } from './helpers'

const { server, useBackend } = installServer()

const seed = { users: [{ email: 'ada@example.com', password: 'password1' }] }

/** One origin's localStorage, shared by every "tab" (backend) created on it. Counts writes; `onRead` spies reads. */
function sharedStorage() {
  const data = new Map<string, string>()
  const storage: MockStorage & { writes: number; onRead: (() => void) | undefined } = {
    writes: 0,
    onRead: undefined,
    getItem(key) {
      storage.onRead?.()
      return data.get(key) ?? null
    },
    setItem(key, value) {
      storage.writes += 1
      data.set(key, value)
    },
    removeItem: (key) => void data.delete(key),
  }
  return storage
}

function tab(storage: MockStorage, options: Partial<MockBackendOptions> = {}) {
  return createMockBackend({ apiDomain: API, ...seed, persistence: { storage }, ...options })
}

function bearer(token: string) {
  return { Authorization: `Bearer ${token}` }
}

function refresh(refreshToken: string) {
  return call('/session/refresh', { method: 'POST', mode: 'header', headers: bearer(refreshToken) })
}

/** A promise plus its resolve function, to hold a handler half-way through. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

describe('persistence shared by tabs', () => {
  it("a tab answering a request during another tab's refresh does not write the old tokens back", async () => {
    const storage = sharedStorage()
    const tabA = tab(storage)
    const tabB = tab(storage)
    const entered = deferred()
    const release = deferred()
    server.resetHandlers(
      http.get(
        `${API}/api/slow`,
        tabA.protect(async () => {
          entered.resolve()
          await release.promise
          return Response.json({ ok: true })
        }),
      ),
      ...tabB.handlers,
    )
    const issued = tabB.sessions.create('ada@example.com', { transferMethod: 'header' })

    const slow = call('/api/slow', { mode: 'header', headers: bearer(issued.accessToken) })
    await entered.promise
    const rotated = await refresh(issued.refreshToken)
    expect(rotated.status).toBe(200)
    const newRefreshToken = rotated.headers.get('st-refresh-token')!
    release.resolve()
    expect((await slow).status).toBe(200)

    // The user's next refresh (in either tab) must accept the rotated token.
    const next = await refresh(newRefreshToken)
    expect(next.status).toBe(200)
    expect(tabA.sessions.forUser('ada@example.com')).toHaveLength(1)
  })

  it('keeps a refresh rotation when another request of the same tab starts before it is saved', async () => {
    const storage = sharedStorage()
    const backend = useBackend({ ...seed, persistence: { storage } })
    const issued = backend.sessions.create('ada@example.com', { transferMethod: 'header' })
    // The refresh handler saves after an await. Start "another request" (a helper call re-reads the stored state
    // the same way a request does) right in that gap: it runs after the rotation and before the save.
    storage.onRead = () => {
      storage.onRead = undefined
      queueMicrotask(() => void backend.sessions.list())
    }
    const rotated = await refresh(issued.refreshToken)
    expect(rotated.status).toBe(200)
    const next = await refresh(rotated.headers.get('st-refresh-token')!)
    expect(next.status).toBe(200)
  })

  it('does not write storage for a response that changes nothing', async () => {
    const storage = sharedStorage()
    useBackend({ ...seed, persistence: { storage } })
    const before = storage.writes
    expect((await call('/api/me')).status).toBe(401)
    expect((await call('/signin', { body: form('ada@example.com', 'wrong-password1') })).status).toBe(200)
    expect(storage.writes).toBe(before)
    expect((await call('/signin', { body: form('ada@example.com', 'password1') })).status).toBe(200)
    expect(storage.writes).toBe(before + 1)
  })

  it("picks up another tab's changes", async () => {
    const storage = sharedStorage()
    const tabA = useBackend({ ...seed, persistence: { storage } })
    const tabB = tab(storage)
    tabB.users.add({ email: 'bob@example.com', password: 'password1' })
    expect(tabA.users.get('bob@example.com')).toBeDefined()
    expect((await (await call('/signin', { body: form('bob@example.com', 'password1') })).json()).status).toBe('OK')
    expect(tabB.sessions.forUser('bob@example.com')).toHaveLength(1)
  })
})

describe('outbox listeners with persistence', () => {
  it('a listener that reads the outbox sees the new email, and the email is kept', async () => {
    const storage = sharedStorage()
    const backend = useBackend({ ...seed, persistence: { storage } })
    const seen: MockEmail[][] = []
    backend.outbox.subscribe(() => seen.push(backend.outbox.list()))
    await call('/user/password/reset/token', { body: { formFields: [{ id: 'email', value: 'ada@example.com' }] } })

    const email = backend.outbox.latest({ to: 'ada@example.com', type: 'reset-password' })
    expect(email).toBeDefined()
    expect(seen).toEqual([[email]])
    const reset = await call('/user/password/reset', {
      body: { method: 'token', token: email!.token, formFields: [{ id: 'password', value: 'another12' }] },
    })
    expect(await reset.json()).toEqual({ status: 'OK' })
  })

  it('a listener sees the email even when another tab wrote in the meantime', async () => {
    const storage = sharedStorage()
    const tabA = useBackend({ ...seed, persistence: { storage } })
    const tabB = tab(storage)
    const seen: string[][] = []
    tabA.outbox.subscribe(() => {
      tabB.users.add({ email: 'bob@example.com', password: 'password1' })
      seen.push(tabA.outbox.list().map((item) => item.to))
    })
    await call('/user/password/reset/token', { body: { formFields: [{ id: 'email', value: 'ada@example.com' }] } })
    expect(seen).toEqual([['ada@example.com']])
    expect(tabB.outbox.list().map((item) => item.to)).toEqual(['ada@example.com'])
    expect(tabA.users.get('bob@example.com')).toBeDefined()
  })
})
