import { createEmailVerificationFlow } from '../../src/flows'
import type { EmailVerificationFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './context'
import { useFlow, useScreenOptions } from './useFlow'

/** Props are the flow options, read once on mount. */
export type EmailVerificationProps = EmailVerificationFlowOptions

/** Email verification: "check your email" (sends on mount), or with `?token=` verifies. Route: `/auth/verify-email`. */
export function EmailVerification(props: EmailVerificationProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createEmailVerificationFlow(client, options), options)
  return <AuthScreen flow={flow} state={state} />
}
