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
import { sessionRecipe } from './handlers/session'
import type { MockRecipeKit, MockRecipeModule, MockRoute } from './handlers/types'
import { expressHtml } from './http'
import { resolveOptions } from './options'
import type { ResolvedMockOptions } from './options'
import { createEmailSender, createOutbox } from './outbox'
import type { MockOutbox } from './outbox'
import { createPipeline } from './pipeline'
import type { Pipeline } from './pipeline'
import { createProtect, emailVerifiedClaim } from './protect'
import type { MockResolver, ProtectedResolver } from './protect'
import { assertSupportedMsw } from './mswSupport'
import { createStore } from './store'
import { createTokenService } from './tokenService'
import type { MockBackendOptions, MockClaimValidator, ProtectOptions } from './types'

export type { MockCookieJar, MockSessionsApi, MockUsersApi } from './admin'
export type { ResolvedMockOptions } from './options'
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
  /** Back to the seeded state: users, sessions, outbox, cookies and controls. Also clears persisted state. */
  reset(): void
  /** The resolved options. */
  options: ResolvedMockOptions
}

/** The recipes the mock answers; a new recipe is one more module here. */
const recipes: MockRecipeModule[] = [emailPasswordRecipe, sessionRecipe, emailVerificationRecipe, jwtRecipe]

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
  const controls = createControls({
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
  })
  const tokens = createTokenService(store, options)
  const pipeline = createPipeline(store, options, controls)
  const emails = createEmailSender(store, options)
  const kit: MockRecipeKit = { options, store, tokens, emails, controls, signUpFields: input.signUpFields ?? [] }
  const protect = createProtect({ store, tokens, pipeline, options })

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
    reset() {
      store.reset()
      controls.controls.reset()
      store.commit()
    },
    options,
  }
}

/** MSW handlers for the routes, plus CORS preflights and express' 404 for anything else under the base path. */
function routeHandlers(routes: MockRoute[], pipeline: Pipeline, options: ResolvedMockOptions): HttpHandler[] {
  const base = `${options.apiDomain}${options.apiBasePath}`
  const handlers: HttpHandler[] = routes.map((route) =>
    msw.http[route.method](`${base}${route.path}`, pipeline.serve(route.run)),
  )
  // node also accepts a tenant segment on the APIs the official clients call without one; only the scoped ones
  // are registered here, after the plain paths so `/signup/email/exists` never reads as tenant `signup`.
  for (const route of routes) {
    if (route.tenantScoped)
      handlers.push(msw.http[route.method](`${base}/:tenantId${route.path}`, pipeline.serve(route.run)))
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
