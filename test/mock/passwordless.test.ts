import { describe, expect, it } from 'vitest'
import type { MockBackend, MockBackendOptions } from 'authfront/mock'
import { call, front, installServer, setCookies } from './helpers'

const { useBackend } = installServer()
const WEB = 'http://localhost:3000'
const pl = { headers: { rid: 'passwordless' } }

function usePl(passwordless: MockBackendOptions['passwordless'] = {}, options: Partial<MockBackendOptions> = {}) {
  return useBackend({
    websiteDomain: WEB,
    passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK', ...passwordless },
    ...options,
  })
}

async function createCode(body: Record<string, unknown>, tenant = '') {
  const res = await call(`${tenant}/signinup/code`, {
    ...pl,
    body: { shouldTryLinkingWithSessionUser: false, ...body },
  })
  return { res, body: await res.json() }
}

function consume(body: Record<string, unknown>, tenant = '') {
  return call(`${tenant}/signinup/code/consume`, { ...pl, body: { shouldTryLinkingWithSessionUser: false, ...body } })
}

function otpOf(backend: MockBackend, to: string) {
  return backend.outbox.latest({ to, type: 'passwordless' })!.code
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0')

describe('Passwordless: create code', () => {
  it('PL-1: answers deviceId, preAuthSessionId and flowType and sends one code as OTP and link', async () => {
    const backend = usePl()
    const { res, body } = await createCode({ email: 'a@b.com' })
    expect(res.status).toBe(200)
    expect(Object.keys(body)).toEqual(['status', 'deviceId', 'preAuthSessionId', 'flowType'])
    expect(body).toMatchObject({ status: 'OK', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' })
    expect(body.deviceId).toMatch(/^[A-Za-z0-9+/]{43}=$/)
    expect(body.preAuthSessionId).toMatch(/^[\w-]{43}$/)
    expect(res.headers.get('front-token')).toBeNull()
    expect(res.headers.getSetCookie()).toEqual([])
    const message = backend.outbox.latest({ type: 'passwordless' })!
    expect(message).toMatchObject({ to: 'a@b.com', channel: 'email', tenantId: 'public', flowType: body.flowType })
    expect(message.code).toMatch(/^\d{6}$/)
    const link = new URL(message.link)
    expect(`${link.origin}${link.pathname}`).toBe(`${WEB}/auth/verify`)
    expect(link.search).toBe(`?preAuthSessionId=${body.preAuthSessionId}&tenantId=public`)
    expect(link.hash).toMatch(/^#[\w-]{43}$/)
  })

  it('sends an SMS for a phone number, normalised to E.164', async () => {
    const backend = usePl()
    const { body } = await createCode({ phoneNumber: '+1 (415) 555-0100' })
    expect(body.status).toBe('OK')
    expect(backend.outbox.latest({ type: 'passwordless' })).toMatchObject({ to: '+14155550100', channel: 'sms' })
  })

  it('PL-11: answers GENERAL_ERROR for an invalid email or phone number', async () => {
    usePl()
    expect((await createCode({ email: 'not-an-email' })).body).toEqual({
      status: 'GENERAL_ERROR',
      message: 'Email is invalid',
    })
    expect((await createCode({ phoneNumber: '12345' })).body).toEqual({
      status: 'GENERAL_ERROR',
      message: 'Phone number is invalid',
    })
  })

  it('PL-12: answers 400 for both or neither of email and phoneNumber, or the wrong contact method', async () => {
    usePl({ contactMethod: 'EMAIL' })
    const both = await createCode({ email: 'a@b.com', phoneNumber: '+14155550100' })
    expect(both.res.status).toBe(400)
    expect(both.body).toEqual({ message: 'Please provide exactly one of email or phoneNumber' })
    expect((await createCode({})).body).toEqual({ message: 'Please provide exactly one of email or phoneNumber' })
    expect((await createCode({ phoneNumber: '+14155550100' })).body).toEqual({
      message: 'Please provide an email since you have set the contactMethod to "EMAIL"',
    })
    usePl({ contactMethod: 'PHONE' })
    expect((await createCode({ email: 'a@b.com' })).body).toEqual({
      message: 'Please provide a phoneNumber since you have set the contactMethod to "PHONE"',
    })
  })

  it('PL-14: answers flowType MAGIC_LINK when only links are on', async () => {
    const backend = usePl({ flowType: 'MAGIC_LINK' })
    expect((await createCode({ email: 'a@b.com' })).body.flowType).toBe('MAGIC_LINK')
    expect(backend.outbox.latest({ type: 'passwordless' })!.flowType).toBe('MAGIC_LINK')
  })

  it('answers 404 like node without the recipe when passwordless is not configured', async () => {
    useBackend()
    expect((await call('/signinup/code', { ...pl, body: { email: 'a@b.com' } })).status).toBe(404)
  })
})

describe('Passwordless: consume', () => {
  it('PL-2: signs up with the OTP, creates a session, and signs in next time', async () => {
    const backend = usePl()
    const { body } = await createCode({ email: 'a@b.com' })
    const res = await consume({
      userInputCode: otpOf(backend, 'a@b.com'),
      deviceId: body.deviceId,
      preAuthSessionId: body.preAuthSessionId,
    })
    const json = await res.json()
    const user = backend.users.get('a@b.com')!
    expect(json).toMatchObject({
      status: 'OK',
      createdNewRecipeUser: true,
      user: { id: user.id, emails: ['a@b.com'], loginMethods: [{ recipeId: 'passwordless', email: 'a@b.com' }] },
    })
    expect(Object.keys(setCookies(res))).toEqual(['sAccessToken', 'sRefreshToken'])
    expect(front(res)!.uid).toBe(user.id)

    const second = await createCode({ email: 'a@b.com' })
    const again = await consume({
      userInputCode: otpOf(backend, 'a@b.com'),
      deviceId: second.body.deviceId,
      preAuthSessionId: second.body.preAuthSessionId,
    })
    expect(await again.json()).toMatchObject({ status: 'OK', createdNewRecipeUser: false, user: { id: user.id } })
  })

  it('PL-3: four wrong codes count up, the fifth restarts the flow and the right code no longer works', async () => {
    const backend = usePl()
    const { body } = await createCode({ email: 'a@b.com' })
    const code = otpOf(backend, 'a@b.com')
    const attempt = (userInputCode: string) =>
      consume({ userInputCode, deviceId: body.deviceId, preAuthSessionId: body.preAuthSessionId }).then((r) => r.json())
    for (let n = 1; n <= 4; n++) {
      expect(await attempt(wrongCode(code))).toEqual({
        status: 'INCORRECT_USER_INPUT_CODE_ERROR',
        failedCodeInputAttemptCount: n,
        maximumCodeInputAttempts: 5,
      })
    }
    expect(await attempt(wrongCode(code))).toEqual({ status: 'RESTART_FLOW_ERROR' })
    expect(await attempt(code)).toEqual({ status: 'RESTART_FLOW_ERROR' })
  })

  it('PL-4: an OTP older than 15 minutes is expired and counted', async () => {
    let time = Date.now()
    const backend = usePl({}, { now: () => time })
    const { body } = await createCode({ email: 'a@b.com' })
    const code = otpOf(backend, 'a@b.com')
    time += 900_000
    const res = await consume({ userInputCode: code, deviceId: body.deviceId, preAuthSessionId: body.preAuthSessionId })
    expect(await res.json()).toEqual({
      status: 'EXPIRED_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 1,
      maximumCodeInputAttempts: 5,
    })
  })

  it('PL-4: controls.passwordless.expireCodes() expires every code now', async () => {
    const backend = usePl()
    const { body } = await createCode({ email: 'a@b.com' })
    const { code, link } = backend.outbox.latest({ type: 'passwordless' })!
    backend.controls.passwordless.expireCodes()
    const res = await consume({ userInputCode: code, deviceId: body.deviceId, preAuthSessionId: body.preAuthSessionId })
    expect((await res.json()).status).toBe('EXPIRED_USER_INPUT_CODE_ERROR')
    const linkRes = await consume({ linkCode: new URL(link).hash.slice(1), preAuthSessionId: body.preAuthSessionId })
    expect(await linkRes.json()).toEqual({ status: 'RESTART_FLOW_ERROR' })
  })

  it('PL-5: resend sends a new code; the old and the new one both work until one is consumed', async () => {
    const backend = usePl()
    const { body } = await createCode({ email: 'a@b.com' })
    const first = otpOf(backend, 'a@b.com')
    const resend = await call('/signinup/code/resend', {
      ...pl,
      body: {
        deviceId: body.deviceId,
        preAuthSessionId: body.preAuthSessionId,
        shouldTryLinkingWithSessionUser: false,
      },
    })
    expect(await resend.json()).toEqual({ status: 'OK' })
    expect(backend.outbox.list()).toHaveLength(2)
    const second = otpOf(backend, 'a@b.com')
    expect(second).toMatch(/^\d{6}$/)
    const res = await consume({
      userInputCode: first,
      deviceId: body.deviceId,
      preAuthSessionId: body.preAuthSessionId,
    })
    expect((await res.json()).status).toBe('OK')
  })

  it('PL-6: resend after the flow ended restarts it; 400 without ids', async () => {
    const backend = usePl()
    const { body } = await createCode({ email: 'a@b.com' })
    await consume({
      userInputCode: otpOf(backend, 'a@b.com'),
      deviceId: body.deviceId,
      preAuthSessionId: body.preAuthSessionId,
    })
    const resend = (b: Record<string, unknown>) => call('/signinup/code/resend', { ...pl, body: b })
    expect(await (await resend({ deviceId: body.deviceId, preAuthSessionId: body.preAuthSessionId })).json()).toEqual({
      status: 'RESTART_FLOW_ERROR',
    })
    const noSession = await resend({ deviceId: body.deviceId })
    expect(noSession.status).toBe(400)
    expect(await noSession.json()).toEqual({ message: 'Please provide preAuthSessionId' })
    expect(await (await resend({ preAuthSessionId: 'p' })).json()).toEqual({ message: 'Please provide a deviceId' })
  })

  it('PL-7: the magic link signs in (no tenant segment needed) and cannot be used twice (PL-9)', async () => {
    const backend = usePl()
    const { body } = await createCode({ email: 'a@b.com' })
    const link = new URL(backend.outbox.latest({ type: 'passwordless' })!.link)
    const linkCode = link.hash.slice(1)
    const res = await consume({ linkCode, preAuthSessionId: link.searchParams.get('preAuthSessionId') })
    expect(await res.json()).toMatchObject({ status: 'OK', createdNewRecipeUser: true })
    expect(link.searchParams.get('preAuthSessionId')).toBe(body.preAuthSessionId)
    const reused = await consume({ linkCode, preAuthSessionId: body.preAuthSessionId })
    expect(await reused.json()).toEqual({ status: 'RESTART_FLOW_ERROR' })
  })

  it('PL-8: a link opened in another browser works (no stored state needed), and signing in ends other attempts', async () => {
    const backend = usePl()
    const tabA = await createCode({ email: 'a@b.com' })
    const tabACode = otpOf(backend, 'a@b.com')
    await createCode({ email: 'a@b.com' })
    const link = new URL(backend.outbox.latest({ type: 'passwordless' })!.link)
    backend.cookies.clear()
    const res = await consume({
      linkCode: link.hash.slice(1),
      preAuthSessionId: link.searchParams.get('preAuthSessionId'),
    })
    expect((await res.json()).status).toBe('OK')
    const other = await consume({
      userInputCode: tabACode,
      deviceId: tabA.body.deviceId,
      preAuthSessionId: tabA.body.preAuthSessionId,
    })
    expect(await other.json()).toEqual({ status: 'RESTART_FLOW_ERROR' })
  })

  it('PL-9: an expired link restarts the flow', async () => {
    let time = Date.now()
    const backend = usePl({}, { now: () => time })
    const { body } = await createCode({ email: 'a@b.com' })
    const link = new URL(backend.outbox.latest({ type: 'passwordless' })!.link)
    time += 900_001
    const res = await consume({ linkCode: link.hash.slice(1), preAuthSessionId: body.preAuthSessionId })
    expect(await res.json()).toEqual({ status: 'RESTART_FLOW_ERROR' })
  })

  it('PL-10: answers 400 for malformed consume bodies and 500 for a deviceId of another attempt', async () => {
    usePl()
    const { body } = await createCode({ email: 'a@b.com' })
    const expect400 = async (b: Record<string, unknown>, message: string) => {
      const res = await consume(b)
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ message })
    }
    await expect400({ linkCode: 'x' }, 'Please provide preAuthSessionId')
    const both = 'Please provide one of (linkCode) or (deviceId+userInputCode) and not both'
    await expect400({ preAuthSessionId: 'p', linkCode: 'x', deviceId: 'd', userInputCode: '1' }, both)
    await expect400({ preAuthSessionId: 'p' }, both)
    await expect400({ preAuthSessionId: 'p', deviceId: 'd' }, 'Please provide both deviceId and userInputCode')
    const other = await createCode({ email: 'c@d.com' })
    const mismatch = await consume({
      userInputCode: '000000',
      deviceId: other.body.deviceId,
      preAuthSessionId: body.preAuthSessionId,
    })
    expect(mismatch.status).toBe(500)
    expect((await consume({ linkCode: 'not base64url!', preAuthSessionId: body.preAuthSessionId })).status).toBe(500)
  })

  it('signs up a phone user with phoneNumbers and no email', async () => {
    const backend = usePl()
    const { body } = await createCode({ phoneNumber: '+14155550100' })
    const res = await consume({
      userInputCode: otpOf(backend, '+14155550100'),
      deviceId: body.deviceId,
      preAuthSessionId: body.preAuthSessionId,
    })
    expect(await res.json()).toMatchObject({
      status: 'OK',
      user: {
        emails: [],
        phoneNumbers: ['+14155550100'],
        loginMethods: [{ recipeId: 'passwordless', phoneNumber: '+14155550100' }],
      },
    })
  })
})

describe('Passwordless: exists', () => {
  it('PL-13: phonenumber/exists is lower case; the camel-case path is a 404', async () => {
    const backend = usePl()
    const check = (path: string) => call(path, pl)
    const res = await check('/passwordless/phonenumber/exists?phoneNumber=%2B14155550100')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'OK', exists: false })
    expect((await check('/passwordless/phoneNumber/exists?phoneNumber=%2B14155550100')).status).toBe(404)
    const { body } = await createCode({ phoneNumber: '+14155550100' })
    await consume({
      userInputCode: otpOf(backend, '+14155550100'),
      deviceId: body.deviceId,
      preAuthSessionId: body.preAuthSessionId,
    })
    expect(await (await check('/passwordless/phonenumber/exists?phoneNumber=%2B14155550100')).json()).toEqual({
      status: 'OK',
      exists: true,
    })
    expect(await (await check('/signup/phonenumber/exists?phoneNumber=%2B14155550100')).json()).toEqual({
      status: 'OK',
      exists: true,
    })
    expect((await check('/passwordless/phonenumber/exists')).status).toBe(400)
  })

  it('email/exists counts passwordless users only; rid tells the deprecated signup/email/exists apart', async () => {
    const backend = usePl({}, { users: [{ email: 'ep@b.com', password: 'password1' }] })
    const check = (path: string, rid: string) => call(path, { headers: { rid } }).then((r) => r.json())
    expect(await check('/passwordless/email/exists?email=ep%40b.com', 'passwordless')).toEqual({
      status: 'OK',
      exists: false,
    })
    expect(await check('/signup/email/exists?email=ep%40b.com', 'passwordless')).toEqual({
      status: 'OK',
      exists: false,
    })
    expect(await check('/signup/email/exists?email=ep%40b.com', 'emailpassword')).toEqual({
      status: 'OK',
      exists: true,
    })
    const { body } = await createCode({ email: 'pl@b.com' })
    await consume({
      userInputCode: otpOf(backend, 'pl@b.com'),
      deviceId: body.deviceId,
      preAuthSessionId: body.preAuthSessionId,
    })
    expect(await check('/passwordless/email/exists?email=PL%40b.com', 'passwordless')).toEqual({
      status: 'OK',
      exists: true,
    })
    expect(await check('/signup/email/exists?email=pl%40b.com', 'passwordless')).toEqual({ status: 'OK', exists: true })
    expect(await check('/signup/email/exists?email=pl%40b.com', 'emailpassword')).toEqual({
      status: 'OK',
      exists: false,
    })
  })
})
