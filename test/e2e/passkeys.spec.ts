// Passkeys in each example (docs/RECIPES.md §5) with Chromium's virtual authenticator (DevTools protocol): sign-up,
// sign-out, sign-in with the passkey button, account recovery from the emailed link, and adding and removing a
// passkey on the account page. The mock checks every ceremony for real (origin, rpId, challenge, signature).
//
// The examples' relying party is the page's hostname, and browsers refuse an IP address as one: these tests open the
// dev server as http://localhost:<port>, not the project's http://127.0.0.1:<port>.
import assert from 'node:assert/strict'
import type { CDPSession, Page } from '@playwright/test'
import { test } from './lib/fixtures'
import { button, emailInput, expectHeading, expectPath, heading, link, uniqueEmail } from './lib/helpers'

const SECURITY = 'Sign-in and security'

/** The base URL on `localhost`, the hostname passkeys can use. */
const onLocalhost = (baseURL: string | undefined) => {
  const url = new URL(baseURL ?? 'http://127.0.0.1')
  url.hostname = 'localhost'
  return url.origin
}
// eslint-disable-next-line no-empty-pattern
test.use({ baseURL: async ({}, use, testInfo) => use(onLocalhost(testInfo.project.use.baseURL)) })

/** A platform authenticator that says yes at once, as a phone's would after a fingerprint. */
async function addAuthenticator(cdp: CDPSession): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  })
  return authenticatorId
}

/**
 * Chromium's virtual authenticator answers a conditional request (the email field's passkey autofill) at once, as if
 * the user had picked the passkey from the autofill list: a test could then never stay on the sign-in page with a
 * passkey around. This plays a user who ignores the autofill: the request waits until the page aborts it (before
 * its own ceremony, or when it leaves the page). Other requests reach the authenticator unchanged.
 */
async function ignoreAutofill(page: Page) {
  await page.addInitScript(() => {
    const credentials = navigator.credentials
    const get = credentials.get.bind(credentials)
    credentials.get = (options) => {
      if (options?.mediation !== 'conditional') return get(options)
      const signal = options.signal
      return new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
      })
    }
  })
}

/** Opens the sign-in page with a virtual authenticator attached to the tab (it stays through navigations). */
async function withAuthenticator(page: Page, { autofill = false } = {}) {
  if (!autofill) await ignoreAutofill(page)
  // Attached before the first page of the origin, the authenticator would stay behind with the blank page's process.
  await page.goto('/auth')
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  const first = await addAuthenticator(cdp)
  return {
    cdp,
    id: first,
    /** The passkeys this authenticator holds (ids in standard base64, as the DevTools protocol gives them). */
    credentialIds: async (authenticatorId: string) =>
      (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.map((c) => c.credentialId),
    /** The user loses this device and uses another: a new authenticator without its passkeys. */
    async replace(authenticatorId: string): Promise<string> {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId })
      return addAuthenticator(cdp)
    },
  }
}

const base64url = (standard: string) => standard.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** Waits for the home page of a signed-in passkey user (the demo API answers with the email). */
async function expectSignedIn(page: Page, email: string) {
  await expectHeading(page, 'Your account')
  await page
    .locator('[data-ex="api-answer"]')
    .filter({ hasText: `The API says you are ${email}` })
    .waitFor()
}

/** Signs up with a passkey from the sign-in page and lands on the home page. */
async function signUpWithPasskey(page: Page, email: string) {
  await page.goto('/auth')
  await expectHeading(page, 'Sign in')
  await button(page, 'Sign up').click()
  await expectHeading(page, 'Create an account')
  await button(page, 'Sign up with a passkey').click()
  await expectHeading(page, 'Sign up with a passkey')
  await emailInput(page).fill(email)
  await button(page, 'Continue').click()
  await expectHeading(page, 'Create a passkey')
  await page.getByText(`Your device will ask you to create a passkey for ${email}.`, { exact: false }).waitFor()
  await button(page, 'Create a passkey').click()
  await completeEmailVerification(page, email)
  await expectSignedIn(page, email)
}

/** The examples require a verified email: a new passkey account follows the emailed link first. */
async function completeEmailVerification(page: Page, email: string) {
  await expectPath(page, '/auth/verify-email')
  await link(page, `Verify email link for ${email}`).click()
  await expectHeading(page, 'Email verified')
  await button(page, 'Continue').click()
}

async function signOut(page: Page) {
  await button(page, 'Sign out').click()
  await expectPath(page, '/auth')
  await expectHeading(page, 'Sign in')
}

async function signInWithPasskey(page: Page, email: string) {
  await button(page, 'Continue with a passkey').click()
  await expectSignedIn(page, email)
}

