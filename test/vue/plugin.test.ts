import { createApp, defineComponent, h } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, waitFor } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createMemoryHistory, createRouter } from 'vue-router'
import {
  authPlugin,
  EmailVerification,
  ResetPassword,
  SessionAuth,
  SignInUp,
  useAuthClient,
  useSession,
} from 'authfront/vue'
import { ADA, createCase, useContractServer } from '../contract'
import { trackClient } from './listeners'

afterEach(() => cleanup())

const Blank = defineComponent(() => () => null)

describe('authPlugin', () => {
  useContractServer()

  it('provides the client and mounts it while the app is mounted', async () => {
    const c = await createCase()
    const tracked = trackClient(c.client)
    let injected: unknown
    const app = createApp(
      defineComponent(() => {
        injected = useAuthClient()
        return () => h('p', 'app')
      }),
    )
    app.use(authPlugin, { client: c.client })
    app.mount(document.body.appendChild(document.createElement('div')))
    expect(injected).toBe(c.client)
    expect(tracked.mounts).toBe(1)
    // Mounting settles the session status (signed out here) without the app asking.
    await waitFor(() => expect(c.client.store.getState().status).toBe('signedOut'))
    app.unmount()
    expect(tracked.mounts).toBe(0)
  })

  it('explains what is missing when the plugin is not installed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const Orphan = defineComponent(() => {
      useAuthClient()
      return () => null
    })
    expect(() => render(Orphan)).toThrow(/app\.use\(authPlugin, \{ client \}\)/)
    warn.mockRestore()
  })

  it('with { router }, screens and SessionAuth navigate with router.push, not a page load', async () => {
    const c = await createCase()
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: Blank }] })
    const view = render(
      defineComponent(() => () => [h(SessionAuth, null, () => h('p', 'Secret')), h(SignInUp, { search: '' })]),
      { global: { plugins: [router, [authPlugin, { client: c.client, router }]] } },
    )
    // Signed out: SessionAuth sends the visitor to the sign-in page through the router.
    await waitFor(() => expect(router.currentRoute.value.path).toBe('/auth'))
    expect(router.currentRoute.value.query).toEqual({ redirectToPath: '/' })
    await userEvent.setup().click(await view.findByRole('link', { name: /forgot/i }))
    await waitFor(() => expect(router.currentRoute.value.path).toBe('/auth/reset-password'))
  })

  it('rejects a missing client at install time', () => {
    expect(() => createApp({ render: () => null }).use(authPlugin, {} as never)).toThrow(/createAuthClient/)
  })
})

describe('useSession', () => {
  useContractServer()

  const Status = defineComponent(() => {
    const session = useSession()
    const userId = useSession((state) => state.userId)
    return () => h('p', { 'data-testid': 'status' }, `${session.value.status}:${userId.value ?? '-'}`)
  })

  it('follows the client store: signed out, signed in over the wire, signed out again', async () => {
    const c = await createCase()
    const view = render(Status, { global: { plugins: [[authPlugin, { client: c.client }]] } })
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('signedOut:-'))
    const result = await c.client.emailPassword.signIn(ADA)
    if (result.status !== 'OK') throw new Error(result.status)
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe(`signedIn:${result.user.id}`))
    await c.client.session.signOut()
    await waitFor(() => expect(view.getByTestId('status').textContent).toBe('signedOut:-'))
  })

  it('updates a selected slice only when it changes, and is read-only', async () => {
    const c = await createCase({ signInAs: ADA })
    const renders = { userId: 0, payload: 0 }
    let status: ReturnType<typeof useSession<string>> | undefined
    const UserId = defineComponent(() => {
      const userId = useSession((state) => state.userId)
      status = useSession((state) => state.status)
      return () => h('p', { key: ++renders.userId }, String(userId.value))
    })
    const Payload = defineComponent(() => {
      const payload = useSession((state) => state.accessTokenPayload)
      return () => h('p', { key: ++renders.payload }, String(payload.value?.exp))
    })
    render(
      defineComponent(() => () => [h(UserId), h(Payload)]),
      {
        global: { plugins: [[authPlugin, { client: c.client }]] },
      },
    )
    await waitFor(() => expect(status?.value).toBe('signedIn'))
    const before = { ...renders }
    // A refresh over the wire gives a new payload for the same user.
    expect(await c.client.session.refresh()).toBe(true)
    await waitFor(() => expect(renders.payload).toBeGreaterThan(before.payload))
    expect(renders.userId).toBe(before.userId)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    ;(status as unknown as { value: string }).value = 'signedOut'
    expect(status?.value).toBe('signedIn')
    expect(warn).toHaveBeenCalled()
    warn.mockRestore()
  })
})

describe('subscriptions', () => {
  useContractServer()

  it('are back to zero after every component unmounts', async () => {
    const c = await createCase({ signInAs: ADA })
    const tracked = trackClient(c.client)
    const Probe = defineComponent(() => {
      const session = useSession()
      return () => h('p', session.value.status)
    })
    const App = defineComponent(() => () => [
      h(SignInUp, { navigate: c.navigate, search: '', redirectIfSignedIn: false }),
      h(ResetPassword, { navigate: c.navigate, search: '', idPrefix: 'reset' }),
      h(EmailVerification, { navigate: c.navigate, search: '', idPrefix: 'verify' }),
      h(SessionAuth, { navigate: c.navigate }, { default: () => h(Probe) }),
    ])
    const view = render(App, { global: { plugins: [[authPlugin, { client: c.client }]] } })
    await view.findByText('signedIn')
    await waitFor(() => expect(c.requestsTo('/user/email/verify').length).toBeGreaterThan(0))
    expect(tracked.listeners).toBeGreaterThan(0)
    view.unmount()
    expect(tracked.listeners).toBe(0)
    expect(tracked.mounts).toBe(0)
  })
})
