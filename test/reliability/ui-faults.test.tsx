// @vitest-environment jsdom
/**
 * The real React SignInUp against the mock backend with failing controls: what the user typed survives every
 * failure (network, 500, malformed answers), the form shows a retryable error, and a second submit works.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { configure } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { AuthProvider, SignInUp } from 'authfront/react'
import { ADA, installServer, setup, watchUnhandledRejections } from './helpers'
import type { Setup } from './helpers'

configure({ asyncUtilTimeout: 5000 })
// Rendering + typing through a real client and MSW on a shared 2-core machine.
vi.setConfig({ testTimeout: 20_000 })
const server = installServer()
watchUnhandledRejections()
afterEach(() => cleanup())

function renderSignInUp(s: Setup, props: Record<string, unknown> = {}) {
  const navigate = vi.fn<(path: string) => void>()
  const view = render(
    <AuthProvider client={s.client}>
      <SignInUp navigate={navigate} search="" {...props} />
    </AuthProvider>,
  )
  return { navigate, view }
}

const input = (id: string) => document.querySelector(`[data-af-input][name="${id}"]`) as HTMLInputElement
const formError = () => document.querySelector('[data-af-form-error]')?.textContent ?? ''
const submitButton = () => document.querySelector('[data-af-submit]') as HTMLButtonElement

type Fault = [name: string, arm: (s: Setup, match: string) => void, message: RegExp]
const faults: Fault[] = [
  ['network error', (s, match) => s.backend.controls.networkErrorNext({ match }), /could not reach the server/i],
  ['500 with an HTML page', (s, match) => s.backend.controls.failNext({ match }), /server had a problem/i],
  [
    '200 with a malformed (non-JSON) body',
    (s, match) => s.backend.controls.failNext({ match, status: 200, body: '<html>captive portal</html>' }),
    /unexpected answer/i,
  ],
  [
    '200 with an unknown status',
    (s, match) => s.backend.controls.failNext({ match, status: 200, body: { status: 'SOMETHING_NEW' } }),
    /unexpected answer|went wrong/i,
  ],
  [
    '502 from a proxy with an empty body',
    (s, match) => s.backend.controls.failNext({ match, status: 502, body: '' }),
    /server had a problem/i,
  ],
]

describe.each(['signIn', 'signUp'] as const)('SignInUp %s', (screenName) => {
  for (const [name, arm, message] of faults) {
    it(`${name}: typed input kept, retryable error shown, second submit succeeds`, async () => {
      const s = setup(server)
      const user = userEvent.setup({ delay: null })
      const { navigate } = renderSignInUp(s, { initialScreen: screenName, checkEmailExists: false })
      await waitFor(() => expect(s.client.store.getState().status).toBe('signedOut'))
      const email = screenName === 'signIn' ? ADA.email : 'grace@example.com'
      const password = screenName === 'signIn' ? ADA.password : 'hopper123'
      await user.type(input('email'), email)
      await user.type(input('password'), password)
      arm(s, screenName === 'signIn' ? '/signin' : '/signup')
      s.mark()
      await user.click(submitButton())
      await waitFor(() => expect(formError()).toMatch(message))
      expect(input('email').value).toBe(email)
      expect(input('password').value).toBe(password)
      expect(submitButton().disabled).toBe(false)
      expect(submitButton().getAttribute('aria-busy')).toBe('false')
      expect(navigate).not.toHaveBeenCalled()
      expect(s.client.store.getState().status).toBe('signedOut')
      expect(s.paths).toHaveLength(1)
      // Retry with the same values, no retyping.
      await user.click(submitButton())
      await waitFor(() => expect(navigate).toHaveBeenCalledWith('/'))
      expect(s.client.store.getState().status).toBe('signedIn')
      expect(formError()).toBe('')
    })
  }
})

it('an error while checking "email exists" on blur does not block or clear the sign-up form', async () => {
  const s = setup(server)
  const user = userEvent.setup({ delay: null })
  const { navigate } = renderSignInUp(s, { initialScreen: 'signUp' })
  await waitFor(() => expect(s.client.store.getState().status).toBe('signedOut'))
  s.backend.controls.failNext({ match: '/emailpassword/email/exists' })
  await user.type(input('email'), 'grace@example.com')
  await user.click(input('password'))
  await waitFor(() => expect(s.count('/auth/emailpassword/email/exists')).toBe(1))
  await user.type(input('password'), 'hopper123')
  expect(input('email').value).toBe('grace@example.com')
  expect(document.querySelector('[data-af-field-error]')).toBeNull()
  await user.click(submitButton())
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/'))
})

it('a slow backend: the submit button is busy and a double click sends one request', async () => {
  const s = setup(server)
  const user = userEvent.setup({ delay: null })
  const { navigate } = renderSignInUp(s, { checkEmailExists: false })
  await waitFor(() => expect(s.client.store.getState().status).toBe('signedOut'))
  await user.type(input('email'), ADA.email)
  await user.type(input('password'), ADA.password)
  s.backend.controls.hangNext({ match: '/signin' })
  s.mark()
  await user.dblClick(submitButton())
  await waitFor(() => expect(submitButton().getAttribute('aria-busy')).toBe('true'))
  expect(screen.getByRole('button', { name: /signing in/i })).toBeDefined()
  expect(s.count('/auth/signin')).toBe(1)
  expect(navigate).not.toHaveBeenCalled()
})

it('a session probe that hangs at page load does not block signing in; the hung probe later ends cleanly', async () => {
  const s = setup(server, { client: { refreshTimeoutMs: 10_000 } })
  s.backend.controls.hangNext({ match: '/session/refresh' })
  const user = userEvent.setup({ delay: null })
  const { navigate } = renderSignInUp(s, { checkEmailExists: false })
  await waitFor(() => expect(s.count('/auth/session/refresh')).toBe(1))
  // The form is usable while the probe hangs.
  await user.type(input('email'), ADA.email)
  await user.type(input('password'), ADA.password)
  await user.click(submitButton())
  await waitFor(() => expect(navigate).toHaveBeenCalledWith('/'))
  expect(s.client.store.getState().status).toBe('signedIn')
  // The probe times out (fake clock): the fresh session must survive it.
  s.clock.advance(10_000)
  await waitFor(() => expect(s.clock.pending).toBe(0))
  expect(await s.client.session.exists()).toBe(true)
  expect(s.client.store.getState().status).toBe('signedIn')
  expect(s.eventTypes()).toEqual(['SESSION_CREATED'])
})
