/** Passkeys in the prebuilt UI (issue 17, docs/RECIPES.md §5.4, §4.6): the headless flows with a fake `webauthn`. */
import { describe, expect, it, vi } from 'vitest'
import { AuthError } from '../../src/client/errors'
import {
  createPasskeyMfaFlow,
  createPasskeyRecoveryFlow,
  createPasskeySettingsFlow,
  createSignInUpFlow,
  resolveAuthRoute,
} from '../../src/flows'
import type { SignInUpFlow } from '../../src/flows'
import type { WebauthnSignInResult, WebauthnSignUpResult } from '../../src/recipes/factorTypes'
import { createFakeClient, createFakeRecipeClient } from './fakeClient'
import { CREDENTIALS, PASSKEY_USER, createFakeWebauthn, fakeMultiFactor, passkeyMembers } from './fakePasskeys'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function setup(
  options: { support?: Parameters<typeof createFakeWebauthn>[0]; autofill?: boolean; recipes?: boolean } = {},
  flowOptions: Parameters<typeof createSignInUpFlow>[1] = {},
) {
  const base = options.recipes ? createFakeRecipeClient() : createFakeClient()
  const fake = createFakeWebauthn(options.support)
  const client = Object.assign(base.client, passkeyMembers(fake.api, { autofill: options.autofill }))
  const navigate = vi.fn<(path: string) => void>()
  const flow = createSignInUpFlow(client, { navigate, ...flowOptions })
  return { client, flow, navigate, ...fake }
}

const passkeyButton = (flow: SignInUpFlow) => flow.getState().providers.find((provider) => provider.id === 'webauthn')
const emailField = (flow: SignInUpFlow) => flow.getState().fields.find((field) => field.id === 'email')

