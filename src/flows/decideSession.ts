import type { AuthClient, ClaimValidationError } from '../client/types'
import { createSessionAuthState } from './sessionAuth'
import type { SessionAuthOptions, SessionAuthState, SessionAuthStatus } from './types'

/** Options of `decideSession`: those of `createSessionAuthState` that decide, not those that render. */
export interface DecideSessionOptions extends Pick<
  SessionAuthOptions,
  'requireAuth' | 'redirectToVerifyEmail' | 'maxRedirects' | 'loopWindowMs' | 'storage' | 'now'
> {
  /** The requested URL (path, query and hash), sent back as `redirectToPath`. */
  currentPath: string
}

/** What a router guard should do with a navigation. */
export type SessionDecision =
  | { kind: 'allow' }
  /** Go to `to` instead: the auth page, or verify-email. */
  | { kind: 'redirect'; to: string }
  /** Block the navigation: a failed claim (`accessDenied`) or a redirect loop (`loopDetected`). */
  | { kind: 'deny'; reason: Exclude<SessionAuthStatus, 'loading' | 'signedIn'>; invalidClaims: ClaimValidationError[] }

/**
 * The decision behind every binding's router guard, made once by the headless session guard of `SessionAuth`
 * (`createSessionAuthState`), so a guarded route and a `SessionAuth` wrapper never disagree. Waits for the
 * session check and, when claims are validated, for their answer. It navigates nowhere itself: the redirect
 * comes back as `{ kind: 'redirect', to }`, which counts towards the loop limit like a `SessionAuth` redirect.
 *
 * @example
 * const decision = await decideSession(client, { currentPath: '/dashboard?tab=2' })
 * if (decision.kind === 'redirect') router.push(decision.to) // '/auth?redirectToPath=%2Fdashboard%3Ftab%3D2'
 */
export async function decideSession(client: AuthClient, options: DecideSessionOptions): Promise<SessionDecision> {
  const { currentPath, ...decideOptions } = options
  // Settles the store's `loading` status even before the client is mounted (a router's first navigation).
  await client.session.exists()
  let redirectTo: string | undefined
  const guard = createSessionAuthState(client, {
    ...decideOptions,
    navigate: (path) => {
      redirectTo = path
    },
    currentPath: () => currentPath,
  })
  let unsubscribe = () => {}
  const decided = await new Promise<SessionAuthState>((resolve) => {
    const settle = (state: SessionAuthState) => {
      if (state.status !== 'loading') resolve(state)
    }
    unsubscribe = guard.subscribe(settle)
    guard.mount()
    settle(guard.getState())
  })
  unsubscribe()
  guard.destroy()
  if (decided.shouldRenderChildren) return { kind: 'allow' }
  if (decided.status === 'redirecting' && redirectTo !== undefined) return { kind: 'redirect', to: redirectTo }
  // Settled (not `loading`) and not rendering children (so not `signedIn`).
  const reason = decided.status as Exclude<SessionAuthStatus, 'loading' | 'signedIn'>
  return { kind: 'deny', reason, invalidClaims: decided.invalidClaims }
}
