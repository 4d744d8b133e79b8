import { ChangeDetectionStrategy, Component, input, output } from '@angular/core'
import type { InputSignal } from '@angular/core'
import type { AfterViewInit, OnInit, Signal } from '@angular/core'
import { createSignInUpFlow } from '../../src/flows'
import type {
  FieldConfig,
  FirstFactorOptions,
  FlowTimers,
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  SignInUpFlow,
  SignInUpScreen,
  SignInUpState,
  Theme,
} from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { AfEach } from './each.directive'
import { injectScreenHost } from './flow-host'
import { AfFocus } from './focus.directive'
import type { FlowInputs } from './flow-host'

/**
 * The sign-in / sign-up page: every first factor the client's recipe plugins enable (provider buttons, the
 * email-password form, the passwordless contact form, then the code or "check your inbox" screen), or the tenant's
 * with `loginMethods="dynamic"`. Put it on the route of `websiteBasePath` (default `/auth`), or use
 * `<af-auth-page>`. Inputs are the options of `createSignInUpFlow` and are read once, when the component
 * initialises.
 *
 * @example
 * ```html
 * <af-sign-in-up [firstFactors]="['thirdparty', 'otp-email']" (success)="onSignedIn($event)" />
 * ```
 */
@Component({
  selector: 'af-sign-in-up',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfAuthForm, AfEach, AfFocus],
  // One root for both layouts (`form` as in FLOW_TEMPLATE, `methods` as MARKUP.md "Sign-in methods"), so its
  // focus directive outlives a layout switch. Header actions are buttons on this page (toSignIn / toSignUp have
  // no href), so the methods layout renders no link for them.
  // Not formatted by Prettier: text must sit right against its tags (see auth-form.component.ts).
  // prettier-ignore
  template: `
    @let s = state();
    <div
      [attr.data-af-root]="s.flow"
      [attr.data-af-screen]="s.screen"
      [attr.data-af-theme]="s.theme ?? null"
      [attr.aria-busy]="s.isLoadingMethods ? 'true' : null"
      [afFocus]="s.focusRequest"
    >
      @if (s.layout === 'form') {
        <form data-af-form="" [flow]="flow" [state]="s"></form>
      } @else {
        <h2 [attr.id]="s.ids.heading" tabindex="-1" data-af-heading="">{{ s.heading }}</h2>
        <ng-container *afEach="let a of s.actions">
          @if (a.placement === 'header') {
            <p data-af-placement="header">
              @if (a.prompt !== undefined) {
                <span data-af-prompt="">{{ a.prompt }}</span>
              }
              <button
                type="button"
                [attr.data-af-action]="a.id"
                [disabled]="a.isDisabled"
                (click)="flow.perform(a.id)"
              >{{ a.label }}</button>
            </p>
          }
        </ng-container>
        @if (s.formError !== undefined) {
          <p [attr.id]="s.ids.formError" role="alert" tabindex="-1" data-af-form-error="">{{ s.formError }}</p>
        }
        <div [attr.id]="s.ids.live" role="status" aria-live="polite" data-af-live="">
          @if (s.statusMessage !== undefined) {
            <p [attr.data-af-status]="s.statusTone">{{ s.statusMessage }}</p>
          }
        </div>
        @if (s.providers.length > 0) {
          <div data-af-providers="">
            <button
              *afEach="let p of s.providers"
              type="button"
              [attr.data-af-provider]="p.id"
              [attr.aria-busy]="p.isBusy ? 'true' : 'false'"
              [disabled]="p.isDisabled"
              (click)="flow.continueWith(p.id)"
            >@if (p.mark) {<svg viewBox="0 0 24 24" aria-hidden="true"><path [attr.d]="p.mark" /></svg>}{{ p.label }}</button>
          </div>
        }
        @if (s.hasEmailPassword) {
          @if (s.providers.length > 0) {
            <div data-af-divider="" role="separator" [attr.aria-label]="s.dividerLabel"><span aria-hidden="true">{{ s.dividerLabel }}</span></div>
          }
          <form data-af-form="" [flow]="flow" [state]="s" [part]="'emailPassword'"></form>
        }
        @if (s.passwordlessForm) {
          @if (s.providers.length > 0 || s.hasEmailPassword) {
            <div data-af-divider="" role="separator" [attr.aria-label]="s.dividerLabel"><span aria-hidden="true">{{ s.dividerLabel }}</span></div>
          }
          <form data-af-form="passwordless" [flow]="flow" [state]="s" [part]="'passwordless'"></form>
        }
      }
    </div>
  `,
})
export class AfSignInUp implements FlowInputs, OnInit, AfterViewInit {
  /** How to go to another page. Defaults to the provided `AUTH_NAVIGATION`, else a full page load. */
  readonly navigate = input<(path: string) => void>()
  /** The page query string. Defaults to `location.search`. */
  readonly search = input<string>()
  /** Where to go after success; same-origin relative paths only. Defaults to the URL's `redirectToPath`. */
  readonly redirectToPath = input<string>()
  /** Where to go after success without a valid `redirectToPath`. Defaults to `'/'`. */
  readonly defaultRedirectPath = input<string>()
  /** The message catalog. Defaults to English. */
  readonly locale: InputSignal<MessageCatalog | LocaleCode | undefined> = input<MessageCatalog | LocaleCode>()
  /** Per-key text overrides. Defaults to none. */
  // Annotated so the declaration file names the type (an inferred one would import it by a path Node16 cannot resolve).
  readonly messages: InputSignal<MessageOverrides | undefined> = input<MessageOverrides>()
  /** Prefix of every DOM id. Defaults to `'af'`. */
  readonly idPrefix = input<string>()
  /** Defaults to the URL's `tenantId`, else `public`. */
  readonly tenantId = input<string>()
  /** `data-af-theme`. Defaults to `'auto'`. */
  readonly theme = input<Theme>()
  /** Drop the theme hook so authfront.css does not apply. Defaults to `false`. */
  readonly unstyled = input<boolean>()
  /** Clock and timers. Defaults to the globals. */
  readonly timers = input<Partial<FlowTimers>>()

