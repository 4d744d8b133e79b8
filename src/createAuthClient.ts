import { createStore } from 'zustand/vanilla'
import type { RecipePlugin } from './recipes/types'
import { createEmailPasswordApi } from './recipes/emailPassword'
import { createEmailVerificationApi } from './recipes/emailVerification'
import { createRequester } from './recipes/request'
import { createInterceptor, wasUnmounted } from './session/interceptor'
import { createSessionApi, emailVerifiedValidator } from './session/sessionApi'
import { createLocalSession } from './session/state'
import { resolveConfig } from './client/config'
import { authError, isAuthError } from './client/errors'
import { EMAIL_PASSWORD_RID, EMAIL_VERIFICATION_RID, SYNC_CHANNEL } from './client/wire'
import type { AuthError } from './client/errors'
import { createMemoryCookieJar, createPlatform, createSafeStorage, degradeToMemory } from './client/platform'
import type {
  AuthClient,
  AuthConfig,
  AuthEvent,
  AuthEventType,
  BroadcastPort,
  ClaimValidationError,
  ClaimValidator,
  SessionState,
} from './client/types'

type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never
/** The members a list of recipe plugins adds to the client. */
export type RecipeApis<R extends readonly RecipePlugin[]> = Intersection<ReturnType<R[number]>>

const ORIGINAL_FETCH = Symbol.for('authfront.originalFetch')
type PatchedFetch = typeof fetch & { [ORIGINAL_FETCH]?: typeof fetch }
/** Every mounted client's global patch, oldest first, shared by every copy of authfront in the page. */
const PATCHES = Symbol.for('authfront.patches')
/** Mounted clients per `{apiDomain}{apiBasePath}` (development builds only, for the warning). */
const MOUNTED = Symbol.for('authfront.mounted')
type Page = { [PATCHES]?: PatchedFetch[]; [MOUNTED]?: Record<string, number> }

declare const process: { env: Record<string, string | undefined> }
/** Angular's development flag: the Angular CLI defines it as `false` in production builds; absent elsewhere. */
declare const ngDevMode: unknown

/**
 * Creates the session client: intercepted fetch, session state, refresh, events and the recipe calls.
 * Nothing runs at creation: no request, timer or listener until `mount()` or a call.
 *
 * @throws AuthError kind `config` when `config` is invalid; the message names the field and the fix.
 * @example
 * const auth = createAuthClient({ apiDomain: 'https://api.example.com' })
 * const unmount = auth.mount()
 * const response = await auth.doFetch('https://api.example.com/api/orders')
 */
