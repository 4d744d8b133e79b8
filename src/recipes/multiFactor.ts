import { authError, isAuthError } from '../client/errors'
import { MFA_CLAIM, MULTI_FACTOR_RID } from '../client/wire'
import type { ClaimValidationResult, GeneralError } from '../client/types'
import { joinPath } from '../flows/redirect'
import type { FactorClients, FactorId, MfaClaim, MfaInfo, MultiFactorApi, MultiFactorOptions } from './factorTypes'
import type { JsonObject } from './request'
import type { RecipeClients, RecipePlugin } from './types'

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

/** The `st-mfa` entry of a payload, when it has the documented shape (docs/RECIPES.md §4.1). */
export function readMfaClaim(payload: Record<string, unknown> | undefined): MfaClaim | undefined {
  const claim = payload?.[MFA_CLAIM] as JsonObject | undefined
  return typeof claim?.c === 'object' && claim.c !== null && typeof claim.v === 'boolean'
    ? { completed: { ...claim.c }, satisfied: claim.v }
    : undefined
}

/** The factor screens other plugins provide, in the order the chooser lists them. */
function providedFactors(client: object & Partial<RecipeClients & FactorClients>): FactorId[] {
  const method = client.passwordless?.contactMethod
  const factors: FactorId[] = client.totp ? ['totp'] : []
  if (method === 'EMAIL' || method === 'EMAIL_OR_PHONE') factors.push('otp-email')
  if (method === 'PHONE' || method === 'EMAIL_OR_PHONE') factors.push('otp-phone')
  if (client.webauthn) factors.push('webauthn')
  return factors
}

/**
 * Where a user with this info goes (docs/RECIPES.md §4.5 step 2): the one factor of `next` this client has a screen
 * for, else the chooser, which also explains a factor with no screen; undefined when MFA is satisfied.
 */
function nextPathOf(info: MfaInfo, factors: readonly FactorId[], websiteBasePath: string): string | undefined {
  const { next } = info.factors
  if (next.length === 0) return undefined
  const own = next.filter((factor) => factors.includes(factor))
  return joinPath(websiteBasePath, own.length === 1 ? `/mfa/${own[0]}` : '/mfa')
}

/**
 * The MultiFactorAuth recipe (docs/RECIPES.md §4): `auth.multiFactor`, and the global `st-mfa` claim validator, so
 * `validateClaims()`, `SessionAuth` and the guards send a user who still owes a factor to its screen.
 *
 * The factor screens default to what the other plugins passed provide, read from the client once every plugin ran
 * (the plugins need not know about MFA, and their order in `recipes` does not matter).
 *
 * @throws AuthError kind `config` at creation when `factors` is not an array of factor ids.
 * @example
 * const auth = createAuthClient({ apiDomain, recipes: [multiFactor(), totp()] })
 * const info = await auth.multiFactor.getInfo()
 * if (info.status === 'OK') navigate(auth.multiFactor.nextPath(info) ?? '/')
 */
export function multiFactor(options: MultiFactorOptions = {}): RecipePlugin<{ multiFactor: MultiFactorApi }> {
  const { factors: configured } = options
  if (configured !== undefined && !isStrings(configured)) {
    throw authError('config', "authfront: multiFactor(): factors must be factor ids, e.g. ['totp', 'otp-email'].")
  }
  return ({ config, request, addClaimValidator, client }) => {
    const send = request(MULTI_FACTOR_RID)
    // Concurrent callers (the claim refresh, a guard's redirect, a factor screen) share one request.
    let pending: Promise<MfaInfo | GeneralError> | undefined
    let factors: readonly FactorId[] = []

    const fetchInfo = async (): Promise<MfaInfo | GeneralError> => {
      const statuses = 'OK:factors=object,emails?=object,phoneNumbers?=object'
      const result = await send('/mfa/info', statuses, {}, undefined, false, false, 'PUT')
      if (result.status !== 'OK') return result
      const { next, alreadySetup, allowedToSetup } = result.factors
      if (!isStrings(next) || !isStrings(alreadySetup) || !isStrings(allowedToSetup)) {
        throw authError('protocol', 'Bad response from /mfa/info (factors).')
      }
      return {
        status: 'OK',
        factors: { next, alreadySetup, allowedToSetup },
        emails: result.emails ?? {},
        phoneNumbers: result.phoneNumbers ?? {},
      }
    }
    const getInfo = () => {
      pending ??= fetchInfo().finally(() => (pending = undefined))
      return pending
    }

    const api: MultiFactorApi = {
      getInfo,
      async getClaim() {
        try {
          return (await client.session.exists())
            ? readMfaClaim(await client.session.getAccessTokenPayload())
            : undefined
        } catch (error) {
          // The session ended between the two reads.
          if (isAuthError(error) && error.kind === 'session') return undefined
          throw error
        }
      },
      nextPath: (info) => nextPathOf(info, api.factors, config.websiteBasePath),
      get factors() {
        const current = configured ?? providedFactors(client)
        // The same array while the list holds, so UI code can depend on it.
        if (current.join() !== factors.join()) factors = Object.freeze([...current])
        return factors
      },
    }

    addClaimValidator({
      id: MFA_CLAIM,
      // A session from before MFA was enabled lacks the claim: `mfa/info` back-fills it (§4.7).
      shouldRefresh: (payload) => payload[MFA_CLAIM] === undefined,
      refresh: getInfo,
      validate(payload): ClaimValidationResult {
        const claim = readMfaClaim(payload)
        if (claim?.satisfied === true) return { isValid: true }
        return {
          isValid: false,
          reason: {
            message: claim ? 'not all required factors have been completed' : 'MFA info not available in payload',
          },
        }
      },
      async failureRedirect(_, { websiteBasePath }) {
        let info: MfaInfo | GeneralError | undefined
        try {
          info = await getInfo()
        } catch {
          // No info (network, a misconfigured backend's 500): the chooser shows what went wrong.
        }
        return (
          (info?.status === 'OK' ? nextPathOf(info, api.factors, websiteBasePath) : undefined) ??
          joinPath(websiteBasePath, '/mfa')
        )
      },
    })
    return { multiFactor: api }
  }
}
