import { signingKeyFor } from '../es256'
import { jsonReply } from '../http'
import type { MockRecipeKit, MockRecipeModule } from './types'

/**
 * The JWT recipe's key set, which supertokens-node serves for server-side verification of access tokens
 * (`authfront/server`, docs/SERVER.md). The mock publishes the public half of its ES256 key; node publishes RS256.
 */
export const jwtRecipe: MockRecipeModule = {
  id: 'jwt',
  routes({ store }: MockRecipeKit) {
    return [
      {
        method: 'get',
        path: '/jwt/jwks.json',
        tenantScoped: false,
        run: () => jsonReply(200, { keys: [signingKeyFor(store.state.secret).jwk] }),
      },
    ]
  },
}
