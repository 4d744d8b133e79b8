/**
 * The fake OAuth/OIDC provider behind the mock's ThirdParty recipe: an authorisation page listing seeded accounts,
 * and the token exchange `signinup` runs. Codes are stateless (signed JSON), because in a browser the trip
 * app → provider page → app is two full page loads, each starting a fresh mock.
 */
import { base64Decode, base64UrlEncode, fromUtf8, hmacSha256, randomToken, sha256, sha256Hex, utf8 } from './crypto'
import type { ResolvedMockOptions, ResolvedProvider } from './options'
import type { MockStore } from './store'

/** Path of the authorisation page, on the page's own origin. */
export const AUTHORIZE_PATH = /^\/__authfront\/mock-oauth\/([A-Za-z0-9_-]+)\/authorize$/
/** The same, as an MSW path pattern. */
export const AUTHORIZE_ROUTE = '/__authfront/mock-oauth/:providerId/authorize'

const CODE_LIFETIME_MS = 10 * 60 * 1000

/** What the provider knows about the account the user picked. */
export interface ProviderAccount {
  /** The provider's user id: stable for one provider and account, across reloads. */
  sub: string
  email: string | undefined
  emailVerified: boolean
}

/** The authorisation page as data, rendered as HTML (Node) or DOM (`startMockBackend`). */
export type MockConsentPage =
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; message: string }
  | {
      kind: 'consent'
      /** "Sign in to Google (authfront mock provider)". */
      title: string
      accounts: Array<{ label: string; href: string }>
      cancelHref: string
    }

export interface MockOAuthProvider {
  /** `urlWithQueryParams` and, with PKCE, the verifier (docs/PROTOCOL.md §2.1). */
  authorisationUrl(provider: ResolvedProvider, redirectUri: string): { url: string; verifier?: string }
  /** The page for an authorisation URL; undefined when the URL is not one. */
  page(url: URL): MockConsentPage | undefined
  /** The token exchange: the account, or undefined when the provider would answer `invalid_grant`. */
  redeem(code: string, redirectUri: string, verifier: string | undefined): RedeemResult | undefined
}

export interface RedeemResult {
  provider: string
  account: ProviderAccount
  /** Set by `controls.thirdParty.nextConsent('notAllowed')`. */
  notAllowed: boolean
}

interface CodePayload {
  p: string
  sub: string
  e?: string
  v: boolean
  r: string
  c?: string
  x: number
  n: string
  na?: true
}

function isUrl(text: string): boolean {
  try {
    new URL(text)
    return true
  } catch {
    return false
  }
}

function pkceChallenge(verifier: string): string {
  return base64UrlEncode(sha256(verifier))
}

/**
 * `signingKey` is the backend's secret when the state is persisted (codes then survive reloads because the secret
 * does); an unpersisted mock starts with a new random secret on every page load, so it signs with a fixed key and
 * the codes are only as strong as a test fixture needs.
 */
