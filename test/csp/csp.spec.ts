// Strict Content-Security-Policy: each example's production build, served by `vite preview` with the policy of
// examples/common/servers.ts on every response (playwright.config.ts starts it), runs the whole auth journey with
// no violation. The dev servers inject inline scripts, so only a production build can be checked.
import assert from 'node:assert/strict'
import type { BrowserContext, ConsoleMessage } from '@playwright/test'
import { CSP_POLICY } from '../../examples/common/servers'
import { test } from '../e2e/lib/fixtures'
import {
  PASSWORD,
  button,
  emailInput,
  expectHeading,
  expectHome,
  expectPath,
  outboxLink,
  passwordInput,
  signIn,
  uniqueEmail,
} from '../e2e/lib/helpers'

interface Violation {
  directive: string
  blockedURI: string
  source: string
  sample: string
  page: string
}

declare global {
  interface Window {
    __cspViolations: Violation[]
    __cspReport?: (violation: Violation) => void
    __inlineScriptRan?: boolean
  }
}

/**
 * Makes the context's pages report CSP violations (the `securitypolicyviolation` event, kept across page loads
 * through a binding as well as in `window.__cspViolations`), CSP console messages and uncaught errors.
 */
async function watch(context: BrowserContext) {
  const seen = { violations: [] as Violation[], consoleCsp: [] as string[], pageErrors: [] as string[] }
  await context.exposeBinding('__cspReport', (_source, violation: Violation) => void seen.violations.push(violation))
  await context.addInitScript(() => {
    window.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      const violation = {
        directive: e.effectiveDirective,
        blockedURI: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
        sample: e.sample,
        page: location.pathname,
      }
      window.__cspViolations.push(violation)
      window.__cspReport?.(violation)
    })
  })
  const onConsole = (message: ConsoleMessage) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.consoleCsp.push(message.text())
  }
  context.on('console', onConsole)
  context.on('serviceworker', (worker) => worker.on('console', onConsole))
  context.on('weberror', (e) => void seen.pageErrors.push(String(e.error()?.stack ?? e.error())))
  return seen
}

test('the build serves index.html without an inline script, its assets and the mock service worker', async ({
  request,
}) => {
  const html = await (await request.get('/')).text()
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'index.html has no inline <script>')
  const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1]
  assert.ok(asset, 'index.html loads a script from /assets/')
  for (const path of [asset, '/mockServiceWorker.js']) {
    const response = await request.get(path)
    assert.equal(response.status(), 200, `status of ${path} (publicDir must hold the MSW worker)`)
    assert.match(response.headers()['content-type'] ?? '', /javascript/, `content type of ${path}`)
  }
})

test('every response carries the policy header: page, client route, worker, asset, 404', async ({ request }) => {
  const html = await (await request.get('/')).text()
  const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1] ?? '/assets/missing.js'
  const expected = { '/': 200, '/auth/verify-email': 200, '/mockServiceWorker.js': 200, [asset]: 200, '/x.js': 404 }
  for (const [path, status] of Object.entries(expected)) {
    // Sent as the browser would: a page load accepts HTML, a script does not. (Vite's SPA fallback answers any
    // request accepting HTML or */* with index.html, so only a request like a script's can get the 404.)
    const accept = path.endsWith('.js') ? 'text/javascript' : 'text/html'
    const response = await request.get(path, { headers: { accept } })
    assert.equal(response.status(), status, `status of ${path}`)
    assert.equal(response.headers()['content-security-policy'], CSP_POLICY, `CSP header of ${path}`)
  }
})

