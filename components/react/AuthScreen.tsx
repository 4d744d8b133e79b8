import { useEffect, useState } from 'react'
import { EYE_ICON, SLASH_ICON, clickActionLink, createFocusTracker } from '../../src/flows'
import type { ActionView, FieldView, ScreenFlow, ScreenState } from '../../src/flows'

type AnyFlow = ScreenFlow<ScreenState>

/** Renders one flow state as test/contract/MARKUP.md specifies. All behaviour stays in the flow. */
export function AuthScreen({ flow, state }: { flow: AnyFlow; state: ScreenState }) {
  useFocusRequest(state)
  return renderScreen(flow, state)
}

/**
 * The screen's elements without the focus hook, for a component that renders several layouts and applies the focus
 * requests once across them (a layout switch must not skip the request that caused it).
 */
export function renderScreen(flow: AnyFlow, state: ScreenState) {
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

/** The form error and the live region (MARKUP.md), in a fragment. */
export function renderMessages(state: ScreenState) {
  return (
    <>
      {state.formError !== undefined && (
        <p id={state.ids.formError} role="alert" tabIndex={-1} data-af-form-error="">
          {state.formError}
        </p>
      )}
      <div id={state.ids.live} role="status" aria-live="polite" data-af-live="">
        {state.statusMessage !== undefined && <p data-af-status={state.statusTone}>{state.statusMessage}</p>}
      </div>
    </>
  )
}

/** Applies the flow's focus requests (MARKUP.md "Focus"). */
export function useFocusRequest(state: ScreenState) {
  const [track] = useState(() => createFocusTracker(state.focusRequest))
  useEffect(() => {
    const id = track(state.focusRequest)
    if (id !== undefined) document.getElementById(id)?.focus()
  }, [track, state.focusRequest])
}

export function ActionRow({ flow, action }: { flow: AnyFlow; action: ActionView }) {
  return (
    <p data-af-placement={action.placement}>
      {action.prompt !== undefined && <span data-af-prompt="">{action.prompt}</span>}
      {action.href !== undefined ? (
        <a
          href={action.href}
          data-af-action={action.id}
          aria-disabled={action.isDisabled ? 'true' : undefined}
          onClick={(event) => clickActionLink(event, action, (id) => flow.perform(id))}
        >
          {action.label}
        </a>
      ) : (
        <button
          type="button"
          data-af-action={action.id}
          disabled={action.isDisabled}
          onClick={() => flow.perform(action.id)}
        >
          {action.label}
        </button>
      )}
    </p>
  )
}

export function Field({ flow, field }: { flow: AnyFlow; field: FieldView }) {
  const control = {
    id: field.inputId,
    name: field.id,
    'data-af-input': '',
    'aria-invalid': field.error !== undefined ? ('true' as const) : ('false' as const),
    'aria-describedby': field.error !== undefined ? field.errorId : undefined,
    'aria-required': field.isRequired ? ('true' as const) : undefined,
    onBlur: () => void flow.blurField(field.id),
  }
  const label = (
    <label htmlFor={field.inputId} data-af-label="">
      {field.label}
      {field.optionalLabel !== undefined && <span data-af-optional="">{field.optionalLabel}</span>}
    </label>
  )
  const text = typeof field.value === 'string' ? field.value : ''
  let body
  if (field.type === 'checkbox') {
    body = (
      <>
        <input
          {...control}
          type="checkbox"
          checked={field.value === true}
          onChange={(event) => flow.setField(field.id, event.target.checked)}
        />
        {label}
      </>
    )
  } else if (field.type === 'select') {
    body = (
      <>
        {label}
        <select
          {...control}
          autoComplete={field.autoComplete}
          value={text}
          onChange={(event) => flow.setField(field.id, event.target.value)}
        >
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </>
    )
  } else {
    const input = (
      <input
        {...control}
        type={field.inputType}
        autoComplete={field.autoComplete}
        inputMode={field.inputMode}
        value={text}
        onChange={(event) => flow.setField(field.id, event.target.value)}
      />
    )
    body = (
      <>
        {label}
        {field.toggle ? (
          <div data-af-password="">
            {input}
            <button
              type="button"
              id={field.toggle.id}
              data-af-toggle=""
              aria-controls={field.inputId}
              aria-pressed={field.toggle.isPressed}
              aria-label={field.toggle.label}
              onClick={() => flow.togglePasswordVisibility(field.id)}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d={EYE_ICON} />
                <path d={SLASH_ICON} />
              </svg>
            </button>
          </div>
        ) : (
          input
        )}
      </>
    )
  }
  return (
    <div
      data-af-field={field.id}
      data-af-type={field.type}
      data-af-invalid={field.error !== undefined ? '' : undefined}
    >
      {body}
      {field.error !== undefined && (
        <p id={field.errorId} data-af-field-error="">
          {field.error}
        </p>
      )}
    </div>
  )
}
