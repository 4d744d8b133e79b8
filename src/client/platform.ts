import { authError } from './errors'
import type { BroadcastPort, CookieJar, KeyValueStorage, LockManager, Platform } from './types'
import { LOCK_DATABASE, LOCK_KEY_PREFIX } from './wire'

// docs/PROTOCOL.md §3.2: the official client writes its frontend cookies with a far-future expiry.
const FAR_FUTURE = 253402300799000

interface EventTargetLike {
  addEventListener(type: string, fn: () => void): void
  removeEventListener(type: string, fn: () => void): void
}

interface GlobalLike {
  document?: { cookie: string } & EventTargetLike
  cookieStore?: EventTargetLike
  window?: unknown
  location?: { origin?: string; hostname?: string; protocol?: string }
  localStorage?: KeyValueStorage
  indexedDB?: IDBFactory
  navigator?: { locks?: { request: (name: string, fn: () => Promise<unknown>) => Promise<unknown> } }
  BroadcastChannel?: new (name: string) => {
    postMessage(m: unknown): void
    close(): void
    addEventListener(type: 'message', fn: (e: { data: unknown }) => void): void
    removeEventListener(type: 'message', fn: (e: { data: unknown }) => void): void
  }
}

const g = (): GlobalLike => globalThis as unknown as GlobalLike

/** An in-memory cookie jar (the server and test default). */
export function createMemoryCookieJar(initial: Record<string, string> = {}): CookieJar & {
  /** The live cookies, for inspection in tests (writes to the map are seen by the next read). */
  readonly cookies: Map<string, string>
} {
  const cookies = new Map(Object.entries(initial))
  return {
    cookies,
    read: () => Array.from(cookies, ([name, value]) => name + '=' + value).join('; '),
    // Expiry is not simulated: this client always deletes explicitly.
    write: (name, value, expiresAt) =>
      void (value === undefined || expiresAt <= 0 ? cookies.delete(name) : cookies.set(name, value)),
  }
}

/**
 * A `document.cookie` jar with the attributes the official SDK uses (docs/PROTOCOL.md §3.2): `path=/`, `samesite=lax`
 * (`samesite=none;secure` when `isInIframe`) and, when given, a shared `domain` (skipped for `localhost` and the page's
 * own hostname, supertokens-website#25); `secure` on https pages.
 */
export function createDocumentCookieJar(domain?: string, isInIframe?: boolean): CookieJar {
  return {
    read: () => g().document?.cookie ?? '',
    watch(onChange) {
      const { cookieStore, document } = g()
      // Without CookieStore (a non-secure origin, an older browser) nothing announces another tab's writes. Besides
      // its change event: a page hidden or frozen (events it may have missed) or back from the back/forward cache.
      if (cookieStore && document) {
        const targets = [cookieStore, document, globalThis as EventTargetLike]
        const types = ['change', 'visibilitychange', 'pageshow']
        const each = (method: keyof EventTargetLike) =>
          targets.forEach((target, index) => target[method](types[index]!, onChange))
        each('addEventListener')
        return () => each('removeEventListener')
      }
    },
    write(name, value, expiresAt) {
      const { document, location } = g()
      if (document !== undefined) {
        document.cookie =
          `${name}=${value ?? ''};expires=${new Date(value === undefined ? 0 : expiresAt).toUTCString()}` +
          (domain === undefined || domain === 'localhost' || domain === location?.hostname ? '' : ';domain=' + domain) +
          // Header-mode tokens live in these cookies: on https pages never let the browser send them over plain http.
          (isInIframe
            ? ';path=/;samesite=none;secure'
            : ';path=/;samesite=lax' + (location?.protocol === 'https:' ? ';secure' : ''))
      }
    },
  }
}

/** A `Map`-backed storage (the server and test default). */
export function createMemoryStorage(): KeyValueStorage {
  const map = new Map<string, string>()
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  }
}

/**
 * Wraps an object whose methods may throw (Safari with "Block cookies" throws `SecurityError` from `localStorage`,
 * supertokens-website#232; `document.cookie` throws in sandboxed iframes): on the first failure it warns once and
 * continues on `memory()`.
 */
