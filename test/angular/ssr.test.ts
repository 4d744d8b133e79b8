// @vitest-environment node
import { Component, provideZonelessChangeDetection } from '@angular/core'
import { bootstrapApplication } from '@angular/platform-browser'
import type { BootstrapContext } from '@angular/platform-browser'
import { provideServerRendering, renderApplication } from '@angular/platform-server'
import { RouterOutlet, provideRouter } from '@angular/router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAuthClient, passwordless, thirdParty } from 'authfront'
import {
  AfAuthPage,
  AfSessionAuth,
  AfSignInUp,
  AfTryRefresh,
  injectSession,
  provideAuth,
  sessionGuard,
  withRouterNavigation,
} from 'authfront/angular'

@Component({
  selector: 'test-app',
  imports: [AfSignInUp, AfSessionAuth, AfTryRefresh],
  template: `
    <p id="status">{{ status() }}</p>
    <af-try-refresh><p>Refreshing your session</p></af-try-refresh>
    <af-sign-in-up />
    <af-session-auth>
      <p af-fallback>Checking your session</p>
      <p>Secret page</p>
    </af-session-auth>
  `,
})
class App {
  readonly status = injectSession((state) => state.status)
}

afterEach(() => vi.unstubAllGlobals())

describe('server rendering', () => {
  it('renders the screens without a window, starting no request, timer or mount', async () => {
    expect(typeof window).toBe('undefined')
    const fetch = vi.fn(() => Promise.reject(new Error('no network during SSR')))
    vi.stubGlobal('fetch', fetch)
    const client = createAuthClient({ apiDomain: 'http://api.ssr.test' })
    const mount = vi.spyOn(client, 'mount')
    const bootstrap = (context: BootstrapContext) =>
      bootstrapApplication(
        App,
        { providers: [provideZonelessChangeDetection(), provideServerRendering(), provideAuth(client)] },
        context,
      )
    const html = await renderApplication(bootstrap, {
      document: '<html><head></head><body><test-app></test-app></body></html>',
      url: '/auth',
    })
    expect(html).toContain('<p id="status">loading</p>')
    expect(html).toMatch(/<div data-af-root="signInUp" data-af-screen="signIn" data-af-theme="auto">/)
    expect(html).toMatch(/<form[^>]*novalidate=""[^>]*>/)
    expect(html).toMatch(/<label [^>]*for="af-0-email"[^>]*>Email</)
    expect(html).toContain('Show password')
    expect(html).toContain('Checking your session')
    expect(html).not.toContain('Secret page')
    // The try-refresh component shows its content and refreshes nothing: the refresh token is the browser's.
    expect(html).toContain('<p>Refreshing your session</p>')
    expect(mount).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
  })
})

@Component({ selector: 'test-dashboard', template: '<p>Dashboard content</p>' })
class Dashboard {}

@Component({ selector: 'test-shell', imports: [RouterOutlet], template: '<main><router-outlet /></main>' })
class Shell {}

describe('sessionGuard on the server', () => {
  it('renders no guarded content and makes no request: the browser decides', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network during SSR')))
    vi.stubGlobal('fetch', fetch)
    const client = createAuthClient({ apiDomain: 'http://api.ssr.test' })
    const bootstrap = (context: BootstrapContext) =>
      bootstrapApplication(
        Shell,
        {
          providers: [
            provideZonelessChangeDetection(),
            provideServerRendering(),
            provideAuth(client),
            provideRouter([{ path: 'dashboard', component: Dashboard, canActivate: [sessionGuard] }]),
          ],
        },
        context,
      )
    const html = await renderApplication(bootstrap, {
      document: '<html><head></head><body><test-shell></test-shell></body></html>',
      url: '/dashboard',
    })
    expect(html).toContain('<main>')
    expect(html).not.toContain('Dashboard content')
    expect(fetch).not.toHaveBeenCalled()
  })
})

@Component({ selector: 'test-auth-shell', imports: [RouterOutlet], template: '<router-outlet />' })
class AuthShell {}

