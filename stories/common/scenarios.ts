/**
 * The story scenarios, written once and rendered by the React, Vue and Angular Storybooks under the same names.
 * Each one prepares the mock backend (users, session, faults) in the browser before the story renders; the optional
 * `play` drives the screen with plain DOM events, so it runs the same in every framework.
 */
import { createAuthClient, multiFactor, multitenancy, passwordless, thirdParty, totp, webauthn } from 'authfront'
import type { AuthClient, FactorClients, RecipeClients } from 'authfront'
import {
  createMockBackend,
  startSignedIn,
  startSignedOut,
  startUnverified,
  startWithExpiredAccessToken,
} from 'authfront/mock'
import type { MockBackend } from 'authfront/mock'
import { startMockBackend } from 'authfront/mock/browser'
import type { MockBackendHandle } from 'authfront/mock/browser'
import { installPasskeys, switchDevice } from './passkeys'
import type { PasskeyScript } from './passkeys'

export const ADA = { email: 'ada@example.com', password: 'analytical-engine-1' }

/** What a story renders with: the client (give it to the provider) and the props of the component. */
export interface PreparedStory {
  client: StoryClient
  backend: MockBackend
  props: Record<string, unknown>
}

/** The client of a story; with `recipes`, it has the ThirdParty, Passwordless and Multitenancy plugins. */
export type StoryClient = AuthClient & Partial<RecipeClients> & Partial<FactorClients>

export interface Scenario {
  /**
   * The backend and the client offer Google, GitHub and email codes with magic links (or, with `MAGIC_LINK`, links
   * only), and a tenant `acme` limited to GitHub and email codes, as the examples do.
   */
  recipes?: true | 'MAGIC_LINK'
  /**
   * Passkeys: the client has the `webauthn()` plugin, the mock backend its WebAuthn, and the browser's passkey prompt
   * is the mock's software authenticator, behaving as scripted (stories/common/passkeys.ts).
   */
  passkeys?: PasskeyScript
  /** Storybook's display name, the same in every framework. */
  name: string
  /** Component props (flow options). A `navigate` that stays on the story is always added. */
  props?: Record<string, unknown>
  /** Sets up the backend (and the session) before the story renders; may return more props (e.g. a token). */
  prepare?: (
    backend: MockBackend,
    client: StoryClient,
  ) => Record<string, unknown> | void | Promise<Record<string, unknown> | void>
  /** Drives the rendered screen. */
  play?: (canvas: HTMLElement) => Promise<void>
  /**
   * Second factors: the client has the `multiFactor()` and `totp()` plugins, the mock backend requires `require` of
   * Ada (one of them), and Ada signs in with her password before the story renders, so the screens run on the real
   * plugins and the mock's MultiFactorAuth and TOTP. The mock's clock stands still and every TOTP device gets
   * `STORY_TOTP_SECRET`, so the QR code and the lock-out countdown look the same in every run.
   */
  mfa?: StoryMfa
}

export interface StoryMfa {
  /** Secondary factors the mock requires of Ada (one of them); `[]`: none. */
  require: string[]
  /** Ada already has a verified TOTP device, "Phone". */
  device?: boolean
  /** Ada is locked out of TOTP (five wrong codes). */
  locked?: boolean
}

const PASSKEY_DAY = Date.UTC(2026, 0, 2, 12)
const TEN_YEARS = 10 * 365 * 86_400_000

/** The key of every TOTP device in the stories (the QR code of the set-up screen encodes it). */
export const STORY_TOTP_SECRET = 'JBSWY3DPEHPK3PXP'

let handle: MockBackendHandle | undefined

/**
 * A fresh backend and client per story: the service worker is started once, then its handlers are swapped, and
 * the frontend session cookies of the previous story are cleared.
 */
