/**
 * Passkeys against a real supertokens-node backend (its WebAuthn recipe, relying party `localhost`, origin the
 * website), driven by authfront's `webauthn()` plugin. The browser's prompt is the mock's software authenticator
 * behind a stubbed `navigator.credentials`, one authenticator per "device"; node has the stand-in core check every
 * ceremony (core/webauthn.ts).
 */
import { afterEach, describe, expect, test, vi } from 'vitest'
import { webauthn } from 'authfront'
import { createSoftAuthenticator } from 'authfront/mock'
import type { SoftAuthenticator, SoftCeremonyOverrides } from 'authfront/mock'
import { freshEmail, openTab, useRealBackend } from './setup'

const backend = useRealBackend({ webauthn: true })
afterEach(() => {
  vi.unstubAllGlobals()
})

interface Prompt {
  /** The authenticator that answers the next prompts (the device the user holds). */
  device: SoftAuthenticator
  /** The user closes the prompt. */
  cancel: boolean
  /** What a tampered client changes in the ceremony. */
  overrides?: SoftCeremonyOverrides
  /** Rewrites the assertion after signing (fields the signature does not cover). */
  tamper?: (response: { response: Record<string, unknown> }) => void
}

/** Stubs the browser's WebAuthn API with soft authenticators; the returned prompt says who answers and how. */
function stubBrowser(origin: string): Prompt & { newDevice(): SoftAuthenticator } {
  const prompt: Prompt & { newDevice(): SoftAuthenticator } = {
    device: createSoftAuthenticator({ origin }),
    cancel: false,
    newDevice: () => (prompt.device = createSoftAuthenticator({ origin })),
  }
  // The soft authenticator reads and answers the JSON forms: the native parsers are the identity here.
  class PublicKeyCredential {
    static parseCreationOptionsFromJSON = (json: object) => json
    static parseRequestOptionsFromJSON = (json: object) => json
  }
  const credential = (response: object) => ({ ...response, toJSON: () => response })
  const answer = async <T extends object>(ceremony: () => Promise<T>) => {
    if (prompt.cancel) throw Object.assign(new Error('cancelled'), { name: 'NotAllowedError' })
    const response = await ceremony()
    prompt.tamper?.(response as never)
    return credential(response)
  }
  vi.stubGlobal('PublicKeyCredential', PublicKeyCredential)
  vi.stubGlobal('navigator', {
    credentials: {
      create: ({ publicKey }: { publicKey: never }) => answer(() => prompt.device.create(publicKey, prompt.overrides)),
      get: ({ publicKey }: { publicKey: never }) => answer(() => prompt.device.get(publicKey, prompt.overrides)),
    },
  })
  return prompt
}

