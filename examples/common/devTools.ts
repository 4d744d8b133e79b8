import type { AuthClient } from 'authfront'
import type { MockBackend } from 'authfront/mock'

/**
 * The dev panel's MFA helpers, framework-free so the three examples bind the same behaviour: the "Require TOTP"
 * switch and the code an authenticator app would show for the signed-in user.
 */

const REQUIRE_TOTP_KEY = 'authfront-example:requireTotp'

/**
 * Whether the mock requires TOTP of every user. The mock keeps the requirement with its persisted state but has no
 * getter for it, so the example keeps the switch's position beside it (same storage, same reset) and hands it back to
 * the mock when the page starts: the two cannot disagree after a reload.
 */
export const requireTotp = {
  get(storage: Storage = window.localStorage): boolean {
    return storage.getItem(REQUIRE_TOTP_KEY) === 'true'
  },
  set(mock: MockBackend, on: boolean, storage: Storage = window.localStorage): void {
    mock.controls.multiFactor.require(on ? ['totp'] : [])
    if (on) storage.setItem(REQUIRE_TOTP_KEY, 'true')
    else storage.removeItem(REQUIRE_TOTP_KEY)
  },
}

/** What the dev panel shows about TOTP: nobody signed in, a user without an app, or the code of the newest one. */
export type TotpCodeLine =
  { kind: 'signedOut' } | { kind: 'noDevice'; email: string } | { kind: 'code'; email: string; code: string }

/** Codes change every 30 s; reading every few seconds keeps the panel at most that far behind. */
const TOTP_REFRESH_MS = 3_000

/**
 * Calls `listener` with the signed-in user's current TOTP code now, on every sign-in or sign-out and every few
 * seconds. Returns stop.
 */
export function watchTotpCode(
  auth: AuthClient,
  mock: MockBackend,
  listener: (line: TotpCodeLine) => void,
  timers: Pick<typeof globalThis, 'setInterval' | 'clearInterval'> = globalThis,
): () => void {
  let stopped = false
  // Reads can overlap (a sign-in during a tick): only the newest may report, so an older answer never wins.
  let latest = 0
  const read = async () => {
    const run = ++latest
    const line = await lineFor(mock, auth.store.getState().userId)
    if (!stopped && run === latest) listener(line)
  }
  void read()
  const unsubscribe = auth.store.subscribe((state, previous) => {
    if (state.userId !== previous.userId) void read()
  })
  const interval = timers.setInterval(() => void read(), TOTP_REFRESH_MS)
  return () => {
    stopped = true
    unsubscribe()
    timers.clearInterval(interval)
  }
}

async function lineFor(mock: MockBackend, userId: string | undefined): Promise<TotpCodeLine> {
  // A phone-only passwordless user has no email, and the mock finds TOTP devices by id as well.
  const user = userId === undefined ? undefined : mock.users.get(userId)
  if (!user) return { kind: 'signedOut' }
  const email = user.email || user.phoneNumber || user.id
  const code = await mock.totp.currentCode(user.id)
  return code === undefined ? { kind: 'noDevice', email } : { kind: 'code', email, code }
}

/**
 * The signed-in user's email, from the demo API (`{ email }`), for `PasskeySettings`: a passkey is created for an
 * email. Undefined when the call fails or the API answers without one (a real backend's own protected endpoint):
 * the settings then list and remove passkeys but offer no "Add".
 */
export async function fetchAccountEmail(auth: AuthClient, protectedUrl: string): Promise<string | undefined> {
  try {
    const response = await auth.doFetch(protectedUrl)
    const data: unknown = response.ok ? await response.json() : undefined
    return data && typeof data === 'object' && 'email' in data && typeof data.email === 'string' && data.email
      ? data.email
      : undefined
  } catch {
    return undefined
  }
}
