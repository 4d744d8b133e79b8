import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core'
import { Router, RouterLink } from '@angular/router'
import { requireTotp, watchTotpCode } from '../../common/devTools'
import type { TotpCodeLine } from '../../common/devTools'
import { outboxLabel, texts, toLocalPath, totpCodeText } from '../../common/texts'
import { EXAMPLE_SETUP } from './setup.token'

/** Shows what the mock backend "sent", so the email links can be followed without a mail server. */
@Component({
  selector: 'ex-dev-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  // A binding (set through CSSOM), not a static style attribute, which a strict CSP blocks; see SECURITY.md.
  host: { '[style.display]': "'contents'" },
  template: `
    @if (!mock) {
      <aside class="ex-dev" [attr.aria-label]="texts.devHeading">
        <p>{{ texts.devRealBackend }} {{ setup.apiDomain }}</p>
      </aside>
    } @else {
      <aside class="ex-dev" aria-labelledby="ex-dev-heading">
        <h2 id="ex-dev-heading">{{ texts.devHeading }}</h2>
        <h3>{{ texts.outboxHeading }}</h3>
        @if (emails().length === 0) {
          <p data-ex="outbox-empty">{{ texts.outboxEmpty }}</p>
        } @else {
          <ul data-ex="outbox">
            @for (email of emails(); track email.id) {
              <li>
                <a
                  [routerLink]="path(email.link)"
                  [queryParams]="query(email.link)"
                  [fragment]="fragment(email.link)"
                  >{{ label(email) }}</a
                >
              </li>
            }
          </ul>
        }
        <h3>{{ texts.mfaHeading }}</h3>
        <p>
          <label>
            <input
              type="checkbox"
              data-ex="require-totp"
              [checked]="isTotpRequired()"
              (change)="setTotpRequired($event)"
            />
            {{ texts.requireTotp }}
          </label>
        </p>
        @let line = totp();
        <p data-ex="totp">
          {{ totpText(line) }}
          @if (line.kind === 'code') {
            <code data-ex="totp-code">{{ line.code }}</code>
          }
        </p>
        <h3>{{ texts.tenantHeading }}</h3>
        <ul data-ex="tenants">
          <li>
            <a routerLink="/auth">{{ texts.tenantPublic }}</a>
          </li>
          <li>
            <a routerLink="/auth" [queryParams]="{ tenantId: 'acme' }">{{ texts.tenantAcme }}</a>
          </li>
        </ul>
        <p>
          <button type="button" class="ex-button" (click)="reset()">{{ texts.resetDemo }}</button>
        </p>
      </aside>
    }
  `,
})
export class DevPanelComponent {
  protected readonly texts = texts
  protected readonly setup = inject(EXAMPLE_SETUP)
  protected readonly mock = this.setup.mock
  private readonly router = inject(Router)
  protected readonly emails = signal(this.newestFirst())
  protected readonly label = outboxLabel
  protected readonly isTotpRequired = signal(requireTotp.get())
  protected readonly totp = signal<TotpCodeLine>({ kind: 'signedOut' })
  protected readonly totpText = totpCodeText

  constructor() {
    const destroyRef = inject(DestroyRef)
    if (!this.mock) return
    // The new email comes with the notification: reading the outbox here would run while the mock is answering.
    destroyRef.onDestroy(this.mock.outbox.subscribe((email) => this.emails.update((list) => [email, ...list])))
    destroyRef.onDestroy(watchTotpCode(this.setup.auth, this.mock, (line) => this.totp.set(line)))
  }

  protected setTotpRequired(event: Event): void {
    const on = (event.target as HTMLInputElement).checked
    if (this.mock) requireTotp.set(this.mock, on)
    this.isTotpRequired.set(on)
  }

  private newestFirst() {
    return [...(this.mock?.outbox.list() ?? [])].reverse()
  }

  protected path(link: string): string {
    return new URL(toLocalPath(link), window.location.origin).pathname
  }

  protected query(link: string): Record<string, string> {
    return Object.fromEntries(new URL(toLocalPath(link), window.location.origin).searchParams)
  }

  /** A magic link's code travels in the fragment. */
  protected fragment(link: string): string | undefined {
    return new URL(toLocalPath(link), window.location.origin).hash.slice(1) || undefined
  }

  protected async reset(): Promise<void> {
    if (this.mock) {
      this.mock.reset()
      requireTotp.set(this.mock, false)
    }
    this.isTotpRequired.set(false)
    this.emails.set([])
    await this.setup.auth.session.signOut().catch(() => undefined)
    await this.router.navigateByUrl('/auth')
  }
}
