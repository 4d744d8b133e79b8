import { expressHtml, jsonReply } from '../http'
import type { Reply } from '../http'
import type { Ctx } from '../pipeline'
import type { VerifiedAccess } from '../tokenService'
import type { MockUser } from '../types'
import type { MockRecipeKit, MockRecipeModule } from './types'

/** A reply that only collects the session headers (a rewritten `st-mfa`) for the answer built afterwards. */
export function scratchReply(): Reply {
  return { status: 200, body: null, headers: new Headers() }
}

/** The answer with the session headers collected in `scratch` (node sets them on the response as it goes). */
export function withSessionHeaders(reply: Reply, scratch: Reply): Reply {
  for (const [name, value] of scratch.headers) if (name !== 'set-cookie') reply.headers.set(name, value)
  for (const cookie of scratch.headers.getSetCookie()) reply.headers.append('Set-Cookie', cookie)
  return reply
}

/**
 * node's `getSession` with no claim validators, as the MFA and TOTP APIs load it: no session → 401 without clearing,
 * an expired token → 401 try refresh, a deleted user → 401 with clearing ("Session user not found").
 */
export function requireSession(kit: MockRecipeKit, ctx: Ctx): { verified: VerifiedAccess; user: MockUser } | Reply {
  const verified = kit.tokens.verifyAccess(ctx, kit.options.checkDatabase)
  if (verified.ok === 'none') return kit.tokens.unauthorised(false)
  if (verified.ok === false) return verified.reply
  const user = kit.store.findUser(verified.session.userId)
  if (user === undefined) return kit.tokens.unauthorised(true)
  return {
    verified: { session: verified.session, payload: verified.payload, transferMethod: verified.transferMethod },
    user,
  }
}

/** `PUT mfa/info` (docs/RECIPES.md §4.2). */
export const multiFactorAuthRecipe: MockRecipeModule = {
  id: 'multifactorauth',
  routes(kit) {
    if (!kit.mfa.enabled) return []
    const info = (ctx: Ctx): Reply => {
      const loaded = requireSession(kit, ctx)
      if (!('user' in loaded)) return loaded
      const scratch = scratchReply()
      const status = kit.mfa.status(scratch, loaded.verified, loaded.user)
      if (status.nextGroup.length > 0 && status.next.length === 0) {
        // node PR #822: a requirement nobody can meet is a configuration error, thrown as a plain Error.
        const factors = status.nextGroup.join(', ')
        return expressHtml(
          500,
          `Error: The user is required to complete secondary factors they are not allowed to (${factors}), likely because of configuration issues.`,
        )
      }
      const { next, alreadySetup, allowedToSetup } = status
      const body = { status: 'OK', factors: { next, alreadySetup, allowedToSetup }, ...kit.mfa.contacts(loaded.user) }
      return withSessionHeaders(jsonReply(200, body), scratch)
    }
    return [{ method: 'put', path: '/mfa/info', tenantScoped: false, run: info }]
  },
}
