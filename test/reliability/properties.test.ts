/**
 * Property-based tests (fast-check): the front-token decoder on arbitrary input, doFetch against arbitrary
 * responses (statuses, session headers, bodies) answered by an MSW handler, and front tokens issued by the mock
 * round-tripping arbitrary (non-ASCII) payload data. Runs are kept modest so the file stays fast.
 */
import fc from 'fast-check'
import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { AuthError, decodeFrontToken, encodeFrontToken, isAuthError, isInterceptedUrl } from 'authfront'
import type { AuthClient } from 'authfront'
import { readFrontTokenHeader as mockDecodeFrontToken } from 'authfront/mock'
import { ADA, installServer, settle, setup, watchUnhandledRejections } from './helpers'

const server = installServer()
watchUnhandledRejections()

const toBase64 = (bytes: Uint8Array) => {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
const utf8Base64 = (text: string) => toBase64(new TextEncoder().encode(text))

/** Decodes, and if it throws, checks it is an AuthError of kind protocol. Returns the decoded token or undefined. */
function decodeOrAuthError(value: string) {
  try {
    const token = decodeFrontToken(value)
    expect(typeof token.uid).toBe('string')
    expect(typeof token.ate).toBe('number')
    expect(token.up !== null && typeof token.up === 'object' && !Array.isArray(token.up)).toBe(true)
    return token
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError)
    expect((error as AuthError).kind).toBe('protocol')
    return undefined
  }
}

describe('decodeFrontToken on arbitrary input throws only AuthError', () => {
  it('arbitrary strings (full Unicode, lone surrogates)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (value) => void decodeOrAuthError(value)),
      {
        numRuns: 200,
      },
    )
  })

  it('base64 of arbitrary bytes, including base64url alphabet and padding games', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('', '=', '==', ' ', '\n'), (bytes, suffix) => {
        const std = toBase64(bytes)
        decodeOrAuthError(std + suffix)
        decodeOrAuthError(std.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))
      }),
      { numRuns: 200 },
    )
  })

  it('base64 of arbitrary JSON values (right encoding, wrong shape)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => void decodeOrAuthError(utf8Base64(JSON.stringify(value)))),
      {
        numRuns: 200,
      },
    )
  })

  it('base64 of near-valid tokens: fields of every type', () => {
    const anyValue = fc.oneof(
      fc.string(),
      fc.double(),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.nat()),
      fc.object(),
    )
    fc.assert(
      fc.property(
        fc.record({ uid: anyValue, ate: anyValue, up: anyValue }, { requiredKeys: [] }),
        (token) => void decodeOrAuthError(utf8Base64(JSON.stringify(token))),
      ),
      { numRuns: 200 },
    )
  })

  it('encode → decode is the identity for arbitrary uids and payloads (any Unicode)', () => {
    const payload = fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { maxKeys: 6 })
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.integer(), payload, (uid, ate, up) => {
        const token = { uid, ate, up: JSON.parse(JSON.stringify(up)) as Record<string, unknown> }
        const encoded = encodeFrontToken(token)
        expect(decodeFrontToken(encoded)).toEqual(token)
        // The mock's own decoder (an independent implementation) reads the client's encoding too.
        expect(mockDecodeFrontToken(encoded)).toMatchObject({ uid: token.uid, ate: token.ate })
      }),
      { numRuns: 200 },
    )
  })
})

// ----------------------------------------------------------------------------------------------------------------

const COOKIE_NAMES = ['sFrontToken', 'st-last-access-token-update', 'sAntiCsrf', 'st-access-token', 'st-refresh-token']

/**
 * A header value Headers accepts: visible ASCII and spaces (no CR/LF/NUL). No `;`: a stored value containing one
 * smuggles a cookie into the memory jar (see the separate regression test below).
 */
const headerValue = fc
  .string({
    unit: fc
      .integer({ min: 0x20, max: 0x7e })
      .filter((c) => c !== 0x3b)
      .map((c) => String.fromCharCode(c)),
    maxLength: 60,
  })
  .map((v) => v.trim())

