import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import type { InputSignal } from '@angular/core'
import type { AfterViewInit, OnInit, Signal } from '@angular/core'
import { createEmailVerificationFlow } from '../../src/flows'
import type {
  EmailVerificationFlow,
  EmailVerificationState,
  FlowTimers,
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  Theme,
} from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { FLOW_TEMPLATE, injectScreenHost } from './flow-host'
import { AfFocus } from './focus.directive'
import type { FlowInputs } from './flow-host'

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
  imports: [AfAuthForm, AfFocus],
  template: FLOW_TEMPLATE,
})
export class AfEmailVerification implements FlowInputs, OnInit, AfterViewInit {
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

  /** The verification token. Defaults to the URL's `token`. */
  readonly token = input<string>()
  /** Seconds "Resend email" stays disabled after each send. Defaults to `30`. */
  readonly resendCooldownSeconds = input<number>()

  private readonly host = injectScreenHost()
  protected flow!: EmailVerificationFlow
  protected state!: Signal<EmailVerificationState>

  ngOnInit(): void {
    this.flow = createEmailVerificationFlow(this.host.client, {
      ...this.host.options(this),
      token: this.token(),
      resendCooldownSeconds: this.resendCooldownSeconds(),
    })
    this.state = this.host.connect(this.flow)
  }

  ngAfterViewInit(): void {
    this.host.mount()
  }
}
