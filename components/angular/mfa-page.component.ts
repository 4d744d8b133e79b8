import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import type { AfterViewInit, InputSignal, OnInit, Signal } from '@angular/core'
import { createMfaFlow } from '../../src/flows'
import type {
  FlowTimers,
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  MfaFlow,
  MfaPage,
  MfaState,
  Theme,
} from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { injectScreenHost } from './flow-host'
import type { FlowInputs } from './flow-host'
import { AfFocus } from './focus.directive'

/**
 * The DOM of the second-factor screens and `af-mfa-settings`: the shared form with the TOTP set-up block and the
 * lock-out countdown after its description (test/contract/MARKUP.md "Second factors"). Not formatted by Prettier:
 * text must sit right against its tags (see auth-form.component.ts).
 */
// prettier-ignore
export const MFA_TEMPLATE = `
  @let s = state();
  <div
    [attr.data-af-root]="s.flow"
    [attr.data-af-screen]="s.screen"
    [attr.data-af-theme]="s.theme ?? null"
    [afFocus]="s.focusRequest"
  >
    <form data-af-form="" [flow]="flow" [state]="s">
      @if (s.totpSetup; as totp) {
        <div data-af-totp="">
          @if (totp.qr; as qr) {
            <svg role="img" data-af-qr="" [attr.aria-label]="qr.label" [attr.viewBox]="'0 0 ' + qr.size + ' ' + qr.size"><path fill="currentColor" [attr.d]="qr.path" /></svg>
          }
          @if (totp.reveal; as reveal) {
            <button type="button" data-af-action="showSecret" (click)="flow.showSecret()">{{ reveal.label }}</button>
          }
          @if (totp.secret; as secret) {
            <p data-af-secret=""><code tabindex="-1" [attr.id]="secret.id">{{ secret.value }}</code><button type="button" data-af-action="copySecret" (click)="flow.copySecret()">{{ secret.copyLabel }}</button></p>
          }
        </div>
      }
      @if (s.countdown !== undefined) {
        <p data-af-countdown="">{{ s.countdown }}</p>
      }
    </form>
  </div>
`

/**
 * A second-factor page (`{websiteBasePath}/mfa/*`); `<af-auth-page>` renders it. Needs the `multiFactor()` plugin.
 * Inputs are the options of `createMfaFlow`, read once.
 */
@Component({
  selector: 'af-mfa-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfAuthForm, AfFocus],
  template: MFA_TEMPLATE,
})
export class AfMfaPage implements FlowInputs, OnInit, AfterViewInit {
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

  /** Which page: the chooser or a factor's. */
  readonly page = input.required<MfaPage>()

  private readonly host = injectScreenHost()
  protected flow!: MfaFlow
  protected state!: Signal<MfaState>

  ngOnInit(): void {
    this.flow = createMfaFlow(this.host.client, { ...this.host.options(this), page: this.page() })
    this.state = this.host.connect(this.flow)
  }

  ngAfterViewInit(): void {
    this.host.mount()
  }
}
