// Two tabs of one browser profile share one session: one refresh for both, and sign-out reaches both at once.
import assert from 'node:assert/strict'
import type { Page } from '@playwright/test'
import { test } from './lib/fixtures'
import {
  button,
  countRequests,
  expectHeading,
  expectHome,
  expectPath,
  mock,
  seedUser,
  signIn,
  uniqueEmail,
} from './lib/helpers'

const BURST = 6

/** Fires `BURST` protected calls at once through the page's client; resolves with their statuses. */
const burst = (page: Page) =>
  page.evaluate(async (n) => {
    const auth = window.__authfrontClient!
    const url = `${auth.config.apiDomain}/api/me`
    const responses = await Promise.all(Array.from({ length: n }, () => auth.doFetch(url)))
    return responses.map((r) => r.status)
  }, BURST)

test('two tabs: a burst after expiry makes one refresh; sign-out shows in the other tab', async ({ context, page }) => {
  // Header mode: the tabs' copies of the mock share state through localStorage, which Chromium syncs between
  // tab processes a few milliseconds late; in cookie mode the mock's emulated cookie jar lives in that state, so
  // a retry right after the other tab's refresh could read the old cookies and refresh again. In header mode the
  // tokens live in the browser's cookies, which every tab reads at once, so this measures the client alone.
  await context.addInitScript(() => localStorage.setItem('authfront-example:tokenTransferMethod', 'header'))
  const email = uniqueEmail('tabs')
  await page.goto('/auth')
  await seedUser(page, { email })
  await signIn(page, email)
  await expectHome(page, email)

  const other = await context.newPage()
  await other.goto('/')
  await expectHome(other, email)

  const refreshes = countRequests(context, '/auth/session/refresh')
  const calls = countRequests(context, '/api/me')
  // One tab expires the tokens; the mock's state is shared by both tabs through localStorage.
  await mock(page, (m) => m.controls.expireAccessTokens())
  const [a, b] = await Promise.all([burst(page), burst(other)])
  assert.deepEqual([...a, ...b], Array(BURST * 2).fill(200), 'every call succeeds after the refresh')
  assert.equal(
    refreshes.count,
    1,
    `exactly one refresh across both tabs (saw ${refreshes.count}):\n${refreshes.log}\n${calls.log}`,
  )

  await button(page, 'Sign out').click()
  await expectPath(page, '/auth')
  // No reload in the other tab: the sign-out reaches it through the client's cross-tab sync.
  await expectPath(other, (url) => url.pathname === '/auth' && url.searchParams.get('redirectToPath') === '/')
  await expectHeading(other, 'Sign in')
})
