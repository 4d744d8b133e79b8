import { DOCUMENT } from '@angular/common'
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, output, signal } from '@angular/core'
import type { InputSignal, Signal } from '@angular/core'
import { describeNotFound, hasMfaScreens, resolveAuthRoute } from '../../src/flows'
import type {
  AuthRoute,
  FieldConfig,
  FieldValidator,
  FirstFactorOptions,
  FlowClient,
  FlowOptions,
  FlowTimers,
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  MfaPage,
  ScreenFlow,
  ScreenState,
  SignInUpScreen,
  Theme,
} from '../../src/flows'
import { injectAuthClient } from './auth.providers'
import { AfEach } from './each.directive'
import { AfEmailVerification } from './email-verification.component'
import { injectDisplayContents, injectNavigation } from './flow-host'
import type { FlowInputs } from './flow-host'
import { AfMagicLinkLanding } from './magic-link-landing.component'
import { AfMfaPage } from './mfa-page.component'
import { AfPluginScreen } from './passkey-settings.component'
import { WEBAUTHN_UI } from '../../src/flows/recipeUi'
import { AfResetPassword } from './reset-password.component'
import { AfSignInUp } from './sign-in-up.component'
import { AfThirdPartyCallback } from './third-party-callback.component'

/**
 * Every prebuilt auth page under `websiteBasePath` in one component, for one route that catches them all: sign-in
 * (`/auth`), the ThirdParty callback (`/auth/callback/:thirdPartyId`), the magic-link landing (`/auth/verify`), reset
 * password, email verification and, with `multiFactor()`, the second-factor pages (`/auth/mfa`, `/auth/mfa/totp`,
 * `/auth/mfa/otp-email`, `/auth/mfa/otp-phone`); "Page not found" for any other path. The path is the `pathname` input, else the
 * Router's URL (with `withRouterNavigation()`, followed across in-app navigations), else `location` (on the server,
 * the request's URL). Inputs go to the screen shown, which reads them once.
 *
 * @example
 * ```ts
 * provideRouter([{ path: 'auth', children: [{ path: '**', component: AfAuthPage }] }])
 * ```
 */
@Component({
  selector: 'af-auth-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AfSignInUp,
    AfThirdPartyCallback,
    AfMagicLinkLanding,
    AfResetPassword,
    AfEmailVerification,
    AfMfaPage,
    AfPluginScreen,
    AfEach,
  ],
  // Not formatted by Prettier: text must sit right against its tags (see auth-form.component.ts).
  // prettier-ignore
  template: `
    @switch (route().name) {
      @case ('signInUp') {
        <af-sign-in-up
          [navigate]="navigate()"
          [search]="search()"
          [redirectToPath]="redirectToPath()"
          [defaultRedirectPath]="defaultRedirectPath()"
          [locale]="locale()"
          [messages]="messages()"
          [idPrefix]="idPrefix()"
          [tenantId]="tenantId()"
          [theme]="theme()"
          [unstyled]="unstyled()"
          [timers]="timers()"
          [initialScreen]="initialScreen()"
          [signUpFields]="signUpFields()"
          [checkEmailExists]="checkEmailExists()"
          [redirectIfSignedIn]="redirectIfSignedIn()"
          [firstFactors]="firstFactors()"
          [loginMethods]="loginMethods()"
          [resendCooldownSeconds]="resendCooldownSeconds()"
          (success)="success.emit($event)"
        />
      }
      @case ('callback') {
        <af-third-party-callback
          [navigate]="navigate()"
          [search]="search()"
          [redirectToPath]="redirectToPath()"
          [defaultRedirectPath]="defaultRedirectPath()"
          [locale]="locale()"
          [messages]="messages()"
          [idPrefix]="idPrefix()"
          [tenantId]="tenantId()"
          [theme]="theme()"
          [unstyled]="unstyled()"
          [timers]="timers()"
          [url]="url()"
        />
      }
      @case ('verify') {
        <af-magic-link-landing
          [navigate]="navigate()"
          [search]="search()"
          [redirectToPath]="redirectToPath()"
          [defaultRedirectPath]="defaultRedirectPath()"
          [locale]="locale()"
          [messages]="messages()"
          [idPrefix]="idPrefix()"
          [tenantId]="tenantId()"
          [theme]="theme()"
          [unstyled]="unstyled()"
          [timers]="timers()"
          [url]="url()"
        />
      }
      @case ('resetPassword') {
        <af-reset-password
          [navigate]="navigate()"
          [search]="search()"
          [redirectToPath]="redirectToPath()"
          [defaultRedirectPath]="defaultRedirectPath()"
          [locale]="locale()"
          [messages]="messages()"
          [idPrefix]="idPrefix()"
          [tenantId]="tenantId()"
          [theme]="theme()"
          [unstyled]="unstyled()"
          [timers]="timers()"
          [token]="token()"
          [validatePassword]="validatePassword()"
        />
      }
      @case ('verifyEmail') {
        <af-email-verification
          [navigate]="navigate()"
          [search]="search()"
          [redirectToPath]="redirectToPath()"
          [defaultRedirectPath]="defaultRedirectPath()"
          [locale]="locale()"
          [messages]="messages()"
          [idPrefix]="idPrefix()"
          [tenantId]="tenantId()"
          [theme]="theme()"
          [unstyled]="unstyled()"
          [timers]="timers()"
          [token]="token()"
          [resendCooldownSeconds]="resendCooldownSeconds()"
        />
      }
      @case ('mfa') {
        <!-- One pass per page: moving between MFA pages starts the new page's flow afresh. -->
        <ng-container *afEach="let page of [mfaPage()]">
          <af-mfa-page
            [navigate]="navigate()"
            [search]="search()"
            [redirectToPath]="redirectToPath()"
            [defaultRedirectPath]="defaultRedirectPath()"
            [locale]="locale()"
            [messages]="messages()"
            [idPrefix]="idPrefix()"
            [tenantId]="tenantId()"
            [theme]="theme()"
            [unstyled]="unstyled()"
            [timers]="timers()"
            [page]="page"
          />
        </ng-container>
      }
      @case (passkeyScreen() ? route().name : '') {
        <ng-container *afEach="let create of [passkeyScreen()!]">
          <af-plugin-screen
            [navigate]="navigate()"
            [search]="search()"
            [redirectToPath]="redirectToPath()"
            [defaultRedirectPath]="defaultRedirectPath()"
            [locale]="locale()"
            [messages]="messages()"
            [idPrefix]="idPrefix()"
            [tenantId]="tenantId()"
            [theme]="theme()"
            [unstyled]="unstyled()"
            [timers]="timers()"
            [create]="create"
          />
        </ng-container>
      }
      @default {
        @let t = notFound();
        <div data-af-root="authPage" data-af-screen="notFound" [attr.data-af-theme]="t.theme ?? null">
          <h2 data-af-heading="">{{ t.heading }}</h2>
          <p data-af-description="">{{ t.message }}</p>
        </div>
      }
    }
  `,
})
export class AfAuthPage implements FlowInputs {
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

