/**
 * Shared set-up of the contract suites: one MSW server (the real mock backend over the wire), a fresh backend and
 * a real client per test, a request log, and the render-function type each binding implements.
 */
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { configure } from '@testing-library/dom'
import type { Mock } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import type { AuthClient, ClaimValidator, EmailVerificationMode } from 'authfront'
import { http, HttpResponse } from 'msw'
import type { RequestHandler } from 'msw'
import type { RecipeClients, RecipePlugin } from '../../src/recipes/types'
import { createMockBackend } from 'authfront/mock'
import type { MockBackend, MockBackendOptions, MockSeedUser, MockSignUpField } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'
import userEvent from '@testing-library/user-event'

/** The components every binding provides. */
export type ContractComponent = 'SignInUp' | 'ResetPassword' | 'EmailVerification' | 'SessionAuth'

export interface RenderRequest {
  component: ContractComponent
  /** Provide it the binding's way (React `<AuthProvider>`, Vue `authPlugin`, Angular `provideAuth`). */
  client: AuthClient
  /** The component's props/inputs (flow options), passed as is. */
  props: Record<string, unknown>
  /**
   * SessionAuth only. Render each given text inside a `<p>` in the matching slot: children (default slot),
   * `fallback`, `accessDenied`. `accessDeniedClaims` is the access-denied content given the binding's way of
   * receiving the failed claims (React: a function, Vue: a scoped slot, Angular: the `accessDenied` template input):
   * a `<p>` with the text, `: ` and the failed claims' ids joined by `, `.
   */
  slots?: { children?: string; fallback?: string; accessDenied?: string; accessDeniedClaims?: string }
}

export interface Rendered {
  /** The element the component was rendered into (attached to `document.body`). */
  container: HTMLElement
  unmount(): void | Promise<void>
}

/** What each binding's test file passes to the contract suites. Resolve once the first render is in the DOM. */
export type ContractRender = (request: RenderRequest) => Promise<Rendered>

export interface LoggedRequest {
  method: string
  path: string
  body: Promise<string>
}

export interface ContractCase {
  backend: MockBackend
  /** With the recipe plugins of `CaseOptions.recipes`, if any. */
  client: AuthClient & Partial<RecipeClients>
  navigate: Mock<(path: string) => void>
  /** Requests the client sent to this case's backend (after set-up), oldest first. */
  requests: LoggedRequest[]
  /** Requests whose path ends with `suffix`. */
  requestsTo(suffix: string, method?: string): LoggedRequest[]
}

// Requests go through MSW and a real client; on a loaded 2-core machine 1 s (the default) is too tight.
configure({ asyncUtilTimeout: 5000 })

export const ADA = { email: 'ada@example.com', password: 'password1' }

let server: ReturnType<typeof setupMockServer> | undefined
let serverUsers = 0
let caseCounter = 0
const logs = new Map<string, LoggedRequest[]>()

/** Registers the shared MSW server for the enclosing `describe` (reference-counted across suites). */
export function useContractServer(): void {
  beforeAll(() => {
    if (serverUsers++ > 0) return
    server = setupMockServer(createMockBackend({ apiDomain: 'http://contract-base.test' }))
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url)
      logs.get(url.origin)?.push({ method: request.method, path: url.pathname, body: request.clone().text() })
    })
    server.listen({ onUnhandledRequest: 'error' })
  })
  afterEach(() => {
    server?.resetHandlers()
    logs.clear()
  })
  afterAll(() => {
    if (--serverUsers > 0) return
    server?.close()
    server = undefined
  })
}

