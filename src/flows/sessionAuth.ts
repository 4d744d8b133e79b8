import { createStore } from 'zustand/vanilla'
import type { AuthClient, ClaimValidationError, SessionState } from '../client/types'
import { createMountCounter, defaultNavigate } from './core'
import { translator } from './messages'
import { joinPath, withQuery } from './redirect'
import { claimFixPage } from './sessionRedirect'
import type { SessionAuthGuard, SessionAuthOptions, SessionAuthState } from './types'
import { EMAIL_VERIFICATION_CLAIM } from '../client/wire'

const STORAGE_KEY = 'authfront:guard-redirects'

/** The page's path, query and hash in browsers; `/` elsewhere. */
export function defaultCurrentPath(): string {
  const location = (globalThis as { location?: Location }).location
  return location ? `${location.pathname}${location.search}${location.hash}` : '/'
}

const memoryStorage = new Map<string, string>()

/** `sessionStorage` where it works, else an in-memory map (kept per page load only). */
export function defaultStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    const storage = (globalThis as { sessionStorage?: Storage }).sessionStorage
    if (storage) return storage
  } catch {
    // Safari with cookies blocked throws on access (docs/PROTOCOL.md §6); fall back to memory.
  }
  return {
    getItem: (key) => memoryStorage.get(key) ?? null,
    setItem: (key, value) => void memoryStorage.set(key, value),
  }
}

/**
 * Forgets the guard's recent redirects: a session that works ends any loop, so only redirects with no successful
 * session in between count (signing out and in again, many times, is normal use).
 */
export function resetGuardRedirects(storage: Pick<Storage, 'getItem' | 'setItem'> = defaultStorage()): void {
  try {
    if (storage.getItem(STORAGE_KEY) !== null) storage.setItem(STORAGE_KEY, '[]')
  } catch {
    // Blocked storage: nothing was kept either.
  }
}

/**
 * The session guard behind every binding's `SessionAuth`. It reads the client's session store (never derives
 * session status itself), validates claims when signed in and re-validates on session events (docs/PROTOCOL.md
 * §5.11), and decides: `loading`, `signedIn`, `signedOut` (with `requireAuth: false`), `redirecting` (to the
 * auth page with `redirectToPath`, or to verify-email), `accessDenied`, or `loopDetected` when its own
 * redirects bounce more than `maxRedirects` times within `loopWindowMs` (kept in sessionStorage so it survives
 * full page loads).
 */
