/**
 * The claim classes (src/claims.ts): each validator builder against payloads, then the whole path over the wire
 * against the mock backend: maxAge refreshes before judging, a failed refresh is not fatal, `getClaimValue`, and
 * `getInvalidClaimsFromResponse` on real and malformed 403 bodies.
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import {
  BooleanClaim,
  PermissionClaim,
  PrimitiveArrayClaim,
  PrimitiveClaim,
  UserRoleClaim,
  isAuthError,
} from 'authfront'
import type { ClaimValidator } from 'authfront'
import { createMockBackend } from 'authfront/mock'
import { createFakeClock, createTab } from './helpers'

const NOW = Date.UTC(2026, 0, 1)
/** A payload holding `value` for claim `id`, fetched `ageInSeconds` before `NOW`. */
const payloadWith = (id: string, value: unknown, ageInSeconds = 0) => ({
  [id]: { v: value, t: NOW - ageInSeconds * 1000 },
})
const verdict = (validator: ClaimValidator, payload: Record<string, unknown>) => validator.validate(payload, NOW)
const wrong = (expected: Record<string, unknown>, actualValue: unknown) => ({
  isValid: false,
  reason: { message: 'wrong value', ...expected, actualValue },
})
const missing = (expected: Record<string, unknown>) => ({
  isValid: false,
  reason: { message: 'value does not exist', ...expected, actualValue: undefined },
})
const valid = { isValid: true }

