import type { EmailVerificationApi } from '../client/types'
import type { RecipeRequester } from './request'

/** The EmailVerification recipe calls (docs/PROTOCOL.md §2.6). */
export function createEmailVerificationApi(request: RecipeRequester): EmailVerificationApi {
  const path = '/user/email/verify'
  return {
    isVerified: async () =>
      (await request(path, 'OK:isVerified=boolean', undefined, undefined, false, true)).isVerified,
    sendEmail: () => request(path + '/token', 'OK EMAIL_ALREADY_VERIFIED_ERROR', {}),
    verify: (token, options = {}) =>
      request(path, 'OK EMAIL_VERIFICATION_INVALID_TOKEN_ERROR', { method: 'token', token }, options.tenantId),
  }
}
