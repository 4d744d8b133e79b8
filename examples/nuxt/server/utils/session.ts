import { getRequestHeader } from 'h3'
import type { H3Event } from 'h3'
import { createSessionVerifier } from 'authfront/server'
import type { SessionVerifier } from 'authfront/server'
import { apiBasePath } from '../../paths'
import type { SessionAnswer } from '../../paths'
import { appOrigin } from './config'

let verifier: SessionVerifier | undefined

/**
 * The request's session, verified against the backend's key set (`{appOrigin}/api/auth/jwt/jwks.json`). One
 * verifier per process, so the keys stay cached between requests (docs/SERVER.md). Rejects with an `AuthError` of
 * kind `network` when the keys cannot be fetched.
 */
export async function readSession(event: H3Event): Promise<SessionAnswer> {
  verifier ??= createSessionVerifier({ apiDomain: appOrigin(), apiBasePath })
  const session = await verifier.verifySession({
    cookie: getRequestHeader(event, 'cookie'),
    authorization: getRequestHeader(event, 'authorization'),
  })
  return session.status === 'OK' ? { status: 'OK', userId: session.userId } : { status: session.status }
}