function passkeyTab(mode: 'cookie' | 'header') {
  const tab = openTab(backend.app, { mode, recipes: [webauthn()] })
  const prompt = stubBrowser(backend.app.websiteDomain)
  const signUp = async (name: string) => {
    const email = freshEmail(name)
    const result = await tab.client.webauthn.signUp({ email })
    if (result.status !== 'OK') throw new Error(`passkey sign-up failed: ${JSON.stringify(result)}`)
    return { email, userId: result.user.id }
  }
  const me = async () => {
    const response = await tab.client.doFetch(`${backend.app.url}/api/me`)
    return { status: response.status, body: (await response.json()) as unknown }
  }
  return { tab, prompt, signUp, me }
}

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('a passkey signs up and, after sign-out, signs in; it is listed; a cancelled prompt sends nothing more', async () => {
    const { tab, prompt, me } = passkeyTab(mode)
    const email = freshEmail('passkey')
    const signUp = await tab.client.webauthn.signUp({ email })
    expect(signUp).toMatchObject({
      status: 'OK',
      user: { emails: [email], webauthn: { credentialIds: [expect.any(String)] } },
    })
    if (signUp.status !== 'OK') return
    expect(tab.requests).toEqual(['POST /auth/webauthn/options/register', 'POST /auth/webauthn/signup'])
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED'])
    // Node's session from a passkey travels like any other: httpOnly cookies, or tokens the client keeps.
    if (mode === 'cookie') {
      expect(tab.browser.names().sort()).toEqual(['sAccessToken@/', 'sRefreshToken@/auth/session/refresh'])
    } else {
      expect(tab.browser.names()).toEqual([])
      expect(tab.frontendCookies.get('st-refresh-token')).toBeTruthy()
    }
    expect(await me()).toEqual({ status: 200, body: { userId: signUp.user.id } })

    await tab.client.session.signOut()
    expect(await tab.client.session.exists()).toBe(false)
    expect(tab.browser.names()).toEqual([])
    tab.reset()
    const coreSignIns = () => backend.core.calls.filter((call) => call.endsWith('/recipe/webauthn/signin')).length
    const before = coreSignIns()
    expect(await tab.client.webauthn.signIn()).toMatchObject({ status: 'OK', user: { id: signUp.user.id } })
    expect(tab.requests).toEqual(['POST /auth/webauthn/options/signin', 'POST /auth/webauthn/signin'])
    // Node 24.0.3 has the core verify the assertion once (24.0.2 verified it twice, tripping counter checks).
    expect(coreSignIns() - before).toBe(1)
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED'])
    expect(await me()).toEqual({ status: 200, body: { userId: signUp.user.id } })

    expect(await tab.client.webauthn.listCredentials()).toEqual({
      status: 'OK',
      credentials: [
        {
          webauthnCredentialId: prompt.device.credentials()[0]!.id,
          recipeUserId: signUp.user.id,
          relyingPartyId: 'localhost',
          createdAt: expect.any(Number),
        },
      ],
    })

    await tab.client.session.signOut()
    tab.reset()
    prompt.cancel = true
    expect(await tab.client.webauthn.signIn()).toEqual({ status: 'NOT_ALLOWED' })
    expect(tab.requests).toEqual(['POST /auth/webauthn/options/signin'])
    expect(await tab.client.session.exists()).toBe(false)
  })

  test('a second device adds a passkey while signed in; either signs in; a removed one no longer does', async () => {
    const { tab, prompt, signUp } = passkeyTab(mode)
    const { email, userId } = await signUp('two-devices')
    const phone = prompt.device
    const laptop = prompt.newDevice()
    expect(await tab.client.webauthn.registerCredential({ email, recipeUserId: userId })).toEqual({ status: 'OK' })
    const ids = [phone.credentials()[0]!.id, laptop.credentials()[0]!.id]
    // Node keys the new passkey to the same account: the options carried the account's user handle.
    expect(laptop.credentials()[0]!.userHandle).toBe(phone.credentials()[0]!.userHandle)
    const listed = await tab.client.webauthn.listCredentials()
    expect(listed.status === 'OK' && listed.credentials.map((item) => item.webauthnCredentialId).sort()).toEqual(
      [...ids].sort(),
    )

    await tab.client.session.signOut()
    expect(await tab.client.webauthn.signIn()).toMatchObject({ status: 'OK', user: { id: userId } })
    expect(await tab.client.webauthn.removeCredential({ webauthnCredentialId: ids[0]! })).toEqual({ status: 'OK' })
    expect(await tab.client.webauthn.listCredentials()).toMatchObject({
      status: 'OK',
      credentials: [{ webauthnCredentialId: ids[1] }],
    })

    // Node looks the id up among the session user's passkeys first: one already removed reads "User not found".
    expect(await tab.client.webauthn.removeCredential({ webauthnCredentialId: ids[0]! })).toEqual({
      status: 'GENERAL_ERROR',
      message: 'User not found',
    })
    // A third device whose registration is signed for another origin: node's reason, nothing added.
    prompt.newDevice()
    prompt.overrides = { origin: 'http://evil.localhost:3000' }
    expect(await tab.client.webauthn.registerCredential({ email, recipeUserId: userId })).toEqual({
      status: 'REGISTER_CREDENTIAL_NOT_ALLOWED',
      reason: 'The credentials are incorrect. Please make sure you are using the correct credentials. (ERR_CODE_025)',
    })
    prompt.overrides = undefined
    expect(await tab.client.webauthn.listCredentials()).toMatchObject({
      credentials: [{ webauthnCredentialId: ids[1] }],
    })

    await tab.client.session.signOut()
    prompt.device = phone
    expect(await tab.client.webauthn.signIn()).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    expect(await tab.client.session.exists()).toBe(false)
    prompt.device = laptop
    expect(await tab.client.webauthn.signIn()).toMatchObject({ status: 'OK', user: { id: userId } })
  })
})

