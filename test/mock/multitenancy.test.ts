import { describe, expect, it } from 'vitest'
import type { MockBackendOptions } from 'authfront/mock'
import { call, form, installServer } from './helpers'

const { useBackend } = installServer()
const mt = { headers: { rid: 'multitenancy' } }

const everything: Partial<MockBackendOptions> = {
  thirdParty: { providers: ['google', { id: 'okta-acme', name: 'Acme SSO' }, { id: 'nameless' }] },
  passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
}

const loginMethods = (tenant = '', query = '') => call(`${tenant}/loginmethods${query}`, mt)

describe('Multitenancy: loginmethods', () => {
  it('MT-1: the public tenant gets node 24 flat shape computed from the enabled recipes', async () => {
    useBackend(everything)
    const res = await loginMethods()
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      status: 'OK',
      emailPassword: { enabled: true },
      thirdParty: {
        enabled: true,
        providers: [{ id: 'google', name: 'Google' }, { id: 'okta-acme', name: 'Acme SSO' }, { id: 'nameless' }],
      },
      webauthn: { enabled: false },
      passwordless: { enabled: true },
      firstFactors: ['emailpassword', 'thirdparty', 'otp-email', 'otp-phone', 'link-email', 'link-phone'],
    })
  })

  it('MT-1: an EmailPassword-only backend lists just emailpassword', async () => {
    useBackend()
    expect(await (await loginMethods()).json()).toEqual({
      status: 'OK',
      emailPassword: { enabled: true },
      thirdParty: { enabled: false, providers: [] },
      webauthn: { enabled: false },
      passwordless: { enabled: false },
      firstFactors: ['emailpassword'],
    })
  })

  it('MT-8: a named tenant gets its own factors and providers (MT-9: clientType accepted)', async () => {
    useBackend({
      ...everything,
      passwordless: { contactMethod: 'EMAIL', flowType: 'MAGIC_LINK' },
      tenants: { t1: { firstFactors: ['thirdparty', 'link-email', 'otp-phone'], providers: ['google', 'okta-acme'] } },
    })
    expect(await (await loginMethods('/t1', '?clientType=web')).json()).toEqual({
      status: 'OK',
      emailPassword: { enabled: false },
      thirdParty: {
        enabled: true,
        providers: [
          { id: 'google', name: 'Google' },
          { id: 'okta-acme', name: 'Acme SSO' },
        ],
      },
      webauthn: { enabled: false },
      passwordless: { enabled: true },
      firstFactors: ['thirdparty', 'link-email'],
    })
  })

  it('MT-4: an unknown tenant answers 500 on loginmethods and on recipe calls under its segment', async () => {
    useBackend({ ...everything, tenants: { t1: {} } })
    const res = await loginMethods('/nope')
    expect(res.status).toBe(500)
    expect(await res.text()).toContain('Tenant not found')
    expect((await call('/nope/signin', { body: form('a@b.com', 'password1') })).status).toBe(500)
    expect((await call('/nope/signinup/code', { body: { email: 'a@b.com' } })).status).toBe(500)
    expect((await call('/nope/authorisationurl?thirdPartyId=google&redirectURIOnProviderDashboard=x')).status).toBe(500)
    expect((await loginMethods('/t1')).status).toBe(200)
    expect((await loginMethods('/public')).status).toBe(200)
  })

  it('without a tenants option every tenant exists (as before multitenancy was modelled)', async () => {
    useBackend()
    expect((await loginMethods('/anything')).status).toBe(200)
  })
})

describe('Multitenancy: first factors the tenant does not allow', () => {
  const restricted: Partial<MockBackendOptions> = {
    ...everything,
    users: [{ email: 'ada@example.com', password: 'password1', tenantIds: ['t2'] }],
    tenants: { t2: { firstFactors: ['emailpassword'] }, t3: { firstFactors: ['otp-email'] } },
  }

  const expectUnauthorised = async (res: Response) => {
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ message: 'unauthorised' })
    expect(res.headers.get('front-token')).toBe('remove')
    expect(res.headers.getSetCookie().some((cookie) => cookie.startsWith('sAccessToken=;'))).toBe(true)
  }

  it('MT-5: passwordless createCode on a tenant without it answers 401 with clearing headers', async () => {
    useBackend(restricted)
    await expectUnauthorised(
      await call('/t2/signinup/code', { body: { email: 'a@b.com', shouldTryLinkingWithSessionUser: false } }),
    )
    expect((await call('/t2/signin', { body: form('ada@example.com', 'password1') })).status).toBe(200)
  })

  it('MT-5: ThirdParty signinup and EmailPassword sign-in/up answer 401 when not allowed', async () => {
    useBackend(restricted)
    await expectUnauthorised(
      await call('/t3/signinup', {
        body: {
          thirdPartyId: 'google',
          redirectURIInfo: { redirectURIOnProviderDashboard: 'x', redirectURIQueryParams: {} },
        },
      }),
    )
    await expectUnauthorised(await call('/t3/signin', { body: form('ada@example.com', 'password1') }))
    await expectUnauthorised(await call('/t3/signup', { body: form('new@example.com', 'password1') }))
  })

  it('MT-5: a tenant allowing only the OTP gets flowType USER_INPUT_CODE and a 401 for a link consume', async () => {
    const backend = useBackend(restricted)
    const created = await (await call('/t3/signinup/code', { body: { email: 'a@b.com' } })).json()
    expect(created).toMatchObject({ status: 'OK', flowType: 'USER_INPUT_CODE' })
    const link = new URL(backend.outbox.latest({ type: 'passwordless' })!.link)
    await expectUnauthorised(
      await call('/t3/signinup/code/consume', {
        body: { linkCode: link.hash.slice(1), preAuthSessionId: created.preAuthSessionId },
      }),
    )
  })

  it('MT-7: a magic link for t1 carries tenantId=t1 and consumes under /t1 only', async () => {
    const backend = useBackend({ ...everything, tenants: { t1: {} } })
    const created = await (await call('/t1/signinup/code', { body: { email: 'a@b.com' } })).json()
    const message = backend.outbox.latest({ type: 'passwordless' })!
    expect(message.tenantId).toBe('t1')
    const link = new URL(message.link)
    expect(link.searchParams.get('tenantId')).toBe('t1')
    const body = { linkCode: link.hash.slice(1), preAuthSessionId: created.preAuthSessionId }
    expect(await (await call('/signinup/code/consume', { body })).json()).toEqual({ status: 'RESTART_FLOW_ERROR' })
    expect(await (await call('/t1/signinup/code/consume', { body })).json()).toMatchObject({
      status: 'OK',
      user: { tenantIds: ['t1'] },
    })
  })
})
