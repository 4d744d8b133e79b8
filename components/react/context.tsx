import { createContext, useContext, useEffect } from 'react'
import type { ReactNode } from 'react'
import type { AuthClient } from '../../src/client/types'

const AuthClientContext = createContext<AuthClient | null>(null)

export interface AuthProviderProps {
  /** The client from `createAuthClient()`, created once outside render. */
  client: AuthClient
  children?: ReactNode
}

/**
 * Provides the auth client to the tree and mounts it (listeners, timers, cross-tab sync) in an effect, so
 * server rendering does no work. Mounting is reference-counted, so StrictMode's double effects are harmless.
 */
export function AuthProvider({ client, children }: AuthProviderProps) {
  useEffect(() => client.mount(), [client])
  return <AuthClientContext.Provider value={client}>{children}</AuthClientContext.Provider>
}

/** The client of the nearest `AuthProvider`. Throws when there is none. */
export function useAuthClient(): AuthClient {
  const client = useContext(AuthClientContext)
  if (!client) throw new Error('authfront: useAuthClient() needs an <AuthProvider client={…}> above this component.')
  return client
}
