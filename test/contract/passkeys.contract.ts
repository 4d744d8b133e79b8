/**
 * Passkeys in the prebuilt UI (issue 17, MARKUP.md "Passkeys"), run by every binding: the passkey button and autofill
 * of the sign-in page, the passkey sign-up steps, the recovery and second-factor pages of AuthPage, and
 * PasskeySettings. Everything is real: the client with the `webauthn()` plugin, the mock backend's WebAuthn with its
 * signature checks, and the mock's software authenticator as the browser's `navigator.credentials`
 * (./softPasskeys.ts), whose `get`/`create` spies show what the plugin asked of the browser.
 */
import { describe, expect, it } from 'vitest'
import { waitFor, within } from '@testing-library/dom'
import { multiFactor, webauthn } from 'authfront'
import type { FlowClient } from '../../src/flows'
import { axeViolations } from './axe'
import { ADA, createCase, createManualClock, setupUser, useContractServer } from './harness'
import type { ContractCase, Rendered } from './harness'
import { expectMarkup } from './markup'
import { installSoftPasskeys, pageRelyingParty } from './softPasskeys'
import type { SoftPasskeyOptions, SoftPasskeys } from './softPasskeys'

/** The components of the passkey suite. */
export type PasskeyComponent = 'SignInUp' | 'AuthPage' | 'PasskeySettings'

export interface PasskeyRenderRequest {
  component: PasskeyComponent
  client: FlowClient
  props: Record<string, unknown>
}

/** What each binding's test file passes to `passkeyContracts`. Resolve once the first render is in the DOM. */
export type PasskeyContractRender = (request: PasskeyRenderRequest) => Promise<Rendered>

/** The day the mock and the client live on: the passkeys' dates are on screen. */
const DAY_ONE = Date.UTC(2026, 0, 2, 12)
/** The day a second passkey is added. */
const DAY_TWO = Date.UTC(2026, 5, 30, 12)
const TEN_YEARS = 10 * 365 * 86_400_000

type PasskeyCase = ContractCase & { client: ContractCase['client'] & FlowClient; passkeys: SoftPasskeys }

/** Ada signs up with a passkey on the current device (she stays signed in). Her user id. */
async function adaSignsUp(c: PasskeyCase): Promise<string> {
  const result = await c.client.webauthn!.signUp({ email: ADA.email })
  if (result.status !== 'OK') throw new Error(`set-up: passkey sign-up answered ${result.status}`)
  return result.user.id
}

/** Ada signed up with a passkey on the current device, then signed out. */
async function adaHasAPasskey(c: PasskeyCase): Promise<void> {
  await adaSignsUp(c)
  await c.client.session.signOut()
}

/** Ada, signed in, with a second passkey added on another device on `DAY_TWO`. */
async function adaWithTwoPasskeys(c: PasskeyCase, clock: ReturnType<typeof createManualClock>): Promise<void> {
  const recipeUserId = await adaSignsUp(c)
  c.passkeys.switchDevice()
  clock.advance(DAY_TWO - DAY_ONE)
  const added = await c.client.webauthn!.registerCredential({ email: ADA.email, recipeUserId })
  if (added.status !== 'OK') throw new Error(`set-up: adding a passkey answered ${added.status}`)
}

/** Ada's recovery link: she signed up on a lost device and asked for the email; the browser is a new device. */
async function recoveryLink(c: PasskeyCase): Promise<string> {
  await adaHasAPasskey(c)
  c.passkeys.switchDevice()
  await c.client.webauthn!.sendRecoveryEmail({ email: ADA.email })
  const email = c.backend.outbox.latest({ to: ADA.email, type: 'webauthn-recovery' })
  if (email === undefined || !('token' in email)) throw new Error('set-up: no recovery email')
  return `?token=${encodeURIComponent(email.token)}`
}