describe('passkey button on the sign-in page', () => {
  it('shows "Continue with a passkey" beside the email-password form, disabled until support is known', async () => {
    const { flow } = setup()
    expect(flow.getState().layout).toBe('methods')
    expect(passkeyButton(flow)).toEqual({
      id: 'webauthn',
      label: 'Continue with a passkey',
      isDisabled: true,
      isBusy: false,
    })
    flow.mount()
    await settle()
    expect(passkeyButton(flow)?.isDisabled).toBe(false)
    expect(flow.getState().statusMessage).toBeUndefined()
  })

  it('signs in with the button and redirects through the claim checks', async () => {
    const { flow, api, navigate, client } = setup({ support: { conditionalMediation: false } })
    flow.mount()
    await settle()
    await flow.continueWith('webauthn')
    expect(api.signIn).toHaveBeenCalledWith({ tenantId: undefined })
    expect(client.session.getClaimValidators).toHaveBeenCalled()
    expect(navigate).toHaveBeenCalledWith('/')
    expect(flow.getState().isComplete).toBe(true)
  })

  it('disables the button with an explanation and sends nothing when the browser has no passkeys', async () => {
    const { flow, api } = setup({ support: { supported: false, conditionalMediation: false } })
    flow.mount()
    await settle()
    expect(passkeyButton(flow)?.isDisabled).toBe(true)
    expect(flow.getState().statusMessage).toBe(
      'This browser cannot use passkeys. Use another sign-in method, or another browser.',
    )
    await flow.continueWith('webauthn')
    flow.toSignUp()
    await flow.continueWith('webauthn')
    expect(flow.getState().screen).toBe('signUp')
    expect(api.signIn).not.toHaveBeenCalled()
    expect(api.signUp).not.toHaveBeenCalled()
    expect(emailField(flow)?.autoComplete).toBe('email')
  })

  it.each<[WebauthnSignInResult, string]>([
    [
      { status: 'INVALID_CREDENTIALS_ERROR' },
      'That passkey was not accepted. Try again, or use a passkey saved on another device.',
    ],
    [
      { status: 'NOT_ALLOWED' },
      'The passkey request was cancelled or timed out, or this device has no passkey for this site. Try again, or use another method.',
    ],
    [{ status: 'WEBAUTHN_NOT_SUPPORTED' }, 'This browser cannot use passkeys. Try another browser, or another method.'],
    [
      { status: 'SECURITY_ERROR', message: 'rpId mismatch' },
      'Passkeys are not set up correctly for this site. Use another method, and let the site’s team know.',
    ],
    [{ status: 'INVALID_OPTIONS_ERROR' }, 'The passkey request expired. Please try again.'],
    [{ status: 'OPTIONS_NOT_FOUND_ERROR' }, 'The passkey request expired. Please try again.'],
    [{ status: 'SIGN_IN_NOT_ALLOWED', reason: 'Blocked (ERR_CODE_030)' }, 'Blocked (ERR_CODE_030)'],
    [{ status: 'GENERAL_ERROR', message: 'Backend says no' }, 'Backend says no'],
  ])('shows %j as a message with the ways forward, keeping the typed email', async (result, message) => {
    const { flow, api } = setup({ support: { conditionalMediation: false } })
    flow.mount()
    await settle()
    flow.setField('email', 'ada@example.com')
    api.signIn.mockResolvedValueOnce(result)
    await flow.continueWith('webauthn')
    const state = flow.getState()
    expect(state.formError).toBe(message)
    expect(state.values.email).toBe('ada@example.com')
    expect(passkeyButton(flow)).toMatchObject({ isDisabled: false, label: 'Continue with a passkey' })
    expect(state.actions.find((action) => action.id === 'toRecoverAccount')).toMatchObject({
      label: 'Recover account',
      prompt: 'Lost your passkey?',
    })
    flow.perform('toRecoverAccount')
  })

  it('shows a rejected call (network) as the retryable message', async () => {
    const { flow, api } = setup({ support: { conditionalMediation: false } })
    flow.mount()
    await settle()
    api.signIn.mockRejectedValueOnce(new AuthError('network', 'offline'))
    await flow.continueWith('webauthn')
    expect(flow.getState().formError).toBe('Could not reach the server. Check your connection and try again.')
    expect(passkeyButton(flow)?.isBusy).toBe(false)
  })

  it('goes to the recovery form from "Recover account"', async () => {
    const { flow, api, navigate } = setup({ support: { conditionalMediation: false } })
    flow.mount()
    await settle()
    api.signIn.mockResolvedValueOnce({ status: 'INVALID_CREDENTIALS_ERROR' })
    await flow.continueWith('webauthn')
    flow.perform('toRecoverAccount')
    expect(navigate).toHaveBeenCalledWith('/auth/webauthn/recover/send-email')
  })

  it('is not offered without the webauthn factor, nor without the plugin (email field unchanged)', async () => {
    const { flow } = setup({}, { firstFactors: ['emailpassword'] })
    flow.mount()
    await settle()
    expect(flow.getState().layout).toBe('form')
    expect(passkeyButton(flow)).toBeUndefined()
    expect(emailField(flow)?.autoComplete).toBe('email')
    const plain = createSignInUpFlow(createFakeClient().client, {})
    plain.mount()
    await settle()
    expect(plain.getState()).toMatchObject({ layout: 'form', providers: [] })
    expect(plain.getState().fields[0]?.autoComplete).toBe('email')
    expect(Object.keys(plain.getState())).not.toContain('passkey')
  })
})

