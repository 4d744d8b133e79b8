// The WebAuthn JSON mapping in a real browser (docs/RECIPES.md §5.2): Chromium with a DevTools virtual authenticator
// (platform, resident keys, user verification) creates and uses a real passkey through `auth.webauthn.signUp` and
// `signIn`; the backend is `page.route` stubs that check what the client sends as a verifier would: the client data
// (type, challenge, origin), the attestation, and the assertion's ES256/RS256 signature against the public key the
// registration reported. Run twice: with the browser's native JSON helpers, and with them removed, so the
// `@simplewebauthn/browser` fallback converts.
//
//   AUTHFRONT_FRAMEWORKS=none flock /tmp/authfront-browser.lock npx playwright test --project webauthn
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import type { Page, Route } from '@playwright/test'
import { createServer as createViteServer } from 'vite'
import type { AuthClient, FactorClients } from '../../src/index'

declare global {
  interface Window {
    auth: AuthClient & Pick<FactorClients, 'webauthn'>
  }
}

const ROOT = resolve(import.meta.dirname, '../..')
const page = `<!doctype html><meta charset="utf-8"><title>webauthn</title>
<script type="module">
  import { createAuthClient, webauthn } from '/src/index.ts'
  window.auth = createAuthClient({ apiDomain: location.origin, recipes: [webauthn()] })
</script>`

let origin = ''
let stop: (() => Promise<void>) | undefined

test.beforeAll(async () => {
  const vite = await createViteServer({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    appType: 'custom',
    cacheDir: resolve(ROOT, 'node_modules/.vite/webauthn'),
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { include: ['zustand/vanilla', '@simplewebauthn/browser'] },
  })
  const http = createHttpServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
    else vite.middlewares(req, res)
  })
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done))
  // localhost is a secure context: WebAuthn is exposed, with `localhost` as the RP ID.
  origin = `http://localhost:${(http.address() as AddressInfo).port}`
  stop = async () => {
    await vite.close()
    await new Promise((done) => http.close(done))
  }
})
test.afterAll(async () => stop?.())

const b64url = (bytes: Buffer) => bytes.toString('base64url')
const decode = (text: unknown) => {
  expect(typeof text === 'string' && /^[A-Za-z0-9_-]+$/.test(text), `base64url: ${String(text)}`).toBe(true)
  return Buffer.from(text as string, 'base64url')
}
const frontToken = Buffer.from(JSON.stringify({ uid: 'u1', ate: Date.now() + 3_600_000, up: {} })).toString('base64')
const user = { id: 'u1', isPrimaryUser: false, tenantIds: ['public'], emails: ['ada@example.com'], phoneNumbers: [] }

/** The stub backend: answers the four calls and keeps what the client sent. */
function stubBackend(browserPage: Page) {
  const sent: Record<string, Record<string, any>> = {}
  const challenges = { register: randomBytes(32), signin: randomBytes(32) }
  const userHandle = randomBytes(16)
  const answers: Record<string, object> = {
    'options/register': {
      status: 'OK',
      webauthnGeneratedOptionsId: 'reg-1',
      createdAt: Date.now(),
      expiresAt: Date.now() + 60_000,
      rp: { id: 'localhost', name: 'authfront' },
      user: { id: b64url(userHandle), name: 'ada@example.com', displayName: 'ada@example.com' },
      challenge: b64url(challenges.register),
      timeout: 60_000,
      attestation: 'none',
      pubKeyCredParams: [
        { alg: -7, type: 'public-key' },
        { alg: -257, type: 'public-key' },
      ],
      excludeCredentials: [],
      authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' },
    },
    'options/signin': {
      status: 'OK',
      webauthnGeneratedOptionsId: 'sig-1',
      rpId: 'localhost',
      createdAt: Date.now(),
      expiresAt: Date.now() + 60_000,
      challenge: b64url(challenges.signin),
      timeout: 60_000,
      userVerification: 'preferred',
    },
    signup: { status: 'OK', user },
    signin: { status: 'OK', user },
  }
  const route = async (route: Route) => {
    const name = new URL(route.request().url()).pathname.replace('/auth/webauthn/', '')
    sent[name] = route.request().postDataJSON()
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (name === 'signup' || name === 'signin') headers['front-token'] = frontToken
    await route.fulfill({ status: 200, headers, body: JSON.stringify(answers[name]) })
  }
  return { sent, challenges, userHandle, install: () => browserPage.route('**/auth/webauthn/**', route) }
}