const frontTokenValue = fc.oneof(
  fc.constant('remove'),
  headerValue,
  fc
    .record({
      uid: fc.string({ unit: 'binary', maxLength: 20 }),
      ate: fc.oneof(fc.integer(), fc.constant(Date.now() + 3_600_000)),
      up: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    })
    .map((token) =>
      encodeFrontToken({ ...token, up: JSON.parse(JSON.stringify(token.up)) as Record<string, unknown> }),
    ),
)

const responseArb = fc.record({
  status: fc.oneof(
    fc.constantFrom(200, 201, 400, 401, 403, 404, 409, 429, 500, 502, 503),
    // No 3xx: MSW follows mocked redirects itself; no 204/205 (a body is always generated).
    fc.integer({ min: 200, max: 599 }).filter((s) => s !== 204 && s !== 205 && (s < 300 || s > 399)),
  ),
  headers: fc.record(
    {
      'front-token': frontTokenValue,
      'st-access-token': headerValue,
      'st-refresh-token': headerValue,
      'anti-csrf': headerValue,
      'content-type': fc.constantFrom('application/json', 'text/html', 'text/plain', ''),
    },
    { requiredKeys: [] },
  ),
  body: fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 80 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.constant('{"message":"invalid claim","claimValidationErrors":[{"id":"st-ev"}]}'),
    fc.constant('{"claimValidationErrors":"nope"}'),
  ),
})

type GeneratedResponse = { status: number; headers: Record<string, string>; body: string }

/** Parses the jar the way `document.cookie` reads parse (`; `-separated `name=value`). */
function readBack(jar: Map<string, string>) {
  const raw = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
  const names =
    raw === ''
      ? []
      : raw.split(';').map((part) => part.slice(0, part.indexOf('=') === -1 ? undefined : part.indexOf('=')).trim())
  return { raw, names }
}

function checkStoredState(client: AuthClient, jar: Map<string, string>) {
  const state = client.store.getState()
  expect(['loading', 'signedIn', 'signedOut']).toContain(state.status)
  for (const name of jar.keys()) expect(COOKIE_NAMES).toContain(name)
  const front = jar.get('sFrontToken')
  // Whatever was stored as the front token must still decode: a response may never corrupt it.
  if (front !== undefined) expect(() => decodeFrontToken(front)).not.toThrow()
  // The cookie string the client reads back parses into the same cookies: no value smuggled in another cookie.
  const parsed = readBack(jar)
  expect(
    parsed.names.every((name) => COOKIE_NAMES.includes(name)),
    parsed.raw,
  ).toBe(true)
  expect(new Set(parsed.names).size, parsed.raw).toBe(parsed.names.length)
  const stamp = jar.get('st-last-access-token-update')
  if (stamp !== undefined) expect(Number.isFinite(Number(stamp))).toBe(true)
  if (state.status === 'signedIn') {
    expect(front).toBeDefined()
    expect(state.userId).toBe(decodeFrontToken(front!).uid)
  }
}

