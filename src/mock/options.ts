import { base32Decode } from './totp'
import type {
  MockAntiCsrfMode,
  MockBackendOptions,
  MockMultiFactorOptions,
  MockPasswordlessOptions,
  MockProviderConfig,
  MockProviderUser,
  MockTenantConfig,
  MockWebauthnOptions,
} from './types'
import { normaliseEmail } from './validation'

/** A provider with its defaults filled in. */
export interface ResolvedProvider {
  id: string
  name: string | undefined
  users: Array<MockProviderUser & { emailVerified: boolean }>
  pkce: boolean
  autoConsent: boolean
}

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
  /** The ThirdParty providers; undefined when the recipe is off. */
  thirdParty: ResolvedProvider[] | undefined
  passwordless: Required<MockPasswordlessOptions> | undefined
  /** Undefined: every tenant exists with every enabled method. */
  tenants: Record<string, MockTenantConfig> | undefined
  /** The WebAuthn relying party; undefined when the recipe is off. */
  webauthn: Required<MockWebauthnOptions> | undefined
  /** MultiFactorAuth; undefined when the recipe is off. `totpIssuer` undefined: no TOTP recipe. */
  multiFactor:
    | (Omit<Required<MockMultiFactorOptions>, 'totp' | 'firstFactors'> & {
        firstFactors: string[] | undefined
        totpIssuer: string | undefined
        /** The key of every new TOTP device; undefined: a random one each. */
        totpSecret: string | undefined
      })
    | undefined
}

const BUILT_IN: Record<string, { name: string; users: MockProviderUser[] }> = {
  google: {
    name: 'Google',
    users: [
      { email: 'ada.google@example.com', name: 'Ada Lovelace' },
      { email: 'grace.google@example.com', name: 'Grace Hopper' },
    ],
  },
  github: {
    name: 'GitHub',
    users: [
      { email: 'linus.github@example.com', name: 'Linus Torvalds' },
      { email: 'margaret.github@example.com', name: 'Margaret Hamilton' },
    ],
  },
  apple: {
    name: 'Apple',
    users: [
      { email: 'steve.apple@example.com', name: 'Steve Wozniak' },
      { email: 'joanna.apple@example.com', name: 'Joanna Hoffman' },
    ],
  },
}

function resolveProviders(input: MockBackendOptions['thirdParty']): ResolvedProvider[] | undefined {
  if (input === undefined) return undefined
  return input.providers.map((entry) => {
    const config: MockProviderConfig = typeof entry === 'string' ? { id: entry } : entry
    const builtIn = BUILT_IN[config.id]
    const users = config.users ??
      builtIn?.users ?? [{ email: `one.${config.id}@example.com` }, { email: `two.${config.id}@example.com` }]
    return {
      id: config.id,
      name: config.name ?? builtIn?.name,
      users: users.map((user) => ({ ...user, emailVerified: user.emailVerified ?? true })),
      pkce: config.pkce ?? true,
      autoConsent: config.autoConsent ?? input.autoConsent ?? false,
    }
  })
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
    thirdParty: resolveProviders(input.thirdParty),
    passwordless:
      input.passwordless === undefined
        ? undefined
        : {
            contactMethod: input.passwordless.contactMethod ?? 'EMAIL',
            flowType: input.passwordless.flowType ?? 'USER_INPUT_CODE_AND_MAGIC_LINK',
          },
    tenants: input.tenants,
    webauthn:
      input.webauthn === undefined
        ? undefined
        : {
            rpId: input.webauthn.rpId ?? new URL(apiDomain).hostname,
            rpName: input.webauthn.rpName ?? 'authfront mock',
            origin:
              input.webauthn.origin === undefined
                ? websiteDomain
                : normaliseOrigin('webauthn.origin', input.webauthn.origin),
          },
    multiFactor: resolveMultiFactor(input.multiFactor),
  }
}

function resolveMultiFactor(input: MockMultiFactorOptions | undefined): ResolvedMockOptions['multiFactor'] {
  if (input === undefined) return undefined
  const usersRequiring: Record<string, string[]> = {}
  for (const [email, factors] of Object.entries(input.usersRequiring ?? {})) {
    usersRequiring[normaliseEmail(email)] = factors
  }
  const totp = input.totp ?? true
  return {
    firstFactors: input.firstFactors,
    requiredSecondaryFactors: input.requiredSecondaryFactors ?? [],
    usersRequiring,
    totpIssuer: totp === false ? undefined : ((totp === true ? undefined : totp.issuer) ?? 'authfront mock'),
    totpSecret: typeof totp === 'object' ? totpSecret(totp.secret) : undefined,
  }
}

/** The fixed TOTP key, checked with the decoder the codes use: base32 of at least 80 bits (16 characters). */
function totpSecret(secret: string | undefined): string | undefined {
  if (secret !== undefined && (base32Decode(secret)?.length ?? 0) < 10) {
    throw new Error(
      'authfront mock: multiFactor.totp.secret must be base32 (A-Z, 2-7) of at least 16 characters, ' +
        "e.g. 'JBSWY3DPEHPK3PXP'",
    )
  }
  return secret
}
