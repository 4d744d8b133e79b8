import { createMagicLinkFlow } from '../../src/flows'
import type { MagicLinkFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './context'
import { useFlow, useScreenOptions } from './useFlow'

/** Props are the flow options, read once on mount. */
export type MagicLinkLandingProps = MagicLinkFlowOptions

/**
 * The page a passwordless magic link opens: signs in at once in the browser that asked for the link, after a
 * "Continue" click elsewhere. Route: `/auth/verify` (or use `AuthPage`). Needs the `passwordless()` plugin.
 */
export function MagicLinkLanding(props: MagicLinkLandingProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createMagicLinkFlow(client, options), options)
  return <AuthScreen flow={flow} state={state} />
}
