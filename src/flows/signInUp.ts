import type { AuthClient } from '../client/types'
import type { LoginAttempt } from '../recipes/types'
import type { WebauthnSupport } from '../recipes/factorTypes'
import {
  patchRecord,
  createMountCounter,
  createScreenMachine,
  resolveEnv,
  resolveField,
  thrownMessage,
  whenSessionKnown,
} from './core'
import type { BaseModel, FlowEnv, ResolvedField, ScreenMachine } from './core'
import type { FirstFactorMethods } from './firstFactors'
import type { PasswordlessPart } from './passwordlessPart'
import type { SignInUpSpec } from './passkeys'
import { LOGIN_METHODS_UI, PASSWORDLESS_UI, SIGN_IN_METHODS_UI, WEBAUTHN_UI } from './recipeUi'
import { authError } from '../client/errors'
import { joinPath, readQueryParam, safeRedirectPath } from './redirect'
import { redirectWithSession } from './sessionRedirect'
import { resetGuardRedirects } from './sessionAuth'
import { isEmptyValue, validateEmail, validatePassword } from './validators'
import type {
  ActionView,
  FieldValue,
  FirstFactorOptions,
  FlowClient,
  SignInUpAction,
  SignInUpFlow,
  SignInUpFlowOptions,
  SignInUpScreen,
  SignInUpState,
  ScreenState,
} from './types'

/** The sign-in page's model; exported for its parts (passwordlessPart.ts). */
export interface SignInUpModel extends BaseModel<SignInUpScreen> {
  isComplete: boolean
  methods: FirstFactorMethods
  isLoadingMethods: boolean
  /** The provider whose redirect is starting. */
  busyProvider: string | undefined
  /** The passwordless form is sending a code (or the code/link screens a new one). */
  isSendingCode: boolean
  cooldownSeconds: number
  attempt: LoginAttempt | undefined
  /** What the browser can do with passkeys, once read on mount (the `webauthn()` plugin). */
  passkeySupport?: WebauthnSupport
  /** The passkey button's ceremony is running. */
  isPasskeyBusy?: boolean
  /** The last passkey sign-in failed: the page offers account recovery. */
  passkeyFailed?: boolean
}
type Model = SignInUpModel

/** The methods of a client without recipe plugins. */
const EMAIL_PASSWORD_ONLY: FirstFactorMethods = { emailPassword: true, providers: [], passwordless: undefined }

/** The email-password fields of both screens; `signUpFields` entries with id `email`/`password` override those. */
function emailPasswordFields(options: SignInUpFlowOptions) {
  const custom = options.signUpFields ?? []
  const override = (id: string) => custom.find((field) => field.id === id)
  const labelsOnly = (id: string) => {
    const found = override(id)
    return found ? { id, label: found.label, labelKey: found.labelKey } : { id }
  }
  const signIn: ResolvedField[] = [
    resolveField(labelsOnly('email'), { type: 'email', autoComplete: 'email', validators: [validateEmail] }),
    resolveField(labelsOnly('password'), { type: 'password', autoComplete: 'current-password' }),
  ]
  const signUp: ResolvedField[] = [
    resolveField(override('email') ?? { id: 'email' }, {
      type: 'email',
      autoComplete: 'email',
      validators: [validateEmail],
    }),
    resolveField(override('password') ?? { id: 'password' }, {
      type: 'password',
      autoComplete: 'new-password',
      validators: [validatePassword],
    }),
    ...custom.filter((field) => field.id !== 'email' && field.id !== 'password').map((field) => resolveField(field)),
  ]
  return { signIn, signUp }
}

const action = (
  id: SignInUpAction,
  label: string,
  placement: 'header' | 'footer',
  extra: Partial<ActionView<SignInUpAction>> = {},
): ActionView<SignInUpAction> => ({
  id,
  label,
  prompt: undefined,
  href: undefined,
  placement,
  isDisabled: false,
  ...extra,
})

