import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import type { AfterViewInit, InputSignal, OnInit, Signal } from '@angular/core'
import { clickActionLink, createMfaFlow } from '../../src/flows'
import type {
  ActionView,
  FlowTimers,
  LocaleCode,
  MessageCatalog,
  MessageOverrides,
  MfaFlow,
  MfaPage,
  MfaState,
  Theme,
} from '../../src/flows'
import { injectScreenHost } from './flow-host'
import type { FlowInputs } from './flow-host'
import { AfEach } from './each.directive'
import { AfFocus } from './focus.directive'
import { AfHref } from './href.directive'
import { AfOutlet } from './outlet.directive'

/**
 * The DOM of the second-factor screens and `af-mfa-settings` (test/contract/MARKUP.md "Second factors"): the Screen
 * tree with the TOTP set-up block and the lock-out countdown after the description. Its own template rather than
 * content projected into `form[data-af-form]`, so an app without MFA keeps that component's code as it was. The
 * screens' fields are text, email and tel inputs only. Not formatted by Prettier: text must sit right against its
 * tags (see auth-form.component.ts).
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
    <form
      novalidate=""
      data-af-form=""
      [attr.id]="s.ids.form"
      [attr.aria-labelledby]="s.ids.heading"
      (submit)="$event.preventDefault(); flow.submit()"
    >
      <h2 [attr.id]="s.ids.heading" tabindex="-1" data-af-heading="">{{ s.heading }}</h2>
      @if (s.description !== undefined) {
        <p data-af-description="">{{ s.description }}</p>
      }
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
      <ng-container *afEach="let a of s.actions">
        @if (a.placement === 'header') {
          <ng-container [afOutlet]="actionRow" [afOutletContext]="a" />
        }
      </ng-container>
      <div
          *afEach="let f of s.fields"
          [attr.data-af-field]="f.id"
          [attr.data-af-type]="f.type"
          [attr.data-af-invalid]="f.error !== undefined ? '' : null"
        >
          <label [attr.for]="f.inputId" data-af-label="">{{ f.label }}@if (f.optionalLabel !== undefined) {<span data-af-optional="">{{ f.optionalLabel }}</span>}</label>
          <input
            data-af-input=""
            [attr.id]="f.inputId"
            [attr.name]="f.id"
            [attr.type]="f.inputType"
            [attr.aria-invalid]="f.error !== undefined ? 'true' : 'false'"
            [attr.aria-describedby]="f.error !== undefined ? f.errorId : null"
            [attr.aria-required]="f.isRequired ? 'true' : null"
            [attr.autocomplete]="f.autoComplete ?? null"
            [attr.inputmode]="f.inputMode ?? null"
            [value]="f.value"
            (input)="flow.setField(f.id, $any($event.target).value)"
            (focusout)="flow.blurField(f.id)"
          />
          @if (f.error !== undefined) {
            <p [attr.id]="f.errorId" data-af-field-error="">{{ f.error }}</p>
          }
        </div>
      @if (s.formError !== undefined) {
        <p [attr.id]="s.ids.formError" role="alert" tabindex="-1" data-af-form-error="">{{ s.formError }}</p>
      }
      <div [attr.id]="s.ids.live" role="status" aria-live="polite" data-af-live="">
        @if (s.statusMessage !== undefined) {
          <p [attr.data-af-status]="s.statusTone">{{ s.statusMessage }}</p>
        }
      </div>
      @if (s.submit; as submit) {
        <button
          type="submit"
          data-af-submit=""
          [attr.aria-busy]="submit.isBusy ? 'true' : 'false'"
          [disabled]="submit.isDisabled"
        >{{ submit.label }}</button>
      }
      <ng-container *afEach="let a of s.actions">
        @if (a.placement === 'footer') {
          <ng-container [afOutlet]="actionRow" [afOutletContext]="a" />
        }
      </ng-container>
    </form>
  </div>

  <ng-template #actionRow let-a>
    <p [attr.data-af-placement]="a.placement">
      @if (a.prompt !== undefined) {
        <span data-af-prompt="">{{ a.prompt }}</span>
      }
      @if (a.href !== undefined) {
        <a
          [afHref]="a.href"
          [attr.data-af-action]="a.id"
          [attr.aria-disabled]="a.isDisabled ? 'true' : null"
          (click)="link($event, a)"
        >{{ a.label }}</a>
      } @else {
        <button
          type="button"
          [attr.data-af-action]="a.id"
          [disabled]="a.isDisabled"
          (click)="flow.perform(a.id)"
        >{{ a.label }}</button>
      }
    </p>
  </ng-template>
`

/**
 * A second-factor page (`{websiteBasePath}/mfa/*`); `<af-auth-page>` renders it. Needs the `multiFactor()` plugin.
 * Inputs are the options of `createMfaFlow`, read once.
 */
@Component({
  selector: 'af-mfa-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfEach, AfFocus, AfHref, AfOutlet],
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
  readonly locale: InputSignal<MessageCatalog | LocaleCode | undefined> = input<MessageCatalog | LocaleCode>()
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

  protected link(event: MouseEvent, action: ActionView): void {
    clickActionLink(event, action, (id) => this.flow.perform(id))
  }
}
