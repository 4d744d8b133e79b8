import type { EmailVerificationApi, SendVerificationEmailResult, VerifyEmailResult } from '../client/types'
import { badShape, expectStatus } from './request'
import type { RecipeRequester } from './request'

const ok = () => ({})

/** The EmailVerification recipe calls (protocol.md §2.6). */
export function createEmailVerificationApi(request: RecipeRequester): EmailVerificationApi {
  return {
    async isVerified() {
      const path = '/user/email/verify'
      const answer = await request({ method: 'GET', path, rid: 'emailverification' })
      expectStatus(path, answer, { OK: ok }, 'throw')
      if (typeof answer.isVerified !== 'boolean') return badShape(path, 'OK without "isVerified"', answer)
      return answer.isVerified
    },

    async sendEmail() {
      const path = '/user/email/verify/token'
      const answer = await request({ method: 'POST', path, rid: 'emailverification', body: {} })
      return expectStatus(
        path,
        answer,
        { OK: ok, EMAIL_ALREADY_VERIFIED_ERROR: ok },
        'plain',
      ) as SendVerificationEmailResult
    },

    async verify(token, options = {}) {
      const path = '/user/email/verify'
      const answer = await request({
        method: 'POST',
        path,
        rid: 'emailverification',
        tenantId: options.tenantId,
        body: { method: 'token', token },
      })
      return expectStatus(
        path,
        answer,
        { OK: ok, EMAIL_VERIFICATION_INVALID_TOKEN_ERROR: ok },
        'plain',
      ) as VerifyEmailResult
    },
  }
}
