// The whole journey a new user takes, in every example, asserting the same visible outcomes.
import assert from 'node:assert/strict'
import { test } from './lib/fixtures'
import {
  PASSWORD,
  button,
  countRequests,
  emailInput,
  expectHeading,
  expectHome,
  expectPath,
  mock,
  outboxLink,
  passwordInput,
  uniqueEmail,
} from './lib/helpers'

test('journey: sign up, verify email, call the API, refresh, sign out', async ({ page, context, shot }) => {
  const email = uniqueEmail('journey')
  const refreshes = countRequests(context, '/auth/session/refresh')

  // The protected page sends a visitor without a session to the auth page, remembering where they were.
  await page.goto('/')
  await expectPath(page, (url) => url.pathname === '/auth' && url.searchParams.get('redirectToPath') === '/')
  await expectHeading(page, 'Sign in')
  await shot('sign-in')

  await button(page, 'Sign up').click()
  await expectHeading(page, 'Create an account')
  await emailInput(page).fill(email)
  await passwordInput(page).fill(PASSWORD)
  await shot('sign-up')
  await button(page, 'Sign up').click()

  // Email verification is required: the app asks the user to check their email, and the mock "sent" a link.
  await expectPath(page, '/auth/verify-email')
  await expectHeading(page, 'Verify your email')
  await page.getByText('Verification email sent.').waitFor()
  await outboxLink(page, 'Verify email', email).waitFor()
  await shot('verify-email-sent')

  await outboxLink(page, 'Verify email', email).click()
  await expectHeading(page, 'Email verified')
  await shot('verify-email-success')
  await button(page, 'Continue').click()

  // Back where they started: the protected page calls the protected API through doFetch.
  await expectPath(page, '/')
  await expectHome(page, email)
  const expiryBefore = await page.locator('[data-ex="expiry"]').textContent()
  assert.match(expiryBefore ?? '', /^\d\d:\d\d:\d\d$/, 'the access token expiry is shown')
  assert.equal(await page.locator('[data-ex="refreshes"]').textContent(), '0')
  await shot('home')

  // Expire the access token on the mock: the next call gets 401, refreshes once and retries.
  const before = refreshes.count
  await mock(page, (m) => m.controls.expireAccessTokens())
  await button(page, 'Call the API again').click()
  await page.locator('[data-ex="refreshes"]').filter({ hasText: /^1$/ }).waitFor()
  await expectHome(page, email)
  assert.equal(refreshes.count - before, 1, 'exactly one refresh request')

  // Signing out ends the session; the guard sends the user back to the auth page.
  await button(page, 'Sign out').click()
  await expectPath(page, (url) => url.pathname === '/auth' && url.searchParams.get('redirectToPath') === '/')
  await expectHeading(page, 'Sign in')
  // And the protected page stays protected after a reload.
  await page.goto('/')
  await expectPath(page, '/auth')
  assert.equal(await mock(page, (m) => m.controls.pendingFaults()), 0)
})
