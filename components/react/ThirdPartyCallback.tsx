import { createThirdPartyCallbackFlow } from '../../src/flows'
import type { ThirdPartyCallbackFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './context'
import { useFlow, useScreenOptions } from './useFlow'

/** Props are the flow options, read once on mount. */
export type ThirdPartyCallbackProps = ThirdPartyCallbackFlowOptions

/**
 * The page a social provider returns to: signs in, then redirects; shows the error in place otherwise.
 * Route: `/auth/callback/:thirdPartyId` (or use `AuthPage`). Needs the `thirdParty()` plugin on the client.
 */
export function ThirdPartyCallback(props: ThirdPartyCallbackProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createThirdPartyCallbackFlow(client, options), options)
  return <AuthScreen flow={flow} state={state} />
}
