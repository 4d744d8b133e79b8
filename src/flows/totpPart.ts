/**
 * The TOTP part of the second-factor page and of `MfaSettings` (docs/RECIPES.md §4.3, §4.6): set-up (a new device,
 * its QR code, the key as text, a code that verifies it), verification with a code, and the lock-out countdown.
 * Reached only through the `totp()` plugin (src/flows/recipeUi.ts); the QR encoder is loaded when a set-up starts.
 */
import type { TotpApi } from '../recipes/factorTypes'
import { resolveField, resolveTimers, thrownMessage } from './core'
import type { FlowEnv, ResolvedField, ScreenDescription, ScreenMachine } from './core'
import type { MfaModel } from './mfa'
import type { ActionView, FieldValue, MfaScreen, MfaState, TotpSetupView } from './types'

type Machine = ScreenMachine<MfaModel['screen'], MfaModel, MfaState>

const CODE_PATTERN = /^\d{6,8}$/

const totpField = (): ResolvedField => ({
  ...resolveField(
    { id: 'totp' },
    {
      type: 'text',
      autoComplete: 'one-time-code',
      // Authenticator apps show codes as "123 456": the spaces are dropped before sending.
      validators: [
        (value: FieldValue) => (CODE_PATTERN.test(String(value).replace(/\s/g, '')) ? undefined : 'error.totp.format'),
      ],
    },
  ),
  inputMode: 'numeric',
})

/** "14:59" for a number of seconds. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`

/**
 * The QR code's dark modules as one SVG path (one rectangle per horizontal run), so every binding draws it with its
 * own `<svg><path>` and no markup ever comes from a string.
 */
export async function qrPath(text: string): Promise<{ size: number; path: string }> {
  const { encode } = await import('uqr')
  const { data, size } = encode(text, { border: 2, ecc: 'M' })
  let path = ''
  data.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue
      let end = x
      while (row[end + 1]) end++
      path += `M${x} ${y}h${end - x + 1}v1h${x - end - 1}z`
      x = end
    }
  })
  return { size, path }
}

export interface TotpPart {
  describe(model: MfaModel, common: ActionView[]): ScreenDescription<string>
  view(model: MfaModel): TotpSetupView | undefined
  countdown(model: MfaModel): string | undefined
  /** Creates a device and shows the set-up screen (or the access-denied one when that fails). */
  startSetup(): Promise<void>
  showVerify(): void
  submit(): Promise<void>
  perform(action: string): boolean
  showSecret(): void
  copySecret(): Promise<void>
  /** Removes the device being set up, if any (Back, Sign out, Cancel). */
  discard(): Promise<void>
  stop(): void
}

/**
 * Builds the TOTP part over a screen machine. `verified` runs once the factor is done (the page redirects, the
 * settings list the new device); `deny` shows the access-denied screen, with a retry when given.
 */
