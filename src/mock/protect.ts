import type { PathParams } from 'msw'
import { jsonReply } from './http'
import type { Reply } from './http'
import { MFA_CLAIM, mfaClaim } from './multiFactor'
import type { MultiFactor } from './multiFactor'
import type { ResolvedMockOptions } from './options'
import type { Pipeline } from './pipeline'
import type { MockStore } from './store'
import type { TokenService, VerifiedAccess } from './tokenService'
import type { MockClaimValidator, ProtectOptions, VerifiedSession } from './types'

/** node's `EmailVerificationClaim.validators.isVerified()` refetches a `false` value older than this. */
const EV_REFETCH_ON_FALSE_MS = 10_000

/** What `protect()` hands to your resolver: MSW's resolver argument plus the verified session. */
export type ProtectedResolverInfo<TParams extends PathParams = PathParams> = {
  request: Request
  params: TParams
  cookies: Record<string, string>
  requestId: string
  session: VerifiedSession
}

export type ProtectedResolver<TParams extends PathParams = PathParams> = (
  info: ProtectedResolverInfo<TParams>,
) => Response | undefined | Promise<Response | undefined>

/** An MSW resolver (what `http.get(url, resolver)` takes). */
export type MockResolver<TParams extends PathParams = PathParams> = (info: {
  request: Request
  params: TParams
  cookies: Record<string, string>
  requestId: string
}) => Promise<Response | undefined>

export type Protect = <TParams extends PathParams = PathParams>(
  resolver: ProtectedResolver<TParams>,
  options?: ProtectOptions,
) => MockResolver<TParams>

export const emailVerifiedClaim: MockClaimValidator = {
  id: 'st-ev',
  validate(payload) {
    const claim = payload['st-ev'] as { v?: unknown } | undefined
    if (claim?.v === true) return undefined
    // node's hasValue validator: a missing claim has no actualValue (dropped from the JSON).
    if (claim === undefined) return { message: 'value does not exist', expectedValue: true, actualValue: undefined }
    return { message: 'wrong value', expectedValue: true, actualValue: claim.v }
  },
}

interface ProtectDeps {
  store: MockStore
  tokens: TokenService
  pipeline: Pipeline
  options: ResolvedMockOptions
  mfa: MultiFactor
}

/** `verifySession()` in front of an app's own resolver (docs/PROTOCOL.md §2.8). */
export function createProtect({ store, tokens, pipeline, options, mfa }: ProtectDeps): Protect {
  const globalClaims: MockClaimValidator[] = options.emailVerification === 'required' ? [emailVerifiedClaim] : []
  // Initialising MultiFactorAuth adds its check to every verifySession() (docs/RECIPES.md §4.1).
  if (mfa.enabled) globalClaims.push(mfaClaim)

  /** node refetches a missing `st-ev`, or a `false` one older than 10 s, before validating it. */
  const refetchStaleEv = (sessionReply: Reply, verified: VerifiedAccess): VerifiedAccess => {
    const evClaim = verified.payload['st-ev'] as { v?: boolean; t?: number } | undefined
    const stale =
      evClaim === undefined || (evClaim.v === false && options.now() - (evClaim.t ?? 0) > EV_REFETCH_ON_FALSE_MS)
    if (!stale) return verified
    const claim = tokens.evClaimFor(store.findUser(verified.session.userId))
    return { ...verified, payload: tokens.updateClaims(sessionReply, verified, { 'st-ev': claim }) }
  }

  return function protect<TParams extends PathParams = PathParams>(
    resolver: ProtectedResolver<TParams>,
    protectOptions: ProtectOptions = {},
  ): MockResolver<TParams> {
    const claims = protectOptions.claims ?? globalClaims
    const checkDatabase = protectOptions.checkDatabase ?? options.checkDatabase
    return async (info) => {
      const early = await pipeline.begin(info)
      if (early !== undefined) return early
      const verified = tokens.verifyAccess(pipeline.makeCtx(info), checkDatabase)
      if (verified.ok === 'none') return pipeline.finish(tokens.unauthorised(false), info.request)
      if (verified.ok === false) return pipeline.finish(verified.reply, info.request)
      // Tokens written while verifying (claim refetch, payload merges) go onto the app's response.
      const sessionReply: Reply = { status: 200, body: null, headers: new Headers() }
      let current: VerifiedAccess = verified
      if (claims.some((claim) => claim.id === 'st-ev')) current = refetchStaleEv(sessionReply, verified)
      // node fetches a missing `st-mfa` (a session older than MFA) before validating it; a stale one counts as is.
      const user = store.findUser(verified.session.userId)
      const checksMfa = mfa.enabled && claims.some((claim) => claim.id === MFA_CLAIM)
      if (checksMfa && user !== undefined && current.payload[MFA_CLAIM] === undefined) {
        current = { ...current }
        mfa.status(sessionReply, current, user)
      }
      const claimValidationErrors = claims.flatMap((claim) => {
        const reason = claim.validate(current.payload)
        return reason === undefined ? [] : [{ id: claim.id, reason }]
      })
      if (claimValidationErrors.length > 0) {
        const reply = jsonReply(403, { message: 'invalid claim', claimValidationErrors }, sessionReply.headers)
        return pipeline.finish(reply, info.request)
      }
      const session: VerifiedSession = {
        userId: verified.session.userId,
        tenantId: verified.session.tenantId,
        sessionHandle: verified.session.handle,
        transferMethod: verified.transferMethod,
        accessTokenPayload: current.payload,
        user,
        mergeIntoAccessTokenPayload(update) {
          sessionReply.headers.delete('Set-Cookie')
          current = { ...current, payload: tokens.updateClaims(sessionReply, current, update) }
          session.accessTokenPayload = current.payload
        },
      }
      const response = await resolver({ ...info, params: info.params as TParams, session })
      if (response === undefined) return response
      const headers = new Headers(response.headers)
      for (const [name, value] of sessionReply.headers) if (name !== 'set-cookie') headers.set(name, value)
      for (const cookie of sessionReply.headers.getSetCookie()) headers.append('Set-Cookie', cookie)
      const body = response.body === null ? null : await response.arrayBuffer()
      return pipeline.finish({ status: response.status, body, headers }, info.request)
    }
  }
}
