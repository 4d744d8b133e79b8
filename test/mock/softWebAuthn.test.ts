// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { createSoftAuthenticator, createSoftWebAuthn } from '../../src/mock'
import type { SoftAuthenticator } from '../../src/mock'

const registration = (challenge: string) => ({
  challenge,
  rp: { id: window.location.hostname },
  user: { id: 'dXNlcg', name: 'ada@example.com', displayName: 'ada@example.com' },
  pubKeyCredParams: [{ type: 'public-key' as const, alg: -7 }],
})

describe('createSoftWebAuthn: the browser side of WebAuthn over software authenticators', () => {
  let uninstall: (() => void) | undefined
  afterEach(() => uninstall?.())

  it('answers create and get from the authenticator of each prompt, as credentials with toJSON()', async () => {
    let device: SoftAuthenticator = createSoftAuthenticator({ origin: window.location.origin })
    uninstall = createSoftWebAuthn({ authenticator: () => device }).install()
    const created = (await navigator.credentials.create({ publicKey: registration('Y2g') } as never)) as unknown as {
      id: string
      toJSON(): { id: string; response: { clientDataJSON: string } }
    }
    expect(created.toJSON().id).toBe(created.id)
    const got = (await navigator.credentials.get({
      publicKey: { challenge: 'Z2V0', rpId: window.location.hostname },
    } as never)) as unknown as { id: string }
    expect(got.id).toBe(created.id)
    // Another device holds no passkey for this site: the browser's NotAllowedError.
    device = createSoftAuthenticator({ origin: window.location.origin })
    await expect(
      navigator.credentials.get({ publicKey: { challenge: 'Z2V0', rpId: window.location.hostname } } as never),
    ).rejects.toMatchObject({ name: 'NotAllowedError' })
  })

  it('keeps autofill waiting until the page aborts it, and fails a cancelled prompt with NotAllowedError', async () => {
    const device = createSoftAuthenticator({ origin: window.location.origin })
    uninstall = createSoftWebAuthn({ authenticator: () => device, cancels: () => true }).install()
    const controller = new AbortController()
    const autofill = navigator.credentials.get({
      publicKey: { challenge: 'Z2V0' },
      mediation: 'conditional',
      signal: controller.signal,
    } as never)
    let settled = false
    void autofill.then(
      () => (settled = true),
      () => (settled = true),
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(settled).toBe(false)
    controller.abort()
    await expect(autofill).rejects.toMatchObject({ name: 'AbortError' })
    await expect(navigator.credentials.create({ publicKey: registration('Y2g') } as never)).rejects.toMatchObject({
      name: 'NotAllowedError',
    })
  })

  it("states a browser's features (none, or no autofill) and puts the page's own WebAuthn back", async () => {
    const before = Object.getOwnPropertyDescriptor(navigator, 'credentials')
    const device = () => createSoftAuthenticator({ origin: window.location.origin })
    uninstall = createSoftWebAuthn({ authenticator: device, unsupported: true }).install()
    expect((globalThis as { PublicKeyCredential?: unknown }).PublicKeyCredential).toBeUndefined()
    uninstall()
    uninstall = createSoftWebAuthn({ authenticator: device, noAutofill: true }).install()
    const statics = (
      globalThis as unknown as { PublicKeyCredential: { isConditionalMediationAvailable(): Promise<boolean> } }
    ).PublicKeyCredential
    expect(await statics.isConditionalMediationAvailable()).toBe(false)
    uninstall()
    uninstall = undefined
    expect(Object.getOwnPropertyDescriptor(navigator, 'credentials')).toEqual(before)
    expect('PublicKeyCredential' in globalThis).toBe(false)
  })
})
