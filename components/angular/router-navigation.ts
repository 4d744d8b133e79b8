import { DOCUMENT } from '@angular/common'
import { inject } from '@angular/core'
import { NavigationEnd, Router } from '@angular/router'
import { AUTH_NAVIGATION } from './auth.navigation'
import type { AuthNavigation } from './auth.navigation'
import type { AuthFeature } from './auth.providers'

/**
 * Makes the prebuilt components navigate in-app through the Angular Router and read the Router's URL, so paths
 * stay relative to the base href on both sides, and `<af-auth-page>` follows the Router's navigations. A path no route matches falls back to a full page load, and so
 * does everything when the Router has no routes at the first component's creation. Only this feature brings
 * `@angular/router` into the components' import graph: apps without it do not bundle the Router.
 *
 * @example
 * ```ts
 * bootstrapApplication(App, { providers: [provideRouter(routes), provideAuth(auth, withRouterNavigation())] })
 * ```
 */
export function withRouterNavigation(): AuthFeature {
  return { providers: [{ provide: AUTH_NAVIGATION, useFactory: routerNavigation }] }
}

function routerNavigation(): AuthNavigation {
  const router = inject(Router)
  const document = inject(DOCUMENT)
  // Decided once, when the first component asks: an app whose Router has no routes keeps full page loads.
  if (router.config.length === 0) return {}
  return {
    navigate: (path) => {
      router.navigateByUrl(path).catch(() => document.defaultView?.location.assign(path))
    },
    currentPath: () => router.url,
    subscribe: (listener) => {
      const subscription = router.events.subscribe((event) => {
        if (event instanceof NavigationEnd) listener()
      })
      return () => subscription.unsubscribe()
    },
  }
}
