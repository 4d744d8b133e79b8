import { defineComponent, h } from 'vue'
import type { VNode } from 'vue'
import { createPasskeySettingsFlow } from '../../src/flows'
import type { FlowOptions, PasskeySettingsOptions, ScreenFlow } from '../../src/flows'
import { AuthScreen, nodes, useFocusRequest } from './AuthScreen'
import { useAuthClient } from './plugin'
import { passkeySettingsProps, pluginScreenProps } from './props'
import { screenOptions, useFlow } from './useFlow'

/** Props are the flow options, read once on creation. */
export type PasskeySettingsProps = PasskeySettingsOptions

/**
 * The signed-in user's passkeys for an account page (MARKUP.md "PasskeySettings"): the list, "Add a passkey" (give
 * `email`) and "Remove" with a confirmation. Needs the `webauthn()` plugin and a session (put it inside
 * `SessionAuth`).
 */
export const PasskeySettings = defineComponent(
  (props: PasskeySettingsProps) => {
    const client = useAuthClient()
    const { flow, state } = useFlow(() => createPasskeySettingsFlow(client, screenOptions(props)))
    useFocusRequest(() => state.value.focusRequest)
    return () => {
      const s = state.value
      const items: VNode[] = s.passkeys.map((passkey) =>
        h('li', { key: passkey.id, 'data-af-passkey': '' }, [
          h('span', { 'data-af-passkey-label': '' }, passkey.label),
          ...(passkey.confirm
            ? [
                h('span', { 'data-af-prompt': '' }, passkey.confirm.prompt),
                h(
                  'button',
                  {
                    type: 'button',
                    id: passkey.confirm.id,
                    'data-af-action': 'confirmRemove',
                    'aria-busy': String(passkey.confirm.isBusy),
                    disabled: passkey.confirm.isBusy,
                    onClick: () => void flow.confirmRemove(),
                  },
                  passkey.confirm.label,
                ),
                h(
                  'button',
                  {
                    type: 'button',
                    'data-af-action': 'cancelRemove',
                    disabled: passkey.confirm.isBusy,
                    onClick: () => flow.cancelRemove(),
                  },
                  passkey.confirm.cancelLabel,
                ),
              ]
            : [
                h(
                  'button',
                  {
                    type: 'button',
                    id: passkey.remove.id,
                    'data-af-action': 'remove',
                    'aria-label': passkey.remove.name,
                    disabled: passkey.remove.isDisabled,
                    onClick: () => flow.askRemove(passkey.id),
                  },
                  passkey.remove.label,
                ),
              ]),
        ]),
      )
      return h(
        'section',
        {
          'data-af-root': s.flow,
          'data-af-theme': s.theme,
          'aria-labelledby': s.ids.heading,
          'aria-busy': String(s.isLoading),
        },
        nodes(
          h('h2', { id: s.ids.heading, tabindex: '-1', 'data-af-heading': '' }, s.heading),
          s.formError !== undefined &&
            h('p', { id: s.ids.formError, role: 'alert', tabindex: '-1', 'data-af-form-error': '' }, s.formError),
          h(
            'div',
            { id: s.ids.live, role: 'status', 'aria-live': 'polite', 'data-af-live': '' },
            nodes(s.statusMessage !== undefined && h('p', { 'data-af-status': s.statusTone }, s.statusMessage)),
          ),
          s.emptyText !== undefined && h('p', { 'data-af-description': '' }, s.emptyText),
          items.length > 0 && h('ul', { 'data-af-passkeys': '' }, items),
          s.add &&
            h(
              'button',
              {
                type: 'button',
                id: s.ids.add,
                'data-af-action': 'add',
                'aria-busy': String(s.add.isBusy),
                disabled: s.add.isDisabled,
                onClick: () => void flow.add(),
              },
              s.add.label,
            ),
        ),
      )
    }
  },
  { name: 'PasskeySettings', props: passkeySettingsProps },
)

/** A screen a recipe plugin creates (the passkey pages of `AuthPage`), rendered like every screen. */
export const PluginScreen = defineComponent(
  (props: FlowOptions & { create: (options: FlowOptions) => ScreenFlow }) => {
    const { flow, state } = useFlow(() => props.create(screenOptions(props)))
    return () => h(AuthScreen, { flow, state: state.value })
  },
  { name: 'PluginScreen', props: pluginScreenProps },
)
