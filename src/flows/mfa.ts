/**
 * The second-factor pages (docs/RECIPES.md §4.5–§4.7): the factor chooser (`{websiteBasePath}/mfa`), TOTP
 * (`/mfa/totp`, its part in totpPart.ts) and the email/SMS code as a second factor (`/mfa/otp-email`,
 * `/mfa/otp-phone`, the sign-in page's passwordless part with `shouldTryLinkingWithSessionUser`). Reached only through
 * the `multiFactor()` plugin (src/flows/recipeUi.ts), so apps without MFA bundle none of it.
 *
 * Every page needs a session (none → the auth page) and loads `PUT mfa/info` first; a factor page whose factor is no
 * longer needed (empty `next`, no `stepUp=true`/`setup=true`) goes straight to the success redirect. The pages do
 * not check the `st-mfa` claim themselves: they are where a failing one leads.
 */
import type { FactorClients, FactorId, MfaInfo } from '../recipes/factorTypes'
import type { CreateCodeInput, LoginAttempt, PasswordlessApi } from '../recipes/types'
import { createMountCounter, createScreenMachine, resolveEnv, whenSessionKnown } from './core'
import type { BaseModel, FlowEnv, ScreenDescription } from './core'
import type { FirstFactorMethods } from './firstFactors'
import { addDefaultTexts } from './messages'
import type { PasswordlessPart } from './passwordlessPart'
import { enMfa } from './recipeMessages'
import { PASSWORDLESS_UI, TOTP_UI } from './recipeUi'
import type { MfaUi } from './recipeUi'
import { joinPath, readQueryParam, withQuery } from './redirect'
import { resetGuardRedirects } from './sessionAuth'
import { redirectWithSession } from './sessionRedirect'
import type { TotpPart } from './totpPart'
import type { ActionView, FlowClient, MfaFlow, MfaFlowOptions, MfaPage, MfaScreen, MfaState } from './types'

/** The page of each second factor this module has a screen for. */
export const FACTOR_PAGES: Readonly<Record<string, string>> = {
  totp: '/mfa/totp',
  'otp-email': '/mfa/otp-email',
  'otp-phone': '/mfa/otp-phone',
}

/** The model of every MFA screen; the passwordless members are the sign-in page's (passwordlessPart.ts). */
export interface MfaModel extends BaseModel<MfaScreen | 'signIn' | 'signUp'> {
  isComplete: boolean
  deniedMessage: string | undefined
  /** TOTP: the device being set up (or just verified). */
  device: { name: string; secret: string; isVerified: boolean } | undefined
  qr: { size: number; path: string } | undefined
  isSecretShown: boolean
  lockedUntil: number | undefined
  countdownSeconds: number
  /** Email/SMS code: the code was sent to the contact the backend knows, which cannot be changed here. */
  isAutoSent: boolean
  methods: FirstFactorMethods
  isLoadingMethods: boolean
  busyProvider: string | undefined
  isSendingCode: boolean
  cooldownSeconds: number
  attempt: LoginAttempt | undefined
}

export function initialMfaModel(screen: MfaModel['screen'], statusMessage: string | undefined): MfaModel {
  return {
    screen,
    values: {},
    fieldErrors: {},
    formError: undefined,
    statusMessage,
    statusTone: 'progress',
    isSubmitting: false,
    revealed: {},
    focusRequest: undefined,
    isComplete: false,
    deniedMessage: undefined,
    device: undefined,
    qr: undefined,
    isSecretShown: false,
    lockedUntil: undefined,
    countdownSeconds: 0,
    isAutoSent: false,
    methods: { emailPassword: false, providers: [], passwordless: undefined },
    isLoadingMethods: false,
    busyProvider: undefined,
    isSendingCode: false,
    cooldownSeconds: 0,
    attempt: undefined,
  }
}

const action = (id: string, label: string, extra: Partial<ActionView> = {}): ActionView => ({
  id,
  label,
  prompt: undefined,
  href: undefined,
  placement: 'footer',
  isDisabled: false,
  ...extra,
})