/** What the `signIn` / `signUp` screens show (the `code` / `linkSent` screens come from the passwordless part). */
function describeMethodsScreen(
  model: Model,
  env: FlowEnv,
  fields: { signIn: ResolvedField[]; signUp: ResolvedField[] },
  contactFields: ResolvedField[],
  resetPath: string,
) {
  const { t } = env
  if (model.isLoadingMethods) return { heading: t('signInUp.heading'), fields: [], actions: [] }
  if (!model.methods.emailPassword) return { heading: t('signInUp.heading'), fields: contactFields, actions: [] }
  // Every screen but sign-up is described as sign-in: the passwordless part describes its own before this.
  const screen = model.screen === 'signUp' ? 'signUp' : 'signIn'
  return {
    heading: t(`${screen}.heading`),
    fields: [...fields[screen], ...contactFields],
    submit: { label: t(`${screen}.submit`), busyLabel: t(`${screen}.submitBusy`), isDisabled: model.isComplete },
    actions:
      screen === 'signUp'
        ? [action('toSignIn', t('signUp.toSignIn'), 'header', { prompt: t('signUp.toSignInPrompt') })]
        : [
            action('toSignUp', t('signIn.toSignUp'), 'header', { prompt: t('signIn.toSignUpPrompt') }),
            action('toForgotPassword', t('signIn.forgotPassword'), 'footer', { href: resetPath }),
          ],
  }
}

/** The sign-in page's own members for a client without recipe plugins: the email-password form alone. */
const emailPasswordState = (model: Model, base: ScreenState<SignInUpScreen, SignInUpAction>): SignInUpState => ({
  ...base,
  isComplete: model.isComplete,
  layout: 'form',
  isLoadingMethods: false,
  hasEmailPassword: model.screen === 'signIn' || model.screen === 'signUp',
  providers: [],
  passwordlessForm: undefined,
  dividerLabel: '',
  cooldownSeconds: 0,
  contactInfo: undefined,
})

/** Signs in or up with email and password (docs/PROTOCOL.md §1.4); `complete` runs after an OK. */
async function submitEmailPassword(
  client: AuthClient,
  machine: ScreenMachine<SignInUpScreen, Model, SignInUpState>,
  env: FlowEnv,
  signUpFields: ResolvedField[],
  complete: (screen: 'signIn' | 'signUp') => Promise<void>,
): Promise<void> {
  const { t } = env
  const start = machine.model()
  if (start.isSubmitting || start.isComplete || !start.methods.emailPassword) return
  const screen = start.screen
  if (screen !== 'signIn' && screen !== 'signUp') return
  machine.update({ formError: undefined, statusMessage: undefined })
  const ids = screen === 'signIn' ? ['email', 'password'] : signUpFields.map((field) => field.id)
  if (!(await machine.validateAll(ids))) return
  if (machine.model().screen !== screen || machine.model().isSubmitting) return
  machine.update({ isSubmitting: true })
  const values = machine.model().values
  const email = String(values.email ?? '').trim()
  const password = String(values.password ?? '')
  try {
    let result
    if (screen === 'signIn') {
      result = await client.emailPassword.signIn({ email, password, tenantId: env.tenantId })
    } else {
      const fields: Record<string, unknown> = {}
      for (const field of signUpFields) {
        if (field.id === 'email' || field.id === 'password') continue
        const value = values[field.id] ?? field.defaultValue
        if (field.optional && isEmptyValue(value)) continue
        fields[field.id] = value
      }
      result = await client.emailPassword.signUp({ email, password, fields, tenantId: env.tenantId })
    }
    if (machine.isDestroyed()) return
    switch (result.status) {
      case 'OK':
        machine.update({
          isSubmitting: false,
          isComplete: true,
          statusMessage: t(`${screen}.success`),
        })
        await complete(screen)
        return
      case 'FIELD_ERROR':
        machine.update({ isSubmitting: false })
        machine.applyServerFieldErrors(result.fieldErrors)
        return
      case 'WRONG_CREDENTIALS_ERROR':
        machine.update({ isSubmitting: false, formError: t('error.WRONG_CREDENTIALS_ERROR') })
        return
      case 'SIGN_IN_NOT_ALLOWED':
      case 'SIGN_UP_NOT_ALLOWED':
        machine.update({ isSubmitting: false, formError: result.reason || t(`error.${result.status}`) })
        return
      case 'GENERAL_ERROR':
        machine.update({ isSubmitting: false, formError: result.message || t('error.GENERAL_ERROR') })
        return
      default:
        machine.update({ isSubmitting: false, formError: t('error.unknown') })
    }
  } catch (error) {
    machine.update({ isSubmitting: false, formError: thrownMessage(t, error) })
  }
}