export function degradeToMemory<T extends object>(
  get: () => T | undefined,
  memory: () => T,
  methods: (keyof T)[],
  what: string,
): T {
  let fallback: T | undefined
  const run =
    (method: keyof T) =>
    (...args: unknown[]): never => {
      if (fallback === undefined) {
        try {
          // No object at all throws here too, and degrades the same way.
          return (get()![method] as (...a: unknown[]) => never)(...args)
        } catch (error) {
          fallback = memory()
          console.warn(`authfront: ${what} unavailable, using memory.`, error)
        }
      }
      return (fallback[method] as (...a: unknown[]) => never)(...args)
    }
  return Object.fromEntries(methods.map((method) => [method, run(method)])) as T
}

/** A storage over `get()` that continues in memory (warning once) when it throws. */
export const createSafeStorage = (get: () => KeyValueStorage | undefined): KeyValueStorage =>
  degradeToMemory(get, createMemoryStorage, ['getItem', 'setItem', 'removeItem'], 'storage')

/** An in-memory lock: calls with the same name run one after another. Share one instance to share the lock. */
export function createMemoryLock(): LockManager {
  const tails = new Map<string, Promise<unknown>>()
  return {
    request(name, fn) {
      const run = (tails.get(name) ?? Promise.resolve()).then(fn, fn)
      const tail = run.then(
        () => {},
        () => {},
      )
      tails.set(name, tail)
      void tail.then(() => tails.get(name) === tail && tails.delete(name))
      return run
    },
  }
}

/** Options of `createStorageLock` and `createIndexedDbLock`. */
export interface LeaseLockOptions {
  /** The clock, e.g. `Date.now`. Every tab must use the same one (lease expiry is compared across tabs). */
  now: () => number
  /** E.g. the global `setTimeout`. */
  setTimeout: (fn: () => void, ms: number) => unknown
  /** E.g. the global `clearTimeout`. */
  clearTimeout: (handle: unknown) => void
  /**
   * How long a holder's claim lasts without renewal. A live holder renews it every third of this, so only a tab
   * that died (closed, crashed) while holding blocks the others, for at most this long. Defaults to `10000`.
   */
  leaseMs?: number
  /** A request that waits longer than this rejects (`AuthError` kind `network`). Defaults to `60000`. */
  timeoutMs?: number
}

/** Options of `createStorageLock`. */
export interface StorageLockOptions extends LeaseLockOptions {
  /** The storage every tab of the origin shares: `localStorage` in browsers. */
  storage: KeyValueStorage
}

/** Options of `createIndexedDbLock`. */
export interface IndexedDbLockOptions extends LeaseLockOptions {
  /** The IndexedDB every tab of the origin shares: `globalThis.indexedDB` in browsers. */
  indexedDB: IDBFactory
}

/**
 * Replaces the value under `key` with `next(value)` ('' removes it, undefined leaves it); resolves with the value
 * after, as every tab will see it.
 */
type Swap = (key: string, next: (held: string) => string | undefined) => Promise<string>

/** 50 ms on `schedule`. */
const pause = (schedule: LeaseLockOptions['setTimeout']) => new Promise<void>((resolve) => schedule(resolve, 50))

/**
 * The lease lock both cross-tab locks share: a claim `<random> <lease end>` under one key, taken when the key is empty
 * or its lease ran out, renewed while held, removed on release.
 */
