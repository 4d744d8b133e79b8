import { createMockBackend } from 'authfront/mock'
import type { MockBackend } from 'authfront/mock'
import { apiBasePath } from '../../paths'
import { accessTokenLifetimeMs, appOrigin } from './config'

const LOOPBACK = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\])$/

let backend: MockBackend | undefined

/**
 * The mock backend, in memory, for the whole server process. Like the other examples it fails closed: it runs only
 * on a loopback origin unless `AUTHFRONT_MOCK=true` says a shared demo is wanted (src/mock/README.md, "Not for
 * production").
 */
export function mockBackend(): MockBackend {
  if (backend) return backend
  const { hostname } = new URL(appOrigin())
  if (!LOOPBACK.test(hostname) && process.env['AUTHFRONT_MOCK'] !== 'true') {
    throw new Error(`The mock backend runs on a loopback app origin only (got ${hostname}); set AUTHFRONT_MOCK=true.`)
  }
  const lifetime = accessTokenLifetimeMs()
  backend = createMockBackend({
    apiDomain: appOrigin(),
    apiBasePath,
    // A real server: cookies come from each request's Cookie header, and the Set-Cookie headers go to the browser,
    // which stores the httpOnly session cookies itself.
    cookieJar: false,
    ...(lifetime > 0 && { accessTokenLifetimeMs: lifetime }),
    users: [{ email: 'ada@example.com', password: 'password1', verified: true }],
  })
  return backend
}