describe('cookie mode', () => {
  test("recovery: node's emailed link registers a new passkey, which signs in; the link works once", async () => {
    const { tab, prompt, signUp } = passkeyTab('cookie')
    const { email, userId } = await signUp('recover')
    await tab.client.session.signOut()
    const lost = prompt.device.credentials()[0]!.id
    prompt.newDevice()

    // An address without a passkey account gets the same answer, and no email.
    expect(await tab.client.webauthn.sendRecoveryEmail({ email: freshEmail('nobody') })).toEqual({ status: 'OK' })
    expect(backend.app.outbox.filter((message) => message.type === 'RECOVER_ACCOUNT')).toEqual([])
    expect(await tab.client.webauthn.sendRecoveryEmail({ email })).toEqual({ status: 'OK' })
    const message = backend.app.outbox.at(-1)!
    expect(message).toMatchObject({ type: 'RECOVER_ACCOUNT', to: email })
    expect(`${message.link!.origin}${message.link!.pathname}`).toBe(
      `${backend.app.websiteDomain}/auth/webauthn/recover`,
    )
    expect(message.link!.searchParams.get('tenantId')).toBe('public')

    // The recovery screen reads the token from the page's address, as a browser opening the link would. Node spends
    // the token before the core checks the new passkey: a refused ceremony needs a new email.
    vi.stubGlobal('location', { href: message.link!.href })
    prompt.overrides = { origin: 'http://evil.localhost:3000' }
    expect(await tab.client.webauthn.recoverAccount()).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    prompt.overrides = undefined
    expect(await tab.client.webauthn.recoverAccount()).toEqual({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' })
    expect(await tab.client.webauthn.sendRecoveryEmail({ email })).toEqual({ status: 'OK' })
    vi.stubGlobal('location', { href: backend.app.outbox.at(-1)!.link!.href })
    prompt.newDevice()
    tab.reset()
    expect(await tab.client.webauthn.recoverAccount()).toEqual({ status: 'OK' })
    expect(tab.requests).toEqual(['POST /auth/webauthn/options/register', 'POST /auth/user/webauthn/reset'])
    expect(await tab.client.session.exists()).toBe(false)
    expect(await tab.client.webauthn.signIn()).toMatchObject({
      status: 'OK',
      user: { id: userId, webauthn: { credentialIds: [lost, prompt.device.credentials()[0]!.id] } },
    })
    // Recovering through the emailed link proved the address.
    expect(await tab.client.session.getAccessTokenPayload()).toMatchObject({ 'st-ev': { v: true } })

    prompt.newDevice()
    expect(await tab.client.webauthn.recoverAccount()).toEqual({ status: 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR' })
  })

  test('forged ceremonies are refused by node: origin, challenge, rpId, a borrowed user handle; a forged registration', async () => {
    const { tab, prompt, signUp } = passkeyTab('cookie')
    const victim = await signUp('victim')
    const victimHandle = prompt.device.credentials()[0]!.userHandle
    await tab.client.session.signOut()
    prompt.newDevice()
    const attacker = await signUp('attacker')
    await tab.client.session.signOut()
    tab.reset()

    for (const overrides of [
      { origin: 'http://evil.localhost:3000' },
      { challenge: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      { rpId: 'example.com' },
    ]) {
      prompt.overrides = overrides
      expect(await tab.client.webauthn.signIn()).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    }
    prompt.overrides = undefined
    // A valid signature by the attacker's passkey, sent as the victim's account (the user handle is not signed).
    prompt.tamper = (response) => {
      response.response.userHandle = victimHandle
    }
    expect(await tab.client.webauthn.signIn()).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    expect(await tab.client.session.exists()).toBe(false)
    expect(tab.eventTypes()).toEqual([])
    prompt.tamper = undefined
    expect(await tab.client.webauthn.signIn()).toMatchObject({ status: 'OK', user: { id: attacker.userId } })
    expect(attacker.userId).not.toBe(victim.userId)
    await tab.client.session.signOut()

    // A registration signed for another relying party creates no account: the address can still sign up.
    const email = freshEmail('forged')
    prompt.overrides = { rpId: 'example.com' }
    expect(await tab.client.webauthn.signUp({ email })).toEqual({ status: 'INVALID_CREDENTIALS_ERROR' })
    expect(await tab.client.session.exists()).toBe(false)
    prompt.overrides = undefined
    expect(await tab.client.webauthn.signUp({ email })).toMatchObject({ status: 'OK', user: { emails: [email] } })
  })
})
