// A namespace import: an unsupported msw (1.x has no `http`) must reach the version check, not fail at link time.
import * as msw from 'msw'
import type { HttpHandler, PathParams } from 'msw'
import { createCookieJarApi, createSessionsApi, createUsersApi } from './admin'
import type { MockCookieJar, MockSessionsApi, MockUsersApi } from './admin'
import { createControls } from './controls'
import type { MockControls } from './controls'
import { emailPasswordRecipe } from './handlers/emailpassword'
import { emailVerificationRecipe } from './handlers/emailverification'
import { jwtRecipe } from './handlers/jwt'
import { multiFactorAuthRecipe } from './handlers/multifactorauth'
import { multitenancyRecipe, tenantExists, tenantNotFound } from './handlers/multitenancy'
import { passwordlessRecipe } from './handlers/passwordless'
import { sessionRecipe } from './handlers/session'
import { thirdPartyRecipe } from './handlers/thirdparty'
import { webauthnRecipe } from './handlers/webauthn'
import { totpRecipe } from './handlers/totp'
import type { MockRecipeKit, MockRecipeModule, MockRoute } from './handlers/types'
import { expressHtml } from './http'
import { createMfaControls, createTotpApi } from './mfaAdmin'
import type { MockTotpApi } from './mfaAdmin'
import { createMultiFactor, mfaClaim } from './multiFactor'
import { resolveOptions } from './options'
import type { ResolvedMockOptions } from './options'
import { consentResponse } from './oauthPage'
import { AUTHORIZE_ROUTE, createOAuthProvider } from './oauthProvider'
import type { MockConsentPage } from './oauthProvider'
import { createEmailSender, createOutbox } from './outbox'
import { createPasswordlessDevices } from './passwordlessDevices'
import type { MockOutbox } from './outbox'
import { createPipeline } from './pipeline'
import type { Pipeline } from './pipeline'
import { createProtect, emailVerifiedClaim } from './protect'
import type { MockResolver, ProtectedResolver } from './protect'
import { assertSupportedMsw } from './mswSupport'
import { createStore } from './store'
import { createTokenService } from './tokenService'
import { createTotpDevices } from './totpDevices'
import type { MockBackendOptions, MockClaimValidator, ProtectOptions } from './types'

export type { MockCookieJar, MockSessionsApi, MockUsersApi } from './admin'
export type { ResolvedMockOptions } from './options'
export type { MockTotpApi } from './mfaAdmin'
export type { MockConsentPage } from './oauthProvider'
export type { MockOutbox } from './outbox'
export type { MockResolver, ProtectedResolver, ProtectedResolverInfo } from './protect'

/** The value `createMockBackend` returns. */
export interface MockBackend {
  /** MSW request handlers: pass them to `setupServer`/`setupWorker` (or use `setupMockServer`/`startMockBackend`). */
  handlers: HttpHandler[]
  users: MockUsersApi
  sessions: MockSessionsApi
  outbox: MockOutbox
  cookies: MockCookieJar
  controls: MockControls
  /** Wraps your own MSW resolver behind session verification (401 / 403 like `verifySession()`). */
  protect<TParams extends PathParams = PathParams>(
    resolver: ProtectedResolver<TParams>,
    options?: ProtectOptions,
  ): MockResolver<TParams>
  /** The `st-ev` claim check (for `protect(resolver, { claims: [emailVerifiedClaim] })`). */
  emailVerifiedClaim: MockClaimValidator
  /**
   * The `st-mfa` "requirements met" check (for `protect(resolver, { claims: [mfaClaim] })`); `protect()` applies it
   * by default when the `multiFactor` option is set.
   */
  mfaClaim: MockClaimValidator
  /** TOTP devices of the users and the code a device shows now (for tests and dev panels). */
  totp: MockTotpApi
  /** Back to the seeded state: users, sessions, outbox, cookies and controls. Also clears persisted state. */
  reset(): void
  /** The resolved options. */
  options: ResolvedMockOptions
  /**
   * The fake OAuth provider's authorisation page for this URL (what `startMockBackend` renders and the Node
   * handler serves), or undefined when the URL is not one of its pages. Each call mints fresh codes.
   */
  providerPage(url: string | URL): MockConsentPage | undefined
}

/** The recipes the mock answers; a new recipe is one more module here. */
const recipes: MockRecipeModule[] = [
  emailPasswordRecipe,
  sessionRecipe,
  emailVerificationRecipe,
  jwtRecipe,
  thirdPartyRecipe,
  passwordlessRecipe,
  multitenancyRecipe,
  webauthnRecipe,
  multiFactorAuthRecipe,
  totpRecipe,
]

/**
 * Creates an in-memory backend that answers like supertokens-node + express (EmailPassword, Session and
 * EmailVerification recipes, docs/PROTOCOL.md). Start it with `setupMockServer` (Node) or `startMockBackend` (browser).
 *
 * @example
 * const backend = createMockBackend({ apiDomain: 'http://localhost:3001', users: [{ email: 'ada@example.com', password: 'password1' }] })
 * const server = setupMockServer(backend) // or: await startMockBackend(backend) in a browser
 */
