/**
 * MultiFactorAuth with TOTP against a real supertokens-node backend, set up as node's docs show for "TOTP for every
 * user" (email and password first, `getMFARequirementsForAuth` asking for `totp`), driven by authfront's
 * `multiFactor()` and `totp()` plugins. The authenticator app is `generateTotp` over the secret node handed out.
 */
import { afterEach, describe, expect, test, vi } from 'vitest'
import { multiFactor, totp } from 'authfront'
import { generateTotp } from 'authfront/mock'
import { openTab, signUp, useRealBackend } from './setup'

const backend = useRealBackend({ mfa: true })
afterEach(() => {
  vi.restoreAllMocks()
})

const wrong = (code: string) => (code === '000000' ? '111111' : '000000')

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('password, then TOTP: the claim and the API ask for it; enrol, verify, and sign in again with both', async () => {
    const tab = openTab(backend.app, { mode, recipes: [multiFactor(), totp()] })
    const { email } = await signUp(tab, 'mfa')
    expect(await tab.client.multiFactor.getClaim()).toMatchObject({ satisfied: false })
    expect((await tab.client.session.validateClaims()).map((error) => error.id)).toEqual(['st-mfa'])

    const refused = await tab.client.doFetch(`${backend.app.url}/api/me`)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({
      message: 'invalid claim',
      claimValidationErrors: [{ id: 'st-mfa', reason: { message: 'MFA requirement for auth is not satisfied' } }],
    })
    // Node's claim: completed factors with their time in seconds, and no `t` (unlike st-ev).
    expect((await tab.client.session.getAccessTokenPayload())['st-mfa']).toEqual({
      c: { emailpassword: expect.any(Number) },
      v: false,
    })
    expect(tab.eventTypes()).toContain('API_INVALID_CLAIM')
    expect(await tab.client.multiFactor.getInfo()).toMatchObject({
      status: 'OK',
      factors: { next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] },
    })

    const device = await tab.client.totp.createDevice()
    if (device.status !== 'OK') throw new Error(`no device: ${device.status}`)
    expect(device.qrCodeString).toContain(`secret=${device.secret}`)
    const code = await generateTotp(device.secret, Date.now())
    expect(await tab.client.totp.verifyDevice({ deviceName: device.deviceName, totp: wrong(code) })).toEqual({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 1,
      maxNumberOfFailedAttempts: 5,
    })
    expect(await tab.client.totp.verifyDevice({ deviceName: device.deviceName, totp: code })).toEqual({
      status: 'OK',
      wasAlreadyVerified: false,
    })
    expect(await tab.client.multiFactor.getClaim()).toMatchObject({ satisfied: true })
    expect(await tab.client.session.validateClaims()).toEqual([])
    expect((await tab.client.doFetch(`${backend.app.url}/api/me`)).status).toBe(200)

    // Later: password first, then a code from the app (a fresh time step: the core takes each code once).
    await tab.client.session.signOut()
    expect((await tab.client.emailPassword.signIn({ email, password: 'password1' })).status).toBe('OK')
    expect(await tab.client.multiFactor.getClaim()).toMatchObject({ satisfied: false })
    expect((await tab.client.doFetch(`${backend.app.url}/api/me`)).status).toBe(403)
    // The enrolment code is still in its time window, but spent.
    expect(await tab.client.totp.verifyCode({ totp: code })).toEqual({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 1,
      maxNumberOfFailedAttempts: 5,
    })
    const now = Date.now.bind(Date)
    vi.spyOn(Date, 'now').mockImplementation(() => now() + 60_000)
    const later = await generateTotp(device.secret, Date.now())
    expect(await tab.client.totp.verifyCode({ totp: wrong(later) })).toEqual({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 2,
      maxNumberOfFailedAttempts: 5,
    })
    expect(await tab.client.totp.verifyCode({ totp: later })).toEqual({ status: 'OK' })
    expect(await tab.client.multiFactor.getClaim()).toMatchObject({ satisfied: true })
    expect((await tab.client.doFetch(`${backend.app.url}/api/me`)).status).toBe(200)
  })
})

test('five wrong codes in a row lock TOTP: even the right code is LIMIT_REACHED_ERROR, with the wait', async () => {
  const tab = openTab(backend.app, { mode: 'cookie', recipes: [multiFactor(), totp()] })
  await signUp(tab, 'mfa-lock')
  const device = await tab.client.totp.createDevice()
  if (device.status !== 'OK') throw new Error(`no device: ${device.status}`)
  await tab.client.totp.verifyDevice({
    deviceName: device.deviceName,
    totp: await generateTotp(device.secret, Date.now()),
  })
  const now = Date.now.bind(Date)
  vi.spyOn(Date, 'now').mockImplementation(() => now() + 60_000)
  const code = await generateTotp(device.secret, Date.now())
  for (const failed of [1, 2, 3, 4, 5]) {
    expect(await tab.client.totp.verifyCode({ totp: wrong(code) })).toEqual({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: failed,
      maxNumberOfFailedAttempts: 5,
    })
  }
  const locked = await tab.client.totp.verifyCode({ totp: code })
  expect(locked).toEqual({ status: 'LIMIT_REACHED_ERROR', retryAfterMs: expect.any(Number) })
  // 15 minutes from the last failure.
  expect(locked.status === 'LIMIT_REACHED_ERROR' && locked.retryAfterMs).toBeGreaterThan(14 * 60_000)
})