/** The chooser's factors (§4.5 step 5): `n`, else `next`, else what the user may set up or has; with a page. */
export function chooserFactors(info: MfaInfo, search: string, offered: readonly FactorId[]): FactorId[] {
  const named = readQueryParam(search, 'n')
  const { next, allowedToSetup, alreadySetup } = info.factors
  const wanted = named ? named.split(',') : next.length > 0 ? next : [...allowedToSetup, ...alreadySetup]
  return offered.filter((factor) => FACTOR_PAGES[factor] !== undefined && wanted.includes(factor))
}

/** The state of an MFA screen from its model (shared with `MfaSettings`). */
export function mfaState(
  model: MfaModel,
  base: Omit<MfaState, 'totpSetup' | 'countdown' | 'isComplete'>,
  totp: TotpPart | undefined,
): MfaState {
  // The passwordless part names its contact form after the sign-in page's screens.
  const screen: MfaScreen = model.screen === 'signIn' || model.screen === 'signUp' ? 'contact' : model.screen
  return {
    ...base,
    screen,
    totpSetup: totp?.view(model),
    countdown: totp?.countdown(model),
    isComplete: model.isComplete,
  }
}

/**
 * A second-factor page. `page` picks it (`AuthPage` passes the route's); the URL's `setup=true` forces a new TOTP
 * device or asking for a new email/phone, `stepUp=true` keeps the page although MFA is complete, `n` lists the
 * chooser's factors, `error` shows "Something went wrong" on load.
 */
