// The cross-tab lock for origins without Web Locks, in Node: tabs are lock instances over one shared storage whose
// writes reach the other tabs late, as localStorage does between Chromium's renderer processes.
import { expect, test } from 'vitest'
import { AuthError, createStorageLock } from 'authfront'
import type { KeyValueStorage, LockManager } from 'authfront'
import { createFakeClock } from './helpers'
import type { FakeClock } from './helpers'

const LEASE = 10_000
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
