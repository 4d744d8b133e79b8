/**
 * The login-recipe plugins as apps import them (docs/ARCHITECTURE.md "Recipe plugins"): each is the recipe's client
 * calls (src/recipes) plus what the prebuilt screens need of it (src/flows/recipeUi.ts) and its English texts. An app
 * that does not import a plugin bundles none of this; one that does pays for its screens even when it renders its own
 * UI (a few hundred bytes; the recipe modules alone are `src/recipes/*` for custom builds).
 */
import { dynamicMethods, signInMethodsUi } from './flows/firstFactors'
import { mfaUi } from './flows/mfa'
import { totpUi } from './flows/mfaSettings'
import { enPasskeys } from './flows/passkeyMessages'
import { webauthnUi } from './flows/passkeyScreens'
import { addDefaultTexts } from './flows/messages'
import { passwordlessUi } from './flows/passwordlessPart'
import { enRecipes } from './flows/recipeMessages'
import { LOGIN_METHODS_UI, MFA_UI, PASSWORDLESS_UI, SIGN_IN_METHODS_UI, TOTP_UI, WEBAUTHN_UI } from './flows/recipeUi'
import type { RecipeUi } from './flows/recipeUi'
import type { MultiFactorApi, MultiFactorOptions, TotpApi, WebauthnApi, WebauthnOptions } from './recipes/factorTypes'
import { multiFactor as multiFactorRecipe } from './recipes/multiFactor'
import { multitenancy as multitenancyRecipe } from './recipes/multitenancy'
import { passwordless as passwordlessRecipe } from './recipes/passwordless'
import { thirdParty as thirdPartyRecipe } from './recipes/thirdParty'
import { totp as totpRecipe } from './recipes/totp'
import type {
  PasswordlessApi,
  PasswordlessOptions,
  RecipeClients,
  RecipePlugin,
  ThirdPartyApi,
  ThirdPartyOptions,
} from './recipes/types'
import { webauthn as webauthnRecipe } from './recipes/webauthn'

/**
 * Social / OIDC login (docs/RECIPES.md §2): `auth.thirdParty`, and "Continue with …" buttons on the sign-in page.
 *
 * @throws AuthError kind `config` when `providers` is empty or malformed.
 * @example
 * createAuthClient({ apiDomain, recipes: [thirdParty({ providers: ['google', 'github'] })] })
 */
export function thirdParty(
  options: ThirdPartyOptions,
): RecipePlugin<{ thirdParty: ThirdPartyApi } & Pick<RecipeUi, typeof SIGN_IN_METHODS_UI>> {
  const plugin = thirdPartyRecipe(options)
  addDefaultTexts(enRecipes)
  return (context) => ({ ...plugin(context), [SIGN_IN_METHODS_UI]: signInMethodsUi })
}

/**
 * Email or SMS one-time codes and magic links (docs/RECIPES.md §3): `auth.passwordless`, and the contact form, code
 * and "check your inbox" screens on the sign-in page.
 *
 * @throws AuthError kind `config` when `contactMethod` is not `EMAIL`, `PHONE` or `EMAIL_OR_PHONE`.
 * @example
 * createAuthClient({ apiDomain, recipes: [passwordless({ contactMethod: 'EMAIL' })] })
 */
export function passwordless(
  options: PasswordlessOptions,
): RecipePlugin<
  { passwordless: PasswordlessApi } & Pick<RecipeUi, typeof PASSWORDLESS_UI | typeof SIGN_IN_METHODS_UI>
> {
  const plugin = passwordlessRecipe(options)
  addDefaultTexts(enRecipes)
  return (context) => ({ ...plugin(context), [PASSWORDLESS_UI]: passwordlessUi, [SIGN_IN_METHODS_UI]: signInMethodsUi })
}

/**
 * Per-tenant login methods (docs/RECIPES.md §6): `auth.getLoginMethods`, and `loginMethods: 'dynamic'` on the
 * sign-in page.
 *
 * @example
 * createAuthClient({ apiDomain, recipes: [multitenancy()] })
 */
export function multitenancy(): RecipePlugin<
  Pick<RecipeClients, 'getLoginMethods'> & Pick<RecipeUi, typeof LOGIN_METHODS_UI | typeof SIGN_IN_METHODS_UI>
> {
  const plugin = multitenancyRecipe()
  addDefaultTexts(enRecipes)
  return (context) => ({
    ...plugin(context),
    [LOGIN_METHODS_UI]: dynamicMethods,
    [SIGN_IN_METHODS_UI]: signInMethodsUi,
  })
}

/**
 * Multi-factor authentication (docs/RECIPES.md §4): `auth.multiFactor`, and the `st-mfa` claim validator, so
 * `SessionAuth`, the router guards and `validateClaims()` send a user who still owes a second factor to its screen
 * (`{websiteBasePath}/mfa/totp`, …, or the chooser `{websiteBasePath}/mfa`). Pass the plugins of the factors too.
 *
 * @throws AuthError kind `config` when `factors` is not an array of factor ids.
 * @example
 * createAuthClient({ apiDomain, recipes: [multiFactor(), totp(), passwordless({ contactMethod: 'EMAIL' })] })
 */
export function multiFactor(
  options?: MultiFactorOptions,
): RecipePlugin<{ multiFactor: MultiFactorApi } & Pick<RecipeUi, typeof MFA_UI>> {
  const plugin = multiFactorRecipe(options)
  return (context) => ({ ...plugin(context), [MFA_UI]: mfaUi })
}

/**
 * TOTP authenticator apps as a second factor (docs/RECIPES.md §4.3): `auth.totp`, devices and codes of the signed-in
 * user. Use with `multiFactor()`.
 *
 * @example
 * createAuthClient({ apiDomain, recipes: [multiFactor(), totp()] })
 */
export function totp(): RecipePlugin<{ totp: TotpApi } & Pick<RecipeUi, typeof TOTP_UI>> {
  const plugin = totpRecipe()
  return (context) => ({ ...plugin(context), [TOTP_UI]: totpUi })
}

/**
 * Passkeys (docs/RECIPES.md §5): `auth.webauthn`, sign-up, sign-in (also from the email field's autofill), account
 * recovery and the signed-in user's passkeys; a second factor with `multiFactor()`.
 *
 * @throws AuthError kind `config` when `autofill` is not a boolean.
 * @example
 * createAuthClient({ apiDomain, recipes: [webauthn()] })
 */
export function webauthn(
  options: WebauthnOptions = {},
): RecipePlugin<{ webauthn: WebauthnApi } & Pick<RecipeUi, typeof WEBAUTHN_UI | typeof SIGN_IN_METHODS_UI>> {
  const plugin = webauthnRecipe(options)
  addDefaultTexts(enRecipes)
  addDefaultTexts(enPasskeys)
  return (context) => ({
    ...plugin(context),
    [WEBAUTHN_UI]: { ...webauthnUi, autofill: options.autofill !== false },
    [SIGN_IN_METHODS_UI]: signInMethodsUi,
  })
}
