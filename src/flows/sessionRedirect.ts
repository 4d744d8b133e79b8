import { EMAIL_VERIFICATION_CLAIM } from '../client/wire'
import type { AuthClient } from '../client/types'
import type { FlowEnv } from './core'
import { joinPath, withQuery } from './redirect'

/**
 * Where to go once a session exists: the verify-email page when email verification is `required` and the
 * `st-ev` claim fails (docs/PROTOCOL.md §5.11), else the success redirect.
 */
export async function redirectWithSession(
  client: AuthClient,
  env: FlowEnv,
  target: string = env.redirectTo,
): Promise<void> {
  if (client.config.emailVerification === 'required') {
    try {
      const failed = await client.session.validateClaims()
      if (failed.some((claim) => claim.id === EMAIL_VERIFICATION_CLAIM)) {
        env.navigate(
          withQuery(joinPath(client.config.websiteBasePath, '/verify-email'), { redirectToPath: env.passedRedirect }),
        )
        return
      }
    } catch {
      // The claim check failing must not trap a signed-in user on the auth page; the app's guard re-checks.
    }
  }
  env.navigate(target)
}
