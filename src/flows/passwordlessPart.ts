/**
 * The Passwordless part of the sign-in page (docs/RECIPES.md §3.4–§3.5): the contact form, the code screen with its
 * resend countdown, and the "check your inbox" screen. Internal to createSignInUpFlow.
 */
import type { LoginAttempt, PasswordlessApi } from '../recipes/types'
import { resolveField, resolveTimers, thrownMessage } from './core'
import type { FlowEnv, ResolvedField, ScreenMachine } from './core'
import type { Translate } from './messages'
import type { PasswordlessUi } from './recipeUi'
import type { SignInUpModel } from './signInUp'
import { normalizePhone, validateEmail, validatePhone } from './validators'
import type { ActionView, FieldValue, SignInUpAction, SignInUpScreen, SignInUpState } from './types'

type Machine = ScreenMachine<SignInUpScreen, SignInUpModel, SignInUpState>

/** Field ids of the contact form; they never collide with the email-password form's. */
export const CONTACT_FIELD_IDS: readonly string[] = ['contactEmail', 'contactPhone', 'contact']

const validateContact = (value: FieldValue) =>
  typeof value === 'string' && value.includes('@')
    ? validateEmail(value)
    : validatePhone(value) && 'error.contact.invalid'

// Pure annotations: these module-level calls must not keep this module in bundles that never use Passwordless.
const CONTACT_FIELDS: Record<string, ResolvedField> = {
  EMAIL: /* @__PURE__ */ resolveField(
    { id: 'contactEmail' },
    { type: 'email', autoComplete: 'email', validators: [validateEmail] },
  ),
  PHONE: /* @__PURE__ */ resolveField(
    { id: 'contactPhone' },
    { type: 'tel', autoComplete: 'tel', validators: [validatePhone] },
  ),
  EMAIL_OR_PHONE: /* @__PURE__ */ resolveField(
    { id: 'contact' },
    { type: 'text', autoComplete: 'username', validators: [validateContact] },
  ),
}

const codeField = (): ResolvedField => ({
  ...resolveField({ id: 'code' }, { type: 'text', autoComplete: 'one-time-code' }),
  inputMode: 'numeric',
})

/** The contact form's field for the page's channel, or none. */
export function contactFields(model: SignInUpModel): ResolvedField[] {
  const channel = model.methods.passwordless
  const field = channel && CONTACT_FIELDS[channel]
  return field ? [field] : []
}

type AttemptScreen = ReturnType<PasswordlessPart['describe']>

/** What the `code` / `linkSent` screens show for the stored attempt. */
export function describeAttemptScreen(model: SignInUpModel, t: Translate): AttemptScreen {
  const isPhone = model.attempt?.contactMethod === 'PHONE'
  const isLink = model.screen === 'linkSent'
  const actions: ActionView<SignInUpAction>[] = [
    {
      id: 'resendCode',
      label:
        model.cooldownSeconds > 0
          ? t('passwordless.resendIn', { seconds: model.cooldownSeconds })
          : t(isLink ? 'passwordless.resendLink' : 'passwordless.resendCode'),
      prompt: undefined,
      href: undefined,
      placement: 'footer',
      isDisabled: model.cooldownSeconds > 0 || model.isSendingCode || model.isSubmitting || model.isComplete,
    },
    {
      id: 'toContactForm',
      label: t(isPhone ? 'passwordless.changePhone' : 'passwordless.changeEmail'),
      prompt: undefined,
      href: undefined,
      placement: 'footer',
      isDisabled: model.isSubmitting || model.isComplete,
    },
  ]
  const contact = { contact: model.attempt?.contactInfo ?? '' }
  if (isLink) {
    return {
      heading: t('passwordless.linkSent.heading'),
      description: t('passwordless.linkSent.description', contact),
      fields: [],
      actions,
    }
  }
  const withLink = model.attempt?.flowType === 'USER_INPUT_CODE_AND_MAGIC_LINK'
  return {
    heading: t('passwordless.code.heading'),
    description: t(withLink ? 'passwordless.codeAndLink.description' : 'passwordless.code.description', contact),
    fields: [codeField()],
    submit: {
      label: t('passwordless.code.submit'),
      busyLabel: t('passwordless.code.submitBusy'),
      isDisabled: model.isComplete,
    },
    actions,
  }
}

