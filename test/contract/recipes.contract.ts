/**
 * Behaviour of the login-recipe screens (issue 16), run by every binding against the real client with its recipe
 * plugins: the sign-in methods (provider buttons, divider, passwordless form, code and link-sent screens), the
 * ThirdParty callback, the magic-link landing and the AuthPage routing component.
 */
import { describe, expect, it, vi } from 'vitest'
import { waitFor, within } from '@testing-library/dom'
import { createMemoryStorage, multitenancy, passwordless, thirdParty } from 'authfront'
import type { MockBackend } from 'authfront/mock'
import type { FlowClient } from '../../src/flows'
import { axeViolations } from './axe'
import { ADA, createCase, createManualClock, setupUser, useContractServer } from './harness'
import type { CaseOptions, Rendered } from './harness'
import { expectMarkup } from './markup'
import { recipeStub } from './recipeStub'
import type { RecipeStubOptions } from './recipeStub'

/** The recipe screens a binding provides. */
export type RecipeComponent = 'SignInUp' | 'ThirdPartyCallback' | 'MagicLinkLanding' | 'AuthPage'

export interface RecipeRenderRequest {
  component: RecipeComponent
  /** Provide it the binding's way, as for the other suites. */
  client: FlowClient
  /** The component's props/inputs, passed as is (AuthPage: also `pathname`, `url`). */
  props: Record<string, unknown>
}

/** What each binding's test file passes to `recipeContracts`. Resolve once the first render is in the DOM. */
export type RecipeContractRender = (request: RecipeRenderRequest) => Promise<Rendered>

