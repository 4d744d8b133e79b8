import { vi } from 'vitest'
import { createStore } from 'zustand/vanilla'
import type { AuthClient, AuthEvent, ResolvedAuthConfig, SessionState } from '../../src/client/types'

/** A hand-driven stand-in for the client, for flow unit tests in Node (the binding tests use the real one). */
export function createFakeClient(config: Partial<ResolvedAuthConfig> = {}) {
  const store = createStore<SessionState>()(() => ({
    status: 'signedOut',
    userId: undefined,
    accessTokenPayload: undefined,
    invalidClaims: [],
    error: undefined,
  }))
  const listeners = new Set<{ type: string; fn: (event: AuthEvent) => void }>()
  const client = {
    config: {
      apiDomain: 'http://api.test',
      apiBasePath: '/auth',
      websiteDomain: undefined,
      websiteBasePath: '/auth',
      tokenTransferMethod: 'cookie',
      sessionTokenBackendDomain: undefined,
      maxRetryAttemptsForSessionRefresh: 10,
      sessionExpiredStatusCode: 401,
      invalidClaimStatusCode: 403,
      emailVerification: 'off',
      interceptGlobalFetch: false,
      ...config,
    },
    store,
    mount: () => () => {},
    doFetch: vi.fn(),
    on: (type: string, fn: (event: AuthEvent) => void) => {
      const entry = { type, fn }
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    emailPassword: {
      signUp: vi.fn(),
      signIn: vi.fn(),
      emailExists: vi.fn(async () => false),
      sendPasswordResetEmail: vi.fn(),
      resetPassword: vi.fn(),
    },
    emailVerification: { isVerified: vi.fn(), sendEmail: vi.fn(), verify: vi.fn() },
    session: {
      exists: vi.fn(),
      getUserId: vi.fn(),
      getAccessTokenPayload: vi.fn(),
      getAccessToken: vi.fn(),
      refresh: vi.fn(),
      signOut: vi.fn(),
      validateClaims: vi.fn(async () => []),
    },
  }
  return {
    client: client as unknown as AuthClient & typeof client,
    emit: (event: AuthEvent) => {
      for (const entry of [...listeners]) if (entry.type === event.type || entry.type === '*') entry.fn(event)
    },
    listenerCount: () => listeners.size,
  }
}

/** A promise with its resolve function, to control when a fake call answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}