describe('validator builders', () => {
  test('BooleanClaim: isTrue and isFalse', () => {
    const paid = BooleanClaim({ id: 'paid' })
    expect(verdict(paid.validators.isTrue(), payloadWith('paid', true))).toEqual(valid)
    expect(verdict(paid.validators.isTrue(), payloadWith('paid', false))).toEqual(wrong({ expectedValue: true }, false))
    expect(verdict(paid.validators.isTrue(), {})).toEqual(missing({ expectedValue: true }))
    expect(verdict(paid.validators.isFalse(), payloadWith('paid', false))).toEqual(valid)
    expect(verdict(paid.validators.isFalse(), payloadWith('paid', true))).toEqual(wrong({ expectedValue: false }, true))
    expect(paid.validators.isTrue().id).toBe('paid')
  })

  test('PrimitiveClaim: hasValue compares with ===', () => {
    const plan = PrimitiveClaim<string>({ id: 'plan' })
    expect(verdict(plan.validators.hasValue('pro'), payloadWith('plan', 'pro'))).toEqual(valid)
    expect(verdict(plan.validators.hasValue('pro'), payloadWith('plan', 'free'))).toEqual(
      wrong({ expectedValue: 'pro' }, 'free'),
    )
    const level = PrimitiveClaim<number>({ id: 'level' })
    expect(verdict(level.validators.hasValue(1), payloadWith('level', '1'))).toEqual(wrong({ expectedValue: 1 }, '1'))
    expect(verdict(level.validators.hasValue(1), {})).toEqual(missing({ expectedValue: 1 }))
  })

  test('PrimitiveArrayClaim: includes, excludes, includesAll, includesAny, excludesAll', () => {
    const roles = PrimitiveArrayClaim<string>({ id: 'roles' })
    const { includes, excludes, includesAll, includesAny, excludesAll } = roles.validators
    const has = (value: string[]) => payloadWith('roles', value)
    const cases: [ClaimValidator, string[], unknown][] = [
      [includes('admin'), ['user', 'admin'], valid],
      [includes('admin'), ['user'], wrong({ expectedToInclude: 'admin' }, ['user'])],
      [excludes('banned'), ['user'], valid],
      [excludes('banned'), ['banned'], wrong({ expectedToNotInclude: 'banned' }, ['banned'])],
      [includesAll(['a', 'b']), ['b', 'c', 'a'], valid],
      [includesAll(['a', 'b']), ['a'], wrong({ expectedToInclude: ['a', 'b'] }, ['a'])],
      [includesAny(['a', 'b']), ['c', 'b'], valid],
      [includesAny(['a', 'b']), ['c'], wrong({ expectedToIncludeAtLeastOneOf: ['a', 'b'] }, ['c'])],
      [excludesAll(['a', 'b']), ['c'], valid],
      [excludesAll(['a', 'b']), ['c', 'b'], wrong({ expectedToNotInclude: ['a', 'b'] }, ['c', 'b'])],
    ]
    for (const [validator, value, expected] of cases) expect(verdict(validator, has(value))).toEqual(expected)
    expect(verdict(includes('admin'), {})).toEqual(missing({ expectedToInclude: 'admin' }))
    expect(verdict(includesAny(['a']), {})).toEqual(missing({ expectedToIncludeAtLeastOneOf: ['a'] }))
    expect(verdict(excludesAll(['a']), {})).toEqual(missing({ expectedToNotInclude: ['a'] }))
    // A value of the wrong kind is no value: it is refreshed, then reported missing.
    expect(verdict(includes('admin'), payloadWith('roles', 'admin'))).toEqual(missing({ expectedToInclude: 'admin' }))
    expect(includes('admin').shouldRefresh?.(payloadWith('roles', 'admin'), NOW)).toBe(true)
  })

  test('maxAgeInSeconds: an older value asks for a refresh, and is judged expired', () => {
    const roles = PrimitiveArrayClaim<string>({ id: 'roles' })
    const fresh = roles.validators.includes('admin', 60)
    expect(fresh.shouldRefresh?.(payloadWith('roles', ['admin'], 60), NOW)).toBe(false)
    expect(verdict(fresh, payloadWith('roles', ['admin'], 60))).toEqual(valid)
    expect(fresh.shouldRefresh?.(payloadWith('roles', ['admin'], 61), NOW)).toBe(true)
    expect(verdict(fresh, payloadWith('roles', ['admin'], 61))).toEqual({
      isValid: false,
      reason: { message: 'expired', ageInSeconds: 61, maxAgeInSeconds: 60 },
    })
    // Without a time the age is unknown: too old for any maxAge.
    expect(verdict(fresh, { roles: { v: ['admin'] } })).toMatchObject({ reason: { ageInSeconds: Infinity } })
    // Missing values are refreshed with or without maxAge; present ones only with it.
    expect(roles.validators.includes('admin').shouldRefresh?.({}, NOW)).toBe(true)
    expect(roles.validators.includes('admin').shouldRefresh?.(payloadWith('roles', [], 1e6), NOW)).toBe(false)
  })

  test('defaultMaxAgeInSeconds applies when a builder gets none; the id can be overridden', () => {
    const paid = BooleanClaim({ id: 'paid', defaultMaxAgeInSeconds: 30 })
    expect(verdict(paid.validators.isTrue(), payloadWith('paid', true, 31))).toMatchObject({
      reason: { message: 'expired', maxAgeInSeconds: 30 },
    })
    expect(verdict(paid.validators.isTrue(300), payloadWith('paid', true, 31))).toEqual(valid)
    expect(paid.validators.isTrue(undefined, 'paid-check').id).toBe('paid-check')
  })

  test('bad options fail at creation with AuthError kind config', () => {
    const config = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        return isAuthError(error) && error.kind === 'config' ? error.message : `not a config AuthError: ${error}`
      }
      return 'did not throw'
    }
    // The client ignores clock skews below 7 s, so a shorter maxAge cannot be judged (docs/PROTOCOL.md §5.9).
    expect(config(() => BooleanClaim({ id: 'paid' }).validators.isTrue(5))).toMatch(
      /maxAgeInSeconds must be at least 7/,
    )
    expect(config(() => PrimitiveClaim({ id: 'plan', defaultMaxAgeInSeconds: 1 }))).toMatch(/at least 7/)
    expect(config(() => PrimitiveArrayClaim({ id: '' }))).toMatch(/`id` must be a non-empty string/)
  })

  test('the factories also work with new, as in the official SDK', () => {
    const roles = new PrimitiveArrayClaim<string>({ id: 'roles' })
    const paid = new BooleanClaim({ id: 'paid' })
    const plan = new PrimitiveClaim<string>({ id: 'plan' })
    expect(verdict(roles.validators.includes('a'), payloadWith('roles', ['a']))).toEqual(valid)
    expect(verdict(paid.validators.isFalse(), payloadWith('paid', false))).toEqual(valid)
    expect(plan.getValueFromPayload(payloadWith('plan', 'pro'))).toBe('pro')
  })

  test('getValueFromPayload and getLastFetchedTime read { v, t }', () => {
    expect(UserRoleClaim.getValueFromPayload({ 'st-role': { v: ['admin'], t: 5 } })).toEqual(['admin'])
    expect(UserRoleClaim.getLastFetchedTime({ 'st-role': { v: ['admin'], t: 5 } })).toBe(5)
    expect(UserRoleClaim.getValueFromPayload({})).toBeUndefined()
    expect(UserRoleClaim.getLastFetchedTime({ 'st-role': null })).toBeUndefined()
    expect(PermissionClaim.getValueFromPayload({ 'st-perm': { v: ['read'], t: 5 } })).toEqual(['read'])
  })

  test('UserRoleClaim and PermissionClaim: the user-roles recipe ids, refresh does nothing', async () => {
    expect([UserRoleClaim.id, PermissionClaim.id]).toEqual(['st-role', 'st-perm'])
    const fetch = vi.spyOn(globalThis, 'fetch')
    try {
      await expect(UserRoleClaim.validators.includes('admin').refresh?.()).resolves.toBeUndefined()
      await expect(PermissionClaim.refresh()).resolves.toBeUndefined()
      expect(fetch).not.toHaveBeenCalled()
    } finally {
      fetch.mockRestore()
    }
  })
})

