import { describe, expect, it } from 'vitest'
import type { MockBackendOptions } from 'authfront/mock'
import { API, B, call, front, installServer, setCookies } from './helpers'

const { useBackend } = installServer()
const WEB = 'http://localhost:3000'
const CALLBACK = `${WEB}/auth/callback/google`
const tp = { headers: { rid: 'thirdparty' } }

function useTp(options: Partial<MockBackendOptions> = {}) {
  return useBackend({ websiteDomain: WEB, thirdParty: { providers: ['google', 'github'] }, ...options })
}

async function authUrl(query: string, tenant = '') {
  const res = await call(`${tenant}/authorisationurl?${query}`, tp)
  return { res, body: await res.json() }
}

/** Asks for the authorisation URL, then follows the provider page to the callback with the first account. */
async function consent(options: { redirect?: string; state?: string; tenant?: string; provider?: string } = {}) {
  const redirect = options.redirect ?? CALLBACK
  const provider = options.provider ?? 'google'
  const { body } = await authUrl(
    `thirdPartyId=${provider}&redirectURIOnProviderDashboard=${encodeURIComponent(redirect)}`,
    options.tenant,
  )
  const url = new URL(body.urlWithQueryParams)
  url.searchParams.set('state', options.state ?? 'S')
  const page = await fetch(url, { redirect: 'manual' })
  const html = await page.text()
  const first = /<li><a href="([^"]+)"/.exec(html)
  const location = page.status === 302 ? page.headers.get('location')! : first![1]!.replace(/&amp;/g, '&')
  return { callback: new URL(location), verifier: body.pkceCodeVerifier as string | undefined, html, page }
}

function signInUp(callback: URL, verifier: string | undefined, extra: Record<string, unknown> = {}, tenant = '') {
  const redirectURIQueryParams = Object.fromEntries(callback.searchParams)
  return call(`${tenant}/signinup`, {
    ...tp,
    body: {
      thirdPartyId: 'google',
      redirectURIInfo: {
        redirectURIOnProviderDashboard: CALLBACK,
        redirectURIQueryParams,
        ...(verifier === undefined ? {} : { pkceCodeVerifier: verifier }),
      },
      shouldTryLinkingWithSessionUser: false,
      ...extra,
    },
  })
}

describe('ThirdParty: authorisation URL', () => {
  it('TP-1: answers the fake provider URL with PKCE and no state', async () => {
    useTp()
    const { res, body } = await authUrl(
      `thirdPartyId=google&redirectURIOnProviderDashboard=${encodeURIComponent(CALLBACK)}`,
    )
    expect(res.status).toBe(200)
    expect(Object.keys(body)).toEqual(['status', 'urlWithQueryParams', 'pkceCodeVerifier'])
    const url = new URL(body.urlWithQueryParams)
    expect(`${url.origin}${url.pathname}`).toBe(`${WEB}/__authfront/mock-oauth/google/authorize`)
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK)
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(url.searchParams.has('state')).toBe(false)
  })

  it('answers 400 for missing parameters', async () => {
    useTp()
    expect((await authUrl(`redirectURIOnProviderDashboard=x`)).body).toEqual({
      message: 'Please provide the thirdPartyId as a GET param',
    })
    const { res, body } = await authUrl('thirdPartyId=google')
    expect(res.status).toBe(400)
    expect(body).toEqual({ message: 'Please provide the redirectURIOnProviderDashboard as a GET param' })
  })

  it('TP-9: answers 400 for an unknown provider', async () => {
    useTp()
    const { res, body } = await authUrl('thirdPartyId=foo&redirectURIOnProviderDashboard=x')
    expect(res.status).toBe(400)
    expect(body).toEqual({ message: 'the provider foo could not be found in the configuration' })
  })

  it('answers 404 like node without the recipe when thirdParty is not configured', async () => {
    useBackend()
    expect((await call('/authorisationurl?thirdPartyId=google', tp)).status).toBe(404)
    expect((await call('/signinup', { ...tp, body: {} })).status).toBe(404)
  })
})

