import { describe, expect, it } from 'vitest'
import { createMockBackend, generateTotp } from 'authfront/mock'
import type { MockBackendOptions } from 'authfront/mock'
import { call, form, front, installServer } from './helpers'

const { useBackend } = installServer()
const START = Date.UTC(2026, 0, 1, 12)
const USER = { email: 'a@b.com', password: 'password1' }
const totpHeaders = { headers: { rid: 'totp' } }
const INVALID_CLAIM = { message: 'invalid claim' }
const NOT_SATISFIED = [{ id: 'st-mfa', reason: { message: 'MFA requirement for auth is not satisfied' } }]

function useTotp(multiFactor: MockBackendOptions['multiFactor'] = { requiredSecondaryFactors: ['totp'] }) {
  let now = START
  const backend = useBackend({ users: [USER], now: () => now, multiFactor })
  return { backend, advance: (ms: number) => (now += ms), now: () => now }
}

const signIn = () => call('/signin', { body: form(USER.email, USER.password) })
const totp = (path: string, body?: unknown) =>
  call(`/totp${path}`, { ...totpHeaders, ...(body === undefined ? {} : { body }) })
const json = async (response: Response) => ({ status: response.status, body: await response.json() })

function mfaOf(response: Response) {
  return front(response)?.up['st-mfa'] as { c: Record<string, number>; v: boolean } | undefined
}

/** A 6-digit code that is none of the three the device accepts now. */
async function wrongCode(secret: string, now: number) {
  const valid = await Promise.all([-30_000, 0, 30_000].map((offset) => generateTotp(secret, now + offset)))
  let candidate = 0
  while (valid.includes(String(candidate).padStart(6, '0'))) candidate += 1
  return String(candidate).padStart(6, '0')
}

describe('generateTotp (RFC 6238)', () => {
  // RFC 6238 Appendix B, SHA-1 rows: the seed is the ASCII "12345678901234567890".
  const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('T = %i s gives %s (8 digits)', async (seconds, expected) => {
    expect(await generateTotp(SEED, seconds * 1000, { digits: 8 })).toBe(expected)
  })

  it('gives the last 6 of those digits for the 6-digit codes the core uses', async () => {
    expect(await generateTotp(SEED, 59_000)).toBe('287082')
    expect(await generateTotp(SEED.toLowerCase(), 1_111_111_109_000)).toBe('081804')
  })

  it('throws for a secret that is not base32', async () => {
    await expect(generateTotp('not base32!', 0)).rejects.toThrow(/base32/)
  })
})