export function createTotpPart(
  api: TotpApi,
  machine: Machine,
  env: FlowEnv,
  hooks: { verified(): Promise<void>; deny(message: string, retry?: () => void): void },
): TotpPart {
  const { t, idPrefix } = env
  const timers = resolveTimers(env.timers)
  let tickHandle: unknown
  let setupSeq = 0

  const stopTick = () => {
    if (tickHandle !== undefined) timers.clearTimeout(tickHandle)
    tickHandle = undefined
  }
  const tick = () => {
    stopTick()
    const { lockedUntil, countdownSeconds } = machine.model()
    if (lockedUntil === undefined) return
    const remaining = Math.max(0, Math.ceil((lockedUntil - timers.now()) / 1000))
    if (remaining !== countdownSeconds) {
      machine.update({
        countdownSeconds: remaining,
        statusMessage: remaining === 0 ? t('totp.locked.ended') : undefined,
      })
    }
    if (remaining > 0) tickHandle = timers.setTimeout(tick, (lockedUntil - timers.now()) % 1000 || 1000)
  }

  const startSetup = async () => {
    const seq = ++setupSeq
    machine.toScreen('loading', {
      device: undefined,
      qr: undefined,
      isSecretShown: false,
      statusMessage: t('mfa.loading'),
      statusTone: 'progress',
    })
    const denied = () => hooks.deny(t('mfa.denied.error'), () => void startSetup())
    try {
      const result = await api.createDevice()
      if (machine.isDestroyed() || seq !== setupSeq) return
      if (result.status !== 'OK') return denied()
      const device = { name: result.deviceName, secret: result.secret, isVerified: false }
      machine.toScreen('totpSetup', { device, values: { ...machine.model().values, totp: '' } })
      try {
        const qr = await qrPath(result.qrCodeString)
        if (!machine.isDestroyed() && machine.model().device === device) machine.update({ qr })
      } catch {
        // No QR code (the encoder failed to load): the key stays available as text.
        if (!machine.isDestroyed() && machine.model().device === device) machine.update({ isSecretShown: true })
      }
    } catch {
      if (!machine.isDestroyed() && seq === setupSeq) denied()
    }
  }

  const fail = (formError: string) => machine.update({ isSubmitting: false, formError })

  const part: TotpPart = {
    describe(model, common) {
      if (model.screen === 'locked') {
        const isWaiting = model.countdownSeconds > 0
        return {
          heading: t('totp.locked.heading'),
          description: t('totp.locked.description'),
          fields: [],
          actions: [
            {
              id: 'tryAgain',
              label: t('mfa.retry'),
              prompt: undefined,
              href: undefined,
              placement: 'footer',
              isDisabled: isWaiting,
            },
            ...common,
          ],
        }
      }
      const isSetup = model.screen === 'totpSetup'
      return {
        heading: t(isSetup ? 'totp.setup.heading' : 'totp.verify.heading'),
        description: t(isSetup ? 'totp.setup.description' : 'totp.verify.description'),
        fields: [totpField()],
        submit: { label: t('totp.submit'), busyLabel: t('totp.submitBusy'), isDisabled: model.isComplete },
        actions: common,
      }
    },
    view(model) {
      if (model.screen !== 'totpSetup' || !model.device) return undefined
      return {
        qr: model.qr && { ...model.qr, label: t('totp.qr.label') },
        reveal: model.isSecretShown ? undefined : { label: t('totp.showSecret') },
        secret: model.isSecretShown
          ? {
              id: `${idPrefix}-secret`,
              value: model.device.secret,
              copyLabel: t('totp.copy'),
            }
          : undefined,
      }
    },
    countdown: (model) =>
      model.screen === 'locked' && model.countdownSeconds > 0
        ? t('totp.locked.countdown', { time: clock(model.countdownSeconds) })
        : undefined,
    startSetup,
    showVerify() {
      machine.toScreen('totpVerify', { values: { ...machine.model().values, totp: '' } })
    },
    async submit() {
      const start = machine.model()
      if ((start.screen !== 'totpSetup' && start.screen !== 'totpVerify') || start.isSubmitting || start.isComplete) {
        return
      }
      machine.update({ formError: undefined, statusMessage: undefined })
      if (!(await machine.validateAll(['totp']))) return
      if (machine.model().isSubmitting) return
      machine.update({ isSubmitting: true })
      const totp = String(machine.model().values.totp ?? '').replace(/\s/g, '')
      const device = start.screen === 'totpSetup' ? start.device : undefined
      try {
        const result = device
          ? await api.verifyDevice({ deviceName: device.name, totp })
          : await api.verifyCode({ totp })
        if (machine.isDestroyed()) return
        switch (result.status) {
          case 'OK':
            machine.update({
              isSubmitting: false,
              isComplete: true,
              device: device && { ...device, isVerified: true },
              statusMessage: t('mfa.success'),
            })
            await hooks.verified()
            return
          case 'INVALID_TOTP_ERROR': {
            // The core locks the user out once `current` reaches `max` (docs/RECIPES.md §4.3): what is left is the
            // difference, not one more as auth-react shows.
            const attemptsLeft = Math.max(0, result.maxNumberOfFailedAttempts - result.currentNumberOfFailedAttempts)
            machine.update({ isSubmitting: false })
            // At 0 the user is locked now, but this answer carries no lock time (the next try's LIMIT_REACHED_ERROR
            // does): "Tries left: 0" read as a rule broken, so the last wrong code says what happens instead.
            machine.applyServerFieldErrors({
              totp: attemptsLeft > 0 ? t('error.INVALID_TOTP_ERROR', { attemptsLeft }) : t('error.INVALID_TOTP_LAST'),
            })
            return
          }
          case 'LIMIT_REACHED_ERROR':
            machine.toScreen('locked', { lockedUntil: timers.now() + result.retryAfterMs, countdownSeconds: -1 })
            tick()
            return
          case 'UNKNOWN_DEVICE_ERROR':
            machine.update({ isSubmitting: false, device: undefined })
            hooks.deny(t('mfa.denied.deviceRemoved'))
            return
          case 'GENERAL_ERROR':
            fail(result.message || t('error.GENERAL_ERROR'))
            return
          default:
            fail(t('error.GENERAL_ERROR'))
        }
      } catch (error) {
        fail(thrownMessage(t, error))
      }
    },
    perform(action) {
      switch (action) {
        case 'tryAgain': {
          const model = machine.model()
          if (model.screen !== 'locked' || model.countdownSeconds > 0) return true
          stopTick()
          const screen: MfaScreen = model.device && !model.device.isVerified ? 'totpSetup' : 'totpVerify'
          machine.toScreen(screen, { lockedUntil: undefined })
          return true
        }
        case 'showSecret':
          part.showSecret()
          return true
        case 'copySecret':
          void part.copySecret()
          return true
        default:
          return false
      }
    },
    showSecret() {
      if (machine.model().screen !== 'totpSetup') return
      machine.update({ isSecretShown: true })
      machine.focus(`${idPrefix}-secret`)
    },
    async copySecret() {
      const secret = machine.model().device?.secret
      const clipboard = (globalThis as { navigator?: Navigator }).navigator?.clipboard
      if (!secret || !clipboard) return
      try {
        await clipboard.writeText(secret)
        machine.update({ statusMessage: t('totp.copied') })
      } catch {
        // Denied by the browser: the key is on screen to select by hand.
      }
    },
    async discard() {
      setupSeq++
      const device = machine.model().device
      if (!device || device.isVerified) return
      machine.update({ device: undefined })
      try {
        await api.removeDevice({ deviceName: device.name })
      } catch {
        // The backend replaces an unverified device on the next set-up (§4.3): nothing is left behind for good.
      }
    },
    stop: stopTick,
  }
  return part
}
