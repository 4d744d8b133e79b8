/**
 * The core's ThirdParty call: `POST /<tenantId>/recipe/signinup` finds the login method by provider and provider user
 * id, or creates it. A returning user's email is updated to what the provider says now, and an email the provider
 * vouches for (`isVerified`) is marked verified, as the core does.
 */
import type { Routes } from './types'
import type { Users } from './users'

export function thirdPartyRoutes(users: Users): Routes {
  return {
    'POST /recipe/signinup': ({ tenantId, body }) => {
      const thirdParty = { id: String(body.thirdPartyId), userId: String(body.thirdPartyUserId) }
      const { id: email, isVerified } = body.email as { id: string; isVerified: boolean }
      const found = users.find(tenantId, 'thirdparty', { thirdParty })
      const user = found?.user ?? users.add(tenantId, 'thirdparty', { thirdParty, email })
      const loginMethod = user.loginMethods[0]!
      loginMethod.email = email
      if (isVerified) users.markVerified(loginMethod.recipeUserId, email)
      return {
        body: { status: 'OK', createdNewUser: !found, user: users.json(user), recipeUserId: loginMethod.recipeUserId },
      }
    },
  }
}
