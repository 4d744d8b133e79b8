// authfront/compat: the official web SDK's names on top of authfront, so an app migrates by changing its imports
// (docs/MIGRATING.md). An app that does not import this entry bundles none of it.
export { SuperTokens } from './superTokens'
export { Session } from './session'
export { EmailPassword, STGeneralError } from './emailPassword'
export { BooleanClaim, PermissionClaim, PrimitiveArrayClaim, PrimitiveClaim, UserRoleClaim } from '../claims'
export { AuthError, isAuthError } from '../client/errors'

export type {
  CompatRecipe,
  EmailPasswordConfig,
  SessionConfig,
  SessionEvent,
  SessionOverridable,
  SuperTokensConfig,
  UserContext,
} from './superTokens'
export type { FormField, FormFieldErrorResult, GeneralAuthError, User } from './emailPassword'
export type { ClaimValidationError, ClaimValidator, SessionClaim } from '../client/types'
