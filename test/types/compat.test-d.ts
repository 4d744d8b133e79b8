import { describe, expectTypeOf, test } from 'vitest'
import { EmailPassword, PrimitiveClaim, Session, SuperTokens } from 'authfront/compat'
import type { SessionEvent } from 'authfront/compat'

const formFields = [{ id: 'email', value: 'a@b.c' }]

describe('authfront/compat keeps the official types where code relies on them', () => {
  test('signIn narrows by status to the official fields; fetchResponse is gone, so its users see it', async () => {
    const result = await EmailPassword.signIn({ formFields })
    if (result.status === 'OK') expectTypeOf(result.user.emails).toEqualTypeOf<string[]>()
    if (result.status === 'FIELD_ERROR')
      expectTypeOf(result.formFields).toEqualTypeOf<{ id: string; error: string }[]>()
    if (result.status === 'SIGN_IN_NOT_ALLOWED') expectTypeOf(result.reason).toEqualTypeOf<string>()
    // @ts-expect-error: authfront results carry no fetchResponse (docs/MIGRATING.md)
    void result.fetchResponse
  })

  test('onHandleEvent narrows by action', () => {
    SuperTokens.init({
      appInfo: { appName: 'a', apiDomain: 'https://api.example.com' },
      recipeList: [
        Session.init({
          onHandleEvent: (event: SessionEvent) => {
            if (event.action === 'UNAUTHORISED') expectTypeOf(event.sessionExpiredOrRevoked).toEqualTypeOf<boolean>()
            if (event.action === 'API_INVALID_CLAIM') expectTypeOf(event.claimValidationErrors).toBeArray()
          },
        }),
      ],
    })
  })

  test('getClaimValue takes the value type of its claim; refused options do not type-check', async () => {
    const Plan = PrimitiveClaim<'free' | 'pro'>({ id: 'plan' })
    expectTypeOf(await Session.getClaimValue({ claim: Plan })).toEqualTypeOf<'free' | 'pro' | undefined>()
    // @ts-expect-error: preAPIHook is refused (docs/MIGRATING.md)
    Session.init({ preAPIHook: async (context: unknown) => context })
  })
})