describe('ThirdParty: provider page and sign-in/up', () => {
  it('serves a consent page listing the seeded users with a cancel link keeping state', async () => {
    useTp()
    const { html, page } = await consent({ state: 'a b+c' })
    expect(page.status).toBe(200)
    expect(html).toContain('<h1>Sign in to Google (authfront mock provider)</h1>')
    expect(html).toContain('>Ada Lovelace</a>')
    expect(html).toContain('>Grace Hopper</a>')
    const cancel = new URL(/<a href="([^"]+)">Cancel<\/a>/.exec(html)![1]!.replace(/&amp;/g, '&'))
    expect(cancel.searchParams.get('error')).toBe('access_denied')
    expect(cancel.searchParams.get('state')).toBe('a b+c')
  })

  it('TP-2: signs up with a thirdParty login method and creates a cookie session like EP sign-in', async () => {
    const backend = useTp()
    const { callback, verifier } = await consent()
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK)
    expect(callback.searchParams.get('state')).toBe('S')
    const res = await signInUp(callback, verifier)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ status: 'OK', createdNewRecipeUser: true })
    const user = backend.users.get('ada.google@example.com')!
    expect(body.user).toMatchObject({
      id: user.id,
      emails: ['ada.google@example.com'],
      thirdParty: [{ id: 'google', userId: user.thirdParty!.userId }],
      loginMethods: [
        { recipeId: 'thirdparty', email: 'ada.google@example.com', verified: true, thirdParty: { id: 'google' } },
      ],
    })
    expect(Object.keys(setCookies(res))).toEqual(['sAccessToken', 'sRefreshToken'])
    expect(front(res)!.uid).toBe(user.id)

    const again = await consent()
    const second = await (await signInUp(again.callback, again.verifier)).json()
    expect(second).toMatchObject({ status: 'OK', createdNewRecipeUser: false, user: { id: user.id } })
  })

  it('answers 500 for a reused code, a redirect URI mismatch and a wrong verifier', async () => {
    useTp()
    const { callback, verifier } = await consent()
    expect((await signInUp(callback, verifier)).status).toBe(200)
    const reused = await signInUp(callback, verifier)
    expect(reused.status).toBe(500)
    expect(await reused.text()).toContain('Internal Server Error')

    const fresh = await consent()
    expect((await signInUp(fresh.callback, 'wrong-verifier')).status).toBe(500)
    expect((await signInUp(fresh.callback, undefined)).status).toBe(500)
    const other = await consent({ redirect: `${WEB}/elsewhere` })
    expect((await signInUp(other.callback, other.verifier)).status).toBe(500)
    // The failed attempts above did not burn the code.
    expect((await signInUp(fresh.callback, fresh.verifier)).status).toBe(200)
  })

  it('answers 500 for an expired code', async () => {
    let time = Date.now()
    useTp({ now: () => time })
    const { callback, verifier } = await consent()
    time += 10 * 60 * 1000 + 1
    expect((await signInUp(callback, verifier)).status).toBe(500)
  })

  it('TP-11: a provider without PKCE sends no verifier and needs none', async () => {
    useTp({ thirdParty: { providers: [{ id: 'google', pkce: false }] } })
    const { res, body } = await authUrl(
      `thirdPartyId=google&redirectURIOnProviderDashboard=${encodeURIComponent(CALLBACK)}`,
    )
    expect(res.status).toBe(200)
    expect(Object.keys(body)).toEqual(['status', 'urlWithQueryParams'])
    expect(new URL(body.urlWithQueryParams).searchParams.has('code_challenge')).toBe(false)
    const { callback, verifier } = await consent()
    expect(verifier).toBeUndefined()
    expect((await signInUp(callback, undefined)).status).toBe(200)
  })

  it('autoConsent redirects (302) with the first user at once', async () => {
    useTp({ thirdParty: { providers: ['google'], autoConsent: true } })
    const { page, callback } = await consent({ state: 'xyz' })
    expect(page.status).toBe(302)
    expect(callback.searchParams.get('state')).toBe('xyz')
    expect(callback.searchParams.get('code')).toBeTruthy()
  })

  it('answers 400 for malformed bodies', async () => {
    useTp()
    const missingId = await call('/signinup', { ...tp, body: { redirectURIInfo: {} } })
    expect(missingId.status).toBe(400)
    expect(await missingId.json()).toEqual({ message: 'Please provide the thirdPartyId in request body' })
    const missingInfo = await call('/signinup', { ...tp, body: { thirdPartyId: 'google' } })
    expect(await missingInfo.json()).toEqual({
      message: 'Please provide one of redirectURIInfo or oAuthTokens in the request body',
    })
    const unknown = await call('/signinup', {
      ...tp,
      body: { thirdPartyId: 'foo', redirectURIInfo: { redirectURIOnProviderDashboard: CALLBACK } },
    })
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toEqual({ message: 'the provider foo could not be found in the configuration' })
  })
})

