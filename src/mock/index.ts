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
export { generateTotp } from './totp'
export { defaultEmailValidator, defaultPasswordValidator } from './validation'
export { createSoftAuthenticator } from './webauthnAuthenticator'
export { createSoftWebAuthn } from './softWebAuthn'
export type { SoftCreateRequest, SoftGetRequest, SoftWebAuthn, SoftWebAuthnOptions } from './softWebAuthn'
export type {
  MockBackend,
  MockConsentPage,
  MockCookieJar,
  MockOutbox,
  MockResolver,
  MockSessionsApi,
  MockTotpApi,
  MockUsersApi,
  ProtectedResolver,
  ProtectedResolverInfo,
  ResolvedMockOptions,
} from './createMockBackend'
export type {
  FailOptions,
  FaultScope,
  MockControls,
  MockMultiFactorControls,
  MockTotpControls,
  RequestMatcher,
} from './controls'
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
export type { TotpOptions } from './totp'
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
  MockLinkedLoginMethod,
  MockMultiFactorOptions,
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
  MockTotpDevice,
  MockUser,
  MockWebauthnOptions,
  ProtectOptions,
  VerifiedSession,
} from './types'
