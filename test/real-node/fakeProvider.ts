/**
 * A small OpenID Connect provider on an ephemeral port, for supertokens-node's custom ThirdParty provider: an
 * authorisation endpoint that consents at once (redirecting back with `code` and the client's `state`), a token
 * endpoint that redeems a code once, checking the client, the redirect URI and the PKCE verifier, and answers with an
 * access token and an RS256 ID token (keys at `/jwks`), and a userinfo endpoint. Which account consents next is up to
 * the test (`nextAccount`).
 *
 * The ID token matters: node 24 maps `email_verified` from the ID token payload even when the app maps it from the
 * userinfo answer only (its default `fromIdTokenPayload` map is merged in and read last), so without an ID token every
 * provider email would be unverified.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ProviderAccount {
  sub: string
  /** Left out of the userinfo answer when undefined. */
  email?: string
  emailVerified?: boolean
}

export interface FakeProvider {
  url: string
  clientId: string
  clientSecret: string
  /** The account the next authorisation consents as. */
  nextAccount(account: ProviderAccount): void
  /** `METHOD /path status` of every call, in order. */
  calls: string[]
  close(): Promise<void>
}

interface Grant {
  account: ProviderAccount
  redirectUri: string
  codeChallenge?: string
}

export async function startFakeProvider(): Promise<FakeProvider> {
  const clientId = 'authfront-real-node'
  const clientSecret = randomBytes(16).toString('hex')
  const grants = new Map<string, Grant>()
  const accessTokens = new Map<string, ProviderAccount>()
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = randomBytes(8).toString('hex')
  const idToken = (account: ProviderAccount) => {
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: provider.url,
      aud: clientId,
      sub: account.sub,
      iat: now,
      exp: now + 3600,
      ...(account.email === undefined ? {} : { email: account.email, email_verified: account.emailVerified }),
    }
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url')
    const signed = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(claims)}`
    return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), keys.privateKey).toString('base64url')}`
  }
  let next: ProviderAccount = { sub: 'provider-user-1', email: 'ada@provider.test', emailVerified: true }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://provider')
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        provider.calls.push(`${req.method} ${url.pathname} ${status}`)
        res.writeHead(status, { 'content-type': 'application/json', ...headers })
        res.end(JSON.stringify(body))
      }
      if (req.method === 'GET' && url.pathname === '/authorize') {
        const q = url.searchParams
        const redirectUri = q.get('redirect_uri')
        if (q.get('client_id') !== clientId || q.get('response_type') !== 'code' || !redirectUri) {
          return reply(400, { error: 'invalid_request' })
        }
        if (q.has('code_challenge') && q.get('code_challenge_method') !== 'S256') {
          return reply(400, { error: 'invalid_request' })
        }
        const code = randomBytes(16).toString('hex')
        grants.set(code, { account: next, redirectUri, codeChallenge: q.get('code_challenge') ?? undefined })
        const back = new URL(redirectUri)
        back.searchParams.set('code', code)
        if (q.has('state')) back.searchParams.set('state', q.get('state')!)
        return reply(302, {}, { location: back.href })
      }
      if (req.method === 'POST' && url.pathname === '/token') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString())
        const code = form.get('code') ?? ''
        const grant = grants.get(code)
        // A code is single-use: whatever the outcome, it is spent.
        grants.delete(code)
        if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
          return reply(401, { error: 'invalid_client' })
        }
        if (form.get('grant_type') !== 'authorization_code' || !grant) return reply(400, { error: 'invalid_grant' })
        if (form.get('redirect_uri') !== grant.redirectUri) return reply(400, { error: 'invalid_grant' })
        const verifier = form.get('code_verifier')
        if (grant.codeChallenge !== undefined) {
          const challenge = verifier && createHash('sha256').update(verifier).digest('base64url')
          if (challenge !== grant.codeChallenge) return reply(400, { error: 'invalid_grant' })
        }
        const accessToken = randomBytes(16).toString('hex')
        accessTokens.set(accessToken, grant.account)
        return reply(200, {
          access_token: accessToken,
          token_type: 'Bearer',
          expires_in: 3600,
          id_token: idToken(grant.account),
        })
      }
      if (req.method === 'GET' && url.pathname === '/userinfo') {
        const account = accessTokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''))
        if (!account) return reply(401, { error: 'invalid_token' })
        return reply(200, {
          sub: account.sub,
          ...(account.email === undefined ? {} : { email: account.email, email_verified: account.emailVerified }),
        })
      }
      if (req.method === 'GET' && url.pathname === '/jwks') {
        return reply(200, { keys: [{ ...keys.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] })
      }
      return reply(404, { error: 'not_found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const provider: FakeProvider = {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    nextAccount: (account) => {
      next = account
    },
    calls: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return provider
}