describe('passkey autofill (conditional mediation)', () => {
  it('marks the email field "username webauthn" and starts a conditional sign-in on mount', async () => {
    const { flow, api } = setup()
    expect(emailField(flow)?.autoComplete).toBe('email')
    flow.mount()
    await settle()
    expect(emailField(flow)?.autoComplete).toBe('username webauthn')
    expect(api.signIn).toHaveBeenCalledTimes(1)
    expect(api.signIn.mock.calls[0]![0]).toMatchObject({ mediation: 'conditional' })
    expect(api.signIn.mock.calls[0]![0]!.signal).toBeInstanceOf(AbortSignal)
  })

  it('also marks the passwordless email field, and not the sign-up screen', async () => {
    const { flow } = setup({ recipes: true })
    flow.mount()
    await settle()
    expect(flow.getState().passwordlessForm?.fields[0]?.autoComplete).toBe('username webauthn')
    flow.toSignUp()
    expect(emailField(flow)?.autoComplete).toBe('email')
  })

  it('signs in when the user picks a passkey in the autofill', async () => {
    const { flow, navigate, pickAutofill } = setup()
    flow.mount()
    await settle()
    pickAutofill()
    await settle()
    expect(navigate).toHaveBeenCalledWith('/')
    expect(flow.getState().isComplete).toBe(true)
  })

  it('shows the failure of a picked passkey', async () => {
    const { flow, pickAutofill } = setup()
    flow.mount()
    await settle()
    pickAutofill({ status: 'INVALID_CREDENTIALS_ERROR' })
    await settle()
    expect(flow.getState().formError).toBe(
      'That passkey was not accepted. Try again, or use a passkey saved on another device.',
    )
  })

  it.each([
    { status: 'SECURITY_ERROR', message: 'The relying party ID is not a registrable domain suffix' },
    { status: 'INVALID_OPTIONS_ERROR' },
    { status: 'GENERAL_ERROR', message: 'boom' },
  ])('keeps a failed background autofill request ($status) silent and does not start it again', async (result) => {
    const { flow, api, pickAutofill } = setup()
    flow.mount()
    await settle()
    pickAutofill(result as never)
    await settle()
    expect(flow.getState().formError).toBeUndefined()
    expect(api.signIn).toHaveBeenCalledTimes(1)
  })

  it('aborts the autofill request on unmount, and starts it again on a remount (StrictMode)', async () => {
    const { flow, api } = setup()
    const unmount = flow.mount()
    await settle()
    const first = api.signIn.mock.calls[0]![0]!.signal!
    unmount()
    expect(first.aborted).toBe(true)
    flow.mount()
    await settle()
    expect(api.signIn).toHaveBeenCalledTimes(2)
    expect(api.signIn.mock.calls[1]![0]!.signal!.aborted).toBe(false)
    expect(api.isSupported).toHaveBeenCalledTimes(1)
  })

  it('aborts the autofill request before the button starts its own ceremony', async () => {
    const { flow, api } = setup()
    flow.mount()
    await settle()
    const autofill = api.signIn.mock.calls[0]![0]!.signal!
    let abortedFirst: boolean | undefined
    api.signIn.mockImplementationOnce(async () => {
      // The browser allows one WebAuthn request at a time: the autofill one must be gone already.
      abortedFirst = autofill.aborted
      return { status: 'NOT_ALLOWED' }
    })
    await flow.continueWith('webauthn')
    expect(abortedFirst).toBe(true)
    expect(api.signIn).toHaveBeenCalledTimes(3)
    expect(api.signIn.mock.calls[1]![0]).toEqual({ tenantId: undefined })
    // After the failed button ceremony the autofill is offered again.
    expect(api.signIn.mock.calls[2]![0]).toMatchObject({ mediation: 'conditional' })
    expect(flow.getState().formError).toMatch(/cancelled or timed out/)
  })

  it('aborts the autofill request before a passkey sign-up', async () => {
    const { flow, api } = setup()
    flow.mount()
    await settle()
    const autofill = api.signIn.mock.calls[0]![0]!.signal!
    flow.toSignUp()
    await flow.continueWith('webauthn')
    flow.setField('email', 'ada@example.com')
    await flow.submit()
    let abortedFirst: boolean | undefined
    api.signUp.mockImplementationOnce(async () => {
      abortedFirst = autofill.aborted
      return { status: 'OK', user: PASSKEY_USER }
    })
    await flow.submit()
    expect(api.signUp).toHaveBeenCalledTimes(1)
    expect(abortedFirst).toBe(true)
  })

  it('starts no autofill when the plugin turns it off, or the browser cannot do it', async () => {
    for (const options of [{ autofill: false }, { support: { conditionalMediation: false } }]) {
      const { flow, api } = setup(options)
      flow.mount()
      await settle()
      expect(api.signIn).not.toHaveBeenCalled()
      expect(emailField(flow)?.autoComplete).toBe('email')
    }
  })
})

