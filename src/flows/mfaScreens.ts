/**
 * The entry points of the second-factor screens for the bindings. They look the screens' code up on the client,
 * where the `multiFactor()` and `totp()` plugins put it (src/flows/recipeUi.ts), so a binding's `AuthPage` costs
 * nothing in apps without MFA.
 */
import { authError } from '../client/errors'
import { MFA_UI, TOTP_UI } from './recipeUi'
import type { FlowClient, MfaFlow, MfaFlowOptions, MfaSettingsOptions } from './types'

/** True when the client has the `multiFactor()` plugin, so `{websiteBasePath}/mfa/*` has screens. */
export function hasMfaScreens(client: FlowClient): boolean {
  return client[MFA_UI] !== undefined
}

/**
 * A second-factor page (docs/RECIPES.md §4.6): the chooser, TOTP, or the email/SMS code.
 *
 * @throws AuthError kind `config` without the `multiFactor()` plugin.
 */
export function createMfaFlow(client: FlowClient, options: MfaFlowOptions): MfaFlow {
  const ui = client[MFA_UI]
  if (!ui) throw authError('config', 'authfront: the MFA pages need multiFactor() in createAuthClient({ recipes }).')
  return ui.createFlow(client, options)
}

/**
 * `MfaSettings`: list, add and remove TOTP devices.
 *
 * @throws AuthError kind `config` without the `totp()` plugin.
 */
export function createMfaSettingsFlow(client: FlowClient, options: MfaSettingsOptions = {}): MfaFlow {
  const ui = client[TOTP_UI]
  if (!ui) throw authError('config', 'authfront: MfaSettings needs totp() in createAuthClient({ recipes }).')
  return ui.createSettings(client, options)
}
