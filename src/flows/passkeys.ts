/**
 * The passkey part of the sign-in page (docs/RECIPES.md §5.4): the "Continue with a passkey" button, passkey
 * autofill in the email field (conditional mediation), and the two passkey sign-up steps (email, then confirm).
 * Internal to createSignInUpFlow, which reaches it only through the `webauthn()` plugin (src/flows/recipeUi.ts).
 */
import type {
  RecoverAccountResult,
  RegisterCredentialResult,
  WebauthnApi,
  WebauthnSignInResult,
  WebauthnSignUpResult,
  WebauthnSupport,
} from '../recipes/factorTypes'
import { resolveField, thrownMessage } from './core'
import type { FlowEnv, ResolvedField, ScreenDescription, ScreenMachine } from './core'
import type { Translate } from './messages'
import { joinPath } from './redirect'
import type { SignInUpModel } from './signInUp'
import { WEBAUTHN_UI } from './recipeUi'
import type {
  FlowClient,
  FlowOptions,
  ScreenFlow,
  ScreenState,
  SignInUpAction,
  SignInUpFlow,
  SignInUpScreen,
  SignInUpState,
} from './types'
import { validateEmail } from './validators'

/** The passkey sign-up steps: the email (with the recovery caution), then "Create a passkey". */
export type PasskeySignUpScreen = 'passkeySignUp' | 'passkeyConfirm'
/** `data-af-root` of the passkey screens outside the sign-in page. */
export type PasskeyFlowName = 'passkeyRecovery' | 'passkeyMfa'
/** The `AuthPage` routes of the passkey screens (`resolveAuthRoute`). */
export type PasskeyRouteName = 'webauthnRecover' | 'webauthnSendRecoveryEmail' | 'mfaWebauthn'

/** The provider id of the passkey button among the sign-in page's buttons (`button[data-af-provider=webauthn]`). */
export const PASSKEY_BUTTON = 'webauthn'

type Machine = ScreenMachine<SignInUpScreen, SignInUpModel, SignInUpState>

/** Any failed ceremony result. */
type Failure = Exclude<
  WebauthnSignInResult | WebauthnSignUpResult | RecoverAccountResult | RegisterCredentialResult,
  { status: 'OK' }
>

/** The message for a failed ceremony: each status its own text written for people, with what to do next. */
export function passkeyFailure(t: Translate, result: Failure): string {
  switch (result.status) {
    case 'GENERAL_ERROR':
      return result.message || t('error.GENERAL_ERROR')
    case 'SIGN_IN_NOT_ALLOWED':
    case 'SIGN_UP_NOT_ALLOWED':
      return result.reason || t(`error.${result.status}`)
    case 'REGISTER_CREDENTIAL_NOT_ALLOWED':
      return result.reason || t('passkeySettings.REGISTER_CREDENTIAL_NOT_ALLOWED')
    case 'INVALID_EMAIL_ERROR':
      return t(result.err || 'error.email.invalid')
    case 'INVALID_OPTIONS_ERROR':
    case 'OPTIONS_NOT_FOUND_ERROR':
    case 'ABORTED':
      return t('error.passkey.options')
    default:
      return t(`error.passkey.${result.status}`)
  }
}

/** The passkey screens' email field (built on first use: no module-level call). */
const emailField = (): ResolvedField =>
  resolveField({ id: 'email' }, { type: 'email', autoComplete: 'email', validators: [validateEmail] })

/** Results of a sign-in after the user picked a passkey in the autofill: the backend's verdict, worth showing. */
const PICKED_FAILURES = new Set(['INVALID_CREDENTIALS_ERROR', 'SIGN_IN_NOT_ALLOWED'])

const UNSUPPORTED: WebauthnSupport = { supported: false, platformAuthenticator: false, conditionalMediation: false }

/** The sign-in page's screen spec: `createScreenMachine` reads its `describe` and `extend` at every render. */
export interface SignInUpSpec {
  flow: 'signInUp'
  env: FlowEnv
  initial: SignInUpModel
  describe(model: SignInUpModel): ScreenDescription<SignInUpAction>
  extend(model: SignInUpModel, base: ScreenState<SignInUpScreen, SignInUpAction>): SignInUpState
}

