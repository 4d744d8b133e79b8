import { defineComponent, h } from 'vue'
import { createSignInUpFlow } from '../../src/flows'
import type { SignInUpFlowOptions } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './plugin'
import { signInUpProps } from './props'
import { screenOptions, useFlow } from './useFlow'

/** Props are the flow options, read once on creation; `@success` is `onSuccess`. Give a new `key` to start over. */
export type SignInUpProps = SignInUpFlowOptions

/**
 * The sign-in / sign-up screen. Put it on `websiteBasePath` (default `/auth`).
 *
 * @example
 * <SignInUp :sign-up-fields="[{ id: 'name', label: 'Full name' }]" @success="track" />
 */
export const SignInUp = defineComponent(
  (props: SignInUpProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createSignInUpFlow(client, screenOptions(props)))
    return () => h(AuthScreen, { flow, state: state.value })
  },
  { name: 'SignInUp', props: signInUpProps },
)
