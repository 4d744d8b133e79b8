export { createMockBackend } from './createMockBackend'
export { decodeFrontToken, readFrontTokenHeader } from './tokens'
export {
  createMemoryCookieJar,
  createTestCookieJar,
  documentCookieTarget,
  startSignedIn,
  startSignedOut,
  startUnverified,
  startWithExpiredAccessToken,
} from './testkit'
export { defaultEmailValidator, defaultPasswordValidator } from './validation'
export type {
  MockBackend,
  MockCookieJar,
  MockOutbox,
  MockResolver,
  MockSessionsApi,
  MockUsersApi,
  ProtectedResolver,
  ProtectedResolverInfo,
  ResolvedMockOptions,
} from './createMockBackend'
export type { FailOptions, FaultScope, MockControls, RequestMatcher } from './controls'
export type { FrontendCookieTarget, MemoryCookieJar, TestSession, TestkitOptions } from './testkit'
export type {
  IssuedSession,
  MockAccessTokenPayload,
  MockAntiCsrfMode,
  MockBackendOptions,
  MockClaimValidator,
  MockCookie,
  MockEmail,
  MockEmailVerificationMode,
  MockSeedUser,
  MockSession,
  MockSignUpField,
  MockStorage,
  MockTokenTransferMethod,
  MockUser,
  ProtectOptions,
  VerifiedSession,
} from './types'
