import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import type { AuthClient } from '../../src/client/types'
import { createResetPasswordFlow } from '../../src/flows'
import type { FieldValidator, FlowOptions, ResetPasswordFlow, ResetPasswordState } from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { FLOW_TEMPLATE, FlowHost } from './flow-host'

/**
 * The password reset screens: request a link, "check your email", then (with `?token=`) set a new password.
 * Put it on `{websiteBasePath}/reset-password`. Inputs are the options of `createResetPasswordFlow`, read once.
 *
 * @example
 * ```html
 * <af-reset-password />
 * ```
 */
@Component({
  selector: 'af-reset-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfAuthForm],
  host: { style: 'display: contents' },
  template: FLOW_TEMPLATE,
})
export class AfResetPassword extends FlowHost<ResetPasswordFlow, ResetPasswordState> {
  /** The reset token. Defaults to the URL's `token`. */
  readonly token = input<string>()
  /** Rules for the new password. Defaults to the backend's default password rules. */
  readonly validatePassword = input<FieldValidator>()

  protected createFlow(client: AuthClient, options: FlowOptions): ResetPasswordFlow {
    return createResetPasswordFlow(client, {
      ...options,
      token: this.token(),
      validatePassword: this.validatePassword(),
    })
  }
}
