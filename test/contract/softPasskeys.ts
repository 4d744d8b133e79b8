/**
 * The browser's WebAuthn for the passkey contract suite: jsdom has none, so `navigator.credentials` and
 * `PublicKeyCredential`'s statics are installed per test around the mock's software authenticator. `get` and
 * `create` are spies, so a test reads the options the `webauthn()` plugin handed to the browser (`mediation`,
 * `signal`, `publicKey`) at the browser boundary.
 */
import { afterEach, vi } from 'vitest'
import type { Mock } from 'vitest'
import { createSoftAuthenticator, createSoftWebAuthn } from 'authfront/mock'
import type { SoftAuthenticator, SoftCreateRequest, SoftGetRequest } from 'authfront/mock'

export interface SoftPasskeyOptions {
  /** The browser has no passkeys (no `PublicKeyCredential`). */
  unsupported?: boolean
  /** The browser cannot offer passkeys in autofill (`isConditionalMediationAvailable()` is false). */
  noAutofill?: boolean
}

export interface SoftPasskeys {
  /** `navigator.credentials.create`, as the plugin called it. */
  create: Mock<(request: SoftCreateRequest) => Promise<object>>
  /** `navigator.credentials.get`, as the plugin called it. */
  get: Mock<(request: SoftGetRequest) => Promise<object>>
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

let uninstall: (() => void) | undefined

afterEach(() => {
  uninstall?.()
  uninstall = undefined
})

/**
 * Installs the mock's browser WebAuthn (`createSoftWebAuthn`) over a software authenticator until the test ends,
 * with spies on `get` and `create`. Autofill waits until the page aborts it.
 */
export function installSoftPasskeys(options: SoftPasskeyOptions = {}): SoftPasskeys {
  const newDevice = () => createSoftAuthenticator({ origin: origin(), counter: 'zero' })
  let device = newDevice()
  let cancel = false
  const webauthn = createSoftWebAuthn({
    ...options,
    authenticator: () => device,
    cancels: () => {
      const now = cancel
      cancel = false
      return now
    },
  })
  const create = vi.fn(webauthn.credentials.create)
  const get = vi.fn(webauthn.credentials.get)
  Object.assign(webauthn.credentials, { create, get })
  uninstall?.()
  uninstall = webauthn.install()
  return {
    create,
    get,
    device: () => device,
    switchDevice() {
      device = newDevice()
    },
    cancelNext() {
      cancel = true
    },
  }
}
