import { useEffect, useState } from 'react'
import { createFocusTracker, createPasskeySettingsFlow } from '../../src/flows'
import type { FlowOptions, PasskeySettingsOptions, ScreenFlow } from '../../src/flows'
import { AuthScreen } from './AuthScreen'
import { useAuthClient } from './context'
import { useFlow, useScreenOptions } from './useFlow'

/** Props are the flow options, read once on mount. */
export type PasskeySettingsProps = PasskeySettingsOptions

/**
 * The signed-in user's passkeys for an account page (MARKUP.md "PasskeySettings"): the list, "Add a passkey" (give
 * `email`) and "Remove" with a confirmation. Needs the `webauthn()` plugin and a session (put it inside
 * `SessionAuth`).
 */
export function PasskeySettings(props: PasskeySettingsProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, s] = useFlow(() => createPasskeySettingsFlow(client, options), options)
  const [track] = useState(() => createFocusTracker(s.focusRequest))
  useEffect(() => {
    const id = track(s.focusRequest)
    if (id !== undefined) document.getElementById(id)?.focus()
  }, [track, s.focusRequest])
  return (
    <section data-af-root={s.flow} data-af-theme={s.theme} aria-labelledby={s.ids.heading} aria-busy={s.isLoading}>
      <h2 id={s.ids.heading} tabIndex={-1} data-af-heading="">
        {s.heading}
      </h2>
      {s.formError !== undefined && (
        <p id={s.ids.formError} role="alert" tabIndex={-1} data-af-form-error="">
          {s.formError}
        </p>
      )}
      <div id={s.ids.live} role="status" aria-live="polite" data-af-live="">
        {s.statusMessage !== undefined && <p data-af-status={s.statusTone}>{s.statusMessage}</p>}
      </div>
      {s.emptyText !== undefined && <p data-af-description="">{s.emptyText}</p>}
      {s.passkeys.length > 0 && (
        <ul data-af-passkeys="">
          {s.passkeys.map((passkey) => (
            <li key={passkey.id} data-af-passkey="">
              <span data-af-passkey-label="">{passkey.label}</span>
              {passkey.confirm ? (
                <>
                  <span data-af-prompt="">{passkey.confirm.prompt}</span>
                  <button
                    type="button"
                    id={passkey.confirm.id}
                    data-af-action="confirmRemove"
                    aria-busy={passkey.confirm.isBusy}
                    disabled={passkey.confirm.isBusy}
                    onClick={() => void flow.confirmRemove()}
                  >
                    {passkey.confirm.label}
                  </button>
                  <button
                    type="button"
                    data-af-action="cancelRemove"
                    disabled={passkey.confirm.isBusy}
                    onClick={() => flow.cancelRemove()}
                  >
                    {passkey.confirm.cancelLabel}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  id={passkey.remove.id}
                  data-af-action="remove"
                  aria-label={passkey.remove.name}
                  disabled={passkey.remove.isDisabled}
                  onClick={() => flow.askRemove(passkey.id)}
                >
                  {passkey.remove.label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {s.add && (
        <button
          type="button"
          id={s.ids.add}
          data-af-action="add"
          aria-busy={s.add.isBusy}
          disabled={s.add.isDisabled}
          onClick={() => void flow.add()}
        >
          {s.add.label}
        </button>
      )}
    </section>
  )
}

/** A screen a recipe plugin creates (the passkey pages of `AuthPage`), rendered like every screen. */
export function PluginScreen({ create, ...props }: FlowOptions & { create: (options: FlowOptions) => ScreenFlow }) {
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => create(options), options)
  return <AuthScreen flow={flow} state={state} />
}
