// Every screen of the example, with axe-core (zero violations) and a screenshot of each.
import assert from 'node:assert/strict'
import type { Page } from '@playwright/test'
import { test } from './lib/fixtures'
import type { Fixtures } from './lib/fixtures'
import {
  PASSWORD,
  button,
  emailInput,
  expectHeading,
  expectHome,
  expectNoAxeViolations,
  expectPath,
  outboxLink,
  passwordInput,
  seedUser,
  signIn,
  uniqueEmail,
} from './lib/helpers'

/** Checks the screen with axe and takes its screenshot. */
async function visit(t: { page: Page; shot: Fixtures['shot'] }, label: string) {
  await expectNoAxeViolations(t.page, label)
  await t.shot(label)
}

test('screens: sign-in and sign-up states pass axe', async ({ page, shot }) => {
  const t = { page, shot }
  const email = uniqueEmail('screens')
  await page.goto('/auth')
  await seedUser(page, { email })
  await expectHeading(page, 'Sign in')
  await visit(t, 'sign-in')

  await emailInput(page).fill(email)
  await passwordInput(page).fill('wrong-password-1')
  await button(page, 'Sign in').click()
  await page.getByText('Incorrect email or password').waitFor()
  await visit(t, 'sign-in-wrong-password')

  await button(page, 'Sign up').click()
  await expectHeading(page, 'Create an account')
  await visit(t, 'sign-up')
  await emailInput(page).fill('not-an-email')
  await passwordInput(page).fill('short')
  // Enter submits; a click could miss, since the email's blur validation moves the button down (reported).
  await passwordInput(page).press('Enter')
  await page.getByText('Enter a valid email address').waitFor()
  // The failed submit moves focus to the first invalid field, wired to its error message.
  // Default ids carry a per-screen prefix (`af-<instance>-email`).
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'email', undefined, {
    timeout: 5000,
  })
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby')),
    `${await page.evaluate(() => document.activeElement?.id)}-error`,
  )
  assert.equal(await emailInput(page).getAttribute('aria-invalid'), 'true')
  await visit(t, 'sign-up-field-errors')
})

test('screens: password reset, from request to done, pass axe', async ({ page, shot }) => {
  const t = { page, shot }
  const email = uniqueEmail('reset')
  await page.goto('/auth')
  await seedUser(page, { email })
  await page.getByRole('link', { name: 'Forgot password?' }).click()
  await expectPath(page, '/auth/reset-password')
  await expectHeading(page, 'Reset your password')
  await visit(t, 'reset-password-request')

  await emailInput(page).fill(email)
  await button(page, 'Email me a reset link').click()
  await expectHeading(page, 'Check your email')
  await visit(t, 'reset-password-sent')

  await outboxLink(page, 'Reset password', email).click()
  await expectHeading(page, 'Set a new password')
  await visit(t, 'reset-password-new')
  await passwordInput(page, 'New password').fill('new-password-7')
  await passwordInput(page, 'Confirm password').fill('new-password-8')
  await button(page, 'Change password').click()
  await page.getByText('The passwords don’t match').waitFor()
  await visit(t, 'reset-password-mismatch')
  await passwordInput(page, 'Confirm password').fill('new-password-7')
  await button(page, 'Change password').click()
  await expectHeading(page, 'Password changed')
  await visit(t, 'reset-password-done')

  // The new password works, and the old one does not.
  await page.getByRole('link', { name: 'Sign in', exact: true }).click()
  await signIn(page, email, PASSWORD)
  await page.getByText('Incorrect email or password').waitFor()
  await passwordInput(page).fill('new-password-7')
  await button(page, 'Sign in').click()
  await expectHome(page, email)

  await page.goto('/auth/reset-password?token=not-a-real-token')
  await expectHeading(page, 'Set a new password')
  await passwordInput(page, 'New password').fill('new-password-9')
  await passwordInput(page, 'Confirm password').fill('new-password-9')
  await button(page, 'Change password').click()
  await page.getByText('This reset link has expired or was already used. Ask for a new one.').waitFor()
  await visit(t, 'reset-password-invalid-token')
})

test('screens: email verification and the protected page pass axe', async ({ page, shot }) => {
  const t = { page, shot }
  const email = uniqueEmail('verify')
  await page.goto('/auth')
  await seedUser(page, { email, verified: false })
  await signIn(page, email)
  await expectPath(page, '/auth/verify-email')
  await page.getByText('Verification email sent.').waitFor()
  await visit(t, 'verify-email-send')

  await page.goto('/auth/verify-email?token=not-a-real-token')
  await expectHeading(page, 'Link expired')
  await visit(t, 'verify-email-invalid-token')

  await outboxLink(page, 'Verify email', email).click()
  await expectHeading(page, 'Email verified')
  await visit(t, 'verify-email-success')
  await button(page, 'Continue').click()
  await expectHome(page, email)
  await visit(t, 'home')
})

test('screens: dark colour scheme passes axe', async ({ newContext, shot }) => {
  const page = await (await newContext({ colorScheme: 'dark' })).newPage()
  await page.goto('/auth')
  await expectHeading(page, 'Sign in')
  await button(page, 'Sign in').click()
  await page.getByText('Fill in this field').first().waitFor()
  await expectNoAxeViolations(page, 'sign-in (dark)')
  await shot('sign-in-dark', page)
})
