import type { InternalConfig } from '../client/config'
import { authError, isAuthError } from '../client/errors'
import type { AuthError } from '../client/errors'
import type { FieldErrorResult, FieldErrors, GeneralError, User } from '../client/types'
import type { Interceptor } from '../session/interceptor'
import { unstored } from '../session/state'
import { FDI_VERSION, FDI_VERSION_HEADER, FRONT_TOKEN_HEADER, RID_HEADER } from '../client/wire'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- backend JSON, checked field by field below
export type JsonObject = Record<string, any>

/**
 * Sends a recipe request (GET without a body, POST with one, unless `method` says otherwise: `PUT mfa/info`) through
 * the interceptor and maps its JSON body to the typed result, or rejects with `AuthError`.
 * - `tenantId` adds the tenant segment, omitted for `public` (docs/PROTOCOL.md §1.1); rejected (kind `config`) unless it
 *   matches `TENANT_ID`;
 * - `statuses` lists the expected statuses, space-separated, each with `:fields` when it carries some, comma-separated.
 *   A field is `user` (a user object), or `name=type` with `type` one of `string`, `number`, `boolean`, `object`
 *   (arrays included), and `name?=type` when the backend may omit it: e.g.
 *   `OK:user,createdNewRecipeUser=boolean WRONG_CREDENTIALS_ERROR SIGN_IN_NOT_ALLOWED:reason=string`;
 * - `FIELD_ERROR` (→ `fieldErrors`) is accepted when `fields` is set; `GENERAL_ERROR` (→ `message`) is returned, or
 *   rejects as kind `server` when `throwGeneral` is set (calls that return plain values).
 * Anything else is a protocol error. Unlisted fields of the body are dropped.
 */
export type RecipeRequester = <S extends string, F extends boolean = false, P extends boolean = false>(
  path: string,
  statuses: S,
  body?: unknown,
  tenantId?: string,
  fields?: F,
  throwGeneral?: P,
  method?: 'GET' | 'POST' | 'PUT',
) => Promise<RecipeResult<S, F, P>>

interface TypeNames {
  string: string
  number: number
  boolean: boolean
  object: JsonObject
}
type Field<F extends string> = F extends 'user'
  ? { user: User }
  : F extends `${infer Name}?=${infer T extends keyof TypeNames}`
    ? { [K in Name]?: TypeNames[T] }
    : F extends `${infer Name}=${infer T extends keyof TypeNames}`
      ? { [K in Name]: TypeNames[T] }
      : never
type Fields<F extends string> = F extends `${infer Head},${infer Tail}` ? Field<Head> & Fields<Tail> : Field<F>
type Flat<T> = { [K in keyof T]: T[K] }
type Entry<E extends string> = E extends `${infer Status}:${infer F}`
  ? Flat<{ status: Status } & Fields<F>>
  : { status: E }
type Entries<S extends string> = S extends `${infer Head} ${infer Tail}` ? Entry<Head> | Entries<Tail> : Entry<S>

/**
 * The result a call declares, read from the same `statuses` string the response is checked against: each status
 * with its fields, plus `FIELD_ERROR` when `fields`, plus `GENERAL_ERROR` unless `throwGeneral`.
 */
export type RecipeResult<S extends string, F extends boolean = false, P extends boolean = false> =
  Entries<S> | (F extends true ? FieldErrorResult : never) | (P extends true ? never : GeneralError)

/**
 * SuperTokens tenant ids: lowercase letters, digits and `-`. Anything else (`..`, `/`, `%2e`) could move a
 * credential request out of apiBasePath.
 */
export const TENANT_ID = /^[a-z\d-]+$/

/**
 * A requester for one recipe id. `skipProbe`: see `Interceptor.doFetch`. `onError` receives the errors the store
 * must show (a session created but unreadable); `hasSession` tells whether the page can read a session now.
 */
export const createRequester =
  (config: InternalConfig, interceptor: Interceptor, onError: (error: AuthError) => void, hasSession: () => boolean) =>
  (rid: string, skipProbe?: boolean): RecipeRequester =>
  async (path, statuses, body, tenantId, fields, throwGeneral, method = body === undefined ? 'GET' : 'POST') => {
    if (!TENANT_ID.test(tenantId ?? 'public')) throw authError('config', 'tenantId: a-z, 0-9, - only.')
    const tenant = tenantId && tenantId !== 'public' ? '/' + tenantId : ''
    let response: Response
    try {
      response = await interceptor.doFetch(
        config.apiBase + tenant + path,
        {
          method,
          headers: { [RID_HEADER]: rid, [FDI_VERSION_HEADER]: FDI_VERSION, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        skipProbe,
      )
    } catch (error) {
      throw isAuthError(error) ? error : authError('network', path + ': network error.', undefined, error)
    }
    const fail: (kind: 'network' | 'server' | 'protocol' | 'session', message: string, cause?: unknown) => never = (
      kind,
      message,
      cause,
    ) => {
      throw authError(kind, message, response, cause)
    }
    const text = await response
      .text()
      .catch((cause: unknown) => fail('network', path + ': unreadable response.', cause))
    let json: JsonObject | undefined
    try {
      json = JSON.parse(text)
    } catch {
      // Not JSON: the HTTP status decides which error this is.
    }
    const status = response.status
    const { status: result, message, formFields } = json ?? {}
    if (status > 299) {
      fail(
        status > 499
          ? 'server'
          : status === config.sessionExpiredStatusCode || status === config.invalidClaimStatusCode
            ? 'session'
            : 'protocol',
        typeof message === 'string' ? message : `${path}: HTTP ${status}.`,
      )
    }
    const declared = (statuses + ' GENERAL_ERROR:message=string')
      .split(' ')
      .map((entry) => entry.split(':'))
      .find(([name]) => name === result)
    // The JSON boundary: `out` holds only the fields `statuses` lists, each checked against its declared type, so it
    // is the `RecipeResult` the signature derives from the same string. Prototype-free: ids come from the backend.
    const out = Object.create(null)
    out.status = result
    let valid =
      !!declared &&
      !declared[1]?.split(',').some((spec) => {
        const [key = '', type] = spec.split('=')
        const name = key.replace('?', '')
        const value = (out[name] = json?.[name])
        // A user is an object with a string id (JSON has no other values with an `id`).
        return name === 'user'
          ? typeof value?.id !== 'string'
          : (value !== undefined || name === key) && (value === null || typeof value !== type)
      })
    if (result === 'FIELD_ERROR' && fields) {
      // Field ids come from the backend: `__proto__` must be an entry, not the prototype (issue 14 item 6).
      const fieldErrors: FieldErrors = (out.fieldErrors = Object.create(null))
      valid =
        Array.isArray(formFields) &&
        formFields.every(
          (item: JsonObject | null) =>
            typeof item?.id === 'string' && typeof (fieldErrors[item.id] = item.error) === 'string',
        )
    }
    // A body that is not an object has no `status`: never valid.
    if (!valid) fail('protocol', `Bad response from ${path} (status ${JSON.stringify(result)}).`)
    if (result === 'GENERAL_ERROR' && throwGeneral) fail('server', message)
    // A `user` listed as such (not `user=object`, WebAuthn's options) means the backend signed the user in.
    if (declared?.[1]?.split(',').includes('user') && !hasSession()) {
      // The backend created a session the client cannot see: signed in there, signed out here, and no event.
      const front = response.headers.get(FRONT_TOKEN_HEADER)
      const error =
        front === null
          ? authError('protocol', path + " lacks 'front-token': add it to Access-Control-Expose-Headers.", response)
          : unstored(front)
      onError(error)
      throw error
    }
    return out
  }