describe('doFetch against arbitrary responses', () => {
  for (const start of ['signedIn', 'signedOut', 'fresh'] as const) {
    it(`never rejects with anything but AuthError and never corrupts stored state (start: ${start})`, async () => {
      let current: GeneratedResponse = { status: 200, headers: {}, body: '' }
      const s = setup(server, { client: { maxRetryAttemptsForSessionRefresh: 2 } })
      server.use(
        http.all(`${s.api}/api/arbitrary`, () => {
          const headers = new Headers()
          for (const [name, value] of Object.entries(current.headers)) if (value !== '') headers.set(name, value)
          return new HttpResponse(current.body, { status: current.status, headers })
        }),
      )
      let runs = 0
      await fc.assert(
        fc.asyncProperty(responseArb, async (generated) => {
          runs++
          // Each run starts from a known state: signed in (as a client that signed in would be), out, or fresh.
          s.cookies.cookies.clear()
          if (start === 'signedIn') {
            const issued = s.backend.sessions.create(ADA.email)
            for (const [name, value] of Object.entries(issued.frontendCookies)) s.cookies.write(name, value, Infinity)
          } else if (start === 'signedOut') {
            s.cookies.write('st-last-access-token-update', String(s.clock.now()), Infinity)
          }
          current = generated as GeneratedResponse
          const before = s.paths.length
          const outcome = await settle(s.client.doFetch(`${s.api}/api/arbitrary`, { method: 'POST', body: 'x' }))
          if (!outcome.ok) {
            expect(isAuthError(outcome.error), String(outcome.error)).toBe(true)
          } else {
            expect(outcome.value).toBeInstanceOf(Response)
          }
          // Bounded: at most (1 + max retries) API calls and as many refreshes, plus a MAY_EXIST probe.
          expect(s.paths.length - before).toBeLessThanOrEqual(2 * 3 + 1)
          const exists = await settle(s.client.session.exists())
          if (!exists.ok) expect(isAuthError(exists.error), String(exists.error)).toBe(true)
          checkStoredState(s.client, s.cookies.cookies)
        }),
        { numRuns: 120 },
      )
      expect(runs).toBe(120)
    }, 60_000)
  }

  it('recipe calls over arbitrary responses reject only with AuthError (never a TypeError from parsing)', async () => {
    let current: GeneratedResponse = { status: 200, headers: {}, body: '' }
    const s = setup(server)
    server.use(
      http.post(`${s.api}/auth/signin`, () => {
        const headers = new Headers()
        for (const [name, value] of Object.entries(current.headers)) if (value !== '') headers.set(name, value)
        return new HttpResponse(current.body, { status: current.status, headers })
      }),
    )
    const statusBodies = fc.oneof(
      responseArb.map((r) => r as GeneratedResponse),
      fc
        .record({
          status: fc.constantFrom(
            'OK',
            'FIELD_ERROR',
            'WRONG_CREDENTIALS_ERROR',
            'SIGN_IN_NOT_ALLOWED',
            'GENERAL_ERROR',
            'X',
          ),
          user: fc.oneof(
            fc.constant(undefined),
            fc.constant(null),
            fc.jsonValue({ maxDepth: 2 }),
            fc.record({ id: fc.string() }),
          ),
          formFields: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
          reason: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })),
          message: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })),
        })
        .map((body) => ({ status: 200, headers: {}, body: JSON.stringify(body) })),
    )
    await fc.assert(
      fc.asyncProperty(statusBodies, async (generated) => {
        current = generated
        s.cookies.cookies.clear()
        const outcome = await settle(s.client.emailPassword.signIn(ADA))
        if (!outcome.ok) expect(isAuthError(outcome.error), String(outcome.error)).toBe(true)
        else expect(typeof outcome.value.status).toBe('string')
        const exists = await settle(s.client.session.exists())
        if (!exists.ok) expect(isAuthError(exists.error), String(exists.error)).toBe(true)
        checkStoredState(s.client, s.cookies.cookies)
      }),
      { numRuns: 150 },
    )
  }, 60_000)
})

// Regression (fixed, low): applyHeaders() wrote `st-access-token` / `st-refresh-token` / `anti-csrf` header values
// into the cookie jar unencoded. With the memory jar (the server/SSR default) a value containing `; ` became extra
// cookies on the next read, and parseCookies' "first one wins" let it shadow the real sFrontToken. (A browser's
// document.cookie would truncate the value at `;` instead: a corrupted token.) Such values are now ignored: no
// real token has `;` or control characters.
it('a token header containing "; name=value" cannot forge the stored front token', async () => {
  const s = setup(server, { client: { tokenTransferMethod: 'header' } })
  expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
  const realUser = await s.client.session.getUserId()
  const forged = encodeFrontToken({ uid: 'forged-user', ate: s.clock.now() + 3_600_000, up: {} })
  server.use(
    http.get(
      `${s.api}/api/smuggle`,
      () => new HttpResponse('ok', { headers: { 'st-access-token': `x; sFrontToken=${forged}` } }),
    ),
  )
  await s.client.doFetch(`${s.api}/api/smuggle`)
  expect(await s.client.session.getUserId()).toBe(realUser)
  expect(readBack(s.cookies.cookies).names.filter((name) => name === 'sFrontToken')).toHaveLength(1)
})

