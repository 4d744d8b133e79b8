/**
 * The passkey screens of `AuthPage` (docs/RECIPES.md §5.4, §4.6): "Recover account" (`/webauthn/recover/send-email`),
 * the emailed recovery link (`/webauthn/recover?token=…`) and the passkey second factor (`/mfa/webauthn`). Each is a
 * plain screen flow rendered by the bindings' `AuthScreen`; `AuthPage` reaches them only through the `webauthn()`
 * plugin (src/flows/recipeUi.ts), so pages without passkeys bundle none of this.
 */
import type { MfaInfo } from '../recipes/factorTypes'
import { createMountCounter, createScreenMachine, resolveEnv, resolveField, thrownMessage } from './core'
import type { BaseModel, FlowEnv, ScreenDescription } from './core'
import { addDefaultTexts } from './messages'
import { decorateSignInUp, passkeyFailure } from './passkeys'
import type { PasskeyRouteName, WebauthnUi } from './passkeys'
import { enPasskeys } from './passkeyMessages'
import { enRecipes } from './recipeMessages'
import { joinPath, readQueryParam, withQuery } from './redirect'
import { resetGuardRedirects } from './sessionAuth'
import { redirectWithSession } from './sessionRedirect'
import type { ActionView, FlowClient, FlowOptions, ScreenFlow, ScreenState } from './types'
import { validateEmail } from './validators'

export type PasskeyScreen =
  'request' | 'sent' | 'confirm' | 'invalidToken' | 'recovered' | 'loading' | 'use' | 'register' | 'denied' | 'error'
export type PasskeyAction = 'toSignIn' | 'toRequest' | 'resend' | 'toRegister' | 'toUse'
export type PasskeyScreenState = ScreenState<PasskeyScreen, PasskeyAction>
export type PasskeyScreenFlow = ScreenFlow<PasskeyScreenState>

export interface PasskeyRecoveryFlowOptions extends FlowOptions {
  /** `request`: the "Recover account" form; `confirm`: the emailed link's page. Defaults to `request`. */
  start?: 'request' | 'confirm'
  /** The recovery token. Defaults to the URL's `token`. */
  token?: string
}

interface Model extends BaseModel<PasskeyScreen> {
  sentTo: string
  canRegister: boolean
  canUse: boolean
}

/** The machine, actions and verbs every passkey screen shares. */
function createPasskeyScreen(
  client: FlowClient,
  options: FlowOptions,
  spec: {
    flow: 'passkeyRecovery' | 'passkeyMfa'
    initial: PasskeyScreen
    status?: string
    describe(
      model: Model,
      link: (id: PasskeyAction, label: string, href?: string) => ActionView<PasskeyAction>,
      env: FlowEnv,
    ): ScreenDescription<PasskeyAction>
  },
) {
  addDefaultTexts(enRecipes)
  addDefaultTexts(enPasskeys)
  const env = resolveEnv(options)
  const { t } = env
  const authPath = withQuery(joinPath(client.config.websiteBasePath), {
    tenantId: env.tenantId,
    redirectToPath: env.passedRedirect,
  })
  const machine = createScreenMachine<PasskeyScreen, PasskeyAction, Model, PasskeyScreenState>({
    flow: spec.flow,
    env,
    initial: {
      screen: spec.initial,
      values: {},
      fieldErrors: {},
      formError: undefined,
      statusMessage: spec.status && t(spec.status),
      statusTone: 'progress',
      isSubmitting: false,
      revealed: {},
      focusRequest: undefined,
      sentTo: '',
      canRegister: false,
      canUse: false,
    },
    describe: (model) =>
      spec.describe(
        model,
        (id, label, href) => ({
          id,
          label,
          prompt: undefined,
          href: id === 'toSignIn' ? authPath : href,
          placement: 'footer',
          isDisabled: model.isSubmitting,
        }),
        env,
      ),
    extend: (_model, base) => base,
  })
  const fail = (formError: string) => machine.update({ isSubmitting: false, formError })
  /** Runs a call with the busy state; a rejection becomes the form error. */
  const run = async (call: () => Promise<void>) => {
    if (machine.model().isSubmitting) return
    machine.update({ isSubmitting: true, formError: undefined, statusMessage: undefined })
    try {
      await call()
    } catch (error) {
      fail(thrownMessage(t, error))
    }
  }
  return { env, t, machine, fail, run, toSignIn: () => env.navigate(authPath) }
}

function screenFlow(
  machine: ReturnType<typeof createPasskeyScreen>['machine'],
  verbs: { submit(): Promise<void>; actions: Partial<Record<PasskeyAction, () => void>>; start?: () => void },
): PasskeyScreenFlow {
  let started = false
  const mounted = createMountCounter(() => {
    if (!started) {
      started = true
      verbs.start?.()
    }
    return () => {}
  })
  return {
    getState: () => machine.store.getState(),
    subscribe: (listener) => machine.store.subscribe(listener),
    setField: machine.setField,
    async blurField(id) {
      await machine.validateField(id, true)
    },
    togglePasswordVisibility: machine.togglePasswordVisibility,
    submit: verbs.submit,
    perform: (id) => verbs.actions[id]?.(),
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      machine.destroy()
    },
  }
}

