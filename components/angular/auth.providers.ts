import { isPlatformBrowser } from '@angular/common'
import {
  DestroyRef,
  InjectionToken,
  PLATFORM_ID,
  inject,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core'
import type { EnvironmentProviders, Injector, Provider } from '@angular/core'
import type { AuthClient } from '../../src/client/types'

/** The authfront client of this injector tree, as `provideAuth` registered it. */
export const AUTH_CLIENT = new InjectionToken<AuthClient>('authfront AuthClient')

/** An optional part of `provideAuth`, such as `withRouterNavigation()`. */
export interface AuthFeature {
  readonly providers: Provider[]
}

/**
 * Registers an authfront client for the application (or a lazy route's environment injector).
 * In the browser it mounts the client (listeners, timers, cross-tab sync) and unmounts it when the environment
 * injector is destroyed. On the server nothing is mounted, so no timers keep a render alive.
 *
 * The prebuilt components navigate with full page loads unless a feature says otherwise: pass
 * `withRouterNavigation()` in an app with routes. Features default to none.
 *
 * @example
 * ```ts
 * const auth = createAuthClient({ apiDomain: 'http://localhost:3001' })
 * bootstrapApplication(App, {
 *   providers: [
 *     provideAuth(auth, withRouterNavigation()),
 *     provideRouter(routes),
 *     provideHttpClient(withInterceptors([authInterceptor])),
 *   ],
 * })
 * ```
 */
export function provideAuth(client: AuthClient, ...features: AuthFeature[]): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: AUTH_CLIENT, useValue: client },
    ...features.flatMap((feature) => feature.providers),
    provideEnvironmentInitializer(() => {
      if (!isPlatformBrowser(inject(PLATFORM_ID))) return
      // mount() is reference-counted, so nested environments that provide the same client are safe.
      const unmount = client.mount()
      inject(DestroyRef).onDestroy(unmount)
    }),
  ])
}

/**
 * The client registered with `provideAuth`. Call it in an injection context (a constructor, a field initializer,
 * a guard or an interceptor), or pass `injector`. Throws when `provideAuth` is missing.
 *
 * @example
 * ```ts
 * readonly auth = injectAuthClient()
 * signOut = () => this.auth.session.signOut()
 * ```
 */
export function injectAuthClient(options: { injector?: Injector } = {}): AuthClient {
  const client = options.injector
    ? options.injector.get(AUTH_CLIENT, null, { optional: true })
    : inject(AUTH_CLIENT, { optional: true })
  if (!client) {
    throw new Error('authfront: no AuthClient found. Add provideAuth(client) to your application providers.')
  }
  return client
}
