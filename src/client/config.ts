import { AuthError } from './errors'
import type {
  AuthConfig,
  AuthEvent,
  ClaimValidator,
  EmailVerificationMode,
  ResolvedAuthConfig,
  TokenTransferMethod,
} from './types'

/** The resolved config plus what the client derives from it once, at creation. */
export interface InternalConfig extends ResolvedAuthConfig {
  refreshTimeoutMs: number
  sessionTokenFrontendDomain: string | undefined
  onEvent: ((event: AuthEvent) => void) | undefined
  /** `{apiDomain}{apiBasePath}`. */
  apiBase: string
}

const fail = (field: string, message: string): never => {
  throw new AuthError('config', `authfront: invalid config "${field}": ${message}`)
}

const describe = (value: unknown): string =>
  typeof value === 'string' ? `'${value}'` : value && typeof value === 'object' ? 'an object' : String(value)

/** Validates `config` and applies defaults. Throws `AuthError` kind `config` naming the field and the fix. */
export function resolveConfig(config: AuthConfig): InternalConfig {
  if (config === null || typeof config !== 'object') {
    return fail('config', `expected an object such as { apiDomain: 'https://api.example.com' }.`)
  }
  const input = config as unknown as Record<string, unknown>

  /** The field's value (or `fallback` when it is undefined), failing with "expected `what`" when `ok` rejects it. */
  const check = <T>(
    field: keyof AuthConfig,
    ok: (value: never) => boolean,
    what: string,
    fallback?: T,
    value = input[field],
  ): T => {
    if (value === undefined) return fallback as T
    if (!ok(value as never)) fail(field, `expected ${what}, got ${describe(value)}.`)
    return value as T
  }

  const origin = (field: 'apiDomain' | 'websiteDomain', example: string, pathField: string): URL | undefined => {
    let url: URL | undefined
    try {
      url = new URL((input[field] as string).trim())
    } catch {
      // Reported below, with the fix.
    }
    check(
      field,
      (value) =>
        typeof value === 'string' &&
        url !== undefined &&
        /^https?:$/.test(url.protocol) &&
        url.pathname.length < 2 &&
        !url.search &&
        !url.hash,
      `an http(s) origin, e.g. '${example}' (Include the protocol; put a path in ${pathField})`,
    )
    return url
  }

  const basePath = (field: 'apiBasePath' | 'websiteBasePath'): string => {
    const value = check(field, (v) => typeof v === 'string', `a path such as '/auth'`, '/auth')
    if (!/^(?!.*\/\/)\/[^?#\s]*$/.test(value)) {
      fail(field, `expected a path such as '/${value.replace(/^\/+/, '')}' (no query, hash, spaces or '//').`)
    }
    // '/' means "mounted at the root": URLs are built as `{domain}{basePath}/session/refresh`.
    return value.replace(/\/+$/, '')
  }

  const oneOf = <T extends string>(field: keyof AuthConfig, list: string): T => {
    const allowed = list.split(' ')
    return check(field, (v) => allowed.includes(v), `one of '${allowed.join("', '")}'`, allowed[0] as T)
  }

  const statusCode = (field: keyof AuthConfig, fallback: number): number =>
    check(
      field,
      (v) => Number.isInteger(v) && v > 399 && v < 600,
      `an HTTP status 400-599 (usually ${fallback})`,
      fallback,
    )

  const domain = (field: keyof AuthConfig): string | undefined =>
    check<string>(
      field,
      (v) => typeof v === 'string' && v !== '' && !/[/:\s]/.test(v),
      `a domain such as '.example.com' (no protocol, port or path)`,
    )?.toLowerCase()

  if (config.apiDomain === undefined) return fail('apiDomain', `it is required, e.g. 'https://api.example.com'.`)
  const api = origin('apiDomain', 'https://api.example.com', 'apiBasePath')!
  const apiBasePath = basePath('apiBasePath')
  const websiteDomain = origin('websiteDomain', 'https://example.com', 'websiteBasePath')?.origin
  const websiteBasePath = basePath('websiteBasePath')
  const tokenTransferMethod = oneOf<TokenTransferMethod>('tokenTransferMethod', 'cookie header')
  const emailVerification = oneOf<EmailVerificationMode>('emailVerification', 'off optional required')
  const maxRetryAttemptsForSessionRefresh = check(
    'maxRetryAttemptsForSessionRefresh',
    (v) => Number.isInteger(v) && v >= 0,
    'a whole number >= 0 (default 10)',
    10,
  )
  const sessionExpiredStatusCode = statusCode('sessionExpiredStatusCode', 401)
  const invalidClaimStatusCode = statusCode('invalidClaimStatusCode', 403)
  if (sessionExpiredStatusCode === invalidClaimStatusCode) {
    fail('invalidClaimStatusCode', `must differ from sessionExpiredStatusCode (defaults: 401, 403).`)
  }
  const refreshTimeoutMs = check(
    'refreshTimeoutMs',
    (v) => typeof v === 'number' && v > 0,
    'a positive number of ms (default 20000)',
    20000,
  )
  const interceptGlobalFetch = check('interceptGlobalFetch', (v) => typeof v === 'boolean', 'a boolean', false)
  const isInIframe = check('isInIframe', (v) => typeof v === 'boolean', 'a boolean', false)
  const onEvent = check<AuthConfig['onEvent']>('onEvent', (v) => typeof v === 'function', 'a function')
  const shouldInterceptUrl = check<AuthConfig['shouldInterceptUrl']>(
    'shouldInterceptUrl',
    (v) => typeof v === 'function',
    'a function (url) => boolean',
  )
  const autoAddCredentials = check('autoAddCredentials', (v) => typeof v === 'boolean', 'a boolean', true)
  const clockSkewMs = check<number | undefined>(
    'clockSkewMs',
    Number.isFinite,
    'a number of ms: server minus client clock (client 10 min fast: -600000)',
  )
  check(
    'claimValidators',
    (v: unknown[]) => v.every?.((item) => typeof (item as ClaimValidator | null)?.validate === 'function'),
    'validators with a validate(payload) function',
  )
  check('platform', (v) => v !== null && typeof v === 'object', 'an object of overrides')
  check(
    'recipes',
    (v: unknown[]) => v.every?.((plugin) => typeof plugin === 'function'),
    'plugins, e.g. [multitenancy()]',
  )
  const sessionTokenBackendDomain = domain('sessionTokenBackendDomain')?.replace(/^\./, '')

  const apiDomain = api.origin
  const apiBase = apiDomain + apiBasePath
  return {
    apiDomain,
    apiBasePath,
    websiteDomain,
    websiteBasePath,
    tokenTransferMethod,
    sessionTokenBackendDomain,
    sessionTokenFrontendDomain: domain('sessionTokenFrontendDomain'),
    maxRetryAttemptsForSessionRefresh,
    sessionExpiredStatusCode,
    invalidClaimStatusCode,
    emailVerification,
    interceptGlobalFetch,
    isInIframe,
    refreshTimeoutMs,
    shouldInterceptUrl,
    autoAddCredentials,
    clockSkewMs,
    onEvent,
    apiBase,
  }
}
