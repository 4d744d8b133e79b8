import { AuthError } from './errors'
import type { AuthConfig, AuthEvent, ResolvedAuthConfig } from './types'

/** The resolved config plus what the client derives from it once, at creation. */
export interface InternalConfig extends ResolvedAuthConfig {
  refreshTimeoutMs: number
  sessionTokenFrontendDomain: string | undefined
  onEvent: ((event: AuthEvent) => void) | undefined
  /** Lower-case hostname of `apiDomain`. */
  apiHostname: string
  /** `{apiDomain}{apiBasePath}`. */
  apiBase: string
  refreshUrl: string
  signOutUrl: string
}

const fail = (field: string, message: string): never => {
  throw new AuthError('config', `authfront: invalid config "${field}": ${message}`)
}

function parseOrigin(field: string, value: unknown, example: string): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(field, `expected a URL string such as '${example}', got ${describe(value)}.`)
  }
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    return fail(field, `'${value}' is not an absolute URL. Include the protocol, e.g. '${example}'.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(field, `'${value}' must use http: or https:, e.g. '${example}'.`)
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return fail(
      field,
      `'${value}' must be an origin without a path, query or hash, e.g. '${url.origin}'. ` +
        `Put the path in ${field === 'apiDomain' ? 'apiBasePath' : 'websiteBasePath'}.`,
    )
  }
  return url
}

function parseBasePath(field: string, value: unknown): string {
  if (value === undefined) return '/auth'
  if (typeof value !== 'string') return fail(field, `expected a path string such as '/auth', got ${describe(value)}.`)
  if (!value.startsWith('/')) return fail(field, `'${value}' must start with '/', e.g. '/${value}'.`)
  if (/[?#\s]/.test(value) || value.includes('//')) {
    return fail(field, `'${value}' must be a plain path such as '/auth' (no query, hash, spaces or '//').`)
  }
  // '/' means "mounted at the root": URLs are built as `{domain}{basePath}/session/refresh`.
  return value.replace(/\/+$/, '')
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  return fail(field, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}.`)
}

function statusCode(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 400 || value > 599) {
    return fail(
      field,
      `expected an HTTP error status between 400 and 599 (usually ${fallback}), got ${describe(value)}.`,
    )
  }
  return value
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (value === null) return 'null'
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object'
  return String(value)
}

function parseDomain(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value === '' || /[/:\s]/.test(value)) {
    return fail(
      field,
      `expected a bare domain such as '.example.com' (no protocol, port or path), got ${describe(value)}.`,
    )
  }
  return value.toLowerCase()
}

/** Validates `config` and applies defaults. Throws `AuthError` kind `config` naming the field and the fix. */
export function resolveConfig(config: AuthConfig): InternalConfig {
  if (config === null || typeof config !== 'object') {
    return fail('config', `createAuthClient expects an object such as { apiDomain: 'https://api.example.com' }.`)
  }
  if (config.apiDomain === undefined) {
    return fail('apiDomain', `it is required: pass the origin of your auth backend, e.g. 'https://api.example.com'.`)
  }
  const api = parseOrigin('apiDomain', config.apiDomain, 'https://api.example.com')
  const apiBasePath = parseBasePath('apiBasePath', config.apiBasePath)
  const website =
    config.websiteDomain === undefined
      ? undefined
      : parseOrigin('websiteDomain', config.websiteDomain, 'https://example.com')
  const websiteBasePath = parseBasePath('websiteBasePath', config.websiteBasePath)
  const tokenTransferMethod = oneOf('tokenTransferMethod', config.tokenTransferMethod, ['cookie', 'header'], 'cookie')
  const emailVerification = oneOf('emailVerification', config.emailVerification, ['off', 'optional', 'required'], 'off')

  const maxRetry = config.maxRetryAttemptsForSessionRefresh ?? 10
  if (typeof maxRetry !== 'number' || !Number.isInteger(maxRetry) || maxRetry < 0) {
    fail('maxRetryAttemptsForSessionRefresh', `expected a whole number >= 0 (default 10), got ${describe(maxRetry)}.`)
  }
  const sessionExpiredStatusCode = statusCode('sessionExpiredStatusCode', config.sessionExpiredStatusCode, 401)
  const invalidClaimStatusCode = statusCode('invalidClaimStatusCode', config.invalidClaimStatusCode, 403)
  if (sessionExpiredStatusCode === invalidClaimStatusCode) {
    fail(
      'invalidClaimStatusCode',
      `it must differ from sessionExpiredStatusCode (both are ${invalidClaimStatusCode}); use the values your backend uses (401 and 403 by default).`,
    )
  }
  const refreshTimeoutMs = config.refreshTimeoutMs ?? 20000
  if (typeof refreshTimeoutMs !== 'number' || !(refreshTimeoutMs > 0)) {
    fail(
      'refreshTimeoutMs',
      `expected a positive number of milliseconds (default 20000), got ${describe(refreshTimeoutMs)}.`,
    )
  }
  if (config.interceptGlobalFetch !== undefined && typeof config.interceptGlobalFetch !== 'boolean') {
    fail('interceptGlobalFetch', `expected true or false, got ${describe(config.interceptGlobalFetch)}.`)
  }
  if (config.onEvent !== undefined && typeof config.onEvent !== 'function') {
    fail('onEvent', `expected a function (event) => void, got ${describe(config.onEvent)}.`)
  }
  if (config.platform !== undefined && (config.platform === null || typeof config.platform !== 'object')) {
    fail('platform', `expected an object of platform overrides, got ${describe(config.platform)}.`)
  }
  const backendDomain = parseDomain('sessionTokenBackendDomain', config.sessionTokenBackendDomain)

  const apiDomain = api.origin
  const apiBase = apiDomain + apiBasePath
  return {
    apiDomain,
    apiBasePath,
    websiteDomain: website?.origin,
    websiteBasePath,
    tokenTransferMethod,
    sessionTokenBackendDomain: backendDomain?.replace(/^\./, ''),
    sessionTokenFrontendDomain: parseDomain('sessionTokenFrontendDomain', config.sessionTokenFrontendDomain),
    maxRetryAttemptsForSessionRefresh: maxRetry,
    sessionExpiredStatusCode,
    invalidClaimStatusCode,
    emailVerification,
    interceptGlobalFetch: config.interceptGlobalFetch ?? false,
    refreshTimeoutMs,
    onEvent: config.onEvent,
    apiHostname: api.hostname.toLowerCase(),
    apiBase,
    refreshUrl: apiBase + '/session/refresh',
    signOutUrl: apiBase + '/signout',
  }
}
