import type { InternalConfig } from '../client/config'
import { AuthError, isAuthError } from '../client/errors'
import type { FieldErrors } from '../client/types'
import { FDI_VERSION } from '../session/interceptor'
import type { Interceptor } from '../session/interceptor'

export interface RecipeCall {
  method: 'GET' | 'POST'
  path: string
  rid: 'emailpassword' | 'emailverification' | 'session'
  /** Tenant segment; omitted for `public` (protocol.md §1.1). */
  tenantId?: string | undefined
  body?: unknown
  /** See `InterceptorOptions.skipProbe`. */
  skipProbe?: boolean
}

export type JsonObject = Record<string, unknown>

/** Sends a recipe request through the interceptor and returns its JSON body, or rejects with `AuthError`. */
export type RecipeRequester = (call: RecipeCall) => Promise<JsonObject>

export function createRequester(config: InternalConfig, interceptor: Interceptor): RecipeRequester {
  return async (call) => {
    const tenant =
      call.tenantId === undefined || call.tenantId === 'public' ? '' : '/' + encodeURIComponent(call.tenantId)
    const url = config.apiBase + tenant + call.path
    let response: Response
    try {
      response = await interceptor.doFetch(
        url,
        {
          method: call.method,
          headers: { rid: call.rid, 'fdi-version': FDI_VERSION, 'content-type': 'application/json' },
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
        },
        { skipProbe: call.skipProbe === true },
      )
    } catch (error) {
      if (isAuthError(error)) throw error
      throw new AuthError('network', `The request to ${call.path} failed.`, { cause: error })
    }
    let text: string
    try {
      text = await response.text()
    } catch (cause) {
      throw new AuthError('network', `The response of ${call.path} could not be read.`, { cause, response })
    }
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    const message =
      body !== null && typeof body === 'object' && typeof (body as JsonObject).message === 'string'
        ? ((body as JsonObject).message as string)
        : undefined
    if (response.status >= 500) {
      throw new AuthError('server', message ?? `${call.path} failed with HTTP ${response.status}.`, { response })
    }
    if (response.status === config.sessionExpiredStatusCode || response.status === config.invalidClaimStatusCode) {
      throw new AuthError('session', message ?? `${call.path} needs a valid session (HTTP ${response.status}).`, {
        response,
      })
    }
    if (response.status >= 300) {
      throw new AuthError('protocol', message ?? `${call.path} was rejected with HTTP ${response.status}.`, {
        response,
      })
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new AuthError('protocol', `${call.path} did not answer with a JSON object.`, { response })
    }
    responses.set(body, response)
    return body as JsonObject
  }
}

// Lets shape errors carry the response without threading it through every recipe.
const responses = new WeakMap<object, Response>()

/** Throws the `AuthError` for a response that does not follow the protocol. */
export function badShape(path: string, detail: string, body?: JsonObject): never {
  const response = body === undefined ? undefined : responses.get(body)
  throw new AuthError('protocol', `Unexpected response from ${path}: ${detail}.`, response ? { response } : {})
}

type Extra = (body: JsonObject) => object

type ResultOf<TMap extends Record<string, Extra>> =
  | { [K in keyof TMap]: { status: K } & ReturnType<TMap[K]> }[keyof TMap]
  | { status: 'FIELD_ERROR'; fieldErrors: FieldErrors }
  | { status: 'GENERAL_ERROR'; message: string }

/**
 * Maps a response body to the typed union: the statuses in `map` (each adding its fields), plus `FIELD_ERROR`
 * (→ `fieldErrors`) and `GENERAL_ERROR` (→ `message`, or thrown as kind `server`).
 * Anything else is a protocol error.
 */
export function expectStatus<TMap extends Record<string, Extra>>(
  path: string,
  body: JsonObject,
  map: TMap,
  /** `fields`: FIELD_ERROR is a valid answer; `throw`: GENERAL_ERROR rejects (for calls returning plain values). */
  mode: 'fields' | 'plain' | 'throw' = 'fields',
): ResultOf<TMap> {
  const status = body.status
  if (status === 'GENERAL_ERROR') {
    if (typeof body.message !== 'string') return badShape(path, 'GENERAL_ERROR without a message', body)
    if (mode === 'throw') throw new AuthError('server', body.message, { response: responses.get(body) })
    return { status, message: body.message }
  }
  if (status === 'FIELD_ERROR' && mode === 'fields') {
    const list = body.formFields
    if (!Array.isArray(list)) return badShape(path, 'FIELD_ERROR without a formFields array', body)
    const fieldErrors: FieldErrors = {}
    for (const item of list) {
      const { id, error } = (item ?? {}) as JsonObject
      if (typeof id !== 'string' || typeof error !== 'string')
        return badShape(path, 'a field error lacks id or error', body)
      fieldErrors[id] = error
    }
    return { status, fieldErrors }
  }
  const extra = typeof status === 'string' && Object.hasOwn(map, status) ? map[status] : undefined
  if (extra === undefined) return badShape(path, `unknown status ${JSON.stringify(status)}`, body)
  return { status, ...extra(body) } as ResultOf<TMap>
}
