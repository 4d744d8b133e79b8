import { defineComponent, h } from 'vue'
import type { VNode } from 'vue'
import { createMfaFlow, createMfaSettingsFlow } from '../../src/flows'
import type { MfaFlow, MfaFlowOptions, MfaSettingsOptions, MfaState } from '../../src/flows'
import {
  nodes,
  renderActions,
  renderField,
  renderForm,
  renderHeading,
  renderMessages,
  renderSubmit,
  rootAttrs,
  useFocusRequest,
} from './AuthScreen'
import { useAuthClient } from './plugin'
import { mfaPageProps, mfaSettingsProps } from './props'
import { screenOptions, useFlow } from './useFlow'

/** The TOTP set-up block and the lock-out countdown (MARKUP.md "Second factors"). */
function renderExtras(flow: MfaFlow, s: MfaState): (VNode | false)[] {
  const totp = s.totpSetup
  return [
    totp !== undefined &&
      h(
        'div',
        { key: 'totp', 'data-af-totp': '' },
        nodes(
          totp.qr &&
            h(
              'svg',
              {
                role: 'img',
                'aria-label': totp.qr.label,
                'data-af-qr': '',
                viewBox: `0 0 ${totp.qr.size} ${totp.qr.size}`,
              },
              [h('path', { d: totp.qr.path, fill: 'currentColor' })],
            ),
          totp.reveal &&
            h(
              'button',
              { type: 'button', 'data-af-action': 'showSecret', onClick: () => flow.showSecret() },
              totp.reveal.label,
            ),
          totp.secret &&
            h('p', { 'data-af-secret': '' }, [
              h('code', { id: totp.secret.id, tabindex: '-1' }, totp.secret.value),
              h(
                'button',
                { type: 'button', 'data-af-action': 'copySecret', onClick: () => void flow.copySecret() },
                totp.secret.copyLabel,
              ),
            ]),
        ),
      ),
    s.countdown !== undefined && h('p', { key: 'countdown', 'data-af-countdown': '' }, s.countdown),
  ]
}

/**
 * MARKUP.md "Screen" with the EXTRAS after the description. Its own tree rather than a slot in `renderScreen`, so
 * the screens of an app without MFA stay as they were, byte for byte.
 */
const renderMfaScreen = (flow: MfaFlow, s: MfaState): VNode =>
  h('div', rootAttrs(s), [
    renderForm({ id: s.ids.form, 'data-af-form': '', 'aria-labelledby': s.ids.heading }, () => flow.submit(), [
      renderHeading(s),
      s.description !== undefined && h('p', { key: 'description', 'data-af-description': '' }, s.description),
      ...renderExtras(flow, s),
      ...renderActions(flow, s, 'header'),
      ...s.fields.map((field) => renderField(flow, field)),
      ...renderMessages(s),
      s.submit && renderSubmit(s.submit),
      ...renderActions(flow, s, 'footer'),
    ]),
  ])

/** Props of a second-factor page: the flow options; `page` comes from the route in `AuthPage`. */
export type MfaPageProps = MfaFlowOptions

/** A second-factor page (`{websiteBasePath}/mfa/*`); `AuthPage` renders it. Needs the `multiFactor()` plugin. */
export const MfaPage = defineComponent(
  (props: MfaPageProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createMfaFlow(client, screenOptions(props) as MfaFlowOptions))
    useFocusRequest(() => state.value.focusRequest)
    return () => renderMfaScreen(flow, state.value)
  },
  { name: 'MfaPage', props: mfaPageProps },
)

/** Props are the flow options, read once on creation. */
export type MfaSettingsProps = MfaSettingsOptions

/**
 * Two-step verification settings for an account page: the user's authenticator apps, "Add an authenticator app"
 * (QR code, key, code) and "Remove" with a confirmation. Render it for signed-in users. Needs the `totp()` plugin.
 *
 * @example
 * <MfaSettings />
 */
export const MfaSettings = defineComponent(
  (props: MfaSettingsProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createMfaSettingsFlow(client, screenOptions(props)))
    useFocusRequest(() => state.value.focusRequest)
    return () => renderMfaScreen(flow, state.value)
  },
  { name: 'MfaSettings', props: mfaSettingsProps },
)