interface PasskeyPart {
  /** True on the `passkeySignUp` / `passkeyConfirm` screens, which `describe` describes. */
  isOwnScreen(model: SignInUpModel): boolean
  describe(model: SignInUpModel): ScreenDescription<SignInUpAction>
  /** Adds the passkey button (and the autofill token of the email field) to the sign-in page's state. */
  extend(model: SignInUpModel, state: SignInUpState): SignInUpState
  /** The passkey button (`webauthn`): a sign-in on `signIn`, the sign-up steps on `signUp`; undefined for others. */
  continueWith(providerId: string): Promise<void> | undefined
  /** Submit on the passkey screens; undefined on the others. */
  submit(): Promise<void> | undefined
  /** The passkey screens' own actions. */
  actions: Partial<Record<SignInUpAction, () => void>>
  /** On mount: reads what the browser supports, then starts the autofill request. Returns unmount (aborts it). */
  start(): () => void
}

/**
 * Adds the passkey part to a sign-in page when the client has a `webauthn` member: its screens (through `spec`), the
 * button and autofill (the state), and its verbs (wrapping the flow's `submit`, `perform`, `continueWith`, `mount`
 * and `destroy`). Done from the outside so the sign-in flow holds one line of it: an app without passkeys ships
 * nothing more. `complete` finishes a sign-in or sign-up (session created).
 */