describe('passkey sign-up', () => {
  const toEmailStep = async () => {
    const context = setup({ support: { conditionalMediation: false } })
    context.flow.mount()
    await settle()
    context.flow.toSignUp()
    expect(passkeyButton(context.flow)?.label).toBe('Sign up with a passkey')
    await context.flow.continueWith('webauthn')
    return context
  }

  it('asks for the email first (with the recovery caution), then confirms, then signs up', async () => {
    const { flow, api, navigate } = await toEmailStep()
    let state = flow.getState()
    expect(state).toMatchObject({ screen: 'passkeySignUp', layout: 'form', heading: 'Sign up with a passkey' })
    expect(state.description).toBe('Check that your email is right: we will use it to help you recover your account.')
    expect(state.actions.map((action) => [action.id, action.href])).toEqual([
      ['toSignUp', undefined],
      ['toSignIn', undefined],
      ['toRecoverAccount', '/auth/webauthn/recover/send-email'],
    ])
    await flow.submit()
    expect(flow.getState().fieldErrors.email).toBe('Fill in this field')
    flow.setField('email', ' ada@example.com ')
    await flow.submit()
    state = flow.getState()
    expect(state.screen).toBe('passkeyConfirm')
    expect(state.description).toContain('create a passkey for ada@example.com.')
    expect(state.submit?.label).toBe('Create a passkey')
    expect(api.signUp).not.toHaveBeenCalled()
    await flow.submit()
    expect(api.signUp).toHaveBeenCalledWith({ email: 'ada@example.com', tenantId: undefined })
    expect(navigate).toHaveBeenCalledWith('/')
  })

  it.each<[WebauthnSignUpResult, string]>([
    [
      { status: 'EMAIL_ALREADY_EXISTS_ERROR' },
      'An account with this email already exists. Sign in instead, or recover your account.',
    ],
    [{ status: 'INVALID_EMAIL_ERROR', err: 'Email is invalid' }, 'Enter a valid email address'],
  ])('goes back to the email with %j on the field, the email kept', async (result, message) => {
    const { flow, api } = await toEmailStep()
    flow.setField('email', 'ada@example.com')
    await flow.submit()
    api.signUp.mockResolvedValueOnce(result)
    await flow.submit()
    const state = flow.getState()
    expect(state.screen).toBe('passkeySignUp')
    expect(state.fieldErrors.email).toBe(message)
    expect(state.values.email).toBe('ada@example.com')
  })

  it.each<[WebauthnSignUpResult, string]>([
    [
      { status: 'AUTHENTICATOR_ALREADY_REGISTERED' },
      'This device already holds a passkey for this account. Sign in with it, or use another device.',
    ],
    [
      { status: 'INVALID_AUTHENTICATOR_ERROR', reason: 'aaguid' },
      'This passkey provider is not accepted here. Try another device or password manager.',
    ],
    [
      { status: 'INVALID_CREDENTIALS_ERROR' },
      'That passkey was not accepted. Try again, or use a passkey saved on another device.',
    ],
    [
      { status: 'SIGN_UP_NOT_ALLOWED', reason: '' },
      'Signing up is not allowed for this account. Please contact support.',
    ],
  ])('stays on the confirm step with %j (the button retries)', async (result, message) => {
    const { flow, api } = await toEmailStep()
    flow.setField('email', 'ada@example.com')
    await flow.submit()
    api.signUp.mockResolvedValueOnce(result)
    await flow.submit()
    expect(flow.getState()).toMatchObject({ screen: 'passkeyConfirm', formError: message, isSubmitting: false })
    expect(flow.getState().actions.map((action) => action.id)).toEqual(['toPasskeyEmail', 'toSignUp'])
    flow.perform('toPasskeyEmail')
    expect(flow.getState()).toMatchObject({ screen: 'passkeySignUp', values: { email: 'ada@example.com' } })
  })
})

