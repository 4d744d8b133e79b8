import { Component } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import { Router, provideRouter } from '@angular/router'
import type { Routes } from '@angular/router'
import { RouterTestingHarness } from '@angular/router/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import type { AuthClient, EmailVerificationMode } from 'authfront'
import { createSessionGuard, provideAuth, sessionGuard } from 'authfront/angular'
import { createMockBackend } from 'authfront/mock'
import type { MockBackend } from 'authfront/mock'
import { setupMockServer } from 'authfront/mock/node'

const ADA = { email: 'ada@example.com', password: 'password1' }
const backends: Record<EmailVerificationMode, MockBackend> = {
  off: createMockBackend({ apiDomain: 'http://api-off.guard.test', users: [ADA] }),
  optional: createMockBackend({
    apiDomain: 'http://api-optional.guard.test',
    users: [ADA],
    emailVerification: 'optional',
  }),
  required: createMockBackend({
    apiDomain: 'http://api-required.guard.test',
    users: [ADA],
    emailVerification: 'required',
  }),
}
const server = setupMockServer(backends.off, ...backends.optional.handlers, ...backends.required.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
// The guard's redirect-loop memory lives in sessionStorage; each test starts a fresh tab.
beforeEach(() => sessionStorage.clear())
afterEach(() => Object.values(backends).forEach((backend) => backend.reset()))
afterAll(() => server.close())

@Component({ selector: 'test-page', template: '<p>page</p>' })
class Page {}

const routes: Routes = [
  { path: 'dashboard', component: Page, canActivate: [sessionGuard] },
  { path: 'public-ish', component: Page, canActivate: [createSessionGuard({ requireAuth: false })] },
  { path: 'strict', component: Page, canActivate: [createSessionGuard({ redirectToVerifyEmail: false })] },
  { path: 'auth', component: Page },
  { path: 'auth/verify-email', component: Page },
]

async function setup(
  mode: EmailVerificationMode,
  signedIn: boolean,
): Promise<{ client: AuthClient; router: Router; harness: RouterTestingHarness }> {
  const client = createAuthClient({
    apiDomain: backends[mode].options.apiDomain,
    emailVerification: mode,
    platform: {
      cookies: createMemoryCookieJar(),
      storage: createMemoryStorage(),
      lock: createMemoryLock(),
      broadcast: () => undefined,
    },
  })
  if (signedIn) {
    const result = await client.emailPassword.signIn(ADA)
    expect(result.status).toBe('OK')
  }
  TestBed.configureTestingModule({ providers: [provideAuth(client), provideRouter(routes)] })
  const harness = await RouterTestingHarness.create()
  return { client, router: TestBed.inject(Router), harness }
}

describe('sessionGuard', () => {
  it('sends signed-out users to the auth page with redirectToPath', async () => {
    const { router, harness } = await setup('off', false)
    await harness.navigateByUrl('/dashboard?tab=2')
    expect(router.url).toBe('/auth?redirectToPath=%2Fdashboard%3Ftab%3D2')
  })

  it('lets signed-in users in', async () => {
    const { router, harness } = await setup('off', true)
    await harness.navigateByUrl('/dashboard')
    expect(router.url).toBe('/dashboard')
    expect(harness.routeNativeElement?.textContent).toBe('page')
  })

  it('sends unverified users to verify-email when verification is required', async () => {
    const { router, harness } = await setup('required', true)
    await harness.navigateByUrl('/dashboard')
    expect(router.url).toBe('/auth/verify-email?redirectToPath=%2Fdashboard')
  })

  it('blocks unverified users instead when redirectToVerifyEmail is false', async () => {
    const { router, harness } = await setup('required', true)
    await harness.navigateByUrl('/auth')
    await harness.navigateByUrl('/strict')
    expect(router.url).toBe('/auth')
  })

  it('lets verified users in when verification is required', async () => {
    backends.required.users.setVerified(ADA.email, true)
    const { router, harness } = await setup('required', true)
    await harness.navigateByUrl('/dashboard')
    expect(router.url).toBe('/dashboard')
  })

  it('lets unverified users in when verification is optional', async () => {
    const { router, harness } = await setup('optional', true)
    await harness.navigateByUrl('/dashboard')
    expect(router.url).toBe('/dashboard')
  })

  it('lets signed-out users in with requireAuth false', async () => {
    const { router, harness } = await setup('off', false)
    await harness.navigateByUrl('/public-ish')
    expect(router.url).toBe('/public-ish')
  })

  it('follows the session: after sign-out the same route redirects', async () => {
    const { client, router, harness } = await setup('off', true)
    await harness.navigateByUrl('/dashboard')
    expect(router.url).toBe('/dashboard')
    await client.session.signOut()
    await harness.navigateByUrl('/auth')
    await harness.navigateByUrl('/dashboard')
    expect(router.url).toBe('/auth?redirectToPath=%2Fdashboard')
  })
})
