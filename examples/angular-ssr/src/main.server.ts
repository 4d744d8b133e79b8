import { mergeApplicationConfig } from '@angular/core'
import { bootstrapApplication } from '@angular/platform-browser'
import type { BootstrapContext } from '@angular/platform-browser'
import { RenderMode, provideServerRendering, withRoutes } from '@angular/ssr'
import { createAuthClient } from 'authfront'
import { AppComponent } from './app.component'
import { appConfig } from './app.config'
import { apiBasePath } from './config'
import { appOrigin } from './server.config'

// Every page is rendered per request: the protected ones depend on the visitor's cookies.
const serverConfig = {
  providers: [provideServerRendering(withRoutes([{ path: '**', renderMode: RenderMode.Server }]))],
}

// A client per render. On the server it sends no request, starts no timer and never mounts (provideAuth).
export default function bootstrap(context: BootstrapContext) {
  const client = createAuthClient({ apiDomain: appOrigin, apiBasePath })
  return bootstrapApplication(AppComponent, mergeApplicationConfig(appConfig(client), serverConfig), context)
}
