/** The second-factor pages and MfaSettings (issue 17, docs/RECIPES.md §4.5–§4.7), over hand-driven fake clients. */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { AuthError } from '../../src/client/errors'
import { mfaUi } from '../../src/flows/mfa'
import { totpUi } from '../../src/flows/mfaSettings'
import { MFA_UI, TOTP_UI } from '../../src/flows/recipeUi'
import { resolveAuthRoute } from '../../src/flows'
import type { MfaFlow, MfaPage } from '../../src/flows'
import type { MfaInfo, TotpApi } from '../../src/recipes/factorTypes'
import { createFakeRecipeClient } from './fakeClient'

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(1_000_000)
})
afterEach(() => vi.useRealTimers())
// The QR encoder is a dynamic import: loaded once here, so `settle` need not wait for the file system.
beforeAll(async () => {
  await import('uqr')
})

const info = (patch: Partial<MfaInfo['factors']> = {}, emails: MfaInfo['emails'] = {}): MfaInfo => ({
  status: 'OK',
  factors: { next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'], ...patch },
  emails,
  phoneNumbers: {},
})

const URI = 'otpauth://totp/App:ada@example.com?secret=JBSWY3DPEHPK3PXP&issuer=App&digits=6&period=30'

function fakeMfa(options: { info?: MfaInfo; factors?: string[]; totp?: boolean; passwordless?: boolean } = {}) {
  const fake = createFakeRecipeClient({ thirdParty: false, passwordless: options.passwordless })
  fake.client.store.setState({ status: 'signedIn', userId: 'u1' })
  const multiFactor = {
    factors: options.factors ?? ['totp', 'otp-email', 'otp-phone'],
    getInfo: vi.fn(async () => options.info ?? info()),
    getClaim: vi.fn(),
    nextPath: vi.fn(),
  }
  const totp = {
    createDevice: vi.fn<TotpApi['createDevice']>(async () => ({
      status: 'OK',
      deviceName: 'TOTP Device 0',
      secret: 'JBSWY3DPEHPK3PXP',
      qrCodeString: URI,
    })),
    verifyDevice: vi.fn<TotpApi['verifyDevice']>(async () => ({ status: 'OK', wasAlreadyVerified: false })),
    verifyCode: vi.fn<TotpApi['verifyCode']>(async () => ({ status: 'OK' })),
    listDevices: vi.fn<TotpApi['listDevices']>(async () => ({
      status: 'OK',
      devices: [
        { name: 'phone', period: 30, skew: 1, verified: true },
        { name: 'leftover', period: 30, skew: 1, verified: false },
      ],
    })),
    removeDevice: vi.fn<TotpApi['removeDevice']>(async () => ({ status: 'OK', didDeviceExist: true })),
  }
  Object.assign(fake.client, {
    multiFactor,
    [MFA_UI]: mfaUi,
    ...(options.totp !== false && { totp, [TOTP_UI]: totpUi }),
  })
  return { ...fake, multiFactor, totp }
}

type Fake = ReturnType<typeof fakeMfa>

const open = (fake: Fake, page: MfaPage, search = '') => {
  const navigate = vi.fn()
  const flow = mfaUi.createFlow(fake.client, { page, navigate, search, idPrefix: 'af' })
  flow.mount()
  return { flow, navigate }
}

/** Lets the pending fake answers and the QR encoder's dynamic import settle. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await vi.advanceTimersByTimeAsync(0)
}

const typeCode = async (flow: MfaFlow, code: string) => {
  flow.setField('totp', code)
  await flow.submit()
  await settle()
}

describe('routes', () => {
  it('maps /mfa and the factor pages, and nothing else under /mfa', () => {
    expect(resolveAuthRoute('/auth/mfa', '/auth')).toEqual({ name: 'mfa', page: 'chooser' })
    expect(resolveAuthRoute('/auth/mfa/totp?setup=true', '/auth')).toEqual({ name: 'mfa', page: 'totp' })
    expect(resolveAuthRoute('/auth/mfa/otp-email/', '/auth')).toEqual({ name: 'mfa', page: 'otp-email' })
    expect(resolveAuthRoute('/auth/mfa/otp-phone', '/auth')).toEqual({ name: 'mfa', page: 'otp-phone' })
    expect(resolveAuthRoute('/auth/mfa/other', '/auth')).toEqual({ name: 'notFound' })
  })
})

describe('every MFA page', () => {
  it('sends a signed-out user to the auth page, keeping redirectToPath, without asking for MFA info', async () => {
    const fake = fakeMfa()
    fake.client.store.setState({ status: 'signedOut', userId: undefined })
    const { navigate } = open(fake, 'totp', '?redirectToPath=/orders')
    await settle()
    expect(navigate).toHaveBeenCalledWith('/auth?redirectToPath=%2Forders')
    expect(fake.multiFactor.getInfo).not.toHaveBeenCalled()
  })

  it('goes straight to the success redirect when no factor is needed (§4.5 step 3), unless stepUp or setup', async () => {
    const fake = fakeMfa({ info: info({ next: [], alreadySetup: ['emailpassword', 'totp'] }) })
    const { navigate } = open(fake, 'totp', '?redirectToPath=/orders')
    await settle()
    expect(navigate).toHaveBeenCalledWith('/orders')
    expect(fake.totp.verifyCode).not.toHaveBeenCalled()
    const stepUp = open(fake, 'totp', '?stepUp=true')
    await settle()
    expect(stepUp.navigate).not.toHaveBeenCalled()
    expect(stepUp.flow.getState().screen).toBe('totpVerify')
  })

  it('shows access denied with a retry when the MFA info fails (a 500 is a backend configuration error)', async () => {
    const fake = fakeMfa()
    fake.multiFactor.getInfo.mockRejectedValueOnce(new AuthError('server', 'HTTP 500'))
    const { flow } = open(fake, 'chooser')
    await settle()
    expect(flow.getState()).toMatchObject({
      screen: 'accessDenied',
      formError: 'Something went wrong. Please try again later or reload the page.',
    })
    flow.perform('retry')
    await settle()
    expect(flow.getState().screen).toBe('chooser')
  })

  it('shows "Something went wrong" on load with ?error', async () => {
    const { flow } = open(fakeMfa(), 'totp', '?error=x')
    await settle()
    expect(flow.getState().formError).toBe('Something went wrong. Please try again.')
  })
  it('focuses nothing on page load, whatever screen the page opens on (MARKUP.md "Focus")', async () => {
    const fake = fakeMfa({ info: info({ next: ['totp', 'otp-email'] }, { 'otp-email': ['ada@example.com'] }) })
    const pages = (['chooser', 'totp', 'otp-email'] as const).map((page) => open(fake, page).flow)
    fake.multiFactor.getInfo.mockRejectedValueOnce(new AuthError('network', 'offline'))
    const denied = open(fake, 'totp').flow
    await settle()
    expect([...pages, denied].map((flow) => [flow.getState().screen, flow.getState().focusRequest])).toEqual([
      ['chooser', undefined],
      ['totpSetup', undefined],
      ['code', undefined],
      ['accessDenied', undefined],
    ])
    denied.perform('retry')
    await settle()
    expect(denied.getState().focusRequest?.id).toBe('af-heading')
  })
})

describe('factor chooser', () => {
  it('lists next, intersected with the factors that have a page, as links keeping redirectToPath', async () => {
    const fake = fakeMfa({ info: info({ next: ['totp', 'otp-email', 'link-email'] }) })
    const { flow } = open(fake, 'chooser', '?redirectToPath=/orders')
    await settle()
    const state = flow.getState()
    expect(state.heading).toBe('Choose how to verify it is you')
    expect(state.actions.map((a) => [a.id, a.label, a.href])).toEqual([
      ['totp', 'Authenticator app', '/auth/mfa/totp?redirectToPath=%2Forders'],
      ['otp-email', 'Email me a code', '/auth/mfa/otp-email?redirectToPath=%2Forders'],
      ['signOut', 'Sign out', undefined],
    ])
  })

  it('prefers the n query parameter, else allowedToSetup ∪ alreadySetup when next is empty', async () => {
    const fake = fakeMfa({ info: info({ next: ['totp', 'otp-email'] }) })
    expect(
      await (async () => {
        const { flow } = open(fake, 'chooser', '?n=otp-email')
        await settle()
        return flow.getState().actions.map((a) => a.id)
      })(),
    ).toEqual(['otp-email', 'signOut'])
    fake.multiFactor.getInfo.mockResolvedValue(
      info({ next: [], allowedToSetup: ['otp-phone'], alreadySetup: ['totp'] }),
    )
    const { flow } = open(fake, 'chooser')
    await settle()
    expect(flow.getState().actions.map((a) => a.id)).toEqual(['totp', 'otp-phone', 'signOut'])
  })

  it('offers TOTP only with totp(), the email/SMS codes only with passwordless()', async () => {
    const next = info({ next: ['totp', 'otp-email', 'otp-phone'] })
    const noCodes = open(fakeMfa({ info: next, passwordless: false }), 'chooser')
    const noTotp = open(fakeMfa({ info: next, totp: false }), 'chooser')
    await settle()
    expect(noCodes.flow.getState().actions.map((a) => a.id)).toEqual(['totp', 'signOut'])
    expect(noTotp.flow.getState().actions.map((a) => a.id)).toEqual(['otp-email', 'otp-phone', 'signOut'])
  })

  it('shows access denied when no listed factor has a page', async () => {
    const fake = fakeMfa({ info: info({ next: ['link-email'] }) })
    const { flow } = open(fake, 'chooser')
    await settle()
    expect(flow.getState().formError).toBe(
      'You have no available secondary factors and cannot complete the sign-in process. Please contact support.',
    )
    fake.multiFactor.getInfo.mockResolvedValue(info({ next: [], allowedToSetup: [], alreadySetup: ['emailpassword'] }))
    const empty = open(fake, 'chooser')
    await settle()
    expect(empty.flow.getState().formError).toBe('You have no available secondary factors.')
  })

  it('navigates on a factor, and signs out to the auth page', async () => {
    const fake = fakeMfa({ info: info({ next: ['totp', 'otp-email'] }) })
    const { flow, navigate } = open(fake, 'chooser')
    await settle()
    flow.perform('otp-email')
    expect(navigate).toHaveBeenCalledWith('/auth/mfa/otp-email')
    flow.perform('signOut')
    await settle()
    expect(fake.client.session.signOut).toHaveBeenCalled()
    expect(navigate).toHaveBeenLastCalledWith('/auth')
  })
})

describe('TOTP set-up', () => {
  it('creates a device when TOTP is not set up, draws its QR code and reveals the key on request', async () => {
    const fake = fakeMfa()
    const { flow } = open(fake, 'totp')
    await settle()
    expect(fake.totp.createDevice).toHaveBeenCalledTimes(1)
    const state = flow.getState()
    expect(state).toMatchObject({ screen: 'totpSetup', heading: 'Add an authenticator app' })
    expect(state.fields.map((f) => [f.id, f.autoComplete, f.inputMode])).toEqual([['totp', 'one-time-code', 'numeric']])
    const qr = state.totpSetup?.qr
    expect(qr?.label).toBe('QR code to add this account to an authenticator app')
    // Version 5 at level M with a 2-module border.
    expect(qr?.size).toBeGreaterThan(25)
    expect(qr?.path).toMatch(/^M2 2h7v1h-7z/)
    expect(state.totpSetup?.secret).toBeUndefined()
    flow.perform('showSecret')
    expect(flow.getState().totpSetup).toMatchObject({
      reveal: undefined,
      secret: { id: 'af-secret', value: 'JBSWY3DPEHPK3PXP', copyLabel: 'Copy' },
    })
    expect(flow.getState().focusRequest?.id).toBe('af-secret')
  })

  it('copies the key and says so', async () => {
    const writeText = vi.fn(async () => {})
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    try {
      const { flow } = open(fakeMfa(), 'totp')
      await settle()
      flow.perform('showSecret')
      flow.perform('copySecret')
      await settle()
      expect(writeText).toHaveBeenCalledWith('JBSWY3DPEHPK3PXP')
      expect(flow.getState().statusMessage).toBe('Key copied.')
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('sets up a new device with setup=true even when TOTP is set up', async () => {
    const fake = fakeMfa({ info: info({ alreadySetup: ['emailpassword', 'totp'] }) })
    open(fake, 'totp', '?setup=true')
    await settle()
    expect(fake.totp.createDevice).toHaveBeenCalledTimes(1)
  })

  it('verifies the device with the typed code (spaces dropped), then the success redirect', async () => {
    const fake = fakeMfa()
    const { flow, navigate } = open(fake, 'totp', '?redirectToPath=/orders')
    await settle()
    await typeCode(flow, '123 456')
    expect(fake.totp.verifyDevice).toHaveBeenCalledWith({ deviceName: 'TOTP Device 0', totp: '123456' })
    expect(flow.getState().statusMessage).toBe('Verified. Redirecting…')
    expect(navigate).toHaveBeenCalledWith('/orders')
  })

  it('shows access denied with a retry when the device cannot be created', async () => {
    const fake = fakeMfa()
    fake.totp.createDevice.mockRejectedValueOnce(new AuthError('session', 'invalid claim'))
    const { flow } = open(fake, 'totp')
    await settle()
    expect(flow.getState()).toMatchObject({
      screen: 'accessDenied',
      formError: 'Something went wrong. Please try again later or reload the page.',
    })
    expect(flow.getState().actions.map((a) => a.id)).toEqual(['retry', 'signOut'])
    flow.perform('retry')
    await settle()
    expect(flow.getState().screen).toBe('totpSetup')
  })

  it('removes the unverified device before signing out or going back', async () => {
    const fake = fakeMfa({ info: info({ next: ['totp', 'otp-email'] }) })
    const { flow, navigate } = open(fake, 'totp')
    await settle()
    expect(flow.getState().actions.map((a) => a.id)).toEqual(['back', 'signOut'])
    flow.perform('back')
    await settle()
    expect(fake.totp.removeDevice).toHaveBeenCalledWith({ deviceName: 'TOTP Device 0' })
    expect(navigate).toHaveBeenCalledWith('/auth/mfa')
    const second = open(fake, 'totp')
    await settle()
    await second.flow.signOut()
    expect(fake.totp.removeDevice).toHaveBeenCalledTimes(2)
    expect(fake.client.session.signOut).toHaveBeenCalled()
  })

  it('hides the way back when TOTP is the only factor (docs/RECIPES.md §4.7)', async () => {
    const { flow } = open(fakeMfa(), 'totp')
    await settle()
    expect(flow.getState().actions.map((a) => a.id)).toEqual(['signOut'])
  })

  it('says the device was removed on UNKNOWN_DEVICE_ERROR', async () => {
    const fake = fakeMfa()
    fake.totp.verifyDevice.mockResolvedValueOnce({ status: 'UNKNOWN_DEVICE_ERROR' })
    const { flow } = open(fake, 'totp')
    await settle()
    await typeCode(flow, '123456')
    expect(flow.getState()).toMatchObject({
      screen: 'accessDenied',
      formError: 'The device was removed; reload to start again.',
    })
  })
})

describe('TOTP verification', () => {
  const verifyPage = async () => {
    const fake = fakeMfa({ info: info({ alreadySetup: ['emailpassword', 'totp'] }) })
    const page = open(fake, 'totp')
    await settle()
    return { fake, ...page }
  }

  it('asks for a code with verifyCode, no device created', async () => {
    const { fake, flow, navigate } = await verifyPage()
    expect(flow.getState()).toMatchObject({ screen: 'totpVerify', totpSetup: undefined })
    expect(fake.totp.createDevice).not.toHaveBeenCalled()
    await typeCode(flow, '654321')
    expect(fake.totp.verifyCode).toHaveBeenCalledWith({ totp: '654321' })
    expect(navigate).toHaveBeenCalledWith('/')
  })

  it('checks the code locally: empty, then not digits', async () => {
    const { fake, flow } = await verifyPage()
    await typeCode(flow, '')
    expect(flow.getState().fields[0]?.error).toBe('Fill in this field')
    await typeCode(flow, '12ab56')
    expect(flow.getState().fields[0]?.error).toBe('Enter the 6-digit code from your app')
    expect(fake.totp.verifyCode).not.toHaveBeenCalled()
  })

  it('shows the attempts left (max − current) on a wrong code and keeps what was typed', async () => {
    const { fake, flow } = await verifyPage()
    fake.totp.verifyCode.mockResolvedValueOnce({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 2,
      maxNumberOfFailedAttempts: 5,
    })
    await typeCode(flow, '000000')
    const state = flow.getState()
    expect(state.fields[0]?.error).toBe('That code is not right. Tries left before a short lock: 3.')
    expect(state.values.totp).toBe('000000')
    expect(state.focusRequest?.id).toBe('af-totp')
  })

  it('says the last wrong code was the last try instead of "Tries left: 0"', async () => {
    const { fake, flow } = await verifyPage()
    fake.totp.verifyCode.mockResolvedValueOnce({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 5,
      maxNumberOfFailedAttempts: 5,
    })
    await typeCode(flow, '000000')
    expect(flow.getState().fields[0]?.error).toBe(
      'That code is not right, and that was the last try: wait a few minutes before the next one.',
    )
    expect(flow.getState().values.totp).toBe('000000')
  })

  it('locks with a live countdown from retryAfterMs, then "Try again" goes back to the code', async () => {
    const { fake, flow } = await verifyPage()
    fake.totp.verifyCode.mockResolvedValueOnce({ status: 'LIMIT_REACHED_ERROR', retryAfterMs: 61_500 })
    await typeCode(flow, '000000')
    expect(flow.getState()).toMatchObject({
      screen: 'locked',
      heading: 'Account locked',
      countdown: 'Try again in 1:02',
    })
    expect(flow.getState().actions[0]).toMatchObject({ id: 'tryAgain', isDisabled: true })
    await vi.advanceTimersByTimeAsync(1_500)
    expect(flow.getState().countdown).toBe('Try again in 1:00')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(flow.getState()).toMatchObject({ countdown: undefined, statusMessage: 'You can try again now.' })
    expect(flow.getState().actions[0]?.isDisabled).toBe(false)
    flow.perform('tryAgain')
    expect(flow.getState().screen).toBe('totpVerify')
  })

  it('stops the countdown on destroy', async () => {
    const { fake, flow } = await verifyPage()
    fake.totp.verifyCode.mockResolvedValueOnce({ status: 'LIMIT_REACHED_ERROR', retryAfterMs: 5_000 })
    await typeCode(flow, '000000')
    flow.destroy()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('shows "Something went wrong" for a user without device and a thrown error', async () => {
    const { fake, flow } = await verifyPage()
    fake.totp.verifyCode.mockResolvedValueOnce({ status: 'UNKNOWN_USER_ID_ERROR' })
    await typeCode(flow, '123456')
    expect(flow.getState().formError).toBe('Something went wrong. Please try again.')
    fake.totp.verifyCode.mockRejectedValueOnce(new AuthError('network', 'offline'))
    await typeCode(flow, '123456')
    expect(flow.getState().formError).toBe('Could not reach the server. Check your connection and try again.')
  })
})

describe('email / SMS code as a second factor', () => {
  it('sends the code to the first known email with shouldTryLinkingWithSessionUser, without "Change email"', async () => {
    const fake = fakeMfa({ info: info({ next: ['otp-email'] }, { 'otp-email': ['ada@example.com', 'b@x.test'] }) })
    const { flow } = open(fake, 'otp-email')
    await settle()
    expect(fake.passwordless.createCode).toHaveBeenCalledWith({
      email: 'ada@example.com',
      shouldTryLinkingWithSessionUser: true,
      tenantId: undefined,
      redirectToPath: undefined,
    })
    const state = flow.getState()
    expect(state).toMatchObject({ screen: 'code', heading: 'Email based code' })
    expect(state.description).toBe('We sent a code to ada@example.com.')
    expect(state.actions.map((a) => a.id)).toEqual(['resendCode', 'signOut'])
  })

  it('asks for the email with setup=true, and links the code it sends', async () => {
    const fake = fakeMfa({ info: info({ next: ['otp-email'] }, { 'otp-email': ['ada@example.com'] }) })
    const { flow } = open(fake, 'otp-email', '?setup=true')
    await settle()
    expect(flow.getState().screen).toBe('contact')
    expect(fake.passwordless.createCode).not.toHaveBeenCalled()
    flow.setField('contactEmail', 'new@example.com')
    await flow.submit()
    await settle()
    expect(fake.passwordless.createCode).toHaveBeenCalledWith(
      expect.objectContaining({ email: 'new@example.com', shouldTryLinkingWithSessionUser: true }),
    )
    expect(flow.getState().actions.map((a) => a.id)).toEqual(['resendCode', 'toContactForm', 'signOut'])
  })

  it('asks for a phone number when none is known', async () => {
    const fake = fakeMfa({ info: info({ next: ['otp-phone'] }) })
    const { flow } = open(fake, 'otp-phone')
    await settle()
    expect(flow.getState()).toMatchObject({ screen: 'contact', heading: 'SMS based code' })
    expect(flow.getState().fields.map((f) => f.id)).toEqual(['contactPhone'])
  })

  it('shows a wrong code, and redirects after the right one', async () => {
    const fake = fakeMfa({ info: info({ next: ['otp-email'] }, { 'otp-email': ['ada@example.com'] }) })
    const { flow, navigate } = open(fake, 'otp-email', '?redirectToPath=/orders')
    await settle()
    fake.passwordless.consumeCode.mockResolvedValueOnce({
      status: 'INCORRECT_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 1,
      maximumCodeInputAttempts: 5,
    })
    flow.setField('code', '111111')
    await flow.submit()
    expect(flow.getState().fields[0]?.error).toBe('That code is not right. Tries left: 4.')
    fake.passwordless.consumeCode.mockResolvedValueOnce({
      status: 'OK',
      createdNewRecipeUser: false,
      user: {} as never,
      redirectToPath: undefined,
    })
    await flow.submit()
    await settle()
    expect(navigate).toHaveBeenCalledWith('/orders')
  })

  it('drops a first-factor attempt instead of showing its code screen', async () => {
    const fake = fakeMfa({ info: info({ next: ['otp-email'] }, { 'otp-email': ['ada@example.com'] }) })
    await fake.passwordless.createCode({ email: 'old@example.com' })
    open(fake, 'otp-email')
    await settle()
    expect(fake.passwordless.clearLoginAttempt).toHaveBeenCalled()
    expect(fake.passwordless.createCode).toHaveBeenLastCalledWith(
      expect.objectContaining({ email: 'ada@example.com', shouldTryLinkingWithSessionUser: true }),
    )
  })
})

describe('MfaSettings', () => {
  const settings = async () => {
    const fake = fakeMfa()
    const flow = totpUi.createSettings(fake.client, { idPrefix: 's' })
    flow.mount()
    await settle()
    return { fake, flow }
  }

  it('lists the verified devices with a Remove button each, and "Add an authenticator app"', async () => {
    const { flow } = await settings()
    expect(flow.getState()).toMatchObject({ flow: 'mfaSettings', screen: 'devices', heading: 'Two-step verification' })
    expect(flow.getState().actions.map((a) => a.label)).toEqual(['Remove phone', 'Add an authenticator app'])
  })

  it('adds a device in place and lists it after verification', async () => {
    const { fake, flow } = await settings()
    flow.perform('add')
    await settle()
    expect(flow.getState()).toMatchObject({ screen: 'totpSetup' })
    expect(flow.getState().totpSetup?.qr).toBeDefined()
    await typeCode(flow, '123456')
    expect(fake.totp.verifyDevice).toHaveBeenCalledWith({ deviceName: 'TOTP Device 0', totp: '123456' })
    expect(flow.getState()).toMatchObject({ screen: 'devices', statusMessage: 'Authenticator app added.' })
    expect(fake.totp.listDevices).toHaveBeenCalledTimes(2)
  })

  it('removes the unverified device on Cancel', async () => {
    const { fake, flow } = await settings()
    flow.perform('add')
    await settle()
    flow.perform('cancel')
    await settle()
    expect(fake.totp.removeDevice).toHaveBeenCalledWith({ deviceName: 'TOTP Device 0' })
    expect(flow.getState().screen).toBe('devices')
  })

  it('removes a device after confirmation, and shows why it could not', async () => {
    const { fake, flow } = await settings()
    flow.perform('remove:phone')
    expect(flow.getState()).toMatchObject({ screen: 'confirmRemove', heading: 'Remove phone?' })
    fake.totp.removeDevice.mockRejectedValueOnce(new AuthError('session', 'invalid claim'))
    await flow.submit()
    expect(flow.getState().formError).toBe('Complete two-step verification in this session before you remove an app.')
    expect(fake.totp.removeDevice).toHaveBeenCalledWith({ deviceName: 'phone' })
    await flow.submit()
    await settle()
    expect(flow.getState()).toMatchObject({ screen: 'devices', statusMessage: 'phone was removed.' })
  })
})
