// The Nuxt example on its production build: the server (Nitro middleware, /api/session and the server-rendered page,
// authfront/server) and the browser (the prebuilt Vue screens, TryRefresh) against one mock backend served over HTTP
// by the app itself.
import { expect, test } from '@playwright/test'
import type { BrowserContext } from '@playwright/test'
import {
  exampleOrigin,
  expectHttpOnlySession,
  expectPath,
  redirectStatus,
  refreshThenSignOutAndIn,
  SERVER_RENDERED_PATHS,
  signUp,
  visitEach,
  waitForExpiry,
  watchConsole,
  watchDocuments,
} from '../lib/ssrExample'

const origin = () => exampleOrigin('NUXT_EXAMPLE_ORIGIN', 'test/nuxt')

/** What the server answers for a page with the context's cookies (a request that sends them and never refreshes). */
const serverHtml = async (context: BrowserContext, path: string) =>
  (await context.request.get(`${origin()}${path}`, { maxRedirects: 0 })).text()

test('signed out → server redirect, sign up, server-rendered user id, expiry → try-refresh, sign out', async ({
  page,
  context,
  browser,
}) => {
  const problems = watchConsole(page)
  const base = origin()
  const email = `nuxt-${Date.now()}@example.com`

  // Signed out, a navigation inside the app: the route middleware asks the server and goes to the auth page.
  await page.goto(base)
  const documents = watchDocuments(page)
  await page.getByRole('link', { name: 'Dashboard' }).click()
  await expectPath(page, '/auth', '/dashboard')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  expect(documents).toEqual([])

  // Signed out, a page load: the server middleware answers it with a redirect to the auth page.
  expect(await redirectStatus(page, `${base}/dashboard`)).toBe(307)
  await expectPath(page, '/auth', '/dashboard')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  // Sign up on the prebuilt screen; it goes on to redirectToPath (a navigation inside the app).
  const user = { id: await signUp(page, email) }
  await expectPath(page, '/dashboard')
  await expect(page.getByTestId('user-id')).toHaveText(user.id)

  // The server renders the protected page with the user id, and the browser hydrates it.
  expect(await serverHtml(context, '/dashboard')).toContain(`<code data-testid="user-id">${user.id}</code>`)
  await page.reload()
  await expect(page.getByTestId('user-id')).toHaveText(user.id)

  const accessCookie = await expectHttpOnlySession(page, context)

  // A later visit with an expired access token.
  await waitForExpiry(page, accessCookie)
  const expiredHtml = await serverHtml(context, '/dashboard')
  expect(expiredHtml).toContain('Refreshing your session…')
  expect(expiredHtml).not.toContain(user.id)

  // The same expired token without a refresh token (a session that cannot be refreshed): TryRefresh refreshes once,
  // fails, and goes to the auth page, with no reload of the protected page.
  const stranger = await browser.newContext()
  try {
    await stranger.addCookies([accessCookie])
    const strangerPage = await stranger.newPage()
    const strangerProblems = watchConsole(strangerPage)
    const strangerDocuments = watchDocuments(strangerPage)
    const refreshes: number[] = []
    strangerPage.on('response', (response) => {
      if (response.url().endsWith('/api/auth/session/refresh')) refreshes.push(response.status())
    })
    await strangerPage.goto(`${base}/dashboard`)
    await expectPath(strangerPage, '/auth', '/dashboard')
    await expect(strangerPage.getByRole('heading', { name: 'Sign in' })).toBeVisible()
    expect(refreshes).toEqual([401])
    expect(strangerDocuments).toEqual(['/dashboard'])
    expect(strangerProblems).toEqual([])
  } finally {
    await stranger.close()
  }

  // With the refresh token: the server renders TryRefresh, the browser refreshes once and reloads, and the server
  // renders the page.
  await refreshThenSignOutAndIn(page, context, {
    base,
    userId: user.id,
    email,
    expiredAccess: accessCookie,
    redirect: 307,
  })

  expect(problems).toEqual([])
})

test('the auth pages render on the server as the browser renders them (no hydration mismatch)', async ({ page }) => {
  const problems = watchConsole(page)
  await visitEach(page, origin(), SERVER_RENDERED_PATHS)
  expect(problems).toEqual([])
})
