import { useRef } from 'react'
import type { ReactNode } from 'react'
import { createSessionAuthState } from '../../src/flows'
import type { SessionAuthOptions, SessionAuthState } from '../../src/flows'
import { useAuthClient } from './context'
import { useFlow } from './useFlow'

export interface SessionAuthProps extends SessionAuthOptions {
  children?: ReactNode
  /** Shown while the session is checked or a redirect is under way. Defaults to nothing. */
  fallback?: ReactNode
  /**
   * Shown when a claim fails (other than an unverified email, which redirects): content, or a function of the failed
   * claims (`{ id, reason }`, e.g. `reason.expectedToInclude` for a role). Defaults to a short notice.
   */
  accessDenied?: ReactNode | ((context: { invalidClaims: SessionAuthState['invalidClaims'] }) => ReactNode)
}

/**
 * Renders its children only with a session (or always, with `requireAuth={false}`). Signed-out users go to the
 * auth page with `redirectToPath`; unverified users (email verification `required`) to verify-email. Options
 * other than `onSessionExpired` are read once.
 *
 * @example
 * // Admins only: this guard adds a role check to the global validators.
 * <SessionAuth
 *   claimValidators={(globals) => [...globals, UserRoleClaim.validators.includes('admin')]}
 *   accessDenied={({ invalidClaims }) => <p>Missing: {invalidClaims.map((claim) => claim.id).join(', ')}</p>}
 * >
 *   <AdminPanel />
 * </SessionAuth>
 */
export function SessionAuth({
  children,
  fallback = null,
  accessDenied,
  onSessionExpired,
  ...options
}: SessionAuthProps) {
  const client = useAuthClient()
  const onExpired = useRef(onSessionExpired)
  onExpired.current = onSessionExpired
  const [, state] = useFlow(() =>
    createSessionAuthState(client, {
      ...options,
      onSessionExpired: onSessionExpired && (() => onExpired.current?.()),
    }),
  )
  if (state.shouldRenderChildren) return <>{children}</>
  if (state.status === 'accessDenied' && accessDenied !== undefined) {
    return (
      <>{typeof accessDenied === 'function' ? accessDenied({ invalidClaims: state.invalidClaims }) : accessDenied}</>
    )
  }
  if (state.status === 'accessDenied' || state.status === 'loopDetected') {
    return (
      <div data-af-root="sessionAuth" data-af-screen={state.status} data-af-theme={state.theme}>
        <h2 data-af-heading="">{state.heading}</h2>
        {state.message !== undefined && (
          <p role="alert" data-af-error="">
            {state.message}
          </p>
        )}
        {state.signInLink !== undefined && (
          <p data-af-placement="footer">
            <a href={state.signInLink.href} data-af-action="signIn">
              {state.signInLink.label}
            </a>
          </p>
        )}
      </div>
    )
  }
  return <>{fallback}</>
}
