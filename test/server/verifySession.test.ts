import { describe, expect, it, vi, afterEach } from 'vitest'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import type { JWK, CryptoKey } from 'jose'
import { createSessionVerifier, isAuthError } from 'authfront/server'
import type { SessionVerifierConfig } from 'authfront/server'

const API = 'https://api.example.com'
const ISS = `${API}/auth`
const JWKS_URL = `${ISS}/jwt/jwks.json`

interface Key {
  kid: string
  privateKey: CryptoKey
  jwk: JWK
}

async function makeKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } }
}

/** A JWKS endpoint that serves whatever keys the test publishes, counting the fetches. */
function jwksServer(keys: Key[]) {
  const published = [...keys]
  const server = {
    published,
    fetches: 0,
    fetch: (async (input: RequestInfo | URL) => {
      expect(String(input)).toBe(JWKS_URL)
      server.fetches += 1
      return Response.json({ keys: published.map((key) => key.jwk) })
    }) as typeof fetch,
  }
  return server
}

const nowSeconds = () => Math.floor(Date.now() / 1000)

/** A supertokens-node v5 access token (docs/PROTOCOL.md §3.1). */
function accessToken(key: Key, overrides: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  const iat = nowSeconds()
  const payload = {
    sub: 'user-1',
    rsub: 'user-1',
    tId: 'public',
    sessionHandle: 'handle-1',
    refreshTokenHash1: 'hash-1',
    parentRefreshTokenHash1: null,
    antiCsrfToken: null,
    iss: ISS,
    iat,
    exp: iat + 3600,
    'st-ev': { v: true, t: 1700000000000 },
    ...overrides,
  }
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', version: '5', kid: key.kid, ...header })
    .sign(key.privateKey)
}

const cookieRequest = (token: string) =>
  new Request('https://app.example.com/dashboard', { headers: { cookie: `theme=dark; sAccessToken=${token}` } })