const API = 'http://claims-api.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/**
 * The mock backend with two app endpoints: `POST /api/roles/refresh` writes `roles` into the `st-role` claim (what an
 * app's "refresh my roles" API does), `GET /api/admin` answers 403 unless the claim includes `admin`.
 */
function setup(claimValidators?: readonly ClaimValidator[]) {
  const clock = createFakeClock(Date.now())
  const backend = createMockBackend({ apiDomain: API, now: clock.now, users: [ADA] })
  const roles = { current: ['user'] }
  const paths: string[] = []
  server.events.removeAllListeners()
  server.events.on('request:start', ({ request }) => void paths.push(new URL(request.url).pathname))
  server.use(
    ...backend.handlers,
    http.post(
      `${API}/api/roles/refresh`,
      backend.protect(({ session }) => {
        session.mergeIntoAccessTokenPayload({ 'st-role': { v: roles.current, t: clock.now() } })
        return HttpResponse.json({ status: 'OK' })
      }),
    ),
    http.get(
      `${API}/api/admin`,
      backend.protect(() => HttpResponse.json({ secret: 42 }), {
        claims: [
          {
            id: 'st-role',
            validate: (payload) => {
              const actualValue = (payload['st-role'] as { v?: string[] } | undefined)?.v
              return actualValue?.includes('admin')
                ? undefined
                : { message: 'wrong value', expectedToInclude: 'admin', actualValue }
            },
          },
        ],
      }),
    ),
  )
  const tab = createTab(clock, { apiDomain: API, ...(claimValidators && { claimValidators }) })
  const refreshRoles = async () => {
    const response = await tab.client.doFetch(`${API}/api/roles/refresh`, { method: 'POST' })
    if (!response.ok) throw new Error(`roles refresh: HTTP ${response.status}`)
  }
  const RoleClaim = PrimitiveArrayClaim<string>({ id: 'st-role', refresh: refreshRoles })
  const signIn = async () => expect((await tab.client.emailPassword.signIn(ADA)).status).toBe('OK')
  return { clock, backend, tab, roles, paths, RoleClaim, refreshRoles, signIn }
}
const ADA = { email: 'ada@example.com', password: 'password1' }

describe('against the mock backend', () => {
  test('maxAgeInSeconds refreshes the claim before judging, and only when it is too old', async () => {
    const { clock, tab, roles, paths, RoleClaim, signIn } = setup()
    await signIn()
    const isAdmin = RoleClaim.validators.includes('admin', 60)
    const check = () => tab.client.session.validateClaims({ validators: () => [isAdmin] })
    roles.current = ['admin']
    paths.length = 0
    // Missing from the token: fetched first, then judged on the fresh value.
    expect(await check()).toEqual([])
    expect(paths).toEqual(['/api/roles/refresh'])

    paths.length = 0
    clock.advance(59_000)
    expect(await check()).toEqual([])
    expect(paths).toEqual([])

    // Too old: fetched again; the backend has taken the role away meanwhile.
    roles.current = ['user']
    clock.advance(2_000)
    expect(await check()).toEqual([
      { id: 'st-role', reason: { message: 'wrong value', expectedToInclude: 'admin', actualValue: ['user'] } },
    ])
    expect(paths).toEqual(['/api/roles/refresh'])
  })

  test('a failed claim refresh is not fatal: the validator judges what the token holds', async () => {
    const { clock, backend, tab, roles, RoleClaim, signIn } = setup()
    await signIn()
    const isAdmin = RoleClaim.validators.includes('admin', 60)
    const check = () => tab.client.session.validateClaims({ validators: () => [isAdmin] })
    backend.controls.failNext({ match: '/api/roles/refresh' })
    expect(await check()).toEqual([
      {
        id: 'st-role',
        reason: { message: 'value does not exist', expectedToInclude: 'admin', actualValue: undefined },
      },
    ])

    roles.current = ['admin']
    expect(await check()).toEqual([])
    clock.advance(120_000)
    backend.controls.networkErrorNext({ match: '/api/roles/refresh' })
    expect(await check()).toEqual([
      { id: 'st-role', reason: { message: 'expired', ageInSeconds: 120, maxAgeInSeconds: 60 } },
    ])
    // The session survived both failures.
    expect(tab.client.store.getState().status).toBe('signedIn')
  })

  test('global claimValidators with UserRoleClaim: failures reach the store until the backend writes the role', async () => {
    const { tab, roles, refreshRoles, signIn } = setup([UserRoleClaim.validators.includes('admin')])
    await signIn()
    const failure = {
      id: 'st-role',
      reason: { message: 'value does not exist', expectedToInclude: 'admin', actualValue: undefined },
    }
    expect(await tab.client.session.validateClaims()).toEqual([failure])
    expect(tab.client.store.getState().invalidClaims).toEqual([failure])
    roles.current = ['admin', 'user']
    await refreshRoles()
    expect(await tab.client.session.validateClaims()).toEqual([])
    expect(tab.client.store.getState().invalidClaims).toEqual([])
  })

  test('getClaimValue reads the claim from the payload, refreshing an expired session first', async () => {
    const { clock, tab, roles, paths, refreshRoles, signIn } = setup()
    await expect(tab.client.session.getClaimValue(UserRoleClaim)).rejects.toMatchObject({ kind: 'session' })
    await signIn()
    expect(await tab.client.session.getClaimValue(UserRoleClaim)).toBeUndefined()
    roles.current = ['editor']
    await refreshRoles()
    expect(await tab.client.session.getClaimValue(UserRoleClaim)).toEqual(['editor'])
    clock.advance(2 * 3_600_000)
    paths.length = 0
    expect(await tab.client.session.getClaimValue(UserRoleClaim)).toEqual(['editor'])
    expect(paths).toEqual(['/auth/session/refresh'])
  })

  test('getInvalidClaimsFromResponse reads a 403 from the app API and leaves its body readable', async () => {
    const { tab, signIn } = setup()
    await signIn()
    const response = await tab.client.doFetch(`${API}/api/admin`)
    expect(response.status).toBe(403)
    const expected = [
      { id: 'st-role', reason: { message: 'wrong value', expectedToInclude: 'admin', actualValue: undefined } },
    ]
    expect(await tab.client.session.getInvalidClaimsFromResponse(response)).toEqual(expected)
    const body = await response.json()
    expect(body.message).toBe('invalid claim')
    // axios hands over the parsed body, or its text.
    expect(await tab.client.session.getInvalidClaimsFromResponse({ data: body })).toEqual(expected)
    expect(await tab.client.session.getInvalidClaimsFromResponse({ data: JSON.stringify(body) })).toEqual(expected)
  })

  test('getInvalidClaimsFromResponse: malformed bodies give []', async () => {
    const { tab } = setup()
    const read = (response: Response | { data: unknown }) => tab.client.session.getInvalidClaimsFromResponse(response)
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 403 })
    expect(await read(new Response('<html>Forbidden</html>', { status: 403 }))).toEqual([])
    expect(await read(new Response(null, { status: 403 }))).toEqual([])
    expect(await read(json(null))).toEqual([])
    expect(await read(json({ message: 'invalid claim' }))).toEqual([])
    expect(await read(json({ claimValidationErrors: 'st-role' }))).toEqual([])
    expect(await read(json({ claimValidationErrors: [null, 7, { id: 5 }, { id: 'st-perm' }] }))).toEqual([
      { id: 'st-perm' },
    ])
    const consumed = json({ claimValidationErrors: [{ id: 'st-role' }] })
    await consumed.text()
    expect(await read(consumed)).toEqual([])
    expect(await read({ data: undefined })).toEqual([])
    expect(await read({ data: 'not json' })).toEqual([])
    expect(await read({ data: 42 })).toEqual([])
  })
})
