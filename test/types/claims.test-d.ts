import { describe, expectTypeOf, test } from 'vitest'
import { BooleanClaim, PrimitiveArrayClaim, PrimitiveClaim, UserRoleClaim } from 'authfront'
import type { AuthClient, ClaimValidationError, ClaimValidator, SessionAuthOptions } from 'authfront'

declare const auth: AuthClient

describe('a validator takes the value type of its claim', () => {
  test('PrimitiveClaim<T>.hasValue accepts only T', () => {
    const Role = PrimitiveClaim<'admin' | 'user'>({ id: 'role' })
    expectTypeOf(Role.validators.hasValue('admin')).toEqualTypeOf<ClaimValidator>()
    // @ts-expect-error: not a value of the claim
    Role.validators.hasValue('root')
    const Level = new PrimitiveClaim<number>({ id: 'level' })
    // @ts-expect-error: a string for a number claim
    Level.validators.hasValue('1')
  })

  test('PrimitiveArrayClaim<T> builders accept T and T[] only', () => {
    const Teams = PrimitiveArrayClaim<'ops' | 'dev'>({ id: 'teams' })
    Teams.validators.includes('ops')
    Teams.validators.includesAny(['ops', 'dev'], 60)
    // @ts-expect-error: not a team
    Teams.validators.excludes('sales')
    // @ts-expect-error: includesAll takes an array
    Teams.validators.includesAll('ops')
    // @ts-expect-error: not a team
    Teams.validators.excludesAll(['ops', 'sales'])
  })

  test('BooleanClaim: isTrue/isFalse take an optional maxAge, hasValue a boolean', () => {
    const Paid = BooleanClaim({ id: 'paid' })
    Paid.validators.isTrue()
    Paid.validators.isFalse(60)
    // @ts-expect-error: a boolean claim
    Paid.validators.hasValue('yes')
  })

  test('getClaimValue returns the claim value type', () => {
    expectTypeOf(auth.session.getClaimValue(UserRoleClaim)).resolves.toEqualTypeOf<string[] | undefined>()
    expectTypeOf(auth.session.getClaimValue(BooleanClaim({ id: 'paid' }))).resolves.toEqualTypeOf<boolean | undefined>()
    const Role = PrimitiveClaim<'admin' | 'user'>({ id: 'role' })
    expectTypeOf(auth.session.getClaimValue(Role)).resolves.toEqualTypeOf<'admin' | 'user' | undefined>()
    expectTypeOf(Role.getValueFromPayload({})).toEqualTypeOf<'admin' | 'user' | undefined>()
  })

  test('validators fit the config, validateClaims and a guard', () => {
    const isAdmin = UserRoleClaim.validators.includes('admin')
    expectTypeOf(
      auth.session.validateClaims({ validators: (globals) => [...globals, isAdmin] }),
    ).resolves.toEqualTypeOf<ClaimValidationError[]>()
    expectTypeOf((globals: readonly ClaimValidator[]) => [...globals, isAdmin]).toExtend<
      NonNullable<SessionAuthOptions['claimValidators']>
    >()
    expectTypeOf(auth.session.getInvalidClaimsFromResponse).parameter(0).toEqualTypeOf<Response | { data: unknown }>()
  })
})
