import { setupServer } from 'msw/node'
import type { SetupServer } from 'msw/node'
import type { MockBackend } from './createMockBackend'
import { assertSupportedMsw } from './mswSupport'

function assertNode(): void {
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string'
  if (!isNode) {
    throw new Error(
      'authfront/mock/node is for Node (tests, SSR). In a browser use startMockBackend from authfront/mock/browser.',
    )
  }
}

/**
 * Creates an MSW `setupServer` with the backend's handlers (plus any extra handlers you pass, which take
 * precedence). You call `listen()`/`close()` yourself, as with MSW:
 *
 * @example
 * const backend = createMockBackend({ apiDomain: 'http://localhost:3001' })
 * const server = setupMockServer(backend)
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * afterEach(() => backend.reset())
 * afterAll(() => server.close())
 */
export function setupMockServer(backend: MockBackend, ...extraHandlers: MockBackend['handlers']): SetupServer {
  assertNode()
  assertSupportedMsw()
  return setupServer(...extraHandlers, ...backend.handlers)
}
