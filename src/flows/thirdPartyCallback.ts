import type { ThirdPartyCallbackResult } from '../recipes/types'
import { createMountCounter } from './core'
import type { Translate } from './messages'
import { createLanding } from './landing'
import type {
  FlowClient,
  ThirdPartyCallbackFlow,
  ThirdPartyCallbackFlowOptions,
  ThirdPartyCallbackScreen,
  ThirdPartyCallbackState,
} from './types'

/** The error text of a failed callback (docs/RECIPES.md §2.4); `undefined` for OK. */
function callbackError(t: Translate, result: ThirdPartyCallbackResult): string | undefined {
  switch (result.status) {
    case 'OK':
      return undefined
    case 'NO_EMAIL_GIVEN_BY_PROVIDER':
      return t('error.NO_EMAIL_GIVEN_BY_PROVIDER')
    case 'SIGN_IN_UP_NOT_ALLOWED':
      return result.reason || t('error.SIGN_IN_UP_NOT_ALLOWED')
    case 'GENERAL_ERROR':
      return result.message || t('error.GENERAL_ERROR')
    case 'PROVIDER_ERROR':
      return result.error === 'access_denied' ? t('error.providerCancelled') : t('error.GENERAL_ERROR')
    default:
      // STATE_MISSING / STATE_EXPIRED / STATE_MISMATCH: a callback this tab did not start, or started too long ago.
      return t('error.GENERAL_ERROR')
  }
}

/**
 * The ThirdParty callback page (`{websiteBasePath}/callback/{thirdPartyId}`, docs/RECIPES.md §2.4): a busy screen
 * while `handleCallback` signs in, then the success redirect (the `redirectToPath` kept when the sign-in started,
 * via `safeRedirectPath`; email verification first when required).
 *
 * Failures are shown in place, on an `error` screen with a "Back to sign in" link (keeping `tenantId`), rather than
 * by redirecting to `/auth?error=…` as the official UI does: the reason stays on screen, focused and announced, and
 * nothing from the URL is ever echoed as a message. Texts: state problems, provider errors and network failures →
 * "Something went wrong. Please try again."; `access_denied` → the cancelled-consent message;
 * `NO_EMAIL_GIVEN_BY_PROVIDER` → "The provider did not share your email address. Try another way to sign in.";
 * `SIGN_IN_UP_NOT_ALLOWED` → the backend's reason, as text; `GENERAL_ERROR` → its message.
 *
 * The callback runs once per flow on mount (and the client shares one request per URL, so StrictMode's double
 * mount sends one `signinup`).
 */
export function createThirdPartyCallbackFlow(
  client: FlowClient,
  options: ThirdPartyCallbackFlowOptions = {},
): ThirdPartyCallbackFlow {
  const landing = createLanding<ThirdPartyCallbackScreen>(client, options, {
    flow: 'thirdPartyCallback',
    initial: 'busy',
    initialStatus: 'thirdPartyCallback.busy.status',
    describe: (model, { t }, toSignIn) =>
      model.screen === 'busy'
        ? { heading: t('thirdPartyCallback.busy.heading'), fields: [], actions: [] }
        : { heading: t('thirdPartyCallback.error.heading'), fields: [], actions: [toSignIn] },
  })
  const { env, machine } = landing
  const { t } = env

  const run = async () => {
    let error: string | undefined
    let result: ThirdPartyCallbackResult | undefined
    try {
      if (!client.thirdParty) throw new Error('no thirdParty() plugin')
      result = await client.thirdParty.handleCallback({ url: options.url })
      error = callbackError(t, result)
    } catch {
      error = t('error.GENERAL_ERROR')
    }
    if (machine.isDestroyed()) return
    if (result?.status === 'OK') await landing.succeed(result.redirectToPath)
    else landing.fail('error', error ?? t('error.GENERAL_ERROR'))
  }

  let hasRun = false
  const mounted = createMountCounter(() => {
    if (!hasRun) {
      hasRun = true
      void run()
    }
    return () => {}
  })

  const flow: ThirdPartyCallbackFlow = {
    getState: (): ThirdPartyCallbackState => machine.store.getState(),
    subscribe: (listener) => machine.store.subscribe(listener),
    setField: () => {},
    blurField: async () => {},
    togglePasswordVisibility: () => {},
    submit: async () => {},
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
