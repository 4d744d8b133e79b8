/**
 * ThirdParty, Passwordless and login methods end to end against the shipped mock (authfront/mock): the client and
 * the mock are independent implementations of docs/RECIPES.md, so these journeys check that both agree.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
  createAuthClient,
  createMemoryCookieJar,
  createMemoryStorage,
  multitenancy,
  passwordless,
  thirdParty,
} from 'authfront'
import type { AuthEvent, TokenTransferMethod } from 'authfront'
import { createMockBackend } from 'authfront/mock'

const API = 'http://recipes-mock.test'
const SITE = 'http://site-mock.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function setup(mode: TokenTransferMethod) {
  const backend = createMockBackend({
    apiDomain: API,
    websiteDomain: SITE,
    thirdParty: { providers: ['google', 'github'] },
    passwordless: { contactMethod: 'EMAIL_OR_PHONE' },
    tenants: { acme: { firstFactors: ['thirdparty'], providers: ['github'] } },
  })
  server.use(...backend.handlers)
  const navigated: string[] = []
  const auth = createAuthClient({
    apiDomain: API,
    websiteDomain: SITE,
    tokenTransferMethod: mode,
    platform: { cookies: createMemoryCookieJar(), storage: createMemoryStorage(), broadcast: () => undefined },
    recipes: [
      thirdParty({
        providers: ['google', 'github'],
        storage: createMemoryStorage(),
        navigate: (url) => navigated.push(url),
      }),
      passwordless({ contactMethod: 'EMAIL_OR_PHONE' }),
      multitenancy(),
    ],
  })
  const events: AuthEvent['type'][] = []
  auth.on('*', (event) => events.push(event.type))
  return { backend, auth, navigated, events }
}

/** What a user does on the fake provider's page: pick the first account (or cancel), landing on the callback URL. */
function consent(backend: ReturnType<typeof setup>['backend'], url: string, choice: 'account' | 'cancel' = 'account') {
  const page = backend.providerPage(url)
  if (page?.kind !== 'consent') throw new Error(`no consent page for ${url}: ${JSON.stringify(page)}`)
  return choice === 'cancel' ? page.cancelHref : page.accounts[0]!.href
}

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('social sign-in: provider page → callback → signed in; reloading the callback cannot replay the code', async () => {
    const { backend, auth, navigated, events } = setup(mode)
    expect(await auth.thirdParty.redirectToProvider('google', { redirectToPath: '/orders' })).toEqual({ status: 'OK' })
    const callback = consent(backend, navigated[0]!)
    expect(callback.startsWith(`${SITE}/auth/callback/google?`)).toBe(true)
    const result = await auth.thirdParty.handleCallback({ url: callback })
    expect(result).toMatchObject({ status: 'OK', createdNewRecipeUser: true, redirectToPath: '/orders' })
    expect(result.status === 'OK' && result.user.emails).toEqual(['ada.google@example.com'])
    expect(events).toEqual(['SESSION_CREATED'])
    expect(await auth.session.exists()).toBe(true)
    // A reload runs a fresh callback for the same URL: the state was consumed, so no code goes out again.
    const again = createAuthClient({ apiDomain: API, recipes: [thirdParty({ providers: ['google'] })] })
    expect(await again.thirdParty.handleCallback({ url: callback })).toEqual({ status: 'STATE_MISSING' })
  })

  test('social sign-in cancelled at the provider, and a provider that gives no email', async () => {
    const { backend, auth, navigated } = setup(mode)
    await auth.thirdParty.redirectToProvider('github')
    expect(await auth.thirdParty.handleCallback({ url: consent(backend, navigated[0]!, 'cancel') })).toMatchObject({
      status: 'PROVIDER_ERROR',
      error: 'access_denied',
    })
    backend.controls.thirdParty.nextConsent('noEmail')
    await auth.thirdParty.redirectToProvider('github')
    expect(await auth.thirdParty.handleCallback({ url: consent(backend, navigated[1]!) })).toEqual({
      status: 'NO_EMAIL_GIVEN_BY_PROVIDER',
    })
    expect(await auth.session.exists()).toBe(false)
  })

  test('passwordless by code: a wrong code shows attempts, the right one signs in', async () => {
    const { backend, auth, events } = setup(mode)
    const created = await auth.passwordless.createCode({ email: 'new@example.com' })
    expect(created).toMatchObject({ status: 'OK', attempt: { flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' } })
    const message = backend.outbox.latest({ type: 'passwordless' })!
    expect(message.to).toBe('new@example.com')
    const wrong = message.code === '000000' ? '111111' : '000000'
    expect(await auth.passwordless.consumeCode({ userInputCode: wrong })).toEqual({
      status: 'INCORRECT_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 1,
      maximumCodeInputAttempts: 5,
    })
    expect(await auth.passwordless.consumeCode({ userInputCode: message.code })).toMatchObject({
      status: 'OK',
      createdNewRecipeUser: true,
    })
    expect(events).toEqual(['SESSION_CREATED'])
    expect(auth.passwordless.getLoginAttempt()).toBeUndefined()
  })

  test('passwordless by magic link opened in another browser, and an expired code', async () => {
    const { backend, auth } = setup(mode)
    await auth.passwordless.createCode({ phoneNumber: '+14155550100' })
    const { link } = backend.outbox.latest({ type: 'passwordless' })!
    const elsewhere = setup(mode).auth
    server.use(...backend.handlers)
    expect(elsewhere.passwordless.readMagicLink(link)?.isSameBrowser).toBe(false)
    expect(await elsewhere.passwordless.consumeMagicLink({ url: link })).toMatchObject({
      status: 'OK',
      redirectToPath: undefined,
    })
    // Success ended every attempt for that number: the first browser's code is gone.
    expect(await auth.passwordless.resendCode()).toEqual({ status: 'RESTART_FLOW_ERROR' })
    await auth.passwordless.createCode({ phoneNumber: '+14155550100' })
    backend.controls.passwordless.expireCodes()
    const { code } = backend.outbox.latest({ type: 'passwordless' })!
    expect(await auth.passwordless.consumeCode({ userInputCode: code })).toMatchObject({
      status: 'EXPIRED_USER_INPUT_CODE_ERROR',
    })
  })

  test('login methods per tenant; a method the tenant does not allow is refused', async () => {
    const { auth, backend, navigated } = setup(mode)
    expect(await auth.getLoginMethods({ tenantId: 'acme' })).toEqual({
      status: 'OK',
      firstFactors: ['thirdparty'],
      providers: [{ id: 'github', name: 'GitHub' }],
    })
    const pub = await auth.getLoginMethods()
    expect(pub.status === 'OK' && pub.firstFactors).toEqual(
      expect.arrayContaining(['emailpassword', 'thirdparty', 'otp-email', 'link-phone']),
    )
    await expect(auth.passwordless.createCode({ email: 'a@b.com', tenantId: 'acme' })).rejects.toMatchObject({
      kind: 'session',
    })
    await expect(auth.getLoginMethods({ tenantId: 'nope' })).rejects.toMatchObject({ kind: 'server' })
    await auth.thirdParty.redirectToProvider('github', { tenantId: 'acme' })
    expect(await auth.thirdParty.handleCallback({ url: consent(backend, navigated[0]!) })).toMatchObject({
      status: 'OK',
    })
  })
})
