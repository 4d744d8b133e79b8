import { pathMatches, parseSetCookie } from './http'
import type { ResolvedMockOptions } from './options'
import { createPersistence, freshState, makeUser, parseState } from './state'
import type { MockState } from './state'
import { normaliseEmail } from './validation'
import type { MockBackendOptions, MockEmail, MockUser } from './types'

/**
 * The backend's state and its persistence. Every module reads `store.state` afresh: `sync()` and `reset()`
 * replace the object.
 */
export interface MockStore {
  readonly state: MockState
  /** Takes over what another tab stored since this copy last read or wrote (call before reading the state). */
  sync(): void
  /** Saves a changed state, then announces the emails queued with `announce`. */
  commit(): void
  /** Back to the seeded state; clears the persisted copy. */
  reset(): void
  /** Queues an email for the outbox listeners; they hear of it once the state holding it is saved. */
  announce(email: MockEmail): void
  subscribe(listener: (email: MockEmail) => void): () => void
  findUser(idOrEmail: string, tenantId?: string): MockUser | undefined
  /** Like `findUser`, but throws for a helper call naming an unknown user. */
  requireUser(idOrEmail: string): MockUser
  /** The emulated jar's cookies a browser would send to this URL. */
  jarFor(url: URL): Record<string, string>
  /** Stores `Set-Cookie` values in the emulated jar as a browser would. */
  applySetCookies(values: string[]): void
}

export function createStore(input: MockBackendOptions, options: ResolvedMockOptions): MockStore {
  const { now } = options
  const seeds = input.users ?? []
  const persistence = createPersistence(input.persistence)

  const withSeeds = (state: MockState): MockState => {
    for (const seed of seeds) {
      const email = normaliseEmail(seed.email)
      if (!state.users.some((user) => user.email === email)) state.users.push(makeUser(seed, now()))
    }
    return state
  }
  /**
   * The stored text this copy last read or wrote. Stored text equal to it holds nothing new, so the in-memory
   * state (possibly mid-way through another request of this tab) is kept, and a state that serialises to it has
   * nothing to save (saving it anyway could put back what another tab replaced since).
   */
  let storedText: string | undefined
  /** The stored state when another tab changed it since this copy last read or wrote it; else undefined. */
  const loadIfChanged = (): MockState | undefined => {
    const text = persistence?.read()
    if (text === undefined || text === storedText) return undefined
    const loaded = parseState(text)
    // Corrupt text is not remembered: the next save replaces it.
    if (loaded !== undefined) storedText = text
    return loaded
  }
  let state: MockState = withSeeds(loadIfChanged() ?? freshState(input.signingSecret, [], now()))
  if (input.signingSecret !== undefined) state.secret = input.signingSecret
  const listeners = new Set<(email: MockEmail) => void>()
  /** Emails sent by the request being answered, announced once the state holding them is saved. */
  const unannounced: MockEmail[] = []

  const findUser = (idOrEmail: string, tenantId?: string): MockUser | undefined => {
    const key = idOrEmail.trim()
    const email = normaliseEmail(idOrEmail)
    return state.users.find(
      (user) =>
        (user.id === key || user.email === email) && (tenantId === undefined || user.tenantIds.includes(tenantId)),
    )
  }

  const store: MockStore = {
    get state() {
      return state
    },
    sync() {
      // With persistence, other tabs of the demo share the stored state: take over what another tab wrote since,
      // so this tab does not overwrite it.
      const stored = loadIfChanged()
      if (stored === undefined) return
      state = stored
      if (input.signingSecret !== undefined) state.secret = input.signingSecret
    },
    commit() {
      if (persistence !== undefined) {
        const text = JSON.stringify(state)
        // On a failed write the storage still holds storedText, so this copy keeps its newer state in memory.
        if (text !== storedText && persistence.write(text)) storedText = text
      }
      // After the save: a listener that reads the outbox re-syncs, which must find the email, not lose it.
      for (const email of unannounced.splice(0)) for (const listener of listeners) listener(email)
    },
    reset() {
      persistence?.clear()
      storedText = undefined
      unannounced.length = 0
      state = withSeeds(freshState(input.signingSecret, [], now()))
    },
    announce: (email) => void unannounced.push(email),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    findUser,
    requireUser(idOrEmail) {
      const user = findUser(idOrEmail)
      if (user === undefined) throw new Error(`authfront mock: no user '${idOrEmail}'`)
      return user
    },
    jarFor(url) {
      const out: Record<string, string> = {}
      // Longer paths first, as browsers order them.
      const cookies = state.cookies
        .filter((cookie) => cookie.expiresAt > now() && pathMatches(url.pathname, cookie.path))
        .sort((a, b) => b.path.length - a.path.length)
      for (const cookie of cookies) if (!(cookie.name in out)) out[cookie.name] = cookie.value
      return out
    },
    applySetCookies(values) {
      for (const value of values) {
        const cookie = parseSetCookie(value)
        if (cookie === undefined) continue
        state.cookies = state.cookies.filter((item) => !(item.name === cookie.name && item.path === cookie.path))
        if (cookie.expiresAt > now()) state.cookies.push(cookie)
      }
    },
  }
  return store
}
