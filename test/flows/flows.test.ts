import { describe, expect, it, vi } from 'vitest'
import { AuthError } from '../../src/client/errors'
import { createSessionAuthState, createSignInUpFlow } from '../../src/flows'
import { createFakeClient, deferred } from './fakeClient'

const OK_USER = { status: 'OK' as const, user: { id: 'u1' } as never }

describe('createSignInUpFlow', () => {
  it('is inert until mounted: creating it makes no call', () => {
    const { client } = createFakeClient()
    createSignInUpFlow(client, { navigate: vi.fn() })
    expect(client.session.validateClaims).not.toHaveBeenCalled()
    expect(client.emailPassword.emailExists).not.toHaveBeenCalled()
  })

  it('ignores a stale async validation result when the value changed meanwhile', async () => {
    const { client } = createFakeClient()
    const slow = deferred<string | undefined>()
    const flow = createSignInUpFlow(client, {
      initialScreen: 'signUp',
      signUpFields: [{ id: 'nick', validate: () => slow.promise }],
    })
    flow.setField('nick', 'taken')
    const blur = flow.blurField('nick')
    flow.setField('nick', 'other')
    slow.resolve('Nick is taken')
    await blur
    expect(flow.getState().fieldErrors.nick).toBeUndefined()
  })

  it('ignores an email-exists answer for an email the user already changed', async () => {
    const { client } = createFakeClient()
    const answer = deferred<boolean>()
    client.emailPassword.emailExists.mockImplementation(() => answer.promise)
    const flow = createSignInUpFlow(client, { initialScreen: 'signUp' })
    flow.setField('email', 'ada@example.com')
    const blur = flow.blurField('email')
    await Promise.resolve()
    flow.setField('email', 'ada2@example.com')
    answer.resolve(true)
    await blur
    expect(flow.getState().fieldErrors.email).toBeUndefined()
  })

  it('submits once while pending and keeps values on a thrown AuthError', async () => {
    const { client } = createFakeClient()
    const pending = deferred<never>()
    client.emailPassword.signIn.mockImplementation(() => pending.promise)
    const flow = createSignInUpFlow(client, { navigate: vi.fn() })
    flow.setField('email', 'ada@example.com')
    flow.setField('password', 'pw')
    const first = flow.submit()
    await vi.waitFor(() => expect(flow.getState().isSubmitting).toBe(true))
    await flow.submit()
    expect(client.emailPassword.signIn).toHaveBeenCalledTimes(1)
    expect(flow.getState().submit).toMatchObject({ isBusy: true, isDisabled: true, label: 'Signing in…' })
    ;(pending as unknown as { resolve: (v: unknown) => void }).resolve(Promise.reject(new AuthError('protocol', 'x')))
    await first
    expect(flow.getState().formError).toBe('The server sent an unexpected answer. Please try again.')
    expect(flow.getState().values).toMatchObject({ email: 'ada@example.com', password: 'pw' })
  })

  it('requests focus on the first invalid field, then on the heading after a screen change', async () => {
    const { client } = createFakeClient()
    const flow = createSignInUpFlow(client)
    flow.setField('email', 'ada@example.com')
    await flow.submit()
    expect(flow.getState().focusRequest?.id).toBe('af-password')
    const seq = flow.getState().focusRequest?.seq ?? 0
    flow.toSignUp()
    expect(flow.getState().focusRequest).toEqual({ id: 'af-heading', seq: seq + 1 })
    expect(flow.getState().fieldErrors).toEqual({})
  })

  it('omits empty optional custom fields and sends the others', async () => {
    const { client } = createFakeClient()
    client.emailPassword.signUp.mockResolvedValue(OK_USER)
    const navigate = vi.fn()
    const flow = createSignInUpFlow(client, {
      initialScreen: 'signUp',
      navigate,
      signUpFields: [
        { id: 'company', optional: true },
        { id: 'age', validate: (value) => (Number(value) >= 18 ? undefined : 'Too young') },
      ],
    })
    flow.setField('email', ' ada@example.com ')
    flow.setField('password', 'password1')
    flow.setField('age', '12')
    await flow.submit()
    expect(flow.getState().fieldErrors).toEqual({ age: 'Too young' })
    flow.setField('age', '36')
    await flow.submit()
    expect(client.emailPassword.signUp).toHaveBeenCalledWith({
      email: 'ada@example.com',
      password: 'password1',
      fields: { age: '36' },
      tenantId: undefined,
    })
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/'))
  })

  it('ignores results that arrive after destroy()', async () => {
    const { client } = createFakeClient()
    const answer = deferred<typeof OK_USER>()
    client.emailPassword.signIn.mockImplementation(() => answer.promise)
    const navigate = vi.fn()
    const flow = createSignInUpFlow(client, { navigate })
    flow.setField('email', 'ada@example.com')
    flow.setField('password', 'pw')
    const done = flow.submit()
    await vi.waitFor(() => expect(client.emailPassword.signIn).toHaveBeenCalled())
    flow.destroy()
    answer.resolve(OK_USER)
    await done
    expect(navigate).not.toHaveBeenCalled()
  })
})

