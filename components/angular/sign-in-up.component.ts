import { ChangeDetectionStrategy, Component, input, output } from '@angular/core'
import type { AfterViewInit, OnInit, Signal } from '@angular/core'
import { createSignInUpFlow } from '../../src/flows'
import type {
  FieldConfig,
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
import { FLOW_TEMPLATE, injectScreenHost } from './flow-host'
import type { FlowInputs } from './flow-host'

/**
 * The sign-in / sign-up screen. Put it on the route of `websiteBasePath` (default `/auth`). Inputs are the
 * options of `createSignInUpFlow` and are read once, when the component initialises.
 *
 * @example
 * ```html
 * <af-sign-in-up [signUpFields]="[{ id: 'name', label: 'Name' }]" (success)="onSignedIn($event)" />
 * ```
 */
@Component({
  selector: 'af-sign-in-up',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfAuthForm],
  template: FLOW_TEMPLATE,
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
  readonly locale = input<MessageCatalog | LocaleCode>()
  /** Per-key text overrides. Defaults to none. */
  readonly messages = input<MessageOverrides>()
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
      onSuccess: (context) => this.success.emit(context),
    })
    this.state = this.host.connect(this.flow)
  }

  ngAfterViewInit(): void {
    this.host.mount()
  }
}
