/**
 * Behaviour of the second-factor screens (issue 17) in every binding: the factor chooser, TOTP set-up and
 * verification, the lock-out, the email code as a second factor (through `AuthPage` on `/auth/mfa/*`), and
 * `MfaSettings`. A real client with the `multiFactor()` and `totp()` plugins, signed in against the mock backend's
 * MultiFactorAuth and TOTP (see `setup`).
 */
import { describe, expect, it } from 'vitest'
import { waitFor, within } from '@testing-library/dom'
import { multiFactor, passwordless, totp } from 'authfront'
import type { FlowClient } from '../../src/flows'
import { axeViolations } from './axe'
import { ADA, createCase, createManualClock, setupUser, useContractServer } from './harness'
import type { Rendered } from './harness'
import { expectMarkup } from './markup'

export type MfaComponent = 'AuthPage' | 'MfaSettings'

export interface MfaRenderRequest {
  component: MfaComponent
  client: FlowClient
  /** The component's props/inputs, passed as is (AuthPage: also `pathname`). */
  props: Record<string, unknown>
}

/** What each binding's test file passes to `mfaContracts`. Resolve once the first render is in the DOM. */
export type MfaContractRender = (request: MfaRenderRequest) => Promise<Rendered>

const SECRET = 'JBSWY3DPEHPK3PXP'

