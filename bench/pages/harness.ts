// In-page half of the benchmarks: every bench page installs `window.bench` with the same functions, so the
// driver (bench/run.mjs) runs identical loops against plain fetch, authfront and the official SDK.

export interface BenchSdk {
  name: string
  /** One request through the SDK under test (or plain fetch). */
  call: (url: string) => Promise<Response>
  signIn: () => Promise<string>
  exists: () => Promise<boolean>
  /** One explicit session refresh through the SDK (a request to `/session/refresh`). */
  refresh: () => Promise<unknown>
  events: Record<string, number>
}

export interface BurstResult {
  startedAt: number
  endedAt: number
  ok: number
  failed: number
  statuses: Record<string, number>
}

/** Wall clock with sub-millisecond resolution, comparable across the tabs of one browser. */
const epoch = () => performance.timeOrigin + performance.now()

const EMAIL = 'bench@example.com'
const PASSWORD = 'benchpass1'
export const credentials = { email: EMAIL, password: PASSWORD }

function frontToken(): string {
  const now = Date.now()
  const ate = now + 3_600_000
  const up = {
    sub: 'user-stub',
    iat: Math.floor(now / 1000),
    exp: Math.floor(ate / 1000),
    sessionHandle: 'stub',
    tId: 'public',
  }
  return btoa(JSON.stringify({ uid: 'user-stub', ate, up }))
}

const stubUser = {
  id: 'user-stub',
  isPrimaryUser: false,
  tenantIds: ['public'],
  emails: [EMAIL],
  phoneNumbers: [],
  thirdParty: [],
  loginMethods: [
    {
      recipeId: 'emailpassword',
      recipeUserId: 'user-stub',
      tenantIds: ['public'],
      email: EMAIL,
      timeJoined: 0,
      verified: false,
    },
  ],
  timeJoined: 0,
}

/**
 * A platform fetch that answers at once, without the network: sign-in gets an OK with a front token valid for an
 * hour, everything else a 200. Used to time the JavaScript each SDK adds per call.
 */
export function stubFetch(input: RequestInfo | URL, _init?: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  if (url.includes('/auth/signin')) {
    return Promise.resolve(
      new Response(JSON.stringify({ status: 'OK', user: stubUser }), {
        status: 200,
        headers: { 'content-type': 'application/json', 'front-token': frontToken() },
      }),
    )
  }
  return Promise.resolve(new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } }))
}

export const isStub = () => new URLSearchParams(location.search).has('stub')

async function waitUntil(at: number): Promise<void> {
  const delay = at - epoch() - 4
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(delay, 10_000)))
  // The last few milliseconds are spun so both tabs start together; bounded by the 10 s cap above.
  while (epoch() < at && at - epoch() < 10) {
    /* spin */
  }
}

export function install(sdk: BenchSdk): void {
  const bench = {
    name: sdk.name,
    signIn: sdk.signIn,
    exists: sdk.exists,
    events: () => ({ ...sdk.events }),
    visibility: () => document.visibilityState,
    crossOriginIsolated: () => globalThis.crossOriginIsolated,
    /** `n` sequential calls; per-call durations in ms. */
    async sequential(n: number, url: string) {
      const durations: number[] = []
      let failures = 0
      for (let i = 0; i < n; i++) {
        const start = performance.now()
        const response = await sdk.call(url).catch(() => undefined)
        durations.push(performance.now() - start)
        if (response?.status !== 200) failures++
      }
      return { durations, failures }
    },
    /** `n` sequential calls; total ms (for calls too fast for the timer resolution). */
    async loopTotal(n: number, url: string) {
      let failures = 0
      const start = performance.now()
      for (let i = 0; i < n; i++) {
        const response = await sdk.call(url)
        if (response.status !== 200) failures++
      }
      return { totalMs: performance.now() - start, failures }
    },
    /** `n` concurrent calls started at the wall-clock time `at` (epoch ms). */
    async burst(n: number, url: string, at: number): Promise<BurstResult> {
      await waitUntil(at)
      const startedAt = epoch()
      const statuses: Record<string, number> = {}
      const results = await Promise.all(
        Array.from({ length: n }, () =>
          sdk.call(url).then(
            (response) => String(response.status),
            (error: unknown) => `threw ${error instanceof Error ? error.name : typeof error}`,
          ),
        ),
      )
      const endedAt = epoch()
      for (const status of results) statuses[status] = (statuses[status] ?? 0) + 1
      const ok = statuses['200'] ?? 0
      return { startedAt, endedAt, ok, failed: n - ok, statuses }
    },
    /**
     * A long-lived page's traffic: `batches` rounds of `perBatch` concurrent calls beside one explicit refresh.
     * Counts calls that did not answer 200 and refreshes that threw.
     */
    async churn(batches: number, perBatch: number, url: string) {
      let failed = 0
      let refreshFailed = 0
      const start = performance.now()
      for (let batch = 0; batch < batches; batch++) {
        const calls = Array.from({ length: perBatch }, () =>
          sdk.call(url).then(
            (response) => {
              if (response.status !== 200) failed++
              // Read like an app would, so no body stays pending.
              return response.text()
            },
            () => {
              failed++
            },
          ),
        )
        await Promise.all([
          ...calls,
          sdk.refresh().catch(() => {
            refreshFailed++
          }),
        ])
      }
      return { ms: performance.now() - start, failed, refreshFailed }
    },
  }
  Object.assign(globalThis, { bench })
}
