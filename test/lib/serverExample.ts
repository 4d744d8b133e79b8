// For the suites of the server-rendered examples (test/angular-ssr): starting an example's production server on a
// free port, and what a journey watches on the page.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { expect } from '@playwright/test'
import type { Page } from '@playwright/test'

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
 * Starts `node args…` in `cwd` and waits until `readyUrl` answers 200 (the mock's key set: the server and its
 * backend are both up). Returns the teardown that stops it.
 */
export async function startServer(options: {
  name: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  readyUrl: string
  timeoutMs: number
}): Promise<() => Promise<void>> {
  const { name, readyUrl, timeoutMs } = options
  const server = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const exited = new Promise<never>((_, reject) =>
    server.once('exit', (code) => reject(new Error(`${name} exited (code ${code}) before it was ready`))),
  )
  exited.catch(() => {})
  const deadline = Date.now() + timeoutMs
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
      throw new Error(`${name} did not answer ${readyUrl} within ${timeoutMs / 1000} s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return async () => {
    if (server.exitCode !== null) return
    const stopped = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await stopped
  }
}

/** The examples' backend path of a session refresh. */
export const REFRESH_PATH = '/api/auth/session/refresh'

/**
 * Every console error and warning and every uncaught error of the page, hydration errors included. Allowed: a
 * refresh that answers 401 (a browser with no session marker asks the backend once, as every SuperTokens client does,
 * and the failed-refresh path asks once), which Chromium logs as "Failed to load resource".
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

/** Waits until the page is at `path`, with `redirectToPath` in its query or none. */
export const expectPath = (page: Page, path: string, redirectToPath?: string) =>
  expect
    .poll(() => {
      const url = new URL(page.url())
      return [url.pathname, url.searchParams.get('redirectToPath')]
    })
    .toEqual([path, redirectToPath ?? null])

/** The pages whose server HTML must hydrate without a warning: the home page and the auth pages, with and without a query. */
export const AUTH_PAGE_PATHS = [
  '/',
  '/auth',
  '/auth?show=signup',
  '/auth/reset-password',
  '/auth/reset-password?token=x',
  '/auth/nope',
]
