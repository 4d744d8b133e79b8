/**
 * The machinery of the one-shot landing pages (ThirdParty callback, magic link): a screen machine without fields,
 * a "back to sign in" link, and the success redirect. Internal.
 */
import { createScreenMachine, resolveEnv } from './core'
import type { BaseModel, FlowEnv, ScreenDescription } from './core'
import { joinPath, safeRedirectPath, withQuery } from './redirect'
import { resetGuardRedirects } from './sessionAuth'
import { redirectWithSession } from './sessionRedirect'
import { addDefaultTexts } from './messages'
import { enRecipes } from './recipeMessages'
import type { ActionView, FlowClient, FlowOptions, ScreenState } from './types'

export function createLanding<TScreen extends string>(
  client: FlowClient,
  options: FlowOptions,
  spec: {
    flow: 'thirdPartyCallback' | 'magicLink'
    initial: TScreen
    /** Message key of the status announced at first render. */
    initialStatus: 'thirdPartyCallback.busy.status' | 'magicLink.busy.status'
    describe(model: BaseModel<TScreen>, env: FlowEnv, toSignIn: ActionView<'toSignIn'>): ScreenDescription<'toSignIn'>
  },
) {
  addDefaultTexts(enRecipes)
  const env = resolveEnv(options)
  // The tenant stays on the way back, so the auth page shows that tenant's methods.
  const authPath = withQuery(joinPath(client.config.websiteBasePath), {
    tenantId: env.tenantId,
    redirectToPath: env.passedRedirect,
  })
  const toSignIn: ActionView<'toSignIn'> = {
    id: 'toSignIn',
    label: env.t('auth.toSignIn'),
    prompt: undefined,
    href: authPath,
    placement: 'footer',
    isDisabled: false,
  }
  const machine = createScreenMachine<TScreen, 'toSignIn', BaseModel<TScreen>, ScreenState<TScreen, 'toSignIn'>>({
    flow: spec.flow,
    env,
    initial: {
      screen: spec.initial,
      values: {},
      fieldErrors: {},
      formError: undefined,
      statusMessage: env.t(spec.initialStatus),
      statusTone: 'progress',
      isSubmitting: false,
      revealed: {},
      focusRequest: undefined,
    },
    describe: (model) => spec.describe(model, env, toSignIn),
    extend: (_model, base) => base,
  })
  return {
    env,
    machine,
    toSignIn: () => env.navigate(authPath),
    /** Shows `screen` with the error and moves focus to it. */
    fail(screen: TScreen, formError: string) {
      machine.toScreen(screen, { formError })
      machine.focus(`${env.idPrefix}-form-error`)
    },
    /** The session exists: go where the sign-in started (a same-origin path), else the default. */
    async succeed(redirectToPath: string | undefined) {
      machine.update({ isSubmitting: false, statusMessage: env.t('signInUp.success') })
      resetGuardRedirects()
      await redirectWithSession(client, env, safeRedirectPath(redirectToPath, env.redirectTo))
    },
  }
}
