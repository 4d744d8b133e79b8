import { defineComponent, h, watch } from 'vue'
import type { PropType, VNode } from 'vue'
import { EYE_ICON, SLASH_ICON, clickActionLink, createFocusTracker } from '../../src/flows'
import type { ActionView, FieldView, FocusRequest, ScreenFlow, ScreenState, SubmitView } from '../../src/flows'

type AnyFlow = ScreenFlow<ScreenState>
type Child = VNode | string | false | undefined

// Absent nodes are dropped rather than rendered as Vue's placeholder comments, so the DOM matches React's.
export const nodes = (...children: Child[]): (VNode | string)[] =>
  children.filter((child): child is VNode | string => child !== false && child !== undefined)

/**
 * Applies the flow's focus requests after each DOM update (MARKUP.md "Focus"). Call it in `setup()` of the
 * component that owns the flow, so a layout change inside it does not restart the tracker (a new tracker would
 * skip the request that came with the change).
 */
export function useFocusRequest(request: () => FocusRequest | undefined): void {
  const track = createFocusTracker(request())
  watch(
    request,
    (next) => {
      const id = track(next)
      if (id !== undefined) document.getElementById(id)?.focus()
    },
    { flush: 'post' },
  )
}

/**
 * Renders one flow state exactly as test/contract/MARKUP.md specifies and forwards DOM events to the flow's
 * actions. All behaviour stays in the flow; use it to build a screen around your own flow instance.
 */
export const AuthScreen = defineComponent({
  name: 'AuthScreen',
  props: {
    flow: { type: Object as PropType<AnyFlow>, required: true },
    state: { type: Object as PropType<ScreenState>, required: true },
  },
  setup(props) {
    useFocusRequest(() => props.state.focusRequest)
    return () => renderScreen(props.flow, props.state)
  },
})

/** The `data-af-root` element's attributes. */
export const rootAttrs = (s: ScreenState) => ({
  'data-af-root': s.flow,
  'data-af-screen': s.screen,
  'data-af-theme': s.theme,
})

export const renderHeading = (s: ScreenState): VNode =>
  h('h2', { key: 'heading', id: s.ids.heading, tabindex: '-1', 'data-af-heading': '' }, s.heading)

/** The form error (absent without one) and the live region (always present). */
export const renderMessages = (s: ScreenState): Child[] => [
  s.formError !== undefined &&
    h('p', { key: 'error', id: s.ids.formError, role: 'alert', tabindex: '-1', 'data-af-form-error': '' }, s.formError),
  h(
    'div',
    { key: 'live', id: s.ids.live, role: 'status', 'aria-live': 'polite', 'data-af-live': '' },
    nodes(s.statusMessage !== undefined && h('p', { 'data-af-status': s.statusTone }, s.statusMessage)),
  ),
]

export const renderSubmit = (submit: SubmitView): VNode =>
  h(
    'button',
    {
      key: 'submit',
      type: 'submit',
      'data-af-submit': '',
      'aria-busy': String(submit.isBusy),
      disabled: submit.isDisabled,
    },
    submit.label,
  )

/** A `novalidate` form whose submit event goes to `submit` instead of the browser. */
export const renderForm = (
  attrs: Record<string, string | undefined>,
  submit: () => Promise<void>,
  children: Child[],
): VNode =>
  h(
    'form',
    {
      ...attrs,
      novalidate: '',
      onSubmit: (event: Event) => {
        event.preventDefault()
        void submit()
      },
    },
    nodes(...children),
  )

export const renderActions = (flow: AnyFlow, s: ScreenState, placement: ActionView['placement']): VNode[] =>
  s.actions.filter((action) => action.placement === placement).map((action) => renderAction(flow, action))

