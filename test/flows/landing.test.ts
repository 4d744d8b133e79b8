/** The ThirdParty callback and magic-link landing pages (issue 16), and the route resolver. */
import { describe, expect, it, vi } from 'vitest'
import { AuthError } from '../../src/client/errors'
import { createMagicLinkFlow, createThirdPartyCallbackFlow, resolveAuthRoute } from '../../src/flows'
import type { ThirdPartyCallbackResult } from '../../src/recipes/types'
import { createFakeRecipeClient, deferred } from './fakeClient'

const USER = { id: 'u1' } as never

describe('createThirdPartyCallbackFlow', () => {
  it('is busy until the callback answers, calls it once across remounts, then redirects to the kept path', async () => {
    const fake = createFakeRecipeClient()
    const answer = deferred<ThirdPartyCallbackResult>()
    fake.thirdParty.handleCallback.mockImplementation(() => answer.promise)
    const navigate = vi.fn()
    const flow = createThirdPartyCallbackFlow(fake.client, {
      navigate,
      url: 'http://localhost/auth/callback/google?code=C',
    })
    expect(flow.getState()).toMatchObject({ flow: 'thirdPartyCallback', screen: 'busy', statusMessage: 'Signing in…' })
    flow.mount()()
    flow.mount()
    expect(fake.thirdParty.handleCallback).toHaveBeenCalledTimes(1)
    expect(fake.thirdParty.handleCallback).toHaveBeenCalledWith({ url: 'http://localhost/auth/callback/google?code=C' })
    answer.resolve({ status: 'OK', user: USER, createdNewRecipeUser: false, redirectToPath: '/orders' })
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/orders'))
  })

  it('never redirects off-site, whatever the stored path says', async () => {
    const fake = createFakeRecipeClient()
    fake.thirdParty.handleCallback.mockResolvedValue({
      status: 'OK',
      user: USER,
      createdNewRecipeUser: true,
      redirectToPath: 'https://evil.example',
    })
    const navigate = vi.fn()
    createThirdPartyCallbackFlow(fake.client, { navigate, defaultRedirectPath: '/home' }).mount()
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/home'))
  })

  const outcomes: Array<[string, ThirdPartyCallbackResult | Error, string]> = [
    ['STATE_MISMATCH', { status: 'STATE_MISMATCH' }, 'Something went wrong. Please try again.'],
    ['STATE_EXPIRED', { status: 'STATE_EXPIRED' }, 'Something went wrong. Please try again.'],
    [
      'a provider error',
      { status: 'PROVIDER_ERROR', error: 'server_error', description: '<b>x</b>' },
      'Something went wrong. Please try again.',
    ],
    [
      'access_denied',
      { status: 'PROVIDER_ERROR', error: 'access_denied', description: undefined },
      'Sign-in was cancelled. Choose a method to try again.',
    ],
    [
      'NO_EMAIL_GIVEN_BY_PROVIDER',
      { status: 'NO_EMAIL_GIVEN_BY_PROVIDER' },
      'The provider did not share your email address. Try another way to sign in.',
    ],
    [
      'SIGN_IN_UP_NOT_ALLOWED',
      { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: 'Cannot sign in <script>(ERR_CODE_006)' },
      'Cannot sign in <script>(ERR_CODE_006)',
    ],
    ['GENERAL_ERROR', { status: 'GENERAL_ERROR', message: 'Domain not allowed' }, 'Domain not allowed'],
    ['a network failure', new AuthError('network', 'offline'), 'Something went wrong. Please try again.'],
  ]
  it.each(outcomes)(
    'shows %s in place, focused, with a way back that keeps the tenant',
    async (_name, outcome, text) => {
      const fake = createFakeRecipeClient()
      if (outcome instanceof Error) fake.thirdParty.handleCallback.mockRejectedValue(outcome)
      else fake.thirdParty.handleCallback.mockResolvedValue(outcome)
      const navigate = vi.fn()
      const flow = createThirdPartyCallbackFlow(fake.client, { navigate, search: '?tenantId=acme' })
      flow.mount()
      await vi.waitFor(() => expect(flow.getState().screen).toBe('error'))
      const state = flow.getState()
      expect(state.formError).toBe(text)
      expect(state.heading).toBe('Sign-in failed')
      expect(state.focusRequest?.id).toBe(state.ids.formError)
      expect(state.actions).toMatchObject([{ id: 'toSignIn', href: '/auth?tenantId=acme', label: 'Back to sign in' }])
      expect(navigate).not.toHaveBeenCalled()
      flow.perform('toSignIn')
      expect(navigate).toHaveBeenCalledWith('/auth?tenantId=acme')
    },
  )
})

