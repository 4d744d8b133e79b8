import type { BroadcastPort, CookieJar, KeyValueStorage, LockManager, Platform } from './types'

// protocol.md §3.2: the official client writes its frontend cookies with a far-future expiry.
const FAR_FUTURE = 253402300799000

interface GlobalLike {
  document?: { cookie: string }
  window?: unknown
  location?: { origin?: string; hostname?: string; protocol?: string }
  localStorage?: KeyValueStorage
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
 * A `document.cookie` jar with the attributes the official SDK uses (protocol.md §3.2): `path=/`, `samesite=lax`
 * and, when given, a shared `domain` (skipped for `localhost` and the page's own hostname, supertokens-website#25);
 * `secure` on https pages.
 */
export function createDocumentCookieJar(domain?: string): CookieJar {
  return {
    read: () => g().document?.cookie ?? '',
    write(name, value, expiresAt) {
      const { document, location } = g()
      if (document !== undefined) {
        document.cookie =
          `${name}=${value ?? ''};expires=${new Date(value === undefined ? 0 : expiresAt).toUTCString()}` +
          (domain === undefined || domain === 'localhost' || domain === location?.hostname ? '' : ';domain=' + domain) +
          // Header-mode tokens live in these cookies: on https pages never let the browser send them over plain http.
          ';path=/;samesite=lax' +
          (location?.protocol === 'https:' ? ';secure' : '')
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
 * Builds the platform: browser defaults when there is a DOM, memory defaults otherwise, then `overrides`.
 * Nothing here touches the environment until a function is called.
 */
export function createPlatform(
  overrides: Partial<Platform> = {},
  options: { cookieDomain?: string | undefined } = {},
): Platform {
  const { window, document, navigator } = g()
  // No DOM: SSR, Node, workers without `document`.
  const isServer = overrides.isServer ?? (window === undefined || document === undefined)
  // Web Locks when the environment has them, else an in-memory lock.
  const locks = navigator?.locks
  return {
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    cookies: overrides.cookies ?? (isServer ? createMemoryCookieJar() : createDocumentCookieJar(options.cookieDomain)),
    storage: overrides.storage ?? (isServer ? createMemoryStorage() : createSafeStorage(() => g().localStorage)),
    lock:
      overrides.lock ??
      (locks === undefined
        ? createMemoryLock()
        : { request: (name, fn) => locks.request(name, fn) as Promise<Awaited<ReturnType<typeof fn>>> }),
    broadcast: overrides.broadcast ?? (isServer ? () => undefined : openBrowserBroadcast),
    now: overrides.now ?? Date.now,
    setTimeout: overrides.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms)),
    clearTimeout:
      overrides.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)),
    origin: overrides.origin ?? (() => g().location?.origin),
    isServer,
  }
}

export { FAR_FUTURE }