export interface PasswordlessPart {
  /** What the `code` / `linkSent` screens show. */
  describe(model: SignInUpModel): {
    heading: string
    description: string
    fields: ResolvedField[]
    submit?: { label: string; busyLabel: string; isDisabled?: boolean }
    actions: ActionView<SignInUpAction>[]
  }
  submitContact(): Promise<void>
  submitCode(): Promise<void>
  resend(): Promise<void>
  toContactForm(): void
  /** On mount: shows the stored attempt's screen (a reload keeps the code screen), or drops an unusable attempt. */
  restoreAttempt(): void
  /** Starts the countdown ticking (on mount); returns stop. */
  startTicking(): () => void
}

/** Builds the passwordless part; `complete` finishes a sign-in (session created) with the attempt's redirect. */
export function createPasswordlessPart(
  api: PasswordlessApi,
  machine: Machine,
  env: FlowEnv,
  settings: {
    home: () => 'signIn' | 'signUp'
    cooldownMs: number
    complete: (createdNewUser: boolean, redirectToPath: string | undefined) => Promise<void>
  },
): PasswordlessPart {
  const { t } = env
  const timers = resolveTimers(env.timers)
  let tickHandle: unknown
  let isTicking = false

  const remainingSeconds = (attempt: LoginAttempt | undefined) =>
    attempt ? Math.max(0, Math.ceil((attempt.lastResend + settings.cooldownMs - timers.now()) / 1000)) : 0

  const stopTick = () => {
    if (tickHandle !== undefined) timers.clearTimeout(tickHandle)
    tickHandle = undefined
  }
  const tick = () => {
    stopTick()
    const { attempt, cooldownSeconds } = machine.model()
    const remaining = remainingSeconds(attempt)
    if (remaining !== cooldownSeconds) machine.update({ cooldownSeconds: remaining })
    if (remaining > 0 && isTicking && attempt) {
      const untilNextSecond = (attempt.lastResend + settings.cooldownMs - timers.now()) % 1000 || 1000
      tickHandle = timers.setTimeout(tick, untilNextSecond)
    }
  }

  const showAttempt = (attempt: LoginAttempt, patch: Partial<SignInUpModel> = {}) => {
    machine.toScreen(attempt.flowType === 'MAGIC_LINK' ? 'linkSent' : 'code', {
      ...patch,
      attempt,
      cooldownSeconds: remainingSeconds(attempt),
    })
    tick()
  }

  /** Back to the contact form with an error, the attempt gone. */
  const restart = (formError: string) => {
    stopTick()
    machine.toScreen(settings.home(), { attempt: undefined, cooldownSeconds: 0, formError })
    machine.focus(`${env.idPrefix}-form-error`)
  }

  const failWith = (formError: string) => machine.update({ isSubmitting: false, isSendingCode: false, formError })

  const isChannelShown = (attempt: LoginAttempt) => {
    const channel = machine.model().methods.passwordless
    return channel === 'EMAIL_OR_PHONE' || channel === attempt.contactMethod
  }

  const part: PasswordlessPart = {
    describe: (model) => describeAttemptScreen(model, t),
    async submitContact() {
      const start = machine.model()
      const [field] = contactFields(start)
      if (!field || start.isSendingCode || start.isComplete || start.busyProvider !== undefined) return
      machine.update({ formError: undefined, statusMessage: undefined })
      if (!(await machine.validateAll([field.id]))) return
      if (machine.model().isSendingCode) return
      machine.update({ isSendingCode: true })
      const value = String(machine.model().values[field.id] ?? '').trim()
      const contact = value.includes('@') ? { email: value } : { phoneNumber: normalizePhone(value) }
      try {
        const result = await api.createCode({ ...contact, tenantId: env.tenantId, redirectToPath: env.passedRedirect })
        if (machine.isDestroyed()) return
        if (result.status === 'OK') showAttempt(result.attempt, { isSendingCode: false })
        else if (result.status === 'SIGN_IN_UP_NOT_ALLOWED')
          failWith(result.reason || t('error.SIGN_IN_UP_NOT_ALLOWED'))
        else failWith(result.message || t('error.GENERAL_ERROR'))
      } catch (error) {
        failWith(thrownMessage(t, error))
      }
    },
    async submitCode() {
      const start = machine.model()
      if (start.screen !== 'code' || start.isSubmitting || start.isComplete) return
      machine.update({ formError: undefined, statusMessage: undefined })
      if (!(await machine.validateAll(['code']))) return
      if (machine.model().isSubmitting) return
      machine.update({ isSubmitting: true })
      try {
        const result = await api.consumeCode({ userInputCode: String(machine.model().values.code ?? '') })
        if (machine.isDestroyed()) return
        switch (result.status) {
          case 'OK':
            machine.update({ isSubmitting: false, isComplete: true, statusMessage: t('signInUp.success') })
            await settings.complete(result.createdNewRecipeUser, result.redirectToPath)
            return
          case 'INCORRECT_USER_INPUT_CODE_ERROR':
          case 'EXPIRED_USER_INPUT_CODE_ERROR': {
            const attemptsLeft = Math.max(0, result.maximumCodeInputAttempts - result.failedCodeInputAttemptCount)
            machine.update({ isSubmitting: false })
            machine.applyServerFieldErrors({ code: t(`error.${result.status}`, { attemptsLeft }) })
            return
          }
          case 'RESTART_FLOW_ERROR':
            restart(t('error.RESTART_FLOW_ERROR'))
            return
          case 'SIGN_IN_UP_NOT_ALLOWED':
            restart(result.reason || t('error.SIGN_IN_UP_NOT_ALLOWED'))
            return
          default:
            failWith(result.message || t('error.GENERAL_ERROR'))
        }
      } catch (error) {
        failWith(thrownMessage(t, error))
      }
    },
    async resend() {
      const start = machine.model()
      if (start.screen === 'signIn' || start.screen === 'signUp') return
      if (start.isSendingCode || start.isSubmitting || start.cooldownSeconds > 0 || start.isComplete) return
      machine.update({ isSendingCode: true, formError: undefined, statusMessage: undefined })
      try {
        const result = await api.resendCode()
        if (machine.isDestroyed()) return
        if (result.status === 'OK') {
          const sent = t(start.screen === 'linkSent' ? 'passwordless.linkResent' : 'passwordless.codeResent')
          machine.update({ isSendingCode: false, attempt: result.attempt, statusMessage: sent })
          tick()
        } else if (result.status === 'RESTART_FLOW_ERROR') {
          restart(t('error.resendRestart'))
        } else {
          failWith(result.message || t('error.GENERAL_ERROR'))
        }
      } catch (error) {
        failWith(thrownMessage(t, error))
      }
    },
    toContactForm() {
      if (machine.model().isSubmitting || machine.model().isComplete) return
      api.clearLoginAttempt()
      stopTick()
      machine.toScreen(settings.home(), { attempt: undefined, cooldownSeconds: 0, isSendingCode: false })
    },
    restoreAttempt() {
      const attempt = api.getLoginAttempt()
      if (attempt === undefined) return
      // An attempt for a channel this page does not offer (another tenant, another page) cannot be finished here.
      if (!isChannelShown(attempt)) return api.clearLoginAttempt()
      showAttempt(attempt)
    },
    startTicking() {
      isTicking = true
      tick()
      return () => {
        isTicking = false
        stopTick()
      }
    },
  }
  return part
}

/** What the `passwordless()` plugin hands the sign-in page (src/flows/recipeUi.ts). */
export const passwordlessUi: PasswordlessUi = {
  create: createPasswordlessPart,
  contactFields,
  fieldIds: CONTACT_FIELD_IDS,
}
