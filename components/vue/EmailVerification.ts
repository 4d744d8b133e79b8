import { defineComponent, h } from 'vue'
import { createEmailVerificationFlow } from '../../src/flows'
import type { EmailVerificationFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './plugin'
import { emailVerificationProps } from './props'
import { screenOptions, useFlow } from './useFlow'

/** Props are the flow options, read once on creation. */
export type EmailVerificationProps = EmailVerificationFlowOptions

/**
 * Email verification: "check your email" (sends on mount), or with `?token=` verifies. Route: `/auth/verify-email`.
 *
 * @example
 * { path: '/auth/verify-email', component: EmailVerification }
 */
export const EmailVerification = defineComponent(
  (props: EmailVerificationProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createEmailVerificationFlow(client, screenOptions(props)))
    return () => h(AuthScreen, { flow, state: state.value })
  },
  { name: 'EmailVerification', props: emailVerificationProps },
)
