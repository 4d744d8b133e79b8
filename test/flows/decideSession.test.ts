import { describe, expect, it, vi } from 'vitest'
import { decideSession, isAuthPath } from '../../src/flows'
import { createFakeClient, deferred } from './fakeClient'

const memory = () => {
  const items = new Map<string, string>()
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) }
}

/** A fake client in `state`, whose store subscriptions are counted. */
function clientIn(status: 'signedIn' | 'signedOut', config: Parameters<typeof createFakeClient>[0] = {}) {
  const fake = createFakeClient(config)
  fake.client.store.setState(status === 'signedIn' ? { status, userId: 'u1' } : { status })
  let storeListeners = 0
  const subscribe = fake.client.store.subscribe
  fake.client.store.subscribe = (listener) => {
    storeListeners++
    const unsubscribe = subscribe(listener)
    return () => {
      storeListeners--
      unsubscribe()
    }
  }
  return { ...fake, storeListeners: () => storeListeners }
}

describe('decideSession', () => {
  it('decides the auth pages, public routes and server rendering without a session check', async () => {
    const { client } = clientIn('signedOut')
    expect(await decideSession(client, { currentPath: '/auth/reset-password?token=x' })).toEqual({ kind: 'allow' })
    expect(await decideSession(client, { currentPath: '/p', requireAuth: false, isServer: true })).toEqual({
      kind: 'allow',
    })
    expect(await decideSession(client, { currentPath: '/p', isServer: true })).toEqual({ kind: 'defer' })
    expect(await decideSession(client, { currentPath: '/auth', isServer: true })).toEqual({ kind: 'allow' })
    expect(client.session.exists).not.toHaveBeenCalled()
  })

  it('redirects signed-out users to the auth page with the requested URL as redirectToPath', async () => {
    const { client } = clientIn('signedOut')
    const decision = await decideSession(client, { currentPath: '/dashboard?tab=2', storage: memory() })
    expect(decision).toEqual({ kind: 'redirect', to: '/auth?redirectToPath=%2Fdashboard%3Ftab%3D2' })
  })

  it('allows signed-out users with requireAuth false, and signed-in users', async () => {
    const signedOut = clientIn('signedOut').client
    expect(await decideSession(signedOut, { currentPath: '/p', requireAuth: false })).toEqual({ kind: 'allow' })
    const signedIn = clientIn('signedIn').client
    expect(await decideSession(signedIn, { currentPath: '/p' })).toEqual({ kind: 'allow' })
  })

  it('waits for the session check before deciding (a first navigation, before the client mounts)', async () => {
    const { client } = createFakeClient()
    client.store.setState({ status: 'loading' })
    const check = deferred<boolean>()
    client.session.exists.mockImplementation(async () => {
      await check.promise
      client.store.setState({ status: 'signedIn', userId: 'u1' })
      return true
    })
    const decision = decideSession(client, { currentPath: '/p', storage: memory() })
    check.resolve(true)
    expect(await decision).toEqual({ kind: 'allow' })
  })

  it('defers, without waiting for the store, when the client is unmounted during its session check', async () => {
    const { client } = createFakeClient()
    client.store.setState({ status: 'loading' })
    client.session.exists.mockRejectedValue(
      Object.assign(new Error('Aborted: the client was unmounted.'), { name: 'AuthError', kind: 'network' }),
    )
    expect(await decideSession(client, { currentPath: '/dashboard' })).toEqual({ kind: 'defer' })
  })

  it('waits for the claims, then sends unverified users to verify-email when verification is required', async () => {
    const { client } = clientIn('signedIn', { emailVerification: 'required' })
    const claims = deferred<never[]>()
    client.session.validateClaims.mockImplementation(() => claims.promise)
    const decision = decideSession(client, { currentPath: '/dashboard', storage: memory() })
    await vi.waitFor(() => expect(client.session.validateClaims).toHaveBeenCalled())
    claims.resolve([{ id: 'st-ev' }] as never[])
    expect(await decision).toEqual({ kind: 'redirect', to: '/auth/verify-email?redirectToPath=%2Fdashboard' })
  })

  it('denies with the failed claims when the verify-email redirect is off', async () => {
    const { client } = clientIn('signedIn', { emailVerification: 'required' })
    client.session.validateClaims.mockResolvedValue([{ id: 'st-ev' }] as never[])
    const decision = await decideSession(client, { currentPath: '/p', redirectToVerifyEmail: false })
    expect(decision).toEqual({ kind: 'deny', reason: 'accessDenied', invalidClaims: [{ id: 'st-ev' }] })
  })

  it('lets a user in when the claim check fails (offline): the backend still enforces claims', async () => {
    const { client } = clientIn('signedIn', { emailVerification: 'required' })
    client.session.validateClaims.mockRejectedValue(new Error('offline'))
    expect(await decideSession(client, { currentPath: '/p' })).toEqual({ kind: 'allow' })
  })

  it('counts its redirects and denies once they loop', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const { client } = clientIn('signedOut')
    const storage = memory()
    const options = { currentPath: '/p', storage, maxRedirects: 2, now: () => 1_000 }
    expect((await decideSession(client, options)).kind).toBe('redirect')
    expect((await decideSession(client, options)).kind).toBe('redirect')
    expect(await decideSession(client, options)).toEqual({ kind: 'deny', reason: 'loopDetected', invalidClaims: [] })
    expect(error).toHaveBeenCalledWith(expect.stringContaining('stopped redirecting to /auth?redirectToPath=%2Fp'))
    error.mockRestore()
  })

  it('leaves no subscription behind', async () => {
    const { client, listenerCount, storeListeners } = clientIn('signedIn', { emailVerification: 'required' })
    await decideSession(client, { currentPath: '/p' })
    expect(listenerCount()).toBe(0)
    expect(storeListeners()).toBe(0)
  })
})

describe('isAuthPath', () => {
  it('matches the base path and everything under it, not lookalike prefixes', () => {
    expect(isAuthPath('/auth', '/auth')).toBe(true)
    expect(isAuthPath('/auth/verify-email', '/auth/')).toBe(true)
    expect(isAuthPath('/authors', '/auth')).toBe(false)
    expect(isAuthPath('/dashboard', '/auth')).toBe(false)
  })

  it("with websiteBasePath '/' matches only the prebuilt pages", () => {
    for (const path of ['/', '/reset-password', '/verify-email']) expect(isAuthPath(path, '/')).toBe(true)
    expect(isAuthPath('/dashboard', '/')).toBe(false)
  })
})
