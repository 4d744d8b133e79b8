import { defineComponent, h, watch } from 'vue'
import type { PropType, VNode } from 'vue'
import { clickActionLink, createFocusTracker } from '../../src/flows'
import type { ActionView, FieldView, ScreenFlow, ScreenState } from '../../src/flows'

type AnyFlow = ScreenFlow<ScreenState>
type Child = VNode | string | false | undefined

// Absent nodes are dropped rather than rendered as Vue's placeholder comments, so the DOM matches React's.
const nodes = (...children: Child[]): (VNode | string)[] =>
  children.filter((child): child is VNode | string => child !== false && child !== undefined)

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
    const track = createFocusTracker(props.state.focusRequest)
    watch(
      () => props.state.focusRequest,
      (request) => {
        const id = track(request)
        if (id !== undefined) document.getElementById(id)?.focus()
      },
      { flush: 'post' },
    )
    return () => renderScreen(props.flow, props.state)
  },
})

function renderScreen(flow: AnyFlow, s: ScreenState): VNode {
  const rows = (placement: ActionView['placement']) =>
    s.actions.filter((action) => action.placement === placement).map((action) => renderAction(flow, action))
  return h('div', { 'data-af-root': s.flow, 'data-af-screen': s.screen, 'data-af-theme': s.theme }, [
    h(
      'form',
      {
        id: s.ids.form,
        'data-af-form': '',
        novalidate: '',
        'aria-labelledby': s.ids.heading,
        onSubmit: (event: Event) => {
          event.preventDefault()
          void flow.submit()
        },
      },
      nodes(
        h('h2', { key: 'heading', id: s.ids.heading, tabindex: '-1', 'data-af-heading': '' }, s.heading),
        s.description !== undefined && h('p', { key: 'description', 'data-af-description': '' }, s.description),
        ...rows('header'),
        ...s.fields.map((field) => renderField(flow, field)),
        s.formError !== undefined &&
          h(
            'p',
            { key: 'error', id: s.ids.formError, role: 'alert', tabindex: '-1', 'data-af-form-error': '' },
            s.formError,
          ),
        h(
          'div',
          { key: 'live', id: s.ids.live, role: 'status', 'aria-live': 'polite', 'data-af-live': '' },
          nodes(s.statusMessage !== undefined && h('p', { 'data-af-status': '' }, s.statusMessage)),
        ),
        s.submit &&
          h(
            'button',
            {
              key: 'submit',
              type: 'submit',
              'data-af-submit': '',
              'aria-busy': String(s.submit.isBusy),
              disabled: s.submit.isDisabled,
            },
            s.submit.label,
          ),
        ...rows('footer'),
      ),
    ),
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

function renderField(flow: AnyFlow, f: FieldView): VNode {
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
    const input = h('input', { ...control, type: f.inputType, autocomplete: f.autoComplete, value: text, onInput })
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
          onClick: () => flow.togglePasswordVisibility(f.id),
        },
        f.toggle.label,
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
