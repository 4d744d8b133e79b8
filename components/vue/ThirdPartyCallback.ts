import { defineComponent, h } from 'vue'
import { createThirdPartyCallbackFlow } from '../../src/flows'
import type { ThirdPartyCallbackFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './plugin'
import { thirdPartyCallbackProps } from './props'
import { screenOptions, useFlow } from './useFlow'

/** Props are the flow options, read once on creation. */
export type ThirdPartyCallbackProps = ThirdPartyCallbackFlowOptions

/**
 * The page a social provider returns to: signs in once mounted, then redirects; shows the failure in place with a
 * link back to sign in. Route: `/auth/callback/:thirdPartyId` (or use `AuthPage`). Needs the `thirdParty()` plugin.
 *
 * @example
 * { path: '/auth/callback/:thirdPartyId', component: ThirdPartyCallback }
 */
export const ThirdPartyCallback = defineComponent(
  (props: ThirdPartyCallbackProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createThirdPartyCallbackFlow(client, screenOptions(props)))
    return () => h(AuthScreen, { flow, state: state.value })
  },
  { name: 'ThirdPartyCallback', props: thirdPartyCallbackProps },
)
