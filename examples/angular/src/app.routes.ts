import type { Routes } from '@angular/router'
import { sessionGuard } from 'authfront/angular'
import { AccountComponent } from './account.component'
import { AuthComponent } from './auth.component'
import { HomeComponent } from './home.component'
import { NotFoundComponent } from './not-found.component'

export const routes: Routes = [
  // The auth screens navigate through the Router by default, so links and redirects never reload the page.
  { path: 'auth', children: [{ path: '**', component: AuthComponent }] },
  // The guard decides before the page renders; <af-session-auth> in the page reacts to a sign-out later on.
  { path: '', pathMatch: 'full', component: HomeComponent, canActivate: [sessionGuard] },
  { path: 'account', component: AccountComponent, canActivate: [sessionGuard] },
  { path: '**', component: NotFoundComponent },
]
