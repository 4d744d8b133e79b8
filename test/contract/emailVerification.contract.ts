/**
 * Behaviour of the EmailVerification screens, run by every binding against the real client and mock backend.
 */
import { describe, expect, it } from 'vitest'
import { waitFor, within } from '@testing-library/dom'
import { axeViolations } from './axe'
import { ADA, createCase, createManualClock, useContractServer, setupUser } from './harness'
import type { CaseOptions, ContractRender } from './harness'
import { expectMarkup } from './markup'

export function emailVerificationContract(render: ContractRender, options: { markup?: boolean } = {}): void {
  const checkMarkup = options.markup ?? true
  useContractServer()

  const setup = async (props: Record<string, unknown> = {}, caseOptions: CaseOptions = {}) => {
    const c = await createCase({ emailVerification: 'required', signInAs: ADA, ...caseOptions })
    const clock = createManualClock()
    const rendered = await render({
      component: 'EmailVerification',
      client: c.client,
      props: { navigate: c.navigate, search: '', timers: clock, ...props },
    })
    return { ...c, ...rendered, clock, view: within(rendered.container), user: setupUser() }
  }

  const verifyToken = async (c: Awaited<ReturnType<typeof createCase>>) => {
    const sent = await c.client.emailVerification.sendEmail()
    expect(sent.status).toBe('OK')
    const email = c.backend.outbox.latest({ type: 'verify-email' })
    if (!email) throw new Error('no verification email')
    c.backend.outbox.clear()
    c.requests.length = 0
    return email.token
  }

  describe('EmailVerification', { timeout: 30_000 }, () => {
    it('sends the email once on mount and shows "check your email" with a resend cooldown', async () => {
      const c = await setup()
      await waitFor(() => expect(c.view.getByRole('status').textContent).toBe('Verification email sent.'))
      expect(c.view.getByRole('heading', { name: 'Verify your email' })).toBeTruthy()
      expect(c.backend.outbox.list()).toHaveLength(1)
      expect(c.requestsTo('/user/email/verify/token', 'POST')).toHaveLength(1)
      const resend = c.view.getByRole('button', { name: 'Resend email in 30 s' })
      expect(resend.hasAttribute('disabled')).toBe(true)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'emailVerification.send.cooldown')

      c.clock.advance(10_000)
      await c.view.findByRole('button', { name: 'Resend email in 20 s' })
      c.clock.advance(20_000)
      const enabled = await c.view.findByRole('button', { name: 'Resend email' })
      expect(enabled.hasAttribute('disabled')).toBe(false)
      await c.user.click(enabled)
      await waitFor(() => expect(c.view.getByRole('status').textContent).toBe('A new verification email was sent.'))
      expect(c.backend.outbox.list()).toHaveLength(2)
      expect(c.view.getByRole('button', { name: 'Resend email in 30 s' }).hasAttribute('disabled')).toBe(true)
    })

    it('redirects at once when the email is already verified', async () => {
      const c = await setup({ search: '?redirectToPath=%2Fhome' }, { users: [{ ...ADA, verified: true }] })
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/home'))
      expect(c.backend.outbox.list()).toHaveLength(0)
    })

    it('treats EMAIL_ALREADY_VERIFIED_ERROR on send as success', async () => {
      const c = await createCase({ emailVerification: 'required', signInAs: ADA })
      c.backend.controls.failNext({
        match: '/user/email/verify/token',
        status: 200,
        body: { status: 'EMAIL_ALREADY_VERIFIED_ERROR' },
      })
      const rendered = await render({
        component: 'EmailVerification',
        client: c.client,
        props: { navigate: c.navigate, search: '' },
      })
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/'))
      expect(within(rendered.container).getByRole('heading', { name: 'Email verified' })).toBeTruthy()
    })

    it('sends users without a session to the auth page', async () => {
      const c = await setup({}, { signInAs: undefined })
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/auth'))
      expect(c.requestsTo('/user/email/verify/token')).toHaveLength(0)
    })

    it('verifies ?token= and continues to the app', async () => {
      const c = await createCase({ emailVerification: 'required', signInAs: ADA })
      const token = await verifyToken(c)
      const rendered = await render({
        component: 'EmailVerification',
        client: c.client,
        props: { navigate: c.navigate, search: `?token=${token}&tenantId=public&redirectToPath=%2Fwelcome` },
      })
      const view = within(rendered.container)
      const heading = await view.findByRole('heading', { name: 'Email verified' })
      await waitFor(() => expect(document.activeElement).toBe(heading))
      expect(view.getByRole('status').textContent).toBe('Your email address was verified.')
      expect(c.backend.users.get(ADA.email)?.verified).toBe(true)
      expect(c.requestsTo('/user/email/verify', 'POST')).toHaveLength(1)
      expect(await axeViolations(rendered.container)).toEqual([])
      if (checkMarkup) await expectMarkup(rendered.container, 'emailVerification.success')
      await setupUser().click(view.getByRole('button', { name: 'Continue' }))
      expect(c.navigate).toHaveBeenCalledWith('/welcome')
    })

    it('shows the verify screen while verifying', async () => {
      const c = await createCase({ emailVerification: 'required', signInAs: ADA })
      c.backend.controls.hangNext({ match: '/user/email/verify', method: 'POST' })
      const rendered = await render({
        component: 'EmailVerification',
        client: c.client,
        props: { navigate: c.navigate, search: '?token=abc' },
      })
      const view = within(rendered.container)
      expect(view.getByRole('heading', { name: 'Verifying your email' })).toBeTruthy()
      expect(view.getByRole('status').textContent).toBe('Verifying…')
      expect(await axeViolations(rendered.container)).toEqual([])
      if (checkMarkup) await expectMarkup(rendered.container, 'emailVerification.verify')
    })

    it('explains an invalid token and sends a new link on request', async () => {
      const c = await setup({ token: 'bad-token' })
      const heading = await c.view.findByRole('heading', { name: 'Link expired' })
      await waitFor(() => expect(document.activeElement).toBe(heading))
      expect(c.view.getByRole('alert').textContent).toBe('This verification link is invalid or has expired.')
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'emailVerification.invalidToken')
      await c.user.click(c.view.getByRole('button', { name: 'Send a new link' }))
      await waitFor(() => expect(c.view.getByRole('status').textContent).toBe('Verification email sent.'))
      expect(c.backend.outbox.list()).toHaveLength(1)
    })

    it('shows a retryable error when verifying fails on the network', async () => {
      const c = await createCase({ emailVerification: 'required', signInAs: ADA })
      const token = await verifyToken(c)
      c.backend.controls.networkErrorNext({ match: '/user/email/verify', method: 'POST' })
      const rendered = await render({
        component: 'EmailVerification',
        client: c.client,
        props: { navigate: c.navigate, search: `?token=${token}` },
      })
      const view = within(rendered.container)
      await waitFor(() => expect(view.getByRole('alert').textContent).toMatch(/Could not reach the server/))
      await setupUser().click(view.getByRole('button', { name: 'Try again' }))
      await view.findByRole('heading', { name: 'Email verified' })
    })

    it('signs out from the send screen', async () => {
      const c = await setup()
      await waitFor(() => expect(c.view.getByRole('status').textContent).toBe('Verification email sent.'))
      await c.user.click(c.view.getByRole('button', { name: 'Sign out' }))
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/auth'))
      expect(c.client.store.getState().status).toBe('signedOut')
    })
  })
}