function verifier(server: ReturnType<typeof jwksServer>, config: Partial<SessionVerifierConfig> = {}) {
  return createSessionVerifier({ apiDomain: API, fetch: server.fetch, ...config })
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createSessionVerifier', () => {
  it('answers OK with the user id, the payload and the app claims for a valid cookie-mode token', async () => {
    const key = await makeKey('d-1')
    const server = jwksServer([key])
    const result = await verifier(server).verifySession(cookieRequest(await accessToken(key)))
    expect(result).toMatchObject({
      status: 'OK',
      userId: 'user-1',
      sessionHandle: 'handle-1',
      tenantId: 'public',
      transferMethod: 'cookie',
      claims: { 'st-ev': { v: true, t: 1700000000000 } },
    })
    if (result.status !== 'OK') throw new Error('unreachable')
    expect(result.payload.refreshTokenHash1).toBe('hash-1')
    expect(result.claims).not.toHaveProperty('sub')
  })

  it('reads a header-mode bearer from Headers, and from plain header strings (Express)', async () => {
    const key = await makeKey('d-1')
    const sessions = verifier(jwksServer([key]))
    const token = await accessToken(key)
    const fromHeaders = await sessions.verifySession(new Headers({ authorization: `Bearer ${token}` }))
    expect(fromHeaders).toMatchObject({ status: 'OK', userId: 'user-1', transferMethod: 'header' })
    const fromStrings = await sessions.verifySession({ cookie: undefined, authorization: `bearer ${token}` })
    expect(fromStrings).toMatchObject({ status: 'OK', transferMethod: 'header' })
    const cookieString = await sessions.verifySession({ cookie: `sAccessToken=${token}` })
    expect(cookieString).toMatchObject({ status: 'OK', transferMethod: 'cookie' })
  })

  it('lets an access-token bearer win over the cookie, and ignores a bearer that is not an access token', async () => {
    const key = await makeKey('d-1')
    const sessions = verifier(jwksServer([key]))
    const cookieToken = await accessToken(key, { sub: 'cookie-user' })
    const headerToken = await accessToken(key, { sub: 'header-user' })
    const both = new Headers({ cookie: `sAccessToken=${cookieToken}`, authorization: `Bearer ${headerToken}` })
    expect(await sessions.verifySession(both)).toMatchObject({ userId: 'header-user', transferMethod: 'header' })
    const apiKey = new Headers({ cookie: `sAccessToken=${cookieToken}`, authorization: 'Bearer sk_live_123' })
    expect(await sessions.verifySession(apiKey)).toMatchObject({ userId: 'cookie-user', transferMethod: 'cookie' })
  })

  it('answers SIGNED_OUT NO_TOKEN without a token, and never fetches keys for it', async () => {
    const server = jwksServer([await makeKey('d-1')])
    const result = await verifier(server).verifySession(new Request('https://app.example.com/'))
    expect(result).toEqual({ status: 'SIGNED_OUT', reason: 'NO_TOKEN' })
    expect(server.fetches).toBe(0)
  })

  it('answers TRY_REFRESH for an expired token', async () => {
    const key = await makeKey('d-1')
    const iat = nowSeconds() - 7200
    const expired = await accessToken(key, { iat, exp: iat + 3600 })
    expect(await verifier(jwksServer([key])).verifySession(cookieRequest(expired))).toEqual({ status: 'TRY_REFRESH' })
  })

  it('uses the configured clock for expiry', async () => {
    const key = await makeKey('d-1')
    const token = await accessToken(key)
    const later = () => Date.now() + 2 * 3600 * 1000
    const result = await verifier(jwksServer([key]), { now: later }).verifySession(cookieRequest(token))
    expect(result).toEqual({ status: 'TRY_REFRESH' })
  })

  it('answers SIGNED_OUT for a token signed by another key under a published key id', async () => {
    const key = await makeKey('d-1')
    const impostor = await makeKey('d-1')
    const result = await verifier(jwksServer([key])).verifySession(cookieRequest(await accessToken(impostor)))
    expect(result).toEqual({ status: 'SIGNED_OUT', reason: 'INVALID_TOKEN' })
  })

  it('answers SIGNED_OUT for an expired token with a bad signature (expiry is only trusted once signed)', async () => {
    const key = await makeKey('d-1')
    const impostor = await makeKey('d-1')
    const iat = nowSeconds() - 7200
    const token = await accessToken(impostor, { iat, exp: iat + 3600 })
    const result = await verifier(jwksServer([key])).verifySession(cookieRequest(token))
    expect(result).toEqual({ status: 'SIGNED_OUT', reason: 'INVALID_TOKEN' })
  })

  it('answers SIGNED_OUT for a wrong issuer, and accepts the configured one', async () => {
    const key = await makeKey('d-1')
    const token = await accessToken(key, { iss: 'https://evil.example.com/auth' })
    const server = jwksServer([key])
    expect(await verifier(server).verifySession(cookieRequest(token))).toEqual({
      status: 'SIGNED_OUT',
      reason: 'INVALID_TOKEN',
    })
    const custom = verifier(server, { issuer: 'https://evil.example.com/auth' })
    expect(await custom.verifySession(cookieRequest(token))).toMatchObject({ status: 'OK' })
    const gateway = await accessToken(key, { iss: `${API}/gateway/auth` })
    expect(await verifier(server).verifySession(cookieRequest(gateway))).toMatchObject({ status: 'SIGNED_OUT' })
    expect(await verifier(server, { issuer: false }).verifySession(cookieRequest(gateway))).toMatchObject({
      status: 'OK',
    })
  })

  it('answers SIGNED_OUT for malformed tokens and for signed JWTs that are not access tokens', async () => {
    const key = await makeKey('d-1')
    const sessions = verifier(jwksServer([key]))
    for (const garbage of ['abc', 'a.b.c', '%E0%A4%A', '']) {
      expect(await sessions.verifySession({ cookie: `sAccessToken=${garbage}` })).toMatchObject({
        status: 'SIGNED_OUT',
      })
    }
    // The backend's JWT recipe signs other tokens with the same keys; they carry no session.
    const jwtRecipe = await new SignJWT({ sub: 'user-1', iss: ISS })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key.privateKey)
    expect(await sessions.verifySession(cookieRequest(jwtRecipe))).toEqual({
      status: 'SIGNED_OUT',
      reason: 'INVALID_TOKEN',
    })
  })

  it('rejects forged tokens: alg none, and HS256 keyed with the public key', async () => {
    const key = await makeKey('d-1')
    const sessions = verifier(jwksServer([key]))
    const genuine = await accessToken(key)
    const [, payload] = genuine.split('.')
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const none = `${b64({ alg: 'none', typ: 'JWT', version: '5', kid: key.kid })}.${payload}.`
    expect(await sessions.verifySession(cookieRequest(none))).toMatchObject({ status: 'SIGNED_OUT' })

    const { createHmac } = await import('node:crypto')
    const publicPem = JSON.stringify(key.jwk)
    const hsInput = `${b64({ alg: 'HS256', typ: 'JWT', version: '5', kid: key.kid })}.${payload}`
    const hs = `${hsInput}.${createHmac('sha256', publicPem).update(hsInput).digest('base64url')}`
    expect(await sessions.verifySession(cookieRequest(hs))).toMatchObject({ status: 'SIGNED_OUT' })
  })

  it('never authorises with the front token alone', async () => {
    const key = await makeKey('d-1')
    const frontToken = Buffer.from(
      JSON.stringify({ uid: 'user-1', ate: Date.now() + 3600_000, up: { sub: 'user-1', sessionHandle: 'h' } }),
    ).toString('base64')
    const server = jwksServer([key])
    const request = new Request('https://app.example.com/', {
      headers: { cookie: `sFrontToken=${frontToken}`, 'front-token': frontToken },
    })
    expect(await verifier(server).verifySession(request)).toEqual({ status: 'SIGNED_OUT', reason: 'NO_TOKEN' })
  })

  it('caches the keys, and refetches once when a new key id appears (rotation), after the cool-down', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const first = await makeKey('d-1')
    const server = jwksServer([first])
    const sessions = verifier(server)
    const request = cookieRequest(await accessToken(first))
    for (let i = 0; i < 3; i++) expect(await sessions.verifySession(request)).toMatchObject({ status: 'OK' })
    expect(server.fetches).toBe(1)

    vi.advanceTimersByTime(5000)
    const second = await makeKey('d-2')
    server.published.push(second)
    const rotated = cookieRequest(await accessToken(second, { sub: 'user-2' }))
    expect(await sessions.verifySession(rotated)).toMatchObject({ status: 'OK', userId: 'user-2' })
    expect(server.fetches).toBe(2)
    for (let i = 0; i < 3; i++) {
      expect(await sessions.verifySession(rotated)).toMatchObject({ status: 'OK' })
      expect(await sessions.verifySession(request)).toMatchObject({ status: 'OK' })
    }
    expect(server.fetches).toBe(2)
  })

  it('does not refetch for unknown key ids during the cool-down (forged kids cannot flood the backend)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const key = await makeKey('d-1')
    const server = jwksServer([key])
    const sessions = verifier(server, { jwksCooldownMs: 60_000 })
    expect(await sessions.verifySession(cookieRequest(await accessToken(key)))).toMatchObject({ status: 'OK' })
    for (let i = 0; i < 5; i++) {
      const stranger = await makeKey(`forged-${i}`)
      expect(await sessions.verifySession(cookieRequest(await accessToken(stranger)))).toEqual({
        status: 'SIGNED_OUT',
        reason: 'INVALID_TOKEN',
      })
    }
    expect(server.fetches).toBe(1)
  })

  it('answers TRY_REFRESH for an expired token whose key has left the JWKS', async () => {
    const retired = await makeKey('d-old')
    const server = jwksServer([await makeKey('d-new')])
    const iat = nowSeconds() - 7200
    const token = await accessToken(retired, { iat, exp: iat + 3600 })
    expect(await verifier(server).verifySession(cookieRequest(token))).toEqual({ status: 'TRY_REFRESH' })
  })

  it('accepts ES256 by default (the mock backend signs with it), and only the configured algorithms', async () => {
    const key = await makeKey('e-1', 'ES256')
    const server = jwksServer([key])
    const token = await accessToken(key, {}, { alg: 'ES256' })
    expect(await verifier(server).verifySession(cookieRequest(token))).toMatchObject({ status: 'OK' })
    const rsOnly = verifier(server, { algorithms: ['RS256'] })
    expect(await rsOnly.verifySession(cookieRequest(token))).toMatchObject({ status: 'SIGNED_OUT' })
  })

  it('rejects with AuthError kind network when the JWKS cannot be loaded (an outage is not a sign-out)', async () => {
    const key = await makeKey('d-1')
    const token = await accessToken(key)
    const down = (async () => new Response('bad gateway', { status: 502 })) as typeof fetch
    const offline = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof fetch
    for (const fetch of [down, offline]) {
      const error = await createSessionVerifier({ apiDomain: API, fetch })
        .verifySession(cookieRequest(token))
        .catch((e: unknown) => e)
      expect(isAuthError(error) && error.kind).toBe('network')
      expect(String((error as Error).message)).toContain(JWKS_URL)
      expect(String((error as Error).message)).not.toContain(token)
    }
  })

  it('validates its config, naming the field and the fix', () => {
    const cases: Array<[unknown, string]> = [
      [undefined, '"config"'],
      [{}, '"apiDomain"'],
      [{ apiDomain: 'api.example.com' }, '"apiDomain"'],
      [{ apiDomain: 'https://api.example.com/auth' }, 'apiBasePath'],
      [{ apiDomain: API, apiBasePath: 'auth' }, '"apiBasePath"'],
      [{ apiDomain: API, algorithms: ['HS256'] }, '"algorithms"'],
      [{ apiDomain: API, algorithms: ['none'] }, '"algorithms"'],
      [{ apiDomain: API, issuer: 'not a url' }, '"issuer"'],
      [{ apiDomain: API, jwksUrl: '/jwks.json' }, '"jwksUrl"'],
      [{ apiDomain: API, jwksCooldownMs: -1 }, '"jwksCooldownMs"'],
      [{ apiDomain: API, jwksTimeoutMs: 1.5 }, '"jwksTimeoutMs"'],
      [{ apiDomain: API, jwksTimeoutMs: 0 }, '"jwksTimeoutMs"'],
      [{ apiDomain: API, clockToleranceSeconds: Number.NaN }, '"clockToleranceSeconds"'],
      [{ apiDomain: API, fetch: 'fetch' }, '"fetch"'],
    ]
    for (const [config, field] of cases) {
      let caught: unknown
      try {
        createSessionVerifier(config as SessionVerifierConfig)
      } catch (error) {
        caught = error
      }
      expect(isAuthError(caught) ? caught.kind : caught, JSON.stringify(config)).toBe('config')
      expect((caught as Error).message).toContain(field)
    }
  })

  it('fetches the JWKS from {apiDomain}{apiBasePath}/jwt/jwks.json', async () => {
    const key = await makeKey('d-1')
    const urls: string[] = []
    const fetch: typeof globalThis.fetch = (async (input: RequestInfo | URL) => {
      urls.push(String(input))
      return Response.json({ keys: [key.jwk] })
    }) as typeof fetch
    const token = await accessToken(key, { iss: `${API}/api/v1` })
    const sessions = createSessionVerifier({ apiDomain: `${API}/`, apiBasePath: '/api/v1/', fetch })
    expect(await sessions.verifySession(cookieRequest(token))).toMatchObject({ status: 'OK' })
    expect(urls).toEqual([`${API}/api/v1/jwt/jwks.json`])
  })
})