export async function prepareStory(scenario: Scenario): Promise<PreparedStory> {
  const apiDomain = window.location.origin
  const { recipes } = scenario
  const { mfa } = scenario
  const frozenAt = Date.now()
  const backend = createMockBackend({
    apiDomain,
    emailVerification: 'required',
    users: [{ ...ADA, verified: true, fields: {} }],
    // The passkeys' dates are on screen: a fixed day, with tokens that outlive it, so cookies the browser keeps by its
    // own clock are not already expired.
    ...(scenario.passkeys && {
      webauthn: {},
      now: () => PASSKEY_DAY,
      accessTokenLifetimeMs: TEN_YEARS,
      refreshTokenLifetimeMs: TEN_YEARS,
    }),
    ...(mfa && {
      now: () => frozenAt,
      multiFactor: { usersRequiring: { [ADA.email]: mfa.require }, totp: { secret: STORY_TOTP_SECRET } },
    }),
    ...(recipes && {
      thirdParty: { providers: ['google', 'github'] },
      passwordless: {
        contactMethod: 'EMAIL',
        flowType: recipes === 'MAGIC_LINK' ? 'MAGIC_LINK' : 'USER_INPUT_CODE_AND_MAGIC_LINK',
      },
      tenants: { acme: { firstFactors: ['thirdparty', 'otp-email', 'link-email'], providers: ['github'] } },
    }),
  })
  // A login attempt of the previous story would show its code screen in this one.
  window.localStorage.removeItem('supertokens-passwordless-loginAttemptInfo')
  // The client keeps the clock skew it measured against the backend: the passkey stories' mock lives on a fixed day,
  // and that skew would make the next story's expired token look valid.
  window.localStorage.removeItem('__st_clockSkewInMillis')
  if (handle === undefined) {
    // Relative, so a Storybook published under a sub-path still finds the worker next to iframe.html.
    handle = await startMockBackend(backend, { serviceWorker: { url: './mockServiceWorker.js' } })
  } else {
    handle.worker.resetHandlers(...backend.handlers)
  }
  startSignedOut(backend, { fresh: true })
  const passkeyPrompt = await installPasskeys(scenario.passkeys)
  const client: StoryClient = createAuthClient({
    apiDomain,
    emailVerification: 'required',
    recipes: [
      ...(recipes
        ? [
            // A story never leaves its page: the provider redirect is logged instead.
            thirdParty({
              providers: ['google', 'github'],
              navigate: (url) => console.warn(`[story] navigate to ${url}`),
            }),
            passwordless({ contactMethod: 'EMAIL' }),
            multitenancy(),
          ]
        : []),
      ...(scenario.passkeys ? [webauthn({ autofill: true })] : []),
      ...(mfa ? [multiFactor(), totp()] : []),
    ],
  })
  if (mfa) {
    if (mfa.device) backend.totp.addDevice(ADA.email, { deviceName: 'Phone' })
    if (mfa.locked) backend.controls.totp.lockOut(ADA.email)
    const signedIn = await client.emailPassword.signIn(ADA)
    if (signedIn.status !== 'OK') throw new Error(`story: Ada's sign-in answered ${signedIn.status}`)
  }
  const extra = (await scenario.prepare?.(backend, client)) ?? {}
  // The prompts of the story's set-up go through; the story's own may be cancelled.
  passkeyPrompt?.setUpDone()
  return {
    client,
    backend,
    props: { navigate: (path: string) => console.warn(`[story] navigate to ${path}`), ...scenario.props, ...extra },
  }
}

// ---- plain-DOM interaction helpers ------------------------------------------------------------------------

const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0))

