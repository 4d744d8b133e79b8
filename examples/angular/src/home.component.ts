import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core'
import type { OnInit } from '@angular/core'
import { HttpClient } from '@angular/common/http'
import { RouterLink } from '@angular/router'
import { AfSessionAuth, injectAuthClient, injectSession } from 'authfront/angular'
import { describeApiAnswer, formatExpiry, texts } from '../../common/texts'
import { EXAMPLE_SETUP } from './setup.token'

type Answer = { state: 'loading' } | { state: 'ok'; text: string } | { state: 'error'; text: string }

/** The protected page: calls the demo API with HttpClient (authInterceptor adds the session) and shows refreshes. */
@Component({
  selector: 'ex-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfSessionAuth, RouterLink],
  template: `
    <af-session-auth>
      <p af-fallback>{{ texts.loading }}</p>
      <h1>{{ texts.accountHeading }}</h1>
      <dl class="ex-facts">
        <dt>{{ texts.userIdLabel }}</dt>
        <dd data-ex="user-id">{{ session().userId ?? '–' }}</dd>
        <dt>{{ texts.expiryLabel }}</dt>
        <dd data-ex="expiry">{{ expiry() }}</dd>
        <dt>{{ texts.refreshesLabel }}</dt>
        <dd data-ex="refreshes">{{ refreshes() }}</dd>
      </dl>
      <h2>{{ texts.apiHeading }}</h2>
      @let a = answer();
      <p role="status" data-ex="api-answer" [class]="a.state === 'error' ? 'ex-error' : 'ex-answer'">
        {{ a.state === 'loading' ? texts.apiCalling : a.text }}
      </p>
      <p>
        <a routerLink="/account">{{ texts.securityLink }}</a>
      </p>
      <div class="ex-actions">
        <button type="button" class="ex-button" (click)="callApi()">{{ texts.callAgain }}</button>
        <button type="button" class="ex-button" (click)="signOut()">{{ texts.signOut }}</button>
      </div>
    </af-session-auth>
  `,
})
export class HomeComponent implements OnInit {
  protected readonly texts = texts
  private readonly setup = inject(EXAMPLE_SETUP)
  private readonly http = inject(HttpClient)
  private readonly auth = injectAuthClient()
  protected readonly session = injectSession()
  protected readonly expiry = injectSession((s) => formatExpiry(s.accessTokenPayload))
  protected readonly refreshes = signal(this.setup.refreshes.get())
  protected readonly answer = signal<Answer>({ state: 'loading' })

  constructor() {
    const unsubscribe = this.setup.refreshes.subscribe(() => this.refreshes.set(this.setup.refreshes.get()))
    inject(DestroyRef).onDestroy(unsubscribe)
  }

  ngOnInit(): void {
    this.callApi()
  }

  protected callApi(): void {
    this.answer.set({ state: 'loading' })
    this.http.get<unknown>(this.setup.protectedUrl).subscribe({
      next: (data) => this.answer.set({ state: 'ok', text: describeApiAnswer(data) }),
      error: (error: { status?: number; message?: string }) =>
        this.answer.set({
          state: 'error',
          text: error.status ? `The API answered ${error.status}.` : String(error.message),
        }),
    })
  }

  protected signOut(): void {
    void this.auth.session.signOut()
  }
}
