import { afterEach, describe, expect, it, vi } from 'vitest'
import { AuthError } from '../../src/client/errors'
import { tryRefresh } from '../../src/flows'
import { createFakeClient, deferred } from './fakeClient'

afterEach(() => vi.unstubAllGlobals())

/** Lets the microtask that starts the attempt, and the answers of the fakes, run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

function memoryStorage() {
  const values = new Map<string, string>()
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: vi.fn((k: string, v: string) => values.set(k, v)),
  }
}

describe('tryRefresh', () => {
  it('reloads the page after a refresh by default, and keeps the time of the refresh', async () => {
    const reload = vi.fn()
    const assign = vi.fn()
    vi.stubGlobal('location', { reload, assign, pathname: '/orders', search: '', hash: '' })
    const { client } = createFakeClient()
    client.session.refresh.mockResolvedValue(true)
    const storage = memoryStorage()
    tryRefresh(client, { storage, now: () => 5_000 })
    await settle()
    expect(client.session.refresh).toHaveBeenCalledOnce()
    expect(reload).toHaveBeenCalledOnce()
    expect(assign).not.toHaveBeenCalled()
    expect(storage.getItem('authfront:try-refresh')).toBe('5000')
  })

  it('goes to the auth page with location as redirectToPath by default when the session ended', async () => {
    const assign = vi.fn()
    vi.stubGlobal('location', { reload: vi.fn(), assign, pathname: '/orders', search: '?page=2', hash: '#top' })
    const { client } = createFakeClient({ websiteBasePath: '/account' })
    client.session.refresh.mockResolvedValue(false)
    tryRefresh(client, { storage: memoryStorage() })
    await settle()
    expect(assign).toHaveBeenCalledWith('/account?redirectToPath=%2Forders%3Fpage%3D2%23top')
  })

  it('reports a failed refresh (network) as `error`, and writes nothing', async () => {
    const { client } = createFakeClient()
    client.session.refresh.mockRejectedValue(new AuthError('network', 'offline'))
    const onSignedOut = vi.fn()
    const onRefreshed = vi.fn()
    const storage = memoryStorage()
    tryRefresh(client, { onSignedOut, onRefreshed, storage })
    await settle()
    expect(onSignedOut).toHaveBeenCalledWith('error')
    expect(onRefreshed).not.toHaveBeenCalled()
    expect(storage.setItem).not.toHaveBeenCalled()
  })

  it('keeps only a same-origin relative page as redirectToPath', async () => {
    const { client } = createFakeClient()
    client.session.refresh.mockResolvedValue(false)
    const navigate = vi.fn()
    tryRefresh(client, { navigate, currentPath: () => '//evil.example/steal', storage: memoryStorage() })
    await settle()
    expect(navigate).toHaveBeenCalledWith('/auth')
  })

  it('gives up as `loopDetected` within loopWindowMs of the last refresh, and tries again after it', async () => {
    const { client } = createFakeClient()
    client.session.refresh.mockResolvedValue(true)
    const storage = memoryStorage()
    let now = 1_000
    const onRefreshed = vi.fn()
    const onSignedOut = vi.fn()
    const options = { storage, now: () => now, onRefreshed, onSignedOut, loopWindowMs: 3_000 }
    tryRefresh(client, options)
    await settle()
    now += 2_999
    tryRefresh(client, options)
    await settle()
    expect(onSignedOut).toHaveBeenCalledExactlyOnceWith('loopDetected')
    expect(client.session.refresh).toHaveBeenCalledOnce()
    now += 1
    tryRefresh(client, options)
    await settle()
    expect(client.session.refresh).toHaveBeenCalledTimes(2)
    expect(onRefreshed).toHaveBeenCalledTimes(2)
  })

  it('does nothing once cancelled: not started in the same task, and a late answer is ignored', async () => {
    const { client } = createFakeClient()
    const answer = deferred<boolean>()
    client.session.refresh.mockReturnValue(answer.promise)
    const onRefreshed = vi.fn()
    tryRefresh(client, { onRefreshed, storage: memoryStorage() })()
    await settle()
    expect(client.session.refresh).not.toHaveBeenCalled()
    const cancel = tryRefresh(client, { onRefreshed, storage: memoryStorage() })
    await settle()
    cancel()
    answer.resolve(true)
    await settle()
    expect(client.session.refresh).toHaveBeenCalledOnce()
    expect(onRefreshed).not.toHaveBeenCalled()
  })

  it('still refreshes when storage is blocked (no loop detection then)', async () => {
    const { client } = createFakeClient()
    client.session.refresh.mockResolvedValue(true)
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('SecurityError')
      },
    }
    const onRefreshed = vi.fn()
    tryRefresh(client, { storage: blocked, onRefreshed })
    await settle()
    expect(onRefreshed).toHaveBeenCalledOnce()
  })
})
