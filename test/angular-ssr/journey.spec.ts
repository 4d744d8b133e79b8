// The Angular SSR example on its production build: the server (express, authfront/server's verifier, Angular's
// AngularNodeAppEngine) and the browser (the prebuilt screens, <af-try-refresh>, hydration with TransferState)
// against one mock backend served over HTTP by the app's own server.
import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import {
  ACCESS_TOKEN_LIFETIME_MS,
  REFRESH_PATH,
  SERVER_RENDERED_PATHS,
  exampleOrigin,
  expectPath,
  watchConsole,
  watchDocuments,
} from '../lib/ssrExample'

const origin = () => exampleOrigin('ANGULAR_SSR_EXAMPLE_ORIGIN', 'test/angular-ssr')

/** The paths of the page's requests to the auth API, in order (the session checks and refreshes among them). */
function watchApi(page: Page): string[] {
  const calls: string[] = []
  page.on('request', (request) => {
    const { pathname } = new URL(request.url())
    if (pathname.startsWith('/api/auth/')) calls.push(pathname)
  })
  return calls
}

/** What the server answers for a path with the context's cookies (an API request: it never runs scripts). */
const serverHtml = async (context: BrowserContext, path: string) => {
  const response = await context.request.get(`${origin()}${path}`, { maxRedirects: 0 })
  return { status: response.status(), location: response.headers()['location'], html: await response.text() }
}

/** Waits in another page until the access token of the context has expired; returns the expired cookie's value. */
async function waitForExpiry(page: Page, context: BrowserContext): Promise<string> {
  await page.goto('about:blank')
  const access = (await context.cookies()).find((cookie) => cookie.name === 'sAccessToken')
  const payload = JSON.parse(Buffer.from(access!.value.split('.')[1]!, 'base64url').toString()) as { exp: number }
  expect(payload.exp * 1000 - Date.now()).toBeLessThanOrEqual(ACCESS_TOKEN_LIFETIME_MS)
  await page.waitForTimeout(Math.max(0, payload.exp * 1000 - Date.now() + 1_000))
  return access!.value
}

