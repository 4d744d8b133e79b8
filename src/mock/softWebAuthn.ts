/**
 * The browser's side of WebAuthn played by software authenticators, for pages without a real prompt: jsdom and
 * happy-dom have none, and a Storybook story or a component test cannot drive the browser's. Installed as
 * `navigator.credentials` and `PublicKeyCredential`, it is what the `webauthn()` plugin talks to; everything behind
 * it (the plugin, the screens, the mock's signature checks) stays real.
 */
import type { SoftAuthenticator, SoftCreateOptions, SoftGetOptions } from './webauthnAuthenticator'

export interface SoftWebAuthnOptions {
  /** The authenticator of this prompt: read at every prompt, so a test moves to another device by returning another. */
  authenticator: () => SoftAuthenticator
  /** True when the user cancels this prompt: it fails with `NotAllowedError`, as browsers fail a cancel. */
  cancels?: () => boolean
  /** The browser has no passkeys: `PublicKeyCredential` is undefined. */
  unsupported?: boolean
  /** The browser cannot offer passkeys in autofill (`isConditionalMediationAvailable()` is false). */
  noAutofill?: boolean
}

export interface SoftCreateRequest {
  publicKey: SoftCreateOptions
  signal?: AbortSignal
}

export interface SoftGetRequest {
  publicKey: SoftGetOptions
  mediation?: CredentialMediationRequirement
  signal?: AbortSignal
}

export interface SoftWebAuthn {
  /** `navigator.credentials`: its methods may be replaced (by spies, say) before or after `install()`. */
  credentials: {
    create(request: SoftCreateRequest): Promise<object>
    get(request: SoftGetRequest): Promise<object>
  }
  /** `PublicKeyCredential`'s statics the plugin reads, or undefined for a browser without passkeys. */
  PublicKeyCredential: object | undefined
  /** Puts both on the page; returns what puts the page's own back. */
  install(): () => void
}

/** A credential as the browser returns it: the authenticator's JSON behind `toJSON()`. */
const asCredential = (json: object) => ({ ...json, toJSON: () => json })

const cancelled = () => new DOMException('The user cancelled the passkey prompt.', 'NotAllowedError')

/**
 * A browser WebAuthn over software authenticators. Autofill (`mediation: 'conditional'`) waits, as in a browser, until
 * the user picks a passkey in the email field, which nothing here does: until the page aborts it.
 *
 * @example
 * const device = createSoftAuthenticator({ origin: location.origin })
 * const uninstall = createSoftWebAuthn({ authenticator: () => device }).install()
 */
export function createSoftWebAuthn(options: SoftWebAuthnOptions): SoftWebAuthn {
  const { authenticator, cancels = () => false } = options
  const webauthn: SoftWebAuthn = {
    credentials: {
      async create({ publicKey }) {
        if (cancels()) throw cancelled()
        return asCredential(await authenticator().create(publicKey))
      },
      async get({ publicKey, mediation, signal }) {
        if (mediation === 'conditional') {
          return new Promise((_, reject) =>
            signal?.addEventListener('abort', () => reject(new DOMException('Aborted.', 'AbortError'))),
          )
        }
        if (cancels()) throw cancelled()
        return asCredential(await authenticator().get(publicKey))
      },
    },
    PublicKeyCredential: options.unsupported
      ? undefined
      : Object.assign(function PublicKeyCredential() {}, {
          // The authenticator reads and answers the JSON forms, so the parsers hand the JSON through.
          parseCreationOptionsFromJSON: (json: object) => json,
          parseRequestOptionsFromJSON: (json: object) => json,
          isUserVerifyingPlatformAuthenticatorAvailable: async () => true,
          isConditionalMediationAvailable: async () => options.noAutofill !== true,
        }),
    install() {
      const page = globalThis as { navigator: Navigator; PublicKeyCredential?: unknown }
      const credentials = Object.getOwnPropertyDescriptor(page.navigator, 'credentials')
      const statics = Object.getOwnPropertyDescriptor(page, 'PublicKeyCredential')
      Object.defineProperty(page.navigator, 'credentials', { value: webauthn.credentials, configurable: true })
      Object.defineProperty(page, 'PublicKeyCredential', {
        value: webauthn.PublicKeyCredential,
        configurable: true,
        writable: true,
      })
      return () => {
        // Own properties as they were: absent ones (a browser's `credentials` lives on Navigator.prototype) go.
        if (credentials) Object.defineProperty(page.navigator, 'credentials', credentials)
        else delete (page.navigator as { credentials?: unknown }).credentials
        if (statics) Object.defineProperty(page, 'PublicKeyCredential', statics)
        else delete page.PublicKeyCredential
      }
    },
  }
  return webauthn
}
