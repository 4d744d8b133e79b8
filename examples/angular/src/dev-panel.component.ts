import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core'
import { Router, RouterLink } from '@angular/router'
import { outboxLabel, texts, toLocalPath } from '../../common/texts'
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

  constructor() {
    // The new email comes with the notification: reading the outbox here would run while the mock is answering.
    const unsubscribe = this.mock?.outbox.subscribe((email) => this.emails.update((list) => [email, ...list]))
    if (unsubscribe) inject(DestroyRef).onDestroy(unsubscribe)
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
    this.mock?.reset()
    this.emails.set([])
    await this.setup.auth.session.signOut().catch(() => undefined)
    await this.router.navigateByUrl('/auth')
  }
}
