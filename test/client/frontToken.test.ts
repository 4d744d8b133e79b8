import fc from 'fast-check'
import { expect, test } from 'vitest'
import { AuthError, createAuthClient, createMemoryCookieJar, decodeFrontToken, encodeFrontToken } from 'authfront'

test('decodes a node-style front token (base64 of UTF-8 JSON), including non-ASCII payloads', () => {
  const token = { uid: 'ü-用户', ate: 1700000000000, up: { name: 'Zoë 🚀', sub: 'ü-用户', iat: 1 } }
  // Exactly what supertokens-node emits: Buffer.from(JSON.stringify(x)).toString('base64').
  const nodeStyle = Buffer.from(JSON.stringify(token)).toString('base64')
  expect(decodeFrontToken(nodeStyle)).toEqual(token)
  expect(encodeFrontToken(token)).toBe(nodeStyle)
})

test('round-trips any payload', () => {
  fc.assert(
    fc.property(fc.string(), fc.integer({ min: 0 }), fc.dictionary(fc.string(), fc.jsonValue()), (uid, ate, up) => {
      const decoded = decodeFrontToken(encodeFrontToken({ uid, ate, up }))
      expect(decoded).toEqual(JSON.parse(JSON.stringify({ uid, ate, up })))
    }),
    { numRuns: 200 },
  )
})

test.each([
  ['not base64', '%%%'],
  ['not JSON', btoa('hello')],
  ['invalid UTF-8', btoa(String.fromCharCode(0xff, 0xfe))],
  ['JSON null', btoa('null')],
  ['missing uid', btoa(JSON.stringify({ ate: 1, up: {} }))],
  ['ate not a number', btoa(JSON.stringify({ uid: 'u', ate: '1', up: {} }))],
  ['up not an object', btoa(JSON.stringify({ uid: 'u', ate: 1, up: [] }))],
])('a malformed token (%s) throws only AuthError kind protocol', (_, value) => {
  let caught: unknown
  try {
    decodeFrontToken(value)
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(AuthError)
  expect((caught as AuthError).kind).toBe('protocol')
})

test('reads a session written by the official SDK (same cookie names and encodings)', async () => {
  const up = { sub: 'u1', sessionHandle: 'h', iat: Math.floor(Date.now() / 1000) }
  const frontToken = Buffer.from(JSON.stringify({ uid: 'u1', ate: Date.now() + 3_600_000, up })).toString('base64')
  const cookies = createMemoryCookieJar({ sFrontToken: frontToken, 'st-last-access-token-update': String(Date.now()) })
  const client = createAuthClient({
    apiDomain: 'http://a.test',
    platform: { cookies, fetch: () => Promise.reject(new Error('no network')) },
  })
  expect(await client.session.exists()).toBe(true)
  expect(await client.session.getUserId()).toBe('u1')
  expect(await client.session.getAccessTokenPayload()).toEqual(up)
  expect(client.store.getState()).toMatchObject({ status: 'signedIn', userId: 'u1', accessTokenPayload: up })
})

test('an unreadable sFrontToken cookie counts as MAY_EXIST (a refresh rediscovers the session)', async () => {
  const cookies = createMemoryCookieJar({ sFrontToken: 'garbage!', 'st-last-access-token-update': '1' })
  const calls: string[] = []
  const client = createAuthClient({
    apiDomain: 'http://a.test',
    platform: {
      cookies,
      fetch: async (input) => {
        calls.push(String(input))
        return new Response('{"message":"unauthorised"}', { status: 401, headers: { 'front-token': 'remove' } })
      },
    },
  })
  expect(await client.session.exists()).toBe(false)
  expect(calls).toEqual(['http://a.test/auth/session/refresh'])
  expect(cookies.cookies.has('sFrontToken')).toBe(false)
})
