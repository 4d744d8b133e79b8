/**
 * Shared set-up of the reliability suites: one MSW server per file over the real mock backend, a fake clock shared
 * by the backend and the client, a request log, and a watch on unhandled promise rejections.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { SetupServer } from 'msw/node'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import type { AuthClient, AuthConfig, AuthEvent, KeyValueStorage, Platform } from 'authfront'
import { createMockBackend } from 'authfront/mock'
import type { MockBackend, MockBackendOptions } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'
import { createFakeClock, freshApiDomain } from '../client/helpers'
import type { FakeClock } from '../client/helpers'

export const ADA = { email: 'ada@example.com', password: 'password1' }

/** Collects unhandled rejections of the whole file; `expectNone()` in `afterEach` fails the test that caused one. */
export function watchUnhandledRejections() {
  const seen: unknown[] = []
  const onRejection = (reason: unknown) => void seen.push(reason)
  beforeAll(() => void process.on('unhandledRejection', onRejection))
  afterAll(() => void process.off('unhandledRejection', onRejection))
  afterEach(async () => {
    // Rejections are reported after a macrotask turn.
    await new Promise((resolve) => setImmediate(resolve))
    const found = seen.splice(0)
    expect(found, 'unhandled rejections').toEqual([])
  })
  return seen
}

/** One MSW server per file; tests swap their handlers in with `server.resetHandlers`. */
export function installServer(): SetupServer {
  const server = setupMockServer(createMockBackend({ apiDomain: 'http://unused.test' }))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    server.events.removeAllListeners()
  })
  afterAll(() => server.close())
  return server
}

export interface Setup {
  api: string
  clock: FakeClock
  backend: MockBackend
  client: AuthClient
  cookies: ReturnType<typeof createMemoryCookieJar>
  events: AuthEvent[]
  eventTypes(): string[]
  /** `METHOD /path` of every request the backend saw, oldest first. */
  paths: string[]
  count(path: string, method?: string): number
  /** Clears the request log and the event list. */
  mark(): void
}

export interface SetupOptions {
  backend?: Partial<MockBackendOptions>
  client?: Partial<Omit<AuthConfig, 'platform'>>
  platform?: Partial<Platform>
  /** Client clock minus server clock. */
  clientOffsetMs?: number
  storage?: KeyValueStorage
  extraHandlers?: Parameters<SetupServer['use']>
}

export function setup(server: SetupServer, options: SetupOptions = {}): Setup {
  const api = freshApiDomain()
  const clock = createFakeClock(Date.now())
  const backend = createMockBackend({ apiDomain: api, now: clock.now, users: [ADA], ...options.backend })
  const paths: string[] = []
  server.events.removeAllListeners()
  server.events.on('request:start', ({ request }) => {
    paths.push(`${request.method} ${new URL(request.url).pathname}`)
  })
  server.resetHandlers(...(options.extraHandlers ?? []), ...backend.handlers)
  const cookies = createMemoryCookieJar()
  const offset = options.clientOffsetMs ?? 0
  const events: AuthEvent[] = []
  const client = createAuthClient({
    apiDomain: api,
    ...options.client,
    platform: {
      cookies,
      storage: options.storage ?? createMemoryStorage(),
      lock: createMemoryLock(),
      broadcast: () => undefined,
      now: () => clock.now() + offset,
      setTimeout: clock.setTimeout,
      clearTimeout: clock.clearTimeout,
      origin: () => 'http://app.test',
      isServer: false,
      ...options.platform,
    },
  })
  client.on('*', (event) => events.push(event))
  return {
    api,
    clock,
    backend,
    client,
    cookies,
    events,
    eventTypes: () => events.map((event) => event.type),
    paths,
    count: (path, method) =>
      paths.filter((p) => p.endsWith(' ' + path) && (method === undefined || p.startsWith(method + ' '))).length,
    mark() {
      paths.length = 0
      events.length = 0
    },
  }
}

/** Resolves when `condition` holds, checking after each macrotask (no sleeping on a wall-clock timer). */
export async function until(condition: () => boolean, what = 'condition', maxTurns = 5000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn++) {
    if (condition()) return
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Settles a promise into a value or its rejection, for assertions on what it rejected with. */
export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise }
  } catch (error) {
    return { ok: false, error }
  }
}
