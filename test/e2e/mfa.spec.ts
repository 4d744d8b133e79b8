// TOTP as a second factor in each example (docs/RECIPES.md §4): enrolment on the account page, the dev panel's
// "Require TOTP" switch, sign-in with a password then a code, the 403 of a protected API before the code, and the
// lock-out. The examples' mock has MultiFactorAuth on with no factor required until the switch says so.
import assert from 'node:assert/strict'
import type { Page } from '@playwright/test'
import { generateTotp } from 'authfront/mock'
import { test } from './lib/fixtures'
import {
  PASSWORD,
  button,
  emailInput,
  expectHeading,
  expectHome,
  expectPath,
  mock,
  outboxLink,
  passwordInput,
  seedUser,
  signIn,
  uniqueEmail,
} from './lib/helpers'

const SECURITY = 'Sign-in and security'
const VERIFY_TOTP = 'Enter the code from your authenticator app'
const codeInput = (page: Page) => page.getByLabel('Code', { exact: true })
const requireTotpSwitch = (page: Page) => page.getByLabel('Require TOTP', { exact: true })
/** MfaSettings' button for the one device, named as the mock names unnamed devices ("TOTP Device N"). */
const removeDeviceButton = (page: Page) => page.getByRole('button', { name: /^Remove TOTP Device \d+$/ })

/**
 * A code the mock accepts now: the current step's, else the next one's (the mock allows one step of skew), skipping
 * codes already used, which the mock refuses while they are in their window.
 */
async function freshCode(secret: string, used: Set<string>): Promise<string> {
  for (const offset of [0, 30_000]) {
    const code = await generateTotp(secret, Date.now() + offset)
    if (!used.has(code)) {
      used.add(code)
      return code
    }
  }
  throw new Error('no unused TOTP code in the accepted window')
}

/** A wrong code for a device: the neighbours of the accepted window cannot be right. */
const wrongCode = async (secret: string) => {
  const accepted = await Promise.all([-30_000, 0, 30_000].map((offset) => generateTotp(secret, Date.now() + offset)))
  let code = 0
  while (accepted.includes(String(code).padStart(6, '0'))) code += 1
  return String(code).padStart(6, '0')
}

/** A verified user with a TOTP device straight in the mock; returns the device's secret. */
async function seedTotpUser(page: Page, email: string): Promise<string> {
  await seedUser(page, { email })
  return mock(page, (m, address) => m.totp.addDevice(address).secret, email)
}

/**
 * Records, from the first script of every page load, each time the protected content (the home page's or the
 * account page's) is in the DOM, so a test can prove it was never shown.
 */
async function watchProtectedContent(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = []
    Object.assign(window, { __protectedSeen: seen })
    new MutationObserver(() => {
      if (document.querySelector('[data-ex="user-id"], [data-af-root="mfaSettings"], [data-af-root="passkeySettings"]'))
        seen.push(location.pathname)
    }).observe(document, { childList: true, subtree: true })
  })
}
const protectedSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __protectedSeen: string[] }).__protectedSeen)

/** Turns the dev panel's "Require TOTP" on. */
async function requireTotp(page: Page) {
  await requireTotpSwitch(page).check()
  assert.equal(await requireTotpSwitch(page).isChecked(), true)
}

