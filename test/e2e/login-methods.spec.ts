// Social login through the mock's provider page, passwordless by code and by magic link, and a tenant with fewer
// methods, in each example (docs/RECIPES.md). The examples enable Google, GitHub, email/SMS codes with links, and
// a tenant "acme" limited to GitHub and email codes.
import assert from 'node:assert/strict'
import type { Page } from '@playwright/test'
import { test } from './lib/fixtures'
import { button, expectHeading, expectHome, expectPath, heading, mock, uniqueEmail } from './lib/helpers'

const contactInput = (page: Page) => page.getByLabel('Email or phone number', { exact: true })
const codeInput = (page: Page) => page.getByLabel('One-time code', { exact: true })

/** The newest code or magic link the mock "sent" to `to`. */
const sent = (page: Page, to: string) =>
  mock(page, (backend, address) => backend.outbox.latest({ type: 'passwordless', to: address }), to)

test('social sign-in: "Continue with Google" → the provider page → back signed in, at the page asked for', async ({
  page,
}) => {
  await page.goto('/auth?redirectToPath=%2F')
  await button(page, 'Continue with Google').click()
  await expectPath(page, (url) => url.pathname === '/__authfront/mock-oauth/google/authorize')
  await expectHeading(page, 'Sign in to Google (authfront mock provider)')
  await button(page, 'Ada Lovelace').click()
  await expectHome(page, 'ada.google@example.com')
  assert.equal(new URL(page.url()).pathname, '/')
})

test('social sign-in cancelled at the provider: back on the callback page with a way back', async ({ page }) => {
  await page.goto('/auth')
  await button(page, 'Continue with GitHub').click()
  await button(page, 'Cancel').click()
  await expectPath(page, (url) => url.pathname === '/auth/callback/github')
  await page.getByText('Sign-in was cancelled. Choose a method to try again.').waitFor()
  await page.getByRole('link', { name: 'Back to sign in' }).click()
  await expectPath(page, '/auth')
})

test('passwordless by code: a wrong code says how many attempts are left, the right one signs in', async ({ page }) => {
  const email = uniqueEmail('code')
  await page.goto('/auth')
  await contactInput(page).fill(email)
  await button(page, 'Continue').click()
  await expectHeading(page, 'Enter the code')
  await page.getByText(`We sent a code and a link to ${email}.`).waitFor()
  const message = await sent(page, email)
  assert.ok(message, 'the mock sent a code')
  const wrong = message.code === '000000' ? '111111' : '000000'
  await codeInput(page).fill(wrong)
  await button(page, 'Continue').click()
  await page.getByText('That code is not right. Tries left: 4.').waitFor()
  // What the user typed stays, so it can be corrected.
  assert.equal(await codeInput(page).inputValue(), wrong)
  await codeInput(page).fill(message.code)
  await button(page, 'Continue').click()
  await expectHome(page, email)
})

test('passwordless by magic link opened in a second tab: that tab signs in', async ({ page, context }) => {
  const email = uniqueEmail('link')
  await page.goto('/auth')
  await contactInput(page).fill(email)
  await button(page, 'Continue').click()
  await expectHeading(page, 'Enter the code')
  const message = await sent(page, email)
  assert.ok(message, 'the mock sent a link')
  const second = await context.newPage()
  await second.goto(new URL(message.link).pathname + new URL(message.link).search + new URL(message.link).hash)
  await expectHome(second, email)
  await second.close()
})

test('a tenant with fewer methods: only GitHub and the email form, no password, no Google', async ({ page }) => {
  await page.goto('/auth?tenantId=acme')
  await button(page, 'Continue with GitHub').waitFor()
  assert.equal(await button(page, 'Continue with Google').count(), 0)
  assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0)
  await page.getByLabel('Email', { exact: true }).waitFor()
  assert.equal(await heading(page, 'Sign in or sign up').count(), 1)
})
