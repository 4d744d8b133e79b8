import type { AuthClient } from '../client/types'
import { defaultNavigate } from './core'
import { joinPath, safeRedirectPath, withQuery } from './redirect'
import { defaultCurrentPath, defaultStorage } from './sessionAuth'

const STORAGE_KEY = 'authfront:try-refresh'

/** Why `tryRefresh` gave up: the session ended, the refresh failed (network, 5xx), or a reload did not help. */
export type TryRefreshFailure = 'signedOut' | 'error' | 'loopDetected'

export interface TryRefreshOptions {
  /**
   * Called once the refresh succeeded, to ask the server again: e.g. Next.js `router.refresh()`. Defaults to
   * `location.reload()`.
   */
  onRefreshed?: () => void
  /**
   * Called instead of the redirect when the session cannot be refreshed: it ended (`signedOut`), the refresh failed
   * for network or server reasons (`error`), or this page already refreshed and reloaded within `loopWindowMs` and
   * the server still could not read the new token (`loopDetected`). Defaults to navigating to the auth page with
   * `redirectToPath` set to the current page, after signing out when the reason is `loopDetected`.
   */
  onSignedOut?: (reason: TryRefreshFailure) => void
  /** How the default redirect goes to the auth page. Defaults to `location.assign` in browsers. */
  navigate?: (path: string) => void
  /**
   * The page to come back to after signing in; only a same-origin relative path is kept. Defaults to
   * `location.pathname + search + hash`.
   */
  currentPath?: () => string
  /** A reload within this many milliseconds of the previous refresh counts as a loop. Defaults to `10_000`. */
  loopWindowMs?: number
  /** Where the time of the last refresh survives the reload. Defaults to `sessionStorage`, else memory. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>
  /** Defaults to `Date.now`. */
  now?: () => number
}

/**
 * The browser half of a server render that found an expired access token (authfront/server's `TRY_REFRESH`, see
 * docs/SERVER.md): refreshes the session once, then reloads so the server sees the new token. When the refresh
 * fails it goes to the auth page instead. A page that reloaded after a refresh and still lands here (the new cookie
 * does not reach the server, e.g. a wrong backend `cookieDomain`) would reload forever: the time of the refresh is
 * kept in `storage`, and a second attempt within `loopWindowMs` gives up with `loopDetected`.
 *
 * Call it in the browser only (an effect, `onMounted`, `afterNextRender`). Returns a function that cancels what
 * is still pending: nothing starts when it is called in the same task, and a refresh answer after it is ignored
 * (the refresh itself is not aborted).
 */
export function tryRefresh(client: AuthClient, options: TryRefreshOptions = {}): () => void {
  const now = options.now ?? (() => Date.now())
  const loopWindowMs = options.loopWindowMs ?? 10_000
  const storage = options.storage ?? defaultStorage()
  let isCancelled = false

  const toAuthPage = () => {
    const redirectToPath = safeRedirectPath((options.currentPath ?? defaultCurrentPath)(), '') || undefined
    ;(options.navigate ?? defaultNavigate)(withQuery(joinPath(client.config.websiteBasePath), { redirectToPath }))
  }
  const fail = (reason: TryRefreshFailure) => {
    if (isCancelled) return
    if (options.onSignedOut) return options.onSignedOut(reason)
    // The browser holds a session the server cannot read: the auth page would send a signed-in user straight back
    // here. Ending it first makes the auth page a way out rather than one more step of the loop.
    if (reason === 'loopDetected') {
      void client.session
        .signOut()
        .catch(() => undefined)
        .then(() => isCancelled || toAuthPage())
    } else toAuthPage()
  }
  const read = () => {
    try {
      return Number(storage.getItem(STORAGE_KEY))
    } catch {
      return 0
    }
  }
  const write = (value: string) => {
    try {
      storage.setItem(STORAGE_KEY, value)
    } catch {
      // Blocked storage: the reload still happens, only without loop detection across page loads.
    }
  }

  // Started a microtask later, so a mount undone at once (React StrictMode's second effect run) does nothing.
  void Promise.resolve().then(() => {
    if (isCancelled) return
    const last = read()
    if (last > 0 && now() - last >= 0 && now() - last < loopWindowMs) return fail('loopDetected')
    client.session.refresh().then(
      (isAlive) => {
        if (isCancelled) return
        if (!isAlive) return fail('signedOut')
        write(String(now()))
        if (options.onRefreshed) options.onRefreshed()
        else (globalThis as { location?: Location }).location?.reload()
      },
      () => fail('error'),
    )
  })
  return () => {
    isCancelled = true
  }
}
