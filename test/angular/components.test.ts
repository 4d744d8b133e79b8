/**
 * What the Angular components add beyond the shared contract suites: Angular idioms (outputs, template inputs),
 * teardown, and text nodes free of template whitespace. Navigation is in navigation.test.ts.
 */
import { Component, signal } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { waitFor, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import type { AuthClient, EmailVerificationMode } from 'authfront'
import { AfAuthPage, AfSessionAuth, provideAuth } from 'authfront/angular'
import { createMockBackend } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'
import { renderAngular, useAngularCleanup } from './render'

const ADA = { email: 'ada@example.com', password: 'password1' }
const backend = createMockBackend({
  apiDomain: 'http://api.components.test',
  users: [ADA],
  emailVerification: 'required',
})
const server = setupMockServer(backend)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => backend.reset())
afterAll(() => server.close())
useAngularCleanup()

const newClient = (emailVerification: EmailVerificationMode = 'off') =>
  createAuthClient({
    apiDomain: backend.options.apiDomain,
    emailVerification,
    platform: {
      cookies: createMemoryCookieJar(),
      storage: createMemoryStorage(),
      lock: createMemoryLock(),
      broadcast: () => undefined,
    },
  })

const memoryStorage = () => {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

/** Counts live subscriptions to the client's store and events. */
function liveSubscriptions(client: AuthClient): () => number {
  let live = 0
  const counted =
    <TArgs extends unknown[]>(subscribe: (...args: TArgs) => () => void) =>
    (...args: TArgs) => {
      live++
      const unsubscribe = subscribe(...args)
      let done = false
      return () => {
        if (!done) live--
        done = true
        unsubscribe()
      }
    }
  client.store.subscribe = counted(client.store.subscribe)
  Object.assign(client, { on: counted(client.on as (...args: unknown[]) => () => void) })
  return () => live
}

describe('Angular components', () => {
  it('renders text nodes without template whitespace, like the other bindings', async () => {
    const client = newClient()
    const { container } = await renderAngular({
      component: 'SignInUp',
      client,
      props: {
        navigate: vi.fn(),
        initialScreen: 'signUp',
        signUpFields: [{ id: 'newsletter', label: 'Send me news', type: 'checkbox', optional: true }],
      },
    })
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT)
    const texts: string[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '')
    expect(texts.length).toBeGreaterThan(5)
    expect(texts.filter((text) => text !== text.trim() || text === '')).toEqual([])
    expect(container.querySelector('label[for$="-newsletter"]')?.textContent).toBe('Send me news(optional)')
  })

  it('keeps each field and action element while the state changes, and follows the flow when its list changes', async () => {
    const client = newClient()
    const { container } = await renderAngular({
      component: 'SignInUp',
      client,
      props: { navigate: vi.fn(), signUpFields: [{ id: 'name', label: 'Name' }] },
    })
    const view = within(container)
    const user = userEvent.setup()
    await waitFor(() => expect(client.store.getState().status).toBe('signedOut'))
    const email = view.getByLabelText('Email')
    const password = view.getByLabelText('Password')
    // Every keystroke is a new state with new field objects: the input stays the same node, focused.
    await user.type(email, 'ada@')
    expect(view.getByLabelText('Email')).toBe(email)
    expect(document.activeElement).toBe(email)
    const fieldIds = () =>
      [...container.querySelectorAll('[data-af-field]')].map((f) => f.getAttribute('data-af-field'))
    expect(fieldIds()).toEqual(['email', 'password'])
    await user.click(container.querySelector('[data-af-action="toSignUp"]')!)
    await waitFor(() => expect(fieldIds()).toEqual(['email', 'password', 'name']))
    expect(view.getByLabelText('Email')).toBe(email)
    expect(view.getByLabelText('Password')).toBe(password)
    expect((email as HTMLInputElement).value).toBe('ada@')
    expect(container.querySelectorAll('[data-af-action="toSignUp"]')).toHaveLength(0)
    await user.click(container.querySelector('[data-af-action="toSignIn"]')!)
    await waitFor(() => expect(fieldIds()).toEqual(['email', 'password']))
    expect(view.getByLabelText('Email')).toBe(email)
    expect(container.querySelectorAll('[data-af-action="toSignIn"]')).toHaveLength(0)
  })

  it('emits success after signing in', async () => {
    const client = newClient()
    const success = vi.fn()
    const navigate = vi.fn()
    const rendered = await renderAngular({ component: 'SignInUp', client, props: { navigate, onSuccess: success } })
    const view = within(rendered.container)
    const user = userEvent.setup()
    await waitFor(() => expect(client.store.getState().status).toBe('signedOut'))
    await user.type(view.getByLabelText('Email'), ADA.email)
    await user.type(view.getByLabelText('Password'), `${ADA.password}{Enter}`)
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('/'))
    expect(success).toHaveBeenCalledWith({ action: 'signIn', redirectTo: '/' })
  })

  it('releases its store and event subscriptions when destroyed', async () => {
    const client = newClient()
    expect((await client.emailPassword.signIn(ADA)).status).toBe('OK')
    const live = liveSubscriptions(client)
    const rendered = await renderAngular({
      component: 'SessionAuth',
      client,
      props: { navigate: vi.fn(), storage: memoryStorage() },
      slots: { children: 'Secret page' },
    })
    await within(rendered.container).findByText('Secret page')
    expect(live()).toBeGreaterThan(1)
    await rendered.unmount()
    expect(live()).toBe(0)
  })

  it('<af-auth-page> swaps screens when its path changes, destroying the previous flow', async () => {
    const timers = {
      now: () => Date.now(),
      setTimeout: vi.fn((callback: () => void, ms: number) => setTimeout(callback, ms)),
      clearTimeout: vi.fn((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>)),
    }
    @Component({
      imports: [AfAuthPage],
      template: `<af-auth-page [pathname]="path()" [navigate]="navigate" [timers]="timers" />`,
    })
    class Host {
      readonly path = signal('/auth/verify-email')
      readonly navigate = vi.fn()
      readonly timers = timers
    }
    const client = newClient('required')
    expect((await client.emailPassword.signIn(ADA)).status).toBe('OK')
    TestBed.configureTestingModule({ providers: [provideAuth(client)] })
    const fixture = TestBed.createComponent(Host)
    const view = within(fixture.nativeElement as HTMLElement)
    await fixture.whenStable()
    // The resend cooldown of the verification email runs on the flow's timers.
    await view.findByRole('button', { name: /Resend email in/ })
    expect(timers.clearTimeout).not.toHaveBeenCalled()
    fixture.componentInstance.path.set('/auth/reset-password')
    await fixture.whenStable()
    expect(view.getByRole('heading', { name: 'Reset your password' })).toBeTruthy()
    expect(view.queryByRole('heading', { name: 'Verify your email' })).toBeNull()
    expect(timers.clearTimeout).toHaveBeenCalled()
  })

  it('renders the fallback and accessDenied template inputs with the guard state', async () => {
    @Component({
      selector: 'test-guarded',
      imports: [AfSessionAuth],
      template: `
        <ng-template #wait let-g
          ><p>Wait ({{ g.status }})</p></ng-template
        >
        <ng-template #denied let-g
          ><p>Denied: {{ g.invalidClaims[0]?.id }}</p></ng-template
        >
        <af-session-auth
          [fallback]="wait"
          [accessDenied]="denied"
          [navigate]="navigate"
          [storage]="storage"
          [redirectToVerifyEmail]="false"
        >
          <p>Secret</p>
        </af-session-auth>
      `,
    })
    class Guarded {
      readonly navigate = vi.fn()
      readonly storage = memoryStorage()
      readonly unused = signal(0)
    }

    const signedOut = newClient('required')
    TestBed.configureTestingModule({ providers: [provideAuth(signedOut)] })
    const fixture = TestBed.createComponent(Guarded)
    await fixture.whenStable()
    await vi.waitFor(() => expect(fixture.componentInstance.navigate).toHaveBeenCalled())
    await fixture.whenStable()
    expect(fixture.nativeElement.textContent.trim()).toBe('Wait (redirecting)')
    fixture.destroy()
    TestBed.resetTestingModule()

    const unverified = newClient('required')
    expect((await unverified.emailPassword.signIn(ADA)).status).toBe('OK')
    TestBed.configureTestingModule({ providers: [provideAuth(unverified)] })
    const denied = TestBed.createComponent(Guarded)
    await vi.waitFor(async () => {
      await denied.whenStable()
      expect(denied.nativeElement.textContent.trim()).toBe('Denied: st-ev')
    })
    expect(denied.componentInstance.navigate).not.toHaveBeenCalled()
  })
})
