/**
 * The try-refresh component of every binding (React `TryRefresh`, Vue `TryRefresh`, Angular `<af-try-refresh>`),
 * against the mock backend over the wire: what a server-rendered page shows when authfront/server answered
 * TRY_REFRESH (docs/SERVER.md).
 */
import { describe, expect, it, vi } from 'vitest'
import type { AuthClient } from 'authfront'
import { ADA, createCase, useContractServer } from './harness'
import type { Rendered } from './harness'

export interface TryRefreshRenderRequest {
  /** Provide it the binding's way. */
  client: AuthClient
  /** The component's props/inputs, passed as is (`onRefreshed`, `onSignedOut` are callbacks). */
  props: Record<string, unknown>
  /** Rendered inside a `<p>` as the component's children (default slot, projected content). */
  children?: string
}

/** Resolves once the first render is in the DOM. */
export type TryRefreshContractRender = (request: TryRefreshRenderRequest) => Promise<Rendered>

/** A sessionStorage stand-in the test can read and that survives "reloads" (new mounts). */
function createStorage() {
  const values = new Map<string, string>()
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  }
}

export function tryRefreshContract(render: TryRefreshContractRender): void {
  describe('TryRefresh contract', () => {
    useContractServer()

    it('refreshes an expired session once, then asks for the page again once', async () => {
      const c = await createCase({ signInAs: ADA })
      c.backend.controls.expireAccessTokens()
      const onRefreshed = vi.fn()
      const view = await render({
        client: c.client,
        props: { onRefreshed, navigate: c.navigate, storage: createStorage() },
        children: 'Checking your session…',
      })
      expect(view.container.textContent).toContain('Checking your session…')
      await vi.waitFor(() => expect(onRefreshed).toHaveBeenCalledOnce())
      expect(c.requestsTo('/session/refresh', 'POST')).toHaveLength(1)
      expect(c.navigate).not.toHaveBeenCalled()
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(onRefreshed).toHaveBeenCalledOnce()
    })

    it('goes to the auth page with redirectToPath when the session ended, and does not ask for the page', async () => {
      const c = await createCase({ signInAs: ADA })
      c.backend.controls.revokeAllSessions()
      c.backend.controls.expireAccessTokens()
      const onRefreshed = vi.fn()
      await render({
        client: c.client,
        props: { onRefreshed, navigate: c.navigate, currentPath: () => '/orders?page=2', storage: createStorage() },
      })
      await vi.waitFor(() => expect(c.navigate).toHaveBeenCalledOnce())
      expect(c.navigate).toHaveBeenCalledWith('/auth?redirectToPath=%2Forders%3Fpage%3D2')
      expect(onRefreshed).not.toHaveBeenCalled()
      expect(c.requestsTo('/session/refresh', 'POST')).toHaveLength(1)
    })

    it('after a reload that did not help, the next mount refreshes no more: it signs out and goes to sign in', async () => {
      const c = await createCase({ signInAs: ADA })
      c.backend.controls.expireAccessTokens()
      const storage = createStorage()
      const onRefreshed = vi.fn()
      const first = await render({ client: c.client, props: { onRefreshed, navigate: c.navigate, storage } })
      await vi.waitFor(() => expect(onRefreshed).toHaveBeenCalledOnce())
      await first.unmount()
      // The "reloaded" page: the server still answered TRY_REFRESH (its cookie did not reach it).
      await render({
        client: c.client,
        props: { onRefreshed, navigate: c.navigate, currentPath: () => '/orders', storage },
      })
      await vi.waitFor(() => expect(c.navigate).toHaveBeenCalledOnce())
      expect(c.navigate).toHaveBeenCalledWith('/auth?redirectToPath=%2Forders')
      expect(onRefreshed).toHaveBeenCalledOnce()
      expect(c.requestsTo('/session/refresh', 'POST')).toHaveLength(1)
      expect(c.requestsTo('/signout', 'POST')).toHaveLength(1)
      expect(c.client.store.getState().status).toBe('signedOut')
    })

    it('hands the failure to onSignedOut instead of redirecting', async () => {
      const c = await createCase()
      const onSignedOut = vi.fn()
      await render({ client: c.client, props: { onSignedOut, navigate: c.navigate, storage: createStorage() } })
      await vi.waitFor(() => expect(onSignedOut).toHaveBeenCalledWith('signedOut'))
      expect(c.navigate).not.toHaveBeenCalled()
    })
  })
}
