import { describe, expect, it } from 'vitest'
import { B, call, form, front, installServer, setCookies } from './helpers'

const { useBackend } = installServer()

describe('sign-up', () => {
  it('creates the user and a cookie session when st-auth-mode is cookie', async () => {
    const backend = useBackend()
    const res = await call('/signup', { body: form(' ada@example.com ', 'password1') })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.status).toBe('OK')
    expect(body.user).toMatchObject({
      isPrimaryUser: false,
      tenantIds: ['public'],
      emails: ['ada@example.com'],
      phoneNumbers: [],
      thirdParty: [],
      loginMethods: [{ recipeId: 'emailpassword', email: 'ada@example.com', verified: false, tenantIds: ['public'] }],
    })
    expect(backend.users.get('ada@example.com')?.id).toBe(body.user.id)
    const cookies = setCookies(res)
    expect(cookies['sAccessToken']).toMatch(
      /^sAccessToken=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/,
    )
    expect(cookies['sRefreshToken']).toMatch(/; Path=\/auth\/session\/refresh; Expires=.+; HttpOnly; SameSite=Lax$/)
    const accessExpires = Date.parse(/Expires=([^;]+)/.exec(cookies['sAccessToken']!)![1]!)
    expect(accessExpires - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000)
    expect(res.headers.get('st-access-token')).toBeNull()
    expect(res.headers.get('Access-Control-Expose-Headers')).toBe('front-token')
    const token = front(res)!
    expect(token.uid).toBe(body.user.id)
    expect(Object.keys(token.up)).toEqual([
      'iat',
      'exp',
      'sub',
      'tId',
      'rsub',
      'sessionHandle',
      'refreshTokenHash1',
      'parentRefreshTokenHash1',
      'antiCsrfToken',
      'iss',
    ])
    expect(token.up).toMatchObject({ sub: body.user.id, tId: 'public', rsub: body.user.id, iss: `${B}` })
    expect(token.ate).toBe(token.up.exp * 1000)
    expect(token.up.exp - token.up.iat).toBe(3600)
  })

  it('answers with st-* headers and no cookies when st-auth-mode is missing (docs/PROTOCOL.md §7 case 6)', async () => {
    useBackend()
    const res = await call('/signup', { body: form('ada@example.com', 'password1'), mode: null })
    expect(res.headers.getSetCookie()).toEqual([])
    expect(res.headers.get('st-access-token')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(res.headers.get('st-refresh-token')).toBeTruthy()
    expect(res.headers.get('Access-Control-Expose-Headers')).toBe('front-token, st-access-token, st-refresh-token')
  })

  it('sends the legacy user shape to an FDI 2.0 client', async () => {
    useBackend()
    const res = await call('/signup', {
      body: form('ada@example.com', 'password1'),
      headers: { 'fdi-version': '1.17,2.0' },
    })
    const { user } = await res.json()
    expect(Object.keys(user).sort()).toEqual(['email', 'id', 'timeJoined'])
  })

  it('rejects an existing email with the node FIELD_ERROR (case 3) and no session', async () => {
    useBackend({ users: [{ email: 'ada@example.com', password: 'password1' }] })
    const res = await call('/signup', { body: form('ada@example.com', 'password2') })
    expect(await res.json()).toEqual({
      status: 'FIELD_ERROR',
      formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }],
    })
    expect(res.headers.get('front-token')).toBeNull()
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it.each([
    ['', 'password1', [{ id: 'email', error: 'Field is not optional' }]],
    ['not-an-email', 'password1', [{ id: 'email', error: 'Email is invalid' }]],
    ['a@b.co', '', [{ id: 'password', error: 'Field is not optional' }]],
    [
      'a@b.co',
      'short1',
      [{ id: 'password', error: 'Password must contain at least 8 characters, including a number' }],
    ],
    [
      'a@b.co',
      `a1${'x'.repeat(98)}`,
      [{ id: 'password', error: "Password's length must be lesser than 100 characters" }],
    ],
    ['a@b.co', '12345678', [{ id: 'password', error: 'Password must contain at least one alphabet' }]],
    ['a@b.co', 'abcdefgh', [{ id: 'password', error: 'Password must contain at least one number' }]],
    [
      'bad',
      'bad',
      [
        { id: 'email', error: 'Email is invalid' },
        { id: 'password', error: 'Password must contain at least 8 characters, including a number' },
      ],
    ],
  ])('validates %j / %j with the default validators', async (email, password, formFields) => {
    useBackend()
    const res = await call('/signup', { body: form(email, password) })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'FIELD_ERROR', formFields })
  })

  it.each([
    [{}, 'Missing input param: formFields'],
    [{ formFields: 'x' }, 'formFields must be an array'],
    [{ formFields: [1] }, "All elements of formFields must contain an 'id' and 'value' field"],
    [{ formFields: [{ id: 'email' }] }, "All elements of formFields must contain an 'id' and 'value' field"],
    [
      {
        formFields: [
          { id: 'email', value: 1 },
          { id: 'password', value: 'password1' },
        ],
      },
      'email value must be a string',
    ],
    [form('a@b.co', 'password1', [{ id: 'name', value: 'Ada' }]), 'Are you sending too many formFields?'],
    ['{not json', 'API input error: Please make sure to pass a valid JSON input in the request body'],
  ])('answers 400 to malformed input %#', async (body, message) => {
    useBackend()
    const res = await call('/signup', { body })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ message })
  })

  it('accepts configured custom fields and keeps their values', async () => {
    const backend = useBackend({
      signUpFields: [
        { id: 'name', validate: (value) => (typeof value === 'string' && value.length > 1 ? undefined : 'Too short') },
        { id: 'age', optional: true },
      ],
    })
    const bad = await call('/signup', { body: form('a@b.co', 'password1') })
    expect(await bad.json()).toEqual({
      status: 'FIELD_ERROR',
      formFields: [{ id: 'name', error: 'Field is not optional' }],
    })
    const short = await call('/signup', { body: form('a@b.co', 'password1', [{ id: 'name', value: 'A' }]) })
    expect(await short.json()).toEqual({ status: 'FIELD_ERROR', formFields: [{ id: 'name', error: 'Too short' }] })
    const ok = await call('/signup', { body: form('a@b.co', 'password1', [{ id: 'name', value: 'Ada' }]) })
    expect((await ok.json()).status).toBe('OK')
    expect(backend.users.get('a@b.co')?.fields).toEqual({ name: 'Ada' })
  })
})