// The "can fail" proof: code the policy must refuse is refused in the same build and server.
test('an inline script and an inline style attribute are blocked', async ({ context, page }) => {
  const seen = await watch(context)
  await page.goto('/auth')
  await expectHeading(page, 'Sign in')
  // Only what the probe causes counts here; the app's own reports are the journey's business.
  const before = await page.evaluate(() => window.__cspViolations.length)
  const consoleBefore = seen.consoleCsp.length

  // Playwright may reject or resolve here depending on how the refusal surfaces; the outcome is checked below.
  await page.addScriptTag({ content: 'window.__inlineScriptRan = true' }).catch(() => {})
  await page.evaluate(() => {
    const probe = document.createElement('p')
    probe.id = 'csp-style-probe'
    document.body.append(probe)
    probe.setAttribute('style', 'color: rgb(255, 0, 0)')
  })
  await page.waitForFunction((n) => window.__cspViolations.length >= n + 2, before, { timeout: 5000 }).catch(() => {})

  const ran = await page.evaluate(() => window.__inlineScriptRan === true)
  const color = await page.locator('#csp-style-probe').evaluate((el) => getComputedStyle(el).color)
  const directives = await page.evaluate((n) => window.__cspViolations.slice(n).map((v) => v.directive), before)
  assert.equal(ran, false, 'the inline script must not run')
  assert.notEqual(color, 'rgb(255, 0, 0)', 'the inline style attribute must not apply')
  assert.ok(directives.includes('script-src-elem'), `a script-src-elem violation is reported (got ${directives})`)
  assert.ok(directives.includes('style-src-attr'), `a style-src-attr violation is reported (got ${directives})`)
  const logged = seen.consoleCsp.slice(consoleBefore)
  assert.ok(
    logged.some((text) => /inline script/i.test(text) && /Content Security Policy/.test(text)),
    `Chromium logs the refused inline script (console: ${JSON.stringify(logged)})`,
  )
})

test('journey: sign up, verify, protected API, sign out, sign in: no CSP violation', async ({ context, page }) => {
  const seen = await watch(context)
  const email = uniqueEmail('csp')

  // First visit: the mock backend's service worker registers under the policy, the guard sends the visitor to /auth.
  await page.goto('/')
  await expectPath(page, (url) => url.pathname === '/auth' && url.searchParams.get('redirectToPath') === '/')
  await expectHeading(page, 'Sign in')
  for (const host of ['af-sign-in-up', 'ex-dev-panel']) {
    // Angular's component hosts must still get `display: contents` (set through CSSOM, not a style attribute).
    if (await page.locator(host).count()) {
      assert.equal(await page.locator(host).evaluate((el) => getComputedStyle(el).display), 'contents', host)
    }
  }

  await button(page, 'Sign up').click()
  await expectHeading(page, 'Create an account')
  await emailInput(page).fill(email)
  await passwordInput(page).fill(PASSWORD)
  await button(page, 'Sign up').click()

  await expectPath(page, '/auth/verify-email')
  await expectHeading(page, 'Verify your email')
  await page.getByText('Verification email sent.').waitFor()
  await outboxLink(page, 'Verify email', email).click()
  await expectHeading(page, 'Email verified')
  await button(page, 'Continue').click()

  await expectPath(page, '/')
  await expectHome(page, email)
  assert.ok(
    await page.evaluate(() => navigator.serviceWorker.controller !== null),
    'the answer came through the mock backend service worker',
  )

  await button(page, 'Sign out').click()
  await expectPath(page, (url) => url.pathname === '/auth' && url.searchParams.get('redirectToPath') === '/')
  await expectHeading(page, 'Sign in')

  // A full page load (SPA fallback, stored mock state) before signing in again with the same credentials.
  await page.goto('/')
  await expectPath(page, '/auth')
  await signIn(page, email)
  await expectPath(page, '/')
  await expectHome(page, email)

  // Late reports (a style applied after the last render) still count.
  await page.waitForTimeout(300)
  assert.deepEqual(seen.violations, [], 'securitypolicyviolation events')
  assert.deepEqual(seen.consoleCsp, [], 'CSP messages in the console')
  assert.deepEqual(seen.pageErrors, [], 'uncaught page errors')
})
