import { useRef } from 'react'
import type { ReactNode } from 'react'
import { createSessionAuthState } from '../../src/flows'
import type { SessionAuthOptions } from '../../src/flows'
import { useAuthClient } from './context'
import { useFlow } from './useFlow'

export interface SessionAuthProps extends SessionAuthOptions {
  children?: ReactNode
  /** Shown while the session is checked or a redirect is under way. Defaults to nothing. */
  fallback?: ReactNode
  /** Shown when a claim fails (other than an unverified email, which redirects). Defaults to a short notice. */
  accessDenied?: ReactNode
}

/**
 * Renders its children only with a session (or always, with `requireAuth={false}`). Signed-out users go to the
 * auth page with `redirectToPath`; unverified users (email verification `required`) to verify-email. Options
 * other than `onSessionExpired` are read once.
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
  if (state.status === 'accessDenied' && accessDenied !== undefined) return <>{accessDenied}</>
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