describe('sign-in', () => {
  it('signs a seeded user in, and answers WRONG_CREDENTIALS_ERROR otherwise (case 4)', async () => {
    useBackend({ users: [{ email: 'ada@example.com', password: 'password1', verified: true }] })
    const ok = await call('/signin', { body: form('ada@example.com', 'password1') })
    const body = await ok.json()
    expect(body.status).toBe('OK')
    expect(body.user.loginMethods[0].verified).toBe(true)
    expect(front(ok)?.uid).toBe(body.user.id)
    for (const [email, password] of [
      ['ada@example.com', 'wrong-pass1'],
      ['nobody@example.com', 'password1'],
    ] as const) {
      const res = await call('/signin', { body: form(email, password) })
      expect(await res.json()).toEqual({ status: 'WRONG_CREDENTIALS_ERROR' })
      expect(res.headers.get('front-token')).toBeNull()
    }
  })

  it('validates the email format but only the presence of the password', async () => {
    useBackend({ users: [{ email: 'ada@example.com', password: 'password1' }] })
    const res = await call('/signin', { body: form('nope', '') })
    expect(await res.json()).toEqual({
      status: 'FIELD_ERROR',
      formFields: [
        { id: 'email', error: 'Email is invalid' },
        { id: 'password', error: 'Field is not optional' },
      ],
    })
    const weak = await call('/signin', { body: form('ada@example.com', 'x') })
    expect(await weak.json()).toEqual({ status: 'WRONG_CREDENTIALS_ERROR' })
  })

  it('answers 400 without formFields (case 5)', async () => {
    useBackend()
    const res = await call('/signin', { body: {} })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ message: 'Missing input param: formFields' })
  })
})

