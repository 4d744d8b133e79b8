/**
 * Hand-written answers for the ThirdParty and Multitenancy endpoints (docs/RECIPES.md §2.1, §6.2), for the cases the
 * mock backend reaches only through its provider page: an unknown provider, a held or failing `signinup`. Tried
 * before the mock backend's handlers; anything else falls through to it (Passwordless runs on the mock itself).
 */
import { http, HttpResponse } from 'msw'
import type { RequestHandler } from 'msw'

export interface RecipeStubOptions {
  /** `GET authorisationurl`: a provider URL, or an HTTP status to fail with. Defaults to a provider URL. */
  authorisationUrl?: string | number
  /** `POST signinup` (ThirdParty) answer. Defaults to `NO_EMAIL_GIVEN_BY_PROVIDER`. */
  signInUp?: Record<string, unknown>
  /** `POST signinup` answers once this settles (to see the busy screen). */
  signInUpGate?: Promise<unknown>
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
