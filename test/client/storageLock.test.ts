// The cross-tab lock for origins without Web Locks, in Node: tabs are lock instances over one shared storage whose
// writes reach the other tabs late, as localStorage does between Chromium's renderer processes, or over one
// IndexedDB (fake-indexeddb, which runs read-write transactions on one store one at a time, as browsers do).
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, test, vi } from 'vitest'
import { AuthError, createIndexedDbLock, createStorageLock } from 'authfront'
import type { KeyValueStorage, LockManager } from 'authfront'
import { createFakeClock } from './helpers'
import type { FakeClock } from './helpers'

const LEASE = 10_000
// The database createIndexedDbLock uses (src/client/wire.ts); pinned here, as other tabs may run another version.
const LOCK_DATABASE = 'authfront-lock'
const PROPAGATION_MS = 20

/**
 * One origin's localStorage: a write is seen at once by its own tab and by the others `PROPAGATION_MS` later, when
 * the browser commits it; commits happen in the order the writes were made, so every tab ends up seeing the same value.
 */
function createOrigin(clock: FakeClock) {
  const committed = new Map<string, string>()
  const tab = (): { storage: KeyValueStorage; dies: () => void; lock: LockManager } => {
    // This tab's writes the browser has not committed yet, with how many are in flight per key.
    const pending = new Map<string, { value: string | undefined; count: number }>()
    const set = (key: string, value: string | undefined) => {
      const entry = pending.get(key)
      pending.set(key, { value, count: (entry?.count ?? 0) + 1 })
      clock.setTimeout(() => {
        void (value === undefined ? committed.delete(key) : committed.set(key, value))
        const current = pending.get(key)!
        if (--current.count === 0) pending.delete(key)
      }, PROPAGATION_MS)
    }
    const storage: KeyValueStorage = {
      getItem: (key) => (pending.has(key) ? (pending.get(key)!.value ?? null) : (committed.get(key) ?? null)),
      setItem: (key, value) => set(key, value),
      removeItem: (key) => set(key, undefined),
    }
    let alive = true
    const lock = createStorageLock({
      storage,
      now: clock.now,
      // A dead tab runs nothing any more: no renewal, no release.
      setTimeout: (fn, ms) => clock.setTimeout(() => alive && fn(), ms),
      clearTimeout: clock.clearTimeout,
      leaseMs: LEASE,
      timeoutMs: 60_000,
    })
    return { storage, lock, dies: () => void (alive = false) }
  }
  return { tab }
}

/** Advances the fake clock in 5 ms steps, letting promise callbacks run between steps. */
async function run(clock: FakeClock, ms: number) {
  for (let t = 0; t < ms; t += 5) {
    clock.advance(5)
    for (let i = 0; i < 10; i++) await Promise.resolve()
  }
}

const gate = () => {
  let open: () => void = () => {}
  const closed = new Promise<void>((resolve) => (open = resolve))
  return { closed, open }
}

test('mutual exclusion: tabs that ask at the same moment run one at a time, each exactly once', async () => {
  const clock = createFakeClock()
  const origin = createOrigin(clock)
  const tabs = [origin.tab(), origin.tab(), origin.tab()]
  let inside = 0
  let most = 0
  const log: string[] = []
  const work = (name: string) => async () => {
    inside++
    most = Math.max(most, inside)
    log.push(name)
    await new Promise<void>((resolve) => clock.setTimeout(resolve, 300))
    inside--
    return name
  }
  const results = Promise.all(tabs.map((t, i) => t.lock.request('refresh', work('tab' + i))))
  await run(clock, 3000)
  expect(await results).toEqual(['tab0', 'tab1', 'tab2'])
  expect(most).toBe(1)
  expect(log.sort()).toEqual(['tab0', 'tab1', 'tab2'])
})

test('calls in one tab queue inside the tab, and different names do not block each other', async () => {
  const clock = createFakeClock()
  const { lock } = createOrigin(clock).tab()
  const first = gate()
  const order: string[] = []
  const a = lock.request('x', async () => {
    order.push('a')
    await first.closed
  })
  const b = lock.request('x', async () => void order.push('b'))
  const c = lock.request('y', async () => void order.push('c'))
  await run(clock, 200)
  expect(order).toEqual(['a', 'c'])
  first.open()
  await run(clock, 200)
  await Promise.all([a, b, c])
  expect(order).toEqual(['a', 'c', 'b'])
})

test('a live holder keeps the lock past the lease by renewing it', async () => {
  const clock = createFakeClock()
  const origin = createOrigin(clock)
  const [holder, waiter] = [origin.tab(), origin.tab()]
  const release = gate()
  let waiterRan = false
  void holder.lock.request('refresh', () => release.closed)
  await run(clock, 100)
  const waiting = waiter.lock.request('refresh', async () => void (waiterRan = true))
  await run(clock, 3 * LEASE)
  expect(waiterRan).toBe(false)
  release.open()
  await run(clock, 300)
  await waiting
  expect(waiterRan).toBe(true)
})

