import { isPlatformBrowser } from '@angular/common'
import { PLATFORM_ID, inject } from '@angular/core'
import { Router } from '@angular/router'
import type { CanActivateFn } from '@angular/router'
import { decideSession } from '../../src/flows'
import type { SessionAuthOptions } from '../../src/flows'
import { injectAuthClient } from './auth.providers'

/** Options of `createSessionGuard`: those of `<af-session-auth>` that decide, not those that render. */
export type SessionGuardOptions = Pick<
  SessionAuthOptions,
  'requireAuth' | 'redirectToVerifyEmail' | 'claimValidators' | 'maxRedirects' | 'loopWindowMs' | 'storage' | 'now'
>

/**
 * A `CanActivateFn` that answers what `decideSession` decides (the policy Vue's `sessionGuard` shares): without a
 * session it redirects to the auth page (`websiteBasePath`) with `redirectToPath` set to the requested URL; with
 * email verification `required` and an unverified email it redirects to `{websiteBasePath}/verify-email`; other
 * failed claims (and a detected redirect loop) block the navigation. Routes under `websiteBasePath` and guards
 * created with `requireAuth: false` always pass.
 *
 * During server rendering it blocks without a request: the session lives in the browser, and the browser runs
 * the guard again when the app starts there.
 *
 * @example
 * ```ts
 * { path: 'admin', component: Admin, canActivate: [createSessionGuard({ redirectToVerifyEmail: false })] }
 * ```
 *
 * @example
 * ```ts
 * // Admins only: this route adds a role check to the global validators (a user without it stays where they are).
 * const adminsOnly = createSessionGuard({
 *   claimValidators: (globals) => [...globals, UserRoleClaim.validators.includes('admin')],
 * })
 * ```
 */
export function createSessionGuard(options: SessionGuardOptions = {}): CanActivateFn {
  return async (_route, routerState) => {
    const client = injectAuthClient()
    const router = inject(Router)
    const isServer = !isPlatformBrowser(inject(PLATFORM_ID))
    const decision = await decideSession(client, { ...options, isServer, currentPath: routerState.url })
    if (decision.kind === 'redirect') return router.parseUrl(decision.to)
    return decision.kind === 'allow'
  }
}

/**
 * `createSessionGuard()` with the defaults.
 *
 * @example
 * ```ts
 * export const routes: Routes = [{ path: 'dashboard', component: Dashboard, canActivate: [sessionGuard] }]
 * ```
 */
// Pure: an app that imports only the components must not keep this guard (and @angular/router) alive.
export const sessionGuard: CanActivateFn = /* @__PURE__ */ createSessionGuard()
