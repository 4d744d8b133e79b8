/**
 * Passkeys in the prebuilt UI (issue 17, MARKUP.md "Passkeys"), run by every binding: the passkey button and autofill
 * of the sign-in page, the passkey sign-up steps, the recovery and second-factor pages of AuthPage, and
 * PasskeySettings. The client is real; its `webauthn` member is a fake (test/flows/fakePasskeys.ts) until the
 * `webauthn()` plugin and the mock's WebAuthn land.
 */
import { describe, expect, it } from 'vitest'
import { waitFor, within } from '@testing-library/dom'
import type { FlowClient } from '../../src/flows'
import { createFakeWebauthn, fakeMultiFactor, passkeyMembers } from '../flows/fakePasskeys'
import { axeViolations } from './axe'
import { createCase, setupUser, useContractServer } from './harness'
import type { Rendered } from './harness'
import { expectMarkup } from './markup'

/** The components of the passkey suite. */
export type PasskeyComponent = 'SignInUp' | 'AuthPage' | 'PasskeySettings'

export interface PasskeyRenderRequest {
  component: PasskeyComponent
  client: FlowClient
  props: Record<string, unknown>
}

/** What each binding's test file passes to `passkeyContracts`. Resolve once the first render is in the DOM. */
export type PasskeyContractRender = (request: PasskeyRenderRequest) => Promise<Rendered>

