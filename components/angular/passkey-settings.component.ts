import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import type { InputSignal } from '@angular/core'
import type { AfterViewInit, OnInit, Signal } from '@angular/core'
import { createPasskeySettingsFlow } from '../../src/flows'
import type {
  FlowOptions,
  FlowTimers,
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  PasskeySettingsFlow,
  PasskeySettingsState,
  PasskeyScreenState,
  ScreenFlow,
  Theme,
} from '../../src/flows'
import { AfAuthForm } from './auth-form.component'
import { AfEach } from './each.directive'
import { FLOW_TEMPLATE, injectScreenHost } from './flow-host'
import type { FlowInputs } from './flow-host'
import { AfFocus } from './focus.directive'

/**
 * The signed-in user's passkeys for an account page (MARKUP.md "PasskeySettings"): the list, "Add a passkey" (give
 * `email`) and "Remove" with a confirmation. Needs the `webauthn()` plugin and a session (guard the route).
 *
 * @example
 * ```html
 * <af-passkey-settings [email]="user.email" />
 * ```
 */
@Component({
  selector: 'af-passkey-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfEach, AfFocus],
  // Not formatted by Prettier: text must sit right against its tags (see auth-form.component.ts).
  // prettier-ignore
  template: `
    @let s = state();
    <section
      [attr.data-af-root]="s.flow"
      [attr.data-af-theme]="s.theme ?? null"
      [attr.aria-labelledby]="s.ids.heading"
      [attr.aria-busy]="s.isLoading ? 'true' : 'false'"
      [afFocus]="s.focusRequest"
    >
      <h2 [attr.id]="s.ids.heading" tabindex="-1" data-af-heading="">{{ s.heading }}</h2>
      @if (s.formError !== undefined) {
        <p [attr.id]="s.ids.formError" role="alert" tabindex="-1" data-af-form-error="">{{ s.formError }}</p>
      }
      <div [attr.id]="s.ids.live" role="status" aria-live="polite" data-af-live="">
        @if (s.statusMessage !== undefined) {
          <p [attr.data-af-status]="s.statusTone">{{ s.statusMessage }}</p>
        }
      </div>
      @if (s.emptyText !== undefined) {
        <p data-af-description="">{{ s.emptyText }}</p>
      }
      @if (s.passkeys.length > 0) {
        <ul data-af-passkeys="">
            <li *afEach="let p of s.passkeys" data-af-passkey="">
              <span data-af-passkey-label="">{{ p.label }}</span>
              @if (p.confirm; as c) {
                <span data-af-prompt="">{{ c.prompt }}</span>
                <button
                  type="button"
                  [attr.id]="c.id"
                  data-af-action="confirmRemove"
                  [attr.aria-busy]="c.isBusy ? 'true' : 'false'"
                  [disabled]="c.isBusy"
                  (click)="flow.confirmRemove()"
                >{{ c.label }}</button>
                <button
                  type="button"
                  data-af-action="cancelRemove"
                  [disabled]="c.isBusy"
                  (click)="flow.cancelRemove()"
                >{{ c.cancelLabel }}</button>
              } @else {
                <button
                  type="button"
                  [attr.id]="p.remove.id"
                  data-af-action="remove"
                  [attr.aria-label]="p.remove.name"
                  [disabled]="p.remove.isDisabled"
                  (click)="flow.askRemove(p.id)"
                >{{ p.remove.label }}</button>
              }
            </li>
        </ul>
      }
      @if (s.add; as a) {
        <button
          type="button"
          [attr.id]="s.ids.add"
          data-af-action="add"
          [attr.aria-busy]="a.isBusy ? 'true' : 'false'"
          [disabled]="a.isDisabled"
          (click)="flow.add()"
        >{{ a.label }}</button>
      }
    </section>
  `,
})
export class AfPasskeySettings implements FlowInputs, OnInit, AfterViewInit {
  /** How to go to another page. Defaults to the provided `AUTH_NAVIGATION`, else a full page load. */
  readonly navigate = input<(path: string) => void>()
  /** The page query string. Defaults to `location.search`. */
  readonly search = input<string>()
  /** Unused here (no redirect); declared as every screen's option. */
  readonly redirectToPath = input<string>()
  /** Unused here (no redirect); declared as every screen's option. */
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
  /** The account's email: "Add a passkey" needs it. Without it, no add button. */
  readonly email = input<string>()
  /** The WebAuthn login method to add passkeys to. Defaults to that of the listed passkeys, else the session user. */
  readonly recipeUserId = input<string>()

  private readonly host = injectScreenHost()
  protected flow!: PasskeySettingsFlow
  protected state!: Signal<PasskeySettingsState>

  ngOnInit(): void {
    this.flow = createPasskeySettingsFlow(this.host.client, {
      ...this.host.options(this),
      email: this.email(),
      recipeUserId: this.recipeUserId(),
    })
    this.state = this.host.connect(this.flow)
  }

  ngAfterViewInit(): void {
    this.host.mount()
  }
}

/** A screen a recipe plugin creates (the passkey pages of `<af-auth-page>`), rendered like every screen. */
@Component({
  selector: 'af-plugin-screen',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfAuthForm, AfFocus],
  template: FLOW_TEMPLATE,
})
export class AfPluginScreen implements FlowInputs, OnInit, AfterViewInit {
  readonly navigate = input<(path: string) => void>()
  readonly search = input<string>()
  readonly redirectToPath = input<string>()
  readonly defaultRedirectPath = input<string>()
  readonly locale: InputSignal<MessageCatalog | LocaleCode | undefined> = input<MessageCatalog | LocaleCode>()
  readonly messages: InputSignal<MessageOverrides | undefined> = input<MessageOverrides>()
  readonly idPrefix = input<string>()
  readonly tenantId = input<string>()
  readonly theme = input<Theme>()
  readonly unstyled = input<boolean>()
  readonly timers = input<Partial<FlowTimers>>()
  /** Creates the screen's flow from the options. */
  readonly create = input.required<(options: FlowOptions) => ScreenFlow>()

  private readonly host = injectScreenHost()
  protected flow!: ScreenFlow<PasskeyScreenState>
  protected state!: Signal<PasskeyScreenState>

  ngOnInit(): void {
    this.flow = this.create()(this.host.options(this)) as ScreenFlow<PasskeyScreenState>
    this.state = this.host.connect(this.flow)
  }

  ngAfterViewInit(): void {
    this.host.mount()
  }
}
