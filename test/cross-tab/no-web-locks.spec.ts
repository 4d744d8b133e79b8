// The cross-tab refresh lock where Web Locks do not exist (issue 14 item 1): two Chromium tabs on a plain-http origin
// that is not localhost (`app.test`, which the `cross-tab` project in playwright.config.ts maps to 127.0.0.1), so
// `navigator.locks` is undefined, as on an intranet host or a phone on http://192.168.x.y. Both tabs hold the same
// session; the backend expires every access token; both tabs call the API at the same moment. Exactly one refresh per
// expiry, 20 trials out of 20, per token transfer mode: the mock rotates refresh tokens strictly, so a second refresh
// with the same token is token theft and signs out. An in-memory (per-tab) lock fails this within a few trials. The
// lock goes through IndexedDB there (one transaction per claim, atomic across tabs), never localStorage: its
// claim-and-wait once let both tabs in under a loaded CI run (trial 11 of 20: two refreshes, one tab signed out).
// The same on `localhost` (a secure context: Web Locks, and the CookieStore `change` event that lets each tab trust its
// last cookie read between changes, issue 18 item 4): a tab whose snapshot is stale when the other tab refreshed must
// still never send the rotated refresh token.
//
// Not an e2e scenario: the examples' mock runs in a service worker, which a non-secure origin does not have. Here the
// mock backend runs in Node behind a real HTTP server that also serves the client's source through Vite, so the
// browser stores the session cookies itself.
//
//   AUTHFRONT_FRAMEWORKS=none npx playwright test --project cross-tab      (no example servers)
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import type { BrowserContext } from '@playwright/test'
import { getResponse } from 'msw'
import { createServer as createViteServer } from 'vite'
import type { AuthClient } from '../../src/index'
import type { MockBackend, createMockBackend as CreateMockBackend } from '../../src/mock/index'

declare global {
  interface Window {
    client: AuthClient
    events: string[]
    storageWrites: string[]
  }
}

const HOST = 'app.test'
const ROOT = resolve(import.meta.dirname, '../..')
const TRIALS = 20
const CALLS_PER_TAB = 3
const PASSWORD = 'correct-horse-42'

const page = `<!doctype html><meta charset="utf-8"><title>cross-tab</title>
<script type="module">
  import { createAuthClient } from '/src/index.ts'
  // Every write to localStorage: the lock must not go through it where IndexedDB opens.
  window.storageWrites = []
  const setItem = Storage.prototype.setItem
  Storage.prototype.setItem = function (key, value) {
    window.storageWrites.push(key)
    return setItem.call(this, key, value)
  }
  const mode = new URLSearchParams(location.search).get('mode')
  const client = createAuthClient({ apiDomain: location.origin, tokenTransferMethod: mode })
  window.events = []
  client.on('*', (event) => window.events.push(event.type))
  client.mount()
  window.client = client
</script>`

let createBackend: typeof CreateMockBackend
let backend: MockBackend | undefined
let refreshes = 0
let port = 0
let stop: (() => Promise<void>) | undefined

// Each mode runs its 20 trials in one test: about 20 s with the 50 ms latency, more on a busy machine.
test.describe.configure({ timeout: 120_000 })

test.beforeAll(async () => {
  const vite = await createViteServer({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    appType: 'custom',
    cacheDir: resolve(ROOT, 'node_modules/.vite/cross-tab'),
    server: { middlewareMode: true, hmr: false, ws: false, watch: null, allowedHosts: [HOST, 'localhost'] },
    optimizeDeps: { include: ['zustand/vanilla'] },
  })
  const mock = (await vite.ssrLoadModule('/src/mock/index.ts')) as { createMockBackend: typeof CreateMockBackend }
  createBackend = mock.createMockBackend
  const http = createHttpServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
      return
    }
    if (!url.pathname.startsWith('/auth/') && url.pathname !== '/api/me') {
      vite.middlewares(req, res)
      return
    }
    if (url.pathname === '/auth/session/refresh') refreshes++
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) headers.set(name, [value ?? ''].flat().join(', '))
    const request = new Request(url, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    })
    const response = (await getResponse(backend!.handlers, request)) ?? new Response('not found', { status: 404 })
    const out: Record<string, string | string[]> = {}
    for (const [name, value] of response.headers) if (name !== 'set-cookie') out[name] = value
    const cookies = response.headers.getSetCookie()
    if (cookies.length) out['set-cookie'] = cookies
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done))
  port = (http.address() as AddressInfo).port
  stop = async () => {
    http.close()
    await vite.close()
  }
})