export function createSessionAuthState(client: AuthClient, options: SessionAuthOptions = {}): SessionAuthGuard {
  const t = translator(options.locale, options.messages)
  const requireAuth = options.requireAuth ?? true
  const navigate = options.navigate ?? defaultNavigate
  const currentPath = options.currentPath ?? defaultCurrentPath
  const now = options.now ?? (() => Date.now())
  const maxRedirects = options.maxRedirects ?? 3
  const loopWindowMs = options.loopWindowMs ?? 10_000
  let storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = options.storage
  const theme = options.unstyled ? undefined : (options.theme ?? 'auto')

  const authPage = () => withQuery(joinPath(client.config.websiteBasePath), { redirectToPath: currentPath() })
  const base = (status: SessionAuthState['status'], patch: Partial<SessionAuthState> = {}): SessionAuthState => ({
    status,
    shouldRenderChildren: status === 'signedIn' || (status === 'signedOut' && !requireAuth),
    invalidClaims: [],
    redirectTo: undefined,
    diagnostic: undefined,
    heading: t(status === 'loopDetected' ? 'sessionAuth.loop.heading' : 'sessionAuth.accessDenied.heading'),
    message:
      status === 'loopDetected'
        ? t('sessionAuth.loop.message')
        : status === 'accessDenied'
          ? t('sessionAuth.accessDenied.message')
          : undefined,
    signInLink: status === 'loopDetected' ? { href: authPage(), label: t('sessionAuth.loop.signIn') } : undefined,
    theme,
    ...patch,
  })

  const store = createStore<SessionAuthState>()(() => base('loading'))
  // The target of the redirect under way. Re-validations (claim refetches fire payload events) and StrictMode
  // remounts decide again; they must not navigate (or count towards the loop limit) a second time.
  let pendingRedirect: string | undefined
  const set = (next: SessionAuthState) => {
    if (next.status !== 'redirecting' && next.status !== 'loading') pendingRedirect = undefined
    if (next.status === 'signedIn') resetGuardRedirects((storage ??= defaultStorage()))
    const previous = store.getState()
    // Keep the same object when nothing a binding renders changed, so subscribers do not re-render.
    if (
      previous.status === next.status &&
      previous.redirectTo === next.redirectTo &&
      previous.invalidClaims.length === next.invalidClaims.length &&
      previous.invalidClaims.every((claim, index) => claim.id === next.invalidClaims[index]?.id)
    )
      return
    store.setState(next, true)
  }

  /** Records a redirect; false when it would continue a loop. */
  const allowRedirect = (): boolean => {
    storage ??= defaultStorage()
    let stamps: number[] = []
    try {
      const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? '[]')
      if (Array.isArray(parsed)) stamps = parsed.filter((stamp): stamp is number => typeof stamp === 'number')
    } catch {
      stamps = []
    }
    const at = now()
    stamps = stamps.filter((stamp) => at - stamp < loopWindowMs)
    if (stamps.length >= maxRedirects) return false
    stamps.push(at)
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(stamps))
    } catch {
      // Storage full or blocked: the guard still works, only without loop detection across page loads.
    }
    return true
  }

  const redirect = (to: string, patch: Partial<SessionAuthState> = {}) => {
    if (pendingRedirect === to) return set(base('redirecting', { ...patch, redirectTo: to }))
    if (!allowRedirect()) {
      const cause =
        patch.invalidClaims === undefined
          ? 'The auth page and this page disagree about the session: check apiDomain, sessionTokenBackendDomain, ' +
            'tokenTransferMethod, cookie domain and the backend CORS settings.'
          : `The page that fixes the ${patch.invalidClaims.map((claim) => claim.id).join(', ')} claim and this page ` +
            'disagree about it: check that the client enables the same recipes and modes as the backend (e.g. ' +
            'emailVerification) and that the backend updates the claim once it is met.'
      const diagnostic =
        `authfront SessionAuth: stopped redirecting to ${to} after ${maxRedirects} redirects within ` +
        `${loopWindowMs} ms with no working session in between. ${cause}`
      console.error(diagnostic)
      set(base('loopDetected', { ...patch, redirectTo: to, diagnostic }))
      return
    }
    set(base('redirecting', { ...patch, redirectTo: to }))
    pendingRedirect = to
    navigate(to)
  }

  let hadSession = false
  let claimCheck = 0

  const validators = () => {
    const globals = client.session.getClaimValidators()
    return options.claimValidators ? options.claimValidators(globals) : globals
  }

  /** The first failed claim whose validator names a page that fixes it (verify-email, a factor screen). */
  const fixingPage = async (failed: ClaimValidationError[]): Promise<string | undefined> => {
    const chosen = validators()
    for (const error of failed) {
      if (error.id === EMAIL_VERIFICATION_CLAIM && options.redirectToVerifyEmail === false) continue
      const to = await claimFixPage(client, chosen, error)
      if (to !== undefined) return to
    }
    return undefined
  }

  const onFailedClaims = async (failed: ClaimValidationError[], isCurrent: () => boolean) => {
    const mode = client.config.emailVerification
    // In `optional` mode a failed st-ev claim is reported but does not block (docs/PROTOCOL.md §5.9).
    const blocking = mode === 'required' ? failed : failed.filter((claim) => claim.id !== EMAIL_VERIFICATION_CLAIM)
    if (blocking.length === 0) return set(base('signedIn'))
    const to = await fixingPage(blocking).catch(() => undefined)
    if (!isCurrent()) return
    if (to !== undefined) return redirect(withQuery(to, { redirectToPath: currentPath() }), { invalidClaims: blocking })
    set(base('accessDenied', { invalidClaims: blocking }))
  }

  const validate = () => {
    const chosen = options.claimValidators
    if (!chosen && client.session.getClaimValidators().length === 0) return set(base('signedIn'))
    const run = ++claimCheck
    const isCurrent = () => run === claimCheck && client.store.getState().status === 'signedIn'
    client.session.validateClaims(chosen && { validators: chosen }).then(
      (failed) => {
        if (isCurrent()) return onFailedClaims(failed, isCurrent)
      },
      () => {
        // A failed check (offline) must not lock the user out; the backend still enforces claims on each API.
        if (isCurrent()) set(base('signedIn'))
      },
    )
  }

  const decide = (session: SessionState) => {
    if (session.status === 'loading') return set(base('loading'))
    if (session.status === 'signedIn') {
      hadSession = true
      // Keep what is shown (loading, children, a redirect under way) while claims are checked in the background.
      return validate()
    }
    claimCheck++
    const expired = hadSession
    hadSession = false
    if (!requireAuth) return set(base('signedOut'))
    if (expired && options.onSessionExpired) {
      set(base('signedOut', { shouldRenderChildren: false }))
      return options.onSessionExpired()
    }
    redirect(authPage())
  }

  const mounted = createMountCounter(() => {
    decide(client.store.getState())
    const unsubscribeStore = client.store.subscribe((session, previous) => {
      if (session.status !== previous.status) decide(session)
    })
    const revalidate = () => {
      if (client.store.getState().status === 'signedIn') validate()
    }
    const offEvents = (
      ['SESSION_CREATED', 'REFRESH_SESSION', 'ACCESS_TOKEN_PAYLOAD_UPDATED', 'API_INVALID_CLAIM'] as const
    ).map((type) => client.on(type, revalidate))
    return () => {
      claimCheck++
      unsubscribeStore()
      for (const off of offEvents) off()
    }
  })

  return {
    getState: () => store.getState(),
    subscribe: (listener) => store.subscribe(listener),
    mount: mounted.mount,
    destroy: mounted.stopAll,
  }
}
