import { defineComponent, h } from 'vue'
import type { VNode } from 'vue'
import { createSignInUpFlow } from '../../src/flows'
import type { FirstFactorOptions, SignInUpFlow, SignInUpFlowOptions, SignInUpState } from '../../src/flows'
import {
  nodes,
  renderActions,
  renderField,
  renderForm,
  renderHeading,
  renderMessages,
  renderScreen,
  renderSubmit,
  rootAttrs,
  useFocusRequest,
} from './AuthScreen'
import { useAuthClient } from './plugin'
import { signInUpProps } from './props'
import { screenOptions, useFlow } from './useFlow'

/** Props are the flow options, read once on creation; `@success` is `onSuccess`. Give a new `key` to start over. */
export type SignInUpProps = SignInUpFlowOptions & FirstFactorOptions

/**
 * The sign-in / sign-up page: every first factor the client's recipe plugins enable (provider buttons, the
 * email-password form, the passwordless form, then the code or "check your inbox" screen), or those the tenant
 * enables with `login-methods="dynamic"`. Put it on `websiteBasePath` (default `/auth`), or use `AuthPage`.
 *
 * @example
 * <SignInUp :first-factors="['thirdparty', 'emailpassword', 'otp-email']" @success="track" />
 */
export const SignInUp = defineComponent(
  (props: SignInUpProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createSignInUpFlow(client, screenOptions(props)))
    // Here rather than in each layout: the code screen and its focus request arrive in one update.
    useFocusRequest(() => state.value.focusRequest)
    return () => (state.value.layout === 'form' ? renderScreen(flow, state.value) : renderMethods(flow, state.value))
  },
  { name: 'SignInUp', props: signInUpProps },
)

/** The `methods` layout of MARKUP.md "Sign-in methods": heading, messages, then each method, with dividers. */
function renderMethods(flow: SignInUpFlow, s: SignInUpState): VNode {
  const sections: VNode[] = []
  if (s.providers.length > 0) {
    sections.push(
      h(
        'div',
        { key: 'providers', 'data-af-providers': '' },
        s.providers.map((provider) =>
          h(
            'button',
            {
              key: provider.id,
              type: 'button',
              'data-af-provider': provider.id,
              'aria-busy': String(provider.isBusy),
              disabled: provider.isDisabled,
              onClick: () => void flow.continueWith(provider.id),
            },
            [
              provider.mark &&
                h('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true' }, h('path', { d: provider.mark })),
              provider.label,
            ],
          ),
        ),
      ),
    )
  }
  if (s.hasEmailPassword) {
    sections.push(
      renderForm(
        { key: 'emailPassword', id: s.ids.form, 'data-af-form': '', 'aria-labelledby': s.ids.heading },
        flow.submit,
        [
          ...s.fields.map((field) => renderField(flow, field)),
          s.submit && renderSubmit(s.submit),
          ...renderActions(flow, s, 'footer'),
        ],
      ),
    )
  }
  const passwordless = s.passwordlessForm
  if (passwordless) {
    sections.push(
      renderForm(
        {
          key: 'passwordless',
          id: passwordless.formId,
          'data-af-form': 'passwordless',
          'aria-label': passwordless.label,
        },
        flow.submitPasswordless,
        [...passwordless.fields.map((field) => renderField(flow, field)), renderSubmit(passwordless.submit)],
      ),
    )
  }
  return h(
    'div',
    { ...rootAttrs(s), 'aria-busy': s.isLoadingMethods ? 'true' : undefined },
    nodes(
      renderHeading(s),
      ...renderActions(flow, s, 'header'),
      ...renderMessages(s),
      ...sections.flatMap((section, index) =>
        index === 0
          ? [section]
          : [
              // One separator named "or"; its visible text is hidden so screen readers say it once.
              h(
                'div',
                { key: `divider-${index}`, 'data-af-divider': '', role: 'separator', 'aria-label': s.dividerLabel },
                [h('span', { 'aria-hidden': 'true' }, s.dividerLabel)],
              ),
              section,
            ],
      ),
    ),
  )
}
