import { defineComponent, h } from 'vue'
import type { SlotsType, VNode } from 'vue'
import { createSessionAuthState } from '../../src/flows'
import type { SessionAuthOptions, SessionAuthState } from '../../src/flows'
import { useAuthClient } from './plugin'
import { sessionAuthProps } from './props'
import { definedProps, useFlow } from './useFlow'

/** Props are the guard options, read once on creation, except `onSessionExpired` (`@session-expired`). */
export type SessionAuthProps = SessionAuthOptions

export type SessionAuthSlots = SlotsType<{
  /** Rendered with a session (or always, with `:require-auth="false"`). */
  default?: () => VNode[]
  /** Shown while the session is checked or a redirect is under way. Defaults to nothing. */
  fallback?: () => VNode[]
  /**
   * Shown when a claim fails (other than an unverified email, which redirects); its props hold the failed claims
   * (`{ id, reason }`). Defaults to a short notice.
   */
  accessDenied?: (props: { invalidClaims: SessionAuthState['invalidClaims'] }) => VNode[]
}>

/**
 * Renders its default slot only with a session. Signed-out users go to the auth page with `redirectToPath`;
 * unverified users (email verification `required`) to verify-email.
 *
 * @example
 * <SessionAuth @session-expired="router.push('/auth')">
 *   <Dashboard />
 *   <template #fallback><Spinner /></template>
 *   <template #accessDenied><p>Admins only</p></template>
 * </SessionAuth>
 *
 * @example
 * <!-- Admins only: this guard adds a role check to the global validators. -->
 * <SessionAuth :claim-validators="(globals) => [...globals, UserRoleClaim.validators.includes('admin')]">
 *   <AdminPanel />
 *   <template #accessDenied="{ invalidClaims }">
 *     <p>Missing: {{ invalidClaims.map((claim) => claim.id).join(', ') }}</p>
 *   </template>
 * </SessionAuth>
 */
export const SessionAuth = defineComponent(
  (props: SessionAuthProps, { slots }) => {
    const client = useAuthClient()
    const { state } = useFlow(() =>
      createSessionAuthState(client, {
        ...definedProps(props),
        // Read at call time, so a listener bound after creation is still the one called.
        onSessionExpired: props.onSessionExpired && (() => props.onSessionExpired?.()),
      }),
    )
    return () => {
      const g = state.value
      if (g.shouldRenderChildren) return slots.default?.()
      if (g.status === 'accessDenied' && slots.accessDenied)
        return slots.accessDenied({ invalidClaims: g.invalidClaims })
      if (g.status === 'accessDenied' || g.status === 'loopDetected') {
        return h('div', { 'data-af-root': 'sessionAuth', 'data-af-screen': g.status, 'data-af-theme': g.theme }, [
          h('h2', { 'data-af-heading': '' }, g.heading),
          ...(g.message !== undefined ? [h('p', { role: 'alert', 'data-af-error': '' }, g.message)] : []),
          ...(g.signInLink !== undefined
            ? [
                h('p', { 'data-af-placement': 'footer' }, [
                  h('a', { href: g.signInLink.href, 'data-af-action': 'signIn' }, g.signInLink.label),
                ]),
              ]
            : []),
        ])
      }
      return slots.fallback?.()
    }
  },
  { name: 'SessionAuth', props: sessionAuthProps, slots: Object as SessionAuthSlots },
)
