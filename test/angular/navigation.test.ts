/**
 * How the Angular components navigate: full page loads unless the app provides `AUTH_NAVIGATION`, in-app through
 * the Router with `withRouterNavigation()`, and an import graph that keeps the Router (and HttpClient) out of apps
 * that only render the components.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Component, input } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { Router, provideRouter } from '@angular/router'
import { RouterTestingHarness } from '@angular/router/testing'
import { within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import {
  AUTH_NAVIGATION,
  AfAuthPage,
  AfSessionAuth,
  AfSignInUp,
  provideAuth,
  withRouterNavigation,
} from 'authfront/angular'
import type { AuthNavigation } from 'authfront/angular'
import { createMockBackend } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const ADA = { email: 'ada@example.com', password: 'password1' }
const backend = createMockBackend({ apiDomain: 'http://api.navigation.test', users: [ADA] })
const server = setupMockServer(backend)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => backend.reset())
afterAll(() => server.close())

const newClient = () =>
  createAuthClient({
    apiDomain: backend.options.apiDomain,
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

@Component({ selector: 'test-home', template: '<p>home</p>' })
class Home {}

@Component({
  selector: 'test-guarded',
  imports: [AfSessionAuth],
  template: `<af-session-auth [storage]="storage" [navigate]="navigate()"><p>Secret</p></af-session-auth>`,
})
class Guarded {
  readonly navigate = input<(path: string) => void>()
  readonly storage = memoryStorage()
}

describe('withRouterNavigation', () => {
  it('signs in and goes to the redirect target in-app, through the Router', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideAuth(newClient(), withRouterNavigation()),
        provideRouter([
          { path: 'auth', component: AfSignInUp },
          { path: '', component: Home },
        ]),
      ],
    })
    // Without the Router the flow would fall back to location.assign, which jsdom does not implement.
    const harness = await RouterTestingHarness.create()
    await harness.navigateByUrl('/auth')
    const view = within(harness.routeNativeElement as HTMLElement)
    const user = userEvent.setup()
    await user.type(view.getByLabelText('Email'), ADA.email)
    await user.type(view.getByLabelText('Password'), `${ADA.password}{Enter}`)
    const router = TestBed.inject(Router)
    await vi.waitFor(() => expect(router.url).toBe('/'))
    await harness.fixture.whenStable()
    expect(harness.routeNativeElement?.textContent).toBe('home')
  })

  it('sends signed-out users to the auth route with the Router URL as redirectToPath', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideAuth(newClient(), withRouterNavigation()),
        provideRouter([
          { path: 'dashboard', component: Guarded },
          { path: 'auth', component: AfSignInUp },
        ]),
      ],
    })
    const harness = await RouterTestingHarness.create()
    await harness.navigateByUrl('/dashboard?tab=2')
    const router = TestBed.inject(Router)
    await vi.waitFor(() => expect(router.url).toBe('/auth?redirectToPath=%2Fdashboard%3Ftab%3D2'))
    await harness.fixture.whenStable()
    expect(within(harness.routeNativeElement as HTMLElement).getByRole('heading', { level: 2 })).toBeTruthy()
    expect(harness.routeNativeElement?.textContent).not.toContain('Secret')
  })
})

describe('<af-auth-page> with withRouterNavigation', () => {
  it('follows in-app navigations between auth pages under one catch-all route', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideAuth(newClient(), withRouterNavigation()),
        provideRouter([{ path: 'auth', children: [{ path: '**', component: AfAuthPage }] }]),
      ],
    })
    const harness = await RouterTestingHarness.create()
    const page = await harness.navigateByUrl('/auth')
    const view = within(harness.routeNativeElement as HTMLElement)
    expect(view.getByRole('heading', { name: 'Sign in' })).toBeTruthy()
    // The flow navigates through the Router: the same route, so the same <af-auth-page>, now on another path.
    await userEvent.setup().click(view.getByRole('link', { name: 'Forgot password?' }))
    await vi.waitFor(() => expect(TestBed.inject(Router).url).toBe('/auth/reset-password'))
    await harness.fixture.whenStable()
    expect(view.getByRole('heading', { name: 'Reset your password' })).toBeTruthy()
    expect(await harness.navigateByUrl('/auth/nope')).toBe(page)
    expect(view.getByRole('heading', { name: 'Page not found' })).toBeTruthy()
  })
})

describe('AUTH_NAVIGATION', () => {
  const provided = () => ({
    navigate: vi.fn<(path: string) => void>(),
    currentPath: () => '/reports?year=2025',
  })

  it('is how the components navigate and read the current path when provided', async () => {
    const navigation = provided()
    TestBed.configureTestingModule({
      providers: [
        provideAuth(newClient()),
        { provide: AUTH_NAVIGATION, useValue: navigation satisfies AuthNavigation },
      ],
    })
    const fixture = TestBed.createComponent(Guarded)
    await fixture.whenStable()
    await vi.waitFor(() =>
      expect(navigation.navigate).toHaveBeenCalledWith('/auth?redirectToPath=%2Freports%3Fyear%3D2025'),
    )
    expect(fixture.nativeElement.textContent).not.toContain('Secret')
  })

  it('gives way to a navigate input, still supplying the current path', async () => {
    const navigation = provided()
    const own = vi.fn()
    TestBed.configureTestingModule({
      providers: [
        provideAuth(newClient()),
        { provide: AUTH_NAVIGATION, useValue: navigation satisfies AuthNavigation },
      ],
    })
    const fixture = TestBed.createComponent(Guarded)
    fixture.componentRef.setInput('navigate', own)
    await fixture.whenStable()
    await vi.waitFor(() => expect(own).toHaveBeenCalledWith('/auth?redirectToPath=%2Freports%3Fyear%3D2025'))
    expect(navigation.navigate).not.toHaveBeenCalled()
  })
})

describe('import graph', () => {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../components/angular')

  /** Packages imported as values (type-only imports vanish) by `files` and the local modules they import. */
  function packagesReachedFrom(files: string[], seen = new Set<string>()): Set<string> {
    const packages = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const source = readFileSync(join(dir, file), 'utf8')
      for (const [, specifier] of source.matchAll(/^import (?!type )[^'"]*['"]([^'"]+)['"]/gm)) {
        if (!specifier) continue
        if (specifier.startsWith('./')) visit(`${specifier.slice(2)}.ts`)
        else if (!specifier.startsWith('.')) packages.add(specifier)
      }
    }
    files.forEach(visit)
    return packages
  }

  it('keeps @angular/router and @angular/common/http out of apps that use only the components', () => {
    const reached = packagesReachedFrom([
      'auth.providers.ts',
      'auth.navigation.ts',
      'inject-session.ts',
      'sign-in-up.component.ts',
      'reset-password.component.ts',
      'email-verification.component.ts',
      'session-auth.component.ts',
      'third-party-callback.component.ts',
      'magic-link-landing.component.ts',
      'auth-page.component.ts',
    ])
    expect(reached).toContain('@angular/core')
    for (const heavy of ['@angular/router', '@angular/common/http', '@angular/forms', 'rxjs']) {
      expect(reached).not.toContain(heavy)
    }
    // The opt-ins are where those packages come in.
    expect(packagesReachedFrom(['router-navigation.ts'])).toContain('@angular/router')
    expect(packagesReachedFrom(['session.guard.ts'])).toContain('@angular/router')
    expect(packagesReachedFrom(['auth.interceptor.ts'])).toContain('@angular/common/http')
  })

  it('keeps the routing page and the callback and landing screens out of apps that render only <af-sign-in-up>', () => {
    const modules = new Set<string>()
    packagesReachedFrom(['sign-in-up.component.ts', 'auth.providers.ts'], modules)
    expect(modules).toContain('auth-form.component.ts')
    for (const file of [
      'auth-page.component.ts',
      'third-party-callback.component.ts',
      'magic-link-landing.component.ts',
    ]) {
      expect(modules).not.toContain(file)
    }
    // index.ts lists them all; bundlers keep only what the app's templates import (no side effects at module level).
    const index = readFileSync(join(dir, 'index.ts'), 'utf8')
    expect(index).toMatch(/export \{ AfAuthPage \} from '\.\/auth-page\.component'/)
  })

  it('lets bundlers drop sessionGuard, built at module level, when the app does not use it', () => {
    const source = readFileSync(join(dir, 'session.guard.ts'), 'utf8')
    expect(source).toMatch(/export const sessionGuard: CanActivateFn = \/\* @__PURE__ \*\/ createSessionGuard\(\)/)
  })
})
