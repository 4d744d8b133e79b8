import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { TryRefresh } from 'authfront/react'
import { sessions } from '../../lib/session'
import { SignOutButton } from './SignOutButton'

export default async function Dashboard() {
  // The proxy already sent signed-out visitors away; the page checks again, as it must not trust its callers.
  const session = await sessions.verifySession(await headers())
  if (session.status === 'TRY_REFRESH') {
    return (
      <TryRefresh>
        <p>Refreshing your session…</p>
      </TryRefresh>
    )
  }
  if (session.status === 'SIGNED_OUT') redirect('/auth?redirectToPath=%2Fdashboard')
  return (
    <main>
      <h1>Dashboard</h1>
      <p>
        Signed in as <code data-testid="user-id">{session.userId}</code>
      </p>
      <SignOutButton />
    </main>
  )
}
