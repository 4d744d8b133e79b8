/**
 * The flow side of issue 14's screen defects: field errors and field ids that look like Object members, a
 * submit that ends in a form error, and locale tags.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createEmailVerificationFlow,
  createSessionAuthState,
  createSignInUpFlow,
  fr,
  registerLocale,
} from '../../src/flows'
import { createFakeClient } from './fakeClient'

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

const filledSignIn = () => {
  const { client } = createFakeClient()
  const flow = createSignInUpFlow(client, { navigate: vi.fn() })
  flow.setField('email', 'ada@example.com')
  flow.setField('password', 'password1')
  return { client, flow }
}

describe('server field errors keyed like Object members', () => {
  it('shows an error keyed __proto__ as the form error and leaves every field clean', async () => {
    const { client, flow } = filledSignIn()
    // JSON.parse makes `__proto__` an own key, as a response body would.
    const fieldErrors = JSON.parse('{"__proto__": "Blocked by policy"}') as Record<string, string>
    client.emailPassword.signIn.mockResolvedValue({ status: 'FIELD_ERROR', fieldErrors })
    await flow.submit()
    expect(flow.getState().formError).toBe('Blocked by policy')
    expect(flow.getState().fields.map((field) => field.error)).toEqual([undefined, undefined])
  })

  it('shows a form error when a FIELD_ERROR response has no error the screen can place', async () => {
    const { client, flow } = filledSignIn()
    client.emailPassword.signIn.mockResolvedValue({ status: 'FIELD_ERROR', fieldErrors: {} })
    await flow.submit()
    expect(flow.getState().formError).toBe('Something went wrong. Please try again.')
    expect(flow.getState().isSubmitting).toBe(false)
  })

  it('treats custom fields named constructor and toString as plain fields', async () => {
    const { client } = createFakeClient()
    client.emailPassword.signUp.mockResolvedValue({ status: 'OK', user: { id: 'u1' } })
    const flow = createSignInUpFlow(client, {
      navigate: vi.fn(),
      initialScreen: 'signUp',
      signUpFields: [{ id: 'constructor' }, { id: 'toString', optional: true }],
    })
    expect(flow.getState().fields.map((field) => [field.id, field.value, field.error])).toEqual([
      ['email', '', undefined],
      ['password', '', undefined],
      ['constructor', '', undefined],
      ['toString', '', undefined],
    ])
    flow.setField('email', 'ada@example.com')
    flow.setField('password', 'password1')
    flow.setField('constructor', 'Ada')
    flow.togglePasswordVisibility('constructor')
    await flow.submit()
    expect(flow.getState().fieldErrors).toEqual({})
    expect(client.emailPassword.signUp).toHaveBeenCalledWith(
      expect.objectContaining({ fields: { constructor: 'Ada' } }),
    )
  })
})

describe('focus after a submit that fails with a form error', () => {
  it('requests focus on the form error, whatever submitted the form', async () => {
    const { client, flow } = filledSignIn()
    client.emailPassword.signIn.mockResolvedValue({ status: 'WRONG_CREDENTIALS_ERROR' })
    await flow.submit()
    const { focusRequest, ids, formError } = flow.getState()
    expect(formError).toBe('Incorrect email or password')
    expect(focusRequest?.id).toBe(ids.formError)
    expect(ids.formError).toBe('af-form-error')
  })
})

describe('locale tags', () => {
  it('renders the English catalog for its tag, and a registered catalog for its tag', () => {
    const { client } = createFakeClient()
    expect(createSignInUpFlow(client, { locale: 'en' }).getState().heading).toBe('Sign in')
    registerLocale('fr', fr)
    const flow = createSignInUpFlow(client, { locale: 'fr' })
    expect(flow.getState().heading).toBe('Connexion')
  })

  it('falls back to English for an unknown tag, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { client } = createFakeClient()
    const flow = createSignInUpFlow(client, { locale: 'xx' as 'fr' })
    expect(flow.getState().heading).toBe('Sign in')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown locale "xx"'))
  })
})

describe('errors are errors', () => {
  it('shows an invalid verification link as a form error, not a status', async () => {
    const { client } = createFakeClient()
    client.emailVerification.verify.mockResolvedValue({ status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' })
    const flow = createEmailVerificationFlow(client, { token: 'bad', navigate: vi.fn() })
    flow.mount()
    await vi.waitFor(() => expect(flow.getState().screen).toBe('invalidToken'))
    expect(flow.getState().formError).toBe('This verification link is invalid or has expired.')
    expect(flow.getState().statusMessage).toBeUndefined()
  })
})

describe('the redirect-loop breaker and normal use', () => {
  const memoryStorage = () => {
    const map = new Map<string, string>()
    return {
      getItem: (key: string) => map.get(key) ?? null,
      setItem: (key: string, value: string) => map.set(key, value),
    }
  }

  it('does not count redirects across a working session: sign out and in ten times within the window', async () => {
    const { client } = createFakeClient()
    const storage = memoryStorage()
    const navigate = vi.fn()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const guard = createSessionAuthState(client, { navigate, storage, now: () => 1000, currentPath: () => '/p' })
    guard.mount()
    for (let round = 0; round < 10; round++) {
      // Signed out: the guard sends the user to the auth page…
      expect(guard.getState().status).toBe('redirecting')
      // …who signs in and comes back (claims are checked asynchronously).
      client.store.setState({ status: 'signedIn', userId: 'u1' })
      await vi.waitFor(() => expect(guard.getState().status).toBe('signedIn'))
      client.store.setState({ status: 'signedOut', userId: undefined })
    }
    expect(guard.getState().status).toBe('redirecting')
    expect(navigate).toHaveBeenCalledTimes(11)
    expect(error).not.toHaveBeenCalled()
  })

  it('still stops a real loop, offers a sign-in link and blames the session set-up', () => {
    const { client } = createFakeClient()
    const storage = memoryStorage()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const run = () => {
      const guard = createSessionAuthState(client, { navigate: vi.fn(), storage, currentPath: () => '/p' })
      guard.mount()()
      return guard.getState()
    }
    const states = [run(), run(), run(), run()]
    expect(states.map((state) => state.status)).toEqual(['redirecting', 'redirecting', 'redirecting', 'loopDetected'])
    expect(states[3]?.signInLink).toEqual({ href: '/auth?redirectToPath=%2Fp', label: 'Sign in again' })
    expect(error).toHaveBeenCalledWith(expect.stringContaining('CORS'))
  })

  it('blames the email verification claim for a verify-email loop', async () => {
    const { client } = createFakeClient({ emailVerification: 'required' })
    client.store.setState({ status: 'signedIn', userId: 'u1' })
    client.session.validateClaims.mockResolvedValue([{ id: 'st-ev' }] as never)
    const storage = memoryStorage()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    for (let round = 0; round < 4; round++) {
      const guard = createSessionAuthState(client, { navigate: vi.fn(), storage, currentPath: () => '/p' })
      const unmount = guard.mount()
      await vi.waitFor(() => expect(guard.getState().status).not.toBe('loading'))
      unmount()
    }
    expect(error).toHaveBeenCalledTimes(1)
    expect(error.mock.calls[0]?.[0]).toContain('st-ev')
    expect(error.mock.calls[0]?.[0]).not.toContain('CORS')
  })

  it('forgets earlier redirects after a successful sign-in', async () => {
    const { client } = createFakeClient()
    client.emailPassword.signIn.mockResolvedValue({ status: 'OK', user: { id: 'u1' } })
    client.session.exists.mockResolvedValue(true)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    // The default storage, as an app without options has it.
    vi.stubGlobal('sessionStorage', memoryStorage())
    const redirectOnce = () => {
      const guard = createSessionAuthState(client, { navigate: vi.fn(), currentPath: () => '/p' })
      guard.mount()()
      return guard.getState().status
    }
    for (let round = 0; round < 3; round++) {
      expect(redirectOnce()).toBe('redirecting')
      const flow = createSignInUpFlow(client, { navigate: vi.fn() })
      flow.setField('email', 'ada@example.com')
      flow.setField('password', 'password1')
      await flow.submit()
      expect(flow.getState().isComplete).toBe(true)
    }
    expect(redirectOnce()).toBe('redirecting')
    expect(error).not.toHaveBeenCalled()
  })
})
