/** The sign-in page's first factors (issue 16): provider buttons, static and per-tenant methods. */
import { describe, expect, it, vi } from 'vitest'
import { AuthError } from '../../src/client/errors'
import { createSignInUpFlow } from '../../src/flows'
import { createFakeClient, createFakeRecipeClient, deferred } from './fakeClient'

describe('first factors', () => {
  it('keeps the email-password form alone (layout form, no providers) when the client has no recipe plugin', () => {
    const { client } = createFakeClient()
    const flow = createSignInUpFlow(client, { navigate: vi.fn() })
    flow.mount()
    const state = flow.getState()
    expect(state).toMatchObject({ layout: 'form', hasEmailPassword: true, providers: [], passwordlessForm: undefined })
    expect(state.fields.map((field) => field.id)).toEqual(['email', 'password'])
  })

  it('shows provider buttons, the email-password form and the passwordless form by default', () => {
    const { client } = createFakeRecipeClient()
    const flow = createSignInUpFlow(client, { navigate: vi.fn() })
    const state = flow.getState()
    expect(state.layout).toBe('methods')
    expect(state.providers.map((provider) => [provider.id, provider.label, provider.mark])).toEqual([
      ['google', 'Continue with Google', 'M0 0h24v24H0z'],
      ['github', 'Continue with GitHub', undefined],
    ])
    expect(state.fields.map((field) => field.id)).toEqual(['email', 'password'])
    expect(state.passwordlessForm?.fields.map((field) => [field.id, field.inputType, field.autoComplete])).toEqual([
      ['contactEmail', 'email', 'email'],
    ])
    expect(state.dividerLabel).toBe('or')
  })

  it('shows just the providers when they are the only first factor', () => {
    const { client } = createFakeRecipeClient()
    const flow = createSignInUpFlow(client, { navigate: vi.fn(), firstFactors: ['thirdparty'] })
    const state = flow.getState()
    expect(state).toMatchObject({ layout: 'methods', hasEmailPassword: false, passwordlessForm: undefined })
    expect(state.heading).toBe('Sign in or sign up')
    expect(state.fields).toEqual([])
    expect(state.submit).toBeUndefined()
    expect(state.actions).toEqual([])
    expect(state.providers).toHaveLength(2)
  })

  it('asks for a phone number (type tel) or for either, as the contactMethod says', () => {
    const phone = createSignInUpFlow(createFakeRecipeClient({ contactMethod: 'PHONE' }).client, { navigate: vi.fn() })
    expect(phone.getState().passwordlessForm?.fields.map((field) => [field.id, field.inputType])).toEqual([
      ['contactPhone', 'tel'],
    ])
    const either = createSignInUpFlow(createFakeRecipeClient({ contactMethod: 'EMAIL_OR_PHONE' }).client, {})
    expect(either.getState().passwordlessForm?.fields.map((field) => [field.id, field.label])).toEqual([
      ['contact', 'Email or phone number'],
    ])
  })

  it('rejects firstFactors that the client cannot show with a config AuthError', () => {
    const { client } = createFakeClient()
    expect(() => createSignInUpFlow(client, { firstFactors: ['thirdparty'] })).toThrow(AuthError)
  })
})

describe('provider buttons', () => {
  it('redirects with the tenant and the redirect path, and keeps every button disabled while leaving', async () => {
    const { client, thirdParty } = createFakeRecipeClient()
    const flow = createSignInUpFlow(client, { search: '?tenantId=acme&redirectToPath=%2Forders' })
    await flow.continueWith('github')
    expect(thirdParty.redirectToProvider).toHaveBeenCalledWith('github', {
      tenantId: 'acme',
      redirectToPath: '/orders',
    })
    const state = flow.getState()
    expect(state.providers.map((provider) => [provider.isDisabled, provider.isBusy])).toEqual([
      [true, false],
      [true, true],
    ])
    expect(state.statusMessage).toBe('Redirecting to GitHub…')
    await flow.continueWith('google')
    expect(thirdParty.redirectToProvider).toHaveBeenCalledTimes(1)
  })

  it('shows "Something went wrong" for a rejected redirect and GENERAL_ERROR messages as given', async () => {
    const { client, thirdParty } = createFakeRecipeClient()
    const flow = createSignInUpFlow(client, {})
    thirdParty.redirectToProvider.mockRejectedValueOnce(new AuthError('server', 'HTTP 400'))
    await flow.continueWith('google')
    expect(flow.getState().formError).toBe('Something went wrong. Please try again.')
    expect(flow.getState().focusRequest?.id).toBe(flow.getState().ids.formError)
    expect(flow.getState().providers.every((provider) => !provider.isDisabled)).toBe(true)
    thirdParty.redirectToProvider.mockResolvedValueOnce({ status: 'GENERAL_ERROR', message: 'Provider disabled' })
    await flow.continueWith('google')
    expect(flow.getState().formError).toBe('Provider disabled')
  })
})

describe("loginMethods: 'dynamic'", () => {
  it('loads the tenant methods on mount, shows only its providers, and loads once across remounts', async () => {
    const { client, getLoginMethods } = createFakeRecipeClient({ loginMethods: true })
    const answer = deferred<Awaited<ReturnType<typeof getLoginMethods>>>()
    getLoginMethods.mockImplementation(() => answer.promise)
    const flow = createSignInUpFlow(client, { loginMethods: 'dynamic', tenantId: 'acme' })
    expect(flow.getState()).toMatchObject({ isLoadingMethods: true, layout: 'methods', providers: [], fields: [] })
    expect(flow.getState().statusMessage).toBe('Loading sign-in options…')
    flow.mount()()
    flow.mount()
    expect(getLoginMethods).toHaveBeenCalledTimes(1)
    expect(getLoginMethods).toHaveBeenCalledWith({ tenantId: 'acme' })
    answer.resolve({
      status: 'OK',
      firstFactors: ['thirdparty', 'otp-phone'],
      providers: [
        { id: 'google', name: undefined },
        { id: 'okta-acme', name: 'Acme SSO' },
      ],
    })
    await vi.waitFor(() => expect(flow.getState().isLoadingMethods).toBe(false))
    const state = flow.getState()
    expect(state.statusMessage).toBeUndefined()
    expect(state.hasEmailPassword).toBe(false)
    // A provider the client knows keeps its mark; the tenant's own provider has none.
    expect(state.providers.map((provider) => [provider.label, provider.mark])).toEqual([
      ['Continue with Google', 'M0 0h24v24H0z'],
      ['Continue with Acme SSO', undefined],
    ])
    // The client asks for email only: the tenant's phone factor cannot be shown.
    expect(state.passwordlessForm).toBeUndefined()
  })

  it('falls back to the static methods when getLoginMethods rejects', async () => {
    const { client, getLoginMethods } = createFakeRecipeClient({ loginMethods: true })
    getLoginMethods.mockRejectedValue(new AuthError('server', 'HTTP 404'))
    const flow = createSignInUpFlow(client, { loginMethods: 'dynamic', firstFactors: ['emailpassword', 'thirdparty'] })
    flow.mount()
    await vi.waitFor(() => expect(flow.getState().isLoadingMethods).toBe(false))
    expect(flow.getState()).toMatchObject({ hasEmailPassword: true, passwordlessForm: undefined })
    expect(flow.getState().providers).toHaveLength(2)
  })

  it('uses the static methods at once when the client has no getLoginMethods', () => {
    const { client } = createFakeRecipeClient()
    const flow = createSignInUpFlow(client, { loginMethods: 'dynamic' })
    expect(flow.getState().isLoadingMethods).toBe(false)
  })
})
