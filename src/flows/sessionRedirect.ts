import { EMAIL_VERIFICATION_CLAIM } from '../client/wire'
import type { AuthClient, ClaimValidationError, ClaimValidator } from '../client/types'
import type { FlowEnv } from './core'
import { joinPath, withQuery } from './redirect'

/**
 * Where to go once a session exists: the verify-email page when email verification is `required` and the
 * `st-ev` claim fails (docs/PROTOCOL.md §5.11), the page a failing claim's validator names (the second-factor
 * screen for `st-mfa`), else the success redirect.
 */
export async function redirectWithSession(
  client: AuthClient,
  env: FlowEnv,
  target: string = env.redirectTo,
): Promise<void> {
  const globals = client.session.getClaimValidators()
  // In `optional` mode an unverified email does not block, so it is not even checked here (no request).
  const validators = globals.filter(
    (v) => v.id !== EMAIL_VERIFICATION_CLAIM || client.config.emailVerification === 'required',
  )
  if (validators.length > 0) {
    try {
      const all = validators.length === globals.length
      for (const error of await client.session.validateClaims(all ? undefined : { validators: () => validators })) {
        const to = await claimFixPage(client, validators, error)
        if (to !== undefined) return env.navigate(withQuery(to, { redirectToPath: env.passedRedirect }))
      }
    } catch {
      // The claim check failing must not trap a signed-in user on the auth page; the app's guard re-checks.
    }
  }
  env.navigate(target)
}

/** The page that fixes a failed claim: verify-email for `st-ev`, else the one its validator's `failureRedirect` names. */
export function claimFixPage(
  client: AuthClient,
  validators: readonly ClaimValidator[],
  error: ClaimValidationError,
): string | Promise<string | undefined> | undefined {
  const { websiteBasePath } = client.config
  return error.id === EMAIL_VERIFICATION_CLAIM
    ? joinPath(websiteBasePath, '/verify-email')
    : validators.find((validator) => validator.id === error.id)?.failureRedirect?.(error, { websiteBasePath })
}