export function createMfaPageFlow(client: FlowClient, options: MfaFlowOptions): MfaFlow {
  addDefaultTexts(enMfa)
  const env: FlowEnv = resolveEnv(options)
  const { t } = env
  const page: MfaPage = options.page
  const { multiFactor: mfa, totp: totpApi } = client as FlowClient & Partial<FactorClients>
  const base = client.config.websiteBasePath
  const isSetup = readQueryParam(env.search, 'setup') === 'true'
  const isStepUp = readQueryParam(env.search, 'stepUp') === 'true'
  const keep = { redirectToPath: env.passedRedirect, tenantId: env.tenantId }
  const chooserPath = withQuery(joinPath(base, '/mfa'), keep)
  let info: MfaInfo | undefined
  let choices: FactorId[] = []
  let retry: (() => void) | undefined
  let totp: TotpPart | undefined
  let passwordless: PasswordlessPart | undefined
  let stopTicking: (() => void) | undefined
  let isMounted = false
  const channel = page === 'otp-phone' ? 'PHONE' : 'EMAIL'

  const headingKey = {
    chooser: 'mfa.chooser.heading',
    totp: 'totp.verify.heading',
    'otp-email': 'otp.email.heading',
    'otp-phone': 'otp.phone.heading',
  } as const

  const commonActions = (): ActionView[] => [
    ...(page !== 'chooser' && choices.length > 1 ? [action('back', t('mfa.back'), { href: chooserPath })] : []),
    action('signOut', t('mfa.signOut')),
  ]

  const describe = (model: MfaModel): ScreenDescription<string> => {
    switch (model.screen) {
      case 'loading':
        return { heading: t(headingKey[page]), fields: [], actions: [] }
      case 'accessDenied':
        return {
          heading: t('mfa.denied.heading'),
          fields: [],
          actions: [...(retry ? [action('retry', t('mfa.retry'))] : []), action('signOut', t('mfa.signOut'))],
        }
      case 'chooser':
        return {
          heading: t('mfa.chooser.heading'),
          fields: [],
          actions: [
            ...choices.map((factor) =>
              action(factor, t(`mfa.factor.${factor}`), {
                placement: 'header',
                href: withQuery(joinPath(base, FACTOR_PAGES[factor]), keep),
              }),
            ),
            action('signOut', t('mfa.signOut')),
          ],
        }
      case 'totpSetup':
      case 'totpVerify':
      case 'locked':
        return totp!.describe(model, commonActions())
      case 'code':
      case 'linkSent': {
        const described = passwordless!.describe(model as never)
        // A contact the backend chose cannot be changed here (§4.6): the link back to the form goes.
        const own = described.actions.filter((a) => a.id !== 'toContactForm' || !model.isAutoSent)
        return { ...described, heading: t(headingKey[page]), actions: [...own, ...commonActions()] }
      }
      default:
        // The contact form (the passwordless part's `signIn` screen).
        return {
          heading: t(headingKey[page]),
          fields: client[PASSWORDLESS_UI]?.contactFields(model as never) ?? [],
          submit: { label: t('passwordless.submit'), busyLabel: t('passwordless.submitBusy') },
          actions: commonActions(),
        }
    }
  }

  const screens = createScreenMachine<MfaModel['screen'], string, MfaModel, MfaState>({
    flow: 'mfa',
    env,
    initial: initialMfaModel('loading', t('mfa.loading')),
    describe,
    extend: (model, state) => mfaState(model, state as Omit<MfaState, 'totpSetup' | 'countdown' | 'isComplete'>, totp),
  })

  // Nothing is focused on page load (MARKUP.md "Focus"): the screen the page opens on, after the MFA info and any
  // TOTP device loaded, comes without the focus request of a screen change; later changes move focus as usual.
  let isOpening = true
  const machine: typeof screens = {
    ...screens,
    focus: (id) => {
      if (!isOpening) screens.focus(id)
    },
    toScreen(screen, patch) {
      if (isOpening) {
        // Without `isSubmitting`, which would make the machine focus a form error.
        const { isSubmitting: _, ...rest } = patch ?? {}
        screens.update({ screen, fieldErrors: {}, formError: undefined, statusMessage: undefined, ...rest })
        isOpening = screen === 'loading'
      } else screens.toScreen(screen, patch)
    },
  }

  const deny = (message: string, again?: () => void) => {
    retry = again
    const isOnLoad = isOpening
    machine.toScreen('accessDenied', { formError: message, statusMessage: undefined, isSubmitting: false })
    if (!isOnLoad) machine.focus(`${env.idPrefix}-form-error`)
  }

  const succeed = async () => {
    resetGuardRedirects()
    await redirectWithSession(client, env)
  }

  if (totpApi && client[TOTP_UI]) {
    totp = client[TOTP_UI].create(totpApi, machine, env, { verified: succeed, deny })
  }

  const passwordlessApi = (): PasswordlessApi | undefined => {
    const api = client.passwordless
    if (!api) return undefined
    // Every code of a second factor is linked to the signed-in user (§4.4); resend and consume follow the attempt.
    return {
      ...api,
      createCode: (input: CreateCodeInput) => {
        const linked: CreateCodeInput & { shouldTryLinkingWithSessionUser?: boolean } = {
          ...input,
          shouldTryLinkingWithSessionUser: true,
        }
        return api.createCode(linked)
      },
    }
  }

  const startOtp = async (current: MfaInfo) => {
    const api = passwordlessApi()
    const ui = client[PASSWORDLESS_UI]
    if (!api || !ui) return deny(t('mfa.denied.error'))
    machine.update({ methods: { emailPassword: false, providers: [], passwordless: channel } })
    passwordless = ui.create(api, machine as never, env, {
      home: () => 'signIn',
      cooldownMs: 15_000,
      complete: succeed,
    })
    if (isMounted) stopTicking = passwordless.startTicking()
    const stored = api.getLoginAttempt()
    // An attempt of the other channel, or of a first-factor sign-in, cannot finish this factor (§4.6).
    if (stored && (stored.contactMethod !== channel || !stored.shouldTryLinkingWithSessionUser)) api.clearLoginAttempt()
    else if (stored) return passwordless.restoreAttempt()
    const known = (page === 'otp-phone' ? current.phoneNumbers : current.emails)[page]?.[0]
    if (isSetup || known === undefined) return machine.toScreen('signIn', { statusMessage: undefined })
    machine.update({ isSendingCode: true })
    try {
      const result = await api.createCode({
        ...(channel === 'PHONE' ? { phoneNumber: known } : { email: known }),
        tenantId: env.tenantId,
        redirectToPath: env.passedRedirect,
      })
      if (machine.isDestroyed()) return
      if (result.status === 'OK') {
        machine.update({ isSendingCode: false, isAutoSent: true })
        passwordless.restoreAttempt()
      } else {
        machine.update({ isSendingCode: false })
        deny(result.status === 'SIGN_IN_UP_NOT_ALLOWED' ? result.reason : t('mfa.denied.error'))
      }
    } catch {
      if (!machine.isDestroyed()) deny(t('mfa.denied.error'), () => void start())
    }
  }

  const start = async () => {
    retry = undefined
    machine.toScreen('loading', { statusMessage: t('mfa.loading'), statusTone: 'progress' })
    if (!mfa) return deny(t('mfa.denied.error'))
    let result
    try {
      result = await mfa.getInfo()
    } catch {
      result = undefined
    }
    if (machine.isDestroyed()) return
    if (result?.status !== 'OK') return deny(t('mfa.denied.error'), () => void start())
    info = result
    // A factor is offered only with its screens' code: `totp()`, and `passwordless()` for the email/SMS codes.
    const offered = mfa.factors.filter((factor) =>
      factor === 'totp' ? totp !== undefined : !factor.startsWith('otp-') || client[PASSWORDLESS_UI] !== undefined,
    )
    choices = chooserFactors(info, env.search, offered)
    if (page === 'chooser') {
      if (choices.length === 0) {
        return deny(t(info.factors.next.length > 0 ? 'mfa.denied.noFactors' : 'mfa.denied.noFactorsToSetUp'))
      }
      return machine.toScreen('chooser', { statusMessage: undefined })
    }
    if (info.factors.next.length === 0 && !isSetup && !isStepUp) return succeed()
    if (page === 'totp') {
      if (!totp) return deny(t('mfa.denied.error'))
      if (isSetup || !info.factors.alreadySetup.includes('totp')) return totp.startSetup()
      totp.showVerify()
      machine.update({ statusMessage: undefined })
      return
    }
    await startOtp(info)
  }

  let hasStarted = false
  const mounted = createMountCounter(() => {
    const stops: (() => void)[] = []
    if (!hasStarted) {
      hasStarted = true
      stops.push(
        whenSessionKnown(client.store, (status) => {
          if (status === 'signedOut') return env.navigate(withQuery(joinPath(base), keep))
          void start().then(() => {
            if (readQueryParam(env.search, 'error') !== undefined && !machine.isDestroyed()) {
              machine.update({ formError: t('error.GENERAL_ERROR') })
            }
          })
        }),
      )
    }
    isMounted = true
    if (passwordless) stopTicking = passwordless.startTicking()
    return () => {
      isMounted = false
      for (const stop of stops) stop()
      stopTicking?.()
      totp?.stop()
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
      if (screen === 'totpSetup' || screen === 'totpVerify') return totp?.submit()
      if (screen === 'code') return passwordless?.submitCode()
      if (screen === 'signIn') return passwordless?.submitContact()
    },
    perform(id) {
      if (totp?.perform(id)) return
      if (id === 'signOut') return void flow.signOut()
      if (id === 'retry') return retry?.()
      if (id === 'resendCode') return void passwordless?.resend()
      if (id === 'toContactForm') return passwordless?.toContactForm()
      if (id === 'back') {
        void totp?.discard().then(() => env.navigate(chooserPath))
        return
      }
      const target = FACTOR_PAGES[id]
      if (target !== undefined && choices.includes(id)) env.navigate(withQuery(joinPath(base, target), keep))
    },
    async signOut() {
      await totp?.discard()
      client.passwordless?.clearLoginAttempt()
      try {
        await client.session.signOut()
      } catch {
        // Going to the auth page is still right: the user asked to leave.
      }
      env.navigate(joinPath(base))
    },
    showSecret: () => totp?.showSecret(),
    copySecret: async () => totp?.copySecret(),
    mount: mounted.mount,
    destroy() {
      mounted.stopAll()
      machine.destroy()
    },
  }
  return flow
}

/** What the `multiFactor()` plugin hands the prebuilt UI (src/flows/recipeUi.ts). */
export const mfaUi: MfaUi = { createFlow: createMfaPageFlow }