for (const native of [true, false]) {
  test(`signUp then signIn send verifiable JSON (${native ? 'native JSON helpers' : '@simplewebauthn/browser'})`, async ({
    page: browserPage,
  }) => {
    if (!native) {
      await browserPage.addInitScript(() => {
        const statics = PublicKeyCredential as unknown as Record<string, unknown>
        delete statics['parseCreationOptionsFromJSON']
        delete statics['parseRequestOptionsFromJSON']
        delete (PublicKeyCredential.prototype as unknown as Record<string, unknown>)['toJSON']
      })
    }
    const cdp = await browserPage.context().newCDPSession(browserPage)
    await cdp.send('WebAuthn.enable')
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    })
    const backend = stubBackend(browserPage)
    await backend.install()
    await browserPage.goto(origin)
    await browserPage.waitForFunction(() => window.auth !== undefined)
    const nativeHelpers = await browserPage.evaluate(
      () => typeof (PublicKeyCredential as unknown as Record<string, unknown>)['parseCreationOptionsFromJSON'],
    )
    expect(nativeHelpers).toBe(native ? 'function' : 'undefined')

    const signUp = await browserPage.evaluate(() => window.auth.webauthn.signUp({ email: 'ada@example.com' }))
    expect(signUp).toEqual({ status: 'OK', user })
    expect(backend.sent['options/register']).toEqual({ email: 'ada@example.com' })
    const registration = backend.sent['signup']!
    expect(registration).toMatchObject({ webauthnGeneratedOptionsId: 'reg-1', shouldTryLinkingWithSessionUser: false })
    const created = registration['credential']
    expect(created).toMatchObject({ type: 'public-key', clientExtensionResults: {} })
    expect(decode(created.rawId)).toEqual(decode(created.id))
    const createData = JSON.parse(decode(created.response.clientDataJSON).toString())
    expect(createData).toMatchObject({
      type: 'webauthn.create',
      challenge: b64url(backend.challenges.register),
      origin,
    })
    expect(decode(created.response.attestationObject).length).toBeGreaterThan(100)
    expect(created.response.transports).toContain('internal')
    const publicKey = createPublicKey({ key: decode(created.response.publicKey), format: 'der', type: 'spki' })
    expect(created.response.publicKeyAlgorithm).toBe(-7)

    const signIn = await browserPage.evaluate(() => window.auth.webauthn.signIn())
    expect(signIn).toEqual({ status: 'OK', user })
    expect(backend.sent['options/signin']).toEqual({})
    const assertion = backend.sent['signin']!
    expect(assertion).toMatchObject({ webauthnGeneratedOptionsId: 'sig-1', shouldTryLinkingWithSessionUser: false })
    const used = assertion['credential']
    // The discoverable passkey just created, found without allowCredentials.
    expect(used).toMatchObject({ id: created.id, rawId: created.rawId, type: 'public-key' })
    expect(decode(used.response.userHandle)).toEqual(backend.userHandle)
    const clientData = decode(used.response.clientDataJSON)
    expect(JSON.parse(clientData.toString())).toMatchObject({
      type: 'webauthn.get',
      challenge: b64url(backend.challenges.signin),
      origin,
    })
    const authenticatorData = decode(used.response.authenticatorData)
    expect(authenticatorData.subarray(0, 32)).toEqual(createHash('sha256').update('localhost').digest())
    const signed = Buffer.concat([authenticatorData, createHash('sha256').update(clientData).digest()])
    expect(verify('sha256', signed, { key: publicKey, dsaEncoding: 'der' }, decode(used.response.signature))).toBe(true)
  })
}
