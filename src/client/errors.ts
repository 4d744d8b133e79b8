/**
 * What went wrong, in terms a caller can act on:
 * - `network`: the request never got an answer (offline, DNS, CORS, aborted by a timeout);
 * - `server`: the backend answered 5xx, or a `GENERAL_ERROR`;
 * - `protocol`: the answer did not follow the protocol (non-JSON body, missing `front-token` on refresh, …);
 * - `config`: the client was configured wrongly (the message names the field and the fix);
 * - `session`: the call needs a session and there is none, or the refresh limit was reached.
 */
export type AuthErrorKind = 'network' | 'server' | 'protocol' | 'config' | 'session'

/** The only error type authfront throws or rejects with. */
export class AuthError extends Error {
  override readonly name = 'AuthError'
  readonly kind: AuthErrorKind
  /** The HTTP response, when there was one. Its body may already be consumed. */
  readonly response: Response | undefined

  constructor(kind: AuthErrorKind, message: string, options: { response?: Response; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.kind = kind
    this.response = options.response
  }
}

/** True for an `AuthError`, also across bundle copies (checks the shape, not the prototype). */
export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError || (value instanceof Error && value.name === 'AuthError' && 'kind' in value)
}

/** Internal shorthand for `new AuthError(kind, message, { response, cause })`. */
export const authError = (kind: AuthErrorKind, message: string, response?: Response, cause?: unknown): AuthError =>
  new AuthError(kind, message, { response, cause })