describe('email exists', () => {
  it('answers on both paths, and 400 without the param', async () => {
    useBackend({ users: [{ email: 'ada@example.com', password: 'password1' }] })
    for (const path of ['/emailpassword/email/exists', '/signup/email/exists']) {
      const yes = await call(`${path}?email=${encodeURIComponent('ada@example.com')}`)
      expect(await yes.json()).toEqual({ status: 'OK', exists: true })
      const no = await call(`${path}?email=bob%40example.com`)
      expect(await no.json()).toEqual({ status: 'OK', exists: false })
      const missing = await call(path)
      expect(missing.status).toBe(400)
      expect(await missing.json()).toEqual({ message: 'Please provide the email as a GET param' })
    }
  })
})

describe('tenants', () => {
  it('accepts an optional tenant segment and keeps users per tenant', async () => {
    useBackend()
    const res = await call('/acme/signup', { body: form('ada@example.com', 'password1') })
    const body = await res.json()
    expect(body.user.tenantIds).toEqual(['acme'])
    expect(front(res)?.up.tId).toBe('acme')
    expect(await (await call('/acme/emailpassword/email/exists?email=ada%40example.com')).json()).toMatchObject({
      exists: true,
    })
    expect(await (await call('/emailpassword/email/exists?email=ada%40example.com')).json()).toMatchObject({
      exists: false,
    })
    expect(await (await call('/public/signin', { body: form('ada@example.com', 'password1') })).json()).toEqual({
      status: 'WRONG_CREDENTIALS_ERROR',
    })
    expect((await (await call('/acme/signin', { body: form('ada@example.com', 'password1') })).json()).status).toBe(
      'OK',
    )
  })
})

describe('unknown paths and disabled recipes', () => {
  it('answers express 404 pages', async () => {
    useBackend()
    const res = await call('/nope', { body: {} })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('<pre>Cannot POST /auth/nope</pre>')
    // Email verification is off by default: its endpoints do not exist.
    expect((await call('/user/email/verify')).status).toBe(404)
  })

  it('answers CORS preflights like the express cors middleware', async () => {
    useBackend()
    const res = await fetch(`${B}/signin`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000' } })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-allow-headers')).toContain('st-auth-mode')
  })
})

describe('email case and spaces, as supertokens-node normalises them', () => {
  const seeded = { users: [{ email: 'ada@example.com', password: 'password1' }] }

  it('sign-up of a differently cased email is "already exists"', async () => {
    const backend = useBackend(seeded)
    const body = await (await call('/signup', { body: form(' Ada@Example.COM ', 'password1') })).json()
    expect(body).toEqual({
      status: 'FIELD_ERROR',
      formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }],
    })
    expect(backend.users.list()).toHaveLength(1)
  })

  it('sign-up stores the lower-cased email; sign-in, email-exists and reset ignore case', async () => {
    const backend = useBackend()
    const signUp = await (await call('/signup', { body: form('Grace@Example.com', 'password1') })).json()
    expect(signUp.user.emails).toEqual(['grace@example.com'])
    expect((await (await call('/signin', { body: form('GRACE@example.COM ', 'password1') })).json()).status).toBe('OK')
    const exists = await (await call('/emailpassword/email/exists?email=%20GRACE%40EXAMPLE.COM')).json()
    expect(exists).toEqual({ status: 'OK', exists: true })
    const reset = { formFields: [{ id: 'email', value: 'Grace@EXAMPLE.com' }] }
    expect((await (await call('/user/password/reset/token', { body: reset })).json()).status).toBe('OK')
    expect(backend.outbox.latest({ type: 'reset-password' })?.to).toBe('grace@example.com')
  })

  it('seeds and the helper APIs normalise too', () => {
    const backend = useBackend({ users: [{ email: ' Ada@Example.com', password: 'password1' }] })
    expect(backend.users.list()[0]!.email).toBe('ada@example.com')
    expect(backend.users.get('ADA@example.com')?.email).toBe('ada@example.com')
    expect(() => backend.users.add({ email: 'ada@EXAMPLE.com', password: 'password1' })).toThrow(/already exists/)
  })
})
