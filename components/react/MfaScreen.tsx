import { createMfaFlow, createMfaSettingsFlow } from '../../src/flows'
import type { MfaFlow, MfaFlowOptions, MfaSettingsOptions, MfaState } from '../../src/flows'
import { renderScreen, useFocusRequest } from './AuthScreen'
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

function MfaView({ flow, state }: { flow: MfaFlow; state: MfaState }) {
  useFocusRequest(state)
  return renderScreen(flow, state, <MfaExtras flow={flow} state={state} />)
}

/** Props of a second-factor page: the flow options; `page` comes from the route in `AuthPage`. */
export type MfaPageProps = MfaFlowOptions

/** A second-factor page (`{websiteBasePath}/mfa/*`); `AuthPage` renders it. Needs the `multiFactor()` plugin. */
export function MfaPage(props: MfaPageProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createMfaFlow(client, options))
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
  const [flow, state] = useFlow(() => createMfaSettingsFlow(client, options))
  return <MfaView flow={flow} state={state} />
}
