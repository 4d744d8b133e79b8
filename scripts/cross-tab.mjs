#!/usr/bin/env node
// The cross-tab refresh lock where Web Locks do not exist (issue 14 item 1): two Chromium tabs on a plain-http origin
// that is not localhost (`app.test`, mapped to 127.0.0.1), so `navigator.locks` is undefined, as on an intranet host
// or a phone on http://192.168.x.y. Both tabs hold the same session; the backend expires every access token; both
// tabs call the API at the same moment. Exactly one refresh per expiry, 20 trials out of 20, per token transfer mode:
// the mock rotates refresh tokens strictly, so a second refresh with the same token is token theft and signs out.
//
// Not an e2e scenario: the examples' mock runs in a service worker, which a non-secure origin does not have. Here the
// mock backend runs in Node behind a real HTTP server that also serves the client's source through Vite, so the
// browser stores the session cookies itself. Writes artifacts/cross-tab.json as { passed, failed }.
//
//   node scripts/cross-tab.mjs [--trials 20]
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { join, resolve } from 'node:path'
import { getResponse } from 'msw'
import { createServer as createViteServer } from 'vite'
import { CHROMIUM_ARGS, launchChromium } from './lib/chromium.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const HOST = 'app.test'
const trialsArg = process.argv.indexOf('--trials')
const TRIALS = trialsArg > 0 ? Number(process.argv[trialsArg + 1]) : 20
const CALLS_PER_TAB = 3
const PASSWORD = 'correct-horse-42'

const vite = await createViteServer({
  configFile: false,
  root: ROOT,
  logLevel: 'warn',
  appType: 'custom',
  cacheDir: join(ROOT, 'node_modules/.vite/cross-tab'),
  server: { middlewareMode: true, hmr: false, ws: false, watch: null, allowedHosts: [HOST] },
  optimizeDeps: { include: ['zustand/vanilla'] },
})
const { createMockBackend } = await vite.ssrLoadModule('/src/mock/index.ts')

let backend
let refreshes = 0
const page = `<!doctype html><meta charset="utf-8"><title>cross-tab</title>
<script type="module">
  import { createAuthClient } from '/src/index.ts'
  const mode = new URLSearchParams(location.search).get('mode')
  const client = createAuthClient({ apiDomain: location.origin, tokenTransferMethod: mode })
  window.events = []
  client.on('*', (event) => window.events.push(event.type))
  client.mount()
  window.client = client
</script>`

const http = createHttpServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`)
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
    return
  }
  if (!url.pathname.startsWith('/auth/') && url.pathname !== '/api/me') {
    vite.middlewares(req, res)
    return
  }
  if (url.pathname === '/auth/session/refresh') refreshes++
  const chunks = []
  for await (const chunk of req) chunks.push(chunk)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) headers.set(name, [value].flat().join(', '))
  const request = new Request(url, {
    method: req.method,
    headers,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  })
  const response = (await getResponse(backend.handlers, request)) ?? new Response('not found', { status: 404 })
  const out = {}
  for (const [name, value] of response.headers) if (name !== 'set-cookie') out[name] = value
  const cookies = response.headers.getSetCookie()
  if (cookies.length) out['set-cookie'] = cookies
  res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()))
})
await new Promise((done) => http.listen(0, '127.0.0.1', done))
const origin = `http://${HOST}:${http.address().port}`

const results = { passed: 0, failed: 0 }
const browser = await launchChromium({ args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] })
try {
  for (const mode of ['header', 'cookie']) {
    const name = `${mode} mode: two tabs on ${HOST} (no Web Locks), ${TRIALS} expiries, one refresh each`
    const context = await browser.newContext()
    try {
      await run(context, mode)
      results.passed++
      console.log(`  ✔ ${name}`)
    } catch (error) {
      results.failed++
      console.log(`  ✖ ${name}\n${error?.stack ?? error}`)
    } finally {
      await context.close()
    }
  }
} finally {
  await browser.close()
  http.close()
  await vite.close()
}

mkdirSync(join(ROOT, 'artifacts'), { recursive: true })
writeFileSync(join(ROOT, 'artifacts/cross-tab.json'), `${JSON.stringify(results)}\n`)
console.log(`\n${results.passed} passed, ${results.failed} failed`)
process.exit(results.failed > 0 ? 1 : 0)

async function run(context, mode) {
  const email = `tabs-${mode}@example.com`
  // Latency as over a real network: without a cross-tab lock, the two tabs' refreshes would overlap every time.
  backend = createMockBackend({
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
  const secure = await first.evaluate(() => ({ isSecureContext, locks: 'locks' in navigator }))
  assert.deepEqual(secure, { isSecureContext: false, locks: false }, 'the page must be a non-secure origin')
  const signIn = await first.evaluate(
    ([e, p]) => window.client.emailPassword.signIn({ email: e, password: p }).then((r) => r.status),
    [email, PASSWORD],
  )
  assert.equal(signIn, 'OK')
  const second = await open()
  const tabs = [first, second]
  for (const tab of tabs) assert.equal(await tab.evaluate(() => window.client.store.getState().status), 'signedIn')

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
          [at, CALLS_PER_TAB],
        ),
      ),
    )
    const events = await Promise.all(tabs.map((tab) => tab.evaluate(() => window.events.splice(0))))
    const context = `trial ${trial}: refreshes ${refreshes}, statuses ${JSON.stringify(statuses)}, events ${JSON.stringify(events)}`
    assert.equal(refreshes, 1, `exactly one refresh per expiry (${context})`)
    assert.deepEqual(statuses.flat(), Array(CALLS_PER_TAB * 2).fill(200), `every call succeeds (${context})`)
    for (const list of events) {
      assert.ok(!list.includes('SIGN_OUT') && !list.includes('UNAUTHORISED'), `no sign-out (${context})`)
    }
  }
}
