import type { NavigationGuardWithThis } from 'vue-router'
import { decideSession } from '../../src/flows'
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
  'requireAuth' | 'redirectToVerifyEmail' | 'claimValidators' | 'maxRedirects' | 'loopWindowMs' | 'storage' | 'now'
>

/**
 * A vue-router navigation guard that answers what `decideSession` decides (the policy Angular's `sessionGuard`
 * shares): without a session it redirects to the auth page (`websiteBasePath`) with `redirectToPath` set to the
 * requested route; with email verification `required` and an unverified email, to `{websiteBasePath}/verify-email`;
 * other failed claims (and a detected redirect loop) cancel the navigation. Routes under `websiteBasePath` and
 * routes with `meta: { requireAuth: false }` always pass, so it can guard every route. During server rendering a
 * guarded route is cancelled without a request: the session lives in the browser, which decides when the app
 * starts there.
 *
 * @example
 * router.beforeEach(createSessionGuard({ redirectToVerifyEmail: false }))
 *
 * @example
 * // Admins only: this route adds a role check to the global validators (a user without it stays where they are).
 * const adminsOnly = createSessionGuard({
 *   claimValidators: (globals) => [...globals, UserRoleClaim.validators.includes('admin')],
 * })
 * const routes = [{ path: '/admin', component: Admin, beforeEnter: adminsOnly }]
 */
export function createSessionGuard(options: SessionGuardOptions = {}): NavigationGuardWithThis<undefined> {
  return async (to) => {
    // vue-router runs guards inside app.runWithContext, so inject() finds the plugin's client.
    const decision = await decideSession(useAuthClient(), {
      ...options,
      requireAuth: to.meta.requireAuth,
      // An SSR bundle runs without `window`.
      isServer: typeof window === 'undefined',
      currentPath: to.fullPath,
    })
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
