export { createSessionVerifier } from './createSessionVerifier'
export { AuthError, isAuthError } from '../client/errors'

export type {
  AccessTokenPayload,
  ServerSession,
  ServerSessionResult,
  ServerSignedOut,
  ServerTryRefresh,
  SessionVerifier,
  SessionVerifierConfig,
} from './createSessionVerifier'
export type { SessionRequest } from './requestTokens'
export type { AuthErrorKind } from '../client/errors'
