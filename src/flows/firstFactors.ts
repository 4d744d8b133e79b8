/**
 * Which first factors the sign-in page offers (docs/RECIPES.md §6.3): the app's static choice, or the tenant's
 * login methods, always limited to the recipe plugins the client has.
 */
import { authError } from '../client/errors'
import type { ContactMethod, FirstFactor, LoginMethods, ThirdPartyProvider } from '../recipes/types'
import type { FlowEnv, ScreenMachine } from './core'
import type { SignInMethodsUi } from './recipeUi'
import type { SignInUpModel } from './signInUp'
import type { FlowClient, ProviderView, ScreenState, SignInUpAction, SignInUpScreen, SignInUpState } from './types'

/** The methods one sign-in page shows. */
export interface FirstFactorMethods {
  emailPassword: boolean
  providers: ThirdPartyProvider[]
  /** The passwordless contact the form asks for; `undefined` when Passwordless is not offered. */
  passwordless: ContactMethod | undefined
  /** The passkey button (the `webauthn()` plugin and the `webauthn` factor). */
  webauthn?: boolean
}

const EMAIL_FACTORS = ['otp-email', 'link-email']
const PHONE_FACTORS = ['otp-phone', 'link-phone']

/** The passwordless channel both the factors and the client's `contactMethod` allow. */
function passwordlessChannel(factors: readonly string[], contactMethod: ContactMethod): ContactMethod | undefined {
  const hasEmail = contactMethod !== 'PHONE' && factors.some((factor) => EMAIL_FACTORS.includes(factor))
  const hasPhone = contactMethod !== 'EMAIL' && factors.some((factor) => PHONE_FACTORS.includes(factor))
  if (hasEmail && hasPhone) return 'EMAIL_OR_PHONE'
  return hasEmail ? 'EMAIL' : hasPhone ? 'PHONE' : undefined
}

/**
 * The methods for a list of factors. With `tenantProviders` (dynamic login methods) only the tenant's providers are
 * shown, named as the client names them, else as the tenant does, else by id; else the client's providers.
 */
export function methodsFor(
  client: FlowClient,
  factors: readonly FirstFactor[],
  tenantProviders?: LoginMethods['providers'],
): FirstFactorMethods {
  const thirdParty = client.thirdParty
  let providers: ThirdPartyProvider[] = []
  if (thirdParty && factors.includes('thirdparty')) {
    providers =
      tenantProviders && tenantProviders.length > 0
        ? tenantProviders.map(({ id, name }) => {
            const known = thirdParty.providers.find((provider) => provider.id === id)
            return { id, name: known?.name ?? name ?? id, mark: known?.mark }
          })
        : thirdParty.providers
  }
  return {
    emailPassword: factors.includes('emailpassword'),
    providers,
    passwordless: client.passwordless && passwordlessChannel(factors, client.passwordless.contactMethod),
    webauthn: client.webauthn !== undefined && factors.includes('webauthn'),
  }
}

export const hasAnyMethod = (methods: FirstFactorMethods) =>
  methods.emailPassword ||
  methods.providers.length > 0 ||
  methods.passwordless !== undefined ||
  methods.webauthn === true

/**
 * The static methods: `firstFactors` when given, else every factor whose recipe the client has.
 *
 * @throws AuthError kind `config` when none of `firstFactors` can be shown.
 */
export function staticMethods(
  client: FlowClient,
  firstFactors: readonly FirstFactor[] | undefined,
): FirstFactorMethods {
  const factors = firstFactors ?? [
    'emailpassword',
    'thirdparty',
    ...(client.passwordless ? [...EMAIL_FACTORS, ...PHONE_FACTORS] : []),
    'webauthn',
  ]
  const methods = methodsFor(client, factors)
  if (!hasAnyMethod(methods)) {
    throw authError(
      'config',
      `authfront: firstFactors ${JSON.stringify(factors)}: none has its recipe plugin on the client ` +
        `(emailpassword, or thirdParty() / passwordless() in createAuthClient({ recipes })).`,
    )
  }
  return methods
}

/**
 * The tenant's methods (`getLoginMethods`), or `fallback` when the call fails or none of the tenant's factors can be
 * shown with the client's plugins.
 */