export function passkeyContracts(render: PasskeyContractRender, options: { markup?: boolean } = {}): void {
  const checkMarkup = options.markup ?? true
  useContractServer()

  /**
   * A real client with the `webauthn()` plugin against the mock's WebAuthn, both on a hand-driven clock that starts on
   * `DAY_ONE`, and the software authenticator as the browser's (`browser`; `plugin: false` installs neither).
   * `prepare` runs before the render; its requests are not in `requests`, and what it returns joins the props.
   * `mfa`: Ada signed in with her password, owing the passkey she set up earlier as her second factor;
   * `'no passkey'`: owing a passkey as second factor without having one yet.
   */
  const setup = async (
    component: PasskeyComponent,
    props: Record<string, unknown> = {},
    config: {
      browser?: SoftPasskeyOptions
      plugin?: boolean
      mfa?: boolean | 'no passkey'
      prepare?: (c: PasskeyCase, clock: ReturnType<typeof createManualClock>) => Promise<Record<string, unknown> | void>
    } = {},
  ) => {
    const clock = createManualClock(DAY_ONE)
    const passkeys = config.plugin === false ? undefined : installSoftPasskeys(config.browser)
    const base = await createCase({
      users: config.mfa ? [ADA] : [],
      signInAs: config.mfa ? ADA : undefined,
      mock: {
        now: clock.now,
        webauthn: pageRelyingParty(),
        ...(config.mfa && { multiFactor: {} }),
        // Tokens outlive the clock's moves between the days passkeys are added.
        accessTokenLifetimeMs: TEN_YEARS,
        refreshTokenLifetimeMs: TEN_YEARS,
      },
      recipes: config.plugin === false ? [] : [webauthn(), ...(config.mfa ? [multiFactor()] : [])],
      now: clock.now,
    })
    const c = { ...base, client: base.client as PasskeyCase['client'], passkeys: passkeys! }
    if (config.mfa) {
      if (config.mfa === true) {
        const linked = await c.client.webauthn!.signUp({ email: ADA.email, shouldTryLinkingWithSessionUser: true })
        if (linked.status !== 'OK') throw new Error(`set-up: linking a passkey answered ${linked.status}`)
      }
      c.backend.controls.multiFactor.requireForUser(ADA.email, ['webauthn'])
      await c.client.session.signOut()
      const signedIn = await c.client.emailPassword.signIn(ADA)
      if (signedIn.status !== 'OK') throw new Error(`set-up: sign-in answered ${signedIn.status}`)
    }
    const extra = (await config.prepare?.(c, clock)) ?? {}
    c.requests.splice(0)
    passkeys?.get.mockClear()
    passkeys?.create.mockClear()
    const rendered = await render({
      component,
      client: c.client,
      props: { navigate: c.navigate, ...props, ...extra },
    })
    return { ...c, ...rendered, view: within(rendered.container), user: setupUser(), clock }
  }

  /** Waits until the passkey button is enabled (support is read on mount). */
  const passkeyButton = async (view: ReturnType<typeof within>, name = 'Continue with a passkey') => {
    const button = view.getByRole('button', { name }) as HTMLButtonElement
    await waitFor(() => expect(button.disabled).toBe(false))
    return button
  }

  /** The JSON body of the only request to `suffix`. */
  const bodyOf = async (c: ContractCase, suffix: string) => {
    const sent = c.requestsTo(suffix, 'POST')
    expect(sent).toHaveLength(1)
    return JSON.parse(await sent[0]!.body) as Record<string, unknown>
  }

  describe('Passkey button', { timeout: 30_000 }, () => {
    it('shows "Continue with a passkey" beside the form, and offers passkeys in the email autofill', async () => {
      const c = await setup('SignInUp')
      const button = await passkeyButton(c.view)
      expect(button.getAttribute('data-af-provider')).toBe('webauthn')
      expect(button.getAttribute('type')).toBe('button')
      const email = c.view.getByLabelText('Email')
      await waitFor(() => expect(email.getAttribute('autocomplete')).toBe('username webauthn'))
      await waitFor(() => expect(c.passkeys.get).toHaveBeenCalledTimes(1))
      const request = c.passkeys.get.mock.calls[0]![0]
      expect(request.mediation).toBe('conditional')
      expect(request.signal?.aborted).toBe(false)
      // The browser got the challenge the mock handed out for this ceremony.
      expect(c.requestsTo('/webauthn/options/signin', 'POST')).toHaveLength(1)
      expect(request.publicKey).toMatchObject({ rpId: pageRelyingParty().rpId, challenge: expect.any(String) })
      expect(c.view.getAllByRole('separator', { name: 'or' })).toHaveLength(1)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.signIn')
    })

    it('signs in with the button, the autofill request aborted first', async () => {
      const c = await setup('SignInUp', {}, { prepare: adaHasAPasskey })
      await waitFor(() => expect(c.passkeys.get).toHaveBeenCalledTimes(1))
      const autofill = c.passkeys.get.mock.calls[0]![0].signal!
      let abortedBeforePrompt: boolean | undefined
      c.passkeys.get.mockImplementationOnce(async (request) => {
        abortedBeforePrompt = autofill.aborted
        return c.passkeys.get.getMockImplementation()!(request)
      })
      await c.user.click(await passkeyButton(c.view))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(abortedBeforePrompt).toBe(true)
      expect(c.passkeys.get).toHaveBeenCalledTimes(2)
      expect(c.passkeys.get.mock.calls[1]![0].mediation).toBeUndefined()
      // The mock checked the assertion's signature against the passkey of Ada's sign-up.
      const sent = await bodyOf(c, '/webauthn/signin')
      expect(sent).toMatchObject({ credential: { id: c.passkeys.device().credentials()[0]!.id } })
      expect(c.client.store.getState().status).toBe('signedIn')
    })

    it('aborts the autofill request when the page goes away', async () => {
      const c = await setup('SignInUp')
      await waitFor(() => expect(c.passkeys.get).toHaveBeenCalledTimes(1))
      const signal = c.passkeys.get.mock.calls[0]![0].signal!
      await c.unmount()
      expect(signal.aborted).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 0))
      expect(c.requestsTo('/webauthn/signin')).toEqual([])
    })

    it('disables the button with an explanation and sends nothing when the browser has no passkeys', async () => {
      const c = await setup('SignInUp', {}, { browser: { unsupported: true } })
      const status = await c.view.findByText(
        'This browser cannot use passkeys. Use another sign-in method, or another browser.',
      )
      expect(status.closest('[role="status"]')).not.toBeNull()
      const button = c.view.getByRole('button', { name: 'Continue with a passkey' }) as HTMLButtonElement
      expect(button.disabled).toBe(true)
      expect(c.view.getByLabelText('Email').getAttribute('autocomplete')).toBe('email')
      expect(c.passkeys.get).not.toHaveBeenCalled()
      expect(c.requests.filter((request) => request.path.includes('webauthn'))).toEqual([])
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.unsupported')
    })

    it('says why a passkey was refused, focused, keeps the email and offers account recovery', async () => {
      // The device still offers a passkey the backend has forgotten.
      const c = await setup(
        'SignInUp',
        {},
        {
          browser: { noAutofill: true },
          prepare: async (c) => {
            await adaHasAPasskey(c)
            c.backend.controls.webauthn.forgetCredential(c.passkeys.device().credentials()[0]!.id)
          },
        },
      )
      await c.user.type(c.view.getByLabelText('Email'), 'ada@example.com')
      await c.user.click(await passkeyButton(c.view))
      const alert = await c.view.findByRole('alert')
      expect(alert.textContent).toBe(
        'That passkey was not accepted. Try again, or use a passkey saved on another device.',
      )
      await waitFor(() => expect(document.activeElement).toBe(alert))
      expect(c.passkeys.get).toHaveBeenCalledTimes(1)
      expect(c.passkeys.get.mock.calls[0]![0].mediation).toBeUndefined()
      expect(c.requestsTo('/webauthn/signin', 'POST')).toHaveLength(1)
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
      const c = await setup('SignInUp', {}, { browser: { noAutofill: true } })
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
      expect(c.passkeys.create).not.toHaveBeenCalled()
      expect(c.requestsTo('/webauthn/options/register')).toEqual([])
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.signUp.confirm')
      await c.user.click(c.view.getByRole('button', { name: 'Create a passkey' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(await bodyOf(c, '/webauthn/options/register')).toEqual({ email: 'ada@example.com' })
      expect(c.passkeys.create).toHaveBeenCalledTimes(1)
      expect(c.passkeys.create.mock.calls[0]![0].publicKey.user).toMatchObject({ name: 'ada@example.com' })
      expect(await bodyOf(c, '/webauthn/signup')).toMatchObject({
        credential: { id: c.passkeys.device().credentials()[0]!.id },
      })
      expect(c.client.store.getState().status).toBe('signedIn')
    })

    it('goes back to the email, kept, when it is taken', async () => {
      // Ada signed up with a passkey on another device.
      const c = await setup(
        'SignInUp',
        { initialScreen: 'signUp' },
        {
          browser: { noAutofill: true },
          prepare: async (c) => {
            await adaHasAPasskey(c)
            c.passkeys.switchDevice()
          },
        },
      )
      await c.user.click(await passkeyButton(c.view, 'Sign up with a passkey'))
      await c.user.type(await c.view.findByLabelText('Email'), 'ada@example.com')
      await c.user.click(c.view.getByRole('button', { name: 'Continue' }))
      await c.user.click(await c.view.findByRole('button', { name: 'Create a passkey' }))
      const error = await c.view.findByText(
        'An account with this email already exists. Sign in instead, or recover your account.',
      )
      expect(c.requestsTo('/webauthn/signup', 'POST')).toHaveLength(1)
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
      expect(await bodyOf(c, '/user/webauthn/reset/token')).toEqual({ email: 'ada@example.com' })
      // No such account: the mock sent nothing, and the page reads the same.
      expect(c.backend.outbox.latest({ type: 'webauthn-recovery' })).toBeUndefined()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.recover.sent')
    })

    it('creates a new passkey from the emailed link, then offers to sign in with it', async () => {
      const c = await setup(
        'AuthPage',
        { pathname: '/auth/webauthn/recover' },
        { prepare: async (c) => ({ search: await recoveryLink(c) }) },
      )
      await c.user.click(c.view.getByRole('button', { name: 'Create a passkey' }))
      expect(await c.view.findByRole('heading', { name: 'Account recovered' })).toBeTruthy()
      expect(c.view.getByRole('link', { name: 'Continue with a passkey' }).getAttribute('href')).toBe('/auth')
      expect(c.passkeys.create).toHaveBeenCalledTimes(1)
      const [newPasskey] = c.passkeys.device().credentials()
      expect(await bodyOf(c, '/user/webauthn/reset')).toMatchObject({ credential: { id: newPasskey!.id } })
      // The new device's passkey signs Ada in.
      expect(await c.client.webauthn!.signIn()).toMatchObject({ status: 'OK', user: { emails: [ADA.email] } })
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.recover.done')
    })

    it('offers a new link for a used recovery link', async () => {
      const c = await setup(
        'AuthPage',
        { pathname: '/auth/webauthn/recover' },
        {
          prepare: async (c) => {
            const search = await recoveryLink(c)
            const token = new URLSearchParams(search).get('token')!
            const used = await c.client.webauthn!.recoverAccount({ token })
            if (used.status !== 'OK') throw new Error(`set-up: recovery answered ${used.status}`)
            c.passkeys.switchDevice()
            return { search }
          },
        },
      )
      await c.user.click(c.view.getByRole('button', { name: 'Create a passkey' }))
      expect(await c.view.findByRole('heading', { name: 'This link no longer works' })).toBeTruthy()
      expect(c.view.getByRole('link', { name: 'Get a new link' }).getAttribute('href')).toBe(
        '/auth/webauthn/recover/send-email',
      )
      // The mock refused the token before any prompt.
      expect(c.requestsTo('/webauthn/options/register', 'POST')).toHaveLength(1)
      expect(c.passkeys.create).not.toHaveBeenCalled()
      expect(await axeViolations(c.container)).toEqual([])
    })

    it('finishes signing in with a passkey as second factor', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/mfa/webauthn' }, { mfa: true })
      await c.user.click(await c.view.findByRole('button', { name: 'Use a passkey' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(await bodyOf(c, '/webauthn/signin')).toMatchObject({ shouldTryLinkingWithSessionUser: true })
      expect(c.passkeys.get.mock.calls[0]![0].mediation).toBeUndefined()
      // The factor is done in this session: the mock's st-mfa claim says so.
      expect(c.client.store.getState().accessTokenPayload?.['st-mfa']).toMatchObject({ v: true })
      // Ada owes a factor she has already set up, so the mock allows setting up none (node's rule, RECIPES.md §4.3).
      expect(c.view.queryByRole('button', { name: 'Register a passkey' })).toBeNull()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.mfa')
    })

    it('registers a passkey as second factor for a password user who has none, under her own email', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/mfa/webauthn' }, { mfa: 'no passkey' })
      await c.user.click(await c.view.findByRole('button', { name: 'Register a passkey' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(await bodyOf(c, '/webauthn/options/register')).toMatchObject({ email: ADA.email })
      expect(await bodyOf(c, '/webauthn/signup')).toMatchObject({ shouldTryLinkingWithSessionUser: true })
      expect(c.passkeys.create).toHaveBeenCalledOnce()
      expect(c.client.store.getState().accessTokenPayload?.['st-mfa']).toMatchObject({ v: true })
      // The new passkey joined Ada's account: it signs her in.
      await c.client.session.signOut()
      expect(await c.client.webauthn!.signIn()).toMatchObject({ status: 'OK', user: { emails: [ADA.email] } })
      expect(await axeViolations(c.container)).toEqual([])
    })

    it('shows "Page not found" for the passkey pages without the webauthn() plugin', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/webauthn/recover/send-email' }, { plugin: false })
      expect(c.view.getByRole('heading', { name: 'Page not found' })).toBeTruthy()
    })
  })

  describe('PasskeySettings', { timeout: 30_000 }, () => {
    it('lists the passkeys and removes one after confirmation', async () => {
      const c = await setup('PasskeySettings', { email: 'ada@example.com' }, { prepare: adaWithTwoPasskeys })
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
      await c.user.click(confirm)
      expect(await c.view.findByText('Passkey removed.')).toBeTruthy()
      // The one of the second device (the current one) is gone; the list is read again from the mock.
      const [second] = c.passkeys.device().credentials()
      expect(await bodyOf(c, '/webauthn/credential/remove')).toEqual({ webauthnCredentialId: second!.id })
      await waitFor(() => expect(c.view.getAllByRole('listitem')).toHaveLength(1))
      expect(c.view.getByText('Passkey added on 2026-01-02')).toBeTruthy()
      await c.user.click(c.view.getByRole('button', { name: 'Remove the passkey added on 2026-01-02' }))
      await c.user.click(c.view.getByRole('button', { name: 'Yes, remove' }))
      expect(await c.view.findByText('You have no passkey yet.')).toBeTruthy()
    })

    it('keeps the passkey when the user changes their mind', async () => {
      const c = await setup('PasskeySettings', { email: 'ada@example.com' }, { prepare: adaWithTwoPasskeys })
      await c.user.click(await c.view.findByRole('button', { name: 'Remove the passkey added on 2026-01-02' }))
      await c.user.click(c.view.getByRole('button', { name: 'Keep it' }))
      const remove = c.view.getByRole('button', { name: 'Remove the passkey added on 2026-01-02' })
      await waitFor(() => expect(document.activeElement).toBe(remove))
      expect(c.requestsTo('/webauthn/credential/remove')).toEqual([])
    })

    it('adds a passkey, and says why when it cannot', async () => {
      // Ada signed up on `DAY_ONE` and adds a passkey from another device on `DAY_TWO`.
      const c = await setup(
        'PasskeySettings',
        { email: 'ada@example.com' },
        {
          prepare: async (c, clock) => {
            await adaSignsUp(c)
            c.passkeys.switchDevice()
            clock.advance(DAY_TWO - DAY_ONE)
          },
        },
      )
      await c.user.click(await c.view.findByRole('button', { name: 'Add a passkey' }))
      expect(await c.view.findByText('Passkey added.')).toBeTruthy()
      const sent = await bodyOf(c, '/webauthn/credential')
      expect(sent).toMatchObject({
        recipeUserId: c.client.store.getState().userId,
        credential: { id: c.passkeys.device().credentials()[0]!.id },
      })
      expect(await bodyOf(c, '/webauthn/options/register')).toEqual({ email: 'ada@example.com' })
      // The user cancels the browser's prompt: nothing more is sent.
      c.passkeys.cancelNext()
      await c.user.click(c.view.getByRole('button', { name: 'Add a passkey' }))
      const alert = await c.view.findByRole('alert')
      expect(alert.textContent).toMatch(/cancelled or timed out/)
      await waitFor(() => expect(document.activeElement).toBe(alert))
      expect(c.passkeys.create).toHaveBeenCalledTimes(2)
      expect(c.requestsTo('/webauthn/options/register', 'POST')).toHaveLength(2)
      expect(c.requestsTo('/webauthn/credential', 'POST')).toHaveLength(1)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'passkeys.settings.error')
    })
  })
}