// ----------------------------------------------------------------------------------------------------------------

describe('front tokens issued by the mock round-trip arbitrary payload data', () => {
  const PROTOCOL_KEYS = new Set([
    'iat',
    'exp',
    'sub',
    'tId',
    'rsub',
    'sessionHandle',
    'refreshTokenHash1',
    'parentRefreshTokenHash1',
    'antiCsrfToken',
    'iss',
    'st-ev',
    '__proto__',
  ])
  const key = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((k) => !PROTOCOL_KEYS.has(k))
  // null removes a key in mergeIntoAccessTokenPayload, so generate JSON without a top-level null.
  const value = fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== null)
  const payloadArb = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 })

  for (const mode of ['cookie', 'header'] as const) {
    it(`${mode} mode: mergeIntoAccessTokenPayload data comes back equal through the client`, async () => {
      const s = setup(server, { client: { tokenTransferMethod: mode } })
      server.use(
        http.post(
          `${s.api}/api/merge`,
          s.backend.protect(async ({ request, session }) => {
            session.mergeIntoAccessTokenPayload((await request.json()) as Record<string, unknown>)
            return HttpResponse.json({ ok: true })
          }),
        ),
      )
      expect((await s.client.emailPassword.signIn(ADA)).status).toBe('OK')
      await fc.assert(
        fc.asyncProperty(payloadArb, async (update) => {
          s.mark()
          const expected = JSON.parse(JSON.stringify(update)) as Record<string, unknown>
          const response = await s.client.doFetch(`${s.api}/api/merge`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(update),
          })
          expect(response.status).toBe(200)
          const payload = await s.client.session.getAccessTokenPayload()
          for (const [k, v] of Object.entries(expected)) expect(payload[k]).toEqual(v)
          expect(s.client.store.getState().accessTokenPayload).toEqual(payload)
          expect(s.eventTypes()).toEqual(['ACCESS_TOKEN_PAYLOAD_UPDATED'])
        }),
        { numRuns: 60 },
      )
    }, 60_000)
  }

  it('non-ASCII user data (sign-up fields, emails) never breaks the issued front token', async () => {
    const s = setup(server, { backend: { signUpFields: [{ id: 'name', optional: true }] } })
    let n = 0
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), async (name) => {
        s.cookies.cookies.clear()
        const email = `ü${++n}.名前@example.com`
        const result = await s.client.emailPassword.signUp({ email, password: 'pässwörd1', fields: { name } })
        expect(result.status).toBe('OK')
        expect(s.client.store.getState().status).toBe('signedIn')
        const front = s.cookies.cookies.get('sFrontToken')!
        expect(decodeFrontToken(front).uid).toBe((result as { user: { id: string } }).user.id)
      }),
      { numRuns: 40 },
    )
  }, 60_000)

  it('the interception rule decides by hostname for any URL, shortcut or not', () => {
    const config = { apiDomain: 'http://api.test:3001', sessionTokenBackendDomain: undefined }
    // The rule in docs/PROTOCOL.md §5.3, spelled out with the URL parser only.
    const byHostname = (url: string) => {
      try {
        return !url.includes('superTokensDoNotDoInterception') && new URL(url).hostname === 'api.test'
      } catch {
        return false
      }
    }
    const suffix = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('@evil.test/', '.evil.test/', '\\evil.test', ':80@evil.test', '/a?b#c', '', '?x', '#y', '%2f'),
    )
    fc.assert(
      fc.property(
        fc.constantFrom('http://api.test:3001', 'http://api.test', 'HTTP://API.TEST:3001'),
        suffix,
        (base, rest) => {
          const url = base + rest
          expect(isInterceptedUrl(url, config)).toBe(byHostname(url))
        },
      ),
      { numRuns: 2000 },
    )
  })
})
