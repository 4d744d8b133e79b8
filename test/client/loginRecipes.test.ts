/**
 * The ThirdParty, Passwordless and Multitenancy client calls on the wire (docs/RECIPES.md §2, §3, §6): exact
 * requests, what is stored between steps, and the typed result of every status. Case ids (TP-n, PL-n) are the
 * compatibility cases of docs/RECIPES.md.
 */
import { HttpResponse } from 'msw'
import { describe, expect, test, vi } from 'vitest'
import { AuthError, createMemoryStorage, encodeFrontToken, multitenancy, passwordless, thirdParty } from 'authfront'
import type { AuthEvent, KeyValueStorage } from 'authfront'
import { answer, API, client } from './recipeServer'

const SITE = 'http://site.test'
const user = {
  id: 'u1',
  isPrimaryUser: false,
  tenantIds: ['public'],
  emails: ['a@b.com'],
  phoneNumbers: [],
  timeJoined: 1,
  loginMethods: [],
}
const frontToken = encodeFrontToken({ uid: 'u1', ate: Date.now() + 3_600_000, up: { sessionHandle: 'h1' } })
/** A 200 that creates a session (cookie mode: the front token is what the page can read). */
const signedIn = (body: object) => HttpResponse.json(body, { headers: { 'front-token': frontToken } })

let clock = Date.now()
function tpClient(options: { storage?: KeyValueStorage; providers?: string[]; navigate?: (url: string) => void } = {}) {
  const storage = options.storage ?? createMemoryStorage()
  const navigate = options.navigate ?? vi.fn()
  clock = Date.now()
  const auth = client({
    websiteDomain: SITE,
    platform: { now: () => clock },
    recipes: [thirdParty({ providers: options.providers ?? ['google', 'apple'], storage, navigate })],
  })
  return { auth, storage, navigate }
}

const authorisationUrl = (extra: object = { pkceCodeVerifier: 'V' }, tenant = '') =>
  answer('get', `/auth${tenant}/authorisationurl`, () =>
    HttpResponse.json({
      status: 'OK',
      urlWithQueryParams: 'https://p.example/auth?client_id=c&state=theirs&code_challenge=X',
      ...extra,
    }),
  )

/** Starts a sign-in and returns the callback URL the provider would send the browser to. */
async function startSignIn(tp: ReturnType<typeof tpClient>, id = 'google', options = {}) {
  const result = await tp.auth.thirdParty.getAuthorisationUrl(id, options)
  if (result.status !== 'OK') throw new Error('no URL')
  const state = new URL(result.url).searchParams.get('state')!
  return `${SITE}/auth/callback/${id}?code=C&state=${encodeURIComponent(state)}&scope=email`
}