describe('TOTP devices', () => {
  it('MFA-3: set up a device, verify it, and the session completes MFA', async () => {
    const { backend, advance } = useTotp()
    const first = await signIn()
    const handle = front(first)!.up.sessionHandle
    const created = await json(await totp('/device', {}))
    expect(created.status).toBe(200)
    expect(Object.keys(created.body)).toEqual(['status', 'deviceName', 'secret', 'qrCodeString'])
    expect(created.body).toMatchObject({ status: 'OK', deviceName: 'TOTP Device 0' })
    expect(created.body.secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(created.body.qrCodeString).toBe(
      `otpauth://totp/authfront%20mock:a@b.com?secret=${created.body.secret}&issuer=authfront%20mock&digits=6&period=30`,
    )
    expect(await json(await totp('/device/list'))).toEqual({
      status: 200,
      body: { status: 'OK', devices: [{ name: 'TOTP Device 0', period: 30, skew: 1, verified: false }] },
    })

    advance(10_000)
    const code = await generateTotp(created.body.secret, START + 10_000)
    expect(await backend.totp.currentCode(USER.email)).toBe(code)
    const verified = await totp('/device/verify', { deviceName: 'TOTP Device 0', totp: code })
    expect(await verified.json()).toEqual({ status: 'OK', wasAlreadyVerified: false })
    expect(mfaOf(verified)).toEqual({ c: { emailpassword: START / 1000, totp: START / 1000 + 10 }, v: true })
    expect(front(verified)!.up.sessionHandle).toBe(handle)
    expect(verified.headers.getSetCookie().map((cookie) => cookie.split('=')[0])).toEqual(['sAccessToken'])
    expect((await call('/api/me')).status).toBe(200)
    expect(backend.totp.devices(USER.email)).toMatchObject([{ name: 'TOTP Device 0', verified: true }])
  })

  it('totp.secret: every new device gets the fixed key (for screenshots), and codes of that key verify it', async () => {
    const { backend } = useTotp({ requiredSecondaryFactors: ['totp'], totp: { secret: 'JBSWY3DPEHPK3PXP' } })
    await signIn()
    const created = await json(await totp('/device', {}))
    expect(created.body).toMatchObject({ status: 'OK', secret: 'JBSWY3DPEHPK3PXP' })
    expect(created.body.qrCodeString).toContain('secret=JBSWY3DPEHPK3PXP&')
    const code = await generateTotp('JBSWY3DPEHPK3PXP', START)
    expect(await backend.totp.currentCode(USER.email)).toBe(code)
    expect(await (await totp('/device/verify', { deviceName: 'TOTP Device 0', totp: code })).json()).toEqual({
      status: 'OK',
      wasAlreadyVerified: false,
    })
  })

  it('totp.secret that is not base32 fails at start-up, naming the option', () => {
    expect(() =>
      createMockBackend({ apiDomain: 'http://localhost:3001', multiFactor: { totp: { secret: 'not-base32' } } }),
    ).toThrow(/multiFactor\.totp\.secret must be base32/)
  })

  it('MFA-4: five wrong codes count up, the sixth attempt is locked out for 900 s, then a valid code works', async () => {
    const { backend, advance, now } = useTotp()
    const device = backend.totp.addDevice(USER.email)
    await signIn()
    const wrong = await wrongCode(device.secret, now())
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await json(await totp('/verify', { totp: wrong }))).toEqual({
        status: 200,
        body: { status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: attempt, maxNumberOfFailedAttempts: 5 },
      })
    }
    const valid = (await backend.totp.currentCode(USER.email))!
    expect((await json(await totp('/verify', { totp: valid }))).body).toEqual({
      status: 'LIMIT_REACHED_ERROR',
      retryAfterMs: 900_000,
    })
    // Refused attempts during the lock-out do not extend it.
    advance(600_000)
    expect((await json(await totp('/verify', { totp: wrong }))).body).toEqual({
      status: 'LIMIT_REACHED_ERROR',
      retryAfterMs: 300_000,
    })
    advance(300_000)
    const res = await totp('/verify', { totp: (await backend.totp.currentCode(USER.email))! })
    expect(await res.json()).toEqual({ status: 'OK' })
    expect(mfaOf(res)).toMatchObject({ v: true, c: { totp: (START + 900_000) / 1000 } })
  })

  it('MFA-4: failures count per user across devices and a valid code resets them', async () => {
    const { backend, now } = useTotp()
    const phone = backend.totp.addDevice(USER.email, { deviceName: 'phone' })
    backend.totp.addDevice(USER.email, { deviceName: 'laptop' })
    await signIn()
    const wrong = await wrongCode(phone.secret, now())
    await totp('/verify', { totp: wrong })
    await totp('/device', { deviceName: 'tablet' }) // 403 (setup rule): does not touch the count
    expect((await json(await totp('/verify', { totp: wrong }))).body.currentNumberOfFailedAttempts).toBe(2)
    expect(
      (await json(await totp('/verify', { totp: (await backend.totp.currentCode(USER.email, 'laptop'))! }))).body,
    ).toEqual({ status: 'OK' })
    expect((await json(await totp('/verify', { totp: wrong }))).body.currentNumberOfFailedAttempts).toBe(1)
  })

  it('refuses a valid code used once while it is still in its window (replay), and accepts ±1 step', async () => {
    const { backend, advance } = useTotp()
    const device = backend.totp.addDevice(USER.email)
    await signIn()
    const code = (await backend.totp.currentCode(USER.email))!
    expect((await json(await totp('/verify', { totp: code }))).body).toEqual({ status: 'OK' })
    expect((await json(await totp('/verify', { totp: code }))).body).toMatchObject({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 1,
    })
    // The previous and the next step's codes are accepted (skew 1); two steps back is not.
    const at = (ms: number) => generateTotp(device.secret, ms)
    expect((await json(await totp('/verify', { totp: await at(START - 30_000) }))).body).toEqual({ status: 'OK' })
    expect((await json(await totp('/verify', { totp: await at(START + 30_000) }))).body).toEqual({ status: 'OK' })
    expect((await json(await totp('/verify', { totp: await at(START - 60_000) }))).body.status).toBe(
      'INVALID_TOTP_ERROR',
    )
    // Once the clock moves on, a code of an old step is simply out of the window.
    advance(90_000)
    expect((await json(await totp('/verify', { totp: code }))).body.status).toBe('INVALID_TOTP_ERROR')
  })

  it('answers UNKNOWN_USER_ID_ERROR without devices and INVALID_TOTP_ERROR with only unverified ones', async () => {
    const { backend } = useTotp({})
    await signIn()
    expect((await json(await totp('/verify', { totp: '123456' }))).body).toEqual({ status: 'UNKNOWN_USER_ID_ERROR' })
    backend.totp.addDevice(USER.email, { verified: false })
    expect((await json(await totp('/verify', { totp: (await backend.totp.currentCode(USER.email))! }))).body).toEqual({
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: 1,
      maxNumberOfFailedAttempts: 5,
    })
  })

  it('MFA-5: a user with a verified device must complete it before adding another (403, string reason)', async () => {
    const { backend } = useTotp()
    backend.totp.addDevice(USER.email)
    await signIn()
    const res = await totp('/device', {})
    expect(res.status).toBe(403)
    expect(await res.json()).toEqual({
      ...INVALID_CLAIM,
      claimValidationErrors: [
        { id: 'st-mfa', reason: 'Completed factors in the session does not satisfy the MFA requirements for auth' },
      ],
    })
    const verify = await totp('/device/verify', { deviceName: 'TOTP Device 0', totp: '123456' })
    expect(verify.status).toBe(403)
    const info = await (
      await call('/mfa/info', { headers: { rid: 'multifactorauth' }, method: 'PUT', body: {} })
    ).json()
    expect(info.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword', 'totp'], allowedToSetup: [] })
  })

  it('MFA-6: an unverified name is replaced with a new secret; a verified one answers DEVICE_ALREADY_EXISTS_ERROR', async () => {
    const { backend, advance } = useTotp({})
    await signIn()
    const one = await json(await totp('/device', { deviceName: 'phone' }))
    const two = await json(await totp('/device', { deviceName: 'phone' }))
    expect(one.body).toMatchObject({ status: 'OK', deviceName: 'phone' })
    expect(two.body).toMatchObject({ status: 'OK', deviceName: 'phone' })
    expect(two.body.secret).not.toBe(one.body.secret)
    expect(backend.totp.devices(USER.email)).toHaveLength(1)
    // The first secret's code is no longer accepted.
    const stale = await generateTotp(one.body.secret, START)
    const fresh = await generateTotp(two.body.secret, START)
    if (stale !== fresh) {
      expect((await json(await totp('/device/verify', { deviceName: 'phone', totp: stale }))).body.status).toBe(
        'INVALID_TOTP_ERROR',
      )
    }
    advance(1000)
    expect((await json(await totp('/device/verify', { deviceName: 'phone', totp: fresh }))).body).toEqual({
      status: 'OK',
      wasAlreadyVerified: false,
    })
    expect((await json(await totp('/device', { deviceName: 'phone' }))).body).toEqual({
      status: 'DEVICE_ALREADY_EXISTS_ERROR',
    })
    expect((await json(await totp('/device/verify', { deviceName: 'phone', totp: '000000' }))).body).toEqual({
      status: 'OK',
      wasAlreadyVerified: true,
    })
    // Unnamed devices are numbered after the verified ones.
    expect((await json(await totp('/device', {}))).body.deviceName).toBe('TOTP Device 1')
  })

  it('MFA-7: removing a verified device needs completed MFA; an unknown name did not exist', async () => {
    const { backend } = useTotp()
    backend.totp.addDevice(USER.email, { deviceName: 'phone' })
    await signIn()
    const refused = await totp('/device/remove', { deviceName: 'phone' })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({ ...INVALID_CLAIM, claimValidationErrors: NOT_SATISFIED })
    expect(backend.totp.devices(USER.email)).toHaveLength(1)

    await totp('/verify', { totp: (await backend.totp.currentCode(USER.email))! })
    expect((await json(await totp('/device/remove', { deviceName: 'phone' }))).body).toEqual({
      status: 'OK',
      didDeviceExist: true,
    })
    expect((await json(await totp('/device/remove', { deviceName: 'phone' }))).body).toEqual({
      status: 'OK',
      didDeviceExist: false,
    })
  })

  it('MFA-7: an unverified device can be removed while MFA is still owed', async () => {
    const { backend } = useTotp()
    await signIn()
    await totp('/device', {})
    expect((await json(await totp('/device/remove', { deviceName: 'TOTP Device 0' }))).body).toEqual({
      status: 'OK',
      didDeviceExist: true,
    })
    expect(backend.totp.devices(USER.email)).toEqual([])
  })

  it('MFA-14: malformed input answers 500 (node throws plain Errors), not 400', async () => {
    useTotp({})
    await signIn()
    for (const [path, body] of [
      ['/verify', {}],
      ['/verify', { totp: 123456 }],
      ['/device', { deviceName: 7 }],
      ['/device/verify', { totp: '123456' }],
      ['/device/verify', { deviceName: 'phone' }],
      ['/device/remove', { deviceName: '' }],
      ['/device/remove', {}],
    ] as const) {
      const res = await totp(path, body)
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(500)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
    }
  })

  it('answers 401 without a session on every TOTP endpoint', async () => {
    useTotp()
    for (const [path, body] of [
      ['/device/list', undefined],
      ['/device', {}],
      ['/device/verify', { deviceName: 'x', totp: '123456' }],
      ['/verify', { totp: '123456' }],
      ['/device/remove', { deviceName: 'x' }],
    ] as const) {
      const res = await totp(path, body)
      expect(res.status, path).toBe(401)
      expect(await res.json()).toEqual({ message: 'unauthorised' })
    }
  })
})

