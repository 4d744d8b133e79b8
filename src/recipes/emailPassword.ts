import type { EmailPasswordApi } from '../client/types'
import type { RecipeRequester } from './request'

/** The EmailPassword recipe calls (docs/PROTOCOL.md §2.1–§2.3, §2.7). None needs a session, so none probes for one. */
export function createEmailPasswordApi(request: RecipeRequester): EmailPasswordApi {
  const formFields = (...pairs: [string, unknown][]) => pairs.map(([id, value]) => ({ id, value }))
  return {
    signUp: ({ email, password, fields, tenantId }) =>
      request(
        '/signup',
        'OK:user SIGN_UP_NOT_ALLOWED:reason=string',
        {
          formFields: formFields(['email', email], ['password', password], ...Object.entries(fields ?? {})),
          // The prebuilt UI never links to the current session (docs/PROTOCOL.md §2.2).
          shouldTryLinkingWithSessionUser: false,
        },
        tenantId,
        true,
      ),

    signIn: ({ email, password, tenantId }) =>
      request(
        '/signin',
        'OK:user WRONG_CREDENTIALS_ERROR SIGN_IN_NOT_ALLOWED:reason=string',
        { formFields: formFields(['email', email], ['password', password]), shouldTryLinkingWithSessionUser: false },
        tenantId,
        true,
      ),

    emailExists: async (email, options = {}) =>
      (
        await request(
          '/emailpassword/email/exists?email=' + encodeURIComponent(email),
          'OK:exists=boolean',
          undefined,
          options.tenantId,
          false,
          true,
        )
      ).exists,

    sendPasswordResetEmail: (email, options = {}) =>
      request(
        '/user/password/reset/token',
        'OK PASSWORD_RESET_NOT_ALLOWED:reason=string',
        { formFields: formFields(['email', email]) },
        options.tenantId,
        true,
      ),

    // Only `password`: node rejects a second field with 400 "Are you sending too many formFields?" (§2.7).
    resetPassword: ({ token, password, tenantId }) =>
      request(
        '/user/password/reset',
        'OK RESET_PASSWORD_INVALID_TOKEN_ERROR',
        { method: 'token', formFields: formFields(['password', password]), token },
        tenantId,
        true,
      ),
  }
}
