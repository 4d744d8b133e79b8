/**
 * `MfaSettings`, for an app's account page: the user's TOTP devices (`listDevices`), "Add an authenticator app" (the
 * second-factor page's set-up screen in place, as with `setup=true`), and "Remove" after a confirmation. Reached only
 * through the `totp()` plugin (src/flows/recipeUi.ts).
 */
import { isAuthError } from '../client/errors'
import type { FactorClients, TotpApi, TotpDevice } from '../recipes/factorTypes'
import { createMountCounter, createScreenMachine, resolveEnv, thrownMessage, whenSessionKnown } from './core'
import type { ScreenDescription } from './core'
import { addDefaultTexts } from './messages'
import { initialMfaModel, mfaState } from './mfa'
import type { MfaModel } from './mfa'
import { enMfa } from './recipeMessages'
import type { TotpUi } from './recipeUi'
import { createTotpPart } from './totpPart'
import type { TotpPart } from './totpPart'
import type { ActionView, FlowClient, MfaFlow, MfaSettingsOptions, MfaState } from './types'

const REMOVE = 'remove:'

const action = (id: string, label: string, placement: 'header' | 'footer' = 'footer'): ActionView => ({
  id,
  label,
  prompt: undefined,
  href: undefined,
  placement,
  isDisabled: false,
})

/**
 * The settings flow. Needs a session: without one it shows the access-denied screen (the app's page guard should
 * have sent the user to sign in first).
 */
export function createTotpSettingsFlow(client: FlowClient, options: MfaSettingsOptions = {}): MfaFlow {
  addDefaultTexts(enMfa)
  const env = resolveEnv({ ...options, search: '' })
  const { t } = env
  const api = (client as FlowClient & Partial<FactorClients>).totp as TotpApi
  let devices: TotpDevice[] = []
  let removing: string | undefined
  // Assigned once the machine exists; the machine renders its first state before that (no TOTP block yet).
  let totp: TotpPart | undefined = undefined

  const describe = (model: MfaModel): ScreenDescription<string> => {
    switch (model.screen) {
      case 'loading':
        return { heading: t('mfaSettings.heading'), fields: [], actions: [] }
      case 'totpSetup':
        return totp!.describe(model, [action('cancel', t('mfaSettings.cancel'))])
      case 'confirmRemove':
        return {
          heading: t('mfaSettings.confirm.heading', { name: removing ?? '' }),
          description: t('mfaSettings.confirm.description'),
          fields: [],
          submit: { label: t('mfaSettings.confirm.submit'), busyLabel: t('mfaSettings.confirm.submitBusy') },
          actions: [action('cancel', t('mfaSettings.cancel'))],
        }
      case 'accessDenied':
        return { heading: t('mfaSettings.heading'), fields: [], actions: [action('retry', t('mfa.retry'))] }
      default:
        return {
          heading: t('mfaSettings.heading'),
          description: t(devices.length > 0 ? 'mfaSettings.description' : 'mfaSettings.none'),
          fields: [],
          actions: [
            ...devices.map((device) =>
              action(`${REMOVE}${device.name}`, t('mfaSettings.remove', { name: device.name }), 'header'),
            ),
            action('add', t('mfaSettings.add')),
          ],
        }
    }
  }

  const machine = createScreenMachine<MfaModel['screen'], string, MfaModel, MfaState>({
    flow: 'mfaSettings',
    env,
    initial: initialMfaModel('loading', t('mfa.loading')),
    describe,
    extend: (model, state) => mfaState(model, state as Omit<MfaState, 'totpSetup' | 'countdown' | 'isComplete'>, totp),
  })

  const load = async (statusMessage?: string) => {
    machine.toScreen('loading', { statusMessage: t('mfa.loading'), statusTone: 'progress' })
    try {
      const result = await api.listDevices()
      if (machine.isDestroyed()) return
      if (result.status !== 'OK') throw new Error(result.message)
      devices = result.devices.filter((device) => device.verified)
      machine.toScreen('devices', { statusMessage, isComplete: false, device: undefined })
    } catch (error) {
      if (machine.isDestroyed()) return
      machine.toScreen('accessDenied', { formError: thrownMessage(t, error) })
      machine.focus(`${env.idPrefix}-form-error`)
    }
  }

  const part = createTotpPart(api, machine, env, {
    verified: () => load(t('mfaSettings.added')),
    deny: (message) => {
      machine.toScreen('devices', { formError: message })
      machine.focus(`${env.idPrefix}-form-error`)
    },
  })
  totp = part

  const remove = async () => {
    const name = removing
    if (name === undefined || machine.model().isSubmitting) return
    machine.update({ isSubmitting: true, formError: undefined })
    try {
      const result = await api.removeDevice({ deviceName: name })
      if (machine.isDestroyed()) return
      if (result.status !== 'OK') {
        machine.update({ isSubmitting: false, formError: result.message || t('error.GENERAL_ERROR') })
        return
      }
      removing = undefined
      await load(t('mfaSettings.removed', { name }))
    } catch (error) {
      // A verified device can only go once every required factor is done in this session (§4.3, MFA-7): the 403
      // rejects with kind `session`, though the session is fine.
      const formError = isAuthError(error) && error.kind === 'session' ? t('mfaSettings.removeDenied') : undefined
      machine.update({ isSubmitting: false, formError: formError ?? thrownMessage(t, error) })
    }
  }

  let hasStarted = false
  const mounted = createMountCounter(() => {
    let stop = () => {}
    if (!hasStarted) {
      hasStarted = true
      stop = whenSessionKnown(client.store, (status) => {
        if (status === 'signedIn') void load()
        else machine.toScreen('accessDenied', { formError: t('error.session') })
      })
    }
    return () => {
      stop()
      part.stop()
    }
  })

  const flow: MfaFlow = {
    getState: () => machine.store.getState(),
    subscribe: (listener) => machine.store.subscribe(listener),
    setField: (id, value) => machine.setField(id, value),
    async blurField(id) {
      await machine.validateField(id, true)
    },
    togglePasswordVisibility: () => {},
    async submit() {
      const screen = machine.model().screen
      if (screen === 'totpSetup') return part.submit()
      if (screen === 'confirmRemove') return remove()
    },
    perform(id) {
      if (part.perform(id)) return
      if (id === 'add') return void part.startSetup()
      if (id === 'retry') return void load()
      if (id === 'cancel') {
        removing = undefined
        void part.discard()
        machine.toScreen('devices', { device: undefined })
        return
      }
      if (id.startsWith(REMOVE)) {
        removing = id.slice(REMOVE.length)
        machine.toScreen('confirmRemove')
      }
    },
    signOut: async () => {},
    showSecret: () => part.showSecret(),
    copySecret: () => part.copySecret(),
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      machine.destroy()
    },
  }
  return flow
}

/** What the `totp()` plugin hands the prebuilt UI (src/flows/recipeUi.ts). */
export const totpUi: TotpUi = { create: createTotpPart, createSettings: createTotpSettingsFlow }