describe('thirdParty()', () => {
  test('config mistakes fail at creation, naming the fix', () => {
    expect(() => thirdParty({ providers: [] })).toThrow(/providers: \['google', 'github'\]/)
    expect(() => thirdParty({ providers: ['bad id'] })).toThrow(AuthError)
    expect(() => client({ recipes: ['google' as never] })).toThrow(/"recipes".*multitenancy\(\)/)
  })

  test('providers get display names and built-in ones their brand mark; unknown ids show as given unless named', () => {
    const auth = client({
      recipes: [thirdParty({ providers: ['google', 'github', 'acme', { id: 'x', name: 'X Corp' }, 'linkedin'] })],
    })
    const mark = expect.stringMatching(/^M[\d.\s,a-zA-Z-]+$/)
    expect(auth.thirdParty.providers).toEqual([
      { id: 'google', name: 'Google', mark },
      { id: 'github', name: 'GitHub', mark },
      { id: 'acme', name: 'acme' },
      { id: 'x', name: 'X Corp' },
      { id: 'linkedin', name: 'LinkedIn' },
    ])
    expect(auth.thirdParty.providers.map((provider) => provider.mark)).toEqual([
      mark,
      mark,
      undefined,
      undefined,
      undefined,
    ])
    expect(auth.thirdParty.providers[0]!.mark).not.toBe(auth.thirdParty.providers[1]!.mark)
  })

  test('TP-1: one GET authorisationurl; state stored with the verifier; navigates with our state only', async () => {
    const tp = tpClient()
    const seen = authorisationUrl()
    expect(await tp.auth.thirdParty.redirectToProvider('google', { redirectToPath: '/orders' })).toEqual({
      status: 'OK',
    })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.url).toBe(
      `${API}/auth/authorisationurl?thirdPartyId=google&redirectURIOnProviderDashboard=${encodeURIComponent(`${SITE}/auth/callback/google`)}`,
    )
    expect(seen[0]!.headers).toMatchObject({
      rid: 'thirdparty',
      'fdi-version': '3.1,4.0,4.1,4.2',
      'st-auth-mode': 'cookie',
    })
    const stored = JSON.parse(tp.storage.getItem('supertokens-oauth-state-2')!)
    expect(stored).toMatchObject({
      thirdPartyId: 'google',
      redirectURIOnProviderDashboard: `${SITE}/auth/callback/google`,
      pkceCodeVerifier: 'V',
      shouldTryLinkingWithSessionUser: false,
      redirectToPath: '/orders',
    })
    expect(stored.expiresAt - Date.now()).toBeGreaterThan(590_000)
    const target = new URL(vi.mocked(tp.navigate).mock.calls[0]![0])
    expect(target.searchParams.getAll('state')).toEqual([stored.stateForAuthProvider])
    expect(Object.keys(JSON.parse(atob(stored.stateForAuthProvider)))).toEqual(['state'])
  })

  test('TP-2 + TP-12: the callback posts exactly what node expects, once, and clears the stored state', async () => {
    const tp = tpClient()
    authorisationUrl()
    const callback = await startSignIn(tp, 'google', { redirectToPath: '/orders' })
    const events: AuthEvent[] = []
    tp.auth.on('*', (event) => events.push(event))
    const seen = answer('post', '/auth/signinup', () => signedIn({ status: 'OK', createdNewRecipeUser: true, user }))
    const first = tp.auth.thirdParty.handleCallback({ url: callback })
    const second = tp.auth.thirdParty.handleCallback({ url: callback })
    expect(second).toBe(first)
    expect(await first).toEqual({ status: 'OK', user, createdNewRecipeUser: true, redirectToPath: '/orders' })
    expect(seen).toHaveLength(1)
    const state = new URL(callback).searchParams.get('state')
    expect(seen[0]!.body).toBe(
      JSON.stringify({
        thirdPartyId: 'google',
        redirectURIInfo: {
          redirectURIOnProviderDashboard: `${SITE}/auth/callback/google`,
          redirectURIQueryParams: { code: 'C', state, scope: 'email' },
          pkceCodeVerifier: 'V',
        },
        shouldTryLinkingWithSessionUser: false,
      }),
    )
    expect(events.map((event) => event.type)).toEqual(['SESSION_CREATED'])
    expect(tp.storage.getItem('supertokens-oauth-state-2')).toBeNull()
  })

  test('TP-3, TP-4, TP-5: a forged, missing or expired state, or a provider error: no request', async () => {
    const seen = answer('post', '/auth/signinup', () => HttpResponse.json({ status: 'OK' }))
    authorisationUrl()
    const tp = tpClient()
    const callback = await startSignIn(tp)
    const forged = callback.replace(/state=[^&]+/, 'state=forged')
    expect(await tp.auth.thirdParty.handleCallback({ url: forged })).toEqual({ status: 'STATE_MISMATCH' })
    expect(await tp.auth.thirdParty.handleCallback({ url: callback + '&x=1' })).toEqual({ status: 'STATE_MISSING' })
    const late = await startSignIn(tp)
    clock += 601_000
    expect(await tp.auth.thirdParty.handleCallback({ url: late })).toEqual({ status: 'STATE_EXPIRED' })
    const denied = (await startSignIn(tp)).replace('code=C', 'error=access_denied&error_description=User+said+no')
    expect(await tp.auth.thirdParty.handleCallback({ url: denied })).toEqual({
      status: 'PROVIDER_ERROR',
      error: 'access_denied',
      description: 'User said no',
    })
    expect(seen).toHaveLength(0)
  })

  test.each([
    ['TP-6', { status: 'NO_EMAIL_GIVEN_BY_PROVIDER' }],
    ['TP-7', { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: 'Cannot sign in / up (ERR_CODE_006)' }],
    ['TP-8', { status: 'GENERAL_ERROR', message: 'Provider is down' }],
  ])('%s: %o is the typed result, and no session event fires', async (_, body) => {
    const tp = tpClient()
    authorisationUrl()
    const callback = await startSignIn(tp)
    answer('post', '/auth/signinup', () => HttpResponse.json(body))
    const events: AuthEvent[] = []
    tp.auth.on('*', (event) => events.push(event))
    expect(await tp.auth.thirdParty.handleCallback({ url: callback })).toEqual(body)
    expect(events).toEqual([])
  })

  test('TP-9: an unknown provider (400) rejects with AuthError and navigates nowhere', async () => {
    const tp = tpClient()
    answer('get', '/auth/authorisationurl', () =>
      HttpResponse.json({ message: 'the provider foo could not be found in the configuration' }, { status: 400 }),
    )
    await expect(tp.auth.thirdParty.redirectToProvider('foo')).rejects.toMatchObject({
      kind: 'protocol',
      message: 'the provider foo could not be found in the configuration',
    })
    expect(tp.navigate).not.toHaveBeenCalled()
    expect(tp.storage.getItem('supertokens-oauth-state-2')).toBeNull()
  })

  test('an authorisation URL that is not http(s) is refused (kind protocol), never navigated to', async () => {
    const tp = tpClient()
    answer('get', '/auth/authorisationurl', () =>
      HttpResponse.json({ status: 'OK', urlWithQueryParams: 'javascript:alert(1)' }),
    )
    await expect(tp.auth.thirdParty.redirectToProvider('google')).rejects.toMatchObject({ kind: 'protocol' })
    expect(tp.navigate).not.toHaveBeenCalled()
  })

  test('TP-10: Apple redirects to the backend callback, and the state names the frontend callback', async () => {
    const tp = tpClient()
    const seen = authorisationUrl()
    const callback = await startSignIn(tp, 'apple')
    expect(new URL(seen[0]!.url).searchParams.get('redirectURIOnProviderDashboard')).toBe(`${API}/auth/callback/apple`)
    const state = JSON.parse(atob(new URL(callback).searchParams.get('state')!))
    expect(state.frontendRedirectURI).toBe(`${SITE}/auth/callback/apple`)
    const signin = answer('post', '/auth/signinup', () => signedIn({ status: 'OK', createdNewRecipeUser: false, user }))
    await tp.auth.thirdParty.handleCallback({ url: callback })
    expect(JSON.parse(signin[0]!.body).redirectURIInfo.redirectURIOnProviderDashboard).toBe(
      `${API}/auth/callback/apple`,
    )
  })

  test('TP-11: no verifier from the backend, no pkceCodeVerifier key in the sign-in body', async () => {
    const tp = tpClient()
    authorisationUrl({})
    const callback = await startSignIn(tp)
    const seen = answer('post', '/auth/signinup', () => signedIn({ status: 'OK', createdNewRecipeUser: false, user }))
    await tp.auth.thirdParty.handleCallback({ url: callback })
    expect(Object.keys(JSON.parse(seen[0]!.body).redirectURIInfo)).not.toContain('pkceCodeVerifier')
  })

  test('TP-13: the tenant of the click is used for the callback, whose URL has none', async () => {
    const tp = tpClient()
    const seen = authorisationUrl(undefined, '/t1')
    const callback = await startSignIn(tp, 'google', { tenantId: 't1' })
    expect(seen[0]!.url).toContain('/auth/t1/authorisationurl?')
    const signin = answer('post', '/auth/t1/signinup', () =>
      signedIn({ status: 'OK', createdNewRecipeUser: false, user }),
    )
    await tp.auth.thirdParty.handleCallback({ url: callback })
    expect(signin).toHaveLength(1)
  })
})

