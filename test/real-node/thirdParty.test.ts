/**
 * Social sign-in with a real supertokens-node backend: node's ThirdParty recipe with a custom OAuth 2.0 provider
 * (fakeProvider.ts), driven by authfront's `thirdParty()` plugin the way a page does it: `redirectToProvider`, the
 * browser at the provider (which consents at once and redirects back), then `handleCallback` on the callback URL.
 */
import { describe, expect, test } from 'vitest'
import { createMemoryStorage, thirdParty } from 'authfront'
import type { ProviderAccount } from './fakeProvider'
import { freshEmail, openTab, useRealBackend } from './setup'
import type { TabOptions } from './setup'

const backend = useRealBackend()

let accountCounter = 0
const freshAccount = (overrides: Partial<ProviderAccount> = {}): ProviderAccount => ({
  sub: `acme-user-${++accountCounter}`,
  email: freshEmail('social'),
  emailVerified: true,
  ...overrides,
})

/** A tab with the ThirdParty plugin; `navigated` has the URLs it sent the browser to, `storage` its sessionStorage. */
function socialTab(options: TabOptions, storage = createMemoryStorage()) {
  const navigated: string[] = []
  const tab = openTab(backend.app, {
    ...options,
    recipes: [
      thirdParty({ providers: [{ id: 'acme', name: 'Acme' }], storage, navigate: (url) => navigated.push(url) }),
    ],
  })
  return { ...tab, navigated, storage }
}

/** The browser at the provider: it follows the authorisation URL, and the provider redirects back to the callback. */
async function consent(authorisationUrl: string): Promise<string> {
  const response = await fetch(authorisationUrl, { redirect: 'manual' })
  expect(response.status).toBe(302)
  return response.headers.get('location') ?? ''
}

/** Signs `account` in through the provider in `tab` and returns the callback's result. */
async function signInWith(tab: ReturnType<typeof socialTab>, account: ProviderAccount) {
  backend.provider.nextAccount(account)
  expect(await tab.client.thirdParty.redirectToProvider('acme', { redirectToPath: '/orders' })).toEqual({
    status: 'OK',
  })
  return tab.client.thirdParty.handleCallback({ url: await consent(tab.navigated.at(-1)!) })
}

const tokenExchanges = () => backend.provider.calls.filter((call) => call.startsWith('POST /token')).length

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('a new user signs in through the provider; the same provider account signs in again as the same user', async () => {
    const tab = socialTab({ mode })
    const account = freshAccount()
    backend.provider.nextAccount(account)
    expect(await tab.client.thirdParty.redirectToProvider('acme', { redirectToPath: '/orders' })).toEqual({
      status: 'OK',
    })
    // Node builds the authorisation URL; the client adds its state. Node asked for PKCE, so the client kept a verifier.
    const authorisation = new URL(tab.navigated[0]!)
    expect(authorisation.origin + authorisation.pathname).toBe(`${backend.provider.url}/authorize`)
    expect(Object.fromEntries(authorisation.searchParams)).toEqual({
      client_id: backend.provider.clientId,
      redirect_uri: `${backend.app.websiteDomain}/auth/callback/acme`,
      response_type: 'code',
      scope: 'openid email',
      code_challenge: expect.any(String),
      code_challenge_method: 'S256',
      state: expect.any(String),
    })

    const callback = await consent(authorisation.href)
    expect(callback.startsWith(`${backend.app.websiteDomain}/auth/callback/acme?code=`)).toBe(true)
    const first = await tab.client.thirdParty.handleCallback({ url: callback })
    expect(first).toMatchObject({ status: 'OK', createdNewRecipeUser: true, redirectToPath: '/orders' })
    if (first.status !== 'OK') throw new Error('not signed in')
    expect(first.user).toMatchObject({
      emails: [account.email],
      thirdParty: [{ id: 'acme', userId: account.sub }],
      loginMethods: [{ recipeId: 'thirdparty', email: account.email, verified: true }],
    })
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED'])
    // The provider vouched for the email, so node's email verification claim is already true.
    expect((await tab.client.session.getAccessTokenPayload())['st-ev']).toMatchObject({ v: true })
    const me = await tab.client.doFetch(`${backend.app.url}/api/me`)
    expect(await me.json()).toEqual({ userId: first.user.id })

    await tab.client.session.signOut()
    const again = await signInWith(tab, account)
    expect(again).toMatchObject({ status: 'OK', createdNewRecipeUser: false, user: { id: first.user.id } })
    expect(await tab.client.session.exists()).toBe(true)
  })

  test('a provider that gives no email: NO_EMAIL_GIVEN_BY_PROVIDER, and no session', async () => {
    const tab = socialTab({ mode })
    expect(await signInWith(tab, freshAccount({ email: undefined }))).toEqual({ status: 'NO_EMAIL_GIVEN_BY_PROVIDER' })
    expect(tab.requests).toContain('POST /auth/signinup')
    expect(await tab.client.session.exists()).toBe(false)
    expect(tab.eventTypes()).toEqual([])
  })
})

test('an email the provider does not vouch for leaves the email verification claim false', async () => {
  const tab = socialTab({ mode: 'cookie' })
  expect(await signInWith(tab, freshAccount({ emailVerified: false }))).toMatchObject({
    status: 'OK',
    user: { loginMethods: [{ verified: false }] },
  })
  expect((await tab.client.session.getAccessTokenPayload())['st-ev']).toMatchObject({ v: false })
})

test('a reloaded callback cannot replay the code; a callback whose state does not match is refused', async () => {
  const storage = createMemoryStorage()
  const tab = socialTab({ mode: 'cookie' }, storage)
  backend.provider.nextAccount(freshAccount())
  await tab.client.thirdParty.redirectToProvider('acme')
  const callback = await consent(tab.navigated[0]!)
  const exchanges = tokenExchanges()
  expect((await tab.client.thirdParty.handleCallback({ url: callback })).status).toBe('OK')
  expect(tokenExchanges()).toBe(exchanges + 1)

  // A reload: a new client on the same page and sessionStorage. The state was spent, so the code is not sent again.
  const reloaded = socialTab({ mode: 'cookie' }, storage)
  expect(await reloaded.client.thirdParty.handleCallback({ url: callback })).toEqual({ status: 'STATE_MISSING' })
  expect(reloaded.requests).toEqual([])
  expect(tokenExchanges()).toBe(exchanges + 1)

  // A callback carrying another state (a forged or stale link) is refused before node sees the code.
  const other = socialTab({ mode: 'cookie' })
  backend.provider.nextAccount(freshAccount())
  await other.client.thirdParty.redirectToProvider('acme')
  const forged = new URL(await consent(other.navigated[0]!))
  forged.searchParams.set('state', btoa(JSON.stringify({ state: 'someone-else' })))
  expect(await other.client.thirdParty.handleCallback({ url: forged.href })).toEqual({ status: 'STATE_MISMATCH' })
  expect(other.requests).toEqual(['GET /auth/authorisationurl'])
  expect(await other.client.session.exists()).toBe(false)
})
