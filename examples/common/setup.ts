/// <reference types="vite/client" />
import { createAuthClient, multiFactor, multitenancy, passwordless, thirdParty, totp, webauthn } from 'authfront'
import type { AuthClient } from 'authfront'
import type { MockBackend } from 'authfront/mock'
import { requireTotp } from './devTools'
import { canUsePasskeys, chooseBackend } from './mockPolicy'

/** What every example needs at start: the client, and the mock backend when no real one is configured. */
export interface ExampleSetup {
  auth: AuthClient
  apiDomain: string
  /** The in-browser mock backend; undefined when `VITE_API_DOMAIN` points at a real backend. */
  mock: MockBackend | undefined
  /** Passkeys are on: false on an IP address, where browsers refuse them (see `canUsePasskeys`). */
  hasPasskeys: boolean
  /** The protected demo endpoint the home page calls. */
  protectedUrl: string
  /** Session refreshes this page has seen (`REFRESH_SESSION` events), for the home page's counter. */
  refreshes: Counter
}

/** A number that only goes up, with change notification (framework-free, so every example can bind it). */
export interface Counter {
  get(): number
  /** Returns unsubscribe. */
  subscribe(listener: () => void): () => void
}

function countEvents(auth: AuthClient, type: 'REFRESH_SESSION'): Counter {
  let count = 0
  const listeners = new Set<() => void>()
  auth.on(type, () => {
    count += 1
    listeners.forEach((listener) => listener())
  })
  return {
    get: () => count,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

declare global {
  interface Window {
    /** The mock backend's controls, outbox, users and sessions, for the e2e tests and the console (dev only). */
    __authfrontMock?: MockBackend
    /** The example's auth client, for the e2e tests and the console (dev only). */
    __authfrontClient?: AuthClient
  }
}

/** Access tokens of the mock live 20 s, so the home page shows a refresh within a minute. */
const ACCESS_TOKEN_LIFETIME_MS = 20_000

/**
 * Starts the mock backend in a service worker (unless `VITE_API_DOMAIN` is set) and creates the client.
 * `VITE_API_DOMAIN=http://localhost:3001 npm run dev` talks to a real SuperTokens backend instead; its protected
 * endpoint is `VITE_PROTECTED_PATH` (defaults to `/api/me`, the mock's demo endpoint). A production build without
 * `VITE_API_DOMAIN` fails closed (see `chooseBackend`).
 */
export async function setUpExample(): Promise<ExampleSetup> {
  const choice = chooseBackend(
    {
      PROD: import.meta.env.PROD,
      VITE_API_DOMAIN: import.meta.env['VITE_API_DOMAIN'],
      VITE_AUTHFRONT_MOCK: import.meta.env['VITE_AUTHFRONT_MOCK'],
    },
    window.location.hostname,
  )
  if (choice.kind === 'none') {
    // Text only, no markup: the page says why it is empty.
    document.body.textContent = choice.reason
    throw new Error(choice.reason)
  }
  const apiDomain = choice.kind === 'api' ? choice.apiDomain : window.location.origin
  const protectedPath: string = import.meta.env['VITE_PROTECTED_PATH'] || '/api/me'
  const hasPasskeys = canUsePasskeys(window.location.hostname)
  let mock: MockBackend | undefined
  if (choice.kind === 'mock') {
    // Loaded only for the mock, so an app on a real backend never downloads MSW.
    const [{ createMockBackend }, { startMockBackend }] = await Promise.all([
      import('authfront/mock'),
      import('authfront/mock/browser'),
    ])
    mock = createMockBackend({
      apiDomain,
      accessTokenLifetimeMs: ACCESS_TOKEN_LIFETIME_MS,
      emailVerification: 'required',
      // Social login through the mock's own provider page, email or SMS codes and magic links, and a tenant
      // (`/auth?tenantId=acme`) that only offers GitHub and email codes.
      thirdParty: { providers: ['google', 'github'] },
      passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
      tenants: { acme: { firstFactors: ['thirdparty', 'otp-email', 'link-email'], providers: ['github'] } },
      // TOTP (and email codes) as second factors, required only once the dev panel's "Require TOTP" is on.
      multiFactor: {},
      // Passkeys for the page's own host (the relying party id is the hostname of `apiDomain`, this origin).
      ...(hasPasskeys && { webauthn: {} }),
      // Users, sessions and the outbox survive a reload and are shared by the tabs of this origin.
      persistence: { storage: shareBetweenTabs(window.localStorage), key: 'authfront-example' },
    })
    await startMockBackend(mock, {
      serviceWorker: { url: '/mockServiceWorker.js' },
      allowNonLocalhost: choice.allowNonLocalhost,
    })
    requireTotp.set(mock, requireTotp.get())
    if (import.meta.env.DEV) window.__authfrontMock = mock
  }
  const auth = createAuthClient({
    apiDomain,
    emailVerification: 'required',
    tokenTransferMethod: transferMethod(),
    recipes: [
      thirdParty({ providers: ['google', 'github'] }),
      passwordless({ contactMethod: 'EMAIL_OR_PHONE' }),
      multitenancy(),
      // The second-factor pages (/auth/mfa…) and the st-mfa check of SessionAuth, TOTP, and passkeys.
      multiFactor(),
      totp(),
      ...(hasPasskeys ? [webauthn()] : []),
    ],
  })
  if (import.meta.env.DEV) window.__authfrontClient = auth
  return {
    auth,
    apiDomain,
    mock,
    hasPasskeys,
    protectedUrl: `${apiDomain}${protectedPath}`,
    refreshes: countEvents(auth, 'REFRESH_SESSION'),
  }
}

/**
 * Cookies by default (the web default). In dev, `localStorage.setItem('authfront-example:tokenTransferMethod',
 * 'header')` and a reload switch every tab of the example to header mode.
 */
function transferMethod(): 'cookie' | 'header' {
  if (!import.meta.env.DEV) return 'cookie'
  return window.localStorage.getItem('authfront-example:tokenTransferMethod') === 'header' ? 'header' : 'cookie'
}

/**
 * localStorage as the mock's persistence, made safe for several tabs answering requests at the same time.
 *
 * The mock re-reads its stored state before every request and saves it after every response. Two races follow
 * (reported to the mock's owner): re-reading replaces the state object while another request of the same tab is
 * half-way through (a refresh's token rotation can be lost), and a tab that answers a 401 just after the other
 * tab's refresh saves the pre-refresh state again. So: a read returns only text this tab has not seen yet (another
 * tab's newer state), and a write that would put back an already-seen state over a newer one is dropped. A state
 * that really changed is new text, so it is always read and written.
 */
function shareBetweenTabs(storage: Storage): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const seen: string[] = []
  const remember = (value: string) => {
    seen.push(value)
    if (seen.length > 100) seen.shift()
  }
  return {
    getItem(key) {
      const value = storage.getItem(key)
      if (value === null || seen.includes(value)) return null
      remember(value)
      return value
    },
    setItem(key, value) {
      if (seen.includes(value) && storage.getItem(key) !== value) return
      if (!seen.includes(value)) remember(value)
      storage.setItem(key, value)
    },
    removeItem: (key) => storage.removeItem(key),
  }
}
