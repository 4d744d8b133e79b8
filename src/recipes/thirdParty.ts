import { authError } from '../client/errors'
import { createMemoryStorage, createSafeStorage } from '../client/platform'
import { OAUTH_STATE_KEY, THIRD_PARTY_RID } from '../client/wire'
import { PROVIDER_MARKS } from './providerMarks'
import type {
  RecipePlugin,
  ThirdPartyApi,
  ThirdPartyCallbackResult,
  ThirdPartyOptions,
  ThirdPartyProvider,
} from './types'

/** Display names of the providers supertokens-node has built in; any other id shows as given. */
const PROVIDER_NAMES: Record<string, string> = {
  google: 'Google',
  github: 'GitHub',
  apple: 'Apple',
  facebook: 'Facebook',
  twitter: 'X',
  linkedin: 'LinkedIn',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
  discord: 'Discord',
  okta: 'Okta',
  'active-directory': 'Microsoft',
}

/** The state lives 10 minutes, as the official SDK's (docs/RECIPES.md §2.2). */
const STATE_LIFETIME_MS = 600_000

/** What `getAuthorisationUrl` stores, in the official SDK's shape so either SDK can finish the sign-in. */
interface StoredState {
  stateForAuthProvider: string
  thirdPartyId: string
  tenantId?: string
  expiresAt: number
  redirectURIOnProviderDashboard: string
  shouldTryLinkingWithSessionUser: false
  pkceCodeVerifier?: string
  rid: typeof THIRD_PARTY_RID
  redirectToPath?: string
}

const fail = (message: string): never => {
  throw authError('config', 'authfront: thirdParty(): ' + message)
}

/** Validates the providers at start-up and gives each a display name. */
function resolveProviders(options: ThirdPartyOptions): ThirdPartyProvider[] {
  if (!Array.isArray(options?.providers) || options.providers.length === 0) {
    fail(`pass { providers: ['google', 'github'] } (at least one provider).`)
  }
  return options.providers.map((provider) => {
    const id = typeof provider === 'string' ? provider : provider?.id
    if (typeof id !== 'string' || !/^[\w-]+$/.test(id)) {
      fail(
        `provider ${JSON.stringify(provider)}: use the backend's thirdPartyId, e.g. 'google' or { id: 'acme', name: 'Acme' }.`,
      )
    }
    const name = typeof provider === 'object' ? provider.name : undefined
    return { id, name: name ?? PROVIDER_NAMES[id] ?? id, mark: PROVIDER_MARKS[id] }
  })
}

const randomState = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')

/**
 * The ThirdParty recipe (social / OIDC login, docs/RECIPES.md §2): `auth.thirdParty`.
 *
 * @throws AuthError kind `config` at creation when `providers` is empty or malformed.
 * @example
 * const auth = createAuthClient({ apiDomain, recipes: [thirdParty({ providers: ['google', 'github'] })] })
 * await auth.thirdParty.redirectToProvider('google', { redirectToPath: '/orders' })
 */
