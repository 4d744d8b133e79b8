import type { ConsumeMagicLinkResult } from '../recipes/types'
import { createMountCounter, thrownMessage } from './core'
import { createLanding } from './landing'
import type { FlowClient, MagicLinkFlow, MagicLinkFlowOptions, MagicLinkScreen, MagicLinkState } from './types'

/**
 * The magic-link landing page (`{websiteBasePath}/verify`, docs/RECIPES.md §3.4 step 4): opened in the browser that
 * asked for the link, it signs in at mount; opened elsewhere (another browser, a mail app's viewer, a link scanner)
 * it shows a "Continue" button and sends nothing before the click. Then the success redirect (the attempt's
 * `redirectToPath` in the same browser, else the default).
 *
 * Failures are shown in place, on the `error` screen with a "Back to sign in" link: a link without
 * `preAuthSessionId` or `#linkCode`, a used or expired one (`RESTART_FLOW_ERROR`) → "This sign-in link no longer
 * works. Ask for a new one."; `SIGN_IN_UP_NOT_ALLOWED` → the backend's reason; `GENERAL_ERROR` → its message; a network failure → the
 * error's own message (the link may still be valid: open it again).
 */
export function createMagicLinkFlow(client: FlowClient, options: MagicLinkFlowOptions = {}): MagicLinkFlow {
  const landing = createLanding<MagicLinkScreen>(client, options, {
    flow: 'magicLink',
    initial: 'busy',
    initialStatus: 'magicLink.busy.status',
    describe(model, { t }, toSignIn) {
      if (model.screen === 'confirm') {
        return {
          heading: t('magicLink.confirm.heading'),
          description: t('magicLink.confirm.description'),
          fields: [],
          submit: { label: t('magicLink.confirm.submit'), busyLabel: t('magicLink.confirm.submitBusy') },
          actions: [],
        }
      }
      if (model.screen === 'error') return { heading: t('magicLink.error.heading'), fields: [], actions: [toSignIn] }
      return { heading: t('magicLink.busy.heading'), fields: [], actions: [] }
    },
  })
  const { env, machine } = landing
  const { t } = env

  const failure = (result: ConsumeMagicLinkResult) => {
    if (result.status === 'SIGN_IN_UP_NOT_ALLOWED') return result.reason || t('error.SIGN_IN_UP_NOT_ALLOWED')
    if (result.status === 'GENERAL_ERROR') return result.message || t('error.GENERAL_ERROR')
    return t('error.INVALID_LINK')
  }

  const consume = async () => {
    const api = client.passwordless
    if (!api) return landing.fail('error', t('error.INVALID_LINK'))
    machine.update({ isSubmitting: true, formError: undefined })
    try {
      const result = await api.consumeMagicLink({ url: options.url })
      if (machine.isDestroyed()) return
      if (result.status === 'OK') await landing.succeed(result.redirectToPath)
      else landing.fail('error', failure(result))
    } catch (error) {
      // The client keeps one request per URL, so a retry here would replay the same failure: send the user back.
      if (!machine.isDestroyed()) landing.fail('error', thrownMessage(t, error))
    }
  }

  let hasStarted = false
  const mounted = createMountCounter(() => {
    if (!hasStarted) {
      hasStarted = true
      const link = client.passwordless?.readMagicLink(options.url)
      if (link === undefined) landing.fail('error', t('error.INVALID_LINK'))
      else if (link.isSameBrowser) void consume()
      else machine.toScreen('confirm', { statusMessage: undefined })
    }
    return () => {}
  })

  const flow: MagicLinkFlow = {
    getState: (): MagicLinkState => machine.store.getState(),
    subscribe: (listener) => machine.store.subscribe(listener),
    setField: () => {},
    blurField: async () => {},
    togglePasswordVisibility: () => {},
    async submit() {
      const model = machine.model()
      if (model.screen === 'confirm' && !model.isSubmitting) await consume()
    },
    perform: () => landing.toSignIn(),
    toSignIn: landing.toSignIn,
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      machine.destroy()
    },
  }
  return flow
}
