/**
 * A real supertokens-node backend (express framework, as its docs set it up) on an ephemeral port, pointed at the
 * stand-in core. supertokens-node keeps one global instance per process; Vitest runs each test file in its own
 * worker, so one app per file.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import supertokens from 'supertokens-node'
import { errorHandler, middleware } from 'supertokens-node/framework/express'
import EmailPassword from 'supertokens-node/recipe/emailpassword'
import EmailVerification, { EmailVerificationClaim } from 'supertokens-node/recipe/emailverification'
import MultiFactorAuth from 'supertokens-node/recipe/multifactorauth'
import Passwordless from 'supertokens-node/recipe/passwordless'
import Session from 'supertokens-node/recipe/session'
import ThirdParty from 'supertokens-node/recipe/thirdparty'
import Totp from 'supertokens-node/recipe/totp'
import WebAuthn from 'supertokens-node/recipe/webauthn'
import { verifySession } from 'supertokens-node/recipe/session/framework/express'
import type { SessionRequest } from 'supertokens-node/framework/express'

export interface SentMessage {
  type: 'EMAIL_VERIFICATION' | 'PASSWORD_RESET' | 'PASSWORDLESS_LOGIN' | 'RECOVER_ACCOUNT'
  /** An email address, or a phone number for a text message. */
  to: string
  /**
   * The link node put in the message (built from `websiteDomain` and `websiteBasePath`); none in a passwordless
   * message when the tenant allows codes only.
   */
  link?: URL
  /** The one-time code of a passwordless message. */
  code?: string
}

export interface NodeApp {
  /** `http://localhost:<port>`: the `apiDomain` of node's appInfo and of the client. */
  url: string
  /** The website origin node was told about (the client's `platform.origin`). */
  websiteDomain: string
  /** Emails and text messages node would have sent, newest last. */
  outbox: SentMessage[]
  /** Revokes every session of a user, as a backend admin action would. */
  revokeAllSessions(userId: string): Promise<void>
  close(): Promise<void>
}

export interface NodeAppOptions {
  connectionURI: string
  /** Node's `Session.init({ antiCsrf })`. Defaults to node's own choice (`NONE` when API and website are same-site). */
  antiCsrf?: 'VIA_TOKEN' | 'NONE'
  /** Serves whatever the API does not (a page and its scripts, for a browser on the same origin). Defaults to none. */
  serve?: express.RequestHandler
  /**
   * Adds MultiFactorAuth and Totp as node's docs show for "TOTP for every user": email and password is the only
   * first factor, and `getMFARequirementsForAuth` asks everyone for `totp`. Defaults to off.
   */
  mfa?: boolean
  /**
   * Adds WebAuthn as node's docs set it up for passkeys on the website's domain: relying party `localhost`, origin the
   * website, the recovery email kept in the outbox. Defaults to off.
   */
  webauthn?: boolean
  /** The OAuth provider behind ThirdParty's custom provider `acme` (see fakeProvider.ts). */
  provider: { url: string; clientId: string; clientSecret: string }
}

const passwordlessMessage = (to: string, input: { userInputCode?: string; urlWithLinkCode?: string }): SentMessage => ({
  type: 'PASSWORDLESS_LOGIN',
  to,
  link: input.urlWithLinkCode === undefined ? undefined : new URL(input.urlWithLinkCode),
  code: input.userInputCode,
})

