/**
 * `SuperTokens.init` of the official web SDK (supertokens-web-js) on top of one authfront client: the official
 * options become an `AuthConfig`, the client is mounted at once with the global fetch patch, as the official SDK
 * intercepts from `init` on. Options with no authfront counterpart are refused by name, never dropped silently:
 * docs/MIGRATING.md lists them.
 */
import { createAuthClient } from '../createAuthClient'
import { authError } from '../client/errors'
import { isInterceptedUrl } from '../session/interceptor'
import type { AuthClient, AuthConfig, AuthEvent, ClaimValidationError, ClaimValidator, Platform } from '../client/types'

/** What `userContext` parameters receive; authfront has no user context, so it is always a fresh empty object. */
export type UserContext = Record<string, unknown>

/** The official session events, as `onHandleEvent` receives them (docs/PROTOCOL.md §5.6). */
export type SessionEvent =
  | {
      /** `SESSION_ALREADY_EXISTS` is in the official type but authfront never fires it (docs/MIGRATING.md). */
      action:
        'SESSION_CREATED' | 'REFRESH_SESSION' | 'ACCESS_TOKEN_PAYLOAD_UPDATED' | 'SIGN_OUT' | 'SESSION_ALREADY_EXISTS'
      userContext: UserContext
    }
  | { action: 'UNAUTHORISED'; sessionExpiredOrRevoked: boolean; userContext: UserContext }
  | { action: 'API_INVALID_CLAIM'; claimValidationErrors: ClaimValidationError[]; userContext: UserContext }

/** The session recipe functions an `override.functions` may replace; any other replaced function is refused. */
export interface SessionOverridable {
  /** Called once at init with no validators from other recipes; what it returns becomes `claimValidators`. */
  getGlobalClaimValidators(input: {
    claimValidatorsAddedByOtherRecipes: ClaimValidator[]
    userContext: UserContext
  }): ClaimValidator[]
  /**
   * Decides whether a request goes through the session machinery; a replacement becomes authfront's
   * `shouldInterceptUrl`. It receives an absolute URL, and `sessionTokenBackendDomain` as configured.
   */
  shouldDoInterceptionBasedOnUrl(url: string, apiDomain: string, sessionTokenBackendDomain: string | undefined): boolean
}

/** `Session.init(config)`: the official session options authfront maps, plus those it refuses by name. */
export interface SessionConfig {
  /** Defaults to `cookie`. */
  tokenTransferMethod?: 'cookie' | 'header'
  /** Defaults to undefined (only the `apiDomain` hostname is intercepted). */
  sessionTokenBackendDomain?: string
  /** Defaults to undefined (host-only frontend cookies). */
  sessionTokenFrontendDomain?: string
  /** Defaults to `401`. */
  sessionExpiredStatusCode?: number
  /** Defaults to `403`. */
  invalidClaimStatusCode?: number
  /** Defaults to `10`. */
  maxRetryAttemptsForSessionRefresh?: number
  /** Defaults to `false`. */
  isInIframe?: boolean
  /** Defaults to `true`: `false` leaves `credentials` to each call (the refresh call always sends them). */
  autoAddCredentials?: boolean
  /** Receives every session event with the official names and shape. Defaults to none. */
  onHandleEvent?: (event: SessionEvent) => void
  /** Only `getGlobalClaimValidators` may be replaced. Defaults to none. */
  override?: { functions?: (originalImplementation: SessionOverridable) => SessionOverridable }
  /** Refused at init: wrap `fetch` yourself (docs/MIGRATING.md). */
  preAPIHook?: never
  /** Refused at init: listen to `onHandleEvent` or read the response (docs/MIGRATING.md). */
  postAPIHook?: never
  /** Ignored: authfront locks with Web Locks, or localStorage where they are missing. */
  lockFactory?: unknown
}

/** `EmailPassword.init(config)`: hooks and overrides are refused at init. */
export interface EmailPasswordConfig {
  preAPIHook?: never
  postAPIHook?: never
  override?: never
}