export function createMockBackend(input: MockBackendOptions): MockBackend {
  assertSupportedMsw()
  const options = resolveOptions(input)
  const store = createStore(input, options)
  const totp = createTotpDevices(store, options)
  const mfaControls = createMfaControls(store, options, totp)
  const controls = createControls({
    ...mfaControls,
    latencyMs: options.latencyMs,
    expireAccessTokens() {
      store.sync()
      store.state.expiredUpToSeq = store.state.tokenSeq
      store.commit()
    },
    revokeAllSessions() {
      store.sync()
      for (const session of store.state.sessions) session.revoked = true
      store.commit()
    },
    setNextConsent(outcome) {
      store.sync()
      store.state.nextConsent = outcome
      store.commit()
    },
    expireCodes() {
      store.sync()
      devices.expireAll()
      store.commit()
    },
    forgetCredential(credentialId) {
      store.sync()
      store.state.webauthnCredentials = store.state.webauthnCredentials?.filter((item) => item.id !== credentialId)
      store.commit()
    },
    expireWebauthnOptions() {
      store.sync()
      for (const item of store.state.webauthnOptions ?? []) item.expiresAt = Math.min(item.expiresAt, options.now())
      store.commit()
    },
  })
  const devices = createPasswordlessDevices(store, options)
  const persisted = input.persistence !== undefined && input.persistence !== 'memory'
  const oauth = createOAuthProvider(options, store, () =>
    input.signingSecret !== undefined || persisted ? store.state.secret : 'authfront-mock-unpersisted',
  )
  const tokens = createTokenService(store, options, (...args) => mfa.firstFactorPayload(...args))
  const mfa = createMultiFactor(store, options, tokens)
  const pipeline = createPipeline(store, options, controls)
  const emails = createEmailSender(store, options)
  const signUpFields = input.signUpFields ?? []
  const kit: MockRecipeKit = { options, store, tokens, emails, controls, signUpFields, oauth, devices, mfa, totp }
  const protect = createProtect({ store, tokens, pipeline, options, mfa })

  const handlers = routeHandlers(
    recipes.flatMap((recipe) => recipe.routes(kit)),
    pipeline,
    options,
  )
  if (options.meUrl !== undefined) {
    const me = protect(({ session }) =>
      Response.json({ userId: session.userId, email: session.user?.email, verified: session.user?.verified }),
    )
    // Before the catch-all 404 of the API base path, in case the demo endpoint lives under it.
    handlers.splice(handlers.length - 1, 0, msw.http.get(options.meUrl, me))
  }
  if (options.thirdParty !== undefined) {
    // The provider's page lives on the page's own origin, whatever it is (see `startMockBackend` for browsers).
    handlers.push(
      msw.http.get(`*${AUTHORIZE_ROUTE}`, ({ request }) => {
        const page = oauth.page(new URL(request.url))
        // MSW matches paths case-insensitively; anything but the exact path is not the provider's.
        return page === undefined ? undefined : consentResponse(page)
      }),
    )
  }

  store.commit()
  return {
    handlers,
    users: createUsersApi(store, options),
    sessions: createSessionsApi(store, tokens, options),
    outbox: createOutbox(store),
    cookies: createCookieJarApi(store, options),
    controls: controls.controls,
    protect,
    emailVerifiedClaim,
    mfaClaim,
    totp: createTotpApi(store, options, totp),
    reset() {
      store.reset()
      controls.controls.reset()
      store.commit()
    },
    options,
    providerPage: (url) => (options.thirdParty === undefined ? undefined : oauth.page(new URL(url))),
  }
}

/** MSW handlers for the routes, plus CORS preflights and express' 404 for anything else under the base path. */
function routeHandlers(routes: MockRoute[], pipeline: Pipeline, options: ResolvedMockOptions): HttpHandler[] {
  const base = `${options.apiDomain}${options.apiBasePath}`
  // A route bound to a `rid` goes first: it shares its path with another recipe's route, which takes the rest.
  const ordered = [...routes.filter((route) => route.rid !== undefined), ...routes.filter((route) => !route.rid)]
  const resolver = (route: MockRoute) => {
    const serve = pipeline.serve((ctx) =>
      // node asks the core for the tenant before any recipe logic (docs/PROTOCOL.md §6.5).
      route.tenantScoped && !tenantExists(options, ctx.tenantId) ? tenantNotFound() : route.run(ctx),
    )
    return (info: Parameters<typeof serve>[0]) => {
      // MSW matches paths case-insensitively; node ≥ 22 does not (docs/PROTOCOL.md §3.6: `phoneNumber/exists` is a 404).
      const { pathname } = new URL(info.request.url)
      if (!pathname.startsWith(`${options.apiBasePath}/`) || !pathname.endsWith(route.path)) return undefined
      return route.rid === undefined || info.request.headers.get('rid') === route.rid ? serve(info) : undefined
    }
  }
  const handlers: HttpHandler[] = ordered.map((route) =>
    msw.http[route.method](`${base}${route.path}`, resolver(route)),
  )
  // node also accepts a tenant segment on the APIs the official clients call without one; only the scoped ones
  // are registered here, after the plain paths so `/signup/email/exists` never reads as tenant `signup`.
  for (const route of ordered) {
    if (route.tenantScoped) handlers.push(msw.http[route.method](`${base}/:tenantId${route.path}`, resolver(route)))
  }
  // CORS preflight, as the express `cors` middleware answers it (a real browser never sends one to MSW, but a
  // client under test in Node may).
  handlers.push(
    msw.http.options(`${base}/*`, ({ request }) => {
      const headers = new Headers({
        'Access-Control-Allow-Origin': request.headers.get('origin') ?? options.websiteDomain,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'GET,HEAD,PUT,PATCH,POST,DELETE',
        'Access-Control-Allow-Headers': 'rid, fdi-version, anti-csrf, authorization, st-auth-mode, content-type',
        Vary: 'Origin',
      })
      return new Response(null, { status: 204, headers })
    }),
  )
  // Anything else under the API base path: express' 404 page, so typos fail like they would against node.
  handlers.push(
    msw.http.all(
      `${base}/*`,
      pipeline.serve((ctx) => expressHtml(404, `Cannot ${ctx.request.method} ${ctx.url.pathname}`)),
    ),
  )
  return handlers
}
