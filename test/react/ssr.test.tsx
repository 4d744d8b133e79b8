// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderToString } from 'react-dom/server'
import type { ReactElement } from 'react'
import { createAuthClient } from 'authfront'
import {
  AuthProvider,
  EmailVerification,
  ResetPassword,
  SessionAuth,
  SignInUp,
  TryRefresh,
  useSession,
} from 'authfront/react'

function Status() {
  return <p>status: {useSession((state) => state.status)}</p>
}

const screens: [string, ReactElement, RegExp][] = [
  ['SignInUp', <SignInUp key="a" />, /<form[^>]*data-af-form/],
  ['ResetPassword', <ResetPassword key="b" search="?token=abc" />, /Set a new password/],
  ['EmailVerification', <EmailVerification key="c" />, /Verify your email/],
  [
    'SessionAuth',
    <SessionAuth key="d" fallback={<p>wait</p>}>
      secret
    </SessionAuth>,
    /<p>wait<\/p>/,
  ],
  ['useSession', <Status key="e" />, /status: (<!-- -->)?loading/],
  ['TryRefresh', <TryRefresh key="f">Refreshing your session</TryRefresh>, /^Refreshing your session$/],
]

afterEach(() => vi.restoreAllMocks())

describe('server rendering', () => {
  it.each(screens)('renders %s without a window and makes no request', async (_, element, expected) => {
    expect(typeof window).toBe('undefined')
    const globalFetch = vi.spyOn(globalThis, 'fetch')
    const fetch = vi.fn<typeof globalThis.fetch>()
    const client = createAuthClient({ apiDomain: 'http://api.test', platform: { fetch } })
    const html = renderToString(<AuthProvider client={client}>{element}</AuthProvider>)
    expect(html).toMatch(expected)
    expect(html).not.toContain('secret')
    await Promise.resolve()
    expect(fetch).not.toHaveBeenCalled()
    expect(globalFetch).not.toHaveBeenCalled()
  })
})

describe('server rendering of a second-factor page', () => {
  it('renders the loading state of /auth/mfa/totp and asks the backend nothing', async () => {
    const { AuthPage } = await import('authfront/react')
    const { mfaUi } = await import('../../src/flows/mfa')
    const { MFA_UI } = await import('../../src/flows/recipeUi')
    const fetch = vi.fn<typeof globalThis.fetch>()
    const getInfo = vi.fn()
    const client = Object.assign(createAuthClient({ apiDomain: 'http://api.test', platform: { fetch } }), {
      multiFactor: { factors: ['totp'], getInfo, getClaim: vi.fn(), nextPath: vi.fn() },
      [MFA_UI]: mfaUi,
    })
    const html = renderToString(
      <AuthProvider client={client}>
        <AuthPage pathname="/auth/mfa/totp" />
      </AuthProvider>,
    )
    expect(html).toMatch(/data-af-root="mfa" data-af-screen="loading"/)
    expect(html).toContain('Loading…')
    await Promise.resolve()
    expect(getInfo).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
  })
})
