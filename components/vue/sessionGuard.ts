import type { NavigationGuardWithThis } from 'vue-router'
import { decideSession, isAuthPath } from '../../src/flows'
import type { SessionAuthOptions } from '../../src/flows'
import { useAuthClient } from './plugin'

declare module 'vue-router' {
  interface RouteMeta {
    /** `false` lets `sessionGuard` pass this route without a session (for `router.beforeEach(sessionGuard)`). */
    requireAuth?: boolean
  }
}

/** Options of `createSessionGuard`: those of `<SessionAuth>` that decide, not those that render. */
export type SessionGuardOptions = Pick<
  SessionAuthOptions,
  'redirectToVerifyEmail' | 'maxRedirects' | 'loopWindowMs' | 'storage' | 'now'
>

/**
 * A vue-router navigation guard that makes the same decision as `<SessionAuth>` (the same headless guard runs it):
 * without a session it redirects to the auth page (`websiteBasePath`) with `redirectToPath` set to the requested
 * route; with email verification `required` and an unverified email, to `{websiteBasePath}/verify-email`; other
 * failed claims (and a detected redirect loop) cancel the navigation. Routes under `websiteBasePath` and routes
 * with `meta: { requireAuth: false }` always pass, so it can guard every route. On the server every route passes:
 * the server cannot see the browser's session, and `<SessionAuth>` decides after hydration.
 *
 * @example
 * router.beforeEach(createSessionGuard({ redirectToVerifyEmail: false }))
 */
export function createSessionGuard(options: SessionGuardOptions = {}): NavigationGuardWithThis<undefined> {
  return async (to) => {
    if (typeof window === 'undefined' || to.meta.requireAuth === false) return true
    // vue-router runs guards inside app.runWithContext, so inject() finds the plugin's client.
    const client = useAuthClient()
    if (isAuthPath(to.path, client.config.websiteBasePath)) return true
    const decision = await decideSession(client, { ...options, currentPath: to.fullPath })
    if (decision.kind === 'redirect') return decision.to
    return decision.kind === 'allow'
  }
}

/**
 * `createSessionGuard()` with the defaults: use it as `beforeEnter` of a route, or for every route.
 *
 * @example
 * const router = createRouter({ history: createWebHistory(), routes: [
 *   { path: '/dashboard', component: Dashboard, beforeEnter: sessionGuard },
 *   { path: '/', component: Home, meta: { requireAuth: false } },
 * ] })
 * router.beforeEach(sessionGuard)
 */
export const sessionGuard: NavigationGuardWithThis<undefined> = createSessionGuard()
