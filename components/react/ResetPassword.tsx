import { createResetPasswordFlow } from '../../src/flows'
import type { ResetPasswordFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './context'
import { useFlow, useScreenOptions } from './useFlow'

/** Props are the flow options, read once on mount. */
export type ResetPasswordProps = ResetPasswordFlowOptions

/** Password reset: the request screen, or with `?token=` the new-password screen. Route: `/auth/reset-password`. */
export function ResetPassword(props: ResetPasswordProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createResetPasswordFlow(client, options), options)
  return <AuthScreen flow={flow} state={state} />
}
