// Next.js 16's proxy (formerly middleware.ts): signed-out visitors of the protected pages go to the auth page
// before anything renders.
import { NextResponse } from 'next/server'
import type { NextRequest } from 'next/server'
import { sessions } from './lib/session'

export async function proxy(request: NextRequest) {
  let session
  try {
    session = await sessions.verifySession(request)
  } catch {
    // The key set could not be fetched (AuthError kind 'network'): an outage, not a signed-out visitor.
    return new NextResponse('The sign-in service is unavailable. Try again in a moment.', { status: 503 })
  }
  // TRY_REFRESH passes: the page renders <TryRefresh>, which refreshes in the browser (the server cannot).
  if (session.status !== 'SIGNED_OUT') return NextResponse.next()
  const signIn = request.nextUrl.clone()
  signIn.pathname = '/auth'
  signIn.search = ''
  signIn.searchParams.set('redirectToPath', request.nextUrl.pathname + request.nextUrl.search)
  return NextResponse.redirect(signIn)
}

export const config = { matcher: ['/dashboard/:path*'] }
