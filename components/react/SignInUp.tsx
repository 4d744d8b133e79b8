import { Fragment } from 'react'
import type { ReactNode } from 'react'
import { createSignInUpFlow } from '../../src/flows'
import type { FirstFactorOptions, SignInUpFlow, SignInUpFlowOptions, SignInUpState } from '../../src/flows'
import { ActionRow, Field, renderMessages, renderScreen, useFocusRequest } from './AuthScreen'
import { useAuthClient } from './context'
import { useFlow, useScreenOptions } from './useFlow'

/** Props are the flow options, read once on mount. Give a new `key` to start over. */
export type SignInUpProps = SignInUpFlowOptions & FirstFactorOptions

/**
 * The sign-in / sign-up page: every first factor the client's recipe plugins enable (provider buttons,
 * email-password, passwordless). Put it on `websiteBasePath` (default `/auth`).
 */
export function SignInUp(props: SignInUpProps) {
  const client = useAuthClient()
  const options = useScreenOptions(props)
  const [flow, state] = useFlow(() => createSignInUpFlow(client, options), options)
  useFocusRequest(state)
  return state.layout === 'form' ? renderScreen(flow, state) : renderMethods(flow, state)
}

/** The `methods` layout of MARKUP.md "Sign-in methods": heading, messages, then each method, with dividers. */
function renderMethods(flow: SignInUpFlow, state: SignInUpState) {
  const sections: ReactNode[] = []
  if (state.providers.length > 0) {
    sections.push(
      <div key="providers" data-af-providers="">
        {state.providers.map((provider) => (
          <button
            key={provider.id}
            type="button"
            data-af-provider={provider.id}
            aria-busy={provider.isBusy}
            disabled={provider.isDisabled}
            onClick={() => void flow.continueWith(provider.id)}
          >
            {provider.mark && (
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d={provider.mark} />
              </svg>
            )}
            {provider.label}
          </button>
        ))}
      </div>,
    )
  }
  if (state.hasEmailPassword) {
    sections.push(
      <form
        key="emailPassword"
        id={state.ids.form}
        data-af-form=""
        noValidate
        aria-labelledby={state.ids.heading}
        onSubmit={(event) => {
          event.preventDefault()
          void flow.submit()
        }}
      >
        {state.fields.map((field) => (
          <Field key={field.id} flow={flow} field={field} />
        ))}
        {state.submit && (
          <button type="submit" data-af-submit="" aria-busy={state.submit.isBusy} disabled={state.submit.isDisabled}>
            {state.submit.label}
          </button>
        )}
        {state.actions
          .filter((action) => action.placement === 'footer')
          .map((action) => (
            <ActionRow key={action.id} flow={flow} action={action} />
          ))}
      </form>,
    )
  }
  const passwordless = state.passwordlessForm
  if (passwordless) {
    sections.push(
      <form
        key="passwordless"
        id={passwordless.formId}
        data-af-form="passwordless"
        noValidate
        aria-label={passwordless.label}
        onSubmit={(event) => {
          event.preventDefault()
          void flow.submitPasswordless()
        }}
      >
        {passwordless.fields.map((field) => (
          <Field key={field.id} flow={flow} field={field} />
        ))}
        <button
          type="submit"
          data-af-submit=""
          aria-busy={passwordless.submit.isBusy}
          disabled={passwordless.submit.isDisabled}
        >
          {passwordless.submit.label}
        </button>
      </form>,
    )
  }
  return (
    <div
      data-af-root={state.flow}
      data-af-screen={state.screen}
      data-af-theme={state.theme}
      aria-busy={state.isLoadingMethods ? 'true' : undefined}
    >
      <h2 id={state.ids.heading} tabIndex={-1} data-af-heading="">
        {state.heading}
      </h2>
      {state.actions
        .filter((action) => action.placement === 'header')
        .map((action) => (
          <ActionRow key={action.id} flow={flow} action={action} />
        ))}
      {renderMessages(state)}
      {sections.map((section, index) => (
        <Fragment key={index}>
          {index > 0 && (
            // One separator named "or"; its visible text is hidden so screen readers say it once.
            <div data-af-divider="" role="separator" aria-label={state.dividerLabel}>
              <span aria-hidden="true">{state.dividerLabel}</span>
            </div>
          )}
          {section}
        </Fragment>
      ))}
    </div>
  )
}