describe('login-recipe screens on the server', () => {
  const renderAuthPage = async (url: string, extend: (client: object) => void = () => {}) => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network during SSR')))
    vi.stubGlobal('fetch', fetch)
    const client = createAuthClient({
      apiDomain: 'http://api.ssr.test',
      recipes: [thirdParty({ providers: ['google', 'github'] }), passwordless({ contactMethod: 'EMAIL' })],
    })
    extend(client)
    const bootstrap = (context: BootstrapContext) =>
      bootstrapApplication(
        AuthShell,
        {
          providers: [
            provideZonelessChangeDetection(),
            provideServerRendering(),
            provideAuth(client, withRouterNavigation()),
            provideRouter([{ path: 'auth', children: [{ path: '**', component: AfAuthPage }] }]),
          ],
        },
        context,
      )
    const html = await renderApplication(bootstrap, {
      document: '<html><head></head><body><test-auth-shell></test-auth-shell></body></html>',
      url,
    })
    return { html, fetch }
  }

  it('renders the sign-in methods at the Router URL, with no request', async () => {
    const { html, fetch } = await renderAuthPage('/auth')
    expect(html).toMatch(/<div data-af-root="signInUp" data-af-screen="signIn" data-af-theme="auto">/)
    expect(html).toMatch(
      /<button [^>]*data-af-provider="google"[^>]*><svg viewBox="0 0 24 24" aria-hidden="true"><path d="[^"]+"><\/path><\/svg>(<!--container-->)?Continue with Google</,
    )
    expect(html).toMatch(/<div [^>]*data-af-divider=""[^>]*><span aria-hidden="true">or<\/span><\/div>/)
    expect(html).toMatch(/<form [^>]*data-af-form="passwordless"/)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('renders the ThirdParty callback as busy without finishing the sign-in, which the browser does', async () => {
    const { html, fetch } = await renderAuthPage('/auth/callback/google?code=C&state=S')
    expect(html).toMatch(/<div data-af-root="thirdPartyCallback" data-af-screen="busy"/)
    expect(html).toContain('Signing you in')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('renders a second-factor page in its loading state, asking the backend nothing', async () => {
    const { mfaUi } = await import('../../src/flows/mfa')
    const { MFA_UI } = await import('../../src/flows/recipeUi')
    const getInfo = vi.fn()
    const { html, fetch } = await renderAuthPage('/auth/mfa/totp', (client) =>
      Object.assign(client, { multiFactor: { factors: ['totp'], getInfo }, [MFA_UI]: mfaUi }),
    )
    expect(html).toMatch(/<div data-af-root="mfa" data-af-screen="loading" data-af-theme="auto">/)
    expect(html).toContain('Loading…')
    expect(getInfo).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
  })

  it('renders the magic-link landing and "Page not found" by path', async () => {
    expect((await renderAuthPage('/auth/verify?preAuthSessionId=P')).html).toMatch(/data-af-root="magicLink"/)
    const { html } = await renderAuthPage('/auth/nope')
    expect(html).toMatch(/<div data-af-root="authPage" data-af-screen="notFound" data-af-theme="auto">/)
    expect(html).toContain('Page not found')
  })
})

@Component({ selector: 'test-auth-page', imports: [AfAuthPage], template: '<af-auth-page />' })
class AuthPageApp {}

describe('<af-auth-page> on the server without the Router', () => {
  it('routes on the request URL', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new Error('no network during SSR'))),
    )
    const client = createAuthClient({
      apiDomain: 'http://api.ssr.test',
      recipes: [passwordless({ contactMethod: 'EMAIL' })],
    })
    const bootstrap = (context: BootstrapContext) =>
      bootstrapApplication(
        AuthPageApp,
        { providers: [provideZonelessChangeDetection(), provideServerRendering(), provideAuth(client)] },
        context,
      )
    const html = await renderApplication(bootstrap, {
      document: '<html><head></head><body><test-auth-page></test-auth-page></body></html>',
      url: '/auth/verify?preAuthSessionId=P',
    })
    expect(html).toMatch(/<div data-af-root="magicLink" data-af-screen="busy"/)
  })
})
