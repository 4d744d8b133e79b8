// The Next.js example on its production build: the server (proxy and server component, authfront/server) and the
// browser (the prebuilt screens, TryRefresh) against one mock backend served over HTTP by the app itself.
import { expect, test } from '@playwright/test'
import { ACCESS_TOKEN_LIFETIME_MS, expectPath, expiresAt, frontTokenUserId, watchConsole } from '../lib/ssrExample'

const origin = () => {
  const value = process.env['NEXT_EXAMPLE_ORIGIN']
  if (!value) throw new Error('NEXT_EXAMPLE_ORIGIN is unset: run with -c test/next (its globalSetup starts the app)')
  return value
}

test('signed out → server redirect, sign up, server-rendered user id, expiry → try-refresh, sign out', async ({
  page,
  context,
}) => {
  const problems = watchConsole(page)
  const base = origin()
  const email = `next-${Date.now()}@example.com`

  // Signed out: the proxy answers the navigation itself with a redirect to the auth page.
  const first = await page.goto(`${base}/dashboard`)
  const redirect = await first?.request().redirectedFrom()?.response()
  expect(redirect?.status()).toBe(307)
  await expectPath(page, '/auth', '/dashboard')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  // Sign up on the prebuilt screen; it goes on to redirectToPath.
  await page.getByRole('button', { name: 'Sign up', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible()
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('password123')
  const signUp = page.waitForResponse((response) => response.url().endsWith('/api/auth/signup'))
  await page.getByRole('button', { name: 'Sign up', exact: true }).click()
  // The body is gone once the screen navigates on; the front-token header carries the same user id.
  const user = { id: frontTokenUserId((await signUp).headers()['front-token'] ?? '') }
  await expectPath(page, '/dashboard')
  await expect(page.getByTestId('user-id')).toHaveText(user.id)

  // The session cookies are the backend's real httpOnly cookies, out of reach of the page's scripts.
  const cookies = await context.cookies()
  const accessCookie = cookies.find((cookie) => cookie.name === 'sAccessToken')
  expect(accessCookie?.httpOnly).toBe(true)
  expect(cookies.find((cookie) => cookie.name === 'sRefreshToken')?.httpOnly).toBe(true)
  expect(await page.evaluate(() => document.cookie)).not.toContain('sAccessToken')

  // A later visit with an expired access token: the server renders TryRefresh, the browser refreshes once and
  // reloads, and the server renders the page. The tab waits on another page, so no client refreshes meanwhile.
  await page.goto('about:blank')
  const expiry = expiresAt(accessCookie!.value)
  expect(expiry - Date.now()).toBeLessThanOrEqual(ACCESS_TOKEN_LIFETIME_MS)
  await page.waitForTimeout(Math.max(0, expiry - Date.now() + 1_000))
  // What the server answers with this cookie (a request of the context, which sends its cookies and never refreshes).
  const serverHtml = await (await context.request.get(`${base}/dashboard`, { maxRedirects: 0 })).text()
  expect(serverHtml).toContain('Refreshing your session…')
  expect(serverHtml).not.toContain(user.id)
  const documents: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname)
  })
  const refresh = page.waitForResponse((response) => response.url().endsWith('/api/auth/session/refresh'))
  await page.goto(`${base}/dashboard`)
  expect((await refresh).status()).toBe(200)
  await expect(page.getByTestId('user-id')).toHaveText(user.id)
  // TryRefresh reloaded the page once after the refresh.
  expect(documents).toEqual(['/dashboard', '/dashboard'])
  const renewed = (await context.cookies()).find((cookie) => cookie.name === 'sAccessToken')
  expect(renewed?.value).not.toBe(accessCookie?.value)

  // Sign out: the page is rendered again without a session, and the proxy redirects.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expectPath(page, '/auth', '/dashboard')
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('sAccessToken')
  const again = await page.goto(`${base}/dashboard`)
  expect(
    await again
      ?.request()
      .redirectedFrom()
      ?.response()
      .then((response) => response?.status()),
  ).toBe(307)
  await expectPath(page, '/auth', '/dashboard')

  // Sign in again with the new account, from the auth page the server rendered.
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('password123')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expectPath(page, '/dashboard')
  await expect(page.getByTestId('user-id')).toHaveText(user.id)

  expect(problems).toEqual([])
})

test('the auth pages render on the server as the browser renders them (no hydration mismatch)', async ({ page }) => {
  const problems = watchConsole(page)
  for (const path of [
    '/',
    '/auth',
    '/auth?show=signup',
    '/auth/reset-password',
    '/auth/reset-password?token=x',
    '/auth/nope',
  ]) {
    await page.goto(`${origin()}${path}`)
    await page.waitForLoadState('networkidle')
  }
  expect(problems).toEqual([])
})
