/** The core's EmailPassword calls: sign-up, sign-in and password reset tokens. */
import { randomBytes } from 'node:crypto'
import type { Routes } from './types'
import type { Users } from './users'

export function emailPasswordRoutes(users: Users): Routes {
  const passwordResetTokens = new Map<string, { userId: string; email: string }>()
  return {
    'POST /recipe/signup': ({ tenantId, body }) => {
      const email = String(body.email)
      if (users.find(tenantId, 'emailpassword', { email })) return { body: { status: 'EMAIL_ALREADY_EXISTS_ERROR' } }
      const user = users.add(tenantId, 'emailpassword', { email, password: String(body.password) })
      return { body: { status: 'OK', user: users.json(user), recipeUserId: user.id } }
    },
    'POST /recipe/signin': ({ tenantId, body }) => {
      const found = users.find(tenantId, 'emailpassword', { email: String(body.email) })
      if (!found || found.loginMethod.password !== body.password) return { body: { status: 'WRONG_CREDENTIALS_ERROR' } }
      return { body: { status: 'OK', user: users.json(found.user), recipeUserId: found.loginMethod.recipeUserId } }
    },
    'POST /recipe/user/password/reset/token': ({ body }) => {
      const user = users.get(String(body.userId))
      if (!user) return { body: { status: 'UNKNOWN_USER_ID_ERROR' } }
      const resetToken = randomBytes(32).toString('base64url')
      passwordResetTokens.set(resetToken, { userId: user.id, email: String(body.email) })
      return { body: { status: 'OK', token: resetToken } }
    },
    'POST /recipe/user/password/reset/token/consume': ({ body }) => {
      const entry = passwordResetTokens.get(String(body.token))
      if (!entry) return { body: { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' } }
      passwordResetTokens.delete(String(body.token))
      return { body: { status: 'OK', ...entry } }
    },
  }
}
