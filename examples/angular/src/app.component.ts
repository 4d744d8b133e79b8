import { ChangeDetectionStrategy, Component, inject } from '@angular/core'
import { toSignal } from '@angular/core/rxjs-interop'
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router'
import { filter, map } from 'rxjs'
import { texts } from '../../common/texts'
import { DevPanelComponent } from './dev-panel.component'

@Component({
  selector: 'ex-app',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, DevPanelComponent],
  template: `
    <header class="ex-header">
      <h1 class="ex-brand">
        <a routerLink="/">{{ texts.appName }}</a>
      </h1>
      <span class="ex-framework">Angular</span>
    </header>
    <div class="ex-layout">
      <main [class]="isAuthPage() ? 'ex-main' : 'ex-main ex-card'">
        <router-outlet />
      </main>
      <ex-dev-panel />
    </div>
  `,
})
export class AppComponent {
  protected readonly texts = texts
  private readonly router = inject(Router)
  protected readonly isAuthPage = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url.startsWith('/auth')),
    ),
    { initialValue: false },
  )
}
