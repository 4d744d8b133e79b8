import { base64Decode, fromUtf8, randomUuid } from '../crypto'
import { expressHtml, jsonReply } from '../http'
import type { Reply } from '../http'
import { isReply, readBody } from '../pipeline'
import type { Ctx } from '../pipeline'
import type { MockUser } from '../types'
import { normaliseEmail } from '../validation'
import { checkFirstFactor, tenantProviders } from './multitenancy'
import type { MockRecipeKit, MockRecipeModule } from './types'
import { hasRecipe, userJson } from './userJson'

const notFound = (id: string) =>
  jsonReply(400, { message: `the provider ${id} could not be found in the configuration` })

/** Sign-up blocked, as node words it (docs/PROTOCOL.md §2.6, TP-7). */
export const TP_SIGN_UP_NOT_ALLOWED =
  'Cannot sign in / up due to security reasons. Please try a different login method or contact support. (ERR_CODE_006)'

/**
 * Social / OIDC login against the built-in fake provider (docs/PROTOCOL.md §2.1): the authorisation URL, sign-in/up
 * with the token exchange, and Apple's form_post callback.
 */
export const thirdPartyRecipe: MockRecipeModule = {
  id: 'thirdparty',
  routes(kit) {
    if (kit.options.thirdParty === undefined) return []
    return [
      { method: 'get', path: '/authorisationurl', tenantScoped: true, run: createAuthorisationUrl(kit) },
      { method: 'post', path: '/signinup', tenantScoped: true, run: createSignInUp(kit) },
      { method: 'post', path: '/callback/apple', tenantScoped: false, run: appleCallback },
    ]
  },
}

function createAuthorisationUrl({ options, oauth }: MockRecipeKit) {
  return (ctx: Ctx): Reply => {
    const id = ctx.url.searchParams.get('thirdPartyId')
    if (id === null) return jsonReply(400, { message: 'Please provide the thirdPartyId as a GET param' })
    const redirectUri = ctx.url.searchParams.get('redirectURIOnProviderDashboard')
    if (redirectUri === null) {
      return jsonReply(400, { message: 'Please provide the redirectURIOnProviderDashboard as a GET param' })
    }
    const provider = tenantProviders(options, ctx.tenantId).find((item) => item.id === id)
    if (provider === undefined) return notFound(id)
    const { url, verifier } = oauth.authorisationUrl(provider, redirectUri)
    const body: Record<string, unknown> = { status: 'OK', urlWithQueryParams: url }
    if (verifier !== undefined) body['pkceCodeVerifier'] = verifier
    return jsonReply(200, body)
  }
}

function createSignInUp(kit: MockRecipeKit) {
  const { options, oauth, store, tokens } = kit
  return async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const id = body['thirdPartyId']
    if (typeof id !== 'string') return jsonReply(400, { message: 'Please provide the thirdPartyId in request body' })
    const info = body['redirectURIInfo'] as Record<string, unknown> | undefined
    if (typeof info !== 'object' || info === null) {
      const message = 'Please provide one of redirectURIInfo or oAuthTokens in the request body'
      // The fake provider issues no tokens a native app could hold: oAuthTokens cannot be checked, like a bad token.
      return body['oAuthTokens'] === undefined ? jsonReply(400, { message }) : expressHtml(500, 'Internal Server Error')
    }
    if (typeof info['redirectURIOnProviderDashboard'] !== 'string') {
      return jsonReply(400, { message: 'Please provide the redirectURIOnProviderDashboard in request body' })
    }
    const provider = tenantProviders(options, ctx.tenantId).find((item) => item.id === id)
    if (provider === undefined) return notFound(id)
    const refused = checkFirstFactor(kit, ctx, ['thirdparty'])
    if (refused !== undefined) return refused
    const params = (info['redirectURIQueryParams'] ?? {}) as Record<string, unknown>
    const verifier = typeof info['pkceCodeVerifier'] === 'string' ? info['pkceCodeVerifier'] : undefined
    const code = typeof params['code'] === 'string' ? params['code'] : ''
    const redeemed = oauth.redeem(code, info['redirectURIOnProviderDashboard'], verifier)
    // The provider's token endpoint answers invalid_grant; node throws a plain Error (docs/PROTOCOL.md §2.1).
    if (redeemed === undefined || redeemed.provider !== id) return expressHtml(500, 'Internal Server Error')
    const { account } = redeemed
    if (account.email === undefined) return jsonReply(200, { status: 'NO_EMAIL_GIVEN_BY_PROVIDER' })
    if (redeemed.notAllowed) return jsonReply(200, { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: TP_SIGN_UP_NOT_ALLOWED })
    const email = normaliseEmail(account.email)
    let user = store.state.users.find(
      (item) =>
        hasRecipe(item, 'thirdparty') &&
        item.thirdParty?.id === id &&
        item.thirdParty.userId === account.sub &&
        item.tenantIds.includes(ctx.tenantId),
    )
    const createdNewRecipeUser = user === undefined
    if (user === undefined) {
      user = newUser(email, account.emailVerified, { id, userId: account.sub }, ctx.tenantId, options.now())
      store.state.users.push(user)
    } else {
      // node updates the stored email to what the provider says now.
      if (user.email !== email) user.verified = false
      user.email = email
      if (account.emailVerified) user.verified = true
    }
    const reply = jsonReply(200, { status: 'OK', createdNewRecipeUser, user: userJson(user, ctx.request) })
    tokens.createSessionInReply(ctx, reply, user, 'thirdparty')
    return reply
  }
}

function newUser(
  email: string,
  verified: boolean,
  thirdParty: { id: string; userId: string },
  tenantId: string,
  now: number,
): MockUser {
  return {
    id: randomUuid(),
    email,
    passwordHash: '',
    recipeId: 'thirdparty',
    thirdParty,
    timeJoined: now,
    verified,
    tenantIds: [tenantId],
    fields: {},
  }
}

/** Apple's form_post lands on the backend, which sends the browser on to the frontend callback (TP-10). */
async function appleCallback(ctx: Ctx): Promise<Reply> {
  const form = new URLSearchParams(await ctx.request.text())
  const state = base64Decode(form.get('state') ?? '')
  let target: URL | undefined
  try {
    const parsed = state && (JSON.parse(fromUtf8(state)) as { frontendRedirectURI?: unknown })
    if (parsed && typeof parsed.frontendRedirectURI === 'string') target = new URL(parsed.frontendRedirectURI)
  } catch {
    target = undefined
  }
  // node parses the state without a guard: anything else throws (docs/PROTOCOL.md §2.1).
  if (target === undefined) return expressHtml(500, 'Internal Server Error')
  for (const [key, value] of form) target.searchParams.set(key, value)
  const reply = expressHtml(303, '')
  reply.body = ''
  reply.headers.set('Location', target.href)
  return reply
}
