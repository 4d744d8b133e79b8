import { createSignInUpFlow } from '../../src/flows'
import type { SignInUpFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './context'
import { useFlow, useScreenOptions } from './useFlow'

/** Props are the flow options, read once on mount. Give a new `key` to start over. */
export type SignInUpProps = SignInUpFlowOptions

/** The sign-in / sign-up screen. Put it on `websiteBasePath` (default `/auth`). */
export function SignInUp(props: SignInUpProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createSignInUpFlow(client, options))
  return <AuthScreen flow={flow} state={state} />
}
