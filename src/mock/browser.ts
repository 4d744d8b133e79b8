import { setupWorker } from 'msw/browser'
import type { SetupWorker, StartOptions } from 'msw/browser'
import type { MockBackend } from './createMockBackend'

/** Options of `startMockBackend`: MSW's `worker.start()` options plus extra handlers. */
export interface StartMockBackendOptions extends StartOptions {
  /** More MSW handlers (your app's own mocked APIs); they take precedence over the backend's. Defaults to none. */
  handlers?: MockBackend['handlers']
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
  const { handlers = [], ...startOptions } = options
  const worker = setupWorker(...handlers, ...backend.handlers)
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', ...startOptions })
  return { worker, stop: () => worker.stop() }
}
