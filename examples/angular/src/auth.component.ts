import { ChangeDetectionStrategy, Component } from '@angular/core'
import { AfAuthPage } from 'authfront/angular'

/** Every screen under /auth, with the methods of the tenant in `?tenantId=`. */
@Component({
  selector: 'ex-auth',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AfAuthPage],
  template: `<af-auth-page loginMethods="dynamic" />`,
})
export class AuthComponent {}
