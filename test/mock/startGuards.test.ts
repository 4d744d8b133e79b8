import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMockBackend } from 'authfront/mock'
import { startMockBackend } from 'authfront/mock/browser'

const backend = () => createMockBackend({ apiDomain: 'https://app.example.com' })

/** A page at `origin` that has service workers; MSW's own start is never reached or fails after our checks. */
function pageAt(origin: string) {
  const location = new URL(origin)
  vi.stubGlobal('window', { location })
  vi.stubGlobal('location', location)
  vi.stubGlobal('navigator', { serviceWorker: {} })
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('startMockBackend outside local development', () => {
  it('refuses a page on a non-loopback hostname, naming the opt-in', async () => {
    pageAt('https://app.example.com')
    await expect(startMockBackend(backend())).rejects.toThrow(
      /refuses to start on app\.example\.com.*allowNonLocalhost: true/s,
    )
  })

  it.each(['http://localhost:5173', 'http://127.0.0.1:4173', 'http://dev.localhost', 'http://[::1]:5173'])(
    'starts on the loopback page %s',
    async (origin) => {
      pageAt(origin)
      // MSW's own worker start fails in Node; what matters is that the host check let it through.
      await expect(startMockBackend(backend())).rejects.not.toThrow(/refuses to start/)
    },
  )

  it('starts on any hostname when the app opts in', async () => {
    pageAt('https://staging.example.com')
    await expect(startMockBackend(backend(), { allowNonLocalhost: true })).rejects.not.toThrow(/refuses to start/)
  })

  it('warns under NODE_ENV=production, even when allowed', async () => {
    pageAt('http://localhost:4173')
    vi.stubEnv('NODE_ENV', 'production')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await startMockBackend(backend()).catch(() => {})
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/mock backend.*production build/i))
    warn.mockClear()
    vi.stubEnv('NODE_ENV', 'development')
    await startMockBackend(backend()).catch(() => {})
    expect(warn).not.toHaveBeenCalled()
  })
})
