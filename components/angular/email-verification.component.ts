import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import type { AuthClient } from '../../src/client/types'
import { createEmailVerificationFlow } from '../../src/flows'
import type { EmailVerificationFlow, EmailVerificationState, FlowOptions } from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { FLOW_TEMPLATE, FlowHost } from './flow-host'

/**
 * The email verification screens: "check your email" with a resend cooldown, or (with `?token=`) verifying the
 * link. Put it on `{websiteBasePath}/verify-email`. Inputs are the options of `createEmailVerificationFlow`,
 * read once.
 *
 * @example
 * ```html
 * <af-email-verification [resendCooldownSeconds]="60" />
 * ```
 */
@Component({
  selector: 'af-email-verification',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfAuthForm],
  host: { style: 'display: contents' },
  template: FLOW_TEMPLATE,
})
export class AfEmailVerification extends FlowHost<EmailVerificationFlow, EmailVerificationState> {
  /** The verification token. Defaults to the URL's `token`. */
  readonly token = input<string>()
  /** Seconds "Resend email" stays disabled after each send. Defaults to `30`. */
  readonly resendCooldownSeconds = input<number>()

  protected createFlow(client: AuthClient, options: FlowOptions): EmailVerificationFlow {
    return createEmailVerificationFlow(client, {
      ...options,
      token: this.token(),
      resendCooldownSeconds: this.resendCooldownSeconds(),
    })
  }
}