export function passkeyContracts(render: PasskeyContractRender, options: { markup?: boolean } = {}): void {
  const checkMarkup = options.markup ?? true
  useContractServer()

  const setup = async (
    component: PasskeyComponent,
    props: Record<string, unknown> = {},
    config: {
      support?: Parameters<typeof createFakeWebauthn>[0]
      plugin?: boolean
      multiFactor?: Parameters<typeof fakeMultiFactor>[0]
      before?: (fake: ReturnType<typeof createFakeWebauthn>) => void
    } = {},
  ) => {
    const fake = createFakeWebauthn(config.support)
    config.before?.(fake)
    const multiFactor = config.multiFactor && fakeMultiFactor(config.multiFactor)
    const recipes =
      config.plugin === false ? [] : [() => ({ ...passkeyMembers(fake.api), ...(multiFactor && { multiFactor }) })]
    const c = await createCase({ recipes })
    const rendered = await render({ component, client: c.client, props: { navigate: c.navigate, ...props } })
    return { ...c, ...rendered, ...fake, view: within(rendered.container), user: setupUser() }
  }

  /** Waits until the passkey button is enabled (support is read on mount). */
  const passkeyButton = async (view: ReturnType<typeof within>, name = 'Continue with a passkey') => {
    const button = view.getByRole('button', { name }) as HTMLButtonElement
    await waitFor(() => expect(button.disabled).toBe(false))
    return button
  }

  describe('Passkey button', { timeout: 30_000 }, () => {
    it('shows "Continue with a passkey" beside the form, and offers passkeys in the email autofill', async () => {
      const c = await setup('SignInUp')
      const button = await passkeyButton(c.view)
      expect(button.getAttribute('data-af-provider')).toBe('webauthn')
      expect(button.getAttribute('type')).toBe('button')
      const email = c.view.getByLabelText('Email')
      await waitFor(() => expect(email.getAttribute('autocomplete')).toBe('username webauthn'))
      expect(c.api.signIn.mock.calls[0]![0]).toMatchObject({ mediation: 'conditional' })
      expect(c.view.getAllByRole('separator', { name: 'or' })).toHaveLength(1)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.signIn')
    })

    it('signs in with the button, the autofill request aborted first', async () => {
      const c = await setup('SignInUp')
      await c.user.click(await passkeyButton(c.view))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(c.api.signIn.mock.calls[0]![0]!.signal!.aborted).toBe(true)
      expect(c.api.signIn.mock.calls[1]![0]).toEqual({ tenantId: undefined })
    })

    it('aborts the autofill request when the page goes away', async () => {
      const c = await setup('SignInUp')
      await waitFor(() => expect(c.api.signIn).toHaveBeenCalled())
      const signal = c.api.signIn.mock.calls[0]![0]!.signal!
      await c.unmount()
      expect(signal.aborted).toBe(true)
    })

    it('disables the button with an explanation and sends nothing when the browser has no passkeys', async () => {
      const c = await setup('SignInUp', {}, { support: { supported: false, conditionalMediation: false } })
      const status = await c.view.findByText(
        'This browser cannot use passkeys. Use another sign-in method, or another browser.',
      )
      expect(status.closest('[role="status"]')).not.toBeNull()
      const button = c.view.getByRole('button', { name: 'Continue with a passkey' }) as HTMLButtonElement
      expect(button.disabled).toBe(true)
      expect(c.view.getByLabelText('Email').getAttribute('autocomplete')).toBe('email')
      expect(c.api.signIn).not.toHaveBeenCalled()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.unsupported')
    })

    it('says why a passkey was refused, focused, keeps the email and offers account recovery', async () => {
      const c = await setup('SignInUp', {}, { support: { conditionalMediation: false } })
      c.api.signIn.mockResolvedValueOnce({ status: 'INVALID_CREDENTIALS_ERROR' })
      await c.user.type(c.view.getByLabelText('Email'), 'ada@example.com')
      await c.user.click(await passkeyButton(c.view))
      const alert = await c.view.findByRole('alert')
      expect(alert.textContent).toBe(
        'That passkey was not accepted. Try again, or use a passkey saved on another device.',
      )
      await waitFor(() => expect(document.activeElement).toBe(alert))
      expect((c.view.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.com')
      await c.user.click(c.view.getByRole('button', { name: 'Recover account' }))
      expect(c.navigate).toHaveBeenCalledWith('/auth/webauthn/recover/send-email')
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.signIn.failed')
    })

    it('leaves the sign-in page as it is without the webauthn() plugin', async () => {
      const c = await setup('SignInUp', {}, { plugin: false })
      expect(c.view.queryByRole('button', { name: 'Continue with a passkey' })).toBeNull()
      expect(c.view.getByLabelText('Email').getAttribute('autocomplete')).toBe('email')
      if (checkMarkup) await expectMarkup(c.container, 'signInUp.signIn')
    })
  })

  describe('Passkey sign-up', { timeout: 30_000 }, () => {
    it('asks for the email with the recovery caution, confirms, then creates the passkey', async () => {
      const c = await setup('SignInUp', {}, { support: { conditionalMediation: false } })
      await c.user.click(c.view.getByRole('button', { name: 'Sign up' }))
      await c.user.click(await passkeyButton(c.view, 'Sign up with a passkey'))
      expect(await c.view.findByRole('heading', { name: 'Sign up with a passkey' })).toBeTruthy()
      expect(c.view.getByText(/we will use it to help you recover your account/)).toBeTruthy()
      expect(c.view.getByRole('link', { name: 'Recover account' }).getAttribute('href')).toBe(
        '/auth/webauthn/recover/send-email',
      )
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.signUp.email')
      await c.user.type(c.view.getByLabelText('Email'), 'ada@example.com')
      await c.user.click(c.view.getByRole('button', { name: 'Continue' }))
      expect(await c.view.findByRole('heading', { name: 'Create a passkey' })).toBeTruthy()
      expect(c.view.getByText(/create a passkey for ada@example\.com\./)).toBeTruthy()
      expect(c.api.signUp).not.toHaveBeenCalled()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.signUp.confirm')
      await c.user.click(c.view.getByRole('button', { name: 'Create a passkey' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(c.api.signUp).toHaveBeenCalledWith({ email: 'ada@example.com', tenantId: undefined })
    })

    it('goes back to the email, kept, when it is taken', async () => {
      const c = await setup('SignInUp', { initialScreen: 'signUp' }, { support: { conditionalMediation: false } })
      c.api.signUp.mockResolvedValueOnce({ status: 'EMAIL_ALREADY_EXISTS_ERROR' })
      await c.user.click(await passkeyButton(c.view, 'Sign up with a passkey'))
      await c.user.type(await c.view.findByLabelText('Email'), 'ada@example.com')
      await c.user.click(c.view.getByRole('button', { name: 'Continue' }))
      await c.user.click(await c.view.findByRole('button', { name: 'Create a passkey' }))
      const error = await c.view.findByText(
        'An account with this email already exists. Sign in instead, or recover your account.',
      )
      const input = c.view.getByLabelText('Email') as HTMLInputElement
      expect(input.value).toBe('ada@example.com')
      expect(input.getAttribute('aria-describedby')).toBe(error.id)
      expect(c.view.getByRole('button', { name: 'Sign in instead' })).toBeTruthy()
    })
  })

  describe('Passkey pages of AuthPage', { timeout: 30_000 }, () => {
    it('sends the recovery email and says so without telling whether the account exists', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/webauthn/recover/send-email' })
      expect(c.view.getByRole('heading', { name: 'Recover your account' })).toBeTruthy()
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.recover.request')
      await c.user.type(c.view.getByLabelText('Email'), 'ada@example.com')
      await c.user.click(c.view.getByRole('button', { name: 'Send link' }))
      expect(await c.view.findByRole('heading', { name: 'Check your inbox' })).toBeTruthy()
      expect(
        c.view.getByText('If an account exists for ada@example.com, we sent it a link to create a new passkey.'),
      ).toBeTruthy()
      expect(c.api.sendRecoveryEmail).toHaveBeenCalledWith({ email: 'ada@example.com', tenantId: undefined })
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.recover.sent')
    })

    it('creates a new passkey from the emailed link, then offers to sign in with it', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/webauthn/recover', search: '?token=T' })
      await c.user.click(c.view.getByRole('button', { name: 'Create a passkey' }))
      expect(await c.view.findByRole('heading', { name: 'Account recovered' })).toBeTruthy()
      expect(c.view.getByRole('link', { name: 'Continue with a passkey' }).getAttribute('href')).toBe('/auth')
      expect(c.api.recoverAccount).toHaveBeenCalledWith({ token: 'T', tenantId: undefined })
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.recover.done')
    })

    it('offers a new link for a used recovery link', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/webauthn/recover', search: '?token=T' })
      c.api.recoverAccount.mockResolvedValueOnce({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' })
      await c.user.click(c.view.getByRole('button', { name: 'Create a passkey' }))
      expect(await c.view.findByRole('heading', { name: 'This link no longer works' })).toBeTruthy()
      expect(c.view.getByRole('link', { name: 'Get a new link' }).getAttribute('href')).toBe(
        '/auth/webauthn/recover/send-email',
      )
      expect(await axeViolations(c.container)).toEqual([])
    })

    it('finishes signing in with a passkey as second factor', async () => {
      const c = await setup(
        'AuthPage',
        { pathname: '/auth/mfa/webauthn' },
        { multiFactor: { alreadySetup: ['webauthn'], allowedToSetup: ['webauthn'] } },
      )
      await c.user.click(await c.view.findByRole('button', { name: 'Use a passkey' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(c.api.signIn).toHaveBeenCalledWith({ tenantId: undefined, shouldTryLinkingWithSessionUser: true })
      expect(c.view.getByRole('button', { name: 'Register a passkey' })).toBeTruthy()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.mfa')
    })

    it('shows "Page not found" for the passkey pages without the webauthn() plugin', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/webauthn/recover/send-email' }, { plugin: false })
      expect(c.view.getByRole('heading', { name: 'Page not found' })).toBeTruthy()
    })
  })

  describe('PasskeySettings', { timeout: 30_000 }, () => {
    it('lists the passkeys and removes one after confirmation', async () => {
      const c = await setup('PasskeySettings', { email: 'ada@example.com' })
      expect(await c.view.findByText('Passkey added on 2026-01-02')).toBeTruthy()
      expect(c.view.getByRole('heading', { name: 'Passkeys' })).toBeTruthy()
      expect(c.view.getAllByRole('listitem')).toHaveLength(2)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.settings')
      await c.user.click(c.view.getByRole('button', { name: 'Remove the passkey added on 2026-06-30' }))
      const confirm = c.view.getByRole('button', { name: 'Yes, remove' })
      await waitFor(() => expect(document.activeElement).toBe(confirm))
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.settings.confirm')
      c.api.listCredentials.mockResolvedValueOnce({ status: 'OK', credentials: [] })
      await c.user.click(confirm)
      expect(await c.view.findByText('Passkey removed.')).toBeTruthy()
      expect(c.api.removeCredential).toHaveBeenCalledWith({ webauthnCredentialId: 'cred-2' })
      expect(c.view.getByText('You have no passkey yet.')).toBeTruthy()
    })

    it('keeps the passkey when the user changes their mind', async () => {
      const c = await setup('PasskeySettings', { email: 'ada@example.com' })
      await c.user.click(await c.view.findByRole('button', { name: 'Remove the passkey added on 2026-01-02' }))
      await c.user.click(c.view.getByRole('button', { name: 'Keep it' }))
      const remove = c.view.getByRole('button', { name: 'Remove the passkey added on 2026-01-02' })
      await waitFor(() => expect(document.activeElement).toBe(remove))
      expect(c.api.removeCredential).not.toHaveBeenCalled()
    })

    it('adds a passkey, and says why when it cannot', async () => {
      const c = await setup('PasskeySettings', { email: 'ada@example.com' })
      await c.user.click(await c.view.findByRole('button', { name: 'Add a passkey' }))
      expect(await c.view.findByText('Passkey added.')).toBeTruthy()
      expect(c.api.registerCredential).toHaveBeenCalledWith({ email: 'ada@example.com', recipeUserId: 'u-1' })
      c.api.registerCredential.mockResolvedValueOnce({ status: 'NOT_ALLOWED' })
      await c.user.click(c.view.getByRole('button', { name: 'Add a passkey' }))
      const alert = await c.view.findByRole('alert')
      expect(alert.textContent).toMatch(/cancelled or timed out/)
      await waitFor(() => expect(document.activeElement).toBe(alert))
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.settings.error')
    })
  })
}
