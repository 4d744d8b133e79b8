import type { AuthClient } from '../client/types'
import { createMountCounter, createScreenMachine, resolveEnv, resolveField, thrownMessage } from './core'
import type { BaseModel } from './core'
import { joinPath, readQueryParam } from './redirect'
import { addDefaultTexts, enResetPassword } from './messages'
import { validateEmail, validatePassword } from './validators'
import type {
  ActionView,
  ResetPasswordAction,
  ResetPasswordFlow,
  ResetPasswordFlowOptions,
  ResetPasswordScreen,
  ResetPasswordState,
} from './types'

interface Model extends BaseModel<ResetPasswordScreen> {
  isTokenInvalid: boolean
}

/**
 * Password reset (docs/PROTOCOL.md §2.7, §5.11). Without a token: the request screen, then "check your email" whatever
 * the backend knows (no enumeration). With `?token=`: new password + confirmation, checked on the client; only
 * `password` is sent, since the backend rejects extra form fields.
 */
export function createResetPasswordFlow(client: AuthClient, options: ResetPasswordFlowOptions = {}): ResetPasswordFlow {
  addDefaultTexts(enResetPassword)
  const env = resolveEnv(options)
  const { t } = env
  const token = options.token ?? readQueryParam(env.search, 'token') ?? undefined
  const signInPath = joinPath(client.config.websiteBasePath)

  const emailField = resolveField(
    { id: 'email' },
    { type: 'email', autoComplete: 'email', validators: [validateEmail] },
  )
  const passwordField = resolveField(
    { id: 'password' },
    {
      type: 'password',
      labelKey: 'field.newPassword',
      autoComplete: 'new-password',
      validators: [options.validatePassword ?? validatePassword],
    },
  )
  const confirmField = resolveField(
    { id: 'confirmPassword' },
    {
      type: 'password',
      autoComplete: 'new-password',
      validators: [(value, values) => (value === values.password ? undefined : 'error.confirmPassword.mismatch')],
    },
  )

  const toSignInAction: ActionView<ResetPasswordAction> = {
    id: 'toSignIn',
    label: t('resetPassword.toSignIn'),
    prompt: undefined,
    href: signInPath,
    placement: 'footer',
    isDisabled: false,
  }
  const toRequestAction = (labelKey: string): ActionView<ResetPasswordAction> => ({
    id: 'toRequest',
    label: t(labelKey),
    prompt: undefined,
    href: undefined,
    placement: 'footer',
    isDisabled: false,
  })

  const machine = createScreenMachine<ResetPasswordScreen, ResetPasswordAction, Model, ResetPasswordState>({
    flow: 'resetPassword',
    env,
    initial: {
      screen: token ? 'newPassword' : 'request',
      values: { email: '', password: '', confirmPassword: '' },
      fieldErrors: {},
      formError: undefined,
      statusMessage: undefined,
      isSubmitting: false,
      revealed: {},
      focusRequest: undefined,
      isTokenInvalid: false,
    },
    describe(model) {
      switch (model.screen) {
        case 'request':
          return {
            heading: t('resetPassword.request.heading'),
            description: t('resetPassword.request.description'),
            fields: [emailField],
            submit: { label: t('resetPassword.request.submit'), busyLabel: t('resetPassword.request.submitBusy') },
            actions: [toSignInAction],
          }
        case 'sent':
          return {
            heading: t('resetPassword.sent.heading'),
            fields: [],
            actions: [toRequestAction('resetPassword.sent.again'), toSignInAction],
          }
        case 'newPassword':
          return {
            heading: t('resetPassword.new.heading'),
            fields: [passwordField, confirmField],
            submit: { label: t('resetPassword.new.submit'), busyLabel: t('resetPassword.new.submitBusy') },
            actions: model.isTokenInvalid ? [toRequestAction('resetPassword.requestNewLink'), toSignInAction] : [],
          }
        case 'done':
          return {
            heading: t('resetPassword.done.heading'),
            fields: [],
            actions: [{ ...toSignInAction, label: t('signIn.submit') }],
          }
      }
    },
    extend: (model, base) => ({ ...base, token, isTokenInvalid: model.isTokenInvalid }),
  })

  const mounted = createMountCounter(() => () => {})

  const requestLink = async () => {
    const email = String(machine.model().values.email ?? '').trim()
    const result = await client.emailPassword.sendPasswordResetEmail(email, { tenantId: env.tenantId })
    if (machine.isDestroyed()) return
    switch (result.status) {
      case 'OK':
        machine.toScreen('sent', { statusMessage: t('resetPassword.sent.status', { email }) })
        return
      case 'FIELD_ERROR':
        machine.update({ isSubmitting: false })
        machine.applyServerFieldErrors(result.fieldErrors)
        return
      case 'PASSWORD_RESET_NOT_ALLOWED':
        machine.update({ isSubmitting: false, formError: result.reason || t('error.PASSWORD_RESET_NOT_ALLOWED') })
        return
      default:
        machine.update({
          isSubmitting: false,
          formError: (result.status === 'GENERAL_ERROR' && result.message) || t('error.GENERAL_ERROR'),
        })
    }
  }

  const changePassword = async (resetToken: string) => {
    const password = String(machine.model().values.password ?? '')
    const result = await client.emailPassword.resetPassword({ token: resetToken, password, tenantId: env.tenantId })
    if (machine.isDestroyed()) return
    switch (result.status) {
      case 'OK':
        machine.toScreen('done', { statusMessage: t('resetPassword.done.status') })
        return
      case 'FIELD_ERROR':
        machine.update({ isSubmitting: false })
        machine.applyServerFieldErrors(result.fieldErrors)
        return
      case 'RESET_PASSWORD_INVALID_TOKEN_ERROR':
        machine.update({
          isSubmitting: false,
          isTokenInvalid: true,
          formError: t('error.RESET_PASSWORD_INVALID_TOKEN_ERROR'),
        })
        return
      default:
        machine.update({
          isSubmitting: false,
          formError: (result.status === 'GENERAL_ERROR' && result.message) || t('error.GENERAL_ERROR'),
        })
    }
  }

  const flow: ResetPasswordFlow = {
    getState: () => machine.store.getState(),
    subscribe: (listener) => machine.store.subscribe(listener),
    setField: machine.setField,
    async blurField(id) {
      await machine.validateField(id, true)
    },
    togglePasswordVisibility: machine.togglePasswordVisibility,
    async submit() {
      const model = machine.model()
      if (model.isSubmitting || (model.screen !== 'request' && model.screen !== 'newPassword')) return
      const screen = model.screen
      machine.update({ formError: undefined, statusMessage: undefined })
      if (!(await machine.validateAll())) return
      if (machine.model().screen !== screen || machine.model().isSubmitting) return
      machine.update({ isSubmitting: true })
      try {
        if (screen === 'request') await requestLink()
        else if (token) await changePassword(token)
      } catch (error) {
        machine.update({ isSubmitting: false, formError: thrownMessage(t, error) })
      }
    },
    perform(action) {
      flow[action]()
    },
    toSignIn: () => env.navigate(signInPath),
    toRequest: () => machine.toScreen('request', { isTokenInvalid: false }),
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      machine.destroy()
    },
  }
  return flow
}
