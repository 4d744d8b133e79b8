/** What the stand-in core's recipe modules share: a route table keyed by `METHOD /path` without the tenant segment. */
export type Json = Record<string, unknown>

/** The core answers 200 with a `status` in the body, even for errors. */
export interface Reply {
  body: unknown
}

export interface CoreRequest {
  /** The tenant of a `/<tenantId>/…` path; `public` for paths that have none. */
  tenantId: string
  query: URLSearchParams
  body: Json
}

/** Asynchronous only where the answer needs WebCrypto (TOTP). */
export type Routes = Record<string, (request: CoreRequest) => Reply | Promise<Reply>>