function createLeaseLock(
  swap: Swap,
  { now, setTimeout: schedule, clearTimeout: cancel, leaseMs = 10_000, timeoutMs = 60_000 }: LeaseLockOptions,
): LockManager {
  // Calls from this tab queue here first: only one claim per tab competes across tabs.
  const inTab = createMemoryLock()
  return {
    request: (name, fn) =>
      inTab.request(name, async () => {
        const key = LOCK_KEY_PREFIX + name
        // Unique per request and tab (a collision needs two equal 52-bit random numbers).
        const claim = '' + Math.random()
        const mine = (held: string) => held.split(' ')[0] === claim
        const stamp = () => claim + ' ' + (now() + leaseMs)
        const deadline = now() + timeoutMs
        for (;;) {
          if (mine(await swap(key, (held) => (Number(held.split(' ')[1]) > now() ? undefined : stamp())))) break
          if (now() > deadline) throw authError('network', `Lock ${name}: busy over ${timeoutMs} ms.`)
          // Waiters poll: an event would wake them sooner, but a 50 ms poll costs nothing while nobody waits.
          await pause(schedule)
        }
        let renewal: unknown
        const renew = () => {
          void swap(key, (held) => (mine(held) ? stamp() : undefined))
          renewal = schedule(renew, leaseMs / 3)
        }
        renewal = schedule(renew, leaseMs / 3)
        try {
          return await fn()
        } finally {
          cancel(renewal)
          void swap(key, (held) => (mine(held) ? '' : undefined))
        }
      }),
  }
}

/**
 * A lock shared by the tabs of one origin through `storage`. Storage has no compare-and-set and other tabs see a
 * write late, so a tab writes its claim, waits until every tab's write has landed, and holds the lock only if its
 * claim survived: safe while writes reach the other tabs within those waits, which a loaded machine can exceed (two
 * tabs got in at once in a CI run of test/cross-tab). The default lock is `createIndexedDbLock`, which has no such
 * window; this one is for a platform whose only shared store is a key-value storage.
 */
export const createStorageLock = ({ storage, ...options }: StorageLockOptions): LockManager =>
  createLeaseLock(async (key, next) => {
    const held = () => storage.getItem(key) ?? ''
    const value = next(held())
    if (value === undefined) return held()
    void (value ? storage.setItem(key, value) : storage.removeItem(key))
    // The last value written stands once every tab's write has landed: it must still be ours after two waits.
    for (let wait = 0; wait < 2 && held() === value; wait++) await pause(options.setTimeout)
    return held()
  }, options)

/**
 * A lock shared by the tabs of one origin through IndexedDB, for where Web Locks do not exist (`navigator.locks` is
 * missing outside secure contexts: plain-http hosts other than localhost). Each claim is one read-write transaction,
 * which the browser runs one at a time across the origin's tabs: a compare-and-set, so two tabs never hold it at once
 * however late one tab hears of the other. Where IndexedDB does not open (site data blocked), it warns once and
 * holds within the tab only.
 */
export function createIndexedDbLock({ indexedDB, ...options }: IndexedDbLockOptions): LockManager {
  let warned: unknown
  return createLeaseLock(
    (key, next) =>
      new Promise((resolve) => {
        // Nothing stored: the claim holds within this tab (the next claim tries IndexedDB again).
        const unavailable = (error: unknown) => {
          warned ??= console.warn('authfront: IndexedDB unavailable, lock held per tab.', error) ?? 1
          resolve(next('') ?? '')
        }
        try {
          // A connection per claim, closed after its transaction: none stays open to block deleting the database.
          const request = indexedDB.open(LOCK_DATABASE)
          request.onupgradeneeded = () => request.result.createObjectStore(LOCK_DATABASE)
          request.onerror = () => unavailable(request.error)
          request.onsuccess = () => {
            const db = request.result
            // A failed transaction stored nothing: '' (not ours), so a claim is tried again.
            let after = ''
            const done = () => {
              db.close()
              resolve(after)
            }
            try {
              const transaction = db.transaction(LOCK_DATABASE, 'readwrite')
              const store = transaction.objectStore(LOCK_DATABASE)
              const read = store.get(key)
              read.onsuccess = () => {
                const held = (read.result as string | undefined) ?? ''
                const value = next(held)
                if (value !== undefined) void (value ? store.put(value, key) : store.delete(key))
                transaction.oncomplete = () => ((after = value ?? held), done())
              }
              transaction.onabort = done
            } catch {
              done()
            }
          }
        } catch (error) {
          unavailable(error)
        }
      }),
    options,
  )
}

/**
 * An in-memory broadcast hub: ports opened from the same hub hear each other (never themselves), like
 * `BroadcastChannel` between tabs. Tests pass `hub.open` as `platform.broadcast` of two clients.
 */