export function mfaContracts(render: MfaContractRender, options: { markup?: boolean } = {}): void {
  const checkMarkup = options.markup ?? true
  useContractServer()

  /**
   * Ada signed in with her password through the real `multiFactor()` and `totp()` plugins, against a mock that
   * requires one of `require` of her (`MfaSettings`: nothing, her session has done MFA, so she may add and remove
   * devices). The mock and the screens share a hand-driven clock, and every TOTP device gets `SECRET` (issuer "App"),
   * so the QR code, the key and the lock-out countdown are the same in every run.
   */
  const setup = async (
    component: MfaComponent,
    config: { require?: string[]; pathname?: string; search?: string; device?: string; locked?: boolean } = {},
  ) => {
    const clock = createManualClock(1_700_000_000_000)
    const c = await createCase({
      signInAs: ADA,
      mock: {
        now: clock.now,
        passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
        multiFactor: {
          usersRequiring: { [ADA.email]: component === 'AuthPage' ? (config.require ?? ['totp']) : [] },
          totp: { issuer: 'App', secret: SECRET },
        },
      },
      recipes: [passwordless({ contactMethod: 'EMAIL' }), multiFactor(), totp()],
      now: clock.now,
      beforeSignIn: (backend) => {
        if (config.device !== undefined) backend.totp.addDevice(ADA.email, { deviceName: config.device })
        if (config.locked) backend.controls.totp.lockOut(ADA.email)
      },
    })
    const props: Record<string, unknown> = { navigate: c.navigate, timers: clock }
    if (component === 'AuthPage') {
      Object.assign(props, { search: config.search ?? '', pathname: config.pathname ?? '/auth/mfa/totp' })
    }
    const rendered = await render({ component, client: c.client as FlowClient, props })
    return { ...c, ...rendered, view: within(rendered.container), user: setupUser(), clock }
  }

  describe('Second factors', { timeout: 30_000 }, () => {
    it('chooser: one link per factor with a page, keeping redirectToPath, and "Sign out"', async () => {
      const c = await setup('AuthPage', {
        pathname: '/auth/mfa',
        search: '?redirectToPath=/orders',
        require: ['totp', 'otp-email', 'link-email'],
      })
      await c.view.findByRole('heading', { name: 'Choose how to verify it is you' })
      const totp = c.view.getByRole('link', { name: 'Authenticator app' })
      expect(totp.getAttribute('href')).toBe('/auth/mfa/totp?redirectToPath=%2Forders')
      expect(c.view.getByRole('link', { name: 'Email me a code' })).toBeTruthy()
      expect(c.view.queryByRole('link', { name: /Passkey/ })).toBeNull()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'mfa.chooser')
      await c.user.click(totp)
      expect(c.navigate).toHaveBeenCalledWith('/auth/mfa/totp?redirectToPath=%2Forders')
    })

    it('TOTP set-up: QR code as an image, the key behind "Can’t scan?", a one-time-code field', async () => {
      const c = await setup('AuthPage')
      await c.view.findByRole('heading', { name: 'Add an authenticator app' })
      const qr = await c.view.findByRole('img', { name: 'QR code to add this account to an authenticator app' })
      // Nothing is focused on page load (MARKUP.md "Focus").
      expect(document.activeElement).toBe(document.body)
      expect(qr.tagName.toLowerCase()).toBe('svg')
      expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M2 2h7v1h-7z/)
      const code = c.view.getByLabelText('Code')
      expect(code.getAttribute('autocomplete')).toBe('one-time-code')
      expect(code.getAttribute('inputmode')).toBe('numeric')
      expect(c.container.textContent).not.toContain('JBSWY3DPEHPK3PXP')
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'mfa.totpSetup')
      await c.user.click(c.view.getByRole('button', { name: 'Can’t scan? Enter this key' }))
      const secret = c.container.querySelector('[data-af-secret] code')
      expect(secret?.textContent).toBe('JBSWY3DPEHPK3PXP')
      await waitFor(() => expect(document.activeElement).toBe(secret))
      expect(c.view.getByRole('button', { name: 'Copy' })).toBeTruthy()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'mfa.totpSetup.secret')
    })

    it('TOTP set-up: verifies the device with the typed code, then the success redirect', async () => {
      const c = await setup('AuthPage', { search: '?redirectToPath=/orders' })
      await c.view.findByRole('img', { name: 'QR code to add this account to an authenticator app' })
      // What the authenticator app shows for the device the screen just created.
      const code = (await c.backend.totp.currentCode(ADA.email))!
      await c.user.type(c.view.getByLabelText('Code'), code)
      await c.user.click(c.view.getByRole('button', { name: 'Verify' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/orders'))
      expect(JSON.parse(await c.requestsTo('/auth/totp/device/verify', 'POST')[0]!.body)).toEqual({
        deviceName: 'TOTP Device 0',
        totp: code,
      })
      expect(c.view.getByRole('status').textContent).toBe('Verified. Redirecting…')
      expect(c.backend.totp.devices(ADA.email)).toMatchObject([{ name: 'TOTP Device 0', verified: true }])
    })

    it('TOTP verification: a wrong code shows the attempts left on the field, focused, the code kept', async () => {
      const c = await setup('AuthPage', { device: 'Phone' })
      await c.view.findByRole('heading', { name: 'Enter the code from your authenticator app' })
      const code = c.view.getByLabelText('Code') as HTMLInputElement
      await c.user.type(code, '000000')
      await c.user.click(c.view.getByRole('button', { name: 'Verify' }))
      await waitFor(() =>
        expect(c.container.querySelector('[data-af-field-error]')?.textContent).toBe(
          'That code is not right. Tries left before a short lock: 4.',
        ),
      )
      await waitFor(() => expect(document.activeElement).toBe(code))
      expect(code.value).toBe('000000')
      expect(code.getAttribute('aria-invalid')).toBe('true')
      expect(c.requestsTo('/auth/totp/verify', 'POST')).toHaveLength(1)
      expect(c.requestsTo('/auth/totp/device', 'POST')).toEqual([])
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'mfa.totpVerify.wrongCode')
    })

    it('TOTP lock-out: a countdown that ticks, then "Try again" back to the code', async () => {
      const c = await setup('AuthPage', { device: 'Phone', locked: true })
      await c.user.type(await c.view.findByLabelText('Code'), (await c.backend.totp.currentCode(ADA.email))!)
      await c.user.click(c.view.getByRole('button', { name: 'Verify' }))
      await c.view.findByRole('heading', { name: 'Account locked' })
      // Five wrong codes lock the user out for 15 minutes (node's default), even from the right one.
      expect(c.container.querySelector('[data-af-countdown]')?.textContent).toBe('Try again in 15:00')
      const again = c.view.getByRole('button', { name: 'Try again' }) as HTMLButtonElement
      expect(again.disabled).toBe(true)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'mfa.locked')
      c.clock.advance(5 * 60_000)
      await waitFor(() =>
        expect(c.container.querySelector('[data-af-countdown]')?.textContent).toBe('Try again in 10:00'),
      )
      c.clock.advance(10 * 60_000)
      await waitFor(() => expect(c.container.querySelector('[data-af-countdown]')).toBeNull())
      expect(c.view.getByRole('status').textContent).toBe('You can try again now.')
      await c.user.click(c.view.getByRole('button', { name: 'Try again' }))
      await c.view.findByRole('heading', { name: 'Enter the code from your authenticator app' })
    })

    it('email code as a second factor: sent at once to the known email, no "Change email"', async () => {
      const c = await setup('AuthPage', { pathname: '/auth/mfa/otp-email', require: ['otp-email'] })
      await c.view.findByRole('heading', { name: 'Email based code' })
      await waitFor(() => expect(c.requestsTo('/auth/signinup/code', 'POST')).toHaveLength(1))
      expect(JSON.parse(await c.requestsTo('/auth/signinup/code')[0]!.body)).toMatchObject({ email: ADA.email })
      expect(c.view.getByText(`We sent a code to ${ADA.email}.`)).toBeTruthy()
      expect(c.view.queryByRole('button', { name: 'Change email' })).toBeNull()
      expect(c.view.getByRole('button', { name: 'Sign out' })).toBeTruthy()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'mfa.otpEmail')
    })

    it('renders "Page not found" for /mfa without the multiFactor() plugin', async () => {
      const c = await createCase({ signInAs: ADA })
      const rendered = await render({
        component: 'AuthPage',
        client: c.client,
        props: { navigate: c.navigate, pathname: '/auth/mfa/totp' },
      })
      expect(within(rendered.container).getByRole('heading', { name: 'Page not found' })).toBeTruthy()
    })

    it('MfaSettings: lists the apps, adds one in place, removes one after confirmation', async () => {
      const c = await setup('MfaSettings', { device: 'Phone' })
      await c.view.findByRole('button', { name: 'Remove Phone' })
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'mfaSettings.devices')
      await c.user.click(c.view.getByRole('button', { name: 'Add an authenticator app' }))
      await c.view.findByRole('img', { name: 'QR code to add this account to an authenticator app' })
      await c.user.type(c.view.getByLabelText('Code'), (await c.backend.totp.currentCode(ADA.email))!)
      await c.user.click(c.view.getByRole('button', { name: 'Verify' }))
      await waitFor(() => expect(c.view.getByRole('status').textContent).toBe('Authenticator app added.'))
      await c.user.click(c.view.getByRole('button', { name: 'Remove Phone' }))
      await c.view.findByRole('heading', { name: 'Remove Phone?' })
      await c.user.click(c.view.getByRole('button', { name: 'Remove' }))
      await waitFor(() => expect(c.view.getByRole('status').textContent).toBe('Phone was removed.'))
      expect(JSON.parse(await c.requestsTo('/auth/totp/device/remove', 'POST')[0]!.body)).toEqual({
        deviceName: 'Phone',
      })
      expect(c.backend.totp.devices(ADA.email).map((device) => [device.name, device.verified])).toEqual([
        ['TOTP Device 1', true],
      ])
    })
  })
}
