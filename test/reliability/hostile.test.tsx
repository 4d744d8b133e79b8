// @vitest-environment jsdom
/**
 * Hostile input through the real React components and client: attacker-controlled `redirectToPath` never sends the
 * user off-origin, server-supplied messages render as text (never HTML), and no secret (session tokens, front
 * token, anti-CSRF token, password) ever reaches the console during a whole journey.
 */
import { inspect } from 'node:util'
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, waitFor } from '@testing-library/react'
import { configure } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { AuthProvider, ResetPassword, SignInUp } from 'authfront/react'
import { createSafeStorage } from 'authfront'
import { startSignedIn } from 'authfront/mock'
import { ADA, installServer, settle, setup, watchUnhandledRejections } from './helpers'
import type { Setup } from './helpers'

configure({ asyncUtilTimeout: 5000 })
vi.setConfig({ testTimeout: 20_000 })
const server = installServer()
watchUnhandledRejections()
afterEach(() => cleanup())

const ORIGIN = 'https://app.example'
const input = (id: string) => document.querySelector(`[data-af-input][name="${id}"]`) as HTMLInputElement
const submitButton = () => document.querySelector('[data-af-submit]') as HTMLButtonElement

/** True when following `path` from a page on ORIGIN stays on ORIGIN, also after the decodings a router may do. */
function staysOnOrigin(path: string): boolean {
  let candidate = path
  for (let round = 0; round < 3; round++) {
    if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return false
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(candidate)) return false
    const resolved = new URL(candidate, ORIGIN)
    if (resolved.origin !== ORIGIN) return false
    // Dot segments the browser removes can leave a protocol-relative path, which a server's relative redirect
    // (a trailing-slash fix) turns into another host.
    if (resolved.pathname.startsWith('//') || resolved.pathname.includes('\\')) return false
    let next: string
    try {
      next = decodeURIComponent(candidate)
    } catch {
      return false
    }
    if (next === candidate) return true
    candidate = next
  }
  return true
}

