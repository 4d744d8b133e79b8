import { ChangeDetectionStrategy, Component, inject, Injector, input } from '@angular/core'
import type { InputSignal } from '@angular/core'
import type { AfterViewInit, OnInit, Signal, TemplateRef } from '@angular/core'
import { createSessionAuthState } from '../../src/flows'
import type {
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  SessionAuthGuard,
  SessionAuthOptions,
  SessionAuthState,
  Theme,
} from '../../src/flows'
import { injectAuthClient } from './auth.providers'
import { connectFlow, injectDisplayContents, injectNavigation } from './flow-host'
import { AfHref } from './href.directive'
import { AfOutlet } from './outlet.directive'

/**
 * Renders its content only with a session (or always, with `[requireAuth]="false"`). Signed-out users go to
 * the auth page with `redirectToPath`; unverified users (email verification `required`) to verify-email; other
 * failed claims show the access-denied content. Inputs are read once, when the component initialises.
 *
 * Content with the `af-fallback` attribute shows while the session is checked or a redirect is under way;
 * content with `af-access-denied` replaces the default notice. The `fallback` / `accessDenied` template inputs
 * do the same and win over projected content. Projected content is created by Angular even while hidden (only
 * its display waits for the session): to keep a page's components from starting before sign-in, guard the
 * route with `sessionGuard` instead.
 *
 * @example
 * ```html
 * <af-session-auth>
 *   <p af-fallback>Loading…</p>
 *   <app-dashboard />
 * </af-session-auth>
 * ```
 *
 * @example
 * ```ts
 * // Admins only: this guard adds a role check to the global validators; the template lists what failed.
 * readonly adminsOnly = (globals: readonly ClaimValidator[]) => [...globals, UserRoleClaim.validators.includes('admin')]
 * ```
 * ```html
 * <ng-template #denied let-g>
 *   <p>Missing: @for (claim of g.invalidClaims; track claim.id) { <code>{{ claim.id }}</code> }</p>
 * </ng-template>
 * <af-session-auth [claimValidators]="adminsOnly" [accessDenied]="denied"><app-admin-panel /></af-session-auth>
 * ```
 */
@Component({
  selector: 'af-session-auth',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfHref, AfOutlet],
  template: `
    @let g = state();
    @if (g.shouldRenderChildren) {
      <ng-content />
    } @else if (g.status === 'accessDenied') {
      @if (accessDenied(); as template) {
        <ng-container [afOutlet]="template" [afOutletContext]="g" />
      } @else {
        <ng-content select="[af-access-denied]">
          <ng-container [afOutlet]="notice" />
        </ng-content>
      }
    } @else if (g.status === 'loopDetected') {
      <ng-container [afOutlet]="notice" />
    } @else {
      @if (fallback(); as template) {
        <ng-container [afOutlet]="template" [afOutletContext]="g" />
      } @else {
        <ng-content select="[af-fallback]" />
      }
    }

    <ng-template #notice>
      <div data-af-root="sessionAuth" [attr.data-af-screen]="g.status" [attr.data-af-theme]="g.theme ?? null">
        <h2 data-af-heading="">{{ g.heading }}</h2>
        @if (g.message !== undefined) {
          <p role="alert" data-af-error="">{{ g.message }}</p>
        }
        @if (g.signInLink; as link) {
          <p data-af-placement="footer">
            <a [afHref]="link.href" data-af-action="signIn">{{ link.label }}</a>
          </p>
        }
      </div>
    </ng-template>
  `,
})
export class AfSessionAuth implements OnInit, AfterViewInit {
  /** Redirect signed-out users to the auth page. Defaults to `true`. */
  readonly requireAuth = input<boolean>()
  /** Called instead of redirecting when a session that existed ends. Defaults to redirecting. */
  readonly onSessionExpired = input<() => void>()
  /** How to go to another page. Defaults to the provided `AUTH_NAVIGATION`, else a full page load. */
  readonly navigate = input<(path: string) => void>()
  /** The path to come back to after signing in. Defaults to the provided `AUTH_NAVIGATION`, else `location`. */
  readonly currentPath = input<() => string>()
  /** Send unverified users (mode `required`) to verify-email; `false` shows access denied. Defaults to `true`. */
  readonly redirectToVerifyEmail = input<boolean>()
  /** The claim validators this guard runs instead of the global ones. Defaults to the global ones. */
  readonly claimValidators: InputSignal<SessionAuthOptions['claimValidators']> =
    input<SessionAuthOptions['claimValidators']>()
  /** More redirects than this within `loopWindowMs` stop the guard. Defaults to `3`. */
  readonly maxRedirects = input<number>()
  /** Defaults to `10_000`. */
  readonly loopWindowMs = input<number>()
  /** Where redirect timestamps survive page loads. Defaults to `sessionStorage`, else memory. */
  readonly storage = input<Pick<Storage, 'getItem' | 'setItem'>>()
  /** Defaults to `Date.now`. */
  readonly now = input<() => number>()
  /** The message catalog. Defaults to English. */
  readonly locale: InputSignal<MessageCatalog | LocaleCode | undefined> = input<MessageCatalog | LocaleCode>()
  /** Per-key text overrides. Defaults to none. */
  // Annotated so the declaration file names the type (an inferred one would import it by a path Node16 cannot resolve).
  readonly messages: InputSignal<MessageOverrides | undefined> = input<MessageOverrides>()
  /** `data-af-theme` of the default notice. Defaults to `'auto'`. */
  readonly theme = input<Theme>()
  /** Drop the theme hook. Defaults to `false`. */
  readonly unstyled = input<boolean>()
  /** Shown while loading or redirecting; its context is the guard state. Defaults to `[af-fallback]` content. */
  readonly fallback = input<TemplateRef<{ $implicit: SessionAuthState }>>()
  /**
   * Shown when a claim fails; its context is the guard state, whose `invalidClaims` are the failed claims
   * (`{ id, reason }`). Defaults to `[af-access-denied]` content (which cannot see the claims).
   */
  readonly accessDenied = input<TemplateRef<{ $implicit: SessionAuthState }>>()

  private readonly client = injectAuthClient()
  private readonly injector = inject(Injector)
  private readonly navigation = injectNavigation()
  protected state!: Signal<SessionAuthState>
  private mountGuard!: () => void

  constructor() {
    injectDisplayContents()
  }

  ngOnInit(): void {
    const guard: SessionAuthGuard = createSessionAuthState(this.client, {
      requireAuth: this.requireAuth(),
      onSessionExpired: this.onSessionExpired(),
      navigate: this.navigate() ?? this.navigation.navigate,
      currentPath: this.currentPath() ?? this.navigation.currentPath,
      redirectToVerifyEmail: this.redirectToVerifyEmail(),
      claimValidators: this.claimValidators(),
      maxRedirects: this.maxRedirects(),
      loopWindowMs: this.loopWindowMs(),
      storage: this.storage(),
      now: this.now(),
      locale: this.locale(),
      messages: this.messages(),
      theme: this.theme(),
      unstyled: this.unstyled(),
    })
    const connected = connectFlow(guard, this.injector)
    this.state = connected.state
    this.mountGuard = connected.mount
  }

  ngAfterViewInit(): void {
    this.mountGuard()
  }
}