const emailField = () =>
  resolveField({ id: 'email' }, { type: 'email', autoComplete: 'email', validators: [validateEmail] })

/**
 * Account recovery (docs/RECIPES.md §5.4). `request`: email → `sendRecoveryEmail` → `sent` ("If an account exists
 * for …", send again, change email). `confirm` (the emailed link; no token → the auth page): "Create a passkey" →
 * `recoverAccount` → `recovered` (no session: the user signs in with the new passkey), or `invalidToken` with a
 * link to ask for a new one; any other failure stays on `confirm` with its message (the button retries).
 */
export function createPasskeyRecoveryFlow(
  client: FlowClient,
  options: PasskeyRecoveryFlowOptions = {},
): PasskeyScreenFlow {
  const start = options.start ?? 'request'
  const sendPathFor = (tenantId: string | undefined) =>
    withQuery(joinPath(client.config.websiteBasePath, '/webauthn/recover/send-email'), { tenantId })
  const screen = createPasskeyScreen(client, options, {
    flow: 'passkeyRecovery',
    initial: start,
    describe(model, link, { t, tenantId }) {
      const sendPath = sendPathFor(tenantId)
      switch (model.screen) {
        case 'sent':
          return {
            heading: t('passkeyRecovery.sent.heading'),
            description: t('passkeyRecovery.sent.description', { email: model.sentTo }),
            fields: [],
            actions: [
              link('resend', t('passkeyRecovery.sent.resend')),
              link('toRequest', t('passkey.changeEmail')),
              link('toSignIn', t('auth.toSignIn')),
            ],
          }
        case 'confirm':
          return {
            heading: t('passkeyRecovery.confirm.heading'),
            description: t('passkeyRecovery.confirm.description'),
            fields: [],
            submit: { label: t('passkey.confirm.submit'), busyLabel: t('passkey.confirm.submitBusy') },
            actions: [link('toSignIn', t('auth.toSignIn'))],
          }
        case 'invalidToken':
          return {
            heading: t('passkeyRecovery.invalid.heading'),
            description: t('error.passkey.RECOVER_ACCOUNT_TOKEN_INVALID_ERROR'),
            fields: [],
            actions: [link('toRequest', t('passkeyRecovery.newLink'), sendPath), link('toSignIn', t('auth.toSignIn'))],
          }
        case 'recovered':
          return {
            heading: t('passkeyRecovery.done.heading'),
            description: t('passkeyRecovery.done.description'),
            fields: [],
            actions: [link('toSignIn', t('passkey.signIn'))],
          }
        default:
          return {
            heading: t('passkeyRecovery.request.heading'),
            description: t('passkeyRecovery.request.description'),
            fields: [emailField()],
            submit: { label: t('passkeyRecovery.request.submit'), busyLabel: t('passkeyRecovery.request.submitBusy') },
            actions: [link('toSignIn', t('auth.toSignIn'))],
          }
      }
    },
  })
  const { env, t, machine, fail, run } = screen
  const sendPath = sendPathFor(env.tenantId)
  const token = options.token ?? readQueryParam(env.search, 'token')
  const api = client.webauthn

  const send = (email: string, isResend: boolean) =>
    run(async () => {
      const result = await api!.sendRecoveryEmail({ email, tenantId: env.tenantId })
      if (machine.isDestroyed()) return
      if (result.status === 'OK') {
        if (isResend) machine.update({ isSubmitting: false, statusMessage: t('passkeyRecovery.sent.resent') })
        else machine.toScreen('sent', { sentTo: email })
      } else if (result.status === 'RECOVER_ACCOUNT_NOT_ALLOWED') {
        fail(t('error.passkey.RECOVER_ACCOUNT_NOT_ALLOWED'))
      } else {
        fail(result.message || t('error.GENERAL_ERROR'))
      }
    })

  return screenFlow(machine, {
    async submit() {
      const model = machine.model()
      if (!api) return fail(t('error.passkey.WEBAUTHN_NOT_SUPPORTED'))
      if (model.screen === 'request') {
        if (model.isSubmitting || !(await machine.validateAll(['email']))) return
        return send(String(machine.model().values.email ?? '').trim(), false)
      }
      if (model.screen !== 'confirm' || !token) return
      await run(async () => {
        const result = await api.recoverAccount({ token, tenantId: env.tenantId })
        if (machine.isDestroyed()) return
        if (result.status === 'OK') machine.toScreen('recovered')
        else if (result.status === 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR') machine.toScreen('invalidToken')
        else fail(passkeyFailure(t, result))
      })
    },
    actions: {
      toSignIn: screen.toSignIn,
      resend: () => void send(machine.model().sentTo, true),
      toRequest: () =>
        machine.model().screen === 'invalidToken' ? env.navigate(sendPath) : machine.toScreen('request'),
    },
    // The emailed link without its token cannot recover anything: the auth page is the way forward.
    start: () => {
      if (start === 'confirm' && !token) screen.toSignIn()
    },
  })
}

/**
 * The passkey second factor (`/mfa/webauthn`, docs/RECIPES.md §4.6): reads `mfa/info` on mount, then offers "Use a
 * passkey" (a sign-in linked to the session) when the user has one, and/or "Register a passkey" (a sign-up with the
 * factor's email) when the user may set one up; neither → `denied`. Success → the next factor or the success
 * redirect. Without the `multiFactor()` plugin it offers "Use a passkey" alone.
 */
export function createPasskeyMfaFlow(client: FlowClient, options: FlowOptions = {}): PasskeyScreenFlow {
  let info: MfaInfo | undefined
  const screen = createPasskeyScreen(client, options, {
    flow: 'passkeyMfa',
    initial: 'loading',
    status: 'passkeyMfa.loading',
    describe(model, link, { t }) {
      const heading = t('passkeyMfa.heading')
      const signIn = [link('toSignIn', t('auth.toSignIn'))]
      if (model.screen === 'use') {
        return {
          heading,
          description: t('passkeyMfa.use.description'),
          fields: [],
          submit: { label: t('passkeyMfa.use.submit'), busyLabel: t('passkey.busy') },
          actions: model.canRegister ? [link('toRegister', t('passkeyMfa.register.submit'))] : [],
        }
      }
      if (model.screen === 'register') {
        return {
          heading: t('passkeyMfa.register.heading'),
          description: t('passkeyMfa.register.description'),
          fields: [],
          submit: { label: t('passkeyMfa.register.submit'), busyLabel: t('passkey.confirm.submitBusy') },
          actions: model.canUse ? [link('toUse', t('passkeyMfa.use.submit'))] : [],
        }
      }
      if (model.screen === 'denied')
        return { heading, description: t('passkeyMfa.denied'), fields: [], actions: signIn }
      if (model.screen === 'error') return { heading, description: t('passkeyMfa.failed'), fields: [], actions: signIn }
      return { heading, fields: [], actions: [] }
    },
  })
  const { env, t, machine, fail, run } = screen
  const api = client.webauthn

  const load = async () => {
    const mfa = client.multiFactor
    if (!mfa || !api) return machine.toScreen(api ? 'use' : 'denied', { canUse: api !== undefined })
    try {
      const result = await mfa.getInfo()
      if (machine.isDestroyed()) return
      if (result.status !== 'OK') return machine.toScreen('error')
      info = result
      const { next, alreadySetup, allowedToSetup } = result.factors
      const forced = readQueryParam(env.search, 'stepUp') === 'true' || readQueryParam(env.search, 'setup') === 'true'
      // Nothing left to complete: this page has nothing to ask (docs/RECIPES.md §4.5 step 3).
      if (next.length === 0 && !forced) return void (await redirectWithSession(client, env))
      const canUse = alreadySetup.includes('webauthn')
      const canRegister = allowedToSetup.includes('webauthn') && (result.emails.webauthn?.length ?? 0) > 0
      machine.toScreen(canUse ? 'use' : canRegister ? 'register' : 'denied', { canUse, canRegister })
    } catch {
      if (!machine.isDestroyed()) machine.toScreen('error')
    }
  }

  return screenFlow(machine, {
    async submit() {
      const model = machine.model()
      if (!api || (model.screen !== 'use' && model.screen !== 'register')) return
      await run(async () => {
        const linked = { tenantId: env.tenantId, shouldTryLinkingWithSessionUser: true }
        const result =
          model.screen === 'use'
            ? await api.signIn(linked)
            : await api.signUp({ ...linked, email: info?.emails.webauthn?.[0] ?? '' })
        if (machine.isDestroyed()) return
        if (result.status !== 'OK') return fail(passkeyFailure(t, result))
        machine.update({ isSubmitting: false, statusMessage: t('signInUp.success') })
        resetGuardRedirects()
        await redirectWithSession(client, env)
      })
    },
    actions: {
      toSignIn: screen.toSignIn,
      toRegister: () => machine.toScreen('register'),
      toUse: () => machine.toScreen('use'),
    },
    start: () => void load(),
  })
}

/** What the `webauthn()` plugin hands the sign-in page and `AuthPage` (src/flows/recipeUi.ts). */
export const webauthnUi: Omit<WebauthnUi, 'autofill'> = {
  decorate: decorateSignInUp,
  createScreen: (route: PasskeyRouteName, client, options) =>
    route === 'mfaWebauthn'
      ? createPasskeyMfaFlow(client, options)
      : createPasskeyRecoveryFlow(client, { ...options, start: route === 'webauthnRecover' ? 'confirm' : 'request' }),
}