/** The screen of MARKUP.md "Screen": everything inside one form. */
export function renderScreen(flow: AnyFlow, s: ScreenState): VNode {
  return h('div', rootAttrs(s), [
    renderForm({ id: s.ids.form, 'data-af-form': '', 'aria-labelledby': s.ids.heading }, () => flow.submit(), [
      renderHeading(s),
      s.description !== undefined && h('p', { key: 'description', 'data-af-description': '' }, s.description),
      ...renderActions(flow, s, 'header'),
      ...s.fields.map((field) => renderField(flow, field)),
      ...renderMessages(s),
      s.submit && renderSubmit(s.submit),
      ...renderActions(flow, s, 'footer'),
    ]),
  ])
}

function renderAction(flow: AnyFlow, a: ActionView): VNode {
  const onLinkClick = (event: MouseEvent) => clickActionLink(event, a, (id) => flow.perform(id))
  const control =
    a.href !== undefined
      ? h(
          'a',
          {
            key: 'a',
            href: a.href,
            'data-af-action': a.id,
            'aria-disabled': a.isDisabled ? 'true' : undefined,
            onClick: onLinkClick,
          },
          a.label,
        )
      : h(
          'button',
          {
            key: 'b',
            type: 'button',
            'data-af-action': a.id,
            disabled: a.isDisabled,
            onClick: () => flow.perform(a.id),
          },
          a.label,
        )
  return h(
    'p',
    { key: `action-${a.id}`, 'data-af-placement': a.placement },
    nodes(a.prompt !== undefined && h('span', { 'data-af-prompt': '' }, a.prompt), control),
  )
}

export function renderField(flow: AnyFlow, f: FieldView): VNode {
  const invalid = f.error !== undefined
  const control = {
    id: f.inputId,
    name: f.id,
    'data-af-input': '',
    'aria-invalid': invalid ? 'true' : 'false',
    'aria-describedby': invalid ? f.errorId : undefined,
    'aria-required': f.isRequired ? 'true' : undefined,
    // focusout, like React's onBlur, so both bindings answer the same DOM events.
    onFocusout: () => void flow.blurField(f.id),
  }
  const label = h(
    'label',
    { for: f.inputId, 'data-af-label': '' },
    nodes(f.label, f.optionalLabel !== undefined && h('span', { 'data-af-optional': '' }, f.optionalLabel)),
  )
  const text = typeof f.value === 'string' ? f.value : ''
  let body: VNode[]
  if (f.type === 'checkbox') {
    const onChange = (event: Event) => flow.setField(f.id, (event.target as HTMLInputElement).checked)
    body = [h('input', { ...control, type: 'checkbox', checked: f.value === true, onChange }), label]
  } else if (f.type === 'select') {
    const onChange = (event: Event) => flow.setField(f.id, (event.target as HTMLSelectElement).value)
    const options = (f.options ?? []).map((o) => h('option', { key: o.value, value: o.value }, o.label))
    body = [label, h('select', { ...control, autocomplete: f.autoComplete, value: text, onChange }, options)]
  } else {
    const onInput = (event: Event) => flow.setField(f.id, (event.target as HTMLInputElement).value)
    const input = h('input', {
      ...control,
      type: f.inputType,
      autocomplete: f.autoComplete,
      inputmode: f.inputMode,
      value: text,
      onInput,
    })
    const toggle =
      f.toggle &&
      h(
        'button',
        {
          type: 'button',
          id: f.toggle.id,
          'data-af-toggle': '',
          'aria-controls': f.inputId,
          'aria-pressed': String(f.toggle.isPressed),
          'aria-label': f.toggle.label,
          onClick: () => flow.togglePasswordVisibility(f.id),
        },
        h('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true' }, [
          h('path', { d: EYE_ICON }),
          h('path', { d: SLASH_ICON }),
        ]),
      )
    body = [label, toggle ? h('div', { 'data-af-password': '' }, [input, toggle]) : input]
  }
  return h(
    'div',
    {
      key: `field-${f.id}`,
      'data-af-field': f.id,
      'data-af-type': f.type,
      'data-af-invalid': invalid ? '' : undefined,
    },
    nodes(...body, invalid && h('p', { id: f.errorId, 'data-af-field-error': '' }, f.error)),
  )
}
