// The journey by keyboard alone: Tab, Shift+Tab, typing and Enter; no clicks.
import assert from 'node:assert/strict'
import { test } from './lib/fixtures'
import {
  PASSWORD,
  expectAttribute,
  expectHeading,
  expectHome,
  expectPath,
  focusedText,
  tabTo,
  uniqueEmail,
} from './lib/helpers'

test('keyboard: sign up, verify, reach the API and sign out without a mouse', async ({ page }) => {
  const email = uniqueEmail('keys')
  await page.goto('/')
  await expectPath(page, '/auth')
  await expectHeading(page, 'Sign in')

  await tabTo(page, 'Sign up')
  await page.keyboard.press('Enter')
  await expectHeading(page, 'Create an account')
  // A screen change moves focus to the new heading, so screen readers announce it.
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-af-heading'))
  assert.equal(await focusedText(page), 'Create an account')

  await tabTo(page, 'Email')
  await page.keyboard.type(email)
  await tabTo(page, 'Password')
  await page.keyboard.type(PASSWORD)
  // The password toggle is a real button: Space reveals the password, and again hides it.
  await page.keyboard.press('Tab')
  assert.equal(await focusedText(page), 'Show password')
  const password = page.getByLabel('Password', { exact: true })
  await page.keyboard.press('Space')
  await expectAttribute(password, 'type', 'text')
  await expectAttribute(page.getByRole('button', { name: 'Show password' }), 'aria-pressed', 'true')
  await page.keyboard.press('Space')
  await expectAttribute(password, 'type', 'password')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Enter')

  await expectPath(page, '/auth/verify-email')
  await page.getByText('Verification email sent.').waitFor()
  await tabTo(page, `Verify email link for ${email}`)
  await page.keyboard.press('Enter')
  await expectHeading(page, 'Email verified')
  await tabTo(page, 'Continue')
  await page.keyboard.press('Enter')

  await expectHome(page, email)
  await tabTo(page, 'Sign out')
  await page.keyboard.press('Enter')
  await expectPath(page, '/auth')
  await expectHeading(page, 'Sign in')
})