describe('redirectToPath never navigates off-origin (real SignInUp success path)', () => {
  const hostile = [
    '//evil.example',
    '//evil.example/path',
    'https://evil.example',
    'HTTPS://evil.example',
    'https:evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '%2F%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%2F/evil.example',
    '/%5Cevil.example',
    '/%5C%5Cevil.example',
    '/%252F%252Fevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/%09/evil.example',
    '/%0a/evil.example',
    ' //evil.example',
    '\t//evil.example',
    '/' + 'a'.repeat(5000),
    '/' + 'a'.repeat(2100) + '//evil.example',
    '／／evil.example',
    '/..//evil.example',
    '/..//evil.example/x',
    '/.//evil.example/x',
    '/%2e%2e//evil.example/x',
    '/%2E//evil.example/x',
    '/a/..//evil.example/x',
    '/%252e%252e//evil.example/x',
    '/%2e%2e/%2fevil.example/x',
  ]

  const signInThroughTheForm = async (s: Setup, props: Record<string, unknown>) => {
    const navigate = vi.fn<(path: string) => void>()
    render(
      <AuthProvider client={s.client}>
        <SignInUp navigate={navigate} checkEmailExists={false} {...props} />
      </AuthProvider>,
    )
    await waitFor(() => expect(s.client.store.getState().status).toBe('signedOut'))
    const user = userEvent.setup({ delay: null })
    await user.type(input('email'), ADA.email)
    await user.type(input('password'), ADA.password)
    await user.click(submitButton())
    await waitFor(() => expect(navigate).toHaveBeenCalled())
    return navigate.mock.calls.map(([path]) => path)
  }

  it('control: a same-origin path with query and hash is honoured', async () => {
    const s = setup(server)
    const paths = await signInThroughTheForm(s, { search: `?redirectToPath=${encodeURIComponent('/account?tab=1#x')}` })
    expect(paths).toEqual(['/account?tab=1#x'])
  })

  // Typed sign-in for the values of the brief (each takes a full render + typing); the loops below cover all.
  const typed = [
    '//evil.example',
    'https://evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/' + 'a'.repeat(5000),
    '/%252F%252Fevil.example',
    '/..//evil.example/x',
    '/%2e%2e//evil.example/x',
  ]
  it.each(typed.map((value) => [JSON.stringify(value).slice(0, 60), value]))(
    'from the URL: %s',
    async (_name, value) => {
      const s = setup(server)
      const paths = await signInThroughTheForm(s, { search: `?redirectToPath=${encodeURIComponent(value)}` })
      expect(paths).toHaveLength(1)
      expect(staysOnOrigin(paths[0]!), `navigated to ${JSON.stringify(paths[0])}`).toBe(true)
    },
  )

  it('from the URL without encoding (as pasted): every hostile value', async () => {
    for (const value of hostile.filter((v) => !/[\s#&]/.test(v))) {
      const s = setup(server)
      const navigate = vi.fn<(path: string) => void>()
      startSignedIn(s.backend, { email: ADA.email, cookies: s.cookies })
      const view = render(
        <AuthProvider client={s.client}>
          <SignInUp navigate={navigate} search={`?redirectToPath=${value}`} />
        </AuthProvider>,
      )
      // Signed in already: the screen redirects at once (docs/PROTOCOL.md §5.11).
      await waitFor(() => expect(navigate).toHaveBeenCalled())
      const path = navigate.mock.calls[0]![0]
      expect(staysOnOrigin(path), `${JSON.stringify(value)} → ${JSON.stringify(path)}`).toBe(true)
      view.unmount()
    }
  })

  it('as the redirectToPath prop and through the verify-email detour: every hostile value', async () => {
    for (const value of hostile) {
      const s = setup(server, {
        backend: { emailVerification: 'required' },
        client: { emailVerification: 'required' },
      })
      startSignedIn(s.backend, { email: ADA.email, cookies: s.cookies })
      const navigate = vi.fn<(path: string) => void>()
      const view = render(
        <AuthProvider client={s.client}>
          <SignInUp navigate={navigate} search="" redirectToPath={value} />
        </AuthProvider>,
      )
      await waitFor(() => expect(navigate).toHaveBeenCalled())
      const path = navigate.mock.calls[0]![0]
      // Unverified: goes to verify-email, carrying redirectToPath only when it is safe.
      expect(path.startsWith('/auth/verify-email')).toBe(true)
      const carried = new URL(path, ORIGIN).searchParams.get('redirectToPath')
      if (carried !== null) expect(staysOnOrigin(carried), `${JSON.stringify(value)} → ${path}`).toBe(true)
      view.unmount()
    }
  })
})

describe('server messages render as text, never as HTML', () => {
  const MARKUP = '<img src=x onerror=alert(1)>'
  const MARKUP2 = '<script>alert(2)</script><b>bold</b>'

  const cases: Array<[string, 'signIn' | 'signUp', string, unknown]> = [
    ['GENERAL_ERROR message (sign-in)', 'signIn', '/signin', { status: 'GENERAL_ERROR', message: MARKUP }],
    ['SIGN_IN_NOT_ALLOWED reason', 'signIn', '/signin', { status: 'SIGN_IN_NOT_ALLOWED', reason: MARKUP }],
    ['SIGN_UP_NOT_ALLOWED reason', 'signUp', '/signup', { status: 'SIGN_UP_NOT_ALLOWED', reason: MARKUP }],
    ['GENERAL_ERROR message (sign-up)', 'signUp', '/signup', { status: 'GENERAL_ERROR', message: MARKUP }],
    [
      'FIELD_ERROR texts (on-screen and unknown fields)',
      'signUp',
      '/signup',
      {
        status: 'FIELD_ERROR',
        formFields: [
          { id: 'email', error: MARKUP },
          { id: 'password', error: MARKUP2 },
          { id: 'notOnScreen', error: MARKUP },
        ],
      },
    ],
    [
      'FIELD_ERROR texts (sign-in)',
      'signIn',
      '/signin',
      { status: 'FIELD_ERROR', formFields: [{ id: 'email', error: MARKUP2 }] },
    ],
    ['400 with a markup message', 'signIn', '/signin', { message: MARKUP }],
  ]

  for (const [name, screenName, match, body] of cases) {
    it(name, async () => {
      const s = setup(server)
      const alert = vi.fn()
      window.alert = alert
      const navigate = vi.fn()
      const { container } = render(
        <AuthProvider client={s.client}>
          <SignInUp navigate={navigate} search="" initialScreen={screenName} checkEmailExists={false} />
        </AuthProvider>,
      )
      await waitFor(() => expect(s.client.store.getState().status).toBe('signedOut'))
      const user = userEvent.setup({ delay: null })
      await user.type(input('email'), 'mallory@example.com')
      await user.type(input('password'), 'password1')
      s.backend.controls.failNext({ match, status: name.startsWith('400') ? 400 : 200, body })
      await user.click(submitButton())
      await waitFor(() => expect(container.querySelector('[data-af-form-error], [data-af-field-error]')).not.toBeNull())
      // The screens' own icons are inline SVG; nothing the server sent may become an element.
      expect(container.querySelector('img, script, b, iframe')).toBeNull()
      const text = container.textContent ?? ''
      if (!name.startsWith('400')) expect(text.includes(MARKUP) || text.includes(MARKUP2)).toBe(true)
      expect(alert).not.toHaveBeenCalled()
      expect(navigate).not.toHaveBeenCalled()
    })
  }

  it('ResetPassword: GENERAL_ERROR message and PASSWORD_RESET_NOT_ALLOWED reason', async () => {
    for (const body of [
      { status: 'GENERAL_ERROR', message: MARKUP },
      { status: 'PASSWORD_RESET_NOT_ALLOWED', reason: MARKUP },
    ]) {
      const s = setup(server)
      const { container, unmount } = render(
        <AuthProvider client={s.client}>
          <ResetPassword navigate={vi.fn()} search="" />
        </AuthProvider>,
      )
      const user = userEvent.setup({ delay: null })
      await user.type(input('email'), 'mallory@example.com')
      s.backend.controls.failNext({ match: '/user/password/reset/token', status: 200, body })
      await user.click(submitButton())
      await waitFor(() => expect(container.querySelector('[data-af-form-error]')).not.toBeNull())
      expect(container.querySelector('img')).toBeNull()
      expect(container.textContent).toContain(MARKUP)
      unmount()
    }
  })
})

describe('no secret ever reaches the console', () => {
  const METHODS = [
    'log',
    'info',
    'warn',
    'error',
    'debug',
    'trace',
    'dir',
    'dirxml',
    'table',
    'group',
    'groupCollapsed',
    'assert',
    'count',
    'timeLog',
  ] as const

  function spyConsole() {
    const calls: unknown[][] = []
    const spies = METHODS.map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void calls.push(args)),
    )
    return { calls, restore: () => spies.forEach((spy) => spy.mockRestore()) }
  }

  /** Every token value the backend handed out, read off the wire. */
  function collectSecrets(s: Setup) {
    const secrets = new Set<string>()
    server.events.on('response:mocked', ({ response }) => {
      for (const name of ['front-token', 'st-access-token', 'st-refresh-token', 'anti-csrf']) {
        const value = response.headers.get(name)
        if (value !== null && value !== '' && value !== 'remove') secrets.add(value)
      }
      for (const cookie of response.headers.getSetCookie()) {
        const value = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1).split(';')[0] ?? '')
        if (value !== '') secrets.add(value)
      }
    })
    return () => {
      for (const cookie of s.backend.cookies.list()) secrets.add(cookie.value)
      return [...secrets]
    }
  }

  it('a whole journey in cookie and header mode, with failures, theft and a throwing listener', async () => {
    const consoleSpy = spyConsole()
    const password = 'S3cret-pässwörd'
    const allSecrets: string[] = [password]
    try {
      for (const mode of ['cookie', 'header'] as const) {
        const s = setup(server, {
          backend: { antiCsrf: 'VIA_TOKEN', signUpFields: [] },
          client: { tokenTransferMethod: mode },
          storage: createSafeStorage(() => {
            throw new DOMException('The operation is insecure.', 'SecurityError')
          }),
        })
        const secrets = collectSecrets(s)
        s.client.on('REFRESH_SESSION', () => {
          throw new Error('listener bug')
        })
        // Sign up through the UI.
        const navigate = vi.fn()
        const view = render(
          <AuthProvider client={s.client}>
            <SignInUp navigate={navigate} search="" initialScreen="signUp" />
          </AuthProvider>,
        )
        const user = userEvent.setup({ delay: null })
        await user.type(input('email'), `${mode}@example.com`)
        await user.click(input('password'))
        await user.type(input('password'), password)
        await user.click(submitButton())
        await waitFor(() => expect(navigate).toHaveBeenCalled())
        view.unmount()
        // Calls, a known expiry, a server-side expiry, failures of every kind.
        expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
        s.clock.advance(3_600_000 + 1000)
        expect((await s.client.doFetch(`${s.api}/api/me`, { method: 'GET' })).status).toBe(200)
        s.backend.controls.expireAccessTokens()
        expect((await s.client.doFetch(`${s.api}/api/me`)).status).toBe(200)
        s.backend.controls.networkErrorNext({ match: '/session/refresh' })
        await settle(s.client.session.refresh())
        s.backend.controls.failNext({ match: '/session/refresh' })
        await settle(s.client.session.refresh())
        s.backend.controls.dropFrontTokenOnRefresh()
        await settle(s.client.session.refresh())
        s.backend.controls.dropFrontTokenOnRefresh(false)
        await settle(s.client.emailPassword.signIn({ email: `${mode}@example.com`, password: 'wrong-password1' }))
        await s.client.session.signOut()
        await s.client.emailPassword.signIn({ email: `${mode}@example.com`, password })
        // Theft: replay a superseded refresh token.
        const old =
          mode === 'header'
            ? s.cookies.cookies.get('st-refresh-token')
            : s.backend.cookies.get('sRefreshToken', '/auth/session/refresh')
        await s.client.session.refresh()
        if (mode === 'header') s.cookies.write('st-refresh-token', old, Infinity)
        else
          s.backend.cookies.set({
            name: 'sRefreshToken',
            value: old!,
            path: '/auth/session/refresh',
            expiresAt: s.clock.now() + 3_600_000,
          })
        await s.client.session.refresh()
        expect(s.client.store.getState().status).toBe('signedOut')
        allSecrets.push(...secrets())
      }
    } finally {
      consoleSpy.restore()
    }
    // The journey did log (listener bug, storage warning): the check below looks at real output.
    expect(consoleSpy.calls.length).toBeGreaterThan(0)
    expect(allSecrets.length).toBeGreaterThan(10)
    const printed = consoleSpy.calls.map((args) =>
      args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 20, showHidden: true }))).join(' '),
    )
    const leaks = allSecrets.filter((secret) => secret.length >= 8 && printed.some((line) => line.includes(secret)))
    expect(leaks).toEqual([])
  })
})

