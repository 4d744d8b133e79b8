import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import type { AfterViewInit, InputSignal, OnInit, Signal } from '@angular/core'
import { clickActionLink, createMfaSettingsFlow } from '../../src/flows'
import type {
  ActionView,
  FlowTimers,
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  MfaFlow,
  MfaState,
  Theme,
} from '../../src/flows'
import { injectScreenHost } from './flow-host'
import { AfEach } from './each.directive'
import { AfFocus } from './focus.directive'
import { AfHref } from './href.directive'
import { AfOutlet } from './outlet.directive'
import { MFA_TEMPLATE } from './mfa-page.component'

/**
 * Two-step verification settings for an account page: the user's authenticator apps, "Add an authenticator app"
 * (QR code, key, code) and "Remove" with a confirmation. Render it for signed-in users. Needs the `totp()` plugin.
 *
 * @example
 * ```html
 * <af-mfa-settings />
 * ```
 */
@Component({
  selector: 'af-mfa-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfEach, AfFocus, AfHref, AfOutlet],
  template: MFA_TEMPLATE,
})
export class AfMfaSettings implements OnInit, AfterViewInit {
  /** How to go to another page. Defaults to the provided `AUTH_NAVIGATION`, else a full page load. */
  readonly navigate = input<(path: string) => void>()
  /** The message catalog. Defaults to English. */
  readonly locale: InputSignal<MessageCatalog | LocaleCode | undefined> = input<MessageCatalog | LocaleCode>()
  /** Per-key text overrides. Defaults to none. */
  readonly messages: InputSignal<MessageOverrides | undefined> = input<MessageOverrides>()
  /** Prefix of every DOM id. Defaults to `'af'`. */
  readonly idPrefix = input<string>()
  /** `data-af-theme`. Defaults to `'auto'`. */
  readonly theme = input<Theme>()
  /** Drop the theme hook so authfront.css does not apply. Defaults to `false`. */
  readonly unstyled = input<boolean>()
  /** Clock and timers. Defaults to the globals. */
  readonly timers = input<Partial<FlowTimers>>()

  private readonly host = injectScreenHost()
  protected flow!: MfaFlow
  protected state!: Signal<MfaState>

  ngOnInit(): void {
    const none = () => undefined
    const options = this.host.options({
      ...this,
      search: none,
      redirectToPath: none,
      defaultRedirectPath: none,
      tenantId: none,
    })
    this.flow = createMfaSettingsFlow(this.host.client, options)
    this.state = this.host.connect(this.flow)
  }

  ngAfterViewInit(): void {
    this.host.mount()
  }

  protected link(event: MouseEvent, action: ActionView): void {
    clickActionLink(event, action, (id) => this.flow.perform(id))
  }
}
