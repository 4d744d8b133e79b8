import { EMAIL_VERIFICATION_CLAIM } from '../client/wire'
import type { AuthClient } from '../client/types'
import {
  patchRecord,
  createMountCounter,
  createScreenMachine,
  resolveEnv,
  resolveField,
  thrownMessage,
  whenSessionKnown,
} from './core'
import type { BaseModel, FlowEnv, ResolvedField } from './core'
import { joinPath, readQueryParam, withQuery } from './redirect'
import { resetGuardRedirects } from './sessionAuth'
import { isEmptyValue, validateEmail, validatePassword } from './validators'
import type {
  ActionView,
  FieldValue,
  SignInUpAction,
  SignInUpFlow,
  SignInUpFlowOptions,
  SignInUpScreen,
  SignInUpState,
} from './types'

interface Model extends BaseModel<SignInUpScreen> {
  isComplete: boolean
}

/**
 * Where to go once a session exists: the verify-email page when email verification is `required` and the
 * `st-ev` claim fails (docs/PROTOCOL.md §5.11), else the success redirect.
 */
export async function redirectWithSession(client: AuthClient, env: FlowEnv): Promise<void> {
  if (client.config.emailVerification === 'required') {
    try {
      const failed = await client.session.validateClaims()
      if (failed.some((claim) => claim.id === EMAIL_VERIFICATION_CLAIM)) {
        env.navigate(
          withQuery(joinPath(client.config.websiteBasePath, '/verify-email'), { redirectToPath: env.passedRedirect }),
        )
        return
      }
    } catch {
      // The claim check failing must not trap a signed-in user on the auth page; the app's guard re-checks.
    }
  }
  env.navigate(env.redirectTo)
}

/**
 * The sign-in / sign-up screen: one store, two screens sharing the typed email and password.
 * Sign-up fields are email, password and `signUpFields`; sign-in validates the email like sign-up and the
 * password for presence only (docs/PROTOCOL.md §1.4).
 */
export function createSignInUpFlow(client: AuthClient, options: SignInUpFlowOptions = {}): SignInUpFlow {
  const env = resolveEnv(options)
  const { t } = env
  const custom = options.signUpFields ?? []
  const override = (id: string) => custom.find((field) => field.id === id)
  const emailOverride = override('email')
  const passwordOverride = override('password')
  const labelsOnly = (id: string) => {
    const found = override(id)
    return found ? { id, label: found.label, labelKey: found.labelKey } : { id }
  }

  const signInFields: ResolvedField[] = [
    resolveField(labelsOnly('email'), { type: 'email', autoComplete: 'email', validators: [validateEmail] }),
    resolveField(labelsOnly('password'), { type: 'password', autoComplete: 'current-password' }),
  ]
  const signUpFields: ResolvedField[] = [
    resolveField(emailOverride ?? { id: 'email' }, {
      type: 'email',
      autoComplete: 'email',
      validators: [validateEmail],
    }),
    resolveField(passwordOverride ?? { id: 'password' }, {
      type: 'password',
      autoComplete: 'new-password',
      validators: [validatePassword],
    }),
    ...custom.filter((field) => field.id !== 'email' && field.id !== 'password').map((field) => resolveField(field)),
  ]
  const initialValues: Record<string, FieldValue> = {}
  for (const field of [...signInFields, ...signUpFields]) initialValues[field.id] ??= field.defaultValue

  const resetPath = joinPath(client.config.websiteBasePath, '/reset-password')
  const initialScreen: SignInUpScreen =
    options.initialScreen ?? (readQueryParam(env.search, 'show') === 'signup' ? 'signUp' : 'signIn')

  const machine = createScreenMachine<SignInUpScreen, SignInUpAction, Model, SignInUpState>({
    flow: 'signInUp',
    env,
    initial: {
      screen: initialScreen,
      values: initialValues,
      fieldErrors: {},
      formError: undefined,
      statusMessage: undefined,
      isSubmitting: false,
      revealed: {},
      focusRequest: undefined,
      isComplete: false,
    },
    describe(model) {
      if (model.screen === 'signUp') {
        const actions: ActionView<SignInUpAction>[] = [
          {
            id: 'toSignIn',
            label: t('signUp.toSignIn'),
            prompt: t('signUp.toSignInPrompt'),
            href: undefined,
            placement: 'header',
            isDisabled: false,
          },
        ]
        return {
          heading: t('signUp.heading'),
          fields: signUpFields,
          submit: { label: t('signUp.submit'), busyLabel: t('signUp.submitBusy'), isDisabled: model.isComplete },
          actions,
        }
      }
      return {
        heading: t('signIn.heading'),
        fields: signInFields,
        submit: { label: t('signIn.submit'), busyLabel: t('signIn.submitBusy'), isDisabled: model.isComplete },
        actions: [
          {
            id: 'toSignUp',
            label: t('signIn.toSignUp'),
            prompt: t('signIn.toSignUpPrompt'),
            href: undefined,
            placement: 'header',
            isDisabled: false,
          },
          {
            id: 'toForgotPassword',
            label: t('signIn.forgotPassword'),
            prompt: undefined,
            href: resetPath,
            placement: 'footer',
            isDisabled: false,
          },
        ],
      }
    },
    extend: (model, base) => ({ ...base, isComplete: model.isComplete }),
  })

  // Checked once per flow: a StrictMode remount must not navigate twice.
  let hasCheckedSession = false
  const mounted = createMountCounter(() => {
    if (options.redirectIfSignedIn === false || hasCheckedSession) return () => {}
    return whenSessionKnown(client.store, (status) => {
      hasCheckedSession = true
      if (status === 'signedIn' && !machine.isDestroyed() && !machine.model().isComplete) {
        void redirectWithSession(client, env)
      }
    })
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

  const submit = async () => {
    const start = machine.model()
    if (start.isSubmitting || start.isComplete) return
    const screen = start.screen
    machine.update({ formError: undefined, statusMessage: undefined })
    if (!(await machine.validateAll())) return
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
            statusMessage: t(screen === 'signIn' ? 'signIn.success' : 'signUp.success'),
          })
          resetGuardRedirects()
          options.onSuccess?.({ action: screen, redirectTo: env.redirectTo })
          await redirectWithSession(client, env)
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
    submit,
    perform(action) {
      flow[action]()
    },
    toSignIn: () => machine.toScreen('signIn'),
    toSignUp: () => machine.toScreen('signUp'),
    toForgotPassword: () => env.navigate(resetPath),
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      machine.destroy()
    },
  }
  return flow
}
