import { bootstrapApplication } from '@angular/platform-browser'
import { createAuthClient } from 'authfront'
import { AppComponent } from './app.component'
import { appConfig } from './app.config'
import { apiBasePath } from './config'

// The backend answers on the page's own origin (server.ts serves the mock there).
const client = createAuthClient({ apiDomain: location.origin, apiBasePath })

bootstrapApplication(AppComponent, appConfig(client)).catch((error: unknown) => console.error(error))