/** What `Session.init()` and `EmailPassword.init()` return, for `recipeList`. */
export type CompatRecipe =
  | { readonly recipeId: 'session'; readonly config: SessionConfig }
  | { readonly recipeId: 'emailpassword'; readonly config: EmailPasswordConfig }

/** `SuperTokens.init(config)`. */
export interface SuperTokensConfig {
  appInfo: {
    /** Not used by authfront; kept so existing configs type-check. */
    appName: string
    /** The backend's origin, e.g. `https://api.example.com`. Required. */
    apiDomain: string
    /** Defaults to `/auth`. */
    apiBasePath?: string
    /** A path an API gateway prepends, put before `apiBasePath`. Defaults to none. */
    apiGatewayPath?: string
  }
  /** `[Session.init(), EmailPassword.init()]`. */
  recipeList: CompatRecipe[]
  /** Ignored. */
  clientType?: string
  /** Ignored: authfront does not log. */
  enableDebugLogs?: boolean
  /** Refused at init: use `platform` (docs/MIGRATING.md). */
  cookieHandler?: never
  /** Refused at init: use `platform` (docs/MIGRATING.md). */
  windowHandler?: never
  /** Refused at init: authfront measures the clock skew itself (docs/PROTOCOL.md §5.9). */
  dateProvider?: never
  /**
   * authfront's environment overrides (cookie jar, storage, clock, fetch): what the official `cookieHandler` and
   * `windowHandler` replaced. Defaults to the browser (or, in Node, memory).
   */
  platform?: Partial<Platform>
}

let current: { client: AuthClient; unmount: () => void } | undefined

const refuse = (where: string, option: string, hint: string): never => {
  throw authError(
    'config',
    `authfront/compat: ${where} option "${option}" is not supported: ${hint} See docs/MIGRATING.md.`,
  )
}

/** Refuses each of `options` that `config` sets (to anything but `allowed`). */
const refuseSet = (config: object, where: string, options: Record<string, string>, allowed?: unknown) => {
  for (const [option, hint] of Object.entries(options)) {
    const value = (config as Record<string, unknown>)[option]
    if (value !== undefined && value !== allowed) refuse(where, option, hint)
  }
}

/**
 * What an `override.functions` replaces: the global validators and the interception decision. Refuses any other
 * replaced function.
 */
function overridden({
  override,
  sessionTokenBackendDomain,
}: SessionConfig): Pick<AuthConfig, 'claimValidators' | 'shouldInterceptUrl'> | undefined {
  if (override?.functions === undefined) return undefined
  const original: SessionOverridable = {
    getGlobalClaimValidators: ({ claimValidatorsAddedByOtherRecipes }) => claimValidatorsAddedByOtherRecipes,
    shouldDoInterceptionBasedOnUrl: (url, apiDomain, sessionTokenBackendDomain) =>
      isInterceptedUrl(url, { apiDomain, sessionTokenBackendDomain }),
  }
  const replaced = override.functions({ ...original })
  for (const [name, fn] of Object.entries(replaced)) {
    if (fn !== original[name as keyof SessionOverridable] && !(name in original)) {
      refuse(
        'Session.init',
        `override.functions: ${name}`,
        'only getGlobalClaimValidators and shouldDoInterceptionBasedOnUrl can be replaced.',
      )
    }
  }
  const decide = replaced.shouldDoInterceptionBasedOnUrl
  return {
    claimValidators: replaced.getGlobalClaimValidators({ claimValidatorsAddedByOtherRecipes: [], userContext: {} }),
    // The official SDK hands over the backend domain as configured, leading dot included.
    shouldInterceptUrl:
      decide === original.shouldDoInterceptionBasedOnUrl
        ? undefined
        : (url, apiDomain) => decide.call(replaced, url, apiDomain, sessionTokenBackendDomain),
  }
}

