import { describe, expectTypeOf, test } from 'vitest'
import type {
  AuthClient,
  FieldErrorResult,
  GeneralError,
  ResetPasswordResult,
  SendPasswordResetEmailResult,
  SendVerificationEmailResult,
  SignInResult,
  SignUpResult,
  User,
  VerifyEmailResult,
} from 'authfront'
import { createAuthClient, multitenancy, passwordless, thirdParty } from 'authfront'
import type {
  ConsumeCodeResult,
  PasswordlessApi,
  RecipeClients,
  ThirdPartyApi,
  ThirdPartyCallbackResult,
} from 'authfront'
import type { RecipeResult } from '../../src/recipes/request'

type Result<K extends keyof AuthClient['emailPassword']> = Awaited<ReturnType<AuthClient['emailPassword'][K]>>
type VerificationResult<K extends keyof AuthClient['emailVerification']> = Awaited<
  ReturnType<AuthClient['emailVerification'][K]>
>

describe('emailPassword result unions', () => {
  test('signUp', () => {
    expectTypeOf<Result<'signUp'>>().toEqualTypeOf<SignUpResult>()
    expectTypeOf<SignUpResult>().toEqualTypeOf<
      | { status: 'OK'; user: User }
      | { status: 'FIELD_ERROR'; fieldErrors: Record<string, string> }
      | { status: 'SIGN_UP_NOT_ALLOWED'; reason: string }
      | { status: 'GENERAL_ERROR'; message: string }
    >()
  })
  test('signIn', () => {
    expectTypeOf<Result<'signIn'>>().toEqualTypeOf<SignInResult>()
    expectTypeOf<SignInResult>().toEqualTypeOf<
      | { status: 'OK'; user: User }
      | FieldErrorResult
      | { status: 'WRONG_CREDENTIALS_ERROR' }
      | { status: 'SIGN_IN_NOT_ALLOWED'; reason: string }
      | GeneralError
    >()
  })
  test('emailExists is a plain boolean', () => {
    expectTypeOf<Result<'emailExists'>>().toEqualTypeOf<boolean>()
  })
  test('password reset', () => {
    expectTypeOf<Result<'sendPasswordResetEmail'>>().toEqualTypeOf<SendPasswordResetEmailResult>()
    expectTypeOf<SendPasswordResetEmailResult>().toEqualTypeOf<
      { status: 'OK' } | FieldErrorResult | { status: 'PASSWORD_RESET_NOT_ALLOWED'; reason: string } | GeneralError
    >()
    expectTypeOf<Result<'resetPassword'>>().toEqualTypeOf<ResetPasswordResult>()
    expectTypeOf<ResetPasswordResult>().toEqualTypeOf<
      { status: 'OK' } | FieldErrorResult | { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' } | GeneralError
    >()
  })
  test('narrowing on status reaches the fields', () => {
    const use = (result: SignUpResult) => {
      if (result.status === 'OK') expectTypeOf(result.user).toEqualTypeOf<User>()
      if (result.status === 'SIGN_UP_NOT_ALLOWED') expectTypeOf(result.reason).toEqualTypeOf<string>()
      if (result.status === 'FIELD_ERROR') expectTypeOf(result.fieldErrors).toEqualTypeOf<Record<string, string>>()
    }
    expectTypeOf(use).parameter(0).toEqualTypeOf<SignUpResult>()
  })
})

describe('emailVerification result unions', () => {
  test('isVerified is a plain boolean', () => {
    expectTypeOf<VerificationResult<'isVerified'>>().toEqualTypeOf<boolean>()
  })
  test('sendEmail and verify', () => {
    expectTypeOf<VerificationResult<'sendEmail'>>().toEqualTypeOf<SendVerificationEmailResult>()
    expectTypeOf<SendVerificationEmailResult>().toEqualTypeOf<
      { status: 'OK' } | { status: 'EMAIL_ALREADY_VERIFIED_ERROR' } | GeneralError
    >()
    expectTypeOf<VerificationResult<'verify'>>().toEqualTypeOf<VerifyEmailResult>()
    expectTypeOf<VerifyEmailResult>().toEqualTypeOf<
      { status: 'OK' } | { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' } | GeneralError
    >()
  })
})

describe('the recipe layer reads each result union from its statuses string', () => {
  test('the declarations the recipe calls use give exactly the public unions', () => {
    expectTypeOf<RecipeResult<'OK:user SIGN_UP_NOT_ALLOWED:reason=string', true>>().toEqualTypeOf<SignUpResult>()
    expectTypeOf<
      RecipeResult<'OK:user WRONG_CREDENTIALS_ERROR SIGN_IN_NOT_ALLOWED:reason=string', true>
    >().toEqualTypeOf<SignInResult>()
    expectTypeOf<
      RecipeResult<'OK PASSWORD_RESET_NOT_ALLOWED:reason=string', true>
    >().toEqualTypeOf<SendPasswordResetEmailResult>()
    expectTypeOf<RecipeResult<'OK RESET_PASSWORD_INVALID_TOKEN_ERROR', true>>().toEqualTypeOf<ResetPasswordResult>()
    expectTypeOf<RecipeResult<'OK EMAIL_ALREADY_VERIFIED_ERROR'>>().toEqualTypeOf<SendVerificationEmailResult>()
    expectTypeOf<RecipeResult<'OK EMAIL_VERIFICATION_INVALID_TOKEN_ERROR'>>().toEqualTypeOf<VerifyEmailResult>()
  })
  test('plain calls: a boolean field, no GENERAL_ERROR', () => {
    expectTypeOf<RecipeResult<'OK:exists=boolean', false, true>>().toEqualTypeOf<{ status: 'OK'; exists: boolean }>()
  })
  test('several fields, optional fields and every type name', () => {
    expectTypeOf<
      RecipeResult<
        'OK:user,createdNewRecipeUser=boolean,verifier?=string RESTART:count=number,list=object',
        false,
        true
      >
    >().toEqualTypeOf<
      | { status: 'OK'; user: User; createdNewRecipeUser: boolean; verifier?: string }
      | { status: 'RESTART'; count: number; list: Record<string, any> }
    >()
  })
})

describe('recipe plugins type the client from the plugins passed', () => {
  test('each plugin adds its member; none is there without it', () => {
    const auth = createAuthClient({
      apiDomain: 'https://api.example.com',
      recipes: [thirdParty({ providers: ['google'] }), passwordless({ contactMethod: 'EMAIL' }), multitenancy()],
    })
    expectTypeOf(auth.thirdParty).toEqualTypeOf<ThirdPartyApi>()
    expectTypeOf(auth.passwordless).toEqualTypeOf<PasswordlessApi>()
    expectTypeOf(auth.getLoginMethods).toEqualTypeOf<RecipeClients['getLoginMethods']>()
    const plain = createAuthClient({ apiDomain: 'https://api.example.com' })
    expectTypeOf(plain).toEqualTypeOf<AuthClient>()
    expectTypeOf(plain).not.toHaveProperty('thirdParty')
  })
  test('callback and consume results are the typed unions', () => {
    expectTypeOf<Awaited<ReturnType<ThirdPartyApi['handleCallback']>>>().toEqualTypeOf<ThirdPartyCallbackResult>()
    expectTypeOf<Extract<ConsumeCodeResult, { failedCodeInputAttemptCount: number }>>().toEqualTypeOf<{
      status: 'INCORRECT_USER_INPUT_CODE_ERROR' | 'EXPIRED_USER_INPUT_CODE_ERROR'
      failedCodeInputAttemptCount: number
      maximumCodeInputAttempts: number
    }>()
  })
})
