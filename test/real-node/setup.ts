/**
 * One stand-in core and one supertokens-node app per test file, and authfront clients that talk to the app over real
 * HTTP the way a browser tab would: the httpOnly cookies in `browserCookies`, the frontend-readable ones in a
 * `createTestCookieJar` jar.
 */
import { afterAll, beforeAll, expect } from 'vitest'
import { createAuthClient, createMemoryLock, createMemoryStorage } from 'authfront'
import type { AuthEvent, EmailVerificationMode, RecipePlugin, TokenTransferMethod } from 'authfront'
import { createTestCookieJar } from 'authfront/mock'
import { createBrowserCookies } from './browserCookies'
import { startFakeProvider } from './fakeProvider'
import type { FakeProvider } from './fakeProvider'
import { startNodeApp } from './nodeApp'
import type { NodeApp, NodeAppOptions } from './nodeApp'
import { startStandInCore } from './standInCore'
import type { StandInCore } from './standInCore'

export interface Backend {
  core: StandInCore
  app: NodeApp
  provider: FakeProvider
}

/** Starts the core and the app before the file's tests and stops them after. */
export function useRealBackend(options: Omit<NodeAppOptions, 'connectionURI' | 'provider'> = {}): Backend {
  const backend = {} as Backend
  beforeAll(async () => {
    backend.core = await startStandInCore()
    backend.provider = await startFakeProvider()
    backend.app = await startNodeApp({ ...options, connectionURI: backend.core.url, provider: backend.provider })
  })
  afterAll(async () => {
    // A core call this stand-in does not know would have failed a request already; this names it.
    expect(backend.core?.unknown).toEqual([])
    await backend.app?.close()
    await backend.core?.close()
    await backend.provider?.close()
  })
  return backend
}

export interface TabOptions {
  mode: TokenTransferMethod
  emailVerification?: EmailVerificationMode
  /** The client's clock. Defaults to `Date.now` at call time (so a test that moves `Date.now` moves it too). */
  now?: () => number
}

let emailCounter = 0
/** A fresh address per call: users live as long as the file's core. */
export const freshEmail = (name: string) => `${name}-${++emailCounter}@example.com`

/** A browser tab on the app's website: an authfront client, its cookies, its events and its requests. */
export function openTab<const R extends readonly RecipePlugin[] = readonly []>(
  app: NodeApp,
  options: TabOptions & { recipes?: R },
) {
  const browser = createBrowserCookies()
  const frontendCookies = createTestCookieJar()
  const requests: string[] = []
  const events: AuthEvent[] = []
  const client = createAuthClient({
    apiDomain: app.url,
    recipes: options.recipes,
    tokenTransferMethod: options.mode,
    emailVerification: options.emailVerification ?? 'off',
    platform: {
      fetch: (input, init) => {
        const request = new Request(input, init)
        requests.push(`${request.method} ${new URL(request.url).pathname}`)
        return browser.fetch(request)
      },
      cookies: frontendCookies,
      storage: createMemoryStorage(),
      lock: createMemoryLock(),
      broadcast: () => undefined,
      now: options.now ?? (() => Date.now()),
      origin: () => app.websiteDomain,
      isServer: false,
    },
  })
  client.on('*', (event) => events.push(event))
  return {
    client,
    browser,
    frontendCookies,
    requests,
    events,
    eventTypes: () => events.map((event) => event.type),
    /** Forgets the requests and events so far. */
    reset() {
      requests.length = 0
      events.length = 0
    },
  }
}

export type Tab = ReturnType<typeof openTab<readonly []>>

/** Signs a new user up in `tab` and returns the user id. */
export async function signUp(
  tab: Tab,
  name: string,
  password = 'password1',
): Promise<{ email: string; userId: string }> {
  const email = freshEmail(name)
  const result = await tab.client.emailPassword.signUp({ email, password })
  if (result.status !== 'OK') throw new Error(`sign-up failed: ${JSON.stringify(result)}`)
  tab.reset()
  return { email, userId: result.user.id }
}
