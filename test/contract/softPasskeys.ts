/**
 * The browser's WebAuthn for the passkey contract suite: jsdom has none, so `navigator.credentials` and
 * `PublicKeyCredential`'s statics are installed per test around the mock's software authenticator. `get` and
 * `create` are spies, so a test reads the options the `webauthn()` plugin handed to the browser (`mediation`,
 * `signal`, `publicKey`) at the browser boundary.
 */
import { afterEach, vi } from 'vitest'
import type { Mock } from 'vitest'
import { createSoftAuthenticator } from 'authfront/mock'
import type { SoftAuthenticator, SoftCreateOptions, SoftGetOptions } from 'authfront/mock'

export interface SoftPasskeyOptions {
  /** The browser has no passkeys (no `PublicKeyCredential`). */
  unsupported?: boolean
  /** The browser cannot offer passkeys in autofill (`isConditionalMediationAvailable()` is false). */
  noAutofill?: boolean
}

export interface CreateRequest {
  publicKey: SoftCreateOptions
  signal?: AbortSignal
}

export interface GetRequest {
  publicKey: SoftGetOptions
  mediation?: CredentialMediationRequirement
  signal?: AbortSignal
}

export interface SoftPasskeys {
  /** `navigator.credentials.create`, as the plugin called it. */
  create: Mock<(request: CreateRequest) => Promise<object>>
  /** `navigator.credentials.get`, as the plugin called it. */
  get: Mock<(request: GetRequest) => Promise<object>>
  /** The authenticator the prompts use now. */
  device(): SoftAuthenticator
  /** The user moves to another device: a new, empty authenticator (one passkey per account and device). */
  switchDevice(): void
  /** The user cancels the next prompt (`NotAllowedError`, as browsers throw for a cancel). */
  cancelNext(): void
}

const origin = () => window.location.origin

/** The relying party of the page (what the mock's `webauthn` option must name for the ceremonies to verify). */
export const pageRelyingParty = () => ({ rpId: window.location.hostname, origin: origin() })

/** A credential as the browser returns it: the authenticator's JSON behind `toJSON()`. */
const asCredential = (json: object) => ({ ...json, toJSON: () => json })

let installed = false

afterEach(() => {
  if (!installed) return
  installed = false
  delete (navigator as { credentials?: unknown }).credentials
  delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential
})

/**
 * Installs a software authenticator as the page's WebAuthn until the test ends. Autofill (`mediation:
 * 'conditional'`) waits, as in a browser, until the user picks a passkey — which no test does — or the page aborts.
 */
export function installSoftPasskeys(options: SoftPasskeyOptions = {}): SoftPasskeys {
  installed = true
  let device = createSoftAuthenticator({ origin: origin(), counter: 'zero' })
  let cancel = false
  const cancelled = () => {
    cancel = false
    return new DOMException('The user cancelled the passkey prompt.', 'NotAllowedError')
  }
  const create = vi.fn(async ({ publicKey }: CreateRequest): Promise<object> => {
    if (cancel) throw cancelled()
    return asCredential(await device.create(publicKey))
  })
  const get = vi.fn(async ({ publicKey, mediation, signal }: GetRequest): Promise<object> => {
    if (mediation === 'conditional') {
      return new Promise((_, reject) =>
        signal?.addEventListener('abort', () => reject(new DOMException('Aborted.', 'AbortError'))),
      )
    }
    if (cancel) throw cancelled()
    return asCredential(await device.get(publicKey))
  })
  Object.defineProperty(navigator, 'credentials', { value: { create, get }, configurable: true })
  const statics = options.unsupported
    ? undefined
    : Object.assign(function PublicKeyCredential() {}, {
        // The authenticator reads the options' JSON forms, so the parsers hand the JSON through.
        parseCreationOptionsFromJSON: (json: object) => json,
        parseRequestOptionsFromJSON: (json: object) => json,
        isUserVerifyingPlatformAuthenticatorAvailable: async () => true,
        isConditionalMediationAvailable: async () => options.noAutofill !== true,
      })
  Object.defineProperty(window, 'PublicKeyCredential', { value: statics, configurable: true, writable: true })
  return {
    create,
    get,
    device: () => device,
    switchDevice() {
      device = createSoftAuthenticator({ origin: origin(), counter: 'zero' })
    },
    cancelNext() {
      cancel = true
    },
  }
}
