/**
 * The login-recipe plugins as apps import them (docs/ARCHITECTURE.md "Recipe plugins"): each is the recipe's client
 * calls (src/recipes) plus what the prebuilt screens need of it (src/flows/recipeUi.ts) and its English texts. An app
 * that does not import a plugin bundles none of this; one that does pays for its screens even when it renders its own
 * UI (a few hundred bytes; the recipe modules alone are `src/recipes/*` for custom builds).
 */
import { dynamicMethods, signInMethodsUi } from './flows/firstFactors'
import { addDefaultTexts } from './flows/messages'
import { passwordlessUi } from './flows/passwordlessPart'
import { enRecipes } from './flows/recipeMessages'
import { LOGIN_METHODS_UI, PASSWORDLESS_UI, SIGN_IN_METHODS_UI } from './flows/recipeUi'
import type { RecipeUi } from './flows/recipeUi'
import { multitenancy as multitenancyRecipe } from './recipes/multitenancy'
import { passwordless as passwordlessRecipe } from './recipes/passwordless'
import { thirdParty as thirdPartyRecipe } from './recipes/thirdParty'
import type {
  PasswordlessApi,
  PasswordlessOptions,
  RecipeClients,
  RecipePlugin,
  ThirdPartyApi,
  ThirdPartyOptions,
} from './recipes/types'

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
