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

/** True when there is no DOM (SSR, Node, workers without `document`). */
export function detectServer(): boolean {
  const glob = g()
  return glob.window === undefined || glob.document === undefined
}

/** An in-memory cookie jar (the server and test default). */
export function createMemoryCookieJar(initial: Record<string, string> = {}): CookieJar & {
  /** The live cookies, for inspection in tests (writes to the map are seen by the next read). */
  readonly cookies: Map<string, string>
} {
  const cookies = new Map(Object.entries(initial))
  return {
    cookies,
    read() {
      let out = ''
      for (const [name, value] of cookies) out += (out === '' ? '' : '; ') + name + '=' + value
      return out
    },
    write(name, value, expiresAt) {
      // Expiry is not simulated: this client always deletes explicitly.
      if (value === undefined || expiresAt <= 0) cookies.delete(name)
      else cookies.set(name, value)
    },
  }
}

/**
 * A `document.cookie` jar with the attributes the official SDK uses (protocol.md §3.2): `path=/`, `samesite=lax`
 * and, when given, a shared `domain` (skipped for `localhost` and the page's own hostname, supertokens-website#25).
 */
export function createDocumentCookieJar(options: { domain?: string | undefined } = {}): CookieJar {
  return {
    read() {
      return g().document?.cookie ?? ''
    },
    write(name, value, expiresAt) {
      const doc = g().document
      if (doc === undefined) return
      const hostname = g().location?.hostname
      const domain = options.domain
      const domainPart =
        domain === undefined || domain === 'localhost' || domain === hostname ? '' : ';domain=' + domain
      const expires = new Date(value === undefined ? 0 : expiresAt).toUTCString()
      doc.cookie = `${name}=${value ?? ''};expires=${expires}${domainPart};path=/;samesite=lax`
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
 * Wraps a storage that may throw (Safari with "Block cookies" throws `SecurityError` from `localStorage`,
 * supertokens-website#232): on the first failure it warns once and continues in memory.
 */
export function createSafeStorage(get: () => KeyValueStorage | undefined): KeyValueStorage {
  let fallback: KeyValueStorage | undefined
  const degrade = (error: unknown): KeyValueStorage => {
    if (fallback === undefined) {
      fallback = createMemoryStorage()
      console.warn('authfront: storage is not available, keeping session helpers in memory.', error)
    }
    return fallback
  }
  const run = <T>(fn: (s: KeyValueStorage) => T): T => {
    if (fallback !== undefined) return fn(fallback)
    try {
      const storage = get()
      if (storage === undefined) throw new Error('no storage')
      return fn(storage)
    } catch (error) {
      return fn(degrade(error))
    }
  }
  return {
    getItem: (key) => run((s) => s.getItem(key)),
    setItem: (key, value) => run((s) => s.setItem(key, value)),
    removeItem: (key) => run((s) => s.removeItem(key)),
  }
}

/** An in-memory lock: calls with the same name run one after another. Share one instance to share the lock. */
export function createMemoryLock(): LockManager {
  const tails = new Map<string, Promise<unknown>>()
  return {
    request(name, fn) {
      const previous = tails.get(name) ?? Promise.resolve()
      const run = previous.then(fn, fn)
      const tail = run.then(
        () => undefined,
        () => undefined,
      )
      tails.set(name, tail)
      void tail.then(() => {
        if (tails.get(name) === tail) tails.delete(name)
      })
      return run
    },
  }
}

/** Web Locks when the environment has them (`navigator.locks`), else an in-memory lock. */
export function createDefaultLock(): LockManager {
  const locks = g().navigator?.locks
  if (locks === undefined) return createMemoryLock()
  return { request: (name, fn) => locks.request(name, fn) as Promise<Awaited<ReturnType<typeof fn>>> }
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
  if (Channel !== undefined) {
    const channel = new Channel(name)
    const handlers = new Map<(message: unknown) => void, (e: { data: unknown }) => void>()
    return {
      post: (message) => channel.postMessage(message),
      subscribe(fn) {
        const handler = (e: { data: unknown }) => fn(e.data)
        handlers.set(fn, handler)
        channel.addEventListener('message', handler)
        return () => {
          channel.removeEventListener('message', handler)
          handlers.delete(fn)
        }
      },
      close: () => channel.close(),
    }
  }
  // Every current browser has BroadcastChannel (baseline since 2022); without it tabs re-sync on their next call.
  return undefined
}

/**
 * Builds the platform: browser defaults when there is a DOM, memory defaults otherwise, then `overrides`.
 * Nothing here touches the environment until a function is called.
 */
export function createPlatform(
  overrides: Partial<Platform> = {},
  options: { cookieDomain?: string | undefined } = {},
): Platform {
  const isServer = overrides.isServer ?? detectServer()
  return {
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    cookies:
      overrides.cookies ??
      (isServer ? createMemoryCookieJar() : createDocumentCookieJar({ domain: options.cookieDomain })),
    storage: overrides.storage ?? (isServer ? createMemoryStorage() : createSafeStorage(() => g().localStorage)),
    lock: overrides.lock ?? createDefaultLock(),
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