export function createMemoryBroadcastHub(): { open: (name: string) => BroadcastPort } {
  const channels = new Map<string, Set<(message: unknown) => void>>()
  return {
    open(name) {
      const listeners = new Set<(message: unknown) => void>()
      let members = channels.get(name)
      if (members === undefined) channels.set(name, (members = new Set()))
      const deliver = (message: unknown) => {
        for (const fn of listeners) fn(message)
      }
      members.add(deliver)
      return {
        post(message) {
          for (const other of channels.get(name) ?? []) {
            // Asynchronous like the real thing, so a sender never observes its own side effects re-entrantly.
            if (other !== deliver) queueMicrotask(() => other(structuredClone(message)))
          }
        },
        subscribe(fn) {
          listeners.add(fn)
          return () => void listeners.delete(fn)
        },
        close() {
          listeners.clear()
          channels.get(name)?.delete(deliver)
        },
      }
    },
  }
}

function openBrowserBroadcast(name: string): BroadcastPort | undefined {
  const Channel = g().BroadcastChannel
  // Every current browser has BroadcastChannel (baseline since 2022); without it tabs re-sync on their next call.
  if (Channel === undefined) return undefined
  const channel = new Channel(name)
  return {
    post: (message) => channel.postMessage(message),
    subscribe(fn) {
      const handler = (e: { data: unknown }) => fn(e.data)
      channel.addEventListener('message', handler)
      return () => channel.removeEventListener('message', handler)
    },
    close: () => channel.close(),
  }
}

/**
 * Web Locks that fall back to `fallback()` (warning once) when a request fails before its callback ran: with site
 * data blocked, `navigator.locks.request` rejects with a `SecurityError` and would fail every call.
 */
function degradableLocks(
  locks: NonNullable<NonNullable<GlobalLike['navigator']>['locks']>,
  fallback: () => LockManager,
): LockManager {
  let degraded: LockManager | undefined
  return {
    request<T>(name: string, fn: () => Promise<T>): Promise<T> {
      if (degraded !== undefined) return degraded.request(name, fn)
      let started = false
      const run = () => ((started = true), fn())
      return (locks.request(name, run) as Promise<T>).catch((error: unknown) => {
        if (started) throw error
        if (degraded === undefined) {
          degraded = fallback()
          console.warn('authfront: Web Locks unavailable.', error)
        }
        return degraded.request(name, fn)
      })
    },
  }
}

/**
 * Builds the platform: browser defaults when there is a DOM, memory defaults otherwise, then `overrides`.
 * Nothing here touches the environment until a function is called.
 */
export function createPlatform(
  overrides: Partial<Platform> = {},
  options: { cookieDomain?: string | undefined; isInIframe?: boolean } = {},
): Platform {
  const { window, document, navigator } = g()
  // No DOM: SSR, Node, workers without `document`.
  const isServer = overrides.isServer ?? (window === undefined || document === undefined)
  const storage = overrides.storage ?? (isServer ? createMemoryStorage() : createSafeStorage(() => g().localStorage))
  const now = overrides.now ?? Date.now
  const setTimeout = overrides.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms))
  const clearTimeout =
    overrides.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>))
  // Tabs share a lock through IndexedDB where Web Locks are missing (non-secure origins) or blocked. Without
  // IndexedDB (a DOM emulation in tests), one tab is all there is.
  const { indexedDB } = g()
  const tabsLock = () =>
    indexedDB ? createIndexedDbLock({ indexedDB, now, setTimeout, clearTimeout }) : createMemoryLock()
  const locks = navigator?.locks
  return {
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    cookies:
      overrides.cookies ??
      (isServer ? createMemoryCookieJar() : createDocumentCookieJar(options.cookieDomain, options.isInIframe)),
    storage,
    lock:
      overrides.lock ??
      (locks !== undefined ? degradableLocks(locks, tabsLock) : isServer ? createMemoryLock() : tabsLock()),
    broadcast: overrides.broadcast ?? (isServer ? () => undefined : openBrowserBroadcast),
    now,
    setTimeout,
    clearTimeout,
    origin: overrides.origin ?? (() => g().location?.origin),
    isServer,
  }
}

export { FAR_FUTURE }
