/**
 * Hand-written backend answers for the ThirdParty, Passwordless and Multitenancy endpoints the recipe screens call
 * (docs/RECIPES.md §2.1, §3.1, §6.2), until the mock backend serves those recipes. Tried before the mock backend's
 * handlers; anything else (the session) falls through to it. Success answers that would create a session are not
 * stubbed: the flow tests cover those.
 */
import { http, HttpResponse } from 'msw'
import type { RequestHandler } from 'msw'
import type { PasswordlessFlowType } from '../../src/recipes/types'

export interface RecipeStubOptions {
  /** `GET authorisationurl`: a provider URL, or an HTTP status to fail with. Defaults to a provider URL. */
  authorisationUrl?: string | number
  /** `POST signinup` (ThirdParty) answer. Defaults to `NO_EMAIL_GIVEN_BY_PROVIDER`. */
  signInUp?: Record<string, unknown>
  /** `POST signinup` answers once this settles (to see the busy screen). */
  signInUpGate?: Promise<unknown>
  /** `flowType` answered by `POST signinup/code`. Defaults to `USER_INPUT_CODE`. */
  flowType?: PasswordlessFlowType
  /** `POST signinup/code/consume` answer. Defaults to a wrong code, first of five attempts. */
  consume?: Record<string, unknown>
  /** `GET loginmethods` answer. Defaults to email-password and ThirdParty with Google. */
  loginMethods?: Record<string, unknown>
}

const PROVIDER_URL = 'https://provider.test/authorize?client_id=c'

export function recipeStub(options: RecipeStubOptions = {}) {
  return (apiDomain: string): RequestHandler[] => [
    http.all(`${apiDomain}/*`, async ({ request }) => {
      const path = new URL(request.url).pathname
      if (path.endsWith('/authorisationurl')) {
        const answer = options.authorisationUrl ?? PROVIDER_URL
        if (typeof answer === 'number') return HttpResponse.json({ message: 'provider not found' }, { status: answer })
        return HttpResponse.json({ status: 'OK', urlWithQueryParams: answer })
      }
      if (path.endsWith('/signinup/code')) {
        return HttpResponse.json({
          status: 'OK',
          deviceId: 'D',
          preAuthSessionId: 'P',
          flowType: options.flowType ?? 'USER_INPUT_CODE',
        })
      }
      if (path.endsWith('/signinup/code/resend')) return HttpResponse.json({ status: 'OK' })
      if (path.endsWith('/signinup/code/consume')) {
        return HttpResponse.json(
          options.consume ?? {
            status: 'INCORRECT_USER_INPUT_CODE_ERROR',
            failedCodeInputAttemptCount: 1,
            maximumCodeInputAttempts: 5,
          },
        )
      }
      if (path.endsWith('/signinup')) await options.signInUpGate
      if (path.endsWith('/signinup'))
        return HttpResponse.json(options.signInUp ?? { status: 'NO_EMAIL_GIVEN_BY_PROVIDER' })
      if (path.endsWith('/loginmethods')) {
        return HttpResponse.json(
          options.loginMethods ?? {
            status: 'OK',
            emailPassword: { enabled: true },
            thirdParty: { enabled: true, providers: [{ id: 'google', name: 'Google' }] },
            passwordless: { enabled: false },
            firstFactors: ['emailpassword', 'thirdparty'],
          },
        )
      }
      return undefined
    }),
  ]
}
