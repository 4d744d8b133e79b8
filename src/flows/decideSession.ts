import type { AuthClient, ClaimValidationError } from '../client/types'
import { isAuthPath } from './redirect'
import { createSessionAuthState } from './sessionAuth'
import type { SessionAuthOptions, SessionAuthState, SessionAuthStatus } from './types'

/** Options of `decideSession`: those of `createSessionAuthState` that decide, not those that render. */
export interface DecideSessionOptions extends Pick<
  SessionAuthOptions,
  'requireAuth' | 'redirectToVerifyEmail' | 'claimValidators' | 'maxRedirects' | 'loopWindowMs' | 'storage' | 'now'
> {
  /** The requested URL (path, query and hash), sent back as `redirectToPath`. */
  currentPath: string
  /** True while rendering on the server; each binding says what its framework knows. Defaults to `false`. */
  isServer?: boolean
}

/** What a router guard should do with a navigation. */
export type SessionDecision =
  | { kind: 'allow' }
  /**
   * No answer here: rendering on the server, which cannot see the browser's session, or the client was unmounted
   * while it checked the session (the app is torn down or hot-reloaded). Render nothing guarded; the browser (or
   * the next mount) decides.
   */
  | { kind: 'defer' }
  /** Go to `to` instead: the auth page, or verify-email. */
  | { kind: 'redirect'; to: string }
  /** Block the navigation: a failed claim (`accessDenied`) or a redirect loop (`loopDetected`). */
  | { kind: 'deny'; reason: Exclude<SessionAuthStatus, 'loading' | 'signedIn'>; invalidClaims: ClaimValidationError[] }

/**
 * The decision behind every binding's router guard (Vue's and Angular's `sessionGuard` map it, and nothing else,
 * to their router's answer), in this order:
 *
 * 1. `requireAuth: false` → `allow`, without a request.
 * 2. A path at or under `websiteBasePath` (the prebuilt auth pages, `isAuthPath`) → `allow`: guarding the page
 *    that signs users in would redirect it to itself.
 * 3. Server rendering → `defer`, without a request: the session lives in the browser (its cookies or storage),
 *    so the server renders nothing guarded and the browser decides when the app starts there.
 * 4. Otherwise the headless session guard of `SessionAuth` (`createSessionAuthState`) decides, so a guarded
 *    route and a `SessionAuth` wrapper never disagree: it waits for the session check and, when claims are
 *    validated, for their answer. It navigates nowhere itself: the redirect comes back as
 *    `{ kind: 'redirect', to }`, which counts towards the loop limit like a `SessionAuth` redirect.
 *
 * @example
 * const decision = await decideSession(client, { currentPath: '/dashboard?tab=2' })
 * if (decision.kind === 'redirect') router.push(decision.to) // '/auth?redirectToPath=%2Fdashboard%3Ftab%3D2'
 */
export async function decideSession(client: AuthClient, options: DecideSessionOptions): Promise<SessionDecision> {
  const { currentPath, isServer = false, ...decideOptions } = options
  if (decideOptions.requireAuth === false) return { kind: 'allow' }
  const path = currentPath.replace(/[?#].*$/s, '')
  if (isAuthPath(path, client.config.websiteBasePath)) return { kind: 'allow' }
  if (isServer) return { kind: 'defer' }
  // Settles the store's `loading` status even before the client is mounted (a router's first navigation).
  try {
    await client.session.exists()
  } catch {
    // Only an unmount mid-refresh rejects (a failing refresh endpoint answers `false`). The store may stay
    // `loading`, so waiting for it would hang the navigation: block it instead, showing nothing guarded.
    return { kind: 'defer' }
  }
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
