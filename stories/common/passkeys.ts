/**
 * The browser's passkey prompt in the passkey stories, played by the mock's software authenticator. A story cannot
 * show the real prompt (and Chromium offers no authenticator to a page without DevTools), so while a passkey story
 * shows, `navigator.credentials` and `PublicKeyCredential`'s statics are the authenticator's; every other story gets
 * the browser's own back. Everything else is real: the `webauthn()` plugin, its screens, and the mock backend's
 * WebAuthn with its signature checks.
 */
import { createSoftAuthenticator, createSoftWebAuthn } from 'authfront/mock'
import type { SoftAuthenticator, SoftCreateOptions } from 'authfront/mock'

/** How the browser's side of a passkey story behaves. */
export interface PasskeyScript {
  /** The browser has no passkeys (no `PublicKeyCredential`). */
  unsupported?: boolean
  /** The user cancels the browser's passkey prompts of the story (`NotAllowedError`), not those of its set-up. */
  cancel?: boolean
  /** This device holds a passkey the backend does not know (it was removed on the server). */
  unknownPasskey?: boolean
}

/** The installed prompt: `setUpDone()` once the story's set-up has run, so `cancel` applies from then on. */
export interface PasskeyPrompt {
  setUpDone(): void
}

let device: SoftAuthenticator | undefined
const newAuthenticator = () => createSoftAuthenticator({ origin: window.location.origin, counter: 'zero' })

/**
 * The user moves to another device (a new, empty authenticator): one authenticator holds one passkey per account
 * and refuses a second (`excludeCredentials`), as browsers do.
 */
export function switchDevice(): void {
  device = newAuthenticator()
}

/** The page's own WebAuthn back, once a story installed the authenticator's. */
let uninstall: (() => void) | undefined

/** Installs the script's authenticator as the page's WebAuthn, or the browser's own without a script. */
export async function installPasskeys(script: PasskeyScript | undefined): Promise<PasskeyPrompt | undefined> {
  uninstall?.()
  uninstall = undefined
  if (script === undefined) return undefined
  let cancelling = false
  device = newAuthenticator()
  if (script.unknownPasskey) {
    // Created on this device only: the backend never saw its registration.
    await device.create({
      challenge: 'c3Rvcnk',
      rp: { id: window.location.hostname },
      user: { id: 'c3RvcnktdXNlcg', name: 'ada@example.com', displayName: 'ada@example.com' },
    } as SoftCreateOptions)
  }
  uninstall = createSoftWebAuthn({
    authenticator: () => device!,
    cancels: () => cancelling,
    unsupported: script.unsupported,
  }).install()
  return { setUpDone: () => (cancelling = script.cancel === true) }
}
