import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, waitFor } from '@testing-library/react'
import type { AuthClient } from 'authfront'
import { AuthProvider, EmailVerification, ResetPassword, SessionAuth, SignInUp, useSession } from 'authfront/react'
import { ADA, createCase, useContractServer } from '../contract'

afterEach(() => cleanup())

const memoryStorage = () => {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

/** Counts the client subscriptions (store + events) that are currently open. */
function countSubscriptions(client: AuthClient) {
  let open = 0
  const track = (unsubscribe: () => void) => {
    open += 1
    let closed = false
    return () => {
      if (!closed) open -= 1
      closed = true
      unsubscribe()
    }
  }
  const subscribe = client.store.subscribe.bind(client.store)
  client.store.subscribe = (listener) => track(subscribe(listener))
  const on = client.on.bind(client) as (type: never, listener: never) => () => void
  ;(client as { on: unknown }).on = (type: never, listener: never) => track(on(type, listener))
  return () => open
}

describe('React lifecycle', () => {
  useContractServer()

  for (const strict of [false, true]) {
    it(`releases every client subscription after unmount${strict ? ' (StrictMode)' : ''}`, async () => {
      const c = await createCase({ emailVerification: 'required', signInAs: ADA })
      const open = countSubscriptions(c.client)
      function Status() {
        return <p>{useSession((state) => state.status)}</p>
      }
      const tree = (
        <AuthProvider client={c.client}>
          <SignInUp navigate={c.navigate} idPrefix="a" />
          <ResetPassword navigate={c.navigate} idPrefix="b" search="" />
          <EmailVerification navigate={c.navigate} idPrefix="c" search="" />
          <SessionAuth navigate={c.navigate} requireAuth={false} storage={memoryStorage()}>
            <Status />
          </SessionAuth>
        </AuthProvider>
      )
      const view = render(strict ? <StrictMode>{tree}</StrictMode> : tree)
      await waitFor(() => expect(c.backend.outbox.list()).toHaveLength(1))
      expect(open()).toBeGreaterThan(0)
      view.unmount()
      expect(open()).toBe(0)
    })
  }

  it('useSession(selector) re-renders only when the selected slice changes', async () => {
    const c = await createCase()
    let renders = 0
    function Status() {
      renders += 1
      const status = useSession((state) => state.status)
      return <p>{status}</p>
    }
    const view = render(
      <AuthProvider client={c.client}>
        <Status />
      </AuthProvider>,
    )
    await view.findByText('signedOut')
    const before = renders
    act(() => c.client.store.setState({ invalidClaims: [{ id: 'st-ev' }] }))
    act(() => c.client.store.setState({ invalidClaims: [] }))
    expect(renders).toBe(before)
    await act(async () => {
      await c.client.emailPassword.signIn(ADA)
    })
    await view.findByText('signedIn')
    expect(renders).toBe(before + 1)
  })

  it('useSession() without a selector returns the whole state', async () => {
    const c = await createCase({ signInAs: ADA })
    function User() {
      const session = useSession()
      return <p>{session.status === 'signedIn' ? session.userId : 'none'}</p>
    }
    const view = render(
      <AuthProvider client={c.client}>
        <User />
      </AuthProvider>,
    )
    const userId = c.backend.users.get(ADA.email)?.id ?? 'missing'
    await view.findByText(userId)
  })

  it('useAuthClient outside a provider throws a clear error', () => {
    function Orphan() {
      useSession()
      return null
    }
    const error = console.error
    console.error = () => {}
    // React 18 (development) also re-dispatches a render error as a window `error` event, which jsdom would print.
    const quiet = (event: ErrorEvent) => event.preventDefault()
    window.addEventListener('error', quiet)
    try {
      expect(() => render(<Orphan />)).toThrow(/AuthProvider/)
    } finally {
      console.error = error
      window.removeEventListener('error', quiet)
    }
  })
})
