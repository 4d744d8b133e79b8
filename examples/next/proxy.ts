// Next.js 16's proxy (formerly middleware.ts): signed-out visitors of the protected pages go to the auth page
// before anything renders.
import { NextResponse } from 'next/server'
import type { NextRequest } from 'next/server'
import { sessions } from './lib/session'

export async function proxy(request: NextRequest) {
  const session = await sessions.verifySession(request)
  // TRY_REFRESH passes: the page renders <TryRefresh>, which refreshes in the browser (the server cannot).
  if (session.status !== 'SIGNED_OUT') return NextResponse.next()
  const signIn = request.nextUrl.clone()
  signIn.pathname = '/auth'
  signIn.search = ''
  signIn.searchParams.set('redirectToPath', request.nextUrl.pathname + request.nextUrl.search)
  return NextResponse.redirect(signIn)
}

export const config = { matcher: ['/dashboard/:path*'] }