  /** Defaults to `signUp` when the URL has `show=signup`, else `signIn`. */
  readonly initialScreen = input<SignInUpScreen>()
  /** Extra sign-up fields after email and password; ids `email`/`password` override those. Defaults to none. */
  readonly signUpFields = input<FieldConfig[]>()
  /** Check on sign-up email blur whether the email is taken. Defaults to `true`. */
  readonly checkEmailExists = input<boolean>()
  /** Redirect at once when a session already exists. Defaults to `true`. */
  readonly redirectIfSignedIn = input<boolean>()
  /**
   * The first factors to offer (`emailpassword`, `thirdparty`, `otp-email`, `link-email`, `otp-phone`,
   * `link-phone`); factors whose recipe plugin the client lacks are dropped. Defaults to every factor the
   * client's plugins enable.
   */
  readonly firstFactors: InputSignal<FirstFactorOptions['firstFactors']> = input<FirstFactorOptions['firstFactors']>()
  /** `'dynamic'` shows the tenant's login methods (needs the `multitenancy()` plugin). Defaults to `'static'`. */
  readonly loginMethods = input<'static' | 'dynamic'>()
  /** Seconds "Resend" stays disabled after a code or link was sent. Defaults to `15`. */
  readonly resendCooldownSeconds = input<number>()
  /** After a successful sign-in or sign-up, before navigating. */
  readonly success = output<{ action: SignInUpScreen; redirectTo: string }>()

  private readonly host = injectScreenHost()
  protected flow!: SignInUpFlow
  protected state!: Signal<SignInUpState>

  ngOnInit(): void {
    this.flow = createSignInUpFlow(this.host.client, {
      ...this.host.options(this),
      initialScreen: this.initialScreen(),
      signUpFields: this.signUpFields(),
      checkEmailExists: this.checkEmailExists(),
      redirectIfSignedIn: this.redirectIfSignedIn(),
      firstFactors: this.firstFactors(),
      loginMethods: this.loginMethods(),
      resendCooldownSeconds: this.resendCooldownSeconds(),
      onSuccess: (context) => this.success.emit(context),
    })
    this.state = this.host.connect(this.flow)
  }

  ngAfterViewInit(): void {
    this.host.mount()
  }
}