test('crash recovery: a tab that dies holding the lock blocks the others for one lease at most', async () => {
  const clock = createFakeClock()
  const origin = createOrigin(clock)
  const [holder, waiter] = [origin.tab(), origin.tab()]
  void holder.lock.request('refresh', () => new Promise<never>(() => {}))
  await run(clock, 100)
  holder.dies()
  const diedAt = clock.now()
  let acquiredAt: number | undefined
  void waiter.lock.request('refresh', async () => void (acquiredAt = clock.now()))
  await run(clock, LEASE / 2)
  expect(acquiredAt).toBeUndefined()
  await run(clock, LEASE)
  expect(acquiredAt).toBeDefined()
  expect(acquiredAt! - diedAt).toBeLessThanOrEqual(LEASE + 200)
})

test('timeout: a request that cannot get the lock in timeoutMs rejects with an AuthError and runs nothing', async () => {
  const clock = createFakeClock()
  const origin = createOrigin(clock)
  const holder = origin.tab()
  const other = origin.tab()
  const impatient = createStorageLock({
    storage: other.storage,
    now: clock.now,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    timeoutMs: 2000,
  })
  void holder.lock.request('refresh', () => new Promise<never>(() => {}))
  await run(clock, 100)
  let ran = false
  const outcome = impatient
    .request('refresh', async () => void (ran = true))
    .then(
      () => 'resolved',
      (error: unknown) => error,
    )
  await run(clock, 2500)
  const error = await outcome
  expect(error).toBeInstanceOf(AuthError)
  expect(error).toMatchObject({ kind: 'network', message: expect.stringContaining('2000 ms') })
  expect(ran).toBe(false)
})

describe('createIndexedDbLock: each claim one read-write transaction, which the browser runs one at a time', () => {
  // Real timers: fake-indexeddb settles its requests on the Node event loop.
  const LEASE_MS = 600
  const tab = (indexedDB: IDBFactory) => {
    let alive = true
    const lock = createIndexedDbLock({
      indexedDB,
      now: Date.now,
      // A dead tab runs nothing any more: no renewal, no release.
      setTimeout: (fn, ms) => setTimeout(() => alive && fn(), ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      leaseMs: LEASE_MS,
    })
    return { lock, dies: () => void (alive = false) }
  }
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
  /** Runs `work` in every lock at once; resolves with the most that ran at the same time. */
  const overlap = async (locks: LockManager[]) => {
    let inside = 0
    let most = 0
    const ran = await Promise.all(
      locks.map((lock, i) =>
        lock.request('refresh', async () => {
          most = Math.max(most, ++inside)
          await sleep(20)
          inside--
          return i
        }),
      ),
    )
    expect(ran).toEqual(locks.map((_, i) => i))
    return most
  }

  test('mutual exclusion with no wait after a claim: four tabs asking at once run one at a time, each once', async () => {
    const indexedDB = new IDBFactory()
    expect(await overlap([1, 2, 3, 4].map(() => tab(indexedDB).lock))).toBe(1)
  })

  test('a tab that dies holding the lock blocks the others for one lease at most', async () => {
    const indexedDB = new IDBFactory()
    const [holder, waiter] = [tab(indexedDB), tab(indexedDB)]
    let held = false
    void holder.lock.request('refresh', () => ((held = true), new Promise<never>(() => {})))
    await vi.waitFor(() => expect(held).toBe(true))
    holder.dies()
    const diedAt = Date.now()
    await waiter.lock.request('refresh', async () => {})
    expect(Date.now() - diedAt).toBeGreaterThanOrEqual(LEASE_MS / 2)
    expect(Date.now() - diedAt).toBeLessThan(LEASE_MS + 1000)
  })

  test('the database deleted between claims (site data cleared): nothing blocks it, and the next claims are still exclusive', async () => {
    const indexedDB = new IDBFactory()
    const [a, b] = [tab(indexedDB).lock, tab(indexedDB).lock]
    expect(await overlap([a, b])).toBe(1)
    // Deleting waits for every open connection to close: the lock keeps none open between claims.
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(LOCK_DATABASE)
      request.onsuccess = resolve
      request.onerror = reject
    })
    expect(await overlap([a, b])).toBe(1)
  })

  test('IndexedDB that does not open (site data blocked): one warning, and the lock holds within the tab', async () => {
    const denied = new DOMException('The user denied permission to access the database.', 'SecurityError')
    const throwing = {
      open: () => {
        throw denied
      },
    } as unknown as IDBFactory
    const failing = {
      open() {
        const request = { error: denied } as IDBOpenDBRequest
        setTimeout(() => request.onerror?.(new Event('error')))
        return request
      },
    } as unknown as IDBFactory
    for (const indexedDB of [throwing, failing]) {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      const { lock } = tab(indexedDB)
      expect(await overlap([lock, lock, lock])).toBe(1)
      expect(warn).toHaveBeenCalledOnce()
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('IndexedDB unavailable'), denied)
      warn.mockRestore()
    }
  })
})
