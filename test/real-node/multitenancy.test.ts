/**
 * A second tenant with a real supertokens-node backend: the stand-in core has a tenant `corp` whose first factors are
 * restricted to social sign-in and email codes, with the `acme` provider renamed in the core's tenant config. Node
 * derives the tenant's login methods from that, and answers recipe calls under `/auth/corp/…` for that tenant.
 */
import { beforeAll, expect, test } from 'vitest'
import { createMemoryStorage, multitenancy, passwordless, thirdParty } from 'authfront'
import { freshEmail, openTab, useRealBackend } from './setup'

const backend = useRealBackend()
beforeAll(() => {
  backend.core.tenants.set('corp', {
    thirdParty: { providers: [{ thirdPartyId: 'acme', name: 'Acme SSO' }] },
    firstFactors: ['thirdparty', 'otp-email'],
  })
})

function tenantTab() {
  const navigated: string[] = []
  const tab = openTab(backend.app, {
    mode: 'cookie',
    recipes: [
      multitenancy(),
      passwordless({ contactMethod: 'EMAIL_OR_PHONE' }),
      thirdParty({ providers: ['acme'], storage: createMemoryStorage(), navigate: (url) => navigated.push(url) }),
    ],
  })
  return { ...tab, navigated }
}

test("a tenant's login methods: node's flat answer from the core's first factors and provider config", async () => {
  const tab = tenantTab()
  expect(await tab.client.getLoginMethods({ tenantId: 'corp' })).toEqual({
    status: 'OK',
    firstFactors: ['thirdparty', 'otp-email'],
    providers: [{ id: 'acme', name: 'Acme SSO' }],
  })
  expect(tab.requests).toEqual(['GET /auth/corp/loginmethods'])
  expect(backend.core.calls).toContain('GET /corp/recipe/multitenancy/tenant/v2')
  // A tenant the core does not have: node fails the request, and the client says so with a typed error.
  await expect(tab.client.getLoginMethods({ tenantId: 'nowhere' })).rejects.toMatchObject({ kind: 'server' })
})

test('an email code in the tenant signs the user in to that tenant, apart from the same address in public', async () => {
  const tab = tenantTab()
  const email = freshEmail('tenant')
  // The tenant allows email codes but not links: node says so, and sends a code only.
  expect(await tab.client.passwordless.createCode({ email, tenantId: 'corp' })).toMatchObject({
    status: 'OK',
    attempt: { flowType: 'USER_INPUT_CODE', tenantId: 'corp' },
  })
  expect(tab.requests).toEqual(['POST /auth/corp/signinup/code'])
  const sent = backend.app.outbox.filter((message) => message.to === email).at(-1)!
  expect(sent).toMatchObject({ code: expect.stringMatching(/^\d{6}$/), link: undefined })
  const inCorp = await tab.client.passwordless.consumeCode({ userInputCode: sent.code ?? '' })
  expect(inCorp).toMatchObject({ status: 'OK', createdNewRecipeUser: true, user: { tenantIds: ['corp'] } })
  expect(tab.requests.at(-1)).toBe('POST /auth/corp/signinup/code/consume')
  expect((await tab.client.session.getAccessTokenPayload()).tId).toBe('corp')

  // The same address in the public tenant is another user.
  await tab.client.session.signOut()
  await tab.client.passwordless.createCode({ email })
  const sentPublic = backend.app.outbox.filter((message) => message.to === email).at(-1)!
  const inPublic = await tab.client.passwordless.consumeCode({ userInputCode: sentPublic.code ?? '' })
  expect(inPublic).toMatchObject({ status: 'OK', createdNewRecipeUser: true, user: { tenantIds: ['public'] } })
  expect(inPublic.status === 'OK' && inCorp.status === 'OK' && inPublic.user.id !== inCorp.user.id).toBe(true)
})

test('social sign-in in the tenant: the state keeps the tenant, and the callback signs in there', async () => {
  const tab = tenantTab()
  backend.provider.nextAccount({ sub: 'corp-user', email: freshEmail('corp'), emailVerified: true })
  expect(await tab.client.thirdParty.redirectToProvider('acme', { tenantId: 'corp' })).toEqual({ status: 'OK' })
  const redirect = await fetch(tab.navigated[0]!, { redirect: 'manual' })
  const result = await tab.client.thirdParty.handleCallback({ url: redirect.headers.get('location') ?? '' })
  expect(result).toMatchObject({ status: 'OK', createdNewRecipeUser: true, user: { tenantIds: ['corp'] } })
  expect(tab.requests).toEqual(['GET /auth/corp/authorisationurl', 'POST /auth/corp/signinup'])
  expect((await tab.client.session.getAccessTokenPayload()).tId).toBe('corp')
})

test('a first factor the tenant does not allow (codes by text message) is refused by node: a typed 401', async () => {
  const tab = tenantTab()
  await expect(
    tab.client.passwordless.createCode({ phoneNumber: '+14155559999', tenantId: 'corp' }),
  ).rejects.toMatchObject({ kind: 'session', response: { status: 401 } })
  expect(backend.app.outbox.filter((message) => message.to === '+14155559999')).toEqual([])
  expect(tab.client.passwordless.getLoginAttempt()).toBeUndefined()
  expect(await tab.client.session.exists()).toBe(false)
})