test.afterAll(async () => stop?.())

for (const mode of ['header', 'cookie'] as const) {
  test(`${mode} mode: two tabs on ${HOST} (no Web Locks), ${TRIALS} expiries, one refresh each`, async ({
    context,
  }) => {
    await run(context, mode, HOST)
  })
}

test(`header mode: two tabs on localhost (Web Locks, cookie snapshot), ${TRIALS} expiries, one refresh each`, async ({
  context,
}) => {
  await run(context, 'header', 'localhost')
})

async function run(context: BrowserContext, mode: 'header' | 'cookie', host: string) {
  const email = `tabs-${mode}@example.com`
  const origin = `http://${host}:${port}`
  // Latency as over a real network: without a cross-tab lock, the two tabs' refreshes would overlap every time.
  backend = createBackend({
    apiDomain: origin,
    latencyMs: 50,
    users: [{ email, password: PASSWORD, verified: true }],
  })
  const open = async () => {
    const tab = await context.newPage()
    await tab.goto(`${origin}/?mode=${mode}`)
    tab.on('pageerror', (error) => console.log(`    page error: ${error}`))
    await tab.waitForFunction(
      () => window.client !== undefined && window.client.store.getState().status !== 'loading',
      undefined,
      { timeout: 30_000 },
    )
    return tab
  }
  const first = await open()
  const secure = await first.evaluate(() => ({
    isSecureContext,
    locks: 'locks' in navigator,
    cookieStore: 'cookieStore' in globalThis,
    indexedDB: 'indexedDB' in globalThis,
  }))
  const isSecure = host === 'localhost'
  expect(secure, `the page must be a ${isSecure ? '' : 'non-'}secure origin`).toEqual({
    isSecureContext: isSecure,
    locks: isSecure,
    cookieStore: isSecure,
    indexedDB: true,
  })
  const signIn = await first.evaluate(
    ([e, p]) => window.client.emailPassword.signIn({ email: e, password: p }).then((r) => r.status),
    [email, PASSWORD] as const,
  )
  expect(signIn).toBe('OK')
  const second = await open()
  const tabs = [first, second]
  for (const tab of tabs) expect(await tab.evaluate(() => window.client.store.getState().status)).toBe('signedIn')

  for (let trial = 1; trial <= TRIALS; trial++) {
    backend.controls.expireAccessTokens()
    refreshes = 0
    // Both tabs start their calls at the same instant (one clock for the whole browser).
    const at = Date.now() + 150
    const statuses = await Promise.all(
      tabs.map((tab) =>
        tab.evaluate(
          async ([start, n]) => {
            await new Promise((done) => setTimeout(done, start - Date.now()))
            // Distinct URLs: Chromium's HTTP cache would otherwise send identical GETs one after another.
            const calls = Array.from({ length: n }, (_, i) =>
              window.client.doFetch(`${location.origin}/api/me?call=${Math.random()}${i}`),
            )
            return (await Promise.all(calls)).map((response) => response.status)
          },
          [at, CALLS_PER_TAB] as const,
        ),
      ),
    )
    const events = await Promise.all(tabs.map((tab) => tab.evaluate(() => window.events.splice(0))))
    const seen = `trial ${trial}: refreshes ${refreshes}, statuses ${JSON.stringify(statuses)}, events ${JSON.stringify(events)}`
    expect(refreshes, `exactly one refresh per expiry (${seen})`).toBe(1)
    expect(statuses.flat(), `every call succeeds (${seen})`).toEqual(Array(CALLS_PER_TAB * 2).fill(200))
    for (const list of events) {
      expect(list.includes('SIGN_OUT') || list.includes('UNAUTHORISED'), `no sign-out (${seen})`).toBe(false)
    }
  }
  if (!isSecure) {
    for (const tab of tabs) {
      const writes = await tab.evaluate(() => window.storageWrites.filter((key) => key.startsWith('authfront-lock')))
      expect(writes, 'the lock went through IndexedDB, not localStorage').toEqual([])
      const databases = await tab.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
      expect(databases).toContain('authfront-lock')
    }
  }
}
