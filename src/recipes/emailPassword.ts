import type { EmailPasswordApi, User } from '../client/types'
import { badShape, expectStatus } from './request'
import type { RecipeRequester } from './request'

const ok = () => ({})
const withReason = (path: string) => (body: Record<string, unknown>) => {
  if (typeof body.reason !== 'string') return badShape(path, `${String(body.status)} without a reason`, body)
  return { reason: body.reason }
}
const withUser = (path: string) => (body: Record<string, unknown>) => {
  const user = body.user as User | null | undefined
  if (user === null || typeof user !== 'object' || typeof user.id !== 'string') {
    return badShape(path, 'OK without a user object', body)
  }
  return { user }
}

/** The EmailPassword recipe calls (protocol.md §2.1–§2.3, §2.7). */
export function createEmailPasswordApi(request: RecipeRequester): EmailPasswordApi {
  const credentials = (email: string, password: string) => [
    { id: 'email', value: email },
    { id: 'password', value: password },
  ]
  return {
    async signUp({ email, password, fields, tenantId }) {
      const path = '/signup'
      const formFields = [
        ...credentials(email, password),
        ...Object.entries(fields ?? {}).map(([id, value]) => ({ id, value })),
      ]
      // The prebuilt UI never links to the current session (protocol.md §2.2).
      const body = { formFields, shouldTryLinkingWithSessionUser: false }
      const answer = await request({ method: 'POST', path, rid: 'emailpassword', tenantId, body, skipProbe: true })
      return expectStatus(path, answer, { OK: withUser(path), SIGN_UP_NOT_ALLOWED: withReason(path) })
    },

    async signIn({ email, password, tenantId }) {
      const path = '/signin'
      const body = { formFields: credentials(email, password), shouldTryLinkingWithSessionUser: false }
      const answer = await request({ method: 'POST', path, rid: 'emailpassword', tenantId, body, skipProbe: true })
      return expectStatus(path, answer, {
        OK: withUser(path),
        WRONG_CREDENTIALS_ERROR: ok,
        SIGN_IN_NOT_ALLOWED: withReason(path),
      })
    },

    async emailExists(email, options = {}) {
      const path = '/emailpassword/email/exists'
      const answer = await request({
        method: 'GET',
        path: `${path}?email=${encodeURIComponent(email)}`,
        rid: 'emailpassword',
        tenantId: options.tenantId,
        skipProbe: true,
      })
      expectStatus(path, answer, { OK: ok }, 'throw')
      if (typeof answer.exists !== 'boolean') return badShape(path, 'OK without "exists"', answer)
      return answer.exists
    },

    async sendPasswordResetEmail(email, options = {}) {
      const path = '/user/password/reset/token'
      const answer = await request({
        method: 'POST',
        path,
        rid: 'emailpassword',
        tenantId: options.tenantId,
        body: { formFields: [{ id: 'email', value: email }] },
        skipProbe: true,
      })
      return expectStatus(path, answer, { OK: ok, PASSWORD_RESET_NOT_ALLOWED: withReason(path) })
    },

    async resetPassword({ token, password, tenantId }) {
      const path = '/user/password/reset'
      // Only `password`: node rejects a second field with 400 "Are you sending too many formFields?" (§2.7).
      const body = { method: 'token', formFields: [{ id: 'password', value: password }], token }
      const answer = await request({ method: 'POST', path, rid: 'emailpassword', tenantId, body, skipProbe: true })
      return expectStatus(path, answer, { OK: ok, RESET_PASSWORD_INVALID_TOKEN_ERROR: ok })
    },
  }
}
