// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderToString } from 'react-dom/server'
import type { ReactElement } from 'react'
import { createAuthClient } from 'authfront'
import { AuthProvider, EmailVerification, ResetPassword, SessionAuth, SignInUp, useSession } from 'authfront/react'

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
