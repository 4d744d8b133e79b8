// @vitest-environment node
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { describe, expect, it } from 'vitest'
import { authPlugin, EmailVerification, ResetPassword, SessionAuth, SignInUp, useSession } from 'authfront/vue'
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
    expect(c.requests).toEqual([])
    expect(tracked.mounts).toBe(0)
    expect(tracked.listeners).toBe(0)
  })
})
