import { describe, expectTypeOf, test } from 'vitest'
import { createAuthClient, multiFactor, passwordless, totp, webauthn } from 'authfront'
import type {
  CreateCodeInput,
  FactorId,
  GeneralError,
  LoginAttempt,
  MfaClaim,
  MfaInfo,
  MultiFactorApi,
  RecoverAccountResult,
  TotpApi,
  User,
  VerifyTotpCodeResult,
  VerifyTotpDeviceResult,
  WebauthnApi,
  WebauthnBrowserError,
  WebauthnSignInResult,
  WebauthnSignUpResult,
} from 'authfront'

const auth = createAuthClient({ apiDomain: 'https://api.test', recipes: [multiFactor(), totp(), webauthn()] })

describe('the factor plugins type the client', () => {
  test('each plugin adds its member; an app without it has none', () => {
    expectTypeOf(auth.multiFactor).toEqualTypeOf<MultiFactorApi>()
    expectTypeOf(auth.totp).toEqualTypeOf<TotpApi>()
    expectTypeOf(auth.webauthn).toEqualTypeOf<WebauthnApi>()
    const plain = createAuthClient({ apiDomain: 'https://api.test', recipes: [totp()] })
    // @ts-expect-error: multiFactor() was not passed
    void plain.multiFactor
    // @ts-expect-error: webauthn() was not passed
    void plain.webauthn
  })

  test('options are checked', () => {
    multiFactor({ factors: ['totp', 'otp-email', 'custom-factor'] })
    webauthn({ autofill: false })
    // @ts-expect-error: factors are ids
    multiFactor({ factors: 'totp' })
    // @ts-expect-error: totp() takes no options
    totp({})
  })
})

describe('result unions', () => {
  test('mfa', () => {
    expectTypeOf(auth.multiFactor.getInfo()).resolves.toEqualTypeOf<MfaInfo | GeneralError>()
    expectTypeOf(auth.multiFactor.getClaim()).resolves.toEqualTypeOf<MfaClaim | undefined>()
    expectTypeOf(auth.multiFactor.nextPath).returns.toEqualTypeOf<string | undefined>()
    expectTypeOf(auth.multiFactor.factors).toEqualTypeOf<readonly FactorId[]>()
  })

  test('totp: attempt counts and retryAfterMs only on their statuses', () => {
    expectTypeOf<VerifyTotpCodeResult>().toEqualTypeOf<
      | { status: 'OK' }
      | { status: 'UNKNOWN_USER_ID_ERROR' }
      | { status: 'INVALID_TOTP_ERROR'; currentNumberOfFailedAttempts: number; maxNumberOfFailedAttempts: number }
      | { status: 'LIMIT_REACHED_ERROR'; retryAfterMs: number }
      | GeneralError
    >()
    const narrow = (result: VerifyTotpDeviceResult) => {
      if (result.status === 'INVALID_TOTP_ERROR') {
        expectTypeOf(result.maxNumberOfFailedAttempts - result.currentNumberOfFailedAttempts).toBeNumber()
      } else if (result.status === 'LIMIT_REACHED_ERROR') expectTypeOf(result.retryAfterMs).toBeNumber()
      else if (result.status === 'OK') expectTypeOf(result.wasAlreadyVerified).toBeBoolean()
    }
    void narrow
  })

  test('webauthn: browser errors are part of every ceremony result', () => {
    expectTypeOf(auth.webauthn.signUp({ email: 'a@b.com' })).resolves.toEqualTypeOf<WebauthnSignUpResult>()
    expectTypeOf(auth.webauthn.signIn()).resolves.toEqualTypeOf<WebauthnSignInResult>()
    expectTypeOf<WebauthnBrowserError>().toMatchTypeOf<WebauthnSignUpResult>()
    expectTypeOf<WebauthnBrowserError>().toMatchTypeOf<WebauthnSignInResult>()
    expectTypeOf<WebauthnBrowserError>().toMatchTypeOf<RecoverAccountResult>()
    const narrow = (result: WebauthnSignInResult) => {
      if (result.status === 'OK') expectTypeOf(result.user).toEqualTypeOf<User>()
      if (result.status === 'SECURITY_ERROR') expectTypeOf(result.message).toBeString()
    }
    void narrow
    auth.webauthn.signIn({ mediation: 'conditional', signal: new AbortController().signal })
    // @ts-expect-error: only conditional or optional mediation
    auth.webauthn.signIn({ mediation: 'silent' })
  })

  test('passwordless as a second factor', () => {
    expectTypeOf<CreateCodeInput>().toMatchTypeOf<{ shouldTryLinkingWithSessionUser?: boolean }>()
    expectTypeOf<LoginAttempt['shouldTryLinkingWithSessionUser']>().toEqualTypeOf<boolean>()
    const pl = createAuthClient({ apiDomain: 'https://api.test', recipes: [passwordless({ contactMethod: 'EMAIL' })] })
    void pl.passwordless.createCode({ email: 'a@b.com', shouldTryLinkingWithSessionUser: true })
  })
})
