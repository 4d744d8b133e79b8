import { ChangeDetectionStrategy, Component, input, output } from '@angular/core'
import type { AuthClient } from '../../src/client/types'
import { createSignInUpFlow } from '../../src/flows'
import type { FieldConfig, FlowOptions, SignInUpFlow, SignInUpScreen, SignInUpState } from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { FLOW_TEMPLATE, FlowHost } from './flow-host'

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
  template: FLOW_TEMPLATE,
})
export class AfSignInUp extends FlowHost<SignInUpFlow, SignInUpState> {
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

  protected createFlow(client: AuthClient, options: FlowOptions): SignInUpFlow {
    return createSignInUpFlow(client, {
      ...options,
      initialScreen: this.initialScreen(),
      signUpFields: this.signUpFields(),
      checkEmailExists: this.checkEmailExists(),
      redirectIfSignedIn: this.redirectIfSignedIn(),
      onSuccess: (context) => this.success.emit(context),
    })
  }
}