export function createAuthClient<const R extends readonly RecipePlugin[] = readonly []>(
  config: AuthConfig & { recipes?: R },
): AuthClient & RecipeApis<R> {
  const resolved = resolveConfig(config)
  const overrides = config.platform ?? {}
  const platform = createPlatform(overrides, {
    cookieDomain: resolved.sessionTokenFrontendDomain,
    isInIframe: resolved.isInIframe,
  })
  // A jar or storage that throws (sandboxed iframe, blocked storage) must not turn every call into a raw error.
  const local = createLocalSession(
    degradeToMemory(() => platform.cookies, createMemoryCookieJar, ['read', 'write'], 'cookies'),
    createSafeStorage(() => platform.storage),
    platform.now,
    resolved.sessionExpiredStatusCode,
    (error) => setError(error),
    resolved.clockSkewMs,
  )

  // The client's own requests never go through an authfront patch, its own or another client's (a second client in
  // the page, hot reload): a refresh intercepted by a client that waits on the same lock would deadlock.
  let originalFetch: typeof fetch | undefined
  const send: typeof fetch =
    overrides.fetch !== undefined
      ? platform.fetch
      : (input, init) => {
          const current = globalThis.fetch as PatchedFetch
          return (originalFetch ?? current[ORIGINAL_FETCH] ?? current)(input, init)
        }

  const store = createStore<SessionState>()(() => ({
    status: 'loading',
    userId: undefined,
    accessTokenPayload: undefined,
    invalidClaims: [],
    error: undefined,
  }))
  const { getState, setState } = store

  const listeners = new Map<AuthEventType | '*', Set<(event: AuthEvent) => void>>()
  let port: BroadcastPort | undefined

  /** Mirrors the cookies into the store. `settled` forces a status when the state is `MAY_EXIST`. */
  const syncStore = (settled?: boolean) => {
    const state = local.read()
    const current = getState()
    if (state.status === 'EXISTS') {
      const { uid: userId, up: accessTokenPayload } = state.frontToken
      if (
        current.status !== 'signedIn' ||
        current.userId !== userId ||
        current.accessTokenPayload !== accessTokenPayload
      ) {
        setState({ status: 'signedIn', userId, accessTokenPayload })
      }
    } else if (
      (state.status === 'NOT_EXISTS' ||
        settled === false ||
        (settled === undefined && current.status === 'signedIn')) &&
      current.status !== 'signedOut'
    ) {
      setState({ status: 'signedOut', userId: undefined, accessTokenPayload: undefined, invalidClaims: [] })
    }
  }

  // Work aborted by an unmount is not a failure to show.
  const setError = (error: AuthError | undefined) => {
    if (getState().error !== error && !wasUnmounted(error)) setState({ error })
  }
  const setInvalidClaims = (invalidClaims: ClaimValidationError[]) => {
    if (getState().invalidClaims.length > 0 || invalidClaims.length > 0) setState({ invalidClaims })
  }

  const publish = (events: AuthEvent[], changed: boolean) => {
    if (changed || events.length > 0) syncStore()
    if (changed) port?.post({ type: 'changed' })
    for (const event of events) {
      // Claims failed by the previous session say nothing about a new one.
      const endsSession = event.type === 'SIGN_OUT' || event.type === 'UNAUTHORISED'
      if (endsSession && getState().status !== 'signedOut') syncStore(false)
      if (endsSession || event.type === 'SESSION_CREATED') setInvalidClaims([])
      for (const fns of [resolved.onEvent && [resolved.onEvent], listeners.get(event.type), listeners.get('*')]) {
        for (const fn of fns ?? []) {
          try {
            fn(event)
          } catch (error) {
            // A failing listener must not break the request that fired the event.
            console.error('authfront: event listener threw', error)
          }
        }
      }
    }
  }

  // Aborted by the last unmount (the session check, a refresh in flight), then replaced: later calls work as before.
  let lifetime = new AbortController()
  const interceptor = createInterceptor(
    resolved,
    platform,
    local,
    send,
    publish,
    setError,
    setInvalidClaims,
    () => lifetime.signal,
  )
  const request = createRequester(resolved, interceptor, setError, () => local.read().status === 'EXISTS')
  const emailVerification = createEmailVerificationApi(request(EMAIL_VERIFICATION_RID))
  // Built-in first, then what plugins add, then the app's own (docs/ARCHITECTURE.md "Claims").
  const validators: ClaimValidator[] = []
  if (resolved.emailVerification !== 'off') validators.push(emailVerifiedValidator(emailVerification.isVerified))
  const session = createSessionApi(
    resolved,
    local,
    interceptor,
    platform.lock,
    publish,
    setError,
    setInvalidClaims,
    syncStore,
    validators,
  )

  let mounts = 0
  let stop: (() => void) | undefined
  // The last session check was aborted by an unmount: the next mount checks again.
  let recheck = false
  const page = globalThis as Page
  const apiBase = resolved.apiBase

  const start = () => {
    port = platform.broadcast(SYNC_CHANNEL)
    // Another tab changed the shared cookies: re-read them (no request) and mirror into this tab's store.
    const unsubscribe = port?.subscribe(() => syncStore())
    const unwatch = local.watch(platform.cookies)
    let patched: PatchedFetch | undefined
    const patches = (page[PATCHES] ??= [])
    if (resolved.interceptGlobalFetch) {
      const current = globalThis.fetch as PatchedFetch
      originalFetch = current[ORIGINAL_FETCH] ?? current
      // What this client does not intercept goes to the patch mounted before it (another API's client), if any.
      patched = (input, init) =>
        interceptor.doFetch(input, init, false, patches[patches.indexOf(patched!) - 1] ?? originalFetch)
      patched[ORIGINAL_FETCH] = originalFetch
      patches.push(patched)
      globalThis.fetch = patched
    }
    // Development builds only. Bundlers replace `process.env.NODE_ENV`; the Angular CLI replaces `ngDevMode` instead
    // (false in production), so both are read, Angular's first. This shape lets the minifier drop the whole warning
    // from production builds (a `return` inside the `try` would keep it). Neither known: development.
    let mounted: Record<string, number> | undefined
    try {
      if ((typeof ngDevMode === 'undefined' || ngDevMode) && process.env.NODE_ENV !== 'production')
        mounted = page[MOUNTED] ??= {}
    } catch {
      if (typeof ngDevMode === 'undefined' || ngDevMode) mounted = page[MOUNTED] ??= {}
    }
    if (mounted && (mounted[apiBase] = (mounted[apiBase] ?? 0) + 1) > 1) {
      console.warn(
        `authfront: ${mounted[apiBase]} clients mounted for ${apiBase}; share one (hot reload: unmount the old).`,
      )
    }
    stop = () => {
      unwatch()
      unsubscribe?.()
      port?.close()
      port = undefined
      if (mounted) mounted[apiBase]!--
      // The session check and any refresh in flight stop; calls from now on get the fresh signal.
      lifetime.abort()
      lifetime = new AbortController()
      if (patched !== undefined) {
        patches.splice(patches.indexOf(patched), 1)
        // Someone patched after us: leave their wrapper in place rather than dropping it.
        if (globalThis.fetch === patched) globalThis.fetch = patches[patches.length - 1] ?? originalFetch!
        originalFetch = undefined
      }
    }
    // An aborted check left `signedOut` for "may exist": wait for this mount's check instead (guards would redirect).
    if (recheck && local.read().status === 'MAY_EXIST') setState({ status: 'loading' })
    recheck = false
    if (getState().status === 'loading') {
      // A server has no browser cookies to refresh with: settle from what the jar says, without a request.
      if (platform.isServer) syncStore()
      else {
        void session.exists().catch((cause: unknown) => {
          if (wasUnmounted(cause)) {
            // Remounted meanwhile (React StrictMode runs effects twice): that mount's own check settles the store.
            if (mounts > 0) return
            recheck = true
          }
          // Whatever failed, the store must leave `loading`, or guards show their fallback forever. Aborted by the
          // unmount: settled from the cookies alone, with no error (docs/PROTOCOL.md §5.12).
          setError(isAuthError(cause) ? cause : authError('network', 'Session check failed', undefined, cause))
          syncStore(false)
        })
      }
    }
  }

  const client: AuthClient = {
    config: resolved,
    store,
    mount() {
      if (mounts++ === 0) start()
      let unmounted = false
      return () => {
        if (!unmounted) {
          unmounted = true
          if (--mounts === 0) stop!()
        }
      }
    },
    doFetch: (input, init) => interceptor.doFetch(input, init),
    shouldIntercept: interceptor.shouldIntercept,
    on: ((type: AuthEventType | '*', listener: (event: AuthEvent) => void) => {
      const set = listeners.get(type) ?? new Set()
      listeners.set(type, set.add(listener))
      return () => void set.delete(listener)
    }) as AuthClient['on'],
    emailPassword: createEmailPasswordApi(request(EMAIL_PASSWORD_RID, true)),
    emailVerification,
    session,
  }
  const addClaimValidator = (validator: ClaimValidator) => void validators.push(validator)
  for (const plugin of config.recipes ?? []) {
    Object.assign(client, plugin({ config: resolved, platform, request, addClaimValidator, client }))
  }
  validators.push(...(config.claimValidators ?? []))
  // What the plugins added, typed from the plugins passed: TypeScript cannot follow the loop.
  return client as AuthClient & RecipeApis<R>
}
