import { createMfaFlow, createMfaSettingsFlow } from '../../src/flows'
import type { ActionView, MfaFlow, MfaFlowOptions, MfaSettingsOptions, MfaState } from '../../src/flows'
import { ActionRow, Field, renderMessages, useFocusRequest } from './AuthScreen'
import { useAuthClient } from './context'
import { useFlow, useScreenOptions } from './useFlow'

/** The TOTP set-up block and the lock-out countdown (MARKUP.md "Second factors"). */
function MfaExtras({ flow, state }: { flow: MfaFlow; state: MfaState }) {
  const totp = state.totpSetup
  return (
    <>
      {totp && (
        <div data-af-totp="">
          {totp.qr && (
            <svg role="img" aria-label={totp.qr.label} data-af-qr="" viewBox={`0 0 ${totp.qr.size} ${totp.qr.size}`}>
              <path d={totp.qr.path} fill="currentColor" />
            </svg>
          )}
          {totp.reveal && (
            <button type="button" data-af-action="showSecret" onClick={() => flow.showSecret()}>
              {totp.reveal.label}
            </button>
          )}
          {totp.secret && (
            <p data-af-secret="">
              <code id={totp.secret.id} tabIndex={-1}>
                {totp.secret.value}
              </code>
              <button type="button" data-af-action="copySecret" onClick={() => void flow.copySecret()}>
                {totp.secret.copyLabel}
              </button>
            </p>
          )}
        </div>
      )}
      {state.countdown !== undefined && <p data-af-countdown="">{state.countdown}</p>}
    </>
  )
}

/**
 * MARKUP.md "Screen" with the EXTRAS after the description. Its own tree rather than a slot in `renderScreen`, so
 * the screens of an app without MFA stay as they were, byte for byte.
 */
function MfaView({ flow, state }: { flow: MfaFlow; state: MfaState }) {
  useFocusRequest(state)
  const row = (action: ActionView) => <ActionRow key={action.id} flow={flow} action={action} />
  return (
    <div data-af-root={state.flow} data-af-screen={state.screen} data-af-theme={state.theme}>
      <form
        id={state.ids.form}
        data-af-form=""
        noValidate
        aria-labelledby={state.ids.heading}
        onSubmit={(event) => {
          event.preventDefault()
          void flow.submit()
        }}
      >
        <h2 id={state.ids.heading} tabIndex={-1} data-af-heading="">
          {state.heading}
        </h2>
        {state.description !== undefined && <p data-af-description="">{state.description}</p>}
        <MfaExtras flow={flow} state={state} />
        {state.actions.filter((action) => action.placement === 'header').map(row)}
        {state.fields.map((field) => (
          <Field key={field.id} flow={flow} field={field} />
        ))}
        {renderMessages(state)}
        {state.submit && (
          <button type="submit" data-af-submit="" aria-busy={state.submit.isBusy} disabled={state.submit.isDisabled}>
            {state.submit.label}
          </button>
        )}
        {state.actions.filter((action) => action.placement === 'footer').map(row)}
      </form>
    </div>
  )
}

/** Props of a second-factor page: the flow options; `page` comes from the route in `AuthPage`. */
export type MfaPageProps = MfaFlowOptions

/** A second-factor page (`{websiteBasePath}/mfa/*`); `AuthPage` renders it. Needs the `multiFactor()` plugin. */
export function MfaPage(props: MfaPageProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createMfaFlow(client, options), options)
  return <MfaView flow={flow} state={state} />
}

/** Props are the flow options, read once on mount. */
export type MfaSettingsProps = MfaSettingsOptions

/**
 * Two-step verification settings for an account page: the user's authenticator apps, "Add an authenticator app"
 * (QR code, key, code) and "Remove" with a confirmation. Render it for signed-in users. Needs the `totp()` plugin.
 */
export function MfaSettings(props: MfaSettingsProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createMfaSettingsFlow(client, options), options)
  return <MfaView flow={flow} state={state} />
}