export async function dynamicMethods(
  client: FlowClient,
  tenantId: string | undefined,
  fallback: FirstFactorMethods,
): Promise<FirstFactorMethods> {
  try {
    const result = await client.getLoginMethods!({ tenantId })
    if (result.status !== 'OK') return fallback
    const methods = methodsFor(client, result.firstFactors, result.providers)
    return hasAnyMethod(methods) ? methods : fallback
  } catch {
    // No Multitenancy recipe on the backend (404), or the network: the app's static choice still works.
    return fallback
  }
}

/**
 * Starts the provider sign-in from the sign-in page (docs/RECIPES.md §2.4): the buttons stay disabled while the
 * browser leaves; a failure is the form error.
 */
export async function continueWith(
  client: FlowClient,
  machine: ScreenMachine<SignInUpScreen, SignInUpModel, SignInUpState>,
  env: FlowEnv,
  providerId: string,
): Promise<void> {
  const { t } = env
  const model = machine.model()
  const provider = model.methods.providers.find((candidate) => candidate.id === providerId)
  if (!client.thirdParty || !provider || model.busyProvider !== undefined || model.isComplete) return
  machine.update({
    busyProvider: providerId,
    formError: undefined,
    statusMessage: t('thirdParty.redirecting', { name: provider.name }),
    statusTone: 'progress',
  })
  let formError: string
  try {
    const result = await client.thirdParty.redirectToProvider(providerId, {
      tenantId: env.tenantId,
      redirectToPath: env.passedRedirect,
    })
    // OK: the browser is leaving; the buttons stay disabled so a second click cannot start a second sign-in.
    if (result.status === 'OK') return
    formError = result.message || t('error.GENERAL_ERROR')
  } catch {
    // An unknown provider (400), the network, a non-http URL: the official UI says the same (§2.4).
    formError = t('error.GENERAL_ERROR')
  }
  if (machine.isDestroyed()) return
  machine.update({ busyProvider: undefined, statusMessage: undefined, isSubmitting: false, formError })
}

/** Adds the sign-in page's own members to the machine's state: every method the page offers. */
export function extendState(
  model: SignInUpModel,
  base: ScreenState<SignInUpScreen, SignInUpAction>,
  env: FlowEnv,
  passwordlessFormId: string,
  contactFieldIds: readonly string[],
): SignInUpState {
  const { t } = env
  const { methods } = model
  const isMethodsScreen = model.screen === 'signIn' || model.screen === 'signUp'
  const layout =
    isMethodsScreen &&
    (model.isLoadingMethods || !methods.emailPassword || methods.providers.length > 0 || methods.passwordless)
      ? 'methods'
      : 'form'
  const contactFields = base.fields.filter((field) => contactFieldIds.includes(field.id))
  const providers: ProviderView[] = model.isLoadingMethods
    ? []
    : methods.providers.map(({ id, name, mark }) => ({
        id,
        mark,
        label: t('thirdParty.continueWith', { name }),
        isDisabled: model.busyProvider !== undefined || model.isComplete,
        isBusy: model.busyProvider === id,
      }))
  return {
    ...base,
    fields: isMethodsScreen ? base.fields.filter((field) => !contactFieldIds.includes(field.id)) : base.fields,
    isComplete: model.isComplete,
    layout,
    isLoadingMethods: model.isLoadingMethods,
    hasEmailPassword: isMethodsScreen && !model.isLoadingMethods && methods.emailPassword,
    providers,
    passwordlessForm:
      isMethodsScreen && contactFields.length > 0
        ? {
            formId: passwordlessFormId,
            label: t('passwordless.formLabel'),
            fields: contactFields,
            submit: {
              label: t(model.isSendingCode ? 'passwordless.submitBusy' : 'passwordless.submit'),
              isBusy: model.isSendingCode,
              isDisabled: model.isSendingCode || model.isComplete,
            },
          }
        : undefined,
    dividerLabel: t('signInUp.divider'),
    cooldownSeconds: model.cooldownSeconds,
    contactInfo: isMethodsScreen ? undefined : model.attempt?.contactInfo,
  }
}

/** What every recipe plugin hands the sign-in page (src/flows/recipeUi.ts). */
export const signInMethodsUi: SignInMethodsUi = { staticMethods, continueWith, extendState }