  /** The path to route. Defaults to the Router's URL with `withRouterNavigation()`, else `location.pathname`. */
  readonly pathname = input<string>()
  /** Sign-in: defaults to `signUp` when the URL has `show=signup`, else `signIn`. */
  readonly initialScreen = input<SignInUpScreen>()
  /** Sign-up: extra fields after email and password. Defaults to none. */
  readonly signUpFields = input<FieldConfig[]>()
  /** Sign-up: check on email blur whether the email is taken. Defaults to `true`. */
  readonly checkEmailExists = input<boolean>()
  /** Sign-in: redirect at once when a session already exists. Defaults to `true`. */
  readonly redirectIfSignedIn = input<boolean>()
  /** Sign-in: the first factors to offer. Defaults to every factor the client's plugins enable. */
  readonly firstFactors: InputSignal<FirstFactorOptions['firstFactors']> = input<FirstFactorOptions['firstFactors']>()
  /** Sign-in: `'dynamic'` shows the tenant's login methods. Defaults to `'static'`. */
  readonly loginMethods = input<'static' | 'dynamic'>()
  /** Seconds "Resend" stays disabled: sign-in codes and links default to `15`, verification emails to `30`. */
  readonly resendCooldownSeconds = input<number>()
  /** Reset password and email verification: the token. Defaults to the URL's `token`. */
  readonly token = input<string>()
  /** Reset password: rules for the new password. Defaults to the backend's default password rules. */
  readonly validatePassword = input<FieldValidator>()
  /** ThirdParty callback and magic link: the page URL. Defaults to `location.href`. */
  readonly url = input<string>()
  /** After a successful sign-in or sign-up on the sign-in page, before navigating. */
  readonly success = output<{ action: SignInUpScreen; redirectTo: string }>()

  private readonly client = injectAuthClient()
  private readonly path = signal('')
  protected readonly route: Signal<AuthRoute> = computed(() => {
    const route = resolveAuthRoute(this.pathname() ?? this.path(), this.client.config.websiteBasePath)
    // Without the multiFactor() plugin there is no MFA page.
    return route.name === 'mfa' && !hasMfaScreens(this.client) ? { name: 'notFound' } : route
  })
  protected readonly mfaPage = computed((): MfaPage => {
    const route = this.route()
    return route.name === 'mfa' ? route.page : 'chooser'
  })
  /**
   * The passkey pages come with the webauthn() plugin; without it they are not found. A new factory per route, so
   * the template's `afEach` starts a new flow when an SPA navigation moves from one passkey page to another.
   */
  protected readonly passkeyScreen: Signal<((options: FlowOptions) => ScreenFlow<ScreenState>) | undefined> = computed(
    () => {
      const route = this.route()
      const passkeys = (this.client as FlowClient)[WEBAUTHN_UI]
      if (!passkeys) return undefined
      if (
        route.name !== 'webauthnRecover' &&
        route.name !== 'webauthnSendRecoveryEmail' &&
        route.name !== 'mfaWebauthn'
      )
        return undefined
      return (options: FlowOptions) => passkeys.createScreen(route.name, this.client, options)
    },
  )
  protected readonly notFound = computed(() =>
    describeNotFound({
      locale: this.locale(),
      messages: this.messages(),
      theme: this.theme(),
      unstyled: this.unstyled(),
    }),
  )

  constructor() {
    injectDisplayContents()
    const navigation = injectNavigation()
    const location = inject(DOCUMENT).location as Location | null
    const read = () => navigation.currentPath?.() ?? location?.pathname ?? ''
    this.path.set(read())
    const unsubscribe = navigation.subscribe?.(() => this.path.set(read()))
    if (unsubscribe) inject(DestroyRef).onDestroy(unsubscribe)
  }
}
