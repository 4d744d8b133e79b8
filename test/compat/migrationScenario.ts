/**
 * One run of the migration guide's app against a fresh mock: what the user sees, the events the app heard and the
 * requests the backend received. migrationExample.test.ts runs it with authfront/compat, migrationBefore.test.ts with
 * the official SDK; both expect `expectedTranscript`.
 */
import { createMockBackend } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

export interface MigrationApp {
  initAuth(apiDomain: string, onEvent: (action: string) => void): void
  signIn(email: string, password: string): Promise<string>
  loadProfile(): Promise<unknown>
  signOut(): Promise<void>
}

export const API = 'http://localhost:3001'

/** The mock on `API` with one user; `requests` lists what reached it. */
export function startBackend() {
  const backend = createMockBackend({
    apiDomain: API,
    users: [{ id: 'user-ada', email: 'ada@example.com', password: 'password1', verified: true }],
  })
  const server = setupMockServer(backend)
  const requests: string[] = []
  server.events.on('request:start', ({ request }) =>
    requests.push(`${request.method} ${new URL(request.url).pathname}`),
  )
  server.listen({ onUnhandledRequest: 'error' })
  return { backend, server, requests }
}

export async function runScenario(app: MigrationApp, { backend, requests }: ReturnType<typeof startBackend>) {
  const events: string[] = []
  const seen: [string, unknown][] = []
  app.initAuth(API, (action) => events.push(action))
  seen.push(['profile before sign-in', await app.loadProfile()])
  seen.push(['wrong password', await app.signIn('ada@example.com', 'nope')])
  seen.push(['sign in', await app.signIn('ada@example.com', 'password1')])
  seen.push(['profile', await app.loadProfile()])
  // The backend ended the access token early; the client still thinks it valid: 401, refresh, retry.
  backend.controls.expireAccessTokens()
  seen.push(['profile after expiry', await app.loadProfile()])
  await app.signOut()
  seen.push(['profile after sign-out', await app.loadProfile()])
  return { seen, events, requests: [...requests] }
}

const profile = { userId: 'user-ada', email: 'ada@example.com', verified: true }

export const expectedTranscript = {
  seen: [
    ['profile before sign-in', 'signed out'],
    ['wrong password', 'Wrong email or password'],
    ['sign in', 'Welcome ada@example.com'],
    ['profile', profile],
    ['profile after expiry', profile],
    ['profile after sign-out', 'signed out'],
  ],
  events: ['SESSION_CREATED', 'ACCESS_TOKEN_PAYLOAD_UPDATED', 'REFRESH_SESSION', 'SIGN_OUT'],
  requests: [
    // The one probe of a browser without session cookies (docs/PROTOCOL.md §5.2).
    'POST /auth/session/refresh',
    'POST /auth/signin',
    'POST /auth/signin',
    'GET /api/me',
    'GET /api/me',
    'POST /auth/session/refresh',
    'GET /api/me',
    'POST /auth/signout',
  ],
}
