// @vitest-environment node
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { describe, expect, it } from 'vitest'
import { createMemoryStorage, passwordless, thirdParty } from 'authfront'
import {
  AuthPage,
  authPlugin,
  EmailVerification,
  MagicLinkLanding,
  ResetPassword,
  SessionAuth,
  SignInUp,
  ThirdPartyCallback,
  TryRefresh,
  useSession,
} from 'authfront/vue'
import { ADA, createCase, useContractServer } from '../contract'
import { trackClient } from './listeners'

describe('server rendering (no window)', () => {
  useContractServer()

  it('renders every component without a request, a mount or a subscription', async () => {
    expect(typeof window).toBe('undefined')
    const c = await createCase({ signInAs: ADA, emailVerification: 'required' })
    const tracked = trackClient(c.client)
    const Status = defineComponent(() => {
      const status = useSession((state) => state.status)
      return () => h('p', { id: 'status' }, status.value)
    })
    const App = defineComponent(() => () => [
      h(SignInUp, { search: '?show=signup', signUpFields: [{ id: 'name', label: 'Full name' }] }),
      h(ResetPassword, { search: '?token=abc', idPrefix: 'reset' }),
      h(EmailVerification, { search: '?token=abc', idPrefix: 'verify' }),
      h(SessionAuth, null, { default: () => h('p', 'Secret page'), fallback: () => h('p', 'Loading…') }),
      h(Status),
      h(TryRefresh, null, { default: () => h('p', 'Refreshing your session') }),
    ])
    const app = createSSRApp(App).use(authPlugin, { client: c.client })
    const html = await renderToString(app)

    expect(html).toContain('data-af-root="signInUp" data-af-screen="signUp"')
    expect(html).toMatch(/<label for="af-v-[\w-]+-name" data-af-label>Full name<\/label>/)
    expect(html).toContain('data-af-root="resetPassword" data-af-screen="newPassword"')
    expect(html).toContain('data-af-root="emailVerification" data-af-screen="verify"')
    expect(html).toContain('<p>Loading…</p>')
    expect(html).not.toContain('Secret page')
    expect(html).toContain('<p id="status">signedIn</p>')
    expect(html).toContain('<p>Refreshing your session</p>')
    expect(c.requests).toEqual([])
    expect(tracked.mounts).toBe(0)
    expect(tracked.listeners).toBe(0)
  })

  it('renders the sign-in methods, both landing pages and AuthPage without a request, a mount or a subscription', async () => {
    const c = await createCase({
      recipes: [
        thirdParty({ providers: ['google', 'github'], storage: createMemoryStorage() }),
        passwordless({ contactMethod: 'EMAIL' }),
      ],
    })
    const tracked = trackClient(c.client)
    const callbackUrl = 'https://app.test/auth/callback/google?code=C&state=S'
    const App = defineComponent(() => () => [
      h(SignInUp, { search: '', idPrefix: 'methods' }),
      h(ThirdPartyCallback, { search: '', idPrefix: 'callback', url: callbackUrl }),
      h(MagicLinkLanding, { search: '', idPrefix: 'link', url: 'https://app.test/auth/verify?preAuthSessionId=P#L' }),
      h(AuthPage, { pathname: '/auth/callback/github', search: '', idPrefix: 'page', url: callbackUrl }),
      // No router and no `location` on a server: without `pathname` there is no page to show.
      h(AuthPage, { search: '' }),
    ])
    const html = await renderToString(createSSRApp(App).use(authPlugin, { client: c.client }))

    expect(html).toContain('data-af-root="signInUp" data-af-screen="signIn"')
    // The provider's mark is decorative: an aria-hidden SVG before the accessible name.
    expect(html).toMatch(
      /<button type="button" data-af-provider="google" aria-busy="false"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="[^"]+"><\/path><\/svg>Continue with Google<\/button>/,
    )
    expect(html).toContain('data-af-form="passwordless"')
    expect(html).toContain('role="separator" aria-label="or"')
    // The callback screen, on its own and under AuthPage.
    expect(html.match(/data-af-root="thirdPartyCallback" data-af-screen="busy"/g)).toHaveLength(2)
    expect(html).toContain('data-af-root="magicLink" data-af-screen="busy"')
    expect(html).toContain('id="page-heading"')
    expect(html).toContain('data-af-root="authPage" data-af-screen="notFound"')
    expect(c.requests).toEqual([])
    expect(tracked.mounts).toBe(0)
    expect(tracked.listeners).toBe(0)
  })
})

describe('server rendering of a second-factor page', () => {
  useContractServer()

  it('renders the loading state of /auth/mfa/totp and asks the backend nothing', async () => {
    const { mfaUi } = await import('../../src/flows/mfa')
    const { MFA_UI } = await import('../../src/flows/recipeUi')
    const c = await createCase({ signInAs: ADA })
    const tracked = trackClient(c.client)
    let infoCalls = 0
    Object.assign(c.client, {
      multiFactor: { factors: ['totp'], getInfo: () => infoCalls++, getClaim: () => undefined, nextPath: () => '' },
      [MFA_UI]: mfaUi,
    })
    const app = createSSRApp(AuthPage, { pathname: '/auth/mfa/totp' }).use(authPlugin, { client: c.client })
    const html = await renderToString(app)
    expect(html).toContain('data-af-root="mfa" data-af-screen="loading"')
    expect(html).toContain('Loading…')
    expect(infoCalls).toBe(0)
    expect(c.requests).toEqual([])
    expect(tracked.mounts).toBe(0)
  })
})
