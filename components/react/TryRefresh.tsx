import { useEffect, useState } from 'react'
import type { ReactNode } from 'react'
import { tryRefresh } from '../../src/flows'
import type { TryRefreshOptions } from '../../src/flows'
import { useAuthClient } from './context'

/** The options of `tryRefresh`, read once on mount, and what to show meanwhile. */
export type TryRefreshProps = TryRefreshOptions & {
  /** Shown while the session is refreshed (a spinner, a skeleton of the page). Defaults to nothing. */
  children?: ReactNode
}

/**
 * What a server-rendered page shows when authfront/server's verifier answered `TRY_REFRESH` (the access token
 * expired): in the browser it refreshes the session once, then reloads the page (or calls `onRefreshed`, e.g.
 * Next.js `router.refresh()`). When the session cannot be refreshed it goes to the auth page with `redirectToPath`
 * (or calls `onSignedOut`), and it never reloads twice in a row. See docs/SERVER.md.
 *
 * @example
 * // app/dashboard/page.tsx (a server component)
 * const session = await sessions.verifySession(await headers())
 * if (session.status === 'TRY_REFRESH') return <TryRefresh />
 */
export function TryRefresh({ children = null, ...props }: TryRefreshProps) {
  const client = useAuthClient()
  const [options] = useState(props)
  useEffect(() => tryRefresh(client, options), [client, options])
  return <>{children}</>
}
