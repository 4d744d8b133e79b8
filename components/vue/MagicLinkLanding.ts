import { defineComponent, h } from 'vue'
import { createMagicLinkFlow } from '../../src/flows'
import type { MagicLinkFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './plugin'
import { magicLinkLandingProps } from './props'
import { screenOptions, useFlow } from './useFlow'

/** Props are the flow options, read once on creation. */
export type MagicLinkLandingProps = MagicLinkFlowOptions

/**
 * The page a passwordless magic link opens: signs in once mounted in the browser that asked for the link, after a
 * "Continue" click in any other. Route: `/auth/verify` (or use `AuthPage`). Needs the `passwordless()` plugin.
 *
 * @example
 * { path: '/auth/verify', component: MagicLinkLanding }
 */
export const MagicLinkLanding = defineComponent(
  (props: MagicLinkLandingProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createMagicLinkFlow(client, screenOptions(props)))
    return () => h(AuthScreen, { flow, state: state.value })
  },
  { name: 'MagicLinkLanding', props: magicLinkLandingProps },
)
