import { createStore } from 'zustand/vanilla'
import { createEmailPasswordApi } from '../recipes/emailPassword'
import { createEmailVerificationApi } from '../recipes/emailVerification'
import { createRequester } from '../recipes/request'
import { createInterceptor } from '../session/interceptor'
import { createSessionApi } from '../session/sessionApi'
import { createLocalSession } from '../session/state'
import { resolveConfig } from './config'
import type { AuthError } from './errors'
import { createPlatform } from './platform'
import type {
  AuthClient,
  AuthConfig,
  AuthEvent,
  AuthEventType,
  BroadcastPort,
  ClaimValidationError,
  SessionState,
} from './types'

/** Name of the cross-tab channel; messages carry no tokens, only "the session changed". */
export const SYNC_CHANNEL = 'authfront-session'

const ORIGINAL_FETCH = Symbol.for('authfront.originalFetch')
type PatchedFetch = typeof fetch & { [ORIGINAL_FETCH]?: typeof fetch }

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
export function createAuthClient(config: AuthConfig): AuthClient {
  const resolved = resolveConfig(config)
  const overrides = config.platform ?? {}
  const platform = createPlatform(overrides, { cookieDomain: resolved.sessionTokenFrontendDomain })
  const local = createLocalSession({ cookies: platform.cookies, storage: platform.storage, clock: platform.now })

  // While the global fetch is patched, the real requests must go to what was there before the patch.
  let originalFetch: typeof fetch | undefined
  const send: typeof fetch =
    overrides.fetch !== undefined ? platform.fetch : (input, init) => (originalFetch ?? globalThis.fetch)(input, init)

  const store = createStore<SessionState>()(() => ({
    status: 'loading',
    userId: undefined,
    accessTokenPayload: undefined,
    invalidClaims: [],
    error: undefined,
  }))

  const listeners = new Map<AuthEventType | '*', Set<(event: AuthEvent) => void>>()
  let port: BroadcastPort | undefined

  const deliver = (fn: (event: AuthEvent) => void, event: AuthEvent) => {
    try {
      fn(event)
    } catch (error) {
      // A failing listener must not break the request that fired the event.
      console.error('authfront: an event listener threw', error)
    }
  }

  /** Mirrors the cookies into the store. `settled` forces a status when the state is `MAY_EXIST`. */
  const syncStore = (settled?: boolean) => {
    const state = local.read().state
    const current = store.getState()
    if (state.status === 'EXISTS') {
      const { uid, up } = state.frontToken
      if (current.status !== 'signedIn' || current.userId !== uid || current.accessTokenPayload !== up) {
        store.setState({ status: 'signedIn', userId: uid, accessTokenPayload: up })
      }
    } else if (
      state.status === 'NOT_EXISTS' ||
      settled === false ||
      (settled === undefined && current.status === 'signedIn')
    ) {
      if (current.status !== 'signedOut') {
        store.setState({ status: 'signedOut', userId: undefined, accessTokenPayload: undefined, invalidClaims: [] })
      }
    }
  }

  const publish = (events: AuthEvent[], changed: boolean) => {
    if (changed || events.length > 0) syncStore()
    if (changed) port?.post({ type: 'changed' })
    for (const event of events) {
      // Claims failed by the previous session say nothing about a new one.
      const endsSession = event.type === 'SIGN_OUT' || event.type === 'UNAUTHORISED'
      if (endsSession && store.getState().status !== 'signedOut') syncStore(false)
      if ((endsSession || event.type === 'SESSION_CREATED') && store.getState().invalidClaims.length > 0) {
        store.setState({ invalidClaims: [] })
      }
      if (resolved.onEvent !== undefined) deliver(resolved.onEvent, event)
      for (const fn of listeners.get(event.type) ?? []) deliver(fn, event)
      for (const fn of listeners.get('*') ?? []) deliver(fn, event)
    }
  }

  const setError = (error: AuthError | undefined) => {
    if (store.getState().error !== error) store.setState({ error })
  }
  const setInvalidClaims = (errors: ClaimValidationError[]) => {
    const current = store.getState().invalidClaims
    if (current.length === 0 && errors.length === 0) return
    store.setState({ invalidClaims: errors })
  }

  const interceptor = createInterceptor({
    config: resolved,
    platform,
    local,
    send,
    publish,
    onRefreshError: setError,
    onInvalidClaims: setInvalidClaims,
  })
  const request = createRequester(resolved, interceptor)
  const emailVerification = createEmailVerificationApi(request)
  const session = createSessionApi({
    config: resolved,
    local,
    interceptor,
    lock: platform.lock,
    publish,
    settle: (exists) => syncStore(exists),
    onInvalidClaims: setInvalidClaims,
    onError: setError,
    fetchIsVerified: () => emailVerification.isVerified(),
  })
  const { readState: _readState, ...sessionApi } = session

  const doFetch = (input: RequestInfo | URL, init?: RequestInit) => interceptor.doFetch(input, init)

  let mounts = 0
  let stopSync: (() => void) | undefined
  let patchedFetch: PatchedFetch | undefined

  const start = () => {
    port = platform.broadcast(SYNC_CHANNEL)
    // Another tab changed the shared cookies: re-read them (no request) and mirror into this tab's store.
    const unsubscribe = port?.subscribe(() => syncStore())
    stopSync = () => {
      unsubscribe?.()
      port?.close()
      port = undefined
    }
    if (resolved.interceptGlobalFetch) {
      const current = globalThis.fetch as PatchedFetch
      originalFetch = current[ORIGINAL_FETCH] ?? current
      const patched: PatchedFetch = (input, init) => interceptor.doFetch(input, init)
      patched[ORIGINAL_FETCH] = originalFetch
      patchedFetch = patched
      globalThis.fetch = patched
    }
    if (store.getState().status === 'loading') {
      // A server has no browser cookies to refresh with: settle from what the jar says, without a request.
      if (platform.isServer) syncStore()
      else void sessionApi.exists().catch(setError)
    }
  }

  const stop = () => {
    stopSync?.()
    stopSync = undefined
    if (patchedFetch !== undefined) {
      // Someone patched after us: leave their wrapper in place rather than dropping it.
      if (globalThis.fetch === patchedFetch && originalFetch !== undefined) globalThis.fetch = originalFetch
      patchedFetch = undefined
      originalFetch = undefined
    }
  }

  const on = (type: AuthEventType | '*', listener: (event: never) => void) => {
    let set = listeners.get(type)
    if (set === undefined) listeners.set(type, (set = new Set()))
    const fn = listener as (event: AuthEvent) => void
    set.add(fn)
    return () => {
      set.delete(fn)
    }
  }

  return {
    config: resolved,
    store,
    mount() {
      mounts++
      if (mounts === 1) start()
      let unmounted = false
      return () => {
        if (unmounted) return
        unmounted = true
        mounts--
        if (mounts === 0) stop()
      }
    },
    doFetch,
    on: on as AuthClient['on'],
    emailPassword: createEmailPasswordApi(request),
    emailVerification,
    session: sessionApi,
  }
}
