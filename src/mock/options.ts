import type { MockAntiCsrfMode, MockBackendOptions } from './types'

/** The resolved options, as the backend uses them. */
export interface ResolvedMockOptions {
  apiDomain: string
  apiBasePath: string
  websiteDomain: string
  websiteBasePath: string
  accessTokenLifetimeMs: number
  refreshTokenLifetimeMs: number
  emailVerification: 'off' | 'optional' | 'required'
  latencyMs: number
  antiCsrf: MockAntiCsrfMode
  checkDatabase: boolean
  cookieJar: boolean
  /** `SameSite` of the session cookies: `None` when API and website are on different sites or protocols. */
  sameSite: 'Lax' | 'None'
  secure: boolean
  /** Full URL of the demo endpoint, or undefined. */
  meUrl: string | undefined
  now: () => number
}

export function normalisePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '')
  if (trimmed === '') return ''
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

function normaliseOrigin(field: string, value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(`createMockBackend: ${field} must be an origin such as 'http://localhost:3001', got '${value}'`)
  }
  return url.origin
}

/** Registrable domain, roughly (last two labels); good enough to decide SameSite for a mock. */
function site(origin: string): string {
  const { hostname } = new URL(origin)
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':') || !hostname.includes('.')) return hostname
  return hostname.split('.').slice(-2).join('.')
}

export function resolveOptions(input: MockBackendOptions): ResolvedMockOptions {
  if (typeof input !== 'object' || input === null || typeof input.apiDomain !== 'string') {
    throw new Error(
      "createMockBackend: 'apiDomain' is required, e.g. createMockBackend({ apiDomain: 'http://localhost:3001' })",
    )
  }
  const apiDomain = normaliseOrigin('apiDomain', input.apiDomain)
  const websiteDomain = normaliseOrigin('websiteDomain', input.websiteDomain ?? input.apiDomain)
  const crossSite =
    site(apiDomain) !== site(websiteDomain) || new URL(apiDomain).protocol !== new URL(websiteDomain).protocol
  const sameSite = crossSite ? 'None' : 'Lax'
  const meEndpoint = input.meEndpoint === undefined ? '/api/me' : input.meEndpoint
  const now = input.now ?? (() => Date.now())
  return {
    apiDomain,
    apiBasePath: normalisePath(input.apiBasePath ?? '/auth'),
    websiteDomain,
    websiteBasePath: normalisePath(input.websiteBasePath ?? '/auth'),
    accessTokenLifetimeMs: input.accessTokenLifetimeMs ?? 3_600_000,
    refreshTokenLifetimeMs: input.refreshTokenLifetimeMs ?? 100 * 24 * 3_600_000,
    emailVerification: input.emailVerification ?? 'off',
    latencyMs: input.latencyMs ?? 0,
    antiCsrf: input.antiCsrf ?? (sameSite === 'None' ? 'VIA_CUSTOM_HEADER' : 'NONE'),
    checkDatabase: input.checkDatabase ?? false,
    cookieJar: input.cookieJar ?? true,
    sameSite,
    // Browsers reject SameSite=None without Secure (docs/PROTOCOL.md §6).
    secure: new URL(apiDomain).protocol === 'https:' || sameSite === 'None',
    meUrl: meEndpoint === false ? undefined : `${apiDomain}${normalisePath(meEndpoint)}`,
    now: () => now(),
  }
}