describe('ThirdParty: controls and edge cases', () => {
  it('nextConsent("deny") sends the user back with error=access_denied and the state', async () => {
    const backend = useTp()
    backend.controls.thirdParty.nextConsent('deny')
    const { page, callback } = await consent({ state: 'S1' })
    expect(page.status).toBe(302)
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: 'access_denied', state: 'S1' })
    // One visit only.
    expect((await consent()).page.status).toBe(200)
  })

  it('TP-6: nextConsent("noEmail") yields NO_EMAIL_GIVEN_BY_PROVIDER without a session', async () => {
    const backend = useTp()
    backend.controls.thirdParty.nextConsent('noEmail')
    const { callback, verifier } = await consent()
    const res = await signInUp(callback, verifier)
    expect(await res.json()).toEqual({ status: 'NO_EMAIL_GIVEN_BY_PROVIDER' })
    expect(res.headers.get('front-token')).toBeNull()
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it('TP-6: a seeded provider user without email yields NO_EMAIL_GIVEN_BY_PROVIDER', async () => {
    useTp({ thirdParty: { providers: [{ id: 'google', users: [{ name: 'Anonymous' }] }] } })
    const { callback, verifier } = await consent()
    expect(await (await signInUp(callback, verifier)).json()).toEqual({ status: 'NO_EMAIL_GIVEN_BY_PROVIDER' })
  })

  it('TP-7: nextConsent("notAllowed") yields SIGN_IN_UP_NOT_ALLOWED with the reason', async () => {
    const backend = useTp()
    backend.controls.thirdParty.nextConsent('notAllowed')
    const { callback, verifier } = await consent()
    expect(await (await signInUp(callback, verifier)).json()).toEqual({
      status: 'SIGN_IN_UP_NOT_ALLOWED',
      reason:
        'Cannot sign in / up due to security reasons. Please try a different login method or contact support. (ERR_CODE_006)',
    })
  })

  it('TP-10: Apple form_post is 303-redirected to the frontend callback with every field', async () => {
    useTp({ thirdParty: { providers: ['apple'] } })
    const state = btoa(JSON.stringify({ state: 'abc', frontendRedirectURI: `${WEB}/auth/callback/apple` }))
    const res = await fetch(`${B}/callback/apple`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: 'C', state }),
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    const location = new URL(res.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe(`${WEB}/auth/callback/apple`)
    expect(Object.fromEntries(location.searchParams)).toEqual({ code: 'C', state })
    const bad = await fetch(`${B}/callback/apple`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'code=C&state=not-json',
    })
    expect(bad.status).toBe(500)
  })

  it('TP-10: the Apple provider page goes straight to the frontend callback the backend would redirect to', async () => {
    const backend = useTp({ thirdParty: { providers: ['apple'] } })
    const state = btoa(JSON.stringify({ state: 'abc', frontendRedirectURI: `${WEB}/auth/callback/apple` }))
    const appleRedirect = `${API}/auth/callback/apple`
    const { body } = await authUrl(
      `thirdPartyId=apple&redirectURIOnProviderDashboard=${encodeURIComponent(appleRedirect)}`,
    )
    const url = new URL(body.urlWithQueryParams)
    url.searchParams.set('state', state)
    const page = backend.providerPage(url)!
    expect(page.kind).toBe('consent')
    const href = new URL(page.kind === 'consent' ? page.accounts[0]!.href : '')
    expect(`${href.origin}${href.pathname}`).toBe(`${WEB}/auth/callback/apple`)
    expect(href.searchParams.get('state')).toBe(state)
  })

  it('TP-13: a tenant call uses the tenant providers and creates the user in that tenant', async () => {
    const backend = useTp({ tenants: { t1: { providers: ['github'] } } })
    expect((await authUrl('thirdPartyId=google&redirectURIOnProviderDashboard=x', '/t1')).res.status).toBe(400)
    const { res } = await authUrl('thirdPartyId=github&redirectURIOnProviderDashboard=x', '/t1')
    expect(res.status).toBe(200)
    const { callback, verifier } = await consent({ tenant: '/t1', provider: 'github' })
    const redirectURIQueryParams = Object.fromEntries(callback.searchParams)
    const signed = await call('/t1/signinup', {
      ...tp,
      body: {
        thirdPartyId: 'github',
        redirectURIInfo: {
          redirectURIOnProviderDashboard: CALLBACK,
          redirectURIQueryParams,
          pkceCodeVerifier: verifier,
        },
      },
    })
    expect(await signed.json()).toMatchObject({ status: 'OK', user: { tenantIds: ['t1'] } })
    expect(front(signed)!.up['tId']).toBe('t1')
    expect(backend.users.get('linus.github@example.com')?.tenantIds).toEqual(['t1'])
  })

  it('an EmailPassword user with the same email does not block a ThirdParty sign-up (no account linking)', async () => {
    const backend = useTp({ users: [{ email: 'ada.google@example.com', password: 'password1' }] })
    const { callback, verifier } = await consent()
    expect(await (await signInUp(callback, verifier)).json()).toMatchObject({
      status: 'OK',
      createdNewRecipeUser: true,
    })
    const signIn = await call('/signin', {
      body: {
        formFields: [
          { id: 'email', value: 'ada.google@example.com' },
          { id: 'password', value: 'password1' },
        ],
      },
    })
    expect(await signIn.json()).toMatchObject({ status: 'OK', user: { loginMethods: [{ recipeId: 'emailpassword' }] } })
    expect(backend.users.list()).toHaveLength(2)
  })
})
