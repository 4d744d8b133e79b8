import { isPlatformBrowser } from '@angular/common'
import { PLATFORM_ID, REQUEST_CONTEXT, TransferState, inject, makeStateKey } from '@angular/core'
import { RedirectCommand, Router } from '@angular/router'
import type { ResolveFn } from '@angular/router'
import { injectAuthClient } from 'authfront/angular'
import type { ServerSessionResult } from 'authfront/server'

/** What server.ts hands every render: the session it verified with authfront/server, on the protected pages. */
export interface RequestContext {
  session?: ServerSessionResult
}

/** What a protected page renders: the user, or the try-refresh path when the access token has expired. */
export type PageSession = { status: 'OK'; userId: string } | { status: 'TRY_REFRESH' }

// Serialised into the page (TransferState's script), so the browser hydrates with the server's answer.
const PAGE_SESSION = makeStateKey<PageSession>('authfront-page-session')

/**
 * The session of a protected route. On the server it is what server.ts verified; the browser's first navigation
 * reads the server's answer from TransferState, so hydration renders the same page without asking anyone again.
 * Later in-app navigations ask the browser's client, which reads its cookies and refreshes only an expired token.
 */
export const pageSession: ResolveFn<PageSession> = async (_route, state) => {
  const transfer = inject(TransferState)
  const router = inject(Router)
  const toAuthPage = () =>
    new RedirectCommand(router.createUrlTree(['/auth'], { queryParams: { redirectToPath: state.url } }))
  if (!isPlatformBrowser(inject(PLATFORM_ID))) {
    const session = (inject(REQUEST_CONTEXT, { optional: true }) as RequestContext | null)?.session
    // server.ts redirects signed-out visitors before rendering; without its answer, nothing protected renders.
    if (!session || session.status === 'SIGNED_OUT') return toAuthPage()
    const page: PageSession =
      session.status === 'OK' ? { status: 'OK', userId: session.userId } : { status: 'TRY_REFRESH' }
    transfer.set(PAGE_SESSION, page)
    return page
  }
  const transferred = transfer.get(PAGE_SESSION, null)
  if (transferred) {
    // Once: the next visit of this route in the same page load is an in-app navigation, answered below.
    transfer.remove(PAGE_SESSION)
    return transferred
  }
  const client = injectAuthClient()
  if (!(await client.session.exists())) return toAuthPage()
  const userId = client.store.getState().userId
  return userId ? { status: 'OK', userId } : toAuthPage()
}
