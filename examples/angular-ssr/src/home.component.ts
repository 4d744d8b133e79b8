import { ChangeDetectionStrategy, Component } from '@angular/core'

@Component({
  selector: 'app-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>authfront on Angular SSR</h1>
    <p>The dashboard is rendered on the server for signed-in users; the server sends everyone else to sign in.</p>
    <!-- A full page load, so the server checks the session and renders the page. -->
    <p><a href="/dashboard">Go to the dashboard</a></p>
  `,
})
export class HomeComponent {}
