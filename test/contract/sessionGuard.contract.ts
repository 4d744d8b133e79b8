/**
 * The router guard policy (`decideSession`), run by every binding that ships a router guard (Vue's and Angular's
 * `sessionGuard`) against the real client and mock backend: both must answer every case the same way.
 */
import { describe, expect, it, vi } from 'vitest'
import { UserRoleClaim } from 'authfront'
import type { AuthClient, SessionAuthOptions } from 'authfront'
import { ADA, createCase, useContractServer } from './harness'
import type { CaseOptions } from './harness'

export interface GuardRequest {
  client: AuthClient
  /** The requested URL: path, query and hash. */
  url: string
  /** Options of `createSessionGuard` (Vue: `requireAuth` comes from the route's `meta`). */
  options?: {
    requireAuth?: boolean
    redirectToVerifyEmail?: boolean
    claimValidators?: SessionAuthOptions['claimValidators']
    storage?: Pick<Storage, 'getItem' | 'setItem'>
  }
  /** Run the guard as during server rendering. */
  isServer?: boolean
}

/** The router's answer: `true` (enter), `false` (cancel) or the URL it redirects to. */
export type GuardRun = (request: GuardRequest) => Promise<boolean | string>

const memoryStorage = () => {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => items.set(key, value),
  }
}

export function sessionGuardContract(run: GuardRun): void {
  useContractServer()

  const guard = async (url: string, request: Omit<GuardRequest, 'client' | 'url'> = {}, options?: CaseOptions) => {
    const c = await createCase(options)
    const answer = await run({
      client: c.client,
      url,
      ...request,
      options: { storage: memoryStorage(), ...request.options },
    })
    return answer
  }

  describe('sessionGuard (decideSession)', { timeout: 30_000 }, () => {
    it('sends a signed-out user to the auth page with the requested URL as redirectToPath', async () => {
      expect(await guard('/dashboard?tab=2')).toBe('/auth?redirectToPath=%2Fdashboard%3Ftab%3D2')
    })

    it('lets a signed-in user in', async () => {
      expect(await guard('/dashboard', {}, { signInAs: ADA })).toBe(true)
    })

    it('lets the auth pages through without waiting for the session', async () => {
      for (const url of ['/auth', '/auth/reset-password?token=x', '/auth/verify-email']) {
        expect(await guard(url)).toBe(true)
      }
    })

    it('guards lookalike paths of the auth pages', async () => {
      expect(await guard('/authors')).toBe('/auth?redirectToPath=%2Fauthors')
    })

    it('lets everyone in with requireAuth false, without waiting for the session', async () => {
      expect(await guard('/dashboard', { options: { requireAuth: false } })).toBe(true)
    })

    it('during server rendering cancels a guarded route without waiting for the session, signed in or not', async () => {
      expect(await guard('/dashboard', { isServer: true })).toBe(false)
      expect(await guard('/dashboard', { isServer: true }, { signInAs: ADA })).toBe(false)
    })

    it('during server rendering lets the auth pages and public routes through', async () => {
      expect(await guard('/auth', { isServer: true })).toBe(true)
      expect(await guard('/dashboard', { isServer: true, options: { requireAuth: false } })).toBe(true)
    })

    it('sends an unverified user to verify-email when verification is required, or cancels without that redirect', async () => {
      const required = { emailVerification: 'required', signInAs: ADA } as const
      expect(await guard('/dashboard', {}, required)).toBe('/auth/verify-email?redirectToPath=%2Fdashboard')
      expect(await guard('/dashboard', { options: { redirectToVerifyEmail: false } }, required)).toBe(false)
    })

    it('cancels a failed role claim, unless its claimValidators replace the global ones', async () => {
      const roleCase = {
        signInAs: ADA,
        claimValidators: [UserRoleClaim.validators.includes('admin')],
        accessTokenClaims: { 'st-role': { v: ['user'], t: Date.now() } },
      }
      expect(await guard('/admin', {}, roleCase)).toBe(false)
      const userPage = { claimValidators: () => [UserRoleClaim.validators.includes('user')] }
      expect(await guard('/profile', { options: userPage }, roleCase)).toBe(true)
    })

    it('cancels once its redirects loop', async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      try {
        const c = await createCase()
        const storage = memoryStorage()
        const answers = []
        for (let round = 0; round < 4; round++)
          answers.push(await run({ client: c.client, url: '/p', options: { storage } }))
        expect(answers).toEqual([
          '/auth?redirectToPath=%2Fp',
          '/auth?redirectToPath=%2Fp',
          '/auth?redirectToPath=%2Fp',
          false,
        ])
      } finally {
        error.mockRestore()
      }
    })
  })
}
