/**
 * The story scenarios, written once and rendered by the React, Vue and Angular Storybooks under the same names.
 * Each one prepares the mock backend (users, session, faults) in the browser before the story renders; the optional
 * `play` drives the screen with plain DOM events, so it runs the same in every framework.
 */
import { createAuthClient } from 'authfront'
import type { AuthClient } from 'authfront'
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

export const ADA = { email: 'ada@example.com', password: 'analytical-engine-1' }

/** What a story renders with: the client (give it to the provider) and the props of the component. */
export interface PreparedStory {
  client: AuthClient
  backend: MockBackend
  props: Record<string, unknown>
}

export interface Scenario {
  /** Storybook's display name, the same in every framework. */
  name: string
  /** Component props (flow options). A `navigate` that stays on the story is always added. */
  props?: Record<string, unknown>
  /** Sets up the backend (and the session) before the story renders; may return more props (e.g. a token). */
  prepare?: (
    backend: MockBackend,
    client: AuthClient,
  ) => Record<string, unknown> | void | Promise<Record<string, unknown> | void>
  /** Drives the rendered screen. */
  play?: (canvas: HTMLElement) => Promise<void>
}

let handle: MockBackendHandle | undefined

/**
 * A fresh backend and client per story: the service worker is started once, then its handlers are swapped, and
 * the frontend session cookies of the previous story are cleared.
 */
export async function prepareStory(scenario: Scenario): Promise<PreparedStory> {
  const apiDomain = window.location.origin
  const backend = createMockBackend({
    apiDomain,
    emailVerification: 'required',
    users: [{ ...ADA, verified: true, fields: {} }],
  })
  if (handle === undefined) {
    // Relative, so a Storybook published under a sub-path still finds the worker next to iframe.html.
    handle = await startMockBackend(backend, { serviceWorker: { url: './mockServiceWorker.js' } })
  } else {
    handle.worker.resetHandlers(...backend.handlers)
  }
  startSignedOut(backend, { fresh: true })
  const client = createAuthClient({ apiDomain, emailVerification: 'required' })
  const extra = (await scenario.prepare?.(backend, client)) ?? {}
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

async function submit(canvas: HTMLElement): Promise<void> {
  const form = await find<HTMLFormElement>(canvas, 'form[data-af-form]')
  form.requestSubmit()
  await nextFrame()
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

/** Texts the SessionAuth stories render in their slots, the same in every framework. */
export const sessionAuthTexts = {
  children: 'Protected content: you are signed in.',
  fallback: 'Checking your session…',
}
