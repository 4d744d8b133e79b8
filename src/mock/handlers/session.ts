import { sha256Hex } from '../crypto'
import { exposeHeader, jsonReply } from '../http'
import type { Reply } from '../http'
import type { Ctx } from '../pipeline'
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../tokenService'
import type { MockTokenTransferMethod } from '../types'
import type { MockRecipeKit, MockRecipeModule } from './types'

/** Sign-out and refresh (docs/PROTOCOL.md §2.4, §2.5). */
export const sessionRecipe: MockRecipeModule = {
  id: 'session',
  routes(kit) {
    return [
      { method: 'post', path: '/signout', tenantScoped: false, run: createSignOut(kit) },
      { method: 'post', path: '/session/refresh', tenantScoped: false, run: createRefresh(kit) },
    ]
  },
}

function createSignOut({ tokens, options }: MockRecipeKit) {
  return (ctx: Ctx): Reply => {
    const verified = tokens.verifyAccess(ctx, options.checkDatabase)
    // Like node: no session tokens at all clears nothing (supertokens-node#17, a race with a concurrent sign-in).
    if (verified.ok === 'none') return tokens.unauthorised(false)
    if (verified.ok === false) return verified.reply
    verified.session.revoked = true
    const reply = jsonReply(200, { status: 'OK' })
    tokens.clearTokens(reply, [verified.transferMethod])
    return reply
  }
}

/** A reply without `front-token` (the `dropFrontTokenOnRefresh` control: a proxy that strips it). */
function dropFrontToken(reply: Reply): void {
  reply.headers.delete('front-token')
  exposeHeader(reply.headers, 'front-token')
  const names = (reply.headers.get('Access-Control-Expose-Headers') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== 'front-token')
  if (names.length > 0) reply.headers.set('Access-Control-Expose-Headers', names.join(', '))
  else reply.headers.delete('Access-Control-Expose-Headers')
}

function createRefresh({ store, tokens, options, controls }: MockRecipeKit) {
  return (ctx: Ctx): Reply => {
    const fromHeader = tokens.bearer(ctx.request)
    const fromCookie = ctx.cookies[REFRESH_COOKIE] || undefined
    const token = fromHeader ?? fromCookie
    if (token === undefined) return tokens.unauthorised(true, ctx)
    const transferMethod: MockTokenTransferMethod = fromHeader !== undefined ? 'header' : 'cookie'
    if (transferMethod === 'cookie' && options.antiCsrf === 'VIA_CUSTOM_HEADER' && !ctx.request.headers.has('rid')) {
      return tokens.unauthorised(true, ctx)
    }
    const hash = sha256Hex(token)
    const { sessions } = store.state
    const current = sessions.find((session) => session.refreshTokenHash === hash)
    if (current === undefined) {
      const robbed = sessions.find((session) => session.supersededRefreshTokenHashes.includes(hash))
      if (robbed !== undefined) {
        robbed.revoked = true
        const reply = jsonReply(401, { message: 'token theft detected' })
        tokens.clearTokens(reply, ['cookie', 'header'])
        return reply
      }
      return tokens.unauthorised(true, ctx)
    }
    if (current.revoked || current.refreshTokenExpiresAt <= options.now()) return tokens.unauthorised(true, ctx)
    if (transferMethod === 'cookie' && current.antiCsrfToken !== null) {
      if (ctx.request.headers.get('anti-csrf') !== current.antiCsrfToken) return tokens.unauthorised(true, ctx)
    }
    // The session keeps the method its token came in with; tokens of the other method are cleared (§2.5).
    current.transferMethod = transferMethod
    const reply = jsonReply(200, {})
    if (transferMethod === 'header' && (ctx.cookies[ACCESS_COOKIE] || ctx.cookies[REFRESH_COOKIE])) {
      tokens.clearTokens(reply, ['cookie'])
    }
    tokens.attachTokens(reply, tokens.rotate(current), transferMethod)
    if (controls.dropFrontToken) dropFrontToken(reply)
    return reply
  }
}
