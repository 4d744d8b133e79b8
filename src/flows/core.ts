/**
 * The machinery every screen flow shares: environment defaults, the field model, validation with stale-result
 * protection, focus requests and the translation of errors. Internal; the public surface is in index.ts.
 */
import { createStore } from 'zustand/vanilla'
import type { StoreApi } from 'zustand/vanilla'
import { isAuthError } from '../client/errors'
import { TENANT_ID } from '../recipes/request'
import { translator } from './messages'
import type { Translate } from './messages'
import { readQueryParam, safeRedirectPath } from './redirect'
import { isEmptyValue } from './validators'
import type {
  ActionView,
  FieldConfig,
  FieldType,
  FieldValidator,
  FieldValue,
  FieldView,
  FlowOptions,
  FlowTimers,
  FocusRequest,
  ScreenState,
  StatusTone,
  SubmitView,
  Theme,
} from './types'

/**
 * A copy of `record` without a prototype, with `key` set to `value` (or removed when undefined). Field ids come
 * from the app and field errors from the server: keys such as `__proto__` or `constructor` must stay plain keys.
 */
export function patchRecord<T>(
  record: Readonly<Record<string, T>> | undefined,
  key?: string,
  value?: T,
): Record<string, T> {
  const copy = Object.assign(Object.create(null) as Record<string, T>, record)
  if (key !== undefined) {
    if (value === undefined) delete copy[key]
    else copy[key] = value
  }
  return copy
}

/** Default navigation: a full page load in browsers, nothing on the server. */
export function defaultNavigate(path: string): void {
  const location = (globalThis as { location?: Location }).location
  if (location && typeof location.assign === 'function') location.assign(path)
}

/** The current query string in browsers, `''` elsewhere. Read when a flow is created, never at import. */
export function currentSearch(): string {
  const location = (globalThis as { location?: Location }).location
  return typeof location?.search === 'string' ? location.search : ''
}

/** The current path in browsers, `''` elsewhere. */
export function currentPathname(): string {
  const location = (globalThis as { location?: Location }).location
  return typeof location?.pathname === 'string' ? location.pathname : ''
}

export function resolveTimers(timers: Partial<FlowTimers> | undefined): FlowTimers {
  return {
    now: timers?.now ?? (() => Date.now()),
    // Looked up at call time so `vi.useFakeTimers()` after creation still applies.
    setTimeout: timers?.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms)),
    clearTimeout:
      timers?.clearTimeout ?? ((handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)),
  }
}

export interface FlowEnv {
  navigate: (path: string) => void
  search: string
  t: Translate
  idPrefix: string
  theme: Theme | undefined
  tenantId: string | undefined
  /** The `timers` option as given: the screens with a countdown resolve it (`resolveTimers`), the others never do. */
  timers: Partial<FlowTimers> | undefined
  /** The sanitized success redirect: options, then the URL's `redirectToPath`, then the default. */
  redirectTo: string
  /** The raw, sanitized `redirectToPath` (undefined when absent or unsafe), to pass along to other auth pages. */
  passedRedirect: string | undefined
}

/** A link chooses the tenant, never the path: an invalid id (`..`) is ignored, like an absent one. */
const tenantFromUrl = (tenantId: string | undefined) => (tenantId && TENANT_ID.test(tenantId) ? tenantId : undefined)

export function resolveEnv(options: FlowOptions): FlowEnv {
  const search = options.search ?? currentSearch()
  const fallback = safeRedirectPath(options.defaultRedirectPath, '/')
  const fromOptions = options.redirectToPath === undefined ? undefined : safeRedirectPath(options.redirectToPath, '')
  const fromUrl = safeRedirectPath(readQueryParam(search, 'redirectToPath'), '')
  const passedRedirect = fromOptions || fromUrl || undefined
  return {
    navigate: options.navigate ?? defaultNavigate,
    search,
    t: translator(options.locale, options.messages),
    idPrefix: options.idPrefix ?? 'af',
    theme: options.unstyled ? undefined : (options.theme ?? 'auto'),
    tenantId: options.tenantId ?? tenantFromUrl(readQueryParam(search, 'tenantId')),
    timers: options.timers,
    redirectTo: passedRedirect ?? fallback,
    passedRedirect,
  }
}

