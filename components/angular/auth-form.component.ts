import { ChangeDetectionStrategy, Component, input } from '@angular/core'
import { EYE_ICON, SLASH_ICON, clickActionLink } from '../../src/flows'
import { AfEach } from './each.directive'
import { AfHref } from './href.directive'
import { AfOutlet } from './outlet.directive'
import type {
  ActionView,
  FieldView,
  PasswordlessFormView,
  ScreenFlow,
  ScreenState,
  SignInUpFlow,
} from '../../src/flows'

/**
 * A `<form>` of a prebuilt screen, rendered exactly as test/contract/MARKUP.md specifies. It matches the
 * contract's own `form[data-af-form]`, so it adds no wrapper element. All behaviour stays in the flow: this only
 * renders its state and forwards DOM events; the screen component applies focus requests.
 *
 * Without `part` it is the whole screen (heading, fields, messages, actions). On the sign-in page's `methods`
 * layout, where the heading and messages sit outside the forms, `part` picks the email-password form (fields,
 * submit, footer actions) or the passwordless contact form.
 */
@Component({
  selector: 'form[data-af-form]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    novalidate: '',
    '[attr.id]': 'passwordless()?.formId ?? state().ids.form',
    '[attr.aria-labelledby]': 'passwordless() ? null : state().ids.heading',
    '[attr.aria-label]': 'passwordless()?.label ?? null',
    '(submit)': 'onSubmit($event)',
  },
  // Not formatted by Prettier: text must sit right against its tags, or Angular keeps a space in the text node
  // and the DOM text would differ from the other bindings'.
  // Shared parts go through AfOutlet rather than NgTemplateOutlet, and the lists through AfEach rather than @for:
  // both would add Angular runtime to every app.
  // prettier-ignore
  template: `
    @let s = state();
    @let whole = part() === undefined;
    @let pl = passwordless();
    @if (whole) {
      <h2 [attr.id]="s.ids.heading" tabindex="-1" data-af-heading="">{{ s.heading }}</h2>
      @if (s.description !== undefined) {
        <p data-af-description="">{{ s.description }}</p>
      }
      <ng-container *afEach="let a of s.actions">
        @if (a.placement === 'header') {
          <ng-container [afOutlet]="actionRow" [afOutletContext]="a" />
        }
      </ng-container>
    }
    <div
      *afEach="let f of pl ? pl.fields : s.fields"
      [attr.data-af-field]="f.id"
      [attr.data-af-type]="f.type"
      [attr.data-af-invalid]="f.error !== undefined ? '' : null"
    >
      @if (f.type !== 'checkbox') {
        <label [attr.for]="f.inputId" data-af-label="">{{ f.label }}@if (f.optionalLabel !== undefined) {<span data-af-optional="">{{ f.optionalLabel }}</span>}</label>
      }
      @switch (f.type) {
        @case ('checkbox') {
          <input
            type="checkbox"
            data-af-input=""
            [attr.id]="f.inputId"
            [attr.name]="f.id"
            [attr.aria-invalid]="f.error !== undefined ? 'true' : 'false'"
            [attr.aria-describedby]="f.error !== undefined ? f.errorId : null"
            [attr.aria-required]="f.isRequired ? 'true' : null"
            [checked]="f.value === true"
            (change)="flow().setField(f.id, checked($event))"
            (focusout)="blur(f)"
          />
          <label [attr.for]="f.inputId" data-af-label="">{{ f.label }}@if (f.optionalLabel !== undefined) {<span data-af-optional="">{{ f.optionalLabel }}</span>}</label>
        }
        @case ('select') {
          <select
            data-af-input=""
            [attr.id]="f.inputId"
            [attr.name]="f.id"
            [attr.aria-invalid]="f.error !== undefined ? 'true' : 'false'"
            [attr.aria-describedby]="f.error !== undefined ? f.errorId : null"
            [attr.aria-required]="f.isRequired ? 'true' : null"
            [attr.autocomplete]="f.autoComplete ?? null"
            [value]="text(f)"
            (change)="flow().setField(f.id, value($event))"
            (focusout)="blur(f)"
          >
            <option *afEach="let o of f.options ?? []" [attr.value]="o.value" [selected]="o.value === text(f)">{{ o.label }}</option>
          </select>
        }
        @default {
          @if (f.toggle; as toggle) {
            <div data-af-password="">
              <ng-container [afOutlet]="textInput" [afOutletContext]="f" />
              <button
                type="button"
                data-af-toggle=""
                [attr.id]="toggle.id"
                [attr.aria-controls]="f.inputId"
                [attr.aria-pressed]="toggle.isPressed ? 'true' : 'false'"
                [attr.aria-label]="toggle.label"
                (click)="flow().togglePasswordVisibility(f.id)"
              ><svg viewBox="0 0 24 24" aria-hidden="true"><path [attr.d]="eye" /><path [attr.d]="slash" /></svg></button>
            </div>
          } @else {
            <ng-container [afOutlet]="textInput" [afOutletContext]="f" />
          }
        }
      }
      @if (f.error !== undefined) {
        <p [attr.id]="f.errorId" data-af-field-error="">{{ f.error }}</p>
      }
    </div>
    @if (whole) {
      @if (s.formError !== undefined) {
        <p [attr.id]="s.ids.formError" role="alert" tabindex="-1" data-af-form-error="">{{ s.formError }}</p>
      }
      <div [attr.id]="s.ids.live" role="status" aria-live="polite" data-af-live="">
        @if (s.statusMessage !== undefined) {
          <p [attr.data-af-status]="s.statusTone">{{ s.statusMessage }}</p>
        }
      </div>
    }
    @if (pl ? pl.submit : s.submit; as submit) {
      <button
        type="submit"
        data-af-submit=""
        [attr.aria-busy]="submit.isBusy ? 'true' : 'false'"
        [disabled]="submit.isDisabled"
      >{{ submit.label }}</button>
    }
    @if (!pl) {
      <ng-container *afEach="let a of s.actions">
        @if (a.placement === 'footer') {
          <ng-container [afOutlet]="actionRow" [afOutletContext]="a" />
        }
      </ng-container>
    }

    <ng-template #textInput let-f>
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
        [value]="text(f)"
        (input)="flow().setField(f.id, value($event))"
        (focusout)="blur(f)"
      />
    </ng-template>

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
            (click)="onLinkClick($event, a)"
          >{{ a.label }}</a>
        } @else {
          <button
            type="button"
            [attr.data-af-action]="a.id"
            [disabled]="a.isDisabled"
            (click)="flow().perform(a.id)"
          >{{ a.label }}</button>
        }
      </p>
    </ng-template>
  `,
  imports: [AfEach, AfHref, AfOutlet],
})
export class AfAuthForm {
  readonly flow = input.required<ScreenFlow<ScreenState>>()
  readonly state = input.required<ScreenState & { passwordlessForm?: PasswordlessFormView }>()
  /** Which form of the `methods` layout this is. Defaults to the whole screen. */
  readonly part = input<'emailPassword' | 'passwordless'>()
  protected readonly eye = EYE_ICON
  protected readonly slash = SLASH_ICON

  protected passwordless(): PasswordlessFormView | undefined {
    return this.part() === 'passwordless' ? this.state().passwordlessForm : undefined
  }

  // Options also bind `selected`: on first render the select's value is set before its options exist.
  protected text(field: FieldView): string {
    return typeof field.value === 'string' ? field.value : ''
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value
  }

  protected checked(event: Event): boolean {
    return (event.target as HTMLInputElement).checked
  }

  protected blur(field: FieldView): void {
    void this.flow().blurField(field.id)
  }

  protected onSubmit(event: Event): void {
    event.preventDefault()
    void (this.passwordless() ? (this.flow() as unknown as SignInUpFlow).submitPasswordless() : this.flow().submit())
  }

  protected onLinkClick(event: MouseEvent, action: ActionView): void {
    clickActionLink(event, action, (id) => this.flow().perform(id))
  }
}
