import { defineComponent, h } from 'vue'
import { createResetPasswordFlow } from '../../src/flows'
import type { ResetPasswordFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './plugin'
import { resetPasswordProps } from './props'
import { screenOptions, useFlow } from './useFlow'

/** Props are the flow options, read once on creation. */
export type ResetPasswordProps = ResetPasswordFlowOptions

/**
 * Password reset: the request screen, or with `?token=` the new-password screen. Route: `/auth/reset-password`.
 *
 * @example
 * { path: '/auth/reset-password', component: ResetPassword }
 */
export const ResetPassword = defineComponent(
  (props: ResetPasswordProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createResetPasswordFlow(client, screenOptions(props)))
    return () => h(AuthScreen, { flow, state: state.value })
  },
  { name: 'ResetPassword', props: resetPasswordProps },
)
