// @vitest-environment jsdom
/**
 * The official SuperTokens web SDK's WebAuthn recipe (supertokens-web-js 0.16) as an independent client of the
 * mock's passkey endpoints. The browser step is the soft authenticator: web-js' low-level calls take the credential
 * JSON a browser would produce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import SuperTokens from 'supertokens-web-js'
import Session from 'supertokens-web-js/recipe/session'
import WebAuthn from 'supertokens-web-js/recipe/webauthn'
import { createMockBackend, createSoftAuthenticator } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const API = 'http://localhost:3001'
const backend = createMockBackend({ apiDomain: API, websiteDomain: 'http://localhost:3000', webauthn: {} })
const server = setupMockServer(backend)
const events: string[] = []
const userContext = {}
type Credential = Parameters<typeof WebAuthn.signUp>[0]['credential']

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  // See officialSdk.test.ts: supertokens-website replaces MSW's read-only XMLHttpRequest global at init.
  Object.defineProperty(globalThis, 'XMLHttpRequest', {
    value: globalThis.XMLHttpRequest,
    writable: true,
    configurable: true,
  })
  SuperTokens.init({
    appInfo: { appName: 'mock test', apiDomain: API, apiBasePath: '/auth' },
    recipeList: [Session.init({ onHandleEvent: (event) => void events.push(event.action) }), WebAuthn.init()],
  })
})
afterAll(() => server.close())

describe('official web SDK WebAuthn recipe against the mock', () => {
  it('signs up, signs out, signs in, recovers the account and manages passkeys', async () => {
    const device = createSoftAuthenticator({ origin: 'http://localhost:3000' })
    const registerOptions = await WebAuthn.getRegisterOptions({ email: 'ada@example.com', userContext })
    if (registerOptions.status !== 'OK') throw new Error(registerOptions.status)
    const created = await device.create(registerOptions)
    const signUp = await WebAuthn.signUp({
      webauthnGeneratedOptionsId: registerOptions.webauthnGeneratedOptionsId,
      credential: created as unknown as Credential,
      userContext,
    })
    expect(signUp.status).toBe('OK')
    expect(events).toEqual(['SESSION_CREATED'])
    expect(await Session.getUserId()).toBe(backend.users.get('ada@example.com')!.id)
    expect((await WebAuthn.getEmailExists({ email: 'ada@example.com', userContext })).status).toBe('OK')

    await Session.signOut()
    expect(await Session.doesSessionExist()).toBe(false)
    const signInOptions = await WebAuthn.getSignInOptions({ userContext })
    if (signInOptions.status !== 'OK') throw new Error(signInOptions.status)
    // web-js does not type `rpId`; without one the browser uses the page's host, here the same `localhost`.
    const assertion = await device.get({ ...signInOptions, rpId: 'localhost' })
    const signIn = await WebAuthn.signIn({
      webauthnGeneratedOptionsId: signInOptions.webauthnGeneratedOptionsId,
      credential: assertion as unknown as Parameters<typeof WebAuthn.signIn>[0]['credential'],
      userContext,
    })
    expect(signIn.status).toBe('OK')
    expect(await Session.doesSessionExist()).toBe(true)

    expect((await WebAuthn.generateRecoverAccountToken({ email: 'ada@example.com', userContext })).status).toBe('OK')
    const { token } = backend.outbox.latest({ type: 'webauthn-recovery' })!
    const recoverOptions = await WebAuthn.getRegisterOptions({ recoverAccountToken: token, userContext })
    if (recoverOptions.status !== 'OK') throw new Error(recoverOptions.status)
    // The lost device's passkey is excluded; a new device registers the replacement.
    const replacement = await createSoftAuthenticator({ origin: 'http://localhost:3000' }).create(recoverOptions)
    const recovered = await WebAuthn.recoverAccount({
      token,
      webauthnGeneratedOptionsId: recoverOptions.webauthnGeneratedOptionsId,
      credential: replacement as unknown as Credential,
      userContext,
    })
    expect(recovered.status).toBe('OK')

    const listed = await WebAuthn.listCredentials({ userContext })
    if (listed.status !== 'OK') throw new Error(listed.status)
    expect(listed.credentials.map((item) => item.webauthnCredentialId)).toEqual([created.id, replacement.id])
    const removed = await WebAuthn.removeCredential({ webauthnCredentialId: created.id, userContext })
    expect(removed.status).toBe('OK')
    expect((await WebAuthn.listCredentials({ userContext })).status).toBe('OK')
  })
})
