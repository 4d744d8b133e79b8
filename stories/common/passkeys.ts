/**
 * The browser's passkey prompt in the passkey stories, played by the mock's software authenticator. A story cannot
 * show the real prompt (and Chromium offers no authenticator to a page without DevTools), so while a passkey story
 * shows, `navigator.credentials` and `PublicKeyCredential`'s statics are the authenticator's; every other story gets
 * the browser's own back. Everything else is real: the `webauthn()` plugin, its screens, and the mock backend's
 * WebAuthn with its signature checks.
 */
import { createSoftAuthenticator } from 'authfront/mock'
import type { SoftAuthenticator, SoftCreateOptions, SoftGetOptions } from 'authfront/mock'

/** How the browser's side of a passkey story behaves. */
export interface PasskeyScript {
  /** The browser has no passkeys (no `PublicKeyCredential`). */
  unsupported?: boolean
  /** The user cancels the browser's passkey prompts of the story (`NotAllowedError`), not those of its set-up. */
  cancel?: boolean
  /** This device holds a passkey the backend does not know (it was removed on the server). */
  unknownPasskey?: boolean
}

const browser = {
  credentials: Object.getOwnPropertyDescriptor(Navigator.prototype, 'credentials'),
  PublicKeyCredential: (window as { PublicKeyCredential?: unknown }).PublicKeyCredential,
}

/** The browser's own WebAuthn again (for the stories without passkeys). */
function restoreBrowser(): void {
  delete (navigator as { credentials?: unknown }).credentials
  Object.defineProperty(window, 'PublicKeyCredential', {
    value: browser.PublicKeyCredential,
    configurable: true,
    writable: true,
  })
}

/** A credential as the browser returns it: the authenticator's JSON behind `toJSON()`. */
const asCredential = (json: object) => ({ ...json, toJSON: () => json })

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

/** Installs the script's authenticator as the page's WebAuthn, or the browser's own without a script. */
export async function installPasskeys(script: PasskeyScript | undefined): Promise<PasskeyPrompt | undefined> {
  restoreBrowser()
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
  const cancelled = () => new DOMException('The user cancelled the passkey prompt.', 'NotAllowedError')
  const credentials = {
    async create({ publicKey }: { publicKey: SoftCreateOptions }) {
      if (cancelling) throw cancelled()
      return asCredential(await device!.create(publicKey))
    },
    async get({
      publicKey,
      mediation,
      signal,
    }: {
      publicKey: SoftGetOptions
      mediation?: string
      signal?: AbortSignal
    }) {
      // Autofill waits for the user to pick a passkey in the email field, which no story does: until the page aborts.
      if (mediation === 'conditional') {
        return new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(new DOMException('Aborted.', 'AbortError'))),
        )
      }
      if (cancelling) throw cancelled()
      return asCredential(await device!.get(publicKey))
    },
  }
  const statics = script.unsupported
    ? undefined
    : {
        // The authenticator reads and answers the JSON forms, so the parsers hand the JSON through.
        parseCreationOptionsFromJSON: (json: object) => json,
        parseRequestOptionsFromJSON: (json: object) => json,
        isUserVerifyingPlatformAuthenticatorAvailable: async () => true,
        isConditionalMediationAvailable: async () => true,
      }
  Object.defineProperty(navigator, 'credentials', { value: credentials, configurable: true })
  Object.defineProperty(window, 'PublicKeyCredential', {
    value: statics && Object.assign(function PublicKeyCredential() {}, statics),
    configurable: true,
    writable: true,
  })
  return { setUpDone: () => (cancelling = script.cancel === true) }
}
