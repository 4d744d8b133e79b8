/**
 * The URLs the hydration tests of every binding render on the server and hydrate in the DOM: the pages users land
 * on from an email, a provider or a link with a query. Each with the screen it shows once hydrated.
 */
export const HYDRATION_PAGES: readonly (readonly [name: string, url: string, after: RegExp])[] = [
  ['sign-in', '/auth', /data-af-screen="signIn"/],
  ['sign-up', '/auth?show=signup', /data-af-screen="signUp"/],
  ['sign-in with redirectToPath', '/auth?redirectToPath=%2Forders', /data-af-screen="signIn"/],
  ['reset password with a token', '/auth/reset-password?token=RESET', /data-af-screen="newPassword"/],
  ['email verification with a token', '/auth/verify-email?token=VERIFY', /data-af-screen="(success|invalidToken)"/],
  ['magic link landing', '/auth/verify?preAuthSessionId=P&tenantId=public#LINK', /data-af-screen="(confirm|error)"/],
  ['third-party callback', '/auth/callback/google?code=C&state=S', /data-af-screen="(busy|error)"/],
]
