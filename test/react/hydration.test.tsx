// @vitest-environment jsdom
/**
 * Default ids are per screen instance and the same on the server and the hydrating client: two screens rendered
 * by the server hydrate without a mismatch and keep their distinct ids.
 */
import { act } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createAuthClient,
  createMemoryCookieJar,
  createMemoryLock,
  createMemoryStorage,
  passwordless,
  thirdParty,
} from 'authfront'
import { AuthPage, AuthProvider, EmailVerification, ResetPassword, SignInUp } from 'authfront/react'
import { ADA, createCase, useContractServer } from '../contract'
import { HYDRATION_PAGES } from '../contract/hydrationPages'

describe('hydration of two screens', () => {
  it('keeps the server ids, unique per screen, with no hydration error', async () => {
    const client = createAuthClient({
      apiDomain: 'http://api.test',
      platform: {
        fetch: vi.fn<typeof fetch>(),
        cookies: createMemoryCookieJar(),
        storage: createMemoryStorage(),
        lock: createMemoryLock(),
        broadcast: () => undefined,
      },
    })
    const app = (
      <AuthProvider client={client}>
        <SignInUp navigate={() => {}} search="" />
        <ResetPassword navigate={() => {}} search="" />
      </AuthProvider>
    )
    const container = document.body.appendChild(document.createElement('div'))
    container.innerHTML = renderToString(app)
    const serverIds = [...container.querySelectorAll('[id]')].map((element) => element.id)
    expect(new Set(serverIds).size).toBe(serverIds.length)
    const onRecoverableError = vi.fn()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const root = await act(async () => hydrateRoot(container, app, { onRecoverableError }))
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
    expect([...container.querySelectorAll('[id]')].map((element) => element.id)).toEqual(serverIds)
    for (const input of container.querySelectorAll('input[data-af-input]')) {
      expect(container.querySelectorAll(`label[for="${input.id}"]`)).toHaveLength(1)
    }
    act(() => root.unmount())
    error.mockRestore()
  })
})

/**
 * Every URL a user lands on from an email or a provider, hydrated in the two ways an app can render it: the URL
 * given as props on the server and in the browser (Next.js `searchParams` / `useSearchParams()`), or not given at
 * all (the server knows no URL; the browser reads `location` once hydration is over).
 */
describe('hydration of the auth pages at their URLs', () => {
  useContractServer()

  afterEach(() => window.history.replaceState(null, '', '/'))

  it.each(
    HYDRATION_PAGES.flatMap(([name, url, after]) => [
      [name, url, 'props', after] as const,
      [name, url, 'location', after] as const,
    ]),
  )(
    '%s (%s), URL from %s: no hydration error, then the page of the URL, a token used once',
    async (_, url, source, after) => {
      const c = await createCase({
        emailVerification: 'optional',
        recipes: [
          thirdParty({ providers: ['google'], storage: createMemoryStorage() }),
          passwordless({ contactMethod: 'EMAIL' }),
        ],
      })
      const { pathname, search } = new URL(url, 'https://app.test')
      const props = source === 'props' ? { pathname, search, url: `https://app.test${url}` } : {}
      const app = (
        <AuthProvider client={c.client}>
          <AuthPage navigate={c.navigate} {...props} />
        </AuthProvider>
      )
      const container = document.body.appendChild(document.createElement('div'))
      container.innerHTML = renderToString(app)
      window.history.replaceState(null, '', url)
      const onRecoverableError = vi.fn()
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      const root = await act(async () => hydrateRoot(container, app, { onRecoverableError }))
      await vi.waitFor(() => expect(container.innerHTML).toMatch(after))
      await new Promise((resolve) => setTimeout(resolve, 20))
      error.mockRestore()
      expect(onRecoverableError).not.toHaveBeenCalled()
      expect(error.mock.calls.map((call) => String(call[0]))).toEqual([])
      expect(c.requestsTo('/user/email/verify', 'POST').length).toBeLessThanOrEqual(1)
      expect(c.requestsTo('/signinup/code/consume', 'POST').length).toBeLessThanOrEqual(1)
      expect(c.requestsTo('/signinup', 'POST').length).toBeLessThanOrEqual(1)
      // Only the page of the URL ran: the server URL's page (no token: "sign in first") sent nobody away.
      expect(c.navigate).not.toHaveBeenCalled()
      if (url.includes('token=VERIFY')) expect(c.requestsTo('/user/email/verify', 'POST')).toHaveLength(1)
      act(() => root.unmount())
      container.remove()
    },
  )

  it('starts only the flow of the URL: hydrating EmailVerification at ?token= signed in checks no verification status', async () => {
    const c = await createCase({ emailVerification: 'optional', signInAs: ADA })
    const app = (
      <AuthProvider client={c.client}>
        <EmailVerification navigate={c.navigate} />
      </AuthProvider>
    )
    const container = document.body.appendChild(document.createElement('div'))
    container.innerHTML = renderToString(app)
    window.history.replaceState(null, '', '/auth/verify-email?token=VERIFY')
    const root = await act(async () => hydrateRoot(container, app))
    await vi.waitFor(() => expect(container.innerHTML).toMatch(/data-af-screen="(success|invalidToken)"/))
    await new Promise((resolve) => setTimeout(resolve, 20))
    // The server's URL had no token: its flow would have asked whether the email is verified (GET), then offered
    // to send an email.
    expect(c.requestsTo('/user/email/verify', 'GET')).toEqual([])
    expect(c.requestsTo('/user/email/verify', 'POST')).toHaveLength(1)
    act(() => root.unmount())
    container.remove()
  })
})