export function decorateSignInUp(
  client: FlowClient,
  spec: SignInUpSpec,
  machine: Machine,
  flow: SignInUpFlow,
  env: FlowEnv,
  complete: (action: 'signIn' | 'signUp') => Promise<void>,
): void {
  if (!client.webauthn) return
  const api: WebauthnApi = client.webauthn
  const settings = {
    autofill: client[WEBAUTHN_UI]?.autofill !== false,
    recoverPath: joinPath(client.config.websiteBasePath, '/webauthn/recover/send-email'),
    complete,
  }
  const { t } = env
  let detection: Promise<void> | undefined
  let mounted = 0
  let autofill: AbortController | undefined
  // Set when a background autofill request failed: it is not started again until the page remounts, so a page that
  // cannot use passkeys (an rpId its host does not match, options refused) does not loop on requests.
  let autofillStopped = false

  const stopAutofill = () => {
    autofill?.abort()
    autofill = undefined
  }

  const canAutofill = () => {
    const { passkeySupport, methods, isComplete } = machine.model()
    return settings.autofill && passkeySupport?.conditionalMediation === true && methods.webauthn && !isComplete
  }

  /** Shows a ceremony's outcome: the success redirect, or its message with the ways forward on screen. */
  const finish = async (result: WebauthnSignInResult | WebauthnSignUpResult, action: 'signIn' | 'signUp') => {
    if (machine.isDestroyed()) return
    if (result.status === 'OK') {
      machine.update({
        isSubmitting: false,
        isPasskeyBusy: false,
        isComplete: true,
        statusMessage: t('signInUp.success'),
      })
      return settings.complete(action)
    }
    if (
      action === 'signUp' &&
      (result.status === 'EMAIL_ALREADY_EXISTS_ERROR' || result.status === 'INVALID_EMAIL_ERROR')
    ) {
      // The email is what is wrong: back to it, typed as it was, with the error on the field.
      machine.toScreen('passkeySignUp')
      machine.applyServerFieldErrors({ email: passkeyFailure(t, result) })
      return
    }
    machine.update({
      isSubmitting: false,
      isPasskeyBusy: false,
      passkeyFailed: action === 'signIn',
      formError: passkeyFailure(t, result),
    })
    startAutofill()
  }

  function startAutofill() {
    if (mounted === 0 || autofill || autofillStopped || !canAutofill()) return
    const controller = (autofill = new AbortController())
    api.signIn({ tenantId: env.tenantId, mediation: 'conditional', signal: controller.signal }).then(
      (result) => {
        if (autofill === controller) autofill = undefined
        // Aborted for another ceremony or an unmount: the next mount or ceremony starts a new request.
        if (controller.signal.aborted) return
        if (result.status !== 'OK') autofillStopped = true
        // Failures before the user picked a passkey (a cancelled prompt, a browser or options error) stay silent:
        // the user never asked for anything, and the button shows its own errors when used.
        if (result.status !== 'OK' && !PICKED_FAILURES.has(result.status)) return
        machine.update({ formError: undefined, statusMessage: undefined })
        return finish(result, 'signIn')
      },
      () => {
        if (autofill === controller) autofill = undefined
        autofillStopped = true
      },
    )
  }

  /** Runs one button ceremony: the autofill request is aborted first (one WebAuthn request at a time). */
  const ceremony = async (
    run: () => Promise<WebauthnSignInResult | WebauthnSignUpResult>,
    action: 'signIn' | 'signUp',
  ) => {
    stopAutofill()
    try {
      await finish(await run(), action)
    } catch (error) {
      machine.update({ isSubmitting: false, isPasskeyBusy: false, formError: thrownMessage(t, error) })
      startAutofill()
    }
  }

  const isSupported = () => machine.model().passkeySupport?.supported === true

  /** The passkey button: a sign-in on `signIn`, the sign-up steps on `signUp`. */
  const press = async () => {
    const model = machine.model()
    if (!model.methods.webauthn || !isSupported() || model.isPasskeyBusy || model.isComplete) return
    if (model.busyProvider !== undefined || model.isSubmitting) return
    if (model.screen === 'signUp') return machine.toScreen('passkeySignUp')
    if (model.screen !== 'signIn') return
    machine.update({ isPasskeyBusy: true, passkeyFailed: false, formError: undefined, statusMessage: undefined })
    await ceremony(() => api.signIn({ tenantId: env.tenantId }), 'signIn')
  }

  const part: PasskeyPart = {
    isOwnScreen: (model) => model.screen === 'passkeySignUp' || model.screen === 'passkeyConfirm',
    describe(model) {
      const otherMethod = {
        id: 'toSignUp' as const,
        label: t('passkey.otherMethod'),
        prompt: undefined,
        href: undefined,
        placement: 'footer' as const,
        isDisabled: model.isSubmitting || model.isComplete,
      }
      if (model.screen === 'passkeySignUp') {
        return {
          heading: t('passkey.email.heading'),
          description: t('passkey.email.description'),
          fields: [emailField()],
          submit: { label: t('passkey.email.submit'), busyLabel: t('passkey.email.submit') },
          actions: [
            otherMethod,
            { ...otherMethod, id: 'toSignIn', label: t('passkey.signInInstead') },
            {
              ...otherMethod,
              id: 'toRecoverAccount',
              label: t('passkey.recover'),
              prompt: t('passkey.recoverPrompt'),
              href: settings.recoverPath,
            },
          ],
        }
      }
      return {
        heading: t('passkey.confirm.heading'),
        description: t('passkey.confirm.description', { email: String(model.values.email ?? '').trim() }),
        fields: [],
        submit: {
          label: t('passkey.confirm.submit'),
          busyLabel: t('passkey.confirm.submitBusy'),
          isDisabled: model.isComplete,
        },
        actions: [{ ...otherMethod, id: 'toPasskeyEmail', label: t('passkey.changeEmail') }, otherMethod],
      }
    },
    extend(model, state) {
      const isMethodsScreen = model.screen === 'signIn' || model.screen === 'signUp'
      if (!isMethodsScreen || !model.methods.webauthn || model.isLoadingMethods) return state
      const support = model.passkeySupport
      const isBusy = model.isPasskeyBusy === true
      const autofillToken = model.screen === 'signIn' && canAutofill()
      const withToken = (fields: SignInUpState['fields']) =>
        autofillToken
          ? fields.map((field) =>
              field.type === 'email' || field.id === 'contact'
                ? { ...field, autoComplete: 'username webauthn' }
                : field,
            )
          : fields
      const button = {
        id: PASSKEY_BUTTON,
        label: isBusy ? t('passkey.busy') : t(model.screen === 'signIn' ? 'passkey.signIn' : 'passkey.signUp'),
        isDisabled: support?.supported !== true || isBusy || model.busyProvider !== undefined || model.isComplete,
        isBusy,
      }
      const recover = {
        id: 'toRecoverAccount' as const,
        label: t('passkey.recover'),
        prompt: t('passkey.recoverPrompt'),
        href: undefined,
        placement: 'header' as const,
        isDisabled: false,
      }
      return {
        ...state,
        layout: 'methods',
        fields: withToken(state.fields),
        passwordlessForm: state.passwordlessForm && {
          ...state.passwordlessForm,
          fields: withToken(state.passwordlessForm.fields),
        },
        providers: [...state.providers, button],
        actions: model.passkeyFailed && model.screen === 'signIn' ? [...state.actions, recover] : state.actions,
        // The disabled button's explanation, until something more pressing is announced.
        ...(state.statusMessage === undefined &&
          support &&
          !support.supported && { statusMessage: t('passkey.unsupported'), statusTone: 'warning' as const }),
      }
    },
    continueWith: (providerId) => (providerId === PASSKEY_BUTTON ? press() : undefined),
    submit() {
      const model = machine.model()
      if (model.screen === 'passkeySignUp') {
        return (async () => {
          machine.update({ formError: undefined })
          // No request here: the email is checked when the passkey is created.
          if (await machine.validateAll(['email'])) machine.toScreen('passkeyConfirm')
        })()
      }
      if (model.screen !== 'passkeyConfirm') return undefined
      if (model.isSubmitting || model.isComplete) return Promise.resolve()
      if (!isSupported()) {
        machine.update({ formError: t('error.passkey.WEBAUTHN_NOT_SUPPORTED') })
        machine.focus(`${env.idPrefix}-form-error`)
        return Promise.resolve()
      }
      machine.update({ isSubmitting: true, formError: undefined, statusMessage: undefined })
      const email = String(model.values.email ?? '').trim()
      return ceremony(() => api.signUp({ email, tenantId: env.tenantId }), 'signUp')
    },
    actions: {
      toRecoverAccount: () => env.navigate(settings.recoverPath),
      toPasskeyEmail() {
        if (!machine.model().isSubmitting) machine.toScreen('passkeySignUp')
      },
    },
    start() {
      mounted += 1
      autofillStopped = false
      detection ??= api.isSupported().then(
        (support) => machine.update({ passkeySupport: support }),
        () => machine.update({ passkeySupport: UNSUPPORTED }),
      )
      void detection.then(startAutofill)
      let isMounted = true
      return () => {
        if (!isMounted) return
        isMounted = false
        mounted -= 1
        stopAutofill()
      }
    },
  }

  const { describe, extend } = spec
  spec.describe = (model) => (part.isOwnScreen(model) ? part.describe(model) : describe(model))
  spec.extend = (model, base) => part.extend(model, extend(model, base))
  const { submit, perform, continueWith, mount, destroy } = flow
  flow.submit = () => part.submit() ?? submit()
  flow.perform = (id) => (part.actions[id] ? part.actions[id]() : perform(id))
  flow.continueWith = (providerId) => part.continueWith(providerId) ?? continueWith(providerId)
  flow.mount = () => {
    const unmountPage = mount()
    const unmountPart = part.start()
    return () => {
      unmountPart()
      unmountPage()
    }
  }
  flow.destroy = () => {
    mounted = 0
    stopAutofill()
    destroy()
  }
  // The button shows (disabled) from the first render, so nothing shifts once the browser's support is known.
  machine.update({})
}

/** The passkey screens `AuthPage` shows; created by the `webauthn()` plugin's share (no import from the page). */
export interface WebauthnUi {
  /** Passkey autofill in the email field of the sign-in page (`webauthn({ autofill })`). */
  autofill: boolean
  decorate: typeof decorateSignInUp
  /** The flow of a passkey route of `AuthPage`, rendered like every screen (MARKUP.md "Passkeys"). */
  createScreen(route: PasskeyRouteName, client: FlowClient, options: FlowOptions): ScreenFlow
}
