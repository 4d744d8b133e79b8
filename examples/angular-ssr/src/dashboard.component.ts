import { DOCUMENT } from '@angular/common'
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core'
import { AfTryRefresh, injectAuthClient } from 'authfront/angular'
import type { PageSession } from './session'

@Component({
  selector: 'app-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfTryRefresh],
  template: `
    @let current = session();
    @if (current.status === 'OK') {
      <h1>Dashboard</h1>
      <p>
        Signed in as <code data-testid="user-id">{{ current.userId }}</code>
      </p>
      <button type="button" (click)="signOut()" [disabled]="busy()">Sign out</button>
    } @else {
      <!-- The access token expired: the browser refreshes once and reloads; the server then renders the page. -->
      <af-try-refresh><p>Refreshing your session…</p></af-try-refresh>
    }
  `,
})
export class DashboardComponent {
  /** From the route's resolver (src/session.ts), bound by withComponentInputBinding(). */
  readonly session = input.required<PageSession>()
  protected readonly busy = signal(false)
  private readonly client = injectAuthClient()
  private readonly document = inject(DOCUMENT)

  protected async signOut(): Promise<void> {
    this.busy.set(true)
    await this.client.session.signOut()
    // Asked again without a session, the server redirects the browser to the auth page.
    this.document.location.reload()
  }
}