export async function startNodeApp(options: NodeAppOptions): Promise<NodeApp> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  // localhost for both: same site, so node picks SameSite=Lax cookies over plain http.
  const url = `http://localhost:${port}`
  const websiteDomain = 'http://localhost:3000'
  const outbox: SentMessage[] = []

  supertokens.init({
    framework: 'express',
    supertokens: { connectionURI: options.connectionURI },
    appInfo: { appName: 'authfront real-node', apiDomain: url, websiteDomain, apiBasePath: '/auth' },
    telemetry: false,
    recipeList: [
      EmailPassword.init({
        emailDelivery: {
          override: (original) => ({
            ...original,
            sendEmail: async (input) => {
              outbox.push({ type: input.type, to: input.user.email, link: new URL(input.passwordResetLink) })
            },
          }),
        },
      }),
      // A custom OpenID Connect provider, configured as node's docs show for one that is not built in. With a client
      // secret node would skip PKCE; `forcePKCE` makes it send a challenge too, so the frontend must keep the verifier.
      ThirdParty.init({
        signInAndUpFeature: {
          providers: [
            {
              config: {
                thirdPartyId: 'acme',
                name: 'Acme',
                authorizationEndpoint: `${options.provider.url}/authorize`,
                tokenEndpoint: `${options.provider.url}/token`,
                userInfoEndpoint: `${options.provider.url}/userinfo`,
                jwksURI: `${options.provider.url}/jwks`,
                userInfoMap: {
                  fromIdTokenPayload: { userId: 'sub', email: 'email', emailVerified: 'email_verified' },
                  fromUserInfoAPI: { userId: 'sub', email: 'email', emailVerified: 'email_verified' },
                },
                clients: [
                  {
                    clientId: options.provider.clientId,
                    clientSecret: options.provider.clientSecret,
                    scope: ['openid', 'email'],
                    forcePKCE: true,
                  },
                ],
              },
            },
          ],
        },
      }),
      Passwordless.init({
        contactMethod: 'EMAIL_OR_PHONE',
        flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK',
        emailDelivery: {
          override: (original) => ({
            ...original,
            sendEmail: async (input) => {
              outbox.push(passwordlessMessage(input.email, input))
            },
          }),
        },
        smsDelivery: {
          override: (original) => ({
            ...original,
            sendSms: async (input) => {
              outbox.push(passwordlessMessage(input.phoneNumber, input))
            },
          }),
        },
      }),
      EmailVerification.init({
        mode: 'OPTIONAL',
        emailDelivery: {
          override: (original) => ({
            ...original,
            sendEmail: async (input) => {
              outbox.push({ type: input.type, to: input.user.email, link: new URL(input.emailVerifyLink) })
            },
          }),
        },
      }),
      Session.init(options.antiCsrf ? { antiCsrf: options.antiCsrf } : {}),
      ...(options.mfa
        ? [
            MultiFactorAuth.init({
              firstFactors: [MultiFactorAuth.FactorIds.EMAILPASSWORD],
              override: {
                functions: (original) => ({
                  ...original,
                  getMFARequirementsForAuth: async () => [MultiFactorAuth.FactorIds.TOTP],
                }),
              },
            }),
            Totp.init({ issuer: 'authfront real-node' }),
          ]
        : []),
      ...(options.webauthn
        ? [
            WebAuthn.init({
              getRelyingPartyId: new URL(websiteDomain).hostname,
              getRelyingPartyName: 'authfront real-node',
              getOrigin: async () => websiteDomain,
              emailDelivery: {
                override: (original) => ({
                  ...original,
                  sendEmail: async (input) => {
                    outbox.push({ type: input.type, to: input.user.email, link: new URL(input.recoverAccountLink) })
                  },
                }),
              },
            }),
          ]
        : []),
    ],
  })

  const app = express()
  app.use(middleware())
  app.get('/api/me', verifySession(), (req: SessionRequest, res) => {
    res.json({ userId: req.session!.getUserId() })
  })
  // Not a GET, so node checks anti-CSRF here when it is configured to.
  app.post('/api/orders', verifySession(), (req: SessionRequest, res) => {
    res.json({ userId: req.session!.getUserId(), ordered: true })
  })
  // Checks the core on every call, so a session revoked on the server fails at once.
  app.get('/api/strict', verifySession({ checkDatabase: true }), (req: SessionRequest, res) => {
    res.json({ userId: req.session!.getUserId() })
  })
  app.get(
    '/api/verified-only',
    verifySession({
      overrideGlobalClaimValidators: (validators) => [...validators, EmailVerificationClaim.validators.isVerified()],
    }),
    (req: SessionRequest, res) => {
      res.json({ userId: req.session!.getUserId() })
    },
  )
  if (options.serve) app.use(options.serve)
  app.use(errorHandler())
  // Anything else is a bug in this fixture or the stand-in core: say so instead of express's bare 500.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error('real-node app:', error)
    res.status(500).json({ message: String(error) })
  })
  server.on('request', app)

  return {
    url,
    websiteDomain,
    outbox,
    revokeAllSessions: async (userId) => {
      await Session.revokeAllSessionsForUser(userId)
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
