// What the server-rendering examples' journeys share (test/next, test/nuxt): starting a production server on a free
// port, and watching the page's console for errors and hydration warnings.
import { spawn } from 'node:child_process'
import type { SpawnOptions } from 'node:child_process'
import { createServer } from 'node:net'
import { expect } from '@playwright/test'
import type { Page } from '@playwright/test'

/** Access tokens live this long, so a journey can wait for one to expire. */
export const ACCESS_TOKEN_LIFETIME_MS = 8_000

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
    if (message.text().includes('status of 401') && url.endsWith('/api/auth/session/refresh')) return
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

/** The user id in the `front-token` header of a sign-in or sign-up answer (unsigned: fine for a test to read). */
export const frontTokenUserId = (frontToken: string) =>
  (JSON.parse(Buffer.from(frontToken, 'base64').toString()) as { uid: string }).uid

/** The `exp` of an access token, in milliseconds. */
export const expiresAt = (accessToken: string) =>
  (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000