export function recipeContracts(render: RecipeContractRender, options: { markup?: boolean } = {}): void {
  const checkMarkup = options.markup ?? true
  useContractServer()

  const setup = async (
    component: RecipeComponent,
    props: Record<string, unknown> = {},
    config: {
      stub?: RecipeStubOptions
      contactMethod?: 'EMAIL' | 'PHONE' | 'EMAIL_OR_PHONE'
      /** The mock backend's passwordless `flowType`. Defaults to `USER_INPUT_CODE`. */
      flowType?: 'USER_INPUT_CODE' | 'MAGIC_LINK' | 'USER_INPUT_CODE_AND_MAGIC_LINK'
      /** Runs on the client before the render; returns more props. */
      before?: (client: FlowClient, backend: MockBackend) => Promise<Record<string, unknown>>
    } = {},
  ) => {
    const clock = createManualClock(1_700_000_000_000)
    const providerNavigate = vi.fn<(url: string) => void>()
    const caseOptions: CaseOptions = {
      handlers: recipeStub(config.stub),
      mock: {
        passwordless: {
          contactMethod: config.contactMethod ?? 'EMAIL',
          flowType: config.flowType ?? 'USER_INPUT_CODE',
        },
      },
      now: clock.now,
      recipes: [
        thirdParty({ providers: ['google', 'github'], navigate: providerNavigate, storage: createMemoryStorage() }),
        passwordless({ contactMethod: config.contactMethod ?? 'EMAIL' }),
        multitenancy(),
      ],
    }
    const c = await createCase(caseOptions)
    const more = await config.before?.(c.client, c.backend)
    const rendered = await render({
      component,
      client: c.client,
      props: { navigate: c.navigate, timers: clock, ...props, ...more },
    })
    await waitFor(() => expect(c.client.store.getState().status).not.toBe('loading'))
    return { ...c, ...rendered, view: within(rendered.container), user: setupUser(), clock, providerNavigate }
  }

  describe('Sign-in methods', { timeout: 30_000 }, () => {
    it('shows provider buttons, the email-password form and the passwordless form, separated once each', async () => {
      const { view, container } = await setup('SignInUp')
      const google = view.getByRole('button', { name: 'Continue with Google' })
      expect(google.getAttribute('data-af-provider')).toBe('google')
      expect(google.getAttribute('type')).toBe('button')
      expect(view.getByRole('button', { name: 'Continue with GitHub' })).toBeTruthy()
      expect(view.getAllByRole('separator', { name: 'or' })).toHaveLength(2)
      // The visible "or" is hidden from the accessibility tree: the separator's name says it once.
      expect(container.querySelectorAll('[data-af-divider] [aria-hidden="true"]')).toHaveLength(2)
      expect(view.getByRole('form', { name: 'Sign in' })).toBeTruthy()
      expect(view.getByRole('form', { name: 'Sign in without a password' })).toBeTruthy()
      expect(container.querySelectorAll('[aria-live], [role="status"], [role="alert"]')).toHaveLength(1)
      expect(await axeViolations(container)).toEqual([])
      if (checkMarkup) await expectMarkup(container, 'signInUp.methods')
    })

    it('shows just the provider buttons when they are the only first factor', async () => {
      const { view, container } = await setup('SignInUp', { firstFactors: ['thirdparty'] })
      expect(view.getByRole('heading', { name: 'Sign in or sign up' })).toBeTruthy()
      expect(view.queryByRole('separator')).toBeNull()
      expect(container.querySelector('form')).toBeNull()
      expect(await axeViolations(container)).toEqual([])
      if (checkMarkup) await expectMarkup(container, 'signInUp.methods.providersOnly')
    })

    it('redirects to the provider with the tenant from the URL', async () => {
      const c = await setup('SignInUp', { search: '?tenantId=acme' })
      await c.user.click(c.view.getByRole('button', { name: 'Continue with GitHub' }))
      await waitFor(() => expect(c.providerNavigate).toHaveBeenCalledTimes(1))
      expect(c.providerNavigate.mock.calls[0]![0]).toMatch(/^https:\/\/provider\.test\/authorize\?client_id=c&state=/)
      expect(c.requestsTo('/auth/acme/authorisationurl', 'GET')).toHaveLength(1)
      expect((c.view.getByRole('button', { name: 'Continue with Google' }) as HTMLButtonElement).disabled).toBe(true)
    })

    it('shows "Something went wrong" when the provider is unknown to the backend, focused', async () => {
      const c = await setup('SignInUp', {}, { stub: { authorisationUrl: 400 } })
      await c.user.click(c.view.getByRole('button', { name: 'Continue with Google' }))
      const alert = await c.view.findByRole('alert')
      expect(alert.textContent).toBe('Something went wrong. Please try again.')
      await waitFor(() => expect(document.activeElement).toBe(alert))
      expect(c.providerNavigate).not.toHaveBeenCalled()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.methods.formError')
    })

    it("shows the tenant's methods with loginMethods: 'dynamic'", async () => {
      const c = await setup('SignInUp', { loginMethods: 'dynamic', search: '?tenantId=acme' })
      await c.view.findByRole('button', { name: 'Continue with Google' })
      expect(c.view.queryByRole('button', { name: 'Continue with GitHub' })).toBeNull()
      expect(c.view.queryByRole('form', { name: 'Sign in without a password' })).toBeNull()
      expect(c.requestsTo('/auth/acme/loginmethods', 'GET')).toHaveLength(1)
    })
  })

  describe('Passwordless screens', { timeout: 30_000 }, () => {
    const sendCode = async (c: Awaited<ReturnType<typeof setup>>) => {
      await c.user.type(c.view.getByLabelText('Email', { selector: '[name="contactEmail"]' }), ADA.email)
      await c.user.click(c.view.getByRole('button', { name: 'Continue' }))
      // The code was sent once its screen shows: only then may a test read the outbox or expire codes.
      await c.view.findByRole('heading', { name: /^(Enter the code|Check your inbox)$/ })
    }

    it('sends a code and shows the code screen with a one-time-code field and the resend countdown', async () => {
      const c = await setup('SignInUp', { firstFactors: ['otp-email'] })
      await sendCode(c)
      const heading = await c.view.findByRole('heading', { name: 'Enter the code' })
      await waitFor(() => expect(document.activeElement).toBe(heading))
      const code = c.view.getByLabelText('One-time code')
      expect(code.getAttribute('autocomplete')).toBe('one-time-code')
      expect(code.getAttribute('inputmode')).toBe('numeric')
      const resend = c.view.getByRole('button', { name: 'Resend in 15 s' }) as HTMLButtonElement
      expect(resend.disabled).toBe(true)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.code')
      c.clock.advance(15_000)
      await waitFor(() => expect(c.view.getByRole('button', { name: 'Resend code' })).toBeTruthy())
    })

    const sentCode = (c: Awaited<ReturnType<typeof setup>>) => {
      const sent = c.backend.outbox.latest({ type: 'passwordless' })
      if (!sent) throw new Error('no code sent')
      return sent
    }

    it('shows the attempts left after a wrong code, on the field', async () => {
      const c = await setup('SignInUp', { firstFactors: ['otp-email'] })
      await sendCode(c)
      const wrong = sentCode(c).code === '000000' ? '111111' : '000000'
      await c.user.type(await c.view.findByLabelText('One-time code'), wrong)
      await c.user.click(c.view.getByRole('button', { name: 'Continue' }))
      const input = c.view.getByLabelText('One-time code')
      await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'))
      expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe(
        'That code is not right. Tries left: 4.',
      )
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.code.wrongCode')
    })

    it('signs in with the code sent and redirects', async () => {
      const c = await setup('SignInUp', { firstFactors: ['otp-email'] })
      await sendCode(c)
      await c.user.type(await c.view.findByLabelText('One-time code'), sentCode(c).code)
      await c.user.click(c.view.getByRole('button', { name: 'Continue' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(c.client.store.getState().status).toBe('signedIn')
      expect(c.client.passwordless?.getLoginAttempt()).toBeUndefined()
    })

    it('says when the code has expired', async () => {
      const c = await setup('SignInUp', { firstFactors: ['otp-email'] })
      await sendCode(c)
      c.backend.controls.passwordless.expireCodes()
      await c.user.type(await c.view.findByLabelText('One-time code'), sentCode(c).code)
      await c.user.click(c.view.getByRole('button', { name: 'Continue' }))
      await c.view.findByText('This code has expired. Ask for a new one.')
    })

    it('shows the link-sent screen for MAGIC_LINK, and "Change email" goes back to the form', async () => {
      const c = await setup('SignInUp', { firstFactors: ['link-email'] }, { flowType: 'MAGIC_LINK' })
      await sendCode(c)
      await c.view.findByRole('heading', { name: 'Check your inbox' })
      expect(c.view.getByText(`We sent a link to ${ADA.email}. Open it to sign in.`)).toBeTruthy()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.linkSent')
      await c.user.click(c.view.getByRole('button', { name: 'Change email' }))
      await c.view.findByRole('form', { name: 'Sign in without a password' })
      expect(c.client.passwordless?.getLoginAttempt()).toBeUndefined()
    })
  })

  /** Starts a provider sign-in on the client, as the sign-in page would; the callback URL the provider would open. */
  const startSignIn = async (client: FlowClient) => {
    const started = await client.thirdParty!.getAuthorisationUrl('google')
    if (started.status !== 'OK') throw new Error('set-up: getAuthorisationUrl failed')
    const state = new URL(started.url).searchParams.get('state')!
    return { url: `http://localhost/auth/callback/google?code=C&state=${encodeURIComponent(state)}` }
  }

  describe('ThirdPartyCallback', { timeout: 30_000 }, () => {
    it('is busy while signing in, announced in the live region', async () => {
      let answer!: () => void
      const signInUpGate = new Promise<void>((resolve) => (answer = resolve))
      const c = await setup('ThirdPartyCallback', {}, { before: startSignIn, stub: { signInUpGate } })
      await waitFor(() => expect(c.requestsTo('/auth/signinup', 'POST')).toHaveLength(1))
      expect(c.view.getByRole('heading', { name: 'Signing you in' })).toBeTruthy()
      expect(c.view.getByRole('status').textContent).toBe('Signing in…')
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'thirdPartyCallback.busy')
      answer()
      await c.view.findByRole('alert')
    })

    it('shows a failure in place, focused, with a link back that keeps the tenant; one signinup', async () => {
      const c = await setup('ThirdPartyCallback', { search: '?tenantId=acme' }, { before: startSignIn })
      const alert = await c.view.findByRole('alert')
      expect(alert.textContent).toBe('The provider did not share your email address. Try another way to sign in.')
      await waitFor(() => expect(document.activeElement).toBe(alert))
      expect(c.view.getByRole('link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/auth?tenantId=acme')
      expect(c.requestsTo('/auth/signinup', 'POST')).toHaveLength(1)
      expect(c.navigate).not.toHaveBeenCalled()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'thirdPartyCallback.error')
    })

    it('shows the backend reason of SIGN_IN_UP_NOT_ALLOWED as text', async () => {
      const reason = 'Cannot sign in <b>now</b> (ERR_CODE_006)'
      const c = await setup(
        'ThirdPartyCallback',
        {},
        { before: startSignIn, stub: { signInUp: { status: 'SIGN_IN_UP_NOT_ALLOWED', reason } } },
      )
      expect((await c.view.findByRole('alert')).textContent).toBe(reason)
      expect(c.container.querySelector('b')).toBeNull()
    })

    it('refuses a callback this tab did not start, without a request', async () => {
      const c = await setup('ThirdPartyCallback', { url: 'http://localhost/auth/callback/google?code=C&state=forged' })
      expect((await c.view.findByRole('alert')).textContent).toBe('Something went wrong. Please try again.')
      expect(c.requestsTo('/signinup')).toHaveLength(0)
    })
  })

  describe('MagicLinkLanding', { timeout: 30_000 }, () => {
    /**
     * Asks the mock for a link and opens it: `elsewhere` forgets the attempt first, as another browser would not have
     * it; `expire` expires the code.
     */
    const openLink =
      ({ elsewhere = false, expire = false } = {}) =>
      async (client: FlowClient, backend: MockBackend) => {
        const created = await client.passwordless!.createCode({ email: ADA.email, redirectToPath: '/orders' })
        if (created.status !== 'OK') throw new Error('set-up: createCode failed')
        if (elsewhere) client.passwordless!.clearLoginAttempt()
        if (expire) backend.controls.passwordless.expireCodes()
        return { url: backend.outbox.latest({ type: 'passwordless' })!.link }
      }

    it('asks before signing in when the link was opened in another browser: no request before "Continue"', async () => {
      const c = await setup('MagicLinkLanding', {}, { before: openLink({ elsewhere: true }), flowType: 'MAGIC_LINK' })
      const button = await c.view.findByRole('button', { name: 'Continue' })
      expect(c.view.getByRole('heading', { name: 'Sign in on this device' })).toBeTruthy()
      expect(c.requestsTo('/signinup/code/consume')).toHaveLength(0)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'magicLink.confirm')
      await c.user.click(button)
      // Opened elsewhere, the attempt's redirect path is unknown: the default.
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(c.requestsTo('/signinup/code/consume')).toHaveLength(1)
      expect(c.client.store.getState().status).toBe('signedIn')
    })

    it('signs in at once in the browser that asked for the link (one request), back where it started', async () => {
      const c = await setup('MagicLinkLanding', {}, { before: openLink(), flowType: 'MAGIC_LINK' })
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/orders'))
      expect(c.view.queryByRole('button', { name: 'Continue' })).toBeNull()
      expect(c.requestsTo('/signinup/code/consume')).toHaveLength(1)
    })

    it('shows "Invalid magic link" with a way back for an expired link', async () => {
      const c = await setup('MagicLinkLanding', {}, { before: openLink({ expire: true }), flowType: 'MAGIC_LINK' })
      expect((await c.view.findByRole('alert')).textContent).toBe(
        'This sign-in link no longer works. Ask for a new one.',
      )
      expect(c.view.getByRole('link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/auth')
      expect(c.navigate).not.toHaveBeenCalled()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'magicLink.error')
    })

    it('shows "Invalid magic link" for a link without its code, without a request', async () => {
      const c = await setup('MagicLinkLanding', { url: 'http://localhost/auth/verify?preAuthSessionId=P' })
      expect((await c.view.findByRole('alert')).textContent).toBe(
        'This sign-in link no longer works. Ask for a new one.',
      )
      expect(c.requestsTo('/signinup/code/consume')).toHaveLength(0)
    })
  })

  describe('AuthPage', { timeout: 30_000 }, () => {
    it.each([
      ['/auth', 'Sign in'],
      ['/auth/reset-password', 'Reset your password'],
      ['/auth/verify', 'Sign in on this device'],
    ])('renders the screen of %s', async (pathname, heading) => {
      const c = await setup('AuthPage', { pathname, url: 'http://localhost/auth/verify?preAuthSessionId=P#L' })
      expect(await c.view.findByRole('heading', { name: heading })).toBeTruthy()
    })

    it('says "Page not found" for another path under websiteBasePath', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/nope' })
      expect(c.view.getByRole('heading', { name: 'Page not found' })).toBeTruthy()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'authPage.notFound')
    })
  })
}
