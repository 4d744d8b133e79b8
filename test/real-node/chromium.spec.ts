// The browser client in Chromium against real supertokens-node (docs/REAL-BACKEND.md): the node app also serves the
// page and authfront's source (through Vite), so the page, the API and node's httpOnly cookies share one origin.
//
//   AUTHFRONT_FRAMEWORKS=none flock /tmp/authfront-browser.lock npx playwright test --project real-node
import { resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { createServer as createViteServer } from 'vite'
import type { ViteDevServer } from 'vite'
import type { AuthClient, ThirdPartyApi, ThirdPartyCallbackResult } from '../../src/index'
import { startFakeProvider } from './fakeProvider'
import type { FakeProvider } from './fakeProvider'
import { startNodeApp } from './nodeApp'
import type { NodeApp } from './nodeApp'
import { startStandInCore } from './standInCore'
import type { StandInCore } from './standInCore'

declare global {
  interface Window {
    realNodeAuth: AuthClient & { thirdParty: ThirdPartyApi }
    /** What the page's `handleCallback` answered (or threw), on `/auth/callback/…`. */
    realNodeCallback?: ThirdPartyCallbackResult | { status: 'THREW'; message: string }
  }
}

const ROOT = resolve(import.meta.dirname, '../..')
const page = `<!doctype html><meta charset="utf-8"><title>real-node</title>
<script type="module">
  import { createAuthClient, thirdParty } from '/src/index.ts'
  window.realNodeAuth = createAuthClient({
    apiDomain: location.origin,
    recipes: [thirdParty({ providers: [{ id: 'acme', name: 'Acme' }] })],
  })
  if (location.pathname.startsWith('/auth/callback/')) {
    window.realNodeAuth.thirdParty.handleCallback().then(
      (result) => (window.realNodeCallback = result),
      (error) => (window.realNodeCallback = { status: 'THREW', message: String(error) }),
    )
  }
</script>`

let core: StandInCore
let app: NodeApp
let vite: ViteDevServer
let provider: FakeProvider

test.beforeAll(async () => {
  vite = await createViteServer({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    appType: 'custom',
    cacheDir: resolve(ROOT, 'node_modules/.vite/real-node'),
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { include: ['zustand/vanilla'] },
  })
  core = await startStandInCore()
  provider = await startFakeProvider()
  app = await startNodeApp({
    connectionURI: core.url,
    provider,
    serve: (req, res, next) => {
      // The callback path is under node's apiBasePath, but not one of its routes: node's middleware passes it on.
      if (req.path === '/' || req.path.startsWith('/auth/callback/')) res.type('html').send(page)
      else vite.middlewares(req, res, next)
    },
  })
})
test.afterAll(async () => {
  await app?.close()
  await core?.close()
  await provider?.close()
  await vite?.close()
})

test('sign up, call the API, reload, sign out and sign in again, with the browser keeping the cookies', async ({
  page: tab,
  context,
}) => {
  await tab.goto(`${app.url}/`)
  await tab.waitForFunction(() => window.realNodeAuth !== undefined)

  const userId = await tab.evaluate(async () => {
    const result = await window.realNodeAuth.emailPassword.signUp({
      email: 'chromium@example.com',
      password: 'password1',
    })
    return result.status === 'OK' ? result.user.id : result.status
  })
  expect(userId).toMatch(/^[0-9a-f-]{36}$/)
  const cookies = await context.cookies()
  expect(cookies.find((c) => c.name === 'sAccessToken')).toMatchObject({ httpOnly: true, path: '/' })
  expect(cookies.find((c) => c.name === 'sRefreshToken')).toMatchObject({
    httpOnly: true,
    path: '/auth/session/refresh',
  })
  expect(await tab.evaluate(() => document.cookie)).toContain('sFrontToken=')
  expect(await tab.evaluate(() => document.cookie)).not.toContain('sAccessToken')

  expect(await tab.evaluate(async () => (await window.realNodeAuth.doFetch('/api/me')).json())).toEqual({ userId })

  // A new page load knows the session from the cookies alone, and the refresh goes through the browser's cookie.
  await tab.reload()
  await tab.waitForFunction(() => window.realNodeAuth !== undefined)
  expect(await tab.evaluate(() => window.realNodeAuth.session.getUserId())).toBe(userId)
  expect(await tab.evaluate(() => window.realNodeAuth.session.refresh())).toBe(true)
  expect(await tab.evaluate(async () => (await window.realNodeAuth.doFetch('/api/me')).status)).toBe(200)

  await tab.evaluate(() => window.realNodeAuth.session.signOut())
  expect(await tab.evaluate(() => window.realNodeAuth.session.exists())).toBe(false)
  expect((await context.cookies()).map((c) => c.name)).not.toContain('sAccessToken')

  const wrong = await tab.evaluate(() =>
    window.realNodeAuth.emailPassword.signIn({ email: 'chromium@example.com', password: 'wrong-password1' }),
  )
  expect(wrong).toEqual({ status: 'WRONG_CREDENTIALS_ERROR' })
  const signIn = await tab.evaluate(() =>
    window.realNodeAuth.emailPassword.signIn({ email: 'chromium@example.com', password: 'password1' }),
  )
  expect(signIn.status).toBe('OK')
  expect(await tab.evaluate(() => window.realNodeAuth.session.getUserId())).toBe(userId)
})

test('social sign-in: the browser goes to the provider and back, the callback page signs in with node', async ({
  page: tab,
  context,
}) => {
  provider.nextAccount({ sub: 'chromium-social', email: 'social@example.com', emailVerified: true })
  await tab.goto(`${app.url}/`)
  await tab.waitForFunction(() => window.realNodeAuth !== undefined)
  // The PKCE verifier and the state wait in sessionStorage across the two page loads.
  await tab.evaluate(() => {
    void window.realNodeAuth.thirdParty.redirectToProvider('acme', { redirectToPath: '/orders' })
  })
  await tab.waitForURL(/\/auth\/callback\/acme\?code=/)
  const result = await (await tab.waitForFunction(() => window.realNodeCallback)).jsonValue()
  expect(result).toMatchObject({ status: 'OK', createdNewRecipeUser: true, redirectToPath: '/orders' })
  expect((await context.cookies()).find((c) => c.name === 'sAccessToken')).toMatchObject({ httpOnly: true })
  const me = await tab.evaluate(async () => (await window.realNodeAuth.doFetch('/api/me')).json())
  expect(me).toEqual({ userId: result?.status === 'OK' && 'user' in result ? result.user.id : 'not signed in' })

  // A reload of the callback page does not send the spent code again.
  await tab.reload()
  expect(await (await tab.waitForFunction(() => window.realNodeCallback)).jsonValue()).toEqual({
    status: 'STATE_MISSING',
  })
})
