// The Next.js example on its production build: the server (proxy and server component, authfront/server) and the
// browser (the prebuilt screens, TryRefresh) against one mock backend served over HTTP by the app itself.
import { expect, test } from '@playwright/test'
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
} from '../lib/ssrExample'

const origin = () => exampleOrigin('NEXT_EXAMPLE_ORIGIN', 'test/next')

test('signed out → server redirect, sign up, server-rendered user id, expiry → try-refresh, sign out', async ({
  page,
  context,
}) => {
  const problems = watchConsole(page)
  const base = origin()
  const email = `next-${Date.now()}@example.com`

  // Signed out: the proxy answers the navigation itself with a redirect to the auth page.
  expect(await redirectStatus(page, `${base}/dashboard`)).toBe(307)
  await expectPath(page, '/auth', '/dashboard')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  // Sign up on the prebuilt screen; it goes on to redirectToPath.
  const user = { id: await signUp(page, email) }
  await expectPath(page, '/dashboard')
  await expect(page.getByTestId('user-id')).toHaveText(user.id)

  const accessCookie = await expectHttpOnlySession(page, context)

  // A later visit with an expired access token: the server renders TryRefresh, the browser refreshes once and
  // reloads, and the server renders the page. The tab waits on another page, so no client refreshes meanwhile.
  await waitForExpiry(page, accessCookie)
  // What the server answers with this cookie (a request of the context, which sends its cookies and never refreshes).
  const serverHtml = await (await context.request.get(`${base}/dashboard`, { maxRedirects: 0 })).text()
  expect(serverHtml).toContain('Refreshing your session…')
  expect(serverHtml).not.toContain(user.id)
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
