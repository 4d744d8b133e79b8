'use client'
import { useState } from 'react'
import type { ReactNode } from 'react'
import { createAuthClient } from 'authfront'
import { AuthProvider } from 'authfront/react'

/** The auth client for the browser (one per page load), given to the prebuilt screens and TryRefresh. */
export function Providers({
  apiDomain,
  apiBasePath,
  children,
}: {
  apiDomain: string
  apiBasePath: string
  children: ReactNode
}) {
  const [client] = useState(() => createAuthClient({ apiDomain, apiBasePath }))
  return <AuthProvider client={client}>{children}</AuthProvider>
}
