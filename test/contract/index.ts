/**
 * The contract suites every binding runs. A binding's test file passes one render function:
 *
 *   runContracts(render)            // all four suites
 *   signInUpContract(render)        // or one at a time
 *   recipeContracts(renderRecipes)  // the login-recipe screens (issue 16), not yet in runContracts: bindings opt in
 *   mfaContracts(renderMfa)         // the second-factor screens and MfaSettings (issue 17), likewise
 */
import type { ContractRender } from './harness'
import { emailVerificationContract } from './emailVerification.contract'
import { resetPasswordContract } from './resetPassword.contract'
import { sessionAuthContract } from './sessionAuth.contract'
import { signInUpContract } from './signInUp.contract'
import { recipeContracts } from './recipes.contract'
import { mfaContracts } from './mfa.contract'

export {
  signInUpContract,
  resetPasswordContract,
  emailVerificationContract,
  sessionAuthContract,
  recipeContracts,
  mfaContracts,
}
export { normalizeMarkup, screenRoot, expectMarkup } from './markup'
export { axeViolations } from './axe'
export { ADA, createCase, createManualClock, useContractServer } from './harness'
export type { ContractCase, ContractComponent, ContractRender, RenderRequest, Rendered } from './harness'
export type { RecipeComponent, RecipeContractRender, RecipeRenderRequest } from './recipes.contract'
export type { MfaComponent, MfaContractRender, MfaRenderRequest } from './mfa.contract'
export { tryRefreshContract } from './tryRefresh.contract'
export type { TryRefreshContractRender, TryRefreshRenderRequest } from './tryRefresh.contract'

/** Runs every contract suite with one render function. */
export function runContracts(render: ContractRender, options: { markup?: boolean } = {}): void {
  signInUpContract(render, options)
  resetPasswordContract(render, options)
  emailVerificationContract(render, options)
  sessionAuthContract(render, options)
}
