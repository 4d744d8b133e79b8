import { Component, EnvironmentInjector, PLATFORM_ID, createEnvironmentInjector } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import type { AuthClient } from 'authfront'
import { injectAuthClient, injectSession, provideAuth } from 'authfront/angular'
import { createMockBackend } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const API = 'http://api.session.test'
const ADA = { email: 'ada@example.com', password: 'password1' }
const backend = createMockBackend({ apiDomain: API, users: [ADA] })
const server = setupMockServer(backend)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => backend.reset())
afterAll(() => server.close())

const newClient = () =>
  createAuthClient({
    apiDomain: API,
    platform: {
      cookies: createMemoryCookieJar(),
      storage: createMemoryStorage(),
      lock: createMemoryLock(),
      broadcast: () => undefined,
    },
  })

/** Counts live subscriptions to the client's store. */
function trackSubscriptions(client: AuthClient): () => number {
  let live = 0
  const subscribe = client.store.subscribe
  client.store.subscribe = (listener) => {
    live++
    const unsubscribe = subscribe(listener)
    let done = false
    return () => {
      if (!done) live--
      done = true
      unsubscribe()
    }
  }
  return () => live
}

@Component({
  selector: 'test-session-badge',
  template: `<p>{{ status() }}:{{ userId() ?? 'nobody' }}</p>`,
})
class SessionBadge {
  readonly status = injectSession((state) => state.status)
  readonly userId = injectSession((state) => state.userId)
}

describe('injectSession', () => {
  it('follows the real session through sign-in and sign-out', async () => {
    const client = newClient()
    TestBed.configureTestingModule({ providers: [provideAuth(client)] })
    const fixture = TestBed.createComponent(SessionBadge)
    await fixture.whenStable()
    await vi.waitFor(() => expect(fixture.nativeElement.textContent).toBe('signedOut:nobody'))

    const result = await client.emailPassword.signIn(ADA)
    if (result.status !== 'OK') throw new Error(result.status)
    await fixture.whenStable()
    expect(fixture.nativeElement.textContent).toBe(`signedIn:${result.user.id}`)

    await client.session.signOut()
    await fixture.whenStable()
    expect(fixture.nativeElement.textContent).toBe('signedOut:nobody')
  })

  it('releases its store subscriptions when the component is destroyed', async () => {
    const client = newClient()
    const live = trackSubscriptions(client)
    TestBed.configureTestingModule({ providers: [provideAuth(client)] })
    const fixture = TestBed.createComponent(SessionBadge)
    await fixture.whenStable()
    expect(live()).toBe(2)
    fixture.destroy()
    expect(live()).toBe(0)
  })

  it('returns the whole state without a selector, read-only', () => {
    const client = newClient()
    TestBed.configureTestingModule({ providers: [provideAuth(client)] })
    const state = TestBed.runInInjectionContext(() => injectSession())
    expect(state().status).toBe('loading')
    expect('set' in state).toBe(false)
  })

  it('throws a helpful error without provideAuth', () => {
    expect(() => TestBed.runInInjectionContext(() => injectAuthClient())).toThrow(/provideAuth/)
  })
})

describe('provideAuth', () => {
  it('mounts the client in the browser and unmounts it with the environment', async () => {
    const client = newClient()
    const unmount = vi.fn()
    const mount = vi.spyOn(client, 'mount').mockImplementation(() => unmount)
    const injector = createEnvironmentInjector([provideAuth(client)], TestBed.inject(EnvironmentInjector))
    expect(mount).toHaveBeenCalledTimes(1)
    expect(injectAuthClient({ injector })).toBe(client)
    injector.destroy()
    expect(unmount).toHaveBeenCalledTimes(1)
  })

  it('settles the session status once mounted', async () => {
    const client = newClient()
    TestBed.configureTestingModule({ providers: [provideAuth(client)] })
    TestBed.inject(EnvironmentInjector)
    await vi.waitFor(() => expect(client.store.getState().status).toBe('signedOut'))
  })

  it('does not mount on the server', () => {
    const client = newClient()
    const mount = vi.spyOn(client, 'mount')
    TestBed.configureTestingModule({ providers: [provideAuth(client), { provide: PLATFORM_ID, useValue: 'server' }] })
    expect(TestBed.inject(EnvironmentInjector)).toBeTruthy()
    expect(mount).not.toHaveBeenCalled()
    expect(client.store.getState().status).toBe('loading')
  })
})
