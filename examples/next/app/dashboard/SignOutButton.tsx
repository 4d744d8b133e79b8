'use client'
import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { useAuthClient } from 'authfront/react'

export function SignOutButton() {
  const client = useAuthClient()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const signOut = async () => {
    setBusy(true)
    await client.session.signOut()
    // The server renders the page again without a session: the proxy sends the browser to the auth page.
    router.refresh()
  }
  return (
    <button type="button" onClick={signOut} disabled={busy}>
      Sign out
    </button>
  )
}