export function createOAuthProvider(
  options: ResolvedMockOptions,
  store: MockStore,
  signingKey: () => string,
): MockOAuthProvider {
  // Single use lives in memory: a page reload forgets it, like a provider restart would.
  const used = new Set<string>()
  const providers = options.thirdParty ?? []
  const appleCallback = `${options.apiDomain}${options.apiBasePath}/callback/apple`

  const sign = (payload: CodePayload): string => {
    const body = base64UrlEncode(utf8(JSON.stringify(payload)))
    return `${body}.${base64UrlEncode(hmacSha256(signingKey(), body))}`
  }
  const verify = (code: string): CodePayload | undefined => {
    const [body = '', mac] = code.split('.')
    if (mac !== base64UrlEncode(hmacSha256(signingKey(), body))) return undefined
    const bytes = base64Decode(body)
    if (bytes === undefined) return undefined
    try {
      return JSON.parse(fromUtf8(bytes)) as CodePayload
    } catch {
      return undefined
    }
  }

  /** Apple posts to the backend (form_post), which a page cannot do through MSW: go where the backend would. */
  const returnTarget = (redirectUri: string, params: Record<string, string>): string => {
    let target = redirectUri
    if (redirectUri === appleCallback && params['state'] !== undefined) {
      const decoded = base64Decode(params['state'])
      try {
        const parsed = decoded && (JSON.parse(fromUtf8(decoded)) as { frontendRedirectURI?: unknown })
        if (parsed && typeof parsed.frontendRedirectURI === 'string') target = parsed.frontendRedirectURI
      } catch {
        // Not base64 JSON: leave it to the backend callback, which answers 500 like node.
      }
    }
    const url = new URL(target)
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
    return url.href
  }

  const page = (url: URL): MockConsentPage | undefined => {
    const match = AUTHORIZE_PATH.exec(url.pathname)
    if (match === null) return undefined
    const provider = providers.find((item) => item.id === match[1])
    const redirectUri = url.searchParams.get('redirect_uri')
    if (provider === undefined) return { kind: 'error', message: `Unknown provider '${match[1]}'.` }
    if (redirectUri === null || !isUrl(redirectUri)) return { kind: 'error', message: 'Missing redirect_uri.' }
    const state = url.searchParams.get('state')
    const withState = (params: Record<string, string>) => (state === null ? params : { ...params, state })
    store.sync()
    const next = store.state.nextConsent
    if (next !== undefined) {
      store.state.nextConsent = undefined
      store.commit()
    }
    if (next === 'deny')
      return { kind: 'redirect', location: returnTarget(redirectUri, withState({ error: 'access_denied' })) }
    const challenge = url.searchParams.get('code_challenge') ?? undefined
    const accounts = provider.users.map((user, index) => {
      const code = sign({
        p: provider.id,
        sub: sha256Hex(`${provider.id}:${user.email ?? user.name ?? index}`).slice(0, 24),
        ...(user.email === undefined || next === 'noEmail' ? {} : { e: user.email }),
        v: user.emailVerified,
        r: redirectUri,
        ...(challenge === undefined ? {} : { c: challenge }),
        x: options.now() + CODE_LIFETIME_MS,
        n: randomToken(12),
        ...(next === 'notAllowed' ? { na: true as const } : {}),
      })
      return {
        label: user.name ?? user.email ?? `Account ${index + 1}`,
        href: returnTarget(redirectUri, withState({ code })),
      }
    })
    if (provider.autoConsent && accounts[0] !== undefined) {
      return { kind: 'redirect', location: accounts[0].href }
    }
    return {
      kind: 'consent',
      title: `Sign in to ${provider.name ?? provider.id} (authfront mock provider)`,
      accounts,
      cancelHref: returnTarget(redirectUri, withState({ error: 'access_denied' })),
    }
  }

  return {
    authorisationUrl(provider, redirectUri) {
      const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? options.websiteDomain
      const url = new URL(`/__authfront/mock-oauth/${provider.id}/authorize`, origin)
      url.searchParams.set('client_id', `authfront-mock-${provider.id}`)
      url.searchParams.set('redirect_uri', redirectUri)
      url.searchParams.set('response_type', 'code')
      url.searchParams.set('scope', provider.id === 'apple' ? 'openid email' : 'openid email profile')
      if (provider.id === 'apple') url.searchParams.set('response_mode', 'form_post')
      if (!provider.pkce) return { url: url.href }
      const verifier = randomToken(32)
      url.searchParams.set('code_challenge', pkceChallenge(verifier))
      url.searchParams.set('code_challenge_method', 'S256')
      return { url: url.href, verifier }
    },
    page,
    redeem(code, redirectUri, verifier) {
      const payload = verify(code)
      if (payload === undefined || used.has(payload.n) || payload.x <= options.now()) return undefined
      if (payload.r !== redirectUri) return undefined
      if (payload.c !== undefined && (verifier === undefined || pkceChallenge(verifier) !== payload.c)) return undefined
      used.add(payload.n)
      return {
        provider: payload.p,
        account: { sub: payload.sub, email: payload.e, emailVerified: payload.v },
        notAllowed: payload.na === true,
      }
    },
  }
}
