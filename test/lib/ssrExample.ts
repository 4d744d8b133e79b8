// What the server-rendering examples' journeys share (test/next, test/nuxt, test/angular-ssr): starting a production
// server on a free port, and watching the page's console for errors and hydration warnings.
import { spawn } from 'node:child_process'
import type { SpawnOptions } from 'node:child_process'
import { createServer } from 'node:net'
import { expect } from '@playwright/test'
import type { BrowserContext, Cookie, Page } from '@playwright/test'

/** Access tokens live this long, so a journey can wait for one to expire. */
export const ACCESS_TOKEN_LIFETIME_MS = 8_000

/** The examples' backend path of a session refresh. */
export const REFRESH_PATH = '/api/auth/session/refresh'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/**
 * Starts a server and waits until `readyUrl` answers 200 (at most 60 s). Returns the teardown that stops it, as a
 * Playwright globalSetup does.
 */
export async function startServer(
  name: string,
  args: string[],
  readyUrl: string,
  options: SpawnOptions,
): Promise<() => Promise<void>> {
  const server = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options })
  const exited = new Promise<never>((_, reject) =>
    server.once('exit', (code) => reject(new Error(`${name} exited (code ${code}) before it was ready`))),
  )
  exited.catch(() => {})
  const deadline = Date.now() + 60_000
  for (;;) {
    const ready = await Promise.race([
      fetch(readyUrl).then(
        (response) => response.ok,
        () => false,
      ),
      exited,
    ])
    if (ready) break
    if (Date.now() > deadline) {
      server.kill()
      throw new Error(`${name} did not answer ${readyUrl} within 60 s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return async () => {
    if (server.exitCode !== null) return
    const stopped = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await stopped
  }
}

/**
 * Every console error and warning and every uncaught error of the page, hydration mismatches included. One is
 * expected: a browser with no session marker asks the backend once (a refresh that answers 401), as every SuperTokens
 * client does, and Chromium logs each 4xx response as "Failed to load resource".
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return
    const { url } = message.location()
    if (message.text().includes('status of 401') && url.endsWith(REFRESH_PATH)) return
    problems.push(`${message.type()}: ${message.text()} (${url})`)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  return problems
}

/** Waits until the page is on `path`, with `redirectToPath` as given (or none). */
export const expectPath = (page: Page, path: string, redirectToPath?: string) =>
  expect
    .poll(() => {
      const url = new URL(page.url())
      return [url.pathname, url.searchParams.get('redirectToPath')]
    })
    .toEqual([path, redirectToPath ?? null])

/** The status of the server's own redirect that a navigation to `url` followed, if it followed one. */
export async function redirectStatus(page: Page, url: string): Promise<number | undefined> {
  const response = await page.goto(url)
  return (await response?.request().redirectedFrom()?.response())?.status()
}

/** The paths of the documents the page loads from now on. */
export function watchDocuments(page: Page): string[] {
  const documents: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents.push(new URL(request.url()).pathname)
  })
  return documents
}

/** Signs up from the prebuilt sign-in screen and returns the new user's id. */
export async function signUp(page: Page, email: string): Promise<string> {
  await page.getByRole('button', { name: 'Sign up', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible()
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('password123')
  const answer = page.waitForResponse((response) => response.url().endsWith('/api/auth/signup'))
  await page.getByRole('button', { name: 'Sign up', exact: true }).click()
  // The body is gone once the screen navigates on; the front-token header carries the same user id.
  const frontToken = (await answer).headers()['front-token'] ?? ''
  return (JSON.parse(Buffer.from(frontToken, 'base64').toString()) as { uid: string }).uid
}

/** Signs in, with the account `signUp` made, on the prebuilt sign-in screen. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email)
  await page.getByLabel('Password', { exact: true }).fill('password123')
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/**
 * The session cookies are the backend's real httpOnly cookies, out of reach of the page's scripts. Returns the
 * access-token cookie.
 */
export async function expectHttpOnlySession(page: Page, context: BrowserContext): Promise<Cookie> {
  const cookies = await context.cookies()
  const accessCookie = cookies.find((cookie) => cookie.name === 'sAccessToken')
  expect(accessCookie?.httpOnly).toBe(true)
  expect(cookies.find((cookie) => cookie.name === 'sRefreshToken')?.httpOnly).toBe(true)
  expect(await page.evaluate(() => document.cookie)).not.toContain('sAccessToken')
  return accessCookie!
}

/** Waits on another page (so no client refreshes meanwhile) until the access token in `accessCookie` has expired. */
export async function waitForExpiry(page: Page, accessCookie: Cookie): Promise<void> {
  await page.goto('about:blank')
  const payload = JSON.parse(Buffer.from(accessCookie.value.split('.')[1]!, 'base64url').toString()) as { exp: number }
  expect(payload.exp * 1000 - Date.now()).toBeLessThanOrEqual(ACCESS_TOKEN_LIFETIME_MS)
  await page.waitForTimeout(Math.max(0, payload.exp * 1000 - Date.now() + 1_000))
}

/** The auth pages (and the home page) whose server HTML the browser must hydrate without a warning. */
export const SERVER_RENDERED_PATHS = [
  '/',
  '/auth',
  '/auth?show=signup',
  '/auth/reset-password',
  '/auth/reset-password?token=x',
  '/auth/nope',
]

/** Loads each page and waits until it is idle, for `watchConsole` to see what hydrating it logged. */
export async function visitEach(page: Page, origin: string, paths: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(`${origin}${path}`)
    await page.waitForLoadState('networkidle')
  }
}

/** The example's origin, which the suite's globalSetup (`server.ts`) put in `variable`. */
export function exampleOrigin(variable: string, suite: string): string {
  const value = process.env[variable]
  if (!value) throw new Error(`${variable} is unset: run with -c ${suite} (its globalSetup starts the app)`)
  return value
}

/**
 * The end of a journey, signed in with an expired access token: the server renders the try-refresh component, the
 * browser refreshes once and reloads into the server-rendered page with the user id; then sign-out, the server's
 * redirect of the next visit (`redirect`, its status), and signing in again from the auth page the server rendered.
 */
export async function refreshThenSignOutAndIn(
  page: Page,
  context: BrowserContext,
  journey: { base: string; userId: string; email: string; expiredAccess: Cookie; redirect: number },
): Promise<void> {
  const { base, userId } = journey
  const documents = watchDocuments(page)
  const refresh = page.waitForResponse((response) => response.url().endsWith(REFRESH_PATH))
  await page.goto(`${base}/dashboard`)
  expect((await refresh).status()).toBe(200)
  await expect(page.getByTestId('user-id')).toHaveText(userId)
  // The try-refresh component reloaded the page once after the refresh.
  expect(documents).toEqual(['/dashboard', '/dashboard'])
  const renewed = (await context.cookies()).find((cookie) => cookie.name === 'sAccessToken')
  expect(renewed?.value).not.toBe(journey.expiredAccess.value)

  // Sign out: the page goes to the auth page, and the server redirects the next visit.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await expectPath(page, '/auth', '/dashboard')
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('sAccessToken')
  expect(await redirectStatus(page, `${base}/dashboard`)).toBe(journey.redirect)
  await expectPath(page, '/auth', '/dashboard')

  // Sign in again with the new account, from the auth page the server rendered.
  await signIn(page, journey.email)
  await expectPath(page, '/dashboard')
  await expect(page.getByTestId('user-id')).toHaveText(userId)
}
