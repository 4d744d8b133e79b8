/** The passwordless part of the sign-in page (issue 16): contact form, code screen, link-sent screen. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AuthError } from '../../src/client/errors'
import { createSignInUpFlow } from '../../src/flows'
import { createFakeRecipeClient, fakeAttempt } from './fakeClient'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(1_000_000)
})
afterEach(() => vi.useRealTimers())

const start = (options: Parameters<typeof createFakeRecipeClient>[0] = {}) => {
  const fake = createFakeRecipeClient(options)
  const navigate = vi.fn()
  const flow = createSignInUpFlow(fake.client, { navigate, firstFactors: ['otp-email', 'otp-phone', 'link-email'] })
  flow.mount()
  return { ...fake, flow, navigate }
}

const toCodeScreen = async (fake: ReturnType<typeof start>) => {
  fake.flow.setField('contactEmail', ' ada@example.com ')
  await fake.flow.submitPasswordless()
}

describe('contact form', () => {
  it('validates the email, sends the code with the tenant and redirect path, and shows the code screen', async () => {
    const fake = createFakeRecipeClient()
    const flow = createSignInUpFlow(fake.client, {
      search: '?tenantId=acme&redirectToPath=/orders',
      firstFactors: ['otp-email'],
    })
    flow.mount()
    flow.setField('contactEmail', 'not-an-email')
    await flow.submitPasswordless()
    expect(flow.getState().passwordlessForm?.fields[0]?.error).toBe('Enter a valid email address')
    expect(fake.passwordless.createCode).not.toHaveBeenCalled()
    flow.setField('contactEmail', ' ada@example.com ')
    await flow.submitPasswordless()
    expect(fake.passwordless.createCode).toHaveBeenCalledWith({
      email: 'ada@example.com',
      tenantId: 'acme',
      redirectToPath: '/orders',
    })
    const state = flow.getState()
    expect(state).toMatchObject({ screen: 'code', layout: 'form', contactInfo: 'ada@example.com', cooldownSeconds: 15 })
    expect(state.description).toBe('We sent a code to ada@example.com.')
    expect(state.fields.map((field) => [field.id, field.autoComplete, field.inputMode])).toEqual([
      ['code', 'one-time-code', 'numeric'],
    ])
    expect(state.focusRequest?.id).toBe(state.ids.heading)
  })

  it('sends a phone number without separators', async () => {
    const fake = createFakeRecipeClient({ contactMethod: 'PHONE' })
    const flow = createSignInUpFlow(fake.client, {})
    flow.setField('contactPhone', '0612')
    await flow.submitPasswordless()
    expect(flow.getState().passwordlessForm?.fields[0]?.error).toBe('Enter a valid phone number, with its country code')
    flow.setField('contactPhone', '+33 6 12-34-56-78')
    await flow.submitPasswordless()
    expect(fake.passwordless.createCode).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '+33612345678' }))
  })

  it('shows SIGN_IN_UP_NOT_ALLOWED reasons, GENERAL_ERROR messages and network errors as the form error', async () => {
    const fake = start()
    fake.passwordless.createCode.mockResolvedValueOnce({ status: 'SIGN_IN_UP_NOT_ALLOWED', reason: 'Blocked (ERR_1)' })
    await toCodeScreen(fake)
    expect(fake.flow.getState()).toMatchObject({ screen: 'signIn', formError: 'Blocked (ERR_1)' })
    expect(fake.flow.getState().passwordlessForm?.submit.isBusy).toBe(false)
    fake.passwordless.createCode.mockResolvedValueOnce({ status: 'GENERAL_ERROR', message: 'Email is blocked' })
    await fake.flow.submitPasswordless()
    expect(fake.flow.getState().formError).toBe('Email is blocked')
    fake.passwordless.createCode.mockRejectedValueOnce(new AuthError('network', 'offline'))
    await fake.flow.submitPasswordless()
    expect(fake.flow.getState().formError).toBe('Could not reach the server. Check your connection and try again.')
    expect(fake.flow.getState().focusRequest?.id).toBe(fake.flow.getState().ids.formError)
  })

  it('shows the link-sent screen for MAGIC_LINK, with resend and change email', async () => {
    const fake = start()
    fake.passwordless.createCode.mockResolvedValueOnce({
      status: 'OK',
      attempt: fakeAttempt({ flowType: 'MAGIC_LINK' }),
    })
    await toCodeScreen(fake)
    const state = fake.flow.getState()
    expect(state).toMatchObject({ screen: 'linkSent', heading: 'Check your inbox', fields: [], submit: undefined })
    expect(state.actions.map((action) => [action.id, action.label])).toEqual([
      ['resendCode', 'Resend link'],
      ['toContactForm', 'Change email'],
    ])
  })
})

describe('code screen', () => {
  it('counts down the resend button from the attempt, then resends and counts down again', async () => {
    const fake = start()
    await toCodeScreen(fake)
    const resend = () => fake.flow.getState().actions.find((action) => action.id === 'resendCode')!
    expect(resend()).toMatchObject({ label: 'Resend in 15 s', isDisabled: true })
    await fake.flow.resendCode()
    expect(fake.passwordless.resendCode).not.toHaveBeenCalled()
    vi.advanceTimersByTime(14_000)
    expect(resend().label).toBe('Resend in 1 s')
    vi.advanceTimersByTime(1_000)
    expect(resend()).toMatchObject({ label: 'Resend code', isDisabled: false })
    await fake.flow.resendCode()
    expect(fake.passwordless.resendCode).toHaveBeenCalledTimes(1)
    expect(fake.flow.getState().statusMessage).toBe('A new code was sent.')
    expect(resend()).toMatchObject({ label: 'Resend in 15 s', isDisabled: true })
  })

  it('shows the attempts left after a wrong code and the expiry of an old one, keeping the screen', async () => {
    const fake = start()
    await toCodeScreen(fake)
    fake.passwordless.consumeCode.mockResolvedValueOnce({
      status: 'INCORRECT_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 2,
      maximumCodeInputAttempts: 5,
    })
    fake.flow.setField('code', '111111')
    await fake.flow.submit()
    expect(fake.passwordless.consumeCode).toHaveBeenCalledWith({ userInputCode: '111111' })
    let state = fake.flow.getState()
    expect(state.screen).toBe('code')
    expect(state.fields[0]?.error).toBe('That code is not right. Tries left: 3.')
    expect(state.focusRequest?.id).toBe(state.fields[0]?.inputId)
    fake.passwordless.consumeCode.mockResolvedValueOnce({
      status: 'EXPIRED_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 3,
      maximumCodeInputAttempts: 5,
    })
    await fake.flow.submit()
    state = fake.flow.getState()
    expect(state.fields[0]?.error).toBe('This code has expired. Ask for a new one.')
  })

  it('goes back to the form with "Login unsuccessful" on RESTART_FLOW_ERROR', async () => {
    const fake = start()
    await toCodeScreen(fake)
    fake.flow.setField('code', '111111')
    await fake.flow.submit()
    const state = fake.flow.getState()
    expect(state).toMatchObject({
      screen: 'signIn',
      layout: 'methods',
      formError: 'Sign-in did not go through. Please try again.',
    })
    expect(state.focusRequest?.id).toBe(state.ids.formError)
  })

  it('goes back to the form with "Login timed out" when a resend finds the attempt gone', async () => {
    const fake = start()
    await toCodeScreen(fake)
    vi.advanceTimersByTime(15_000)
    fake.passwordless.resendCode.mockResolvedValueOnce({ status: 'RESTART_FLOW_ERROR' })
    await fake.flow.resendCode()
    expect(fake.flow.getState()).toMatchObject({
      screen: 'signIn',
      formError: 'Sign-in took too long. Please start again.',
    })
  })

  it('signs in with the attempt redirect path, through safeRedirectPath', async () => {
    const fake = start()
    const onSuccess = vi.fn()
    const flow = createSignInUpFlow(fake.client, { navigate: fake.navigate, onSuccess, firstFactors: ['otp-email'] })
    flow.mount()
    flow.setField('contactEmail', 'ada@example.com')
    await flow.submitPasswordless()
    fake.passwordless.consumeCode.mockResolvedValueOnce({
      status: 'OK',
      user: { id: 'u1' } as never,
      createdNewRecipeUser: true,
      redirectToPath: '//evil.example',
    })
    flow.setField('code', '123456')
    await flow.submit()
    expect(fake.navigate).toHaveBeenCalledWith('/')
    expect(onSuccess).toHaveBeenCalledWith({ action: 'signUp', redirectTo: '/' })
    fake.passwordless.consumeCode.mockResolvedValueOnce({
      status: 'OK',
      user: { id: 'u1' } as never,
      createdNewRecipeUser: false,
      redirectToPath: '/orders?id=1',
    })
    const again = createSignInUpFlow(fake.client, { navigate: fake.navigate, firstFactors: ['otp-email'] })
    fake.setAttempt(fakeAttempt({ lastResend: Date.now() }))
    again.mount()
    again.setField('code', '123456')
    await again.submit()
    expect(fake.navigate).toHaveBeenLastCalledWith('/orders?id=1')
  })

  it('"Change email" drops the attempt and shows the form again', async () => {
    const fake = start()
    await toCodeScreen(fake)
    fake.flow.perform('toContactForm')
    expect(fake.passwordless.clearLoginAttempt).toHaveBeenCalled()
    expect(fake.flow.getState()).toMatchObject({ screen: 'signIn', layout: 'methods', contactInfo: undefined })
  })
})

describe('a stored attempt', () => {
  it('shows its screen on mount (a reload keeps the code screen), with the countdown from lastResend', () => {
    const fake = createFakeRecipeClient()
    fake.setAttempt(fakeAttempt({ lastResend: Date.now() - 10_000 }))
    const flow = createSignInUpFlow(fake.client, {})
    expect(flow.getState().screen).toBe('signIn')
    flow.mount()
    expect(flow.getState()).toMatchObject({ screen: 'code', cooldownSeconds: 5 })
  })

  it('is dropped when the page does not offer its channel', () => {
    const fake = createFakeRecipeClient({ contactMethod: 'EMAIL_OR_PHONE' })
    fake.setAttempt(fakeAttempt({ contactMethod: 'PHONE', contactInfo: '+33612345678' }))
    const flow = createSignInUpFlow(fake.client, { firstFactors: ['emailpassword', 'otp-email'] })
    flow.mount()
    expect(flow.getState().screen).toBe('signIn')
    expect(fake.passwordless.clearLoginAttempt).toHaveBeenCalled()
  })
})
