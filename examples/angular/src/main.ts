import { provideZonelessChangeDetection } from '@angular/core'
import { bootstrapApplication } from '@angular/platform-browser'
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http'
import { RouteReuseStrategy, provideRouter } from '@angular/router'
import type { ActivatedRouteSnapshot } from '@angular/router'
import { authInterceptor, provideAuth, withRouterNavigation } from 'authfront/angular'
import 'authfront/styles.css'
import '../../common/example.css'
import { setUpExample } from '../../common/setup'
import { AppComponent } from './app.component'
import { routes } from './app.routes'
import { EXAMPLE_SETUP } from './setup.token'

const setup = await setUpExample()

const sameQuery = (a: ActivatedRouteSnapshot, b: ActivatedRouteSnapshot) =>
  JSON.stringify(a.queryParams) === JSON.stringify(b.queryParams)

await bootstrapApplication(AppComponent, {
  providers: [
    provideZonelessChangeDetection(),
    provideRouter(routes),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    provideAuth(setup.auth, withRouterNavigation()),
    { provide: EXAMPLE_SETUP, useValue: setup },
    {
      // The auth screens read the URL once when created: a new query (an email link's token) starts them afresh.
      provide: RouteReuseStrategy,
      useValue: {
        shouldDetach: () => false,
        store: () => undefined,
        shouldAttach: () => false,
        retrieve: () => null,
        shouldReuseRoute: (future: ActivatedRouteSnapshot, current: ActivatedRouteSnapshot) =>
          future.routeConfig === current.routeConfig && (!future.routeConfig?.component || sameQuery(future, current)),
      } satisfies RouteReuseStrategy,
    },
  ],
})
