import { describe, expect, it } from 'vitest'
import { call, form, front, installServer } from './helpers'

const { useBackend } = installServer()

function linkParams(link: string) {
  const url = new URL(link)
  return {
    origin: url.origin,
    path: url.pathname,
    token: url.searchParams.get('token')!,
    tenantId: url.searchParams.get('tenantId'),
  }
}

describe('email verification link', () => {
  it('is sent, followed to completion, and single-use', async () => {
    const backend = useBackend({
      emailVerification: 'required',
      websiteDomain: 'http://localhost:3000',
      websiteBasePath: '/account',
    })
    const seen: string[] = []
    backend.outbox.subscribe((email) => seen.push(email.type))
    await call('/signup', { body: form('ada@example.com', 'password1') })
    const sent = await call('/user/email/verify/token', { body: {}, headers: { rid: 'emailverification' } })
    expect(await sent.json()).toEqual({ status: 'OK' })
    const email = backend.outbox.latest({ to: 'ada@example.com', type: 'verify-email' })!
    expect(seen).toEqual(['verify-email'])
    const link = linkParams(email.link)
    expect(link).toMatchObject({ origin: 'http://localhost:3000', path: '/account/verify-email', tenantId: 'public' })
    expect(email.link).toBe(`http://localhost:3000/account/verify-email?token=${email.token}&tenantId=public`)

    const verified = await call('/user/email/verify', {
      body: { method: 'token', token: link.token },
      headers: { rid: 'emailverification' },
    })
    expect(await verified.json()).toEqual({ status: 'OK' })
    // The caller's own session gets the new claim right away.
    expect(front(verified)!.up['st-ev']).toMatchObject({ v: true })
    expect(backend.users.get('ada@example.com')?.verified).toBe(true)
    expect((await call('/api/me')).status).toBe(200)

    const reused = await call('/user/email/verify', { body: { method: 'token', token: link.token } })
    expect(await reused.json()).toEqual({ status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' })
    const check = await call('/user/email/verify')
    expect(await check.json()).toEqual({ status: 'OK', isVerified: true })
  })

  it('works without a session, and rejects malformed tokens with 400', async () => {
    const backend = useBackend({
      emailVerification: 'optional',
      users: [{ email: 'ada@example.com', password: 'password1' }],
    })
    backend.sessions.create('ada@example.com')
    await call('/user/email/verify/token', { body: {} })
    const { token } = backend.outbox.latest({ type: 'verify-email' })!
    backend.cookies.clear()
    const res = await call('/user/email/verify', { body: { method: 'token', token } })
    expect(await res.json()).toEqual({ status: 'OK' })
    expect(res.headers.get('front-token')).toBeNull()
    const missing = await call('/user/email/verify', { body: { method: 'token' } })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ message: 'Please provide the email verification token' })
    const wrongType = await call('/user/email/verify', { body: { method: 'token', token: 5 } })
    expect(await wrongType.json()).toEqual({ message: 'The email verification token must be a string' })
  })

  it('needs a session to send the email', async () => {
    useBackend({ emailVerification: 'optional' })
    const res = await call('/user/email/verify/token', { body: {} })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'unauthorised' })
  })
})

describe('password reset link', () => {
  it('is sent for known emails only, followed to completion, and single-use (case 23)', async () => {
    const backend = useBackend({ users: [{ email: 'ada@example.com', password: 'password1' }] })
    const unknown = await call('/user/password/reset/token', {
      body: { formFields: [{ id: 'email', value: 'bob@example.com' }] },
    })
    expect(await unknown.json()).toEqual({ status: 'OK' })
    expect(backend.outbox.list()).toEqual([])

    const res = await call('/user/password/reset/token', {
      body: { formFields: [{ id: 'email', value: 'ada@example.com' }] },
    })
    expect(await res.json()).toEqual({ status: 'OK' })
    const email = backend.outbox.latest({ type: 'reset-password' })!
    expect(email.to).toBe('ada@example.com')
    expect(email.link).toBe(`http://localhost:3001/auth/reset-password?token=${email.token}&tenantId=public`)

    const tooMany = await call('/user/password/reset', {
      body: {
        method: 'token',
        token: email.token,
        formFields: [
          { id: 'password', value: 'newpass12' },
          { id: 'confirmPassword', value: 'newpass12' },
        ],
      },
    })
    expect(tooMany.status).toBe(400)
    expect(await tooMany.json()).toEqual({ message: 'Are you sending too many formFields?' })

    const weak = await call('/user/password/reset', {
      body: { method: 'token', token: email.token, formFields: [{ id: 'password', value: 'weak' }] },
    })
    expect(await weak.json()).toEqual({
      status: 'FIELD_ERROR',
      formFields: [{ id: 'password', error: 'Password must contain at least 8 characters, including a number' }],
    })

    const reset = await call('/user/password/reset', {
      body: { method: 'token', token: email.token, formFields: [{ id: 'password', value: 'newpass12' }] },
    })
    expect(await reset.json()).toEqual({ status: 'OK' })
    expect(reset.headers.get('front-token')).toBeNull()
    const reused = await call('/user/password/reset', {
      body: { method: 'token', token: email.token, formFields: [{ id: 'password', value: 'other1234' }] },
    })
    expect(await reused.json()).toEqual({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' })

    expect(await (await call('/signin', { body: form('ada@example.com', 'password1') })).json()).toEqual({
      status: 'WRONG_CREDENTIALS_ERROR',
    })
    expect((await (await call('/signin', { body: form('ada@example.com', 'newpass12') })).json()).status).toBe('OK')
  })

  it('validates its inputs', async () => {
    useBackend()
    const bad = await call('/user/password/reset/token', { body: { formFields: [{ id: 'email', value: 'nope' }] } })
    expect(await bad.json()).toEqual({
      status: 'FIELD_ERROR',
      formFields: [{ id: 'email', error: 'Email is invalid' }],
    })
    const noToken = await call('/user/password/reset', {
      body: { method: 'token', formFields: [{ id: 'password', value: 'newpass12' }] },
    })
    expect(noToken.status).toBe(400)
    expect(await noToken.json()).toEqual({ message: 'Please provide the password reset token' })
  })

  it('expires after an hour and uses the tenant of the request', async () => {
    let time = Date.UTC(2026, 0, 1)
    const backend = useBackend({
      now: () => time,
      users: [{ email: 'ada@example.com', password: 'password1', tenantIds: ['acme'] }],
    })
    await call('/acme/user/password/reset/token', { body: { formFields: [{ id: 'email', value: 'ada@example.com' }] } })
    const email = backend.outbox.latest({ type: 'reset-password' })!
    expect(email.link).toContain('&tenantId=acme')
    const wrongTenant = await call('/user/password/reset', {
      body: { method: 'token', token: email.token, formFields: [{ id: 'password', value: 'newpass12' }] },
    })
    expect(await wrongTenant.json()).toEqual({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' })
    time += 3600 * 1000 + 1
    const late = await call('/acme/user/password/reset', {
      body: { method: 'token', token: email.token, formFields: [{ id: 'password', value: 'newpass12' }] },
    })
    expect(await late.json()).toEqual({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' })
    backend.outbox.clear()
    expect(backend.outbox.list()).toEqual([])
  })
})