describe('passwordless()', () => {
  const plClient = (storage = createMemoryStorage()) => ({
    auth: client({
      recipes: [passwordless({ contactMethod: 'EMAIL_OR_PHONE' })],
      platform: { storage, now: () => clock },
    }),
    storage,
  })
  const created = (flowType = 'USER_INPUT_CODE_AND_MAGIC_LINK', tenant = '') =>
    answer('post', `/auth${tenant}/signinup/code`, () =>
      HttpResponse.json({ status: 'OK', deviceId: 'D==', preAuthSessionId: 'P', flowType }),
    )
  const wrong = (count: number) => ({
    status: 'INCORRECT_USER_INPUT_CODE_ERROR',
    failedCodeInputAttemptCount: count,
    maximumCodeInputAttempts: 5,
  })

  test('a contactMethod the backend cannot have fails at creation', () => {
    expect(() => passwordless({ contactMethod: 'SMS' as never })).toThrow(/EMAIL, PHONE, EMAIL_OR_PHONE/)
  })

  test('PL-1: createCode sends the trimmed email and stores the attempt in the official shape', async () => {
    const { auth, storage } = plClient()
    const seen = created()
    const result = await auth.passwordless.createCode({ email: ' a@b.com ', redirectToPath: '/home' })
    expect(seen[0]!.body).toBe(JSON.stringify({ email: 'a@b.com', shouldTryLinkingWithSessionUser: false }))
    expect(seen[0]!.headers.rid).toBe('passwordless')
    const attempt = JSON.parse(storage.getItem('supertokens-passwordless-loginAttemptInfo')!)
    expect(result).toEqual({ status: 'OK', attempt })
    expect(attempt).toMatchObject({
      version: 1,
      deviceId: 'D==',
      preAuthSessionId: 'P',
      flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK',
      contactMethod: 'EMAIL',
      contactInfo: 'a@b.com',
      shouldTryLinkingWithSessionUser: false,
      redirectToPath: '/home',
    })
    expect(typeof attempt.lastResend).toBe('number')
    expect(auth.passwordless.getLoginAttempt()).toEqual(attempt)
  })

  test('an unknown flowType is a protocol error, and nothing is stored', async () => {
    const { auth, storage } = plClient()
    created('SOMETHING_ELSE')
    await expect(auth.passwordless.createCode({ phoneNumber: '+14155550100' })).rejects.toMatchObject({
      kind: 'protocol',
    })
    expect(storage.getItem('supertokens-passwordless-loginAttemptInfo')).toBeNull()
  })

  test('PL-2: the OTP consume body; OK clears the attempt and creates the session', async () => {
    const { auth } = plClient()
    created(undefined, '/acme')
    await auth.passwordless.createCode({ phoneNumber: '+14155550100', tenantId: 'acme' })
    const seen = answer('post', '/auth/acme/signinup/code/consume', () =>
      signedIn({ status: 'OK', createdNewRecipeUser: true, user }),
    )
    expect(await auth.passwordless.consumeCode({ userInputCode: ' 123456 ' })).toEqual({
      status: 'OK',
      user,
      createdNewRecipeUser: true,
      redirectToPath: undefined,
    })
    expect(seen[0]!.body).toBe(
      JSON.stringify({
        userInputCode: '123456',
        deviceId: 'D==',
        preAuthSessionId: 'P',
        shouldTryLinkingWithSessionUser: false,
      }),
    )
    expect(auth.passwordless.getLoginAttempt()).toBeUndefined()
    expect(auth.store.getState().status).toBe('signedIn')
  })

  test('PL-3: wrong codes keep the attempt with the counts; RESTART_FLOW_ERROR ends it', async () => {
    const { auth } = plClient()
    created()
    await auth.passwordless.createCode({ email: 'a@b.com' })
    answer('post', '/auth/signinup/code/consume', () => HttpResponse.json(wrong(4)))
    expect(await auth.passwordless.consumeCode({ userInputCode: '000000' })).toEqual(wrong(4))
    expect(auth.passwordless.getLoginAttempt()).toBeDefined()
    answer('post', '/auth/signinup/code/consume', () => HttpResponse.json({ status: 'RESTART_FLOW_ERROR' }))
    expect(await auth.passwordless.consumeCode({ userInputCode: '000000' })).toEqual({ status: 'RESTART_FLOW_ERROR' })
    expect(auth.passwordless.getLoginAttempt()).toBeUndefined()
    // Nothing stored: nothing to send.
    expect(await auth.passwordless.consumeCode({ userInputCode: '1' })).toEqual({ status: 'RESTART_FLOW_ERROR' })
  })

  test('PL-5, PL-6: resend sends the stored device and updates lastResend; RESTART clears', async () => {
    const { auth } = plClient()
    created()
    const first = await auth.passwordless.createCode({ email: 'a@b.com' })
    const seen = answer('post', '/auth/signinup/code/resend', () => HttpResponse.json({ status: 'OK' }))
    clock += 20_000
    const resent = await auth.passwordless.resendCode()
    expect(seen[0]!.body).toBe(
      JSON.stringify({ deviceId: 'D==', preAuthSessionId: 'P', shouldTryLinkingWithSessionUser: false }),
    )
    expect(
      resent.status === 'OK' && first.status === 'OK' && resent.attempt.lastResend - first.attempt.lastResend,
    ).toBe(20_000)
    answer('post', '/auth/signinup/code/resend', () => HttpResponse.json({ status: 'RESTART_FLOW_ERROR' }))
    expect(await auth.passwordless.resendCode()).toEqual({ status: 'RESTART_FLOW_ERROR' })
    expect(auth.passwordless.getLoginAttempt()).toBeUndefined()
  })

  test('PL-7: a magic link in the browser that started it: consumed with the link tenant, redirect kept', async () => {
    const { auth } = plClient()
    created()
    await auth.passwordless.createCode({ email: 'a@b.com', redirectToPath: '/home' })
    const url = `${SITE}/auth/verify?preAuthSessionId=P&tenantId=public#L-code_1`
    expect(auth.passwordless.readMagicLink(url)).toEqual({
      preAuthSessionId: 'P',
      tenantId: 'public',
      linkCode: 'L-code_1',
      isSameBrowser: true,
    })
    const seen = answer('post', '/auth/signinup/code/consume', () =>
      signedIn({ status: 'OK', createdNewRecipeUser: false, user }),
    )
    const first = auth.passwordless.consumeMagicLink({ url })
    expect(auth.passwordless.consumeMagicLink({ url })).toBe(first)
    expect(await first).toMatchObject({ status: 'OK', redirectToPath: '/home' })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.body).toBe(
      JSON.stringify({ linkCode: 'L-code_1', preAuthSessionId: 'P', shouldTryLinkingWithSessionUser: false }),
    )
    expect(auth.passwordless.getLoginAttempt()).toBeUndefined()
  })

  test('PL-8, PL-9: a link opened in another browser is not "same browser"; a used link restarts', async () => {
    const { auth } = plClient()
    const url = `${SITE}/auth/verify?preAuthSessionId=P&tenantId=acme#L`
    expect(auth.passwordless.readMagicLink(url)?.isSameBrowser).toBe(false)
    answer('post', '/auth/acme/signinup/code/consume', () => HttpResponse.json({ status: 'RESTART_FLOW_ERROR' }))
    expect(await auth.passwordless.consumeMagicLink({ url })).toEqual({ status: 'RESTART_FLOW_ERROR' })
  })

  test('PL-10: a link without its code or preAuthSessionId sends nothing', async () => {
    const { auth } = plClient()
    const seen = answer('post', '/auth/signinup/code/consume', () => HttpResponse.json({ status: 'OK' }))
    for (const url of [`${SITE}/auth/verify?preAuthSessionId=P`, `${SITE}/auth/verify#L`, 'not a url']) {
      expect(await auth.passwordless.consumeMagicLink({ url })).toEqual({ status: 'INVALID_LINK' })
    }
    expect(seen).toHaveLength(0)
  })

  test('an attempt written by another UI without the contact is ignored', () => {
    const storage = createMemoryStorage()
    storage.setItem(
      'supertokens-passwordless-loginAttemptInfo',
      JSON.stringify({ deviceId: 'D', preAuthSessionId: 'P' }),
    )
    expect(plClient(storage).auth.passwordless.getLoginAttempt()).toBeUndefined()
  })
})

