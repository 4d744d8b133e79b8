import { MULTITENANCY_RID } from '../client/wire'
import type { JsonObject } from './request'
import type { RecipeClients, RecipePlugin } from './types'

const strings = (list: unknown): string[] =>
  Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []

/**
 * Multitenancy's login methods (docs/RECIPES.md §6.2): adds `auth.getLoginMethods({ tenantId })`, which reads the
 * tenant's first factors and providers, for sign-in pages whose methods come from the backend.
 *
 * @example
 * const auth = createAuthClient({ apiDomain, recipes: [multitenancy()] })
 * const methods = await auth.getLoginMethods({ tenantId: 'acme' }) // { status: 'OK', firstFactors, providers }
 */
export function multitenancy(): RecipePlugin<Pick<RecipeClients, 'getLoginMethods'>> {
  return ({ request }) => {
    const send = request(MULTITENANCY_RID, true)
    return {
      async getLoginMethods({ tenantId, clientType } = {}) {
        const result = await send(
          '/loginmethods' + (clientType === undefined ? '' : '?clientType=' + encodeURIComponent(clientType)),
          'OK:emailPassword=object,thirdParty=object,passwordless=object,firstFactors?=object',
          undefined,
          tenantId,
        )
        if (result.status !== 'OK') return result
        const { emailPassword, thirdParty, passwordless, firstFactors } = result
        const providers = (Array.isArray(thirdParty.providers) ? thirdParty.providers : [])
          .filter((provider: JsonObject | null) => typeof provider?.id === 'string')
          .map(({ id, name }: { id: string; name?: unknown }) => ({
            id,
            name: typeof name === 'string' ? name : undefined,
          }))
        return {
          status: 'OK',
          // Backends before FDI 1.19 send no `firstFactors`: derive them as the official SDK does.
          firstFactors:
            firstFactors === undefined
              ? [
                  ...(emailPassword.enabled ? ['emailpassword'] : []),
                  ...(thirdParty.enabled ? ['thirdparty'] : []),
                  ...(passwordless.enabled ? ['otp-email', 'otp-phone', 'link-email', 'link-phone'] : []),
                ]
              : strings(firstFactors),
          providers,
        }
      },
    }
  }
}
