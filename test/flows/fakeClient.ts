import { vi } from 'vitest'
import { dynamicMethods, signInMethodsUi } from '../../src/flows/firstFactors'
import { addDefaultTexts } from '../../src/flows/messages'
import { passwordlessUi } from '../../src/flows/passwordlessPart'
import { enRecipes } from '../../src/flows/recipeMessages'
import { LOGIN_METHODS_UI, PASSWORDLESS_UI, SIGN_IN_METHODS_UI } from '../../src/flows/recipeUi'
import type { FlowClient } from '../../src/flows/types'
import { createStore } from 'zustand/vanilla'
import type { AuthClient, AuthEvent, GeneralError, ResolvedAuthConfig, SessionState } from '../../src/client/types'
import type {
  ConsumeCodeResult,
  ConsumeMagicLinkResult,
  ContactMethod,
  CreateCodeInput,
  CreateCodeResult,
  LoginAttempt,
  LoginMethods,
  MagicLink,
  ResendCodeResult,
  ThirdPartyCallbackResult,
} from '../../src/recipes/types'

/** A hand-driven stand-in for the client, for flow unit tests in Node (the binding tests use the real one). */
export function createFakeClient(config: Partial<ResolvedAuthConfig> = {}) {
  const store = createStore<SessionState>()(() => ({
    status: 'signedOut',
    userId: undefined,
    accessTokenPayload: undefined,
    invalidClaims: [],
    error: undefined,
  }))
  const listeners = new Set<{ type: string; fn: (event: AuthEvent) => void }>()
  const client = {
    config: {
      apiDomain: 'http://api.test',
      apiBasePath: '/auth',
      websiteDomain: undefined,
      websiteBasePath: '/auth',
      tokenTransferMethod: 'cookie',
      sessionTokenBackendDomain: undefined,
      maxRetryAttemptsForSessionRefresh: 10,
      sessionExpiredStatusCode: 401,
      invalidClaimStatusCode: 403,
      emailVerification: 'off',
      interceptGlobalFetch: false,
      ...config,
    },
    store,
    mount: () => () => {},
    doFetch: vi.fn(),
    on: (type: string, fn: (event: AuthEvent) => void) => {
      const entry = { type, fn }
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    emailPassword: {
      signUp: vi.fn(),
      signIn: vi.fn(),
      emailExists: vi.fn(async () => false),
      sendPasswordResetEmail: vi.fn(),
      resetPassword: vi.fn(),
    },
    emailVerification: { isVerified: vi.fn(), sendEmail: vi.fn(), verify: vi.fn() },
    session: {
      exists: vi.fn(),
      getUserId: vi.fn(),
      getAccessTokenPayload: vi.fn(),
      getAccessToken: vi.fn(),
      refresh: vi.fn(),
      signOut: vi.fn(),
      validateClaims: vi.fn(async () => []),
      // As the real client: the st-ev validator exists when email verification is on.
      getClaimValidators: vi.fn(() =>
        client.config.emailVerification === 'off' ? [] : [{ id: 'st-ev', validate: () => ({ isValid: true }) }],
      ),
    },
  }
  return {
    client: client as unknown as AuthClient & typeof client,
    emit: (event: AuthEvent) => {
      for (const entry of [...listeners]) if (entry.type === event.type || entry.type === '*') entry.fn(event)
    },
    listenerCount: () => listeners.size,
  }
}

/** A promise with its resolve function, to control when a fake call answers. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

/** A login attempt as `passwordless().createCode` stores it. */
export function fakeAttempt(patch: Partial<LoginAttempt> = {}): LoginAttempt {
  return {
    version: 1,
    tenantId: undefined,
    deviceId: 'D',
    preAuthSessionId: 'P',
    flowType: 'USER_INPUT_CODE',
    shouldTryLinkingWithSessionUser: false,
    lastResend: 0,
    contactMethod: 'EMAIL',
    contactInfo: 'ada@example.com',
    redirectToPath: undefined,
    ...patch,
  }
}

/**
 * The fake client with hand-driven recipe plugins: `thirdParty` (google, github), `passwordless` (with an in-memory
 * attempt, as the real one keeps it in storage) and, with `loginMethods`, `getLoginMethods`.
 */
export function createFakeRecipeClient(
  options: { contactMethod?: ContactMethod; thirdParty?: boolean; passwordless?: boolean; loginMethods?: boolean } = {},
  config: Partial<ResolvedAuthConfig> = {},
) {
  const fake = createFakeClient(config)
  let stored: LoginAttempt | undefined
  const thirdParty = {
    providers: [
      { id: 'google', name: 'Google', mark: 'M0 0h24v24H0z' },
      { id: 'github', name: 'GitHub' },
    ],
    getAuthorisationUrl: vi.fn(),
    redirectToProvider: vi.fn(async (): Promise<{ status: 'OK' } | GeneralError> => ({ status: 'OK' })),
    handleCallback: vi.fn(async (): Promise<ThirdPartyCallbackResult> => ({ status: 'STATE_MISSING' })),
  }
  const passwordless = {
    contactMethod: options.contactMethod ?? 'EMAIL',
    createCode: vi.fn(async (input: CreateCodeInput): Promise<CreateCodeResult> => {
      stored = fakeAttempt({
        lastResend: Date.now(),
        contactMethod: 'email' in input ? 'EMAIL' : 'PHONE',
        contactInfo: 'email' in input ? input.email : input.phoneNumber,
        tenantId: input.tenantId,
        redirectToPath: input.redirectToPath,
      })
      return { status: 'OK', attempt: stored }
    }),
    resendCode: vi.fn(async (): Promise<ResendCodeResult> => {
      if (!stored) return { status: 'RESTART_FLOW_ERROR' }
      stored = { ...stored, lastResend: Date.now() }
      return { status: 'OK', attempt: stored }
    }),
    consumeCode: vi.fn(async (): Promise<ConsumeCodeResult> => ({ status: 'RESTART_FLOW_ERROR' })),
    readMagicLink: vi.fn((): MagicLink | undefined => undefined),
    consumeMagicLink: vi.fn(async (): Promise<ConsumeMagicLinkResult> => ({ status: 'INVALID_LINK' })),
    getLoginAttempt: vi.fn(() => stored),
    clearLoginAttempt: vi.fn(() => void (stored = undefined)),
  }
  const getLoginMethods = vi.fn(async (): Promise<LoginMethods | GeneralError> => ({
    status: 'OK',
    firstFactors: ['emailpassword'],
    providers: [],
  }))
  // What the public plugins add for the screens (src/plugins.ts).
  addDefaultTexts(enRecipes)
  const client = Object.assign(fake.client, {
    [SIGN_IN_METHODS_UI]: signInMethodsUi,
    ...(options.thirdParty !== false && { thirdParty }),
    ...(options.passwordless !== false && { passwordless, [PASSWORDLESS_UI]: passwordlessUi }),
    ...(options.loginMethods && { getLoginMethods, [LOGIN_METHODS_UI]: dynamicMethods }),
  })
  return {
    ...fake,
    client: client as FlowClient,
    thirdParty,
    passwordless,
    getLoginMethods,
    setAttempt: (attempt: LoginAttempt | undefined) => void (stored = attempt),
  }
}