/** The translated form error for a rejected call: `AuthError` kinds get their own retryable message. */
export function thrownMessage(t: Translate, error: unknown): string {
  if (isAuthError(error) && error.kind !== 'config') return t(`error.${error.kind}`)
  return t('error.unknown')
}

/** A field with its built-in rules resolved for one screen. */
export interface ResolvedField {
  id: string
  type: FieldType
  label: string | undefined
  labelKey: string
  optional: boolean
  defaultValue: FieldValue
  options: FieldConfig['options']
  autoComplete: string | undefined
  inputMode?: 'numeric'
  /** Run in order after the required check; the first error wins. */
  validators: FieldValidator[]
}

export function resolveField(config: FieldConfig, builtin: Partial<ResolvedField> = {}): ResolvedField {
  const type = config.type ?? builtin.type ?? 'text'
  return {
    id: config.id,
    type,
    label: config.label ?? builtin.label,
    labelKey: config.labelKey ?? builtin.labelKey ?? `field.${config.id}`,
    optional: config.optional ?? builtin.optional ?? false,
    defaultValue: config.defaultValue ?? builtin.defaultValue ?? (type === 'checkbox' ? false : ''),
    options: config.options ?? builtin.options,
    autoComplete: config.autoComplete ?? builtin.autoComplete,
    validators: config.validate ? [config.validate] : (builtin.validators ?? []),
  }
}

/** The mutable model behind a screen; flows extend it. */
export interface BaseModel<TScreen extends string> {
  screen: TScreen
  values: Record<string, FieldValue>
  fieldErrors: Record<string, string>
  formError: string | undefined
  statusMessage: string | undefined
  /** Defaults to `'success'`; a patch that sets `statusMessage` without it resets it. */
  statusTone?: Exclude<StatusTone, 'success'>
  isSubmitting: boolean
  revealed: Record<string, boolean>
  focusRequest: FocusRequest | undefined
}

/** What a flow describes for its current screen; the machine turns it into `ScreenState`. */
export interface ScreenDescription<TAction extends string> {
  heading: string
  description?: string
  fields: ResolvedField[]
  submit?: { label: string; busyLabel: string; isDisabled?: boolean }
  actions: ActionView<TAction>[]
}

export interface ScreenMachine<TScreen extends string, TModel extends BaseModel<TScreen>, TState> {
  store: StoreApi<TState>
  model(): TModel
  update(patch: Partial<TModel>): void
  isDestroyed(): boolean
  destroy(): void
  /** Ask the binding to focus a DOM id. */
  focus(domId: string): void
  inputId(fieldId: string): string
  headingId: string
  fieldsNow(): ResolvedField[]
  setField(id: string, value: FieldValue): void
  /**
   * Validates one field; resolves to its error text (undefined when valid or when the result went stale).
   * With `isBlur`, an empty field is left alone: "Field is not optional" waits for submit, so tabbing through
   * the form does not flag fields the user has not reached yet.
   */
  validateField(id: string, isBlur?: boolean): Promise<string | undefined | 'empty'>
  /**
   * Validates every field on screen (or those of `ids`, for a screen with several forms); sets their errors, clears
   * the others' and focuses the first invalid one. True when all valid.
   */
  validateAll(ids?: readonly string[]): Promise<boolean>
  togglePasswordVisibility(id: string): void
  /** Applies server field errors by id; errors for ids not on screen become the form error. */
  applyServerFieldErrors(errors: Readonly<Record<string, string>>): void
  /** Moves to another screen: clears errors and status, keeps values, focuses the heading. */
  toScreen(screen: TScreen, patch?: Partial<TModel>): void
}

/** The `FieldView` of one resolved field in the current model. */
function describeField(
  field: ResolvedField,
  model: Pick<BaseModel<string>, 'values' | 'fieldErrors' | 'revealed'>,
  t: Translate,
  id: string,
): FieldView {
  const isRevealed = model.revealed[field.id] === true
  const inputType =
    field.type === 'select' ? undefined : field.type === 'password' ? (isRevealed ? 'text' : 'password') : field.type
  const view: FieldView = {
    id: field.id,
    inputId: id,
    errorId: `${id}-error`,
    label: field.label ?? t(field.labelKey),
    optionalLabel: field.optional ? t('field.optional') : undefined,
    type: field.type,
    inputType,
    autoComplete: field.autoComplete,
    isRequired: !field.optional,
    value: model.values[field.id] ?? field.defaultValue,
    error: model.fieldErrors[field.id],
    options:
      field.type === 'select'
        ? [
            { value: '', label: t('field.selectPlaceholder') },
            ...(field.options ?? []).map((option) => ({
              value: option.value,
              label: option.label ?? t(option.labelKey ?? option.value),
            })),
          ]
        : undefined,
    toggle:
      field.type === 'password' ? { id: `${id}-toggle`, label: t('password.show'), isPressed: isRevealed } : undefined,
  }
  // Only set when used, so the views (and snapshots) of existing fields keep their shape.
  if (field.inputMode !== undefined) view.inputMode = field.inputMode
  return view
}

