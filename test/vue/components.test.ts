import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, waitFor } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createMemoryStorage, passwordless, thirdParty } from 'authfront'
import { authPlugin, EmailVerification, ResetPassword, SessionAuth, SignInUp } from 'authfront/vue'
import { ADA, createCase, useContractServer } from '../contract'

afterEach(() => cleanup())

/** Vue's own idiom, through a compiled template: kebab-case props, boolean shorthand, `@event` listeners. */
describe('components in templates', () => {
  useContractServer()

  it('SignInUp takes kebab-case props, boolean shorthand and @success, and leaks no prop as an attribute', async () => {
    const c = await createCase()
    const onSuccess = vi.fn()
    const view = render(
      defineComponent({
        components: { SignInUp },
        setup: () => ({ navigate: c.navigate, onSuccess }),
        template: `<SignInUp unstyled id-prefix="login" search="" :navigate="navigate" @success="onSuccess" />`,
      }),
      { global: { plugins: [[authPlugin, { client: c.client }]] } },
    )
    const root = view.container.querySelector('[data-af-root]')!
    expect(root.getAttributeNames().sort()).toEqual(['data-af-root', 'data-af-screen'])
    expect(view.container.querySelector('form')?.id).toBe('login-form')
    const user = userEvent.setup()
    await user.type(view.getByLabelText('Email'), ADA.email)
    await user.type(view.getByLabelText('Password'), `${ADA.password}{Enter}`)
    await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
    expect(onSuccess).toHaveBeenCalledWith({ action: 'signIn', redirectTo: '/' })
  })

  it('SignInUp takes the first-factor options as kebab-case props', async () => {
    const c = await createCase({
      recipes: [passwordless({ contactMethod: 'EMAIL' })],
      mock: { passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE' } },
    })
    const view = render(
      defineComponent({
        components: { SignInUp },
        setup: () => ({ navigate: c.navigate }),
        template: `<SignInUp search="" :navigate="navigate" :first-factors="['otp-email']" login-methods="static"
          :resend-cooldown-seconds="42" />`,
      }),
      { global: { plugins: [[authPlugin, { client: c.client }]] } },
    )
    const root = view.container.querySelector('[data-af-root]')!
    expect(root.getAttributeNames().sort()).toEqual(['data-af-root', 'data-af-screen', 'data-af-theme'])
    // Passwordless alone: no email-password form.
    expect(view.queryByLabelText('Password')).toBeNull()
    const user = userEvent.setup()
    await user.type(view.getByLabelText('Email'), `${ADA.email}{Enter}`)
    expect(await view.findByRole('button', { name: 'Resend in 42 s' })).toBeTruthy()
  })

  it('SessionAuth calls @session-expired instead of redirecting, and renders named slots', async () => {
    const c = await createCase({ signInAs: ADA })
    const expired = vi.fn()
    const view = render(
      defineComponent({
        components: { SessionAuth },
        setup: () => ({ navigate: c.navigate, expired }),
        template: `
          <SessionAuth :navigate="navigate" @session-expired="expired">
            <p>Secret page</p>
            <template #fallback><p>Loading…</p></template>
          </SessionAuth>`,
      }),
      { global: { plugins: [[authPlugin, { client: c.client }]] } },
    )
    await view.findByText('Secret page')
    await c.client.session.signOut()
    await waitFor(() => expect(expired).toHaveBeenCalledTimes(1))
    expect(c.navigate).not.toHaveBeenCalled()
    expect(view.queryByText('Secret page')).toBeNull()
  })
})

describe('hydration', () => {
  useContractServer()

  it('hydrates the sign-in methods without a mismatch, then the provider buttons work', async () => {
    const recipes = () => [
      thirdParty({ providers: ['google', 'github'], storage: createMemoryStorage(), navigate: () => undefined }),
      passwordless({ contactMethod: 'EMAIL_OR_PHONE' }),
    ]
    const server = await createCase({ recipes: recipes() })
    const browser = await createCase({ recipes: recipes() })
    const App = defineComponent(() => () => h(SignInUp, { search: '?show=signup' }))
    const html = await renderToString(createSSRApp(App).use(authPlugin, { client: server.client }))
    const host = document.body.appendChild(document.createElement('div'))
    host.innerHTML = html
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = createSSRApp(App).use(authPlugin, { client: browser.client })
    app.mount(host)
    try {
      expect([...warn.mock.calls, ...error.mock.calls].flat().join('\n')).not.toMatch(/hydration|mismatch/i)
      expect(host.querySelectorAll('[data-af-divider]')).toHaveLength(2)
      host.querySelector<HTMLButtonElement>('[data-af-provider="github"]')!.click()
      await waitFor(() => expect(browser.requestsTo('/authorisationurl', 'GET')).toHaveLength(1))
    } finally {
      warn.mockRestore()
      error.mockRestore()
      app.unmount()
      host.remove()
    }
  })

  it('hydrates server-rendered screens without a mismatch, then runs the flows', async () => {
    const server = await createCase()
    const browser = await createCase()
    const App = (navigate: (path: string) => void) =>
      defineComponent(() => () => [
        h(SignInUp, { search: '?show=signup', navigate, signUpFields: [{ id: 'terms', type: 'checkbox' }] }),
        h(ResetPassword, { search: '', idPrefix: 'reset', navigate }),
        h(EmailVerification, { search: '?token=abc', idPrefix: 'verify', navigate }),
      ])
    // Rendered in jsdom for the DOM to hydrate; ssr.test.ts checks the server side effects in Node.
    const html = await renderToString(createSSRApp(App(server.navigate)).use(authPlugin, { client: server.client }))
    const host = document.body.appendChild(document.createElement('div'))
    host.innerHTML = html
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const app = createSSRApp(App(browser.navigate)).use(authPlugin, { client: browser.client })
    app.mount(host)
    try {
      expect([...warn.mock.calls, ...error.mock.calls].flat().join('\n')).not.toMatch(/hydration|mismatch/i)
      // The verify screen's request only starts in the browser, after hydration.
      await waitFor(() => expect(browser.requestsTo('/user/email/verify', 'POST')).toHaveLength(1))
    } finally {
      warn.mockRestore()
      error.mockRestore()
      app.unmount()
      host.remove()
    }
  })
})