describe('TOTP controls', () => {
  it('controls.totp.lockOut locks the user out at once', async () => {
    const { backend } = useTotp()
    backend.totp.addDevice(USER.email)
    await signIn()
    backend.controls.totp.lockOut(USER.email)
    expect((await json(await totp('/verify', { totp: (await backend.totp.currentCode(USER.email))! }))).body).toEqual({
      status: 'LIMIT_REACHED_ERROR',
      retryAfterMs: 900_000,
    })
  })

  it('controls.totp.removeDevice: a device removed before verification answers UNKNOWN_DEVICE_ERROR', async () => {
    const { backend } = useTotp()
    await signIn()
    const created = await json(await totp('/device', {}))
    const code = await generateTotp(created.body.secret, START)
    backend.controls.totp.removeDevice(USER.email, 'TOTP Device 0')
    expect((await json(await totp('/device/verify', { deviceName: 'TOTP Device 0', totp: code }))).body).toEqual({
      status: 'UNKNOWN_DEVICE_ERROR',
    })
    expect(await backend.totp.currentCode(USER.email)).toBeUndefined()
  })

  it('devices, lock-outs and runtime requirements survive a reload with persistence', async () => {
    const items = new Map<string, string>()
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    }
    const options = { users: [USER], now: () => START, multiFactor: {}, persistence: { storage } }
    const before = useBackend(options)
    const device = before.totp.addDevice(USER.email)
    before.controls.totp.lockOut(USER.email)
    before.controls.multiFactor.require(['totp'])

    const after = useBackend(options)
    expect(after.totp.devices(USER.email)).toEqual([device])
    expect(await after.totp.currentCode(USER.email)).toBe(await generateTotp(device.secret, START))
    expect(mfaOf(await signIn())).toMatchObject({ v: false })
    expect((await json(await totp('/verify', { totp: '123456' }))).body.status).toBe('LIMIT_REACHED_ERROR')
  })

  it('backend.totp.addDevice refuses a second verified device of the same name', () => {
    const { backend } = useTotp()
    backend.totp.addDevice(USER.email, { deviceName: 'phone' })
    expect(() => backend.totp.addDevice(USER.email, { deviceName: 'phone' })).toThrow(/already has/)
  })
})
