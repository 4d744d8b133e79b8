import type { PathParams } from 'msw'
import type { ControlsInternals } from './controls'
import { jsonReply, parseCookieHeader, wait } from './http'
import { keepsRequestCredentials } from './mswSupport'
import type { Reply } from './http'
import type { ResolvedMockOptions } from './options'
import type { MockStore } from './store'

/** One request as the endpoint modules see it. */
export interface Ctx {
  request: Request
  url: URL
  /** From the `/{tenantId}/…` path segment; `public` without one. */
  tenantId: string
  /** What the request carries, over what the emulated jar would add. */
  cookies: Record<string, string>
}

/** What MSW hands to a resolver (the fields the mock reads). */
export interface ResolverInfo {
  request: Request
  params: PathParams
  cookies: Record<string, string>
}

/** The request/response plumbing every endpoint shares: controls, latency, cookies, CORS, persistence. */
export interface Pipeline {
  /** Wraps an endpoint into an MSW resolver. */
  serve(route: (ctx: Ctx) => Reply | Promise<Reply>): (info: ResolverInfo) => Promise<Response>
  /** Runs the controls (faults, latency) and syncs the state; a Response when a fault answers instead. */
  begin(info: ResolverInfo): Promise<Response | undefined>
  makeCtx(info: ResolverInfo): Ctx
  /** Stores cookies, adds CORS headers, saves the state, and turns the reply into a Response. */
  finish(reply: Reply, request: Request): Response
}

/** The JSON body as an object (`{}` when empty), or node's 400 reply for malformed JSON. */
export async function readBody(request: Request): Promise<Record<string, unknown> | Reply> {
  const text = await request.text()
  if (text.trim() === '') return {}
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  } catch {
    return jsonReply(400, {
      message: 'API input error: Please make sure to pass a valid JSON input in the request body',
    })
  }
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && (value as Reply).headers instanceof Headers
}

export function createPipeline(store: MockStore, options: ResolvedMockOptions, controls: ControlsInternals): Pipeline {
  const apiHostname = new URL(options.apiDomain).hostname

  const credentialsKnown = keepsRequestCredentials()
  const sendsCredentials = (request: Request, url: URL): boolean => {
    // Where msw lost `credentials`, take the request as credentialed: Node has no cookie policy to honour, and the
    // SuperTokens clients (authfront's and the official ones) always send `include`.
    if (!credentialsKnown) return true
    if (request.credentials === 'include') return true
    if (request.credentials === 'omit') return false
    const pageOrigin = (globalThis as { location?: { origin?: string } }).location?.origin
    return url.origin === (pageOrigin ?? options.websiteDomain)
  }
  /** Like a browser: the jar takes part only for the API's host and a request that sends credentials. */
  const usesJar = (request: Request, url: URL) =>
    options.cookieJar && url.hostname === apiHostname && sendsCredentials(request, url)

  const pipeline: Pipeline = {
    async begin(info) {
      const early = await controls.before(info.request)
      if (early !== undefined) return early
      await wait(controls.latencyMs, info.request.signal)
      store.sync()
      return undefined
    },

    makeCtx({ request, params, cookies }) {
      const url = new URL(request.url)
      const tenant = params['tenantId']
      const explicit = { ...cookies, ...parseCookieHeader(request.headers.get('cookie')) }
      const jar = usesJar(request, url) ? store.jarFor(url) : {}
      return {
        request,
        url,
        tenantId: typeof tenant === 'string' && tenant !== '' ? decodeURIComponent(tenant) : 'public',
        cookies: { ...jar, ...explicit },
      }
    },

    finish(reply, request) {
      const { headers } = reply
      // Like a browser: a response to a request sent without credentials stores no cookies either.
      if (usesJar(request, new URL(request.url))) store.applySetCookies(headers.getSetCookie())
      if (controls.stripExpose) headers.delete('Access-Control-Expose-Headers')
      const origin = request.headers.get('origin')
      headers.set('Access-Control-Allow-Origin', origin ?? options.websiteDomain)
      headers.set('Access-Control-Allow-Credentials', 'true')
      headers.append('Vary', 'Origin')
      store.commit()
      // A plain Response (not MSW's HttpResponse) on purpose: MSW would otherwise copy our Set-Cookie into its own
      // cookie store (Node, and it mis-parses several cookies joined in one header) or into document.cookie (where
      // browsers drop HttpOnly cookies). The emulated jar plays the browser's part instead.
      return new Response(reply.status === 204 ? null : reply.body, { status: reply.status, headers })
    },

    serve: (route) => async (info) => {
      const early = await pipeline.begin(info)
      if (early !== undefined) return early
      return pipeline.finish(await route(pipeline.makeCtx(info)), info.request)
    },
  }
  return pipeline
}
