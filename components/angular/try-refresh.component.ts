import { isPlatformBrowser } from '@angular/common'
import { ChangeDetectionStrategy, Component, DestroyRef, PLATFORM_ID, inject, input } from '@angular/core'
import type { AfterViewInit, InputSignal } from '@angular/core'
import { tryRefresh } from '../../src/flows'
import type { TryRefreshFailure } from '../../src/flows'
import { injectAuthClient } from './auth.providers'
import { injectDisplayContents, injectNavigation } from './flow-host'

/**
 * What a server-rendered page shows when authfront/server's verifier answered `TRY_REFRESH` (the access token
 * expired): in the browser it refreshes the session once, then reloads the page (or calls `onRefreshed`, e.g. to
 * navigate to the same URL again with the router). When the session cannot be refreshed it goes to the auth page
 * with `redirectToPath` through the provided `AUTH_NAVIGATION` (or calls `onSignedOut`), and it never reloads
 * twice in a row. Inputs are read once, after the first render; its content shows meanwhile. See docs/SERVER.md.
 *
 * @example
 * ```html
 * @if (session.status === 'TRY_REFRESH') {
 *   <af-try-refresh><p>Loading…</p></af-try-refresh>
 * }
 * ```
 */
@Component({
  selector: 'af-try-refresh',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<ng-content />`,
})
export class AfTryRefresh implements AfterViewInit {
  /** Called once the refresh succeeded, to ask the server again. Defaults to `location.reload()`. */
  readonly onRefreshed = input<() => void>()
  /**
   * Called instead of the redirect when the session cannot be refreshed (`signedOut`, `error`, `loopDetected`).
   * Defaults to going to the auth page with `redirectToPath`.
   */
  // Annotated so the declaration file names the type (an inferred one would import it by a path Node16 cannot resolve).
  readonly onSignedOut: InputSignal<((reason: TryRefreshFailure) => void) | undefined> =
    input<(reason: TryRefreshFailure) => void>()
  /** How to go to the auth page. Defaults to the provided `AUTH_NAVIGATION`, else a full page load. */
  readonly navigate = input<(path: string) => void>()
  /** The path to come back to after signing in. Defaults to the provided `AUTH_NAVIGATION`, else `location`. */
  readonly currentPath = input<() => string>()
  /** A reload within this many milliseconds of the previous refresh counts as a loop. Defaults to `10_000`. */
  readonly loopWindowMs = input<number>()
  /** Where the time of the last refresh survives the reload. Defaults to `sessionStorage`, else memory. */
  readonly storage = input<Pick<Storage, 'getItem' | 'setItem'>>()
  /** Defaults to `Date.now`. */
  readonly now = input<() => number>()

  private readonly client = injectAuthClient()
  private readonly navigation = injectNavigation()
  private readonly destroyRef = inject(DestroyRef)
  private readonly isBrowser = isPlatformBrowser(inject(PLATFORM_ID))

  constructor() {
    injectDisplayContents()
  }

  ngAfterViewInit(): void {
    // A server render has no refresh token to send (it is an HttpOnly cookie of the browser).
    if (!this.isBrowser) return
    const cancel = tryRefresh(this.client, {
      onRefreshed: this.onRefreshed(),
      onSignedOut: this.onSignedOut(),
      navigate: this.navigate() ?? this.navigation.navigate,
      currentPath: this.currentPath() ?? this.navigation.currentPath,
      loopWindowMs: this.loopWindowMs(),
      storage: this.storage(),
      now: this.now(),
    })
    this.destroyRef.onDestroy(cancel)
  }
}
