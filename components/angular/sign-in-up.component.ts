import { ChangeDetectionStrategy, Component, Injector, inject, input, output } from '@angular/core'
import type { OnInit, Signal } from '@angular/core'
import { createSignInUpFlow } from '../../src/flows'
import type {
  FieldConfig,
  FlowTimers,
  MessageCatalog,
  MessageOverrides,
  SignInUpFlow,
  SignInUpScreen,
  SignInUpState,
  Theme,
} from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { injectAuthClient } from './auth.providers'
import { connectFlow, injectRouterHooks } from './flow-host'

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
  host: { style: 'display: contents' },
  template: `
    @let s = state();
    <div [attr.data-af-root]="s.flow" [attr.data-af-screen]="s.screen" [attr.data-af-theme]="s.theme ?? null">
      <form data-af-form="" [flow]="flow" [state]="s"></form>
    </div>
  `,
})
export class AfSignInUp implements OnInit {
  /** Defaults to `signUp` when the URL has `show=signup`, else `signIn`. */
  readonly initialScreen = input<SignInUpScreen>()
  /** Extra sign-up fields after email and password; ids `email`/`password` override those. Defaults to none. */
  readonly signUpFields = input<FieldConfig[]>()
  /** Check on sign-up email blur whether the email is taken. Defaults to `true`. */
  readonly checkEmailExists = input<boolean>()
  /** Redirect at once when a session already exists. Defaults to `true`. */
  readonly redirectIfSignedIn = input<boolean>()
  /** How to go to another page. Defaults to the Router (when the app has routes), else a full page load. */
  readonly navigate = input<(path: string) => void>()
  /** The page query string. Defaults to `location.search`. */
  readonly search = input<string>()
  /** Where to go after success; same-origin relative paths only. Defaults to the URL's `redirectToPath`. */
  readonly redirectToPath = input<string>()
  /** Where to go after success without a valid `redirectToPath`. Defaults to `'/'`. */
  readonly defaultRedirectPath = input<string>()
  /** The message catalog. Defaults to English. */
  readonly locale = input<MessageCatalog>()
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
  /** After a successful sign-in or sign-up, before navigating. */
  readonly success = output<{ action: SignInUpScreen; redirectTo: string }>()

  private readonly client = injectAuthClient()
  private readonly injector = inject(Injector)
  private readonly router = injectRouterHooks()
  protected flow!: SignInUpFlow
  protected state!: Signal<SignInUpState>

  ngOnInit(): void {
    this.flow = createSignInUpFlow(this.client, {
      initialScreen: this.initialScreen(),
      signUpFields: this.signUpFields(),
      checkEmailExists: this.checkEmailExists(),
      redirectIfSignedIn: this.redirectIfSignedIn(),
      navigate: this.navigate() ?? this.router.navigate,
      search: this.search(),
      redirectToPath: this.redirectToPath(),
      defaultRedirectPath: this.defaultRedirectPath(),
      locale: this.locale(),
      messages: this.messages(),
      idPrefix: this.idPrefix(),
      tenantId: this.tenantId(),
      theme: this.theme(),
      unstyled: this.unstyled(),
      timers: this.timers(),
      onSuccess: (context) => this.success.emit(context),
    })
    this.state = connectFlow(this.flow, this.injector)
  }
}