test('signed out → server redirect, sign up, server-rendered user id, expiry → try-refresh, sign out, failed refresh', async ({
  page,
  context,
}) => {
  const problems = watchConsole(page)
  const api = watchApi(page)
  const base = origin()
  const email = `angular-ssr-${Date.now()}@example.com`

  // Signed out: the server answers the navigation itself with a redirect to the auth page…
  const first = await page.goto(`${base}/dashboard`)
  expect(
    await first
      ?.request()
      .redirectedFrom()
      ?.response()
      .then((response) => response?.status()),
  ).toBe(302)
  await expectPath(page, '/auth', '/dashboard')
  // …whose sign-in screen it rendered too.
  expect((await serverHtml(context, '/auth?redirectToPath=%2Fdashboard')).html).toMatch(
    /<div data-af-root="signInUp" data-af-screen="signIn"/,
  )
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  // Sign up on the prebuilt screen; it goes on to redirectToPath through the Router.
  await page.getByRole('button', { name: 'Sign up', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible()
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('password123')
  const signUp = page.waitForResponse((response) => response.url().endsWith('/api/auth/signup'))
  await page.getByRole('button', { name: 'Sign up', exact: true }).click()
  const user = ((await (await signUp).json()) as { user: { id: string } }).user
  await expectPath(page, '/dashboard')
  await expect(page.getByTestId('user-id')).toHaveText(user.id)

  // The session cookies are the backend's real httpOnly cookies, out of reach of the page's scripts.
  const cookies = await context.cookies()
  expect(cookies.find((cookie) => cookie.name === 'sAccessToken')?.httpOnly).toBe(true)
  expect(cookies.find((cookie) => cookie.name === 'sRefreshToken')?.httpOnly).toBe(true)
  expect(await page.evaluate(() => document.cookie)).not.toContain('sAccessToken')

  // The server renders the protected page with the user id, and hands its answer to the browser (TransferState).
  const rendered = await serverHtml(context, '/dashboard')
  expect(rendered.status).toBe(200)
  expect(rendered.html).toContain(`<code data-testid="user-id">${user.id}</code>`)
  expect(rendered.html).toMatch(/<script id="ng-state" type="application\/json">[^<]*authfront-page-session/)

  // A full page load hydrates that HTML: the node the server rendered stays (no client re-render), and the browser
  // asks the backend nothing (no session check, no refresh) to show it.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const node = document.querySelector('[data-testid="user-id"]')
      if (!node) return
      ;(window as { serverNode?: Element }).serverNode = node
      observer.disconnect()
    }).observe(document, { childList: true, subtree: true })
  })
  api.length = 0
  await page.reload()
  await expect(page.getByTestId('user-id')).toHaveText(user.id)
  await page.waitForLoadState('networkidle')
  expect(
    await page.evaluate(
      () => (window as { serverNode?: Element }).serverNode === document.querySelector('[data-testid="user-id"]'),
    ),
  ).toBe(true)
  expect(await page.evaluate(() => document.getElementById('ng-state') !== null)).toBe(true)
  expect(api).toEqual([])

  // A later visit with an expired access token: the server renders <af-try-refresh>, the browser refreshes once and
  // reloads, and the server renders the page. The tab waits on another page, so no client refreshes meanwhile.
  const expired = await waitForExpiry(page, context)
  const refreshing = await serverHtml(context, '/dashboard')
  expect(refreshing.html).toContain('Refreshing your session…')
  expect(refreshing.html).not.toContain(user.id)
  const documents = watchDocuments(page)
  api.length = 0
  const refresh = page.waitForResponse((response) => response.url().endsWith(REFRESH_PATH))
  await page.goto(`${base}/dashboard`)
  expect((await refresh).status()).toBe(200)
  await expect(page.getByTestId('user-id')).toHaveText(user.id)
  await page.waitForLoadState('networkidle')
  // One refresh, one reload; the reloaded page hydrates without asking again.
  expect(documents).toEqual(['/dashboard', '/dashboard'])
  expect(api).toEqual([REFRESH_PATH])
  const renewed = (await context.cookies()).find((cookie) => cookie.name === 'sAccessToken')
  expect(renewed?.value).not.toBe(expired)

  // Sign out: the page is asked for again without a session, and the server redirects.
  const signedOut = page.waitForResponse((response) => new URL(response.url()).pathname === '/dashboard')
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  expect((await signedOut).status()).toBe(302)
  await expectPath(page, '/auth', '/dashboard')
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('sAccessToken')
  expect((await serverHtml(context, '/dashboard')).location).toBe('/auth?redirectToPath=%2Fdashboard')

  // Sign in again with the new account, from the auth page the server rendered.
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('password123')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expectPath(page, '/dashboard')
  await expect(page.getByTestId('user-id')).toHaveText(user.id)

  // The session ends on the backend's side (no refresh token any more) while a stale access token is sent: the
  // server renders <af-try-refresh>, whose refresh answers 401, and the browser goes to sign in once, with no reload
  // loop. In a new tab: this tab's sessionStorage holds the last refresh's time, which would count as a loop.
  const access = (await context.cookies()).find((cookie) => cookie.name === 'sAccessToken')!
  await context.clearCookies({ name: 'sRefreshToken' })
  await context.addCookies([{ ...access, value: expired }])
  expect((await serverHtml(context, '/dashboard')).html).toContain('Refreshing your session…')
  const tab = await context.newPage()
  const tabProblems = watchConsole(tab)
  const tabDocuments = watchDocuments(tab)
  const tabApi = watchApi(tab)
  await tab.goto(`${base}/dashboard`)
  await expectPath(tab, '/auth', '/dashboard')
  await expect(tab.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await tab.waitForLoadState('networkidle')
  expect(tabDocuments).toEqual(['/dashboard'])
  expect(tabApi.filter((path) => path === REFRESH_PATH)).toEqual([REFRESH_PATH])

  expect([...problems, ...tabProblems]).toEqual([])
})

test('the auth pages render on the server as the browser renders them (no hydration error)', async ({ page }) => {
  const problems = watchConsole(page)
  for (const path of SERVER_RENDERED_PATHS) {
    await page.goto(`${origin()}${path}`)
    await page.waitForLoadState('networkidle')
  }
  expect(problems).toEqual([])
})