export interface CaseOptions {
  users?: MockSeedUser[]
  emailVerification?: EmailVerificationMode
  signUpFields?: MockSignUpField[]
  /** Sign in through the client before the test (requests of the set-up are not logged). */
  signInAs?: { email: string; password: string }
  /**
   * The mock backend's recipe options (`thirdParty`, `passwordless`, `tenants`, `multiFactor`, `webauthn`), its clock
   * and token lifetimes.
   */
  mock?: Pick<
    MockBackendOptions,
    | 'thirdParty'
    | 'passwordless'
    | 'tenants'
    | 'multiFactor'
    | 'webauthn'
    | 'now'
    | 'accessTokenLifetimeMs'
    | 'refreshTokenLifetimeMs'
  >
  /** Seeds the backend (e.g. a TOTP device) before `signInAs` signs in. */
  beforeSignIn?: (backend: MockBackend) => void
  /** Recipe plugins for the client (`thirdParty()`, `passwordless()`, `multitenancy()`). */
  recipes?: readonly RecipePlugin[]
  /** Handlers tried before the mock backend's, for this case's API origin (`apiDomain` is passed in). */
  handlers?: (apiDomain: string) => RequestHandler[]
  /** The client's clock. Defaults to `Date.now`. */
  now?: () => number
  /** The client's global claim validators (`AuthConfig.claimValidators`). Defaults to none. */
  claimValidators?: readonly ClaimValidator[]
  /**
   * Entries the backend merges into the access token payload after `signInAs` signs in (e.g. a `st-role` claim), as
   * an app's API would with `mergeIntoAccessTokenPayload`. Defaults to none.
   */
  accessTokenClaims?: Record<string, unknown>
}

/** A fresh backend on its own origin, a real client wired to it, and a navigate spy. */
export async function createCase(options: CaseOptions = {}): Promise<ContractCase> {
  if (!server) throw new Error('Call useContractServer() in the enclosing describe.')
  const apiDomain = `http://api-contract-${++caseCounter}.test`
  const backend = createMockBackend({
    apiDomain,
    users: options.users ?? [ADA],
    emailVerification: options.emailVerification ?? 'off',
    signUpFields: options.signUpFields,
    ...options.mock,
  })
  server.use(...backend.handlers)
  if (options.handlers) server.use(...options.handlers(apiDomain))
  const claims = options.accessTokenClaims
  if (claims) {
    server.use(
      http.post(
        `${apiDomain}/__contract/claims`,
        backend.protect(({ session }) => {
          session.mergeIntoAccessTokenPayload(claims)
          return HttpResponse.json({ status: 'OK' })
        }),
      ),
    )
  }
  const client: AuthClient & Partial<RecipeClients> = createAuthClient({
    apiDomain,
    emailVerification: options.emailVerification ?? 'off',
    recipes: options.recipes ?? [],
    ...(options.claimValidators && { claimValidators: options.claimValidators }),
    platform: {
      cookies: createMemoryCookieJar(),
      storage: createMemoryStorage(),
      lock: createMemoryLock(),
      broadcast: () => undefined,
      ...(options.now && { now: options.now }),
    },
  })
  options.beforeSignIn?.(backend)
  if (options.signInAs) {
    const result = await client.emailPassword.signIn(options.signInAs)
    if (result.status !== 'OK') throw new Error(`set-up sign-in failed: ${result.status}`)
    if (claims && (await client.doFetch(`${apiDomain}/__contract/claims`, { method: 'POST' })).status !== 200) {
      throw new Error('set-up of the access token claims failed')
    }
  }
  const requests: LoggedRequest[] = []
  logs.set(apiDomain, requests)
  return {
    backend,
    client,
    navigate: vi.fn<(path: string) => void>(),
    requests,
    requestsTo: (suffix, method) =>
      requests.filter(
        (request) => request.path.endsWith(suffix) && (method === undefined || request.method === method),
      ),
  }
}

/** The `formFields` of a logged JSON body, as `{ id: value }`. */
export async function formFieldsOf(request: LoggedRequest | undefined): Promise<Record<string, unknown>> {
  if (!request) throw new Error('no such request')
  const body = JSON.parse(await request.body) as { formFields?: { id: string; value: unknown }[] }
  return Object.fromEntries((body.formFields ?? []).map((field) => [field.id, field.value]))
}

export interface ManualClock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  /** Moves time forward and runs the timers that came due, in order. */
  advance(ms: number): void
}

/** A hand-driven clock for the flows' `timers` option (works the same in every framework). */
export function createManualClock(start = 1_000_000): ManualClock {
  let now = start
  let nextId = 0
  const timers = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => now,
    setTimeout(callback, ms) {
      timers.set(++nextId, { at: now + ms, callback })
      return nextId
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    advance(ms) {
      const target = now + ms
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0]
        if (!due) break
        timers.delete(due[0])
        now = Math.max(now, due[1].at)
        due[1].callback()
      }
      now = target
    },
  }
}

/** user-event without the timer tick between keystrokes (keeps the suites fast; behaviour is the same). */
export function setupUser(): ReturnType<typeof userEvent.setup> {
  return userEvent.setup({ delay: null })
}
