// @vitest-environment jsdom
/**
 * Default ids are per screen instance and the same on the server and the hydrating client: two screens rendered
 * by the server hydrate without a mismatch and keep their distinct ids.
 */
import { act } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import { AuthProvider, ResetPassword, SignInUp } from 'authfront/react'

describe('hydration of two screens', () => {
  it('keeps the server ids, unique per screen, with no hydration error', async () => {
    const client = createAuthClient({
      apiDomain: 'http://api.test',
      platform: {
        fetch: vi.fn<typeof fetch>(),
        cookies: createMemoryCookieJar(),
        storage: createMemoryStorage(),
        lock: createMemoryLock(),
        broadcast: () => undefined,
      },
    })
    const app = (
      <AuthProvider client={client}>
        <SignInUp navigate={() => {}} search="" />
        <ResetPassword navigate={() => {}} search="" />
      </AuthProvider>
    )
    const container = document.body.appendChild(document.createElement('div'))
    container.innerHTML = renderToString(app)
    const serverIds = [...container.querySelectorAll('[id]')].map((element) => element.id)
    expect(new Set(serverIds).size).toBe(serverIds.length)
    const onRecoverableError = vi.fn()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const root = await act(async () => hydrateRoot(container, app, { onRecoverableError }))
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(error).not.toHaveBeenCalled()
    expect([...container.querySelectorAll('[id]')].map((element) => element.id)).toEqual(serverIds)
    for (const input of container.querySelectorAll('input[data-af-input]')) {
      expect(container.querySelectorAll(`label[for="${input.id}"]`)).toHaveLength(1)
    }
    act(() => root.unmount())
    error.mockRestore()
  })
})