/** Maps the official init options to an `AuthConfig`. */
function toAuthConfig(config: SuperTokensConfig): AuthConfig {
  if (config === null || typeof config !== 'object' || !Array.isArray(config.recipeList)) {
    refuse('SuperTokens.init', 'recipeList', 'pass [Session.init(), EmailPassword.init()].')
  }
  const platformHint = 'pass `platform` (authfront environment overrides) instead.'
  refuseSet(config, 'SuperTokens.init', {
    cookieHandler: platformHint,
    windowHandler: platformHint,
    dateProvider: 'authfront measures the clock skew from the front token (a fixed skew: its clockSkewMs option).',
  })
  const { appInfo, recipeList, platform } = config
  for (const recipe of recipeList) {
    if (recipe?.recipeId === 'emailpassword') {
      refuseSet(recipe.config, 'EmailPassword.init', {
        preAPIHook: 'wrap fetch yourself.',
        postAPIHook: 'read the result instead.',
        override: 'call the functions from your own wrappers.',
      })
    } else if (recipe?.recipeId !== 'session') {
      refuse('SuperTokens.init', 'recipeList', 'authfront/compat provides Session and EmailPassword only.')
    }
  }
  const session = recipeList.find((recipe) => recipe.recipeId === 'session')?.config ?? {}
  refuseSet(session, 'Session.init', {
    preAPIHook: 'wrap fetch yourself, or add the headers where you call it.',
    postAPIHook: 'use onHandleEvent, or read the response where you call fetch.',
  })
  const { onHandleEvent } = session
  const overrides = overridden(session)
  const apiBasePath = (appInfo?.apiGatewayPath ?? '').replace(/\/+$/, '') + (appInfo?.apiBasePath ?? '/auth')
  return {
    apiDomain: appInfo?.apiDomain,
    apiBasePath,
    tokenTransferMethod: session.tokenTransferMethod,
    sessionTokenBackendDomain: session.sessionTokenBackendDomain,
    sessionTokenFrontendDomain: session.sessionTokenFrontendDomain,
    sessionExpiredStatusCode: session.sessionExpiredStatusCode,
    invalidClaimStatusCode: session.invalidClaimStatusCode,
    maxRetryAttemptsForSessionRefresh: session.maxRetryAttemptsForSessionRefresh,
    isInIframe: session.isInIframe,
    autoAddCredentials: session.autoAddCredentials,
    // The official SDK intercepts the page's fetch from init on.
    interceptGlobalFetch: true,
    ...overrides,
    onEvent:
      onHandleEvent &&
      (({ type, ...rest }: AuthEvent) => onHandleEvent({ action: type, ...rest, userContext: {} } as SessionEvent)),
    platform,
  }
}

/** The client `SuperTokens.init` created; rejects the call before init with a config error. */
export function compatClient(): AuthClient {
  if (current === undefined) {
    throw authError('config', 'authfront/compat: call SuperTokens.init({ appInfo, recipeList }) first.')
  }
  return current.client
}

/** The official `SuperTokens` object: `init`, plus `getAuthClient` to move to authfront's own API step by step. */
export const SuperTokens = {
  /**
   * Creates and mounts the authfront client behind `Session` and `EmailPassword`, with the global fetch patch. A
   * second call (hot module reload, tests) replaces the first client, which is unmounted.
   *
   * @throws AuthError kind `config` for an invalid or unsupported option; the message names it.
   * @example
   * SuperTokens.init({
   *   appInfo: { appName: 'Shop', apiDomain: 'https://api.example.com', apiBasePath: '/auth' },
   *   recipeList: [Session.init({ tokenTransferMethod: 'header' }), EmailPassword.init()],
   * })
   */
  init(config: SuperTokensConfig): void {
    const client = createAuthClient(toAuthConfig(config))
    current?.unmount()
    current = { client, unmount: client.mount() }
  },
  /** The authfront client behind the compat calls (`auth.doFetch`, `auth.store`, the prebuilt UI). */
  getAuthClient: compatClient,
}