describe('tenantId from the URL cannot move credential requests', () => {
  // Regression (fixed): the requester built `apiBase + '/' + encodeURIComponent(tenantId) + path`, which leaves `.`
  // alone, so `?tenantId=..` on the auth page yielded `{apiDomain}/auth/../signin`, normalised by fetch to
  // `{apiDomain}/signin`: the credentials went outside apiBasePath, to a path the attacker's link chose. Now flows
  // ignore a URL tenant id that is not a SuperTokens id (a-z, 0-9, -) and recipe calls reject it (kind config).
  it('?tenantId=.. keeps the sign-in POST under apiBasePath', async () => {
    const s = setup(server)
    const stray: string[] = []
    server.use(
      http.all(`${s.api}/*`, ({ request }) => {
        const path = new URL(request.url).pathname
        if (!path.startsWith('/auth/')) {
          stray.push(`${request.method} ${path}`)
          return HttpResponse.json({ status: 'WRONG_CREDENTIALS_ERROR' })
        }
        return undefined
      }),
    )
    const navigate = vi.fn()
    render(
      <AuthProvider client={s.client}>
        <SignInUp navigate={navigate} search="?tenantId=.." checkEmailExists={false} />
      </AuthProvider>,
    )
    await waitFor(() => expect(s.client.store.getState().status).toBe('signedOut'))
    const user = userEvent.setup({ delay: null })
    await user.type(input('email'), ADA.email)
    await user.type(input('password'), ADA.password)
    await user.click(submitButton())
    await waitFor(() => expect(submitButton().getAttribute('aria-busy')).toBe('false'))
    await waitFor(() => expect(s.paths.some((p) => p.startsWith('POST '))).toBe(true))
    expect(stray).toEqual([])
  })
})