/**
 * The sign-in / sign-up page: every first factor the app enables (docs/RECIPES.md §6.3), in one store.
 * - Email-password: two screens sharing the typed email and password. Sign-up fields are email, password and
 *   `signUpFields`; sign-in validates the email like sign-up and the password for presence only (§1.4).
 * - ThirdParty: "Continue with {name}" buttons; `continueWith` starts the provider redirect (§2.4).
 * - Passwordless: a contact form, then the `code` or `linkSent` screen for the stored login attempt (§3.5); a reload
 *   shows that screen again.
 * With the email-password recipe alone, the state and markup are those of the email-password form.
 *
 * @throws AuthError kind `config` when `firstFactors` names no factor the client can offer.
 */
export function createSignInUpFlow(
  client: FlowClient,
  options: SignInUpFlowOptions & FirstFactorOptions = {},
): SignInUpFlow {
  const env = resolveEnv(options)
  const { t } = env
  const epFields = emailPasswordFields(options)
  const initialValues: Record<string, FieldValue> = {}
  for (const field of [...epFields.signIn, ...epFields.signUp]) initialValues[field.id] ??= field.defaultValue

  const resetPath = joinPath(client.config.websiteBasePath, '/reset-password')
  const initial = options.initialScreen ?? (readQueryParam(env.search, 'show') === 'signup' ? 'signUp' : 'signIn')
  const home = initial === 'signUp' ? 'signUp' : 'signIn'
  // The recipe plugins bring the code of their parts (src/flows/recipeUi.ts).
  const methodsUi = client[SIGN_IN_METHODS_UI]
  if (!methodsUi && options.firstFactors && !options.firstFactors.includes('emailpassword')) {
    throw authError('config', 'authfront: firstFactors: add the recipe plugins to createAuthClient({ recipes }).')
  }
  const fallbackMethods = methodsUi?.staticMethods(client, options.firstFactors) ?? EMAIL_PASSWORD_ONLY
  const passwordlessUi = client[PASSWORDLESS_UI]
  const loadMethods = client[LOGIN_METHODS_UI]
  const isDynamic = options.loginMethods === 'dynamic' && loadMethods !== undefined
  let passwordless: PasswordlessPart | undefined

  const spec: SignInUpSpec = {
    flow: 'signInUp',
    env,
    initial: {
      screen: home,
      values: initialValues,
      fieldErrors: {},
      formError: undefined,
      statusMessage: isDynamic ? t('signInUp.loading') : undefined,
      statusTone: 'progress',
      isSubmitting: false,
      revealed: {},
      focusRequest: undefined,
      isComplete: false,
      methods: fallbackMethods,
      isLoadingMethods: isDynamic,
      busyProvider: undefined,
      isSendingCode: false,
      cooldownSeconds: 0,
      attempt: undefined,
    },
    describe(model) {
      if (passwordless && (model.screen === 'code' || model.screen === 'linkSent')) return passwordless.describe(model)
      return describeMethodsScreen(model, env, epFields, passwordlessUi?.contactFields(model) ?? [], resetPath)
    },
    extend: (model, base) =>
      methodsUi
        ? methodsUi.extendState(model, base, env, `${env.idPrefix}-passwordless-form`, passwordlessUi?.fieldIds ?? [])
        : emailPasswordState(model, base),
  }
  const machine = createScreenMachine(spec)

  const complete = async (action: 'signIn' | 'signUp', redirectToPath?: string) => {
    const target = safeRedirectPath(redirectToPath, env.redirectTo)
    resetGuardRedirects()
    options.onSuccess?.({ action, redirectTo: target })
    await redirectWithSession(client, env, target)
  }
  if (client.passwordless && passwordlessUi) {
    passwordless = passwordlessUi.create(client.passwordless, machine, env, {
      home: () => home,
      cooldownMs: (options.resendCooldownSeconds ?? 15) * 1000,
      complete: (isNew, redirectToPath) => complete(isNew ? 'signUp' : 'signIn', redirectToPath),
    })
  }

  const showMethods = (methods: FirstFactorMethods) => {
    // The static methods are on screen from the start: no update, so a hydrated page does not re-render.
    if (machine.model().isLoadingMethods) machine.update({ methods, isLoadingMethods: false, statusMessage: undefined })
    if (methods.passwordless !== undefined) passwordless?.restoreAttempt()
  }

  // Once per flow: a StrictMode remount must not load the methods twice, nor navigate twice.
  let hasLoadedMethods = false
  let hasCheckedSession = false
  const mounted = createMountCounter(() => {
    const stops: Array<() => void> = []
    if (passwordless) stops.push(passwordless.startTicking())
    if (!hasLoadedMethods) {
      hasLoadedMethods = true
      if (isDynamic) {
        void loadMethods!(client, env.tenantId, fallbackMethods).then((methods) => {
          if (!machine.isDestroyed()) showMethods(methods)
        })
      } else {
        showMethods(fallbackMethods)
      }
    }
    if (options.redirectIfSignedIn !== false && !hasCheckedSession) {
      stops.push(
        whenSessionKnown(client.store, (status) => {
          hasCheckedSession = true
          if (status === 'signedIn' && !machine.isDestroyed() && !machine.model().isComplete) {
            void redirectWithSession(client, env)
          }
        }),
      )
    }
    return () => stops.forEach((stop) => stop())
  })

  const checkEmailExists = async (email: string) => {
    try {
      const exists = await client.emailPassword.emailExists(email.trim(), { tenantId: env.tenantId })
      const model = machine.model()
      // Only when the user has not typed since and the field is still valid and on screen.
      if (!exists || model.screen !== 'signUp' || model.values.email !== email || model.fieldErrors.email) return
      machine.update({ fieldErrors: patchRecord(model.fieldErrors, 'email', t('error.email.exists')) })
    } catch {
      // The check is a convenience; the sign-up call reports a taken email as a field error anyway.
    }
  }

  const flow: SignInUpFlow = {
    getState: () => machine.store.getState(),
    subscribe: (listener) => machine.store.subscribe(listener),
    setField: machine.setField,
    async blurField(id) {
      const blurred = machine.model().values[id]
      const error = await machine.validateField(id, true)
      const model = machine.model()
      const email = model.values.email
      if (
        id === 'email' &&
        email === blurred &&
        error === undefined &&
        model.screen === 'signUp' &&
        options.checkEmailExists !== false &&
        typeof email === 'string' &&
        model.fieldErrors.email === undefined
      ) {
        await checkEmailExists(email)
      }
    },
    togglePasswordVisibility: machine.togglePasswordVisibility,
    submit: () =>
      machine.model().screen === 'code' && passwordless
        ? passwordless.submitCode()
        : submitEmailPassword(client, machine, env, epFields.signUp, (screen) => complete(screen)),
    perform(id) {
      // The passkey part handles its own actions (`toRecoverAccount`, `toPasskeyEmail`) before this.
      void flow[id as keyof SignInUpFlow & SignInUpAction]()
    },
    toSignIn: () => machine.toScreen('signIn'),
    toSignUp: () => machine.toScreen('signUp'),
    toForgotPassword: () => env.navigate(resetPath),
    continueWith: async (providerId) => methodsUi?.continueWith(client, machine, env, providerId),
    submitPasswordless: async () => passwordless?.submitContact(),
    resendCode: async () => passwordless?.resend(),
    toContactForm: () => passwordless?.toContactForm(),
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      machine.destroy()
    },
  }
  // The webauthn() plugin adds its button, screens and verbs to the page (src/flows/passkeys.ts).
  client[WEBAUTHN_UI]?.decorate(client, spec, machine, flow, env, complete)
  return flow
}
