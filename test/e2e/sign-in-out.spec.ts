// Signing in and out many times in one tab is normal use, not a redirect loop: the guard's loop breaker counts only
// redirects with no working session in between, so the tenth sign-out still lands on the sign-in page.
import assert from 'node:assert/strict'
import { test } from './lib/fixtures'
import { button, expectHeading, expectHome, expectPath, heading, seedUser, signIn, uniqueEmail } from './lib/helpers'

const ROUNDS = 10

test('sign in and out ten times in a row in one tab: never "Sign-in problem"', async ({ page }) => {
  const email = uniqueEmail('inout')
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto('/auth')
  await seedUser(page, { email })
  for (let round = 1; round <= ROUNDS; round++) {
    await signIn(page, email)
    await expectHome(page, email)
    await button(page, 'Sign out').click()
    await expectPath(page, (url) => url.pathname === '/auth' && url.searchParams.get('redirectToPath') === '/')
    await expectHeading(page, 'Sign in')
    assert.equal(await heading(page, 'Sign-in problem').count(), 0, `round ${round}: the loop notice is shown`)
  }
  const loopErrors = errors.filter((text) => text.includes('stopped redirecting'))
  assert.deepEqual(loopErrors, [], 'the loop breaker never fired')
})
