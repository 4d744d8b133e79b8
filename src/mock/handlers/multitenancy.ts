import { expressHtml, jsonReply } from '../http'
import type { Reply } from '../http'
import type { ResolvedMockOptions } from '../options'
import type { Ctx } from '../pipeline'
import type { MockRecipeKit, MockRecipeModule } from './types'

/** First factors of the enabled recipes, in node's order (docs/PROTOCOL.md §6.2). */
export function enabledFactors(options: ResolvedMockOptions): string[] {
  const factors = ['emailpassword']
  if (options.thirdParty !== undefined && options.thirdParty.length > 0) factors.push('thirdparty')
  const pl = options.passwordless
  if (pl !== undefined) {
    const otp = pl.flowType !== 'MAGIC_LINK'
    const link = pl.flowType !== 'USER_INPUT_CODE'
    const email = pl.contactMethod !== 'PHONE'
    const phone = pl.contactMethod !== 'EMAIL'
    if (otp && email) factors.push('otp-email')
    if (otp && phone) factors.push('otp-phone')
    if (link && email) factors.push('link-email')
    if (link && phone) factors.push('link-phone')
  }
  if (options.webauthn !== undefined) factors.push('webauthn')
  return factors
}

/** Whether node knows the tenant: `public` always; others only if configured (any when `tenants` is not set). */
export function tenantExists(options: ResolvedMockOptions, tenantId: string): boolean {
  return tenantId === 'public' || options.tenants === undefined || tenantId in options.tenants
}

/** node's answer to a call under a tenant the core does not know: a thrown Error, express' 500 page. */
export function tenantNotFound(): Reply {
  return expressHtml(500, 'Error: Tenant not found')
}

/** The tenant's first factors: its configured list filtered to what the enabled recipes offer. */
export function tenantFactors(options: ResolvedMockOptions, tenantId: string): string[] {
  const enabled = enabledFactors(options)
  const configured = options.tenants?.[tenantId]?.firstFactors ?? options.multiFactor?.firstFactors
  return configured === undefined ? enabled : enabled.filter((factor) => configured.includes(factor))
}

/** The providers the tenant offers. */
export function tenantProviders(options: ResolvedMockOptions, tenantId: string) {
  const providers = options.thirdParty ?? []
  const ids = options.tenants?.[tenantId]?.providers
  return ids === undefined ? providers : providers.filter((provider) => ids.includes(provider.id))
}

/**
 * A first-factor call for factors the tenant does not allow: node has no session to fall back on, so it answers
 * 401 unauthorised and clears the session (docs/PROTOCOL.md §1.2, §6.5). Undefined when one factor is allowed.
 */
export function checkFirstFactor(kit: MockRecipeKit, ctx: Ctx, factors: string[]): Reply | undefined {
  const allowed = tenantFactors(kit.options, ctx.tenantId)
  if (factors.some((factor) => allowed.includes(factor))) return undefined
  return kit.tokens.unauthorised(true, ctx)
}

/** `GET [/{t}]/loginmethods`, in node 24's flat shape (docs/PROTOCOL.md §6.2). */
export const multitenancyRecipe: MockRecipeModule = {
  id: 'multitenancy',
  routes({ options }) {
    const loginMethods = (ctx: Ctx): Reply => {
      const firstFactors = tenantFactors(options, ctx.tenantId)
      let providers = tenantProviders(options, ctx.tenantId)
      if (!firstFactors.includes('thirdparty')) providers = []
      return jsonReply(200, {
        status: 'OK',
        emailPassword: { enabled: firstFactors.includes('emailpassword') },
        thirdParty: {
          enabled: firstFactors.includes('thirdparty'),
          providers: providers.map(({ id, name }) => (name === undefined ? { id } : { id, name })),
        },
        webauthn: { enabled: firstFactors.includes('webauthn') },
        passwordless: { enabled: firstFactors.some((factor) => /^(otp|link)-/.test(factor)) },
        firstFactors,
      })
    }
    return [{ method: 'get', path: '/loginmethods', tenantScoped: true, run: loginMethods }]
  },
}
