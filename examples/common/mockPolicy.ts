/** What an example talks to: a real API, the in-browser mock, or nothing (a production build with no backend). */
export type BackendChoice =
  { kind: 'api'; apiDomain: string } | { kind: 'mock'; allowNonLocalhost: boolean } | { kind: 'none'; reason: string }

export interface ExampleEnv {
  PROD: boolean
  VITE_API_DOMAIN?: string
  VITE_AUTHFRONT_MOCK?: string
}

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\./.test(hostname) || hostname === '[::1]'

/**
 * Whether passkeys can work on this page: browsers refuse an IP address as a WebAuthn relying party id (a
 * `SecurityError`, "invalid domain"), so an example served as http://127.0.0.1:<port> leaves them out, and the same
 * server opened as http://localhost:<port> offers them.
 */
export function canUsePasskeys(hostname: string): boolean {
  return !/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) && !hostname.startsWith('[')
}

/**
 * Fails closed: a production build runs the mock only when `VITE_AUTHFRONT_MOCK=true` asks for it, or when it is
 * previewed on this machine (a loopback hostname, where `vite preview` and the repository's checks serve it). An
 * app copied from the example and deployed without `VITE_API_DOMAIN` shows an error instead of signing users in
 * against a mock whose secrets live in the page.
 */
export function chooseBackend(env: ExampleEnv, hostname: string): BackendChoice {
  if (env.VITE_API_DOMAIN) return { kind: 'api', apiDomain: env.VITE_API_DOMAIN }
  const optedIn = env.VITE_AUTHFRONT_MOCK === 'true'
  // A dev server is never what users get, so it may be reached under any name (a phone on the LAN, a custom dev
  // hostname such as the cross-tab tests' app.test).
  if (!env.PROD || optedIn) return { kind: 'mock', allowNonLocalhost: true }
  if (isLoopback(hostname)) return { kind: 'mock', allowNonLocalhost: false }
  return {
    kind: 'none',
    reason:
      'This production build has no backend: set VITE_API_DOMAIN to your API when building, or build with ' +
      'VITE_AUTHFRONT_MOCK=true to ship the in-browser mock backend deliberately (a demo without real users).',
  }
}