describe('multitenancy()', () => {
  test("reads node's flat loginmethods shape for the tenant", async () => {
    const auth = client({ recipes: [multitenancy()] })
    const seen = answer('get', '/auth/acme/loginmethods', () =>
      HttpResponse.json({
        status: 'OK',
        emailPassword: { enabled: true },
        thirdParty: { enabled: true, providers: [{ id: 'google', name: 'Google' }, { id: 'github' }, { bad: 1 }] },
        passwordless: { enabled: false },
        webauthn: { enabled: false },
        firstFactors: ['emailpassword', 'thirdparty'],
      }),
    )
    expect(await auth.getLoginMethods({ tenantId: 'acme' })).toEqual({
      status: 'OK',
      firstFactors: ['emailpassword', 'thirdparty'],
      providers: [
        { id: 'google', name: 'Google' },
        { id: 'github', name: undefined },
      ],
    })
    expect(seen[0]!.headers.rid).toBe('multitenancy')
  })

  test('derives first factors for backends that send none (before FDI 1.19)', async () => {
    const auth = client({ recipes: [multitenancy()] })
    answer('get', '/auth/loginmethods', () =>
      HttpResponse.json({
        status: 'OK',
        emailPassword: { enabled: false },
        thirdParty: { enabled: false, providers: [] },
        passwordless: { enabled: true },
      }),
    )
    expect((await auth.getLoginMethods()).status === 'OK' && (await auth.getLoginMethods())).toMatchObject({
      firstFactors: ['otp-email', 'otp-phone', 'link-email', 'link-phone'],
    })
  })

  test('a backend without the recipe (404) rejects, so a page can fall back to its static methods', async () => {
    const auth = client({ recipes: [multitenancy()] })
    answer('get', '/auth/loginmethods', () => new HttpResponse('Not found', { status: 404 }))
    await expect(auth.getLoginMethods()).rejects.toBeInstanceOf(AuthError)
  })
})

describe('retries after a failure', () => {
  test('a magic link whose consume failed (network) can be consumed again; an answer is shared', async () => {
    const auth = client({ recipes: [passwordless({ contactMethod: 'EMAIL' })] })
    const url = `${SITE}/auth/verify?preAuthSessionId=P#L`
    answer('post', '/auth/signinup/code/consume', () => HttpResponse.error())
    await expect(auth.passwordless.consumeMagicLink({ url })).rejects.toMatchObject({ kind: 'network' })
    const seen = answer('post', '/auth/signinup/code/consume', () =>
      HttpResponse.json({ status: 'RESTART_FLOW_ERROR' }),
    )
    expect(await auth.passwordless.consumeMagicLink({ url })).toEqual({ status: 'RESTART_FLOW_ERROR' })
    expect(await auth.passwordless.consumeMagicLink({ url })).toEqual({ status: 'RESTART_FLOW_ERROR' })
    expect(seen).toHaveLength(1)
  })
})
