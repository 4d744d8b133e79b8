import { isAuthError } from '../client/errors'
import type { AuthClient } from '../client/types'
import {
  createMountCounter,
  createScreenMachine,
  resolveEnv,
  resolveTimers,
  thrownMessage,
  whenSessionKnown,
} from './core'
import type { BaseModel, ScreenDescription } from './core'
import { addDefaultTexts, enEmailVerification } from './messages'
import type { Translate } from './messages'
import { joinPath, readQueryParam, withQuery } from './redirect'
import type {
  ActionView,
  EmailVerificationAction,
  EmailVerificationFlow,
  EmailVerificationFlowOptions,
  EmailVerificationScreen,
  EmailVerificationState,
} from './types'

interface Model extends BaseModel<EmailVerificationScreen> {
  cooldownSeconds: number
  /** What `retry` re-runs. */
  failed: 'check' | 'verify' | undefined
}

const action = (t: Translate, id: EmailVerificationAction, labelKey: string): ActionView<EmailVerificationAction> => ({
  id,
  label: t(labelKey),
  prompt: undefined,
  href: undefined,
  placement: 'footer',
  isDisabled: false,
})

/** What each screen shows. */
function describeScreen(model: Model, t: Translate): ScreenDescription<EmailVerificationAction> {
  const retry = model.failed ? [action(t, 'retry', 'emailVerification.retry')] : []
  switch (model.screen) {
    case 'loading':
      return { heading: t('emailVerification.loading.heading'), fields: [], actions: retry }
    case 'send':
      return {
        heading: t('emailVerification.send.heading'),
        description: t('emailVerification.send.description'),
        fields: [],
        submit: {
          label:
            model.cooldownSeconds > 0
              ? t('emailVerification.resendIn', { seconds: model.cooldownSeconds })
              : t('emailVerification.resend'),
          busyLabel: t('emailVerification.resendBusy'),
          isDisabled: model.cooldownSeconds > 0,
        },
        actions: [action(t, 'signOut', 'emailVerification.signOut')],
      }
    case 'verify':
      return { heading: t('emailVerification.verify.heading'), fields: [], actions: retry }
    case 'success':
      return {
        heading: t('emailVerification.success.heading'),
        fields: [],
        actions: [action(t, 'toApp', 'emailVerification.continue')],
      }
    case 'invalidToken':
      return {
        heading: t('emailVerification.invalidToken.heading'),
        fields: [],
        actions: [action(t, 'toSend', 'emailVerification.sendNewLink')],
      }
  }
}

/**
 * Email verification (docs/PROTOCOL.md §2.6, §5.11). Without a token: needs a session; if the email is already
 * verified it redirects, else it shows the "check your email" screen and sends the email once on mount
 * (`EMAIL_ALREADY_VERIFIED_ERROR` counts as success). Resend has a cooldown driven by the injected timers.
 * With `?token=`: verifies, then offers to continue to the app.
 */
