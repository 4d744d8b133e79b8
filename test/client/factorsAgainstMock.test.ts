/**
 * MultiFactorAuth, TOTP and WebAuthn end to end against the shipped mock (authfront/mock): the client and the mock
 * are independent implementations of docs/RECIPES.md §4–§5, so these journeys check that both agree. The browser's
 * passkey prompt is the mock's soft authenticator behind a fake `navigator.credentials`.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import {
  createAuthClient,
  createMemoryCookieJar,
  createMemoryStorage,
  decideSession,
  multiFactor,
  totp,
  webauthn,
} from 'authfront'
import type { AuthEvent, TokenTransferMethod } from 'authfront'
import { createMockBackend, createSoftAuthenticator, generateTotp } from 'authfront/mock'

const API = 'http://api.factors.test'
const SITE = 'http://factors.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.unstubAllGlobals()
})
afterAll(() => server.close())

function setup(mode: TokenTransferMethod) {
  const backend = createMockBackend({
    apiDomain: API,
    websiteDomain: SITE,
    users: [{ email: 'ada@example.com', password: 'correct-horse-42' }],
    multiFactor: { requiredSecondaryFactors: ['totp'] },
    webauthn: { rpId: 'factors.test' },
  })
  server.use(...backend.handlers)
  const auth = createAuthClient({
    apiDomain: API,
    websiteDomain: SITE,
    tokenTransferMethod: mode,
    platform: { cookies: createMemoryCookieJar(), storage: createMemoryStorage(), broadcast: () => undefined },
    recipes: [multiFactor(), totp(), webauthn()],
  })
  const events: AuthEvent['type'][] = []
  auth.on('*', (event) => events.push(event.type))
  return { backend, auth, events }
}

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('password, then TOTP: the guard sends the user to the TOTP screen until the device is verified', async () => {
    const { auth, events } = setup(mode)
    expect(await auth.emailPassword.signIn({ email: 'ada@example.com', password: 'correct-horse-42' })).toMatchObject({
      status: 'OK',
    })
    expect(await auth.multiFactor.getClaim()).toMatchObject({ satisfied: false })
    expect(await auth.session.validateClaims()).toEqual([
      { id: 'st-mfa', reason: { message: 'not all required factors have been completed' } },
    ])
    expect(await decideSession(auth, { currentPath: '/orders', storage: createMemoryStorage() })).toEqual({
      kind: 'redirect',
      to: '/auth/mfa/totp?redirectToPath=%2Forders',
    })
    const info = await auth.multiFactor.getInfo()
    expect(info).toMatchObject({ status: 'OK', factors: { next: ['totp'] } })

    const device = await auth.totp.createDevice()
    if (device.status !== 'OK') throw new Error(device.status)
    expect(device.qrCodeString).toMatch(/^otpauth:\/\/totp\//)
    const wrong = await auth.totp.verifyDevice({ deviceName: device.deviceName, totp: '000000' })
    expect(wrong).toMatchObject({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 1 })
    events.length = 0
    const code = await generateTotp(device.secret, Date.now())
    expect(await auth.totp.verifyDevice({ deviceName: device.deviceName, totp: code })).toEqual({
      status: 'OK',
      wasAlreadyVerified: false,
    })
    expect(events).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
    expect(await auth.multiFactor.getClaim()).toMatchObject({ satisfied: true })
    expect(await auth.session.validateClaims()).toEqual([])
    expect(await decideSession(auth, { currentPath: '/orders' })).toEqual({ kind: 'allow' })
    expect(await auth.totp.listDevices()).toEqual({
      status: 'OK',
      devices: [expect.objectContaining({ name: device.deviceName, verified: true })],
    })
  })

  test('passkeys: sign up, sign out, sign in, list; a cancelled prompt sends nothing more', async () => {
    const { auth, events } = setup(mode)
    const soft = createSoftAuthenticator({ origin: SITE })
    let cancel = false
    class PublicKeyCredential {
      // The mock's authenticator reads and answers the JSON forms: the native helpers are the identity here.
      static parseCreationOptionsFromJSON = (json: object) => json
      static parseRequestOptionsFromJSON = (json: object) => json
    }
    const credential = (response: object) => ({ ...response, toJSON: () => response })
    const cancelled = () => Object.assign(new Error('cancelled'), { name: 'NotAllowedError' })
    vi.stubGlobal('PublicKeyCredential', PublicKeyCredential)
    vi.stubGlobal('navigator', {
      credentials: {
        create: async ({ publicKey }: { publicKey: never }) => credential(await soft.create(publicKey)),
        get: async ({ publicKey }: { publicKey: never }) => {
          if (cancel) throw cancelled()
          return credential(await soft.get(publicKey))
        },
      },
    })
    const signUp = await auth.webauthn.signUp({ email: 'grace@example.com' })
    expect(signUp).toMatchObject({ status: 'OK', user: { emails: ['grace@example.com'] } })
    expect(events).toEqual(['SESSION_CREATED'])
    await auth.session.signOut()
    expect(await auth.webauthn.signIn()).toMatchObject({ status: 'OK', user: { emails: ['grace@example.com'] } })
    expect(await auth.session.exists()).toBe(true)
    const listed = await auth.webauthn.listCredentials()
    expect(listed).toMatchObject({ status: 'OK', credentials: [{ webauthnCredentialId: soft.credentials()[0]!.id }] })
    cancel = true
    expect(await auth.webauthn.signIn()).toEqual({ status: 'NOT_ALLOWED' })
  })
})
