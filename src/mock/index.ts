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
export { createSoftAuthenticator } from './webauthnAuthenticator'
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
export type {
  SoftAuthenticationResponse,
  SoftAuthenticator,
  SoftAuthenticatorOptions,
  SoftCeremonyOverrides,
  SoftCreateOptions,
  SoftCredential,
  SoftGetOptions,
  SoftRegistrationResponse,
} from './webauthnAuthenticator'
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
  MockWebauthnOptions,
  ProtectOptions,
  VerifiedSession,
} from './types'
