import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import type { InputSignal } from '@angular/core'
import type { AfterViewInit, OnInit, Signal } from '@angular/core'
import { createThirdPartyCallbackFlow } from '../../src/flows'
import type {
  FlowTimers,
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  ThirdPartyCallbackFlow,
  ThirdPartyCallbackState,
  Theme,
} from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { FLOW_TEMPLATE, injectScreenHost } from './flow-host'
import type { FlowInputs } from './flow-host'
import { AfFocus } from './focus.directive'

/**
 * The page a social provider returns to: finishes the sign-in, then redirects to `redirectToPath`; shows the
 * error in place otherwise (provider error, cancelled consent, no email from the provider, sign-up not allowed).
 * Put it on `{websiteBasePath}/callback/:thirdPartyId`, or use `<af-auth-page>`. Needs the `thirdParty()` plugin on
 * the client. Inputs are the options of `createThirdPartyCallbackFlow`, read once.
 *
 * @example
 * ```ts
 * { path: 'auth/callback/:thirdPartyId', component: AfThirdPartyCallback }
 * ```
 */
@Component({
  selector: 'af-third-party-callback',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfAuthForm, AfFocus],
  template: FLOW_TEMPLATE,
})
export class AfThirdPartyCallback implements FlowInputs, OnInit, AfterViewInit {
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

  /** The callback URL. Defaults to `location.href`. */
  readonly url = input<string>()

  private readonly host = injectScreenHost()
  protected flow!: ThirdPartyCallbackFlow
  protected state!: Signal<ThirdPartyCallbackState>

  ngOnInit(): void {
    this.flow = createThirdPartyCallbackFlow(this.host.client, { ...this.host.options(this), url: this.url() })
    this.state = this.host.connect(this.flow)
  }

  ngAfterViewInit(): void {
    this.host.mount()
  }
}