test('TOTP: enrol on the account page, then sign in with a password and a code, back at the page asked for', async ({
  page,
}) => {
  const email = uniqueEmail('totp')
  const used = new Set<string>()

  // Sign up with email and password, verify the email from the outbox.
  await page.goto('/auth')
  await button(page, 'Sign up').click()
  await expectHeading(page, 'Create an account')
  await emailInput(page).fill(email)
  await passwordInput(page).fill(PASSWORD)
  await button(page, 'Sign up').click()
  await expectPath(page, '/auth/verify-email')
  await outboxLink(page, 'Verify email', email).click()
  await expectHeading(page, 'Email verified')
  await button(page, 'Continue').click()
  await expectHome(page, email)

  // No factor is required yet: the dev panel says the user has no authenticator app.
  await page.getByText(`${email} has no authenticator app yet.`).waitFor()

  // Enrol an authenticator app on the account page, typing the key shown for manual entry into "the app".
  await page.getByRole('link', { name: 'Two-step verification and passkeys', exact: true }).click()
  await expectPath(page, '/account')
  await expectHeading(page, SECURITY)
  await expectHeading(page, 'Two-step verification')
  await page.getByText('No authenticator app is set up.').waitFor()
  await button(page, 'Add an authenticator app').click()
  await expectHeading(page, 'Add an authenticator app')
  await page.getByRole('img', { name: 'QR code to add this account to an authenticator app' }).waitFor()
  await button(page, 'Can’t scan? Enter this key').click()
  const secret = (await page.locator('[data-af-secret] code').textContent())?.trim() ?? ''
  assert.match(secret, /^[A-Z2-7]+=*$/, 'a base32 key is shown for manual entry')
  await codeInput(page).fill(await freshCode(secret, used))
  await button(page, 'Verify').click()
  await page.getByText('Authenticator app added.').waitFor()
  await removeDeviceButton(page).waitFor()

  // The dev panel now shows the code the app shows.
  const shown = page.locator('[data-ex="totp-code"]')
  await shown.waitFor()
  const panelCode = (await shown.textContent())?.trim() ?? ''
  const accepted = await Promise.all([-30_000, 0, 30_000].map((offset) => generateTotp(secret, Date.now() + offset)))
  assert.ok(accepted.includes(panelCode), `the dev panel's code ${panelCode} is the device's (${accepted.join(', ')})`)

  // Sign out, and make the mock require TOTP of every user; the switch survives a reload, as the requirement does.
  await page.getByRole('link', { name: 'Home', exact: true }).click()
  await expectHome(page, email)
  await button(page, 'Sign out').click()
  await expectPath(page, '/auth')
  await requireTotp(page)
  await page.reload()
  await expectHeading(page, 'Sign in')
  assert.equal(await requireTotpSwitch(page).isChecked(), true, 'the switch is still on after a reload')

  // Asking for the account page signs in with the password, then lands on the TOTP screen by itself.
  await watchProtectedContent(page)
  await page.goto('/account')
  await expectPath(page, (url) => url.pathname === '/auth' && url.searchParams.get('redirectToPath') === '/account')
  await signIn(page, email)
  await expectPath(page, '/auth/mfa/totp')
  await expectHeading(page, VERIFY_TOTP)

  // A wrong code says how many attempts are left; the right one goes on to the page asked for.
  await codeInput(page).fill(await wrongCode(secret))
  await button(page, 'Verify').click()
  await page.getByText('That code is not right. Tries left before a short lock: 4.').waitFor()
  assert.deepEqual(await protectedSeen(page), [], 'no protected content before the second factor')
  await codeInput(page).fill(await freshCode(secret, used))
  await button(page, 'Verify').click()
  await expectPath(page, '/account')
  await expectHeading(page, 'Two-step verification')
  await removeDeviceButton(page).waitFor()
})

test('TOTP required: the protected API answers 403 st-mfa until the code is given', async ({ page }) => {
  const email = uniqueEmail('mfa403')
  const secret = await seedTotpUser(page, email)
  await page.goto('/auth')
  await requireTotp(page)
  await signIn(page, email)
  await expectPath(page, '/auth/mfa/totp')
  await expectHeading(page, VERIFY_TOTP)

  // The page's own call to the demo API, with the session the password gave.
  const callApi = () =>
    page.evaluate(async () => {
      const response = await window.__authfrontClient!.doFetch('/api/me')
      return { status: response.status, body: (await response.json()) as Record<string, unknown> }
    })
  const before = await callApi()
  assert.equal(before.status, 403)
  assert.equal(before.body['message'], 'invalid claim')
  const errors = before.body['claimValidationErrors'] as { id: string }[]
  assert.deepEqual(
    errors.map((e) => e.id),
    ['st-mfa'],
  )

  await codeInput(page).fill(await freshCode(secret, new Set()))
  await button(page, 'Verify').click()
  await expectHome(page, email)
  const after = await callApi()
  assert.equal(after.status, 200)
  assert.equal(after.body['email'], email)
})

test('TOTP lock-out: after five wrong codes even the right one shows the locked screen, with a countdown', async ({
  page,
}) => {
  const email = uniqueEmail('locked')
  const secret = await seedTotpUser(page, email)
  await page.goto('/auth')
  await requireTotp(page)
  await signIn(page, email)
  await expectHeading(page, VERIFY_TOTP)

  const wrong = await wrongCode(secret)
  for (const left of [4, 3, 2, 1, 0]) {
    await codeInput(page).fill(wrong)
    await button(page, 'Verify').click()
    await page
      .getByText(
        left > 0
          ? `That code is not right. Tries left before a short lock: ${left}.`
          : 'That code is not right, and that was the last try: wait a few minutes before the next one.',
      )
      .waitFor()
  }
  // The backend counts five failures, then refuses every code (as the SuperTokens core does) until the lock ends.
  await codeInput(page).fill(await freshCode(secret, new Set()))
  await button(page, 'Verify').click()
  await expectHeading(page, 'Account locked')
  await page.getByText('Too many wrong codes. Wait before you try again.').waitFor()

  // The countdown runs: the mock locks for 900 s after the last wrong code.
  const countdown = page.locator('[data-af-countdown]')
  const first = (await countdown.textContent())?.trim() ?? ''
  assert.match(first, /^Try again in 1[45]:\d\d$/)
  assert.equal(await button(page, 'Try again').isDisabled(), true, 'no retry while counting down')
  await page.waitForFunction(
    (text) => document.querySelector('[data-af-countdown]')?.textContent?.trim() !== text,
    first,
    { timeout: 5_000 },
  )
})
