// Signed-out visitors of the protected pages go to the auth page before anything renders, answered by the server
// itself (the route middleware checks again, for navigations inside the app that never reach the server).
import { defineEventHandler, getRequestURL, sendRedirect, setResponseStatus } from 'h3'
import { isProtectedPath } from '../../paths'
import { readSession } from '../utils/session'

export default defineEventHandler(async (event) => {
  const { pathname, search } = getRequestURL(event)
  if (!isProtectedPath(pathname)) return
  let session
  try {
    session = await readSession(event)
  } catch {
    // The key set could not be fetched (AuthError kind 'network'): an outage, not a signed-out visitor.
    setResponseStatus(event, 503)
    return 'The sign-in service is unavailable. Try again in a moment.'
  }
  // TRY_REFRESH passes: the page renders <TryRefresh>, which refreshes in the browser (the server cannot).
  if (session.status !== 'SIGNED_OUT') return
  return sendRedirect(event, `/auth?${new URLSearchParams({ redirectToPath: pathname + search })}`, 307)
})
