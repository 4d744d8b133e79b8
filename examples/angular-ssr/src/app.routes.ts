import type { Routes } from '@angular/router'
import { AfAuthPage } from 'authfront/angular'
import { DashboardComponent } from './dashboard.component'
import { HomeComponent } from './home.component'
import { pageSession } from './session'

export const routes: Routes = [
  { path: '', pathMatch: 'full', component: HomeComponent },
  // Every prebuilt auth screen (sign in and up, reset password, verify email…) on /auth/…
  { path: 'auth', children: [{ path: '**', component: AfAuthPage }] },
  // server.ts verifies the session of /dashboard requests before Angular renders them.
  { path: 'dashboard', component: DashboardComponent, resolve: { session: pageSession } },
  { path: '**', redirectTo: '' },
]
