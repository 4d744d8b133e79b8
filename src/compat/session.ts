/**
 * The official session recipe (`supertokens-web-js/recipe/session`) as calls on the client `SuperTokens.init`
 * created. Each is one authfront session call (docs/PROTOCOL.md §5.8); `userContext` is accepted and ignored.
 */
import { authError } from '../client/errors'
import type { ClaimValidationError, ClaimValidator, SessionClaim } from '../client/types'
import { compatClient } from './superTokens'
import type { CompatRecipe, SessionConfig, UserContext } from './superTokens'

/** The `{ userContext }` argument every official function takes. */
type Input = { userContext?: UserContext } | undefined

/** The official session recipe's functions, with their names and arguments. */
export const Session = {
  /** For `recipeList`: the session options (see `SessionConfig`). */
  init: (config: SessionConfig = {}): CompatRecipe => ({ recipeId: 'session', config }),
  /** True when a session exists; refreshes first when the access token is known to be expired. */
  doesSessionExist: (_input?: Input): Promise<boolean> => compatClient().session.exists(),
  /** Rejects with `AuthError` kind `session` without a session. */
  getUserId: (_input?: Input): Promise<string> => compatClient().session.getUserId(),
  /** The access token in header mode (or when the backend exposes it); undefined otherwise or without a session. */
  getAccessToken: (_input?: Input): Promise<string | undefined> => compatClient().session.getAccessToken(),
  /** The access token payload, refreshed first when the token is known to be expired. */
  getAccessTokenPayloadSecurely: (_input?: Input): Promise<Record<string, unknown>> =>
    compatClient().session.getAccessTokenPayload(),
  /** Runs the shared refresh: true when a session exists afterwards, false when it ended. */
  attemptRefreshingSession: (): Promise<boolean> => compatClient().session.refresh(),
  /** `POST /signout`; fires `SIGN_OUT`. */
  signOut: (_input?: Input): Promise<void> => compatClient().session.signOut(),
  /**
   * Runs the global claim validators, or those `overrideGlobalClaimValidators` picks, and returns the failed claims.
   */
  validateClaims: (input?: {
    overrideGlobalClaimValidators?: (globals: ClaimValidator[], userContext: UserContext) => ClaimValidator[]
    userContext?: UserContext
  }): Promise<ClaimValidationError[]> => {
    const override = input?.overrideGlobalClaimValidators
    return compatClient().session.validateClaims(
      override && { validators: (globals) => override([...globals], input?.userContext ?? {}) },
    )
  },
  /** The claim's value in the access token payload, or undefined. */
  getClaimValue: <TValue>(input: { claim: SessionClaim<TValue>; userContext?: UserContext }) =>
    compatClient().session.getClaimValue(input.claim),
  /** The failed claims a 403 from the app's API lists: a fetch `Response` or an axios-style `{ data }`. */
  getInvalidClaimsFromResponse: (input: { response: Response | { data: unknown }; userContext?: UserContext }) =>
    compatClient().session.getInvalidClaimsFromResponse(input.response),
  /**
   * Not supported: authfront does not patch XMLHttpRequest. Give axios the fetch adapter, whose requests the global
   * patch handles: `axios.create({ adapter: 'fetch' })`.
   *
   * @throws AuthError kind `config`, always.
   */
  addAxiosInterceptors: (_axiosInstance: unknown, _userContext?: UserContext): never => {
    throw authError(
      'config',
      "authfront/compat: addAxiosInterceptors is not supported: use axios's fetch adapter, axios.create({ adapter: 'fetch' }), which the global fetch patch handles. See docs/MIGRATING.md.",
    )
  },
}
