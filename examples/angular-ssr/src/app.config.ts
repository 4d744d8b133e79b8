import { provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core'
import type { ApplicationConfig } from '@angular/core'
import { provideClientHydration, withEventReplay } from '@angular/platform-browser'
import { provideRouter, withComponentInputBinding } from '@angular/router'
import type { AuthClient } from 'authfront'
import { provideAuth, withRouterNavigation } from 'authfront/angular'
import { routes } from './app.routes'

/** The providers of the browser and the server render; each side creates its own client. */
export function appConfig(client: AuthClient): ApplicationConfig {
  return {
    providers: [
      provideZonelessChangeDetection(),
      provideBrowserGlobalErrorListeners(),
      provideRouter(routes, withComponentInputBinding()),
      provideClientHydration(withEventReplay()),
      provideAuth(client, withRouterNavigation()),
    ],
  }
}
