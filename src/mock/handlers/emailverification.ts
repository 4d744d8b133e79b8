import { jsonReply } from '../http'
import type { Reply } from '../http'
import { findOneTimeToken } from '../outbox'
import { isReply, readBody } from '../pipeline'
import type { Ctx } from '../pipeline'
import type { VerifiedAccess } from '../tokenService'
import type { MockUser } from '../types'
import type { MockRecipeKit, MockRecipeModule } from './types'

const EV_TOKEN_LIFETIME_MS = 24 * 3600 * 1000

/** Is-verified, send the link, follow the link (docs/PROTOCOL.md §2.6). Off unless `emailVerification` is on. */
export const emailVerificationRecipe: MockRecipeModule = {
  id: 'emailverification',
  routes(kit) {
    if (kit.options.emailVerification === 'off') return []
    return [
      { method: 'get', path: '/user/email/verify', tenantScoped: false, run: createIsEmailVerified(kit) },
      { method: 'post', path: '/user/email/verify/token', tenantScoped: false, run: createSendEmail(kit) },
      { method: 'post', path: '/user/email/verify', tenantScoped: true, run: createVerifyEmail(kit) },
    ]
  },
}

/** The session's user; node answers 401 without a session, and 401 with clearing for an unknown user id. */
function sessionUser({ store, tokens, options }: MockRecipeKit, ctx: Ctx): Reply | [VerifiedAccess, MockUser] {
  const verified = tokens.verifyAccess(ctx, options.checkDatabase)
  if (verified.ok === 'none') return tokens.unauthorised(false)
  if (verified.ok === false) return verified.reply
  const user = store.findUser(verified.session.userId)
  return user === undefined ? tokens.unauthorised(true) : [verified, user]
}

function createIsEmailVerified(kit: MockRecipeKit) {
  const { tokens } = kit
  return (ctx: Ctx): Reply => {
    const found = sessionUser(kit, ctx)
    if (isReply(found)) return found
    const [verified, user] = found
    const reply = jsonReply(200, { status: 'OK', isVerified: user.verified })
    tokens.updateClaims(reply, verified, { 'st-ev': tokens.evClaimFor(user) })
    return reply
  }
}

function createSendEmail(kit: MockRecipeKit) {
  const { tokens, emails } = kit
  return (ctx: Ctx): Reply => {
    const found = sessionUser(kit, ctx)
    if (isReply(found)) return found
    const [verified, user] = found
    if (user.verified) {
      const reply = jsonReply(200, { status: 'EMAIL_ALREADY_VERIFIED_ERROR' })
      tokens.updateClaims(reply, verified, { 'st-ev': tokens.evClaimFor(user) })
      return reply
    }
    emails('verify-email', user, verified.session.tenantId, EV_TOKEN_LIFETIME_MS)
    return jsonReply(200, { status: 'OK' })
  }
}

function createVerifyEmail({ store, tokens, options }: MockRecipeKit) {
  return async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const token = body['token']
    if (token === undefined || token === null) {
      return jsonReply(400, { message: 'Please provide the email verification token' })
    }
    if (typeof token !== 'string') return jsonReply(400, { message: 'The email verification token must be a string' })
    // The session is optional here, but an expired one still yields 401 try refresh, as in node.
    const verified = tokens.verifyAccess(ctx, false)
    if (verified.ok === false) return verified.reply
    const found = findOneTimeToken(store.state.emailVerificationTokens, token, options.now())
    if (found === undefined || found.tenantId !== ctx.tenantId) {
      return jsonReply(200, { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' })
    }
    store.state.emailVerificationTokens = store.state.emailVerificationTokens.filter(
      (item) => item.userId !== found.userId,
    )
    const user = store.findUser(found.userId)
    if (user === undefined || user.email !== found.email) {
      return jsonReply(200, { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' })
    }
    user.verified = true
    const reply = jsonReply(200, { status: 'OK' })
    if (verified.ok === true && verified.session.userId === user.id) {
      tokens.updateClaims(reply, verified, { 'st-ev': tokens.evClaimFor(user) })
    }
    return reply
  }
}