export function createScreenMachine<
  TScreen extends string,
  TAction extends string,
  TModel extends BaseModel<TScreen>,
  TState extends ScreenState<TScreen, TAction>,
>(spec: {
  flow: ScreenState['flow']
  env: FlowEnv
  initial: TModel
  describe(model: TModel): ScreenDescription<TAction>
  extend(model: TModel, base: ScreenState<TScreen, TAction>): TState
}): ScreenMachine<TScreen, TModel, TState> {
  const { env } = spec
  const { t, idPrefix } = env
  const ids = {
    form: `${idPrefix}-form`,
    heading: `${idPrefix}-heading`,
    live: `${idPrefix}-live`,
    formError: `${idPrefix}-form-error`,
  }
  // Prototype-free from the start, so a lookup by field id never finds an inherited member.
  let model: TModel = {
    ...spec.initial,
    values: patchRecord(spec.initial.values),
    fieldErrors: patchRecord(spec.initial.fieldErrors),
    revealed: patchRecord(spec.initial.revealed),
  }
  let destroyed = false
  let focusSeq = 0
  const validationSeq: Record<string, number> = {}

  const inputId = (fieldId: string) => `${idPrefix}-${fieldId}`

  const fieldView = (field: ResolvedField) => describeField(field, model, t, inputId(field.id))

  const render = (): TState => {
    const described = spec.describe(model)
    const submit: SubmitView | undefined = described.submit && {
      label: model.isSubmitting ? described.submit.busyLabel : described.submit.label,
      isBusy: model.isSubmitting,
      isDisabled: model.isSubmitting || described.submit.isDisabled === true,
    }
    return spec.extend(model, {
      flow: spec.flow,
      screen: model.screen,
      theme: env.theme,
      ids,
      heading: described.heading,
      description: described.description,
      fields: described.fields.map(fieldView),
      values: model.values,
      fieldErrors: model.fieldErrors,
      formError: model.formError,
      statusMessage: model.statusMessage,
      statusTone: model.statusMessage === undefined ? undefined : (model.statusTone ?? 'success'),
      submit,
      actions: described.actions,
      isSubmitting: model.isSubmitting,
      focusRequest: model.focusRequest,
    })
  }

  const store = createStore<TState>()(() => render())

  const update = (patch: Partial<TModel>) => {
    if (destroyed) return
    model = { ...model, ...('statusMessage' in patch && { statusTone: undefined }), ...patch }
    store.setState(render(), true)
    // A submit that ends in a form error moves focus to it, however it was submitted: a mouse submit leaves focus
    // on the submit button, which was disabled meanwhile, so the browser had dropped it to <body>.
    if (patch.isSubmitting === false && patch.formError !== undefined) focus(ids.formError)
  }

  const fieldsNow = () => spec.describe(model).fields

  const focus = (domId: string) => update({ focusRequest: { id: domId, seq: ++focusSeq } } as Partial<TModel>)

  const runValidators = async (field: ResolvedField, values: Record<string, FieldValue>) => {
    const value = values[field.id] ?? field.defaultValue
    if (isEmptyValue(value)) return field.optional ? undefined : t('error.field.required')
    for (const validate of field.validators) {
      const error = await validate(value, values)
      if (error) return t(error)
    }
    return undefined
  }

  const setFieldError = (id: string, error: string | undefined) =>
    update({ fieldErrors: patchRecord(model.fieldErrors, id, error) } as Partial<TModel>)

  const validateField = async (id: string, isBlur = false): Promise<string | undefined | 'empty'> => {
    const field = fieldsNow().find((candidate) => candidate.id === id)
    if (!field) return undefined
    if (isBlur && isEmptyValue(model.values[id])) return 'empty'
    const seq = (validationSeq[id] = (validationSeq[id] ?? 0) + 1)
    const values = model.values
    const error = await runValidators(field, values)
    // A newer validation or a newer value makes this result stale.
    if (validationSeq[id] !== seq || model.values[id] !== values[id]) return undefined
    setFieldError(id, error)
    return error
  }

  return {
    store,
    model: () => model,
    update,
    isDestroyed: () => destroyed,
    destroy() {
      destroyed = true
    },
    focus,
    inputId,
    headingId: ids.heading,
    fieldsNow,
    setField(id, value) {
      if (model.values[id] === value) return
      validationSeq[id] = (validationSeq[id] ?? 0) + 1
      update({
        values: patchRecord(model.values, id, value),
        fieldErrors: patchRecord(model.fieldErrors, id),
      } as Partial<TModel>)
    },
    validateField,
    async validateAll(ids) {
      const fields = fieldsNow().filter((field) => ids === undefined || ids.includes(field.id))
      const values = model.values
      const results = await Promise.all(fields.map((field) => runValidators(field, values)))
      const fieldErrors = patchRecord<string>(undefined)
      fields.forEach((field, index) => {
        const error = results[index]
        if (error !== undefined) fieldErrors[field.id] = error
      })
      update({ fieldErrors } as Partial<TModel>)
      const firstInvalid = fields.find((field) => fieldErrors[field.id] !== undefined)
      if (firstInvalid) focus(inputId(firstInvalid.id))
      return firstInvalid === undefined
    },
    togglePasswordVisibility(id) {
      update({ revealed: patchRecord(model.revealed, id, model.revealed[id] !== true) } as Partial<TModel>)
    },
    applyServerFieldErrors(errors) {
      const onScreen = new Set(fieldsNow().map((field) => field.id))
      const fieldErrors = patchRecord<string>(undefined)
      const elsewhere: string[] = []
      for (const [id, error] of Object.entries(errors)) {
        if (typeof error !== 'string') continue
        if (onScreen.has(id)) fieldErrors[id] = t(error)
        else elsewhere.push(t(error))
      }
      const firstInvalid = fieldsNow().find((field) => fieldErrors[field.id] !== undefined)
      // A FIELD_ERROR the screen cannot place (no error for a field on screen) must still say something: a silent
      // form that does nothing on submit is the worst outcome.
      if (!firstInvalid && elsewhere.length === 0) elsewhere.push(t('error.GENERAL_ERROR'))
      update({ fieldErrors, formError: elsewhere.length > 0 ? elsewhere.join(' ') : undefined } as Partial<TModel>)
      if (firstInvalid) focus(inputId(firstInvalid.id))
      else focus(ids.formError)
    },
    toScreen(screen, patch) {
      update({
        screen,
        fieldErrors: patchRecord<string>(undefined),
        formError: undefined,
        statusMessage: undefined,
        isSubmitting: false,
        ...patch,
      } as Partial<TModel>)
      focus(ids.heading)
    },
  }
}

/** Builds the reference-counted `mount()` of a flow: `start` runs on 0 → 1, its cleanup on 1 → 0. */
export function createMountCounter(start: () => () => void): { mount(): () => void; stopAll(): void } {
  let count = 0
  let stop: (() => void) | undefined
  const release = () => {
    stop?.()
    stop = undefined
  }
  return {
    mount() {
      count += 1
      if (count === 1) stop = start()
      let released = false
      return () => {
        if (released) return
        released = true
        count -= 1
        if (count === 0) release()
      }
    },
    stopAll() {
      count = 0
      release()
    },
  }
}

/** Waits until the client's session status is known (not `loading`). Returns a cancel function. */
export function whenSessionKnown(
  store: { getState(): { status: string }; subscribe(listener: (state: { status: string }) => void): () => void },
  callback: (status: 'signedIn' | 'signedOut') => void,
): () => void {
  const status = store.getState().status
  if (status !== 'loading') {
    callback(status as 'signedIn' | 'signedOut')
    return () => {}
  }
  const unsubscribe = store.subscribe((state) => {
    if (state.status === 'loading') return
    unsubscribe()
    callback(state.status as 'signedIn' | 'signedOut')
  })
  return unsubscribe
}
