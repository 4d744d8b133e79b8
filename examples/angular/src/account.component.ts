import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core'
import { RouterLink } from '@angular/router'
import { AfMfaSettings, AfPasskeySettings, AfSessionAuth, injectAuthClient } from 'authfront/angular'
import { fetchAccountEmail } from '../../common/devTools'
import { texts } from '../../common/texts'
import { EXAMPLE_SETUP } from './setup.token'

/** The account page: the signed-in user's authenticator apps and passkeys. */
@Component({
  selector: 'ex-account',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfSessionAuth, AfMfaSettings, AfPasskeySettings, RouterLink],
  template: `
    <af-session-auth>
      <p af-fallback>{{ texts.loading }}</p>
      <h1>{{ texts.securityHeading }}</h1>
      <p>
        <a routerLink="/">{{ texts.home }}</a>
      </p>
      <div class="ex-settings">
        <af-mfa-settings />
        @if (hasPasskeys) {
          @if (account(); as a) {
            <af-passkey-settings [email]="a.email" />
          } @else {
            <p>{{ texts.loading }}</p>
          }
        }
      </div>
    </af-session-auth>
  `,
})
export class AccountComponent {
  protected readonly texts = texts
  protected readonly hasPasskeys = inject(EXAMPLE_SETUP).hasPasskeys
  // A passkey is created for an email, and the settings read their inputs once: they start when the email is known.
  protected readonly account = signal<{ email: string | undefined } | undefined>(undefined)

  constructor() {
    const setup = inject(EXAMPLE_SETUP)
    let isCurrent = true
    inject(DestroyRef).onDestroy(() => (isCurrent = false))
    void fetchAccountEmail(injectAuthClient(), setup.protectedUrl).then((email) => {
      if (isCurrent) this.account.set({ email })
    })
  }
}
