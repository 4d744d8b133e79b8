/**
 * Behaviour of SessionAuth, run by every binding against the real client and mock backend.
 */
import { describe, expect, it, vi } from 'vitest'
import { waitFor, within } from '@testing-library/dom'
import { UserRoleClaim } from 'authfront'
import { axeViolations } from './axe'
import { ADA, createCase, useContractServer } from './harness'
import type { CaseOptions, ContractRender, RenderRequest } from './harness'
import { expectMarkup } from './markup'

const memoryStorage = () => {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

export function sessionAuthContract(render: ContractRender, options: { markup?: boolean } = {}): void {
  const checkMarkup = options.markup ?? true
  useContractServer()

  const setup = async (
    props: Record<string, unknown> = {},
    caseOptions: CaseOptions = {},
    slots: RenderRequest['slots'] = { children: 'Secret page', fallback: 'Loading…' },
  ) => {
    const c = await createCase(caseOptions)
    const request: RenderRequest = {
      component: 'SessionAuth',
      client: c.client,
      props: { navigate: c.navigate, currentPath: () => '/protected?x=1', storage: memoryStorage(), ...props },
      slots,
    }
    const rendered = await render(request)
    return { ...c, ...rendered, request, view: within(rendered.container) }
  }

  describe('SessionAuth', { timeout: 30_000 }, () => {
    it('renders the children with a session', async () => {
      const c = await setup({}, { signInAs: ADA })
      await c.view.findByText('Secret page')
      expect(c.view.queryByText('Loading…')).toBeNull()
      expect(c.navigate).not.toHaveBeenCalled()
    })

    it('shows the fallback, then redirects signed-out users to the auth page with redirectToPath', async () => {
      const c = await setup()
      expect(c.view.queryByText('Secret page')).toBeNull()
      expect(c.view.getByText('Loading…')).toBeTruthy()
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/auth?redirectToPath=%2Fprotected%3Fx%3D1'))
      expect(c.navigate).toHaveBeenCalledTimes(1)
      expect(c.view.queryByText('Secret page')).toBeNull()
    })

    it('renders the children signed out with requireAuth false', async () => {
      const c = await setup({ requireAuth: false })
      await c.view.findByText('Secret page')
      expect(c.navigate).not.toHaveBeenCalled()
    })

    it('sends unverified users to verify-email when verification is required', async () => {
      const c = await setup({}, { emailVerification: 'required', signInAs: ADA })
      await waitFor(() =>
        expect(c.navigate).toHaveBeenCalledWith('/auth/verify-email?redirectToPath=%2Fprotected%3Fx%3D1'),
      )
      expect(c.view.queryByText('Secret page')).toBeNull()
    })

    it('renders verified users with verification required', async () => {
      const c = await setup({}, { emailVerification: 'required', signInAs: ADA, users: [{ ...ADA, verified: true }] })
      await c.view.findByText('Secret page')
      expect(c.navigate).not.toHaveBeenCalled()
    })

    it('shows the default access-denied notice, or the accessDenied slot', async () => {
      const c = await setup(
        { redirectToVerifyEmail: false },
        { emailVerification: 'required', signInAs: ADA },
        { children: 'Secret page' },
      )
      await c.view.findByRole('heading', { name: 'Access denied' })
      expect(c.view.getByRole('alert').textContent).toBe('You do not have access to this page.')
      expect(c.view.queryByText('Secret page')).toBeNull()
      expect(await axeViolations(c.container)).toEqual([])
      if (checkMarkup) await expectMarkup(c.container, 'sessionAuth.accessDenied')

      const slotted = await setup(
        { redirectToVerifyEmail: false },
        { emailVerification: 'required', signInAs: ADA },
        { children: 'Secret page', accessDenied: 'Please verify first' },
      )
      await slotted.view.findByText('Please verify first')
    })

    // The user-roles recipe's claim as the backend writes it; the client's global validators require `admin`.
    const roleCase = {
      signInAs: ADA,
      claimValidators: [UserRoleClaim.validators.includes('admin')],
      accessTokenClaims: { 'st-role': { v: ['user'], t: Date.now() } },
    }

    it('hands a failed role claim to the access-denied content', async () => {
      const c = await setup({}, roleCase, { children: 'Secret page', accessDeniedClaims: 'Denied' })
      await c.view.findByText('Denied: st-role')
      expect(c.view.queryByText('Secret page')).toBeNull()
      expect(c.navigate).not.toHaveBeenCalled()
    })

    it('lets a user in when its claimValidators replace the global ones', async () => {
      const c = await setup({ claimValidators: () => [UserRoleClaim.validators.includes('user')] }, roleCase, {
        children: 'Secret page',
        accessDeniedClaims: 'Denied',
      })
      await c.view.findByText('Secret page')
      expect(c.view.queryByText(/Denied/)).toBeNull()
      expect(c.navigate).not.toHaveBeenCalled()
    })

    it('stops a redirect loop and reports a diagnostic', async () => {
      const storage = memoryStorage()
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        const navigate = vi.fn()
        for (let round = 0; round < 3; round++) {
          const c = await setup({ storage, navigate })
          await waitFor(() => expect(navigate).toHaveBeenCalledTimes(round + 1))
          await c.unmount()
        }
        const c = await setup({ storage, navigate })
        await c.view.findByRole('heading', { name: 'Sign-in problem' })
        // An error, announced, with a way forward.
        expect(c.view.getByRole('alert').textContent).toMatch(/could not confirm your session/)
        expect(c.view.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(
          '/auth?redirectToPath=%2Fprotected%3Fx%3D1',
        )
        expect(navigate).toHaveBeenCalledTimes(3)
        expect(error).toHaveBeenCalledWith(expect.stringContaining('stopped redirecting'))
        expect(await axeViolations(c.container)).toEqual([])
        if (checkMarkup) await expectMarkup(c.container, 'sessionAuth.loopDetected')
      } finally {
        error.mockRestore()
      }
    })

    it('calls onSessionExpired instead of redirecting when the session ends', async () => {
      const onSessionExpired = vi.fn()
      const c = await setup({ onSessionExpired }, { signInAs: ADA })
      await c.view.findByText('Secret page')
      await c.client.session.signOut()
      await waitFor(() => expect(onSessionExpired).toHaveBeenCalledTimes(1))
      expect(c.navigate).not.toHaveBeenCalled()
      await waitFor(() => expect(c.view.queryByText('Secret page')).toBeNull())
    })

    it('redirects when the user signs out while the page is shown', async () => {
      const c = await setup({}, { signInAs: ADA })
      await c.view.findByText('Secret page')
      await c.client.session.signOut()
      await waitFor(() => expect(c.navigate).toHaveBeenCalledWith('/auth?redirectToPath=%2Fprotected%3Fx%3D1'))
      await waitFor(() => expect(c.view.queryByText('Secret page')).toBeNull())
    })
  })
}
