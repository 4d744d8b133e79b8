/**
 * Behaviour of the ResetPassword screens, run by every binding against the real client and mock backend.
 */
import { describe, expect, it } from 'vitest'
import { waitFor, within } from '@testing-library/dom'
import { axeViolations } from './axe'
import { ADA, createCase, formFieldsOf, useContractServer, setupUser } from './harness'
import type { ContractRender } from './harness'
import { expectMarkup } from './markup'

export function resetPasswordContract(render: ContractRender, options: { markup?: boolean } = {}): void {
  const checkMarkup = options.markup ?? true
  useContractServer()

  const setup = async (props: Record<string, unknown> = {}) => {
    const c = await createCase()
    const rendered = await render({
      component: 'ResetPassword',
      client: c.client,
      props: { navigate: c.navigate, search: '', ...props },
    })
    return { ...c, ...rendered, view: within(rendered.container), user: setupUser() }
  }

  /** Requests a reset link for Ada through the backend and returns its token. */
  const tokenFor = async (c: Awaited<ReturnType<typeof setup>>) => {
    const result = await c.client.emailPassword.sendPasswordResetEmail(ADA.email)
    expect(result.status).toBe('OK')
    const email = c.backend.outbox.latest({ to: ADA.email, type: 'reset-password' })
    if (!email) throw new Error('no reset email')
    return email.token
  }

  describe('ResetPassword', { timeout: 30_000 }, () => {
    it('renders the request screen accessibly', async () => {
      const c = await setup()
      expect(c.view.getByRole('heading', { name: 'Reset your password' })).toBeTruthy()
      expect(c.view.getByLabelText('Email').getAttribute('autocomplete')).toBe('email')
      expect(c.view.getByRole('link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/auth')
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'resetPassword.request')
    })

    it('always answers "check your email" (no enumeration), and only known users get an email', async () => {
      const c = await setup()
      await c.user.type(c.view.getByLabelText('Email'), 'nobody@example.com{Enter}')
      const heading = await c.view.findByRole('heading', { name: 'Check your email' })
      await waitFor(() => expect(document.activeElement).toBe(heading))
      expect(c.view.getByRole('status').textContent).toBe(
        'If an account exists for nobody@example.com, we sent it a link to reset the password.',
      )
      expect(c.backend.outbox.list()).toHaveLength(0)
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'resetPassword.sent')

      await c.user.click(c.view.getByRole('button', { name: 'Send again or use another email' }))
      const email = await c.view.findByLabelText('Email')
      expect((email as HTMLInputElement).value).toBe('nobody@example.com')
      await c.user.clear(email)
      await c.user.type(email, `${ADA.email}{Enter}`)
      await c.view.findByRole('heading', { name: 'Check your email' })
      expect(c.backend.outbox.latest({ to: ADA.email })?.type).toBe('reset-password')
      expect(await formFieldsOf(c.requestsTo('/user/password/reset/token', 'POST')[1])).toEqual({ email: ADA.email })
    })

    it('validates the email before sending', async () => {
      const c = await setup()
      await c.user.type(c.view.getByLabelText('Email'), 'nope{Enter}')
      await waitFor(() => expect(c.view.getByText('Enter a valid email address')).toBeTruthy())
      await waitFor(() => expect(document.activeElement).toBe(c.view.getByLabelText('Email')))
      expect(c.requestsTo('/user/password/reset/token')).toHaveLength(0)
    })

    it('keeps the email and shows a retryable error when the request fails', async () => {
      const c = await setup()
      c.backend.controls.networkErrorNext({ match: '/user/password/reset/token' })
      await c.user.type(c.view.getByLabelText('Email'), `${ADA.email}{Enter}`)
      await waitFor(() => expect(c.view.getByRole('alert').textContent).toMatch(/Could not reach the server/))
      expect((c.view.getByLabelText('Email') as HTMLInputElement).value).toBe(ADA.email)
      await c.user.click(c.view.getByRole('button', { name: 'Email me a reset link' }))
      await c.view.findByRole('heading', { name: 'Check your email' })
    })

    it('sets a new password from ?token=, checking the confirmation and sending only the password', async () => {
      const base = await setup()
      const token = await tokenFor(base)
      await base.unmount()
      const c = await render({
        component: 'ResetPassword',
        client: base.client,
        props: { navigate: base.navigate, search: `?token=${token}&tenantId=public` },
      })
      const view = within(c.container)
      const user = setupUser()
      expect(view.getByRole('heading', { name: 'Set a new password' })).toBeTruthy()
      const password = view.getByLabelText('New password')
      const confirm = view.getByLabelText('Confirm password')
      expect(password.getAttribute('autocomplete')).toBe('new-password')
      expect(confirm.getAttribute('autocomplete')).toBe('new-password')
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'resetPassword.newPassword')

      await user.type(password, 'short')
      await user.tab()
      await waitFor(() => expect(view.getByText('Use at least 8 characters, including a number')).toBeTruthy())
      await user.clear(password)
      await user.type(password, 'newpass123')
      await user.type(confirm, 'newpass124{Enter}')
      await waitFor(() => expect(view.getByText('The passwords don’t match')).toBeTruthy())
      await waitFor(() => expect(document.activeElement).toBe(confirm))
      expect(base.requestsTo('/user/password/reset', 'POST')).toHaveLength(0)

      await user.clear(confirm)
      await user.type(confirm, 'newpass123{Enter}')
      const done = await view.findByRole('heading', { name: 'Password changed' })
      await waitFor(() => expect(document.activeElement).toBe(done))
      expect(await formFieldsOf(base.requestsTo('/user/password/reset', 'POST')[0])).toEqual({ password: 'newpass123' })
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'resetPassword.done')
      const signIn = await base.client.emailPassword.signIn({ email: ADA.email, password: 'newpass123' })
      expect(signIn.status).toBe('OK')
      await user.click(view.getByRole('link', { name: 'Sign in' }))
      expect(base.navigate).toHaveBeenCalledWith('/auth')
      await c.unmount()
    })

    it('explains an invalid token and offers to request a new link', async () => {
      const c = await setup({ token: 'not-a-real-token' })
      await c.user.type(c.view.getByLabelText('New password'), 'newpass123')
      await c.user.type(c.view.getByLabelText('Confirm password'), 'newpass123{Enter}')
      await waitFor(() =>
        expect(c.view.getByRole('alert').textContent).toBe(
          'This reset link has expired or was already used. Ask for a new one.',
        ),
      )
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'resetPassword.invalidToken')
      await c.user.click(c.view.getByRole('button', { name: 'Request a new link' }))
      await c.view.findByRole('heading', { name: 'Reset your password' })
      expect(c.view.getByLabelText('Email')).toBeTruthy()
    })
  })
}
