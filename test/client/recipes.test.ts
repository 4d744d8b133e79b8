import { http, HttpResponse } from 'msw'
import { describe, expect, test } from 'vitest'
import { AuthError, createAuthClient } from 'authfront'
import { answer, API, client, server } from './recipeServer'

describe('URLs, headers and bodies', () => {
  test('sign-up sends custom fields and the tenant segment (omitted for public)', async () => {
    const seen = answer('post', '/auth/:tenant/signup', () =>
      HttpResponse.json({ status: 'FIELD_ERROR', formFields: [{ id: 'name', error: 'Too short' }] }),
    )
    const result = await client().emailPassword.signUp({
      email: 'a@x.test',
      password: 'pw',
      fields: { name: 'A', age: 3 },
      tenantId: 'acme',
    })
    expect(result).toEqual({ status: 'FIELD_ERROR', fieldErrors: { name: 'Too short' } })
    expect(seen[0]!.url).toBe(`${API}/auth/acme/signup`)
    expect(JSON.parse(seen[0]!.body)).toEqual({
      formFields: [
        { id: 'email', value: 'a@x.test' },
        { id: 'password', value: 'pw' },
        { id: 'name', value: 'A' },
        { id: 'age', value: 3 },
      ],
      shouldTryLinkingWithSessionUser: false,
    })
    const pub = answer('post', '/auth/signup', () =>
      HttpResponse.json({ status: 'SIGN_UP_NOT_ALLOWED', reason: 'nope (ERR_CODE_007)' }),
    )
    expect(await client().emailPassword.signUp({ email: 'a@x.test', password: 'pw', tenantId: 'public' })).toEqual({
      status: 'SIGN_UP_NOT_ALLOWED',
      reason: 'nope (ERR_CODE_007)',
    })
    expect(pub[0]!.url).toBe(`${API}/auth/signup`)
  })

  test('field errors keyed __proto__ or constructor arrive as own entries of a prototype-free record', async () => {
    answer('post', '/auth/signup', () =>
      HttpResponse.json({
        status: 'FIELD_ERROR',
        formFields: [
          { id: '__proto__', error: 'Bad proto' },
          { id: 'constructor', error: 'Bad constructor' },
        ],
      }),
    )
    const result = await client().emailPassword.signUp({ email: 'a@x.test', password: 'pw' })
    if (result.status !== 'FIELD_ERROR') throw new Error(result.status)
    const { fieldErrors } = result
    expect(Object.entries(fieldErrors)).toEqual([
      ['__proto__', 'Bad proto'],
      ['constructor', 'Bad constructor'],
    ])
    expect(Object.getPrototypeOf(fieldErrors)).toBeNull()
    expect(Object.hasOwn(fieldErrors, 'toString')).toBe(false)
  })

  test('emailExists: GET with the encoded email, rid emailpassword, fdi-version, content-type', async () => {
    const seen = answer('get', '/auth/emailpassword/email/exists', () =>
      HttpResponse.json({ status: 'OK', exists: true }),
    )
    expect(await client().emailPassword.emailExists('a+b@x.test')).toBe(true)
    expect(seen[0]!.url).toBe(`${API}/auth/emailpassword/email/exists?email=a%2Bb%40x.test`)
    expect(seen[0]!.headers).toMatchObject({
      rid: 'emailpassword',
      'fdi-version': '3.1,4.0,4.1,4.2',
      'content-type': 'application/json',
      'st-auth-mode': 'cookie',
    })
    expect(seen[0]!.body).toBe('')
  })

  test('sign-in statuses map to the typed union', async () => {
    answer('post', '/auth/signin', () => HttpResponse.json({ status: 'SIGN_IN_NOT_ALLOWED', reason: 'ERR_CODE_008' }))
    expect(await client().emailPassword.signIn({ email: 'a@x.test', password: 'pw' })).toEqual({
      status: 'SIGN_IN_NOT_ALLOWED',
      reason: 'ERR_CODE_008',
    })
    answer('post', '/auth/signin', () => HttpResponse.json({ status: 'GENERAL_ERROR', message: 'Custom failure' }))
    expect(await client().emailPassword.signIn({ email: 'a@x.test', password: 'pw' })).toEqual({
      status: 'GENERAL_ERROR',
      message: 'Custom failure',
    })
  })

  test('email verification calls use rid emailverification; verify takes the tenant segment', async () => {
    const seen = answer('post', '/auth/acme/user/email/verify', () =>
      HttpResponse.json({ status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' }),
    )
    expect(await client().emailVerification.verify('tok', { tenantId: 'acme' })).toEqual({
      status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR',
    })
    expect(seen[0]!.headers.rid).toBe('emailverification')
    expect(JSON.parse(seen[0]!.body)).toEqual({ method: 'token', token: 'tok' })
  })

  test('password reset request: PASSWORD_RESET_NOT_ALLOWED keeps the reason', async () => {
    answer('post', '/auth/user/password/reset/token', () =>
      HttpResponse.json({ status: 'PASSWORD_RESET_NOT_ALLOWED', reason: 'ERR_CODE_001' }),
    )
    expect(await client().emailPassword.sendPasswordResetEmail('a@x.test')).toEqual({
      status: 'PASSWORD_RESET_NOT_ALLOWED',
      reason: 'ERR_CODE_001',
    })
  })
})

describe('failures are AuthError with a kind, never a raw TypeError', () => {
  const signIn = () => client().emailPassword.signIn({ email: 'a@x.test', password: 'pw' })
  test.each([
    ['500 text', 'server', () => new HttpResponse('Internal Error', { status: 500 })],
    ['503 JSON', 'server', () => HttpResponse.json({ message: 'down' }, { status: 503 })],
    [
      '200 HTML',
      'protocol',
      () => new HttpResponse('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ],
    ['200 empty', 'protocol', () => new HttpResponse(null, { status: 200 })],
    ['200 array', 'protocol', () => HttpResponse.json([1])],
    ['unknown status', 'protocol', () => HttpResponse.json({ status: 'WHAT' })],
    ['OK without user', 'protocol', () => HttpResponse.json({ status: 'OK' })],
    ['FIELD_ERROR without formFields', 'protocol', () => HttpResponse.json({ status: 'FIELD_ERROR' })],
    [
      '400 with message',
      'protocol',
      () => HttpResponse.json({ message: 'Are you sending too many formFields?' }, { status: 400 }),
    ],
    ['network error', 'network', () => HttpResponse.error()],
  ] as const)('%s → %s', async (_, kind, respond) => {
    answer('post', '/auth/signin', respond)
    const error = await signIn().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).kind).toBe(kind)
    if (kind !== 'network') expect((error as AuthError).response).toBeInstanceOf(Response)
  })

  test('the 400 message is the error message', async () => {
    answer('post', '/auth/signin', () =>
      HttpResponse.json({ message: 'Missing input param: formFields' }, { status: 400 }),
    )
    await expect(signIn()).rejects.toMatchObject({ message: 'Missing input param: formFields' })
  })

  test('emailExists and isVerified turn GENERAL_ERROR into AuthError kind server', async () => {
    answer('get', '/auth/emailpassword/email/exists', () =>
      HttpResponse.json({ status: 'GENERAL_ERROR', message: 'x' }),
    )
    await expect(client().emailPassword.emailExists('a@x.test')).rejects.toMatchObject({ kind: 'server', message: 'x' })
  })

  test('a session-required call without a session rejects with kind session', async () => {
    answer('post', '/auth/user/email/verify/token', () =>
      HttpResponse.json({ message: 'unauthorised' }, { status: 401 }),
    )
    await expect(client().emailVerification.sendEmail()).rejects.toMatchObject({ kind: 'session' })
  })
})

describe('tenant ids and session headers', () => {
  test.each(['..', '.', 'a/b', 'Acme', '%2e%2e', ''])(
    'tenantId %j rejects with kind config and sends nothing',
    async (tenantId) => {
      const seen: string[] = []
      server.use(http.all(`${API}/*`, ({ request }) => void seen.push(request.url)))
      const error = await client()
        .emailPassword.signIn({ email: 'a@x.test', password: 'pw', tenantId })
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AuthError)
      expect((error as AuthError).kind).toBe('config')
      expect(seen).toEqual([])
    },
  )

  test('a sign-in OK without a readable front-token rejects (protocol) and sets store.error', async () => {
    // The backend created a session (httpOnly cookies) but CORS hid front-token: signed in there, not here.
    answer('post', '/auth/signin', () =>
      HttpResponse.json({ status: 'OK', user: { id: 'u1', emails: ['a@x.test'], timeJoined: 1 } }),
    )
    const auth = client()
    const error = await auth.emailPassword.signIn({ email: 'a@x.test', password: 'pw' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).kind).toBe('protocol')
    expect((error as AuthError).message).toContain('Access-Control-Expose-Headers')
    expect(auth.store.getState().error).toBe(error)
  })
})

describe('shouldIntercept', () => {
  test('judges with the client config and the platform origin (relative URLs), for any input type', () => {
    const onApi = createAuthClient({ apiDomain: API, platform: { origin: () => API } })
    const elsewhere = createAuthClient({ apiDomain: API, platform: { origin: () => 'http://app.test' } })
    expect(onApi.shouldIntercept('/api/me')).toBe(true)
    expect(elsewhere.shouldIntercept('/api/me')).toBe(false)
    expect(elsewhere.shouldIntercept(new URL(`${API}/api/me`))).toBe(true)
    expect(elsewhere.shouldIntercept(new Request(`${API}:8080/x`))).toBe(true)
    expect(elsewhere.shouldIntercept('http://other.test/x')).toBe(false)
    expect(elsewhere.shouldIntercept(`${API}/x?superTokensDoNotDoInterception`)).toBe(false)
  })
})