describe('createMagicLinkFlow', () => {
  const link = { preAuthSessionId: 'P', tenantId: undefined, linkCode: 'L' }

  it('consumes at mount in the browser that asked for the link, then redirects', async () => {
    const fake = createFakeRecipeClient()
    fake.passwordless.readMagicLink.mockReturnValue({ ...link, isSameBrowser: true })
    fake.passwordless.consumeMagicLink.mockResolvedValue({
      status: 'OK',
      user: USER,
      createdNewRecipeUser: false,
      redirectToPath: '/orders',
    })
    const navigate = vi.fn()
    const flow = createMagicLinkFlow(fake.client, {
      navigate,
      url: 'http://localhost/auth/verify?preAuthSessionId=P#L',
    })
    expect(flow.getState()).toMatchObject({ flow: 'magicLink', screen: 'busy' })
    flow.mount()()
    flow.mount()
    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/orders'))
    expect(fake.passwordless.consumeMagicLink).toHaveBeenCalledTimes(1)
    expect(fake.passwordless.consumeMagicLink).toHaveBeenCalledWith({
      url: 'http://localhost/auth/verify?preAuthSessionId=P#L',
    })
  })

  it('asks first in another browser: no request before "Continue"', async () => {
    const fake = createFakeRecipeClient()
    fake.passwordless.readMagicLink.mockReturnValue({ ...link, isSameBrowser: false })
    fake.passwordless.consumeMagicLink.mockResolvedValue({
      status: 'OK',
      user: USER,
      createdNewRecipeUser: false,
      redirectToPath: undefined,
    })
    const navigate = vi.fn()
    const flow = createMagicLinkFlow(fake.client, { navigate })
    flow.mount()
    const state = flow.getState()
    expect(state).toMatchObject({ screen: 'confirm', heading: 'Sign in on this device', statusMessage: undefined })
    expect(state.submit).toMatchObject({ label: 'Continue', isDisabled: false })
    expect(fake.passwordless.consumeMagicLink).not.toHaveBeenCalled()
    await flow.submit()
    expect(fake.passwordless.consumeMagicLink).toHaveBeenCalledTimes(1)
    expect(navigate).toHaveBeenCalledWith('/')
  })

  it('shows "Invalid magic link" for a broken link (no request) and for a used one', async () => {
    const fake = createFakeRecipeClient()
    const broken = createMagicLinkFlow(fake.client, { navigate: vi.fn() })
    broken.mount()
    expect(broken.getState()).toMatchObject({
      screen: 'error',
      formError: 'This sign-in link no longer works. Ask for a new one.',
    })
    expect(broken.getState().actions).toMatchObject([{ id: 'toSignIn', href: '/auth' }])
    expect(fake.passwordless.consumeMagicLink).not.toHaveBeenCalled()

    fake.passwordless.readMagicLink.mockReturnValue({ ...link, isSameBrowser: true })
    fake.passwordless.consumeMagicLink.mockResolvedValue({ status: 'RESTART_FLOW_ERROR' })
    const used = createMagicLinkFlow(fake.client, { navigate: vi.fn() })
    used.mount()
    await vi.waitFor(() =>
      expect(used.getState().formError).toBe('This sign-in link no longer works. Ask for a new one.'),
    )
    expect(used.getState().focusRequest?.id).toBe(used.getState().ids.formError)
  })

  it('shows SIGN_IN_UP_NOT_ALLOWED reasons and GENERAL_ERROR messages', async () => {
    const fake = createFakeRecipeClient()
    fake.passwordless.readMagicLink.mockReturnValue({ ...link, isSameBrowser: false })
    fake.passwordless.consumeMagicLink.mockResolvedValueOnce({ status: 'SIGN_IN_UP_NOT_ALLOWED', reason: 'No (ERR_2)' })
    const flow = createMagicLinkFlow(fake.client, { navigate: vi.fn() })
    flow.mount()
    await flow.submit()
    expect(flow.getState()).toMatchObject({ screen: 'error', formError: 'No (ERR_2)' })
  })
})

describe('resolveAuthRoute', () => {
  it.each([
    ['/auth', '/auth', { name: 'signInUp' }],
    ['/auth/', '/auth', { name: 'signInUp' }],
    ['/auth?tenantId=a', '/auth', { name: 'signInUp' }],
    ['/auth/callback/google', '/auth', { name: 'callback', thirdPartyId: 'google' }],
    ['/auth/callback/active-directory?code=C', '/auth', { name: 'callback', thirdPartyId: 'active-directory' }],
    ['/auth/callback/', '/auth', { name: 'notFound' }],
    ['/auth/callback/a/b', '/auth', { name: 'notFound' }],
    ['/auth/verify#L', '/auth', { name: 'verify' }],
    ['/auth/reset-password?token=t', '/auth', { name: 'resetPassword' }],
    ['/auth/verify-email', '/auth', { name: 'verifyEmail' }],
    ['/auth/nope', '/auth', { name: 'notFound' }],
    ['/authx', '/auth', { name: 'notFound' }],
    ['/', '/auth', { name: 'notFound' }],
    ['/', '/', { name: 'signInUp' }],
    ['/callback/github', '/', { name: 'callback', thirdPartyId: 'github' }],
    ['/account/login/verify', '/account/login/', { name: 'verify' }],
  ] as const)('%s under %s', (path, base, route) => {
    expect(resolveAuthRoute(path, base)).toEqual(route)
  })
})
