import { InjectionToken } from '@angular/core'

/**
 * How the prebuilt components leave a screen and where they say the user is. A component's own `navigate` /
 * `currentPath` input wins over these; a hook left out falls back to the flows' default (a full page load with
 * `location.assign`, and `location` for the current path).
 */
export interface AuthNavigation {
  /** Goes to `path`, a same-origin path such as `/auth?redirectToPath=%2Fdashboard`. */
  navigate?: (path: string) => void
  /** The path (with query) to come back to after signing in; `<af-auth-page>` also routes on it. */
  currentPath?: () => string
  /**
   * Calls `listener` after each in-app navigation, so `<af-auth-page>` reads `currentPath` again when the app
   * moves between auth pages without a page load. Returns unsubscribe.
   */
  subscribe?: (listener: () => void) => () => void
}

/**
 * The navigation of the prebuilt components. Nothing is provided by default, so the components use full page
 * loads and import no `@angular/router`: an app without routes does not bundle the Router. Provide it with
 * `provideAuth(client, withRouterNavigation())`, or with your own `AuthNavigation`.
 *
 * @example
 * ```ts
 * providers: [provideAuth(auth), { provide: AUTH_NAVIGATION, useValue: { navigate: (path) => myNavigate(path) } }]
 * ```
 */
export const AUTH_NAVIGATION = new InjectionToken<AuthNavigation>('authfront navigation')