export function createEmailVerificationFlow(
  client: AuthClient,
  options: EmailVerificationFlowOptions = {},
): EmailVerificationFlow {
  addDefaultTexts(enEmailVerification)
  const env = resolveEnv(options)
  const { t } = env
  const timers = resolveTimers(env.timers)
  const token = options.token ?? readQueryParam(env.search, 'token') ?? undefined
  const cooldownMs = (options.resendCooldownSeconds ?? 30) * 1000
  const authPath = withQuery(joinPath(client.config.websiteBasePath), { redirectToPath: env.passedRedirect })

  const machine = createScreenMachine<EmailVerificationScreen, EmailVerificationAction, Model, EmailVerificationState>({
    flow: 'emailVerification',
    env,
    initial: {
      screen: token ? 'verify' : 'loading',
      values: {},
      fieldErrors: {},
      formError: undefined,
      statusMessage: t(token ? 'emailVerification.verify.status' : 'emailVerification.loading.status'),
      statusTone: 'progress',
      isSubmitting: false,
      revealed: {},
      focusRequest: undefined,
      cooldownSeconds: 0,
      failed: undefined,
    },
    describe: (model) => describeScreen(model, t),
    extend: (model, base) => ({ ...base, token, cooldownSeconds: model.cooldownSeconds }),
  })

  let isMounted = false
  let cooldownUntil = 0
  let tickHandle: unknown
  // 'requested' once the one-time request of this flow is in flight: a StrictMode remount must not repeat it.
  let phase: 'idle' | 'waiting' | 'requested' = 'idle'
  let cancelWait: () => void = () => {}

  const stopTicking = () => {
    if (tickHandle !== undefined) timers.clearTimeout(tickHandle)
    tickHandle = undefined
  }
  const tick = () => {
    tickHandle = undefined
    const remaining = Math.max(0, Math.ceil((cooldownUntil - timers.now()) / 1000))
    if (machine.model().cooldownSeconds !== remaining) machine.update({ cooldownSeconds: remaining })
    if (remaining > 0 && isMounted) tickHandle = timers.setTimeout(tick, Math.min(1000, cooldownUntil - timers.now()))
  }
  const startCooldown = () => {
    if (cooldownMs <= 0) return
    cooldownUntil = timers.now() + cooldownMs
    stopTicking()
    tick()
  }

  const toAuth = () => env.navigate(authPath)
  const succeed = (redirect: boolean) => {
    machine.toScreen('success', { statusMessage: t('emailVerification.success.status'), failed: undefined })
    if (redirect) env.navigate(env.redirectTo)
  }
  const fail = (error: unknown, failed: Model['failed']) => {
    if (machine.isDestroyed()) return
    if (isAuthError(error) && error.kind === 'session') return toAuth()
    machine.update({ isSubmitting: false, formError: thrownMessage(t, error), failed })
  }

  const send = async (isResend: boolean) => {
    machine.update({ isSubmitting: true, formError: undefined, statusMessage: undefined })
    try {
      const result = await client.emailVerification.sendEmail()
      if (machine.isDestroyed()) return
      if (result.status === 'OK') {
        machine.update({
          isSubmitting: false,
          statusMessage: t(isResend ? 'emailVerification.resent' : 'emailVerification.send.status'),
        })
        startCooldown()
      } else if (result.status === 'EMAIL_ALREADY_VERIFIED_ERROR') {
        succeed(true)
      } else {
        machine.update({ isSubmitting: false, formError: result.message || t('error.GENERAL_ERROR') })
      }
    } catch (error) {
      fail(error, undefined)
    }
  }

  const check = async () => {
    machine.update({
      formError: undefined,
      failed: undefined,
      statusMessage: t('emailVerification.loading.status'),
      statusTone: 'progress',
    })
    try {
      const isVerified = await client.emailVerification.isVerified()
      if (machine.isDestroyed()) return
      if (isVerified) return succeed(true)
      machine.toScreen('send')
      await send(false)
    } catch (error) {
      fail(error, 'check')
    }
  }

  const verify = async (verificationToken: string) => {
    machine.update({
      formError: undefined,
      failed: undefined,
      statusMessage: t('emailVerification.verify.status'),
      statusTone: 'progress',
    })
    try {
      const result = await client.emailVerification.verify(verificationToken, { tenantId: env.tenantId })
      if (machine.isDestroyed()) return
      if (result.status === 'OK') succeed(false)
      else if (result.status === 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR')
        machine.toScreen('invalidToken', { formError: t('emailVerification.invalidToken.status') })
      else machine.update({ formError: result.message || t('error.GENERAL_ERROR'), failed: 'verify' })
    } catch (error) {
      fail(error, 'verify')
    }
  }

  const withSession = (run: () => void) => {
    phase = 'waiting'
    cancelWait = whenSessionKnown(client.store, (status) => {
      phase = 'requested'
      if (status === 'signedOut') toAuth()
      else run()
    })
  }

  const mounted = createMountCounter(() => {
    isMounted = true
    if (phase === 'idle') {
      if (token) {
        phase = 'requested'
        void verify(token)
      } else {
        withSession(() => void check())
      }
    }
    if (cooldownUntil > timers.now()) tick()
    return () => {
      isMounted = false
      stopTicking()
      if (phase === 'waiting') {
        cancelWait()
        phase = 'idle'
      }
    }
  })

  const resend = async () => {
    const model = machine.model()
    if (model.screen !== 'send' || model.isSubmitting || model.cooldownSeconds > 0) return
    if (cooldownUntil > timers.now()) return
    await send(true)
  }

  const flow: EmailVerificationFlow = {
    getState: () => machine.store.getState(),
    subscribe: (listener) => machine.store.subscribe(listener),
    setField: machine.setField,
    async blurField() {},
    togglePasswordVisibility: machine.togglePasswordVisibility,
    submit: resend,
    resend,
    perform(id) {
      void flow[id]()
    },
    toApp: () => env.navigate(env.redirectTo),
    toSend() {
      machine.toScreen('send')
      if (client.store.getState().status === 'signedOut') return toAuth()
      void send(false)
    },
    retry() {
      const failed = machine.model().failed
      if (failed === 'verify' && token) void verify(token)
      else if (failed === 'check') void check()
    },
    async signOut() {
      try {
        await client.session.signOut()
      } catch {
        // Going to the auth page is still right: the user asked to leave.
      }
      env.navigate(joinPath(client.config.websiteBasePath))
    },
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      machine.destroy()
    },
  }
  return flow
}