describe('createSessionAuthState', () => {
  const memory = () => {
    const items = new Map<string, string>()
    return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) }
  }

  it('waits while the client is loading, then renders children when signed in', async () => {
    const { client } = createFakeClient()
    client.store.setState({ status: 'loading' })
    const guard = createSessionAuthState(client, { navigate: vi.fn() })
    const unmount = guard.mount()
    expect(guard.getState().status).toBe('loading')
    client.store.setState({ status: 'signedIn', userId: 'u1' })
    expect(guard.getState()).toMatchObject({ status: 'signedIn', shouldRenderChildren: true })
    unmount()
  })

  it('ignores a failed st-ev claim in optional mode and blocks other claims', async () => {
    const { client, emit } = createFakeClient({ emailVerification: 'optional' })
    client.store.setState({ status: 'signedIn', userId: 'u1' })
    client.session.validateClaims.mockResolvedValue([{ id: 'st-ev' }] as never)
    const guard = createSessionAuthState(client, { navigate: vi.fn() })
    guard.mount()
    await vi.waitFor(() => expect(guard.getState().status).toBe('signedIn'))
    client.session.validateClaims.mockResolvedValue([{ id: 'st-role' }] as never)
    emit({ type: 'ACCESS_TOKEN_PAYLOAD_UPDATED' })
    await vi.waitFor(() => expect(guard.getState().status).toBe('accessDenied'))
    expect(guard.getState().invalidClaims).toEqual([{ id: 'st-role' }])
  })

  it('sends a user whose claim fails to the page its validator names (a second factor), else denies', async () => {
    const { client } = createFakeClient()
    const mfa = {
      id: 'st-mfa',
      validate: () => ({ isValid: true as const }),
      failureRedirect: vi.fn(async () => '/auth/mfa/totp'),
    }
    client.session.getClaimValidators.mockReturnValue([mfa] as never)
    client.session.validateClaims.mockResolvedValue([{ id: 'st-mfa', reason: 'x' }] as never)
    client.store.setState({ status: 'signedIn', userId: 'u1' })
    const navigate = vi.fn()
    const guard = createSessionAuthState(client, { navigate, storage: memory(), currentPath: () => '/p?q=1' })
    guard.mount()
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/auth/mfa/totp?redirectToPath=%2Fp%3Fq%3D1'))
    expect(mfa.failureRedirect).toHaveBeenCalledWith({ id: 'st-mfa', reason: 'x' }, { websiteBasePath: '/auth' })
    // A per-guard choice that leaves the validator out lets the user in, and asks only for the chosen validators.
    const open = createSessionAuthState(client, { navigate, claimValidators: () => [] })
    client.session.validateClaims.mockResolvedValue([])
    open.mount()
    await vi.waitFor(() => expect(open.getState().status).toBe('signedIn'))
    expect(client.session.validateClaims).toHaveBeenLastCalledWith({ validators: expect.any(Function) })
    mfa.failureRedirect.mockResolvedValue(undefined as never)
    client.session.validateClaims.mockResolvedValue([{ id: 'st-mfa' }] as never)
    const denied = createSessionAuthState(client, { navigate: vi.fn(), storage: memory() })
    denied.mount()
    await vi.waitFor(() => expect(denied.getState().status).toBe('accessDenied'))
  })

  it('navigates once per redirect, however often claims are re-validated or the guard remounts', async () => {
    const { client, emit } = createFakeClient({ emailVerification: 'required' })
    client.store.setState({ status: 'signedIn', userId: 'u1' })
    client.session.validateClaims.mockResolvedValue([{ id: 'st-ev' }] as never)
    const navigate = vi.fn()
    const guard = createSessionAuthState(client, { navigate, storage: memory(), currentPath: () => '/p' })
    guard.mount()()
    guard.mount()
    for (let i = 0; i < 3; i++) emit({ type: 'ACCESS_TOKEN_PAYLOAD_UPDATED' })
    await vi.waitFor(() => expect(guard.getState().status).toBe('redirecting'))
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    expect(navigate).toHaveBeenCalledTimes(1)
    expect(navigate).toHaveBeenCalledWith('/auth/verify-email?redirectToPath=%2Fp')
  })

  it('lets redirects through again once the loop window has passed', () => {
    const { client } = createFakeClient()
    let now = 0
    const storage = memory()
    const navigate = vi.fn()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const run = () => {
      const guard = createSessionAuthState(client, { navigate, storage, now: () => now, currentPath: () => '/p' })
      guard.mount()()
      return guard.getState().status
    }
    expect([run(), run(), run(), run()]).toEqual(['redirecting', 'redirecting', 'redirecting', 'loopDetected'])
    now += 10_001
    expect(run()).toBe('redirecting')
    expect(navigate).toHaveBeenCalledTimes(4)
    error.mockRestore()
  })

  it('releases every subscription on unmount', () => {
    const { client, listenerCount } = createFakeClient()
    const subscribe = vi.spyOn(client.store, 'subscribe')
    const guard = createSessionAuthState(client, { navigate: vi.fn(), requireAuth: false })
    const unmount = guard.mount()
    expect(listenerCount()).toBe(4)
    expect(subscribe).toHaveBeenCalledTimes(1)
    unmount()
    expect(listenerCount()).toBe(0)
  })
})