describe('passkey recovery', () => {
  const recovery = (options: Parameters<typeof createPasskeyRecoveryFlow>[1] = {}) => {
    const fake = createFakeWebauthn()
    const client = Object.assign(createFakeClient().client, passkeyMembers(fake.api))
    const navigate = vi.fn<(path: string) => void>()
    const flow = createPasskeyRecoveryFlow(client, { navigate, ...options })
    flow.mount()
    return { flow, navigate, ...fake }
  }

  it('sends the recovery email and says so without telling whether the account exists', async () => {
    const { flow, api } = recovery({ tenantId: 'acme' })
    expect(flow.getState()).toMatchObject({
      flow: 'passkeyRecovery',
      screen: 'request',
      heading: 'Recover your account',
    })
    flow.setField('email', 'ada@example.com')
    await flow.submit()
    expect(api.sendRecoveryEmail).toHaveBeenCalledWith({ email: 'ada@example.com', tenantId: 'acme' })
    expect(flow.getState()).toMatchObject({
      screen: 'sent',
      description: 'If an account exists for ada@example.com, we sent it a link to create a new passkey.',
    })
    flow.perform('resend')
    await settle()
    expect(api.sendRecoveryEmail).toHaveBeenCalledTimes(2)
    expect(flow.getState().statusMessage).toBe('We sent the link again.')
    flow.perform('toRequest')
    expect(flow.getState()).toMatchObject({ screen: 'request', values: { email: 'ada@example.com' } })
  })

  it('says when recovery is not allowed, or the backend failed', async () => {
    const { flow, api } = recovery()
    flow.setField('email', 'ada@example.com')
    api.sendRecoveryEmail.mockResolvedValueOnce({ status: 'RECOVER_ACCOUNT_NOT_ALLOWED', reason: 'ERR_CODE_001' })
    await flow.submit()
    expect(flow.getState().formError).toBe(
      'Account recovery is not available for this account. Please contact support.',
    )
    api.sendRecoveryEmail.mockResolvedValueOnce({ status: 'GENERAL_ERROR', message: '' })
    await flow.submit()
    expect(flow.getState().formError).toBe('Something went wrong. Please try again.')
  })

  it('sends the emailed link without a token to the auth page', () => {
    const { navigate, api } = recovery({ start: 'confirm', search: '?tenantId=acme' })
    expect(navigate).toHaveBeenCalledWith('/auth?tenantId=acme')
    expect(api.recoverAccount).not.toHaveBeenCalled()
  })

  it('creates a new passkey from the link, then offers to sign in with it', async () => {
    const { flow, api } = recovery({ start: 'confirm', search: '?token=T&tenantId=acme' })
    expect(flow.getState()).toMatchObject({ screen: 'confirm', heading: 'Create a new passkey' })
    expect(api.recoverAccount).not.toHaveBeenCalled()
    await flow.submit()
    expect(api.recoverAccount).toHaveBeenCalledWith({ token: 'T', tenantId: 'acme' })
    const state = flow.getState()
    expect(state).toMatchObject({
      screen: 'recovered',
      description: 'Account recovered: sign in with your new passkey.',
    })
    expect(state.actions).toMatchObject([
      { id: 'toSignIn', href: '/auth?tenantId=acme', label: 'Continue with a passkey' },
    ])
  })

  it('offers a new link for a used token, and stays with a message on other failures', async () => {
    const { flow, api, navigate } = recovery({ start: 'confirm', search: '?token=T' })
    api.recoverAccount.mockResolvedValueOnce({ status: 'NOT_ALLOWED' })
    await flow.submit()
    expect(flow.getState()).toMatchObject({ screen: 'confirm', formError: expect.stringMatching(/cancelled/) })
    api.recoverAccount.mockResolvedValueOnce({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' })
    await flow.submit()
    expect(flow.getState()).toMatchObject({
      screen: 'invalidToken',
      description: 'This recovery link has expired or was already used. Ask for a new one.',
    })
    flow.perform('toRequest')
    expect(navigate).toHaveBeenCalledWith('/auth/webauthn/recover/send-email')
  })
})

describe('passkey as a second factor', () => {
  const mfa = (info: Parameters<typeof fakeMultiFactor>[0], search = '') => {
    const fake = createFakeWebauthn()
    const multiFactor = fakeMultiFactor(info)
    const client = Object.assign(createFakeClient().client, passkeyMembers(fake.api), { multiFactor })
    const navigate = vi.fn<(path: string) => void>()
    const flow = createPasskeyMfaFlow(client, { navigate, search })
    flow.mount()
    return { flow, navigate, multiFactor, ...fake }
  }

  it('uses the passkey the user has, linked to the session, then redirects', async () => {
    const { flow, api, navigate } = mfa({ alreadySetup: ['webauthn'], allowedToSetup: ['webauthn'] })
    expect(flow.getState()).toMatchObject({ flow: 'passkeyMfa', screen: 'loading', statusMessage: 'Loading…' })
    await settle()
    expect(flow.getState()).toMatchObject({ screen: 'use', submit: { label: 'Use a passkey' } })
    expect(flow.getState().actions.map((action) => action.id)).toEqual(['toRegister'])
    await flow.submit()
    expect(api.signIn).toHaveBeenCalledWith({ tenantId: undefined, shouldTryLinkingWithSessionUser: true })
    expect(navigate).toHaveBeenCalledWith('/')
  })

  it('registers a passkey with the factor email when the user has none', async () => {
    const { flow, api } = mfa({ allowedToSetup: ['webauthn'], emails: { webauthn: ['ada@example.com'] } })
    await settle()
    expect(flow.getState()).toMatchObject({ screen: 'register', submit: { label: 'Register a passkey' } })
    expect(flow.getState().actions).toEqual([])
    await flow.submit()
    expect(api.signUp).toHaveBeenCalledWith({
      email: 'ada@example.com',
      tenantId: undefined,
      shouldTryLinkingWithSessionUser: true,
    })
  })

  it('denies when passkeys are neither set up nor allowed, and fails with a way back', async () => {
    const denied = mfa({ alreadySetup: ['totp'], allowedToSetup: ['totp'] })
    await settle()
    expect(denied.flow.getState()).toMatchObject({ screen: 'denied', actions: [{ id: 'toSignIn' }] })
    const failed = mfa({})
    failed.multiFactor.getInfo.mockRejectedValueOnce(new AuthError('session', 'no session'))
    const flow = createPasskeyMfaFlow(
      Object.assign(createFakeClient().client, passkeyMembers(failed.api), { multiFactor: failed.multiFactor }),
      {},
    )
    flow.mount()
    await settle()
    expect(flow.getState()).toMatchObject({
      screen: 'error',
      description: 'Something went wrong. Reload the page, or sign in again.',
    })
  })

  it('shows a failed ceremony as a message and stays', async () => {
    const { flow, api } = mfa({ alreadySetup: ['webauthn'] })
    await settle()
    api.signIn.mockResolvedValueOnce({ status: 'INVALID_CREDENTIALS_ERROR' })
    await flow.submit()
    expect(flow.getState()).toMatchObject({ screen: 'use', formError: expect.stringMatching(/not accepted/) })
  })

  it('redirects at once when no factor is left, unless stepUp', async () => {
    const done = mfa({ next: [], alreadySetup: ['webauthn'] })
    await settle()
    expect(done.navigate).toHaveBeenCalledWith('/')
    const stepUp = mfa({ next: [], alreadySetup: ['webauthn'] }, '?stepUp=true')
    await settle()
    expect(stepUp.navigate).not.toHaveBeenCalled()
    expect(stepUp.flow.getState().screen).toBe('use')
  })
})

describe('passkey settings', () => {
  const settings = (
    options: Parameters<typeof createPasskeySettingsFlow>[1] = { email: 'ada@example.com' },
    before?: (api: ReturnType<typeof createFakeWebauthn>['api']) => void,
  ) => {
    const fake = createFakeWebauthn()
    const client = Object.assign(createFakeClient().client, passkeyMembers(fake.api))
    const flow = createPasskeySettingsFlow(client, options)
    before?.(fake.api)
    flow.mount()
    return { flow, ...fake }
  }

  it('lists the passkeys by the day they were added', async () => {
    const { flow } = settings()
    expect(flow.getState()).toMatchObject({ isLoading: true, statusMessage: 'Loading your passkeys…' })
    await settle()
    const state = flow.getState()
    expect(state.isLoading).toBe(false)
    expect(state.statusMessage).toBeUndefined()
    expect(state.passkeys.map((passkey) => [passkey.id, passkey.label, passkey.remove.name])).toEqual([
      ['cred-1', 'Passkey added on 2026-01-02', 'Remove the passkey added on 2026-01-02'],
      ['cred-2', 'Passkey added on 2026-06-30', 'Remove the passkey added on 2026-06-30'],
    ])
    expect(state.add).toEqual({ label: 'Add a passkey', isBusy: false, isDisabled: false })
  })

  it('adds a passkey for the account email and its WebAuthn login method, then lists again', async () => {
    const { flow, api } = settings()
    await settle()
    await flow.add()
    expect(api.registerCredential).toHaveBeenCalledWith({ email: 'ada@example.com', recipeUserId: 'u-1' })
    expect(api.listCredentials).toHaveBeenCalledTimes(2)
    expect(flow.getState().statusMessage).toBe('Passkey added.')
  })

  it('removes a passkey only after confirmation', async () => {
    const { flow, api } = settings()
    await settle()
    flow.askRemove('cred-2')
    expect(flow.getState().passkeys[1]?.confirm).toMatchObject({
      prompt: 'Remove this passkey? You will no longer sign in with it.',
      label: 'Yes, remove',
      cancelLabel: 'Keep it',
    })
    expect(flow.getState().focusRequest?.id).toBe('af-passkey-confirm')
    flow.cancelRemove()
    expect(flow.getState().passkeys[1]?.confirm).toBeUndefined()
    expect(flow.getState().focusRequest?.id).toBe('af-passkey-1-remove')
    expect(api.removeCredential).not.toHaveBeenCalled()
    flow.askRemove('cred-2')
    api.listCredentials.mockResolvedValueOnce({ status: 'OK', credentials: [CREDENTIALS[0]!] })
    await flow.confirmRemove()
    expect(api.removeCredential).toHaveBeenCalledWith({ webauthnCredentialId: 'cred-2' })
    expect(flow.getState().passkeys).toHaveLength(1)
    expect(flow.getState().statusMessage).toBe('Passkey removed.')
  })

  it('says every failure: listing, adding, removing', async () => {
    const { flow, api } = settings(undefined, (api) =>
      api.listCredentials.mockResolvedValueOnce({ status: 'GENERAL_ERROR', message: 'User not found' }),
    )
    await settle()
    expect(flow.getState().formError).toBe('User not found')
    api.registerCredential.mockResolvedValueOnce({ status: 'AUTHENTICATOR_ALREADY_REGISTERED' })
    await flow.add()
    expect(flow.getState().formError).toMatch(/already holds a passkey/)
    api.registerCredential.mockResolvedValueOnce({ status: 'REGISTER_CREDENTIAL_NOT_ALLOWED', reason: '' })
    await flow.add()
    expect(flow.getState().formError).toBe('You cannot add a passkey to this account. Please contact support.')
    flow.askRemove('cred-1')
    api.removeCredential.mockRejectedValueOnce(new AuthError('network', 'offline'))
    await flow.confirmRemove()
    expect(flow.getState().formError).toBe('Could not reach the server. Check your connection and try again.')
    expect(flow.getState().focusRequest?.id).toBe('af-form-error')
  })

  it('has no add button without the account email, and says when the list is empty', async () => {
    const { flow } = settings({}, (api) => api.listCredentials.mockResolvedValueOnce({ status: 'OK', credentials: [] }))
    await settle()
    expect(flow.getState()).toMatchObject({ add: undefined, emptyText: 'You have no passkey yet.', passkeys: [] })
  })
})

describe('passkey routes', () => {
  it.each([
    ['/auth/webauthn/recover', 'webauthnRecover'],
    ['/auth/webauthn/recover?token=T&tenantId=public', 'webauthnRecover'],
    ['/auth/webauthn/recover/send-email', 'webauthnSendRecoveryEmail'],
    ['/auth/mfa/webauthn/', 'mfaWebauthn'],
    ['/auth/webauthn', 'notFound'],
  ])('%s → %s', (path, name) => expect(resolveAuthRoute(path, '/auth')).toEqual({ name }))
})
