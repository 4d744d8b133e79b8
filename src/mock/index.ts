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
  MockConsentPage,
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
  MockLinkEmail,
  MockPasswordlessMessage,
  MockPasswordlessOptions,
  MockProviderConfig,
  MockProviderUser,
  MockSeedUser,
  MockSession,
  MockSignUpField,
  MockStorage,
  MockTenantConfig,
  MockThirdPartyOptions,
  MockTokenTransferMethod,
  MockUser,
  ProtectOptions,
  VerifiedSession,
} from './types'