export function thirdParty(options: ThirdPartyOptions): RecipePlugin<{ thirdParty: ThirdPartyApi }> {
  const providers = resolveProviders(options)
  return ({ config, platform, request }) => {
    const send = request(THIRD_PARTY_RID, true)
    // A server has no sign-in to continue: memory, without the "storage unavailable" warning.
    const storage =
      options.storage ??
      (platform.isServer ? createMemoryStorage() : createSafeStorage(() => globalThis.sessionStorage))
    const websiteOrigin = () => config.websiteDomain ?? platform.origin() ?? ''
    const frontendCallback = (id: string) => websiteOrigin() + config.websiteBasePath + '/callback/' + id
    let pending: [string, Promise<ThirdPartyCallbackResult>] | undefined

    const readState = (): StoredState | undefined => {
      let stored: StoredState | undefined
      try {
        stored = JSON.parse(storage.getItem(OAUTH_STATE_KEY) ?? '')
      } catch {
        // Missing or not JSON: no sign-in was started in this tab.
      }
      // Read once: a reload of the callback page must not post the same single-use code again.
      storage.removeItem(OAUTH_STATE_KEY)
      return typeof stored?.stateForAuthProvider === 'string' && typeof stored.thirdPartyId === 'string'
        ? stored
        : undefined
    }

    const signInUp = async (href: string): Promise<ThirdPartyCallbackResult> => {
      const params = Object.fromEntries(new URL(href, websiteOrigin() || undefined).searchParams)
      const stored = readState()
      if (stored === undefined) return { status: 'STATE_MISSING' }
      if (!(stored.expiresAt > platform.now())) return { status: 'STATE_EXPIRED' }
      if (params.state !== stored.stateForAuthProvider) return { status: 'STATE_MISMATCH' }
      // Only a callback that carries our state may report a provider error (docs/RECIPES.md §2.2).
      if (params.error !== undefined) {
        return { status: 'PROVIDER_ERROR', error: params.error, description: params.error_description }
      }
      const result = await send(
        '/signinup',
        'OK:user,createdNewRecipeUser=boolean NO_EMAIL_GIVEN_BY_PROVIDER SIGN_IN_UP_NOT_ALLOWED:reason=string',
        {
          thirdPartyId: stored.thirdPartyId,
          clientType: options.clientType,
          redirectURIInfo: {
            redirectURIOnProviderDashboard: stored.redirectURIOnProviderDashboard,
            redirectURIQueryParams: params,
            pkceCodeVerifier: stored.pkceCodeVerifier,
          },
          shouldTryLinkingWithSessionUser: false,
        },
        stored.tenantId,
      )
      return result.status === 'OK' ? { ...result, redirectToPath: stored.redirectToPath } : result
    }

    const api: ThirdPartyApi = {
      providers,
      async getAuthorisationUrl(thirdPartyId, { redirectToPath, tenantId } = {}) {
        // Apple posts its answer to the backend, which forwards it to the frontend callback (docs/RECIPES.md §2.1).
        const redirectURIOnProviderDashboard =
          thirdPartyId === 'apple' ? config.apiBase + '/callback/apple' : frontendCallback(thirdPartyId)
        const query = new URLSearchParams({ thirdPartyId, redirectURIOnProviderDashboard })
        if (options.clientType !== undefined) query.set('clientType', options.clientType)
        const result = await send(
          '/authorisationurl?' + query,
          'OK:urlWithQueryParams=string,pkceCodeVerifier?=string',
          undefined,
          tenantId,
        )
        if (result.status !== 'OK') return result
        let url: URL | undefined
        try {
          url = new URL(result.urlWithQueryParams)
        } catch {
          // Reported below.
        }
        // Never navigate to `javascript:` or the like, whatever the backend says.
        if (!/^https?:$/.test(url?.protocol ?? '')) {
          throw authError('protocol', `authorisationurl: not an http(s) URL.`)
        }
        const state: { state: string; frontendRedirectURI?: string } = { state: randomState() }
        if (thirdPartyId === 'apple') state.frontendRedirectURI = frontendCallback(thirdPartyId)
        const stateForAuthProvider = btoa(JSON.stringify(state))
        const stored: StoredState = {
          stateForAuthProvider,
          thirdPartyId,
          tenantId,
          expiresAt: platform.now() + STATE_LIFETIME_MS,
          redirectURIOnProviderDashboard,
          shouldTryLinkingWithSessionUser: false,
          pkceCodeVerifier: result.pkceCodeVerifier,
          rid: THIRD_PARTY_RID,
          redirectToPath,
        }
        storage.setItem(OAUTH_STATE_KEY, JSON.stringify(stored))
        url!.searchParams.set('state', stateForAuthProvider)
        return { status: 'OK', url: url!.href }
      },
      async redirectToProvider(thirdPartyId, redirectOptions) {
        const result = await api.getAuthorisationUrl(thirdPartyId, redirectOptions)
        if (result.status !== 'OK') return result
        ;(options.navigate ?? ((url) => globalThis.location.assign(url)))(result.url)
        return { status: 'OK' }
      },
      handleCallback({ url = globalThis.location?.href } = {}) {
        // The code is single-use: a second call for the same URL (StrictMode, a double mount) shares the first.
        if (pending?.[0] !== url) pending = [url, signInUp(url)]
        return pending[1]
      },
    }
    return { thirdParty: api }
  }
}