async function find<T extends Element>(canvas: HTMLElement, selector: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const element = canvas.querySelector<T>(selector)
    if (element) return element
    if (Date.now() > deadline) throw new Error(`story play: ${selector} did not appear`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Types into a field the way a user does: the native value setter, then an `input` event (every framework). */
async function fill(canvas: HTMLElement, fieldId: string, value: string): Promise<void> {
  const input = await find<HTMLInputElement>(canvas, `[name="${fieldId}"]`)
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value)
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await nextFrame()
}

async function submit(canvas: HTMLElement, form = 'form[data-af-form]'): Promise<void> {
  const element = await find<HTMLFormElement>(canvas, form)
  element.requestSubmit()
  await nextFrame()
}

async function click(canvas: HTMLElement, selector: string): Promise<void> {
  ;(await find<HTMLButtonElement>(canvas, selector)).click()
  await nextFrame()
}

/** Sends a code to a new address from the sign-in page's passwordless form. */
async function requestCode(canvas: HTMLElement): Promise<void> {
  await fill(canvas, 'contactEmail', 'grace@example.com')
  await submit(canvas, 'form[data-af-form="passwordless"]')
  await find(canvas, '[data-af-screen="code"], [data-af-screen="linkSent"]')
}

// ---- the scenarios -----------------------------------------------------------------------------------------

export const signInUp = {
  Default: { name: 'default' },
  SignUp: { name: 'sign-up', props: { initialScreen: 'signUp' } },
  FieldErrors: {
    name: 'field errors',
    props: { initialScreen: 'signUp' },
    async play(canvas) {
      await fill(canvas, 'email', 'not-an-email')
      await fill(canvas, 'password', 'short')
      await submit(canvas)
    },
  },
  WrongPassword: {
    name: 'wrong password',
    async play(canvas) {
      await fill(canvas, 'email', ADA.email)
      await fill(canvas, 'password', 'not-the-password-1')
      await submit(canvas)
    },
  },
  NetworkDown: {
    name: 'network down',
    prepare: (backend) => backend.controls.networkErrorNext({ times: 1000 }),
    async play(canvas) {
      await fill(canvas, 'email', ADA.email)
      await fill(canvas, 'password', ADA.password)
      await submit(canvas)
    },
  },
  Slow: {
    name: 'slow',
    // The sign-in request never answers: the busy state stays on screen.
    prepare: (backend) => backend.controls.hangNext({ match: '/signin', times: 1000 }),
    async play(canvas) {
      await fill(canvas, 'email', ADA.email)
      await fill(canvas, 'password', ADA.password)
      await submit(canvas)
    },
  },
} satisfies Record<string, Scenario>

/** The sign-in page with social login, passwordless and tenants (docs/RECIPES.md). */
export const loginMethods = {
  EveryMethod: { name: 'every method', recipes: true },
  TenantMethods: { name: 'tenant methods', recipes: true, props: { loginMethods: 'dynamic', tenantId: 'acme' } },
  ProviderError: {
    name: 'provider error',
    recipes: true,
    prepare: (backend) => backend.controls.failNext({ match: '/authorisationurl', times: 1000 }),
    play: (canvas) => click(canvas, '[data-af-provider="google"]'),
  },
  Code: { name: 'code', recipes: true, play: requestCode },
  WrongCode: {
    name: 'wrong code',
    recipes: true,
    async play(canvas) {
      await requestCode(canvas)
      // The mock's codes are random: this one is wrong but for a one-in-a-million chance.
      await fill(canvas, 'code', '000000')
      await submit(canvas)
    },
  },
  LinkSent: { name: 'link sent', recipes: 'MAGIC_LINK', play: requestCode },
} satisfies Record<string, Scenario>

/** The provider callback page (`/auth/callback/:provider`), given the URL the provider sent the browser to. */
export const thirdPartyCallback = {
  SigningIn: {
    name: 'signing in',
    recipes: true,
    async prepare(backend, client) {
      backend.controls.hangNext({ match: '/signinup', times: 1000 })
      return { url: await callbackUrl(client, 'code=from-the-provider') }
    },
  },
  Cancelled: {
    name: 'cancelled',
    recipes: true,
    prepare: async (_backend, client) => ({ url: await callbackUrl(client, 'error=access_denied') }),
  },
  InvalidState: {
    name: 'invalid state',
    recipes: true,
    props: { url: `${window.location.origin}/auth/callback/google?code=c&state=forged` },
  },
} satisfies Record<string, Scenario>

/** A started Google sign-in's callback URL with `query` (the state is the one the client stored). */
async function callbackUrl(client: StoryClient, query: string): Promise<string> {
  const started = await client.thirdParty!.getAuthorisationUrl('google')
  const state = started.status === 'OK' ? new URL(started.url).searchParams.get('state') : ''
  return `${window.location.origin}/auth/callback/google?${query}&state=${encodeURIComponent(state ?? '')}`
}

/** The magic-link landing page (`/auth/verify`). */
export const magicLink = {
  OtherDevice: {
    name: 'other device',
    recipes: true,
    props: { url: `${window.location.origin}/auth/verify?preAuthSessionId=abc&tenantId=public#link-code` },
  },
  InvalidLink: {
    name: 'invalid link',
    recipes: true,
    props: { url: `${window.location.origin}/auth/verify?preAuthSessionId=abc` },
  },
} satisfies Record<string, Scenario>

export const resetPassword = {
  Request: { name: 'request' },
  NewPassword: { name: 'new password', props: { token: 'token-from-the-email' } },
  InvalidToken: {
    name: 'invalid token',
    props: { token: 'expired-token' },
    async play(canvas) {
      await fill(canvas, 'password', 'new-password-1')
      await fill(canvas, 'confirmPassword', 'new-password-1')
      await submit(canvas)
    },
  },
} satisfies Record<string, Scenario>

export const emailVerification = {
  Send: {
    name: 'send',
    prepare: (backend) => void startUnverified(backend, { email: ADA.email }),
  },
  Verify: {
    name: 'verify',
    // The verify request never answers, so the "Verifying…" screen stays.
    prepare: (backend) => {
      startUnverified(backend, { email: ADA.email })
      backend.controls.hangNext({ match: '/user/email/verify', method: 'POST', times: 1000 })
      return { token: 'token-from-the-email' }
    },
  },
  Success: {
    name: 'success',
    async prepare(backend, client) {
      startUnverified(backend, { email: ADA.email })
      await client.emailVerification.sendEmail()
      const email = backend.outbox.latest({ to: ADA.email, type: 'verify-email' })
      return { token: email?.token }
    },
  },
} satisfies Record<string, Scenario>

export const sessionAuth = {
  Loading: {
    name: 'loading',
    // The access token expired and the refresh never answers: the guard waits, showing its fallback.
    prepare: (backend) => {
      startWithExpiredAccessToken(backend, { email: ADA.email })
      backend.controls.hangNext({ match: '/session/refresh', times: 1000 })
    },
  },
  SignedIn: { name: 'signed-in', prepare: (backend) => void startSignedIn(backend, { email: ADA.email }) },
  // A signed-out guard redirects on every render; a story's guard once outlived it (the Angular Storybook kept one app
  // for the stories of a file; stories/angular/story.ts now ends it), and its redirects tripped the loop breaker
  // inside the next story. The loop breaker has its own tests; these stories show the states.
  SignedOut: { name: 'signed-out', props: { maxRedirects: 1_000 } },
  ClaimFailure: {
    name: 'claim failure',
    props: { redirectToVerifyEmail: false, maxRedirects: 1_000 },
    prepare: (backend) => void startUnverified(backend, { email: ADA.email }),
  },
} satisfies Record<string, Scenario>

/** The second-factor pages through AuthPage (docs/RECIPES.md §4.6), and MfaSettings. */
export const mfa = {
  Chooser: {
    name: 'factor chooser',
    recipes: true,
    mfa: { require: ['totp', 'otp-email'] },
    props: { pathname: '/auth/mfa' },
  },
  TotpSetup: { name: 'TOTP set-up', mfa: { require: ['totp'] }, props: { pathname: '/auth/mfa/totp' } },
  TotpVerify: {
    name: 'TOTP verification',
    mfa: { require: ['totp'], device: true },
    props: { pathname: '/auth/mfa/totp' },
  },
  WrongCode: {
    name: 'wrong code',
    mfa: { require: ['totp'], device: true },
    props: { pathname: '/auth/mfa/totp' },
    async play(canvas) {
      await fill(canvas, 'totp', '000000')
      await submit(canvas)
    },
  },
  LockedOut: {
    name: 'locked out',
    mfa: { require: ['totp'], device: true, locked: true },
    props: { pathname: '/auth/mfa/totp' },
    async play(canvas) {
      await fill(canvas, 'totp', '123456')
      await submit(canvas)
    },
  },
  EmailCode: {
    name: 'email code as second factor',
    recipes: true,
    mfa: { require: ['otp-email'] },
    props: { pathname: '/auth/mfa/otp-email' },
  },
} satisfies Record<string, Scenario>

export const mfaSettings = {
  Devices: { name: 'devices', mfa: { require: [], device: true } },
  Add: {
    name: 'add an app',
    mfa: { require: [], device: true },
    play: (canvas) => click(canvas, '[data-af-action="add"]'),
  },
} satisfies Record<string, Scenario>

/** Texts the SessionAuth stories render in their slots, the same in every framework. */
export const sessionAuthTexts = {
  children: 'Protected content: you are signed in.',
  fallback: 'Checking your session…',
}

/** Passkeys (the `webauthn()` plugin): the sign-in page's button and sign-up steps, recovery, settings. */
/** A user who signed up with a passkey (on this device, the story's software authenticator). */
export const GRACE = { email: 'grace@example.com' }

/** Grace signs up with a passkey; she stays signed in. */
async function graceSignsUp(client: StoryClient): Promise<string> {
  const result = await client.webauthn!.signUp(GRACE)
  if (result.status !== 'OK') throw new Error(`story: Grace's passkey sign-up answered ${result.status}`)
  return result.user.id
}

/** Grace signs up with a passkey, signs out and asks for a recovery link: its token, as in the email. */
async function recoveryToken(backend: MockBackend, client: StoryClient): Promise<Record<string, unknown>> {
  await graceSignsUp(client)
  await client.session.signOut()
  // She lost that device: the recovery link makes a passkey on a new one.
  switchDevice()
  await client.webauthn!.sendRecoveryEmail(GRACE)
  const email = backend.outbox.latest({ to: GRACE.email, type: 'webauthn-recovery' })
  if (email === undefined || !('token' in email)) throw new Error('story: no recovery email')
  return { search: `?token=${encodeURIComponent(email.token)}` }
}

/** Grace, signed in, with a second passkey added from her account page. */
async function graceWithTwoPasskeys(_: MockBackend, client: StoryClient): Promise<void> {
  const recipeUserId = await graceSignsUp(client)
  switchDevice()
  const added = await client.webauthn!.registerCredential({ email: GRACE.email, recipeUserId })
  if (added.status !== 'OK') throw new Error(`story: adding a passkey answered ${added.status}`)
}

export const passkeys = {
  Button: { name: 'passkey button', passkeys: {} },
  Unsupported: { name: 'passkey unsupported browser', passkeys: { unsupported: true } },
  Refused: {
    name: 'passkey refused',
    passkeys: { unknownPasskey: true },
    play: (canvas) => click(canvas, '[data-af-provider="webauthn"]:not([disabled])'),
  },
  SignUpEmail: {
    name: 'passkey sign-up email',
    passkeys: {},
    props: { initialScreen: 'signUp' },
    play: (canvas) => click(canvas, '[data-af-provider="webauthn"]:not([disabled])'),
  },
  SignUpConfirm: {
    name: 'passkey sign-up confirm',
    passkeys: {},
    props: { initialScreen: 'signUp' },
    async play(canvas) {
      await click(canvas, '[data-af-provider="webauthn"]:not([disabled])')
      await fill(canvas, 'email', GRACE.email)
      await submit(canvas)
    },
  },
  SignUpTaken: {
    name: 'passkey sign-up email taken',
    passkeys: {},
    props: { initialScreen: 'signUp' },
    // Grace signed up with a passkey on another device.
    async prepare(_, client) {
      await graceSignsUp(client)
      await client.session.signOut()
      switchDevice()
    },
    async play(canvas) {
      await click(canvas, '[data-af-provider="webauthn"]:not([disabled])')
      await fill(canvas, 'email', GRACE.email)
      await submit(canvas)
      await find(canvas, '[data-af-screen="passkeyConfirm"]')
      await submit(canvas)
    },
  },
  RecoverySend: { name: 'recover account', passkeys: {}, props: { pathname: '/auth/webauthn/recover/send-email' } },
  RecoverySent: {
    name: 'recovery email sent',
    passkeys: {},
    props: { pathname: '/auth/webauthn/recover/send-email' },
    async play(canvas) {
      await fill(canvas, 'email', GRACE.email)
      await submit(canvas)
    },
  },
  RecoveryLink: {
    name: 'recovery link',
    passkeys: {},
    props: { pathname: '/auth/webauthn/recover' },
    prepare: recoveryToken,
  },
  RecoveryDone: {
    name: 'account recovered',
    passkeys: {},
    props: { pathname: '/auth/webauthn/recover' },
    prepare: recoveryToken,
    play: (canvas) => submit(canvas),
  },
  RecoveryInvalid: {
    name: 'recovery link used',
    passkeys: {},
    props: { pathname: '/auth/webauthn/recover' },
    // The link's token was used once already.
    async prepare(backend, client) {
      const link = await recoveryToken(backend, client)
      const token = new URLSearchParams(String(link['search'])).get('token')!
      const used = await client.webauthn!.recoverAccount({ token })
      switchDevice()
      if (used.status !== 'OK') throw new Error(`story: recovery answered ${used.status}`)
      return link
    },
    play: (canvas) => submit(canvas),
  },
  Settings: { name: 'passkey settings', passkeys: {}, props: { email: GRACE.email }, prepare: graceWithTwoPasskeys },
  SettingsConfirm: {
    name: 'passkey settings remove',
    passkeys: {},
    props: { email: GRACE.email },
    prepare: graceWithTwoPasskeys,
    play: (canvas) => click(canvas, '[data-af-action="remove"]'),
  },
  SettingsError: {
    name: 'passkey settings error',
    passkeys: { cancel: true },
    props: { email: GRACE.email },
    prepare: graceWithTwoPasskeys,
    play: (canvas) => click(canvas, '[data-af-action="add"]:not([disabled])'),
  },
} satisfies Record<string, Scenario>