test('passkey autofill: back on the sign-in page, the passkey picked from the email field signs in', async ({
  page,
}) => {
  await withAuthenticator(page, { autofill: true })
  // Which mediation each passkey request of the page asks for.
  await page.addInitScript(() => {
    const credentials = navigator.credentials
    const get = credentials.get.bind(credentials)
    const asked: string[] = []
    Object.assign(window, { __mediations: asked })
    credentials.get = (options) => {
      asked.push(options?.mediation ?? 'optional')
      return get(options)
    }
  })
  const email = uniqueEmail('autofill')
  await signUpWithPasskey(page, email)

  const signIn = page.waitForRequest((request) => new URL(request.url()).pathname === '/auth/webauthn/signin')
  await button(page, 'Sign out').click()
  await signIn
  await expectPath(page, '/')
  await expectSignedIn(page, email)
  const asked = await page.evaluate(() => (window as unknown as { __mediations: string[] }).__mediations)
  // React's StrictMode mounts the sign-in page twice in dev: each mount starts (and the first aborts) its request.
  assert.ok(asked.length > 0 && asked.every((mediation) => mediation === 'conditional'), `only autofill: ${asked}`)
})

test('passkey: sign up, sign out, sign in with the passkey button', async ({ page }) => {
  const authenticator = await withAuthenticator(page)
  const email = uniqueEmail('passkey')

  await signUpWithPasskey(page, email)
  assert.equal((await authenticator.credentialIds(authenticator.id)).length, 1, 'the device holds one passkey')
  await signOut(page)
  await signInWithPasskey(page, email)
})

test('passkey recovery: the emailed link creates a new passkey, which signs in', async ({ page }) => {
  const authenticator = await withAuthenticator(page)
  const email = uniqueEmail('recover')
  await signUpWithPasskey(page, email)
  await signOut(page)

  // The phone is lost: the new one has no passkey, so the passkey button fails and offers recovery.
  const newDevice = await authenticator.replace(authenticator.id)
  await button(page, 'Continue with a passkey').click()
  await page.getByRole('alert').filter({ hasText: 'this device has no passkey for this site' }).waitFor()
  await button(page, 'Recover account').click()
  await expectPath(page, '/auth/webauthn/recover/send-email')
  await expectHeading(page, 'Recover your account')
  await emailInput(page).fill(email)
  await button(page, 'Send link').click()
  await expectHeading(page, 'Check your inbox')

  // The dev panel's outbox holds the recovery email; its link opens the recovery page.
  await link(page, `Passkey recovery link for ${email}`).click()
  await expectPath(page, '/auth/webauthn/recover')
  await expectHeading(page, 'Create a new passkey')
  await button(page, 'Create a passkey').click()
  await expectHeading(page, 'Account recovered')
  assert.equal((await authenticator.credentialIds(newDevice)).length, 1, 'the new device holds the new passkey')

  await link(page, 'Continue with a passkey').click()
  await expectPath(page, '/auth')
  await signInWithPasskey(page, email)
})

test('account page: add a passkey from a new device, remove the old one', async ({ page }) => {
  const authenticator = await withAuthenticator(page)
  const email = uniqueEmail('settings')
  await signUpWithPasskey(page, email)

  await link(page, 'Two-step verification and passkeys').click()
  await expectPath(page, '/account')
  await expectHeading(page, SECURITY)
  await heading(page, 'Passkeys').waitFor()
  const items = page.locator('[data-af-passkey]')
  await items.first().waitFor()
  assert.equal(await items.count(), 1)

  // A second device: the page's "Add a passkey" creates a passkey on it (the first device's is excluded).
  const newDevice = await authenticator.replace(authenticator.id)
  await button(page, 'Add a passkey').click()
  await page.getByText('Passkey added.').waitFor()
  await page.waitForFunction(() => document.querySelectorAll('[data-af-passkey]').length === 2)
  const [kept] = await authenticator.credentialIds(newDevice)
  assert.ok(kept, 'the new device holds the added passkey')

  // Remove the first passkey (the lost device's), with the confirmation step.
  await items
    .first()
    .getByRole('button', { name: /^Remove the passkey added on / })
    .click()
  await page.getByText('Remove this passkey? You will no longer sign in with it.').waitFor()
  await button(page, 'Yes, remove').click()
  await page.getByText('Passkey removed.').waitFor()
  await page.waitForFunction(() => document.querySelectorAll('[data-af-passkey]').length === 1)
  const remaining = await page.evaluate(async () => {
    const client = window.__authfrontClient as unknown as {
      webauthn: { listCredentials(): Promise<{ credentials?: { webauthnCredentialId: string }[] }> }
    }
    return (await client.webauthn.listCredentials()).credentials?.map((c) => c.webauthnCredentialId)
  })
  assert.deepEqual(remaining, [base64url(kept)], 'the new device’s passkey is the one left')

  // And it signs in.
  await page.getByRole('link', { name: 'Home', exact: true }).click()
  await signOut(page)
  await signInWithPasskey(page, email)
})
