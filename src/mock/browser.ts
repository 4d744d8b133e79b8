import { setupWorker } from 'msw/browser'
import type { SetupWorker, StartOptions } from 'msw/browser'
import type { MockBackend } from './createMockBackend'
import { assertSupportedMsw, mswMajor, workerScriptVersion } from './mswSupport'
import { renderConsentPage } from './oauthPage'

/** Options of `startMockBackend`: MSW's `worker.start()` options plus extra handlers. */
export interface StartMockBackendOptions extends StartOptions {
  /** More MSW handlers (your app's own mocked APIs); they take precedence over the backend's. Defaults to none. */
  handlers?: MockBackend['handlers']
  /**
   * Start on a page whose hostname is not loopback (`localhost`, `*.localhost`, `127.x.x.x`, `[::1]`): a shared
   * demo or a staging preview that deliberately runs without a backend. The mock keeps its signing secret, password
   * hashes and email links in storage the page can read, so it must never answer for real users. Defaults to `false`.
   */
  allowNonLocalhost?: boolean
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(\.\d{1,3}){3}$/.test(host) ||
    host === '[::1]' ||
    host === '::1'
  )
}

/** `process.env.NODE_ENV` as the app's bundler replaced it; undefined where nothing did and there is no `process`. */
function nodeEnv(): string | undefined {
  try {
    // Written out in full so bundlers (Vite, webpack, esbuild) substitute it at build time.
    return process.env.NODE_ENV
  } catch {
    return undefined
  }
}

/** A running mock backend in the browser. */
export interface MockBackendHandle {
  /** The MSW worker, e.g. for `worker.use(...)`. */
  worker: SetupWorker
  /** Stops intercepting requests. */
  stop(): void
}

/**
 * Starts the backend in the browser with MSW's service worker. The page must serve `mockServiceWorker.js`; create it
 * once with `npx msw init public` (the folder your dev server serves at `/`).
 *
 * With `thirdParty` on, this page may be the fake OAuth provider's authorisation page
 * (`/__authfront/mock-oauth/{provider}/authorize`): service workers never see page navigations, so the provider page
 * cannot be an MSW response. Then `startMockBackend` renders the consent page into `document.body` itself and the
 * returned promise **never settles**, so the app (mounted after `await startMockBackend(…)`) stays out of the way.
 * Your dev server must answer that path with the app's HTML, as SPA dev servers do for any unknown path.
 *
 * @example
 * const backend = createMockBackend({ apiDomain: 'http://localhost:3001', persistence: { storage: localStorage } })
 * const handle = await startMockBackend(backend, { onUnhandledRequest: 'bypass' })
 * // later: handle.stop()
 */
export async function startMockBackend(
  backend: MockBackend,
  options: StartMockBackendOptions = {},
): Promise<MockBackendHandle> {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') {
    throw new Error(
      'authfront/mock/browser is for browsers (it needs a service worker). In Node use setupMockServer from authfront/mock/node.',
    )
  }
  if (!('serviceWorker' in navigator) || navigator.serviceWorker === undefined) {
    // Service workers exist only in secure contexts: https, or http on localhost.
    throw new Error('startMockBackend needs service workers: serve the page over https or from localhost.')
  }
  const { hostname } = window.location
  if (options.allowNonLocalhost !== true && !isLoopback(hostname)) {
    throw new Error(
      `startMockBackend refuses to start on ${hostname}: the authfront mock backend is for local development and ` +
        'tests (it keeps its signing secret, password hashes and email links in page-readable storage). Point the ' +
        'app at a real backend, or pass { allowNonLocalhost: true } to run the mock on this host deliberately.',
    )
  }
  if (nodeEnv() === 'production') {
    console.warn(
      'authfront: the mock backend is running in a production build. Every sign-in is answered in this page, not by ' +
        'a server; make sure this build is not what your users get.',
    )
  }
  assertSupportedMsw()
  const page = backend.providerPage(window.location.href)
  if (page !== undefined) {
    renderConsentPage(page, document, (href) => window.location.replace(href))
    return new Promise<never>(() => undefined)
  }
  const { handlers = [], allowNonLocalhost: _allow, ...startOptions } = options
  await assertWorkerScriptMatches(startOptions.serviceWorker?.url ?? '/mockServiceWorker.js')
  const worker = setupWorker(...handlers, ...backend.handlers)
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', ...startOptions })
  return { worker, stop: () => worker.stop() }
}

/**
 * The worker script speaks the protocol of the msw version that generated it, and msw 2 and 3 differ: a stale
 * script left in `public/` after an upgrade (or a downgrade) breaks mocking with no clear error. msw only warns,
 * and `quiet` hides that, so compare the majors here and name the fix.
 */
async function assertWorkerScriptMatches(url: string): Promise<void> {
  let script: string
  try {
    const response = await fetch(url, { cache: 'no-store' })
    // A missing script is msw's to report (it names the URL it tried).
    if (!response.ok) return
    script = await response.text()
  } catch {
    return
  }
  const version = workerScriptVersion(script)
  const installed = mswMajor()
  if (version === undefined || Number(version.split('.')[0]) === installed) return
  throw new Error(
    `startMockBackend: ${url} was generated by msw ${version}, but msw ${installed}.x is installed, and the worker ` +
      'script must come from the installed major. Regenerate it with `npx msw init <your public folder>`, or let ' +
      'msw keep it in step on every install with `"msw": { "workerDirectory": ["public"] }` in package.json.',
  )
}
