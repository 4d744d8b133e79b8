// @vitest-environment jsdom
/** The fake OAuth provider's page in a browser, where `startMockBackend` renders it (navigations skip MSW). */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMockBackend } from 'authfront/mock'
import type { MockBackend } from 'authfront/mock'
import { startMockBackend } from 'authfront/mock/browser'

const WEB = window.location.origin
const CALLBACK = `${WEB}/auth/callback/google`

function backendWith(autoConsent = false): MockBackend {
  return createMockBackend({
    apiDomain: 'http://localhost:3001',
    websiteDomain: WEB,
    thirdParty: {
      providers: [
        'google',
        { id: 'acme', name: 'Acme', users: [{ email: 'x@acme.test', name: '<img src=x onerror=alert(1)>' }] },
      ],
      autoConsent,
    },
  })
}

function authorizeUrl(provider: string, state = 's t+1') {
  const url = new URL(`/__authfront/mock-oauth/${provider}/authorize`, WEB)
  url.searchParams.set('redirect_uri', CALLBACK)
  url.searchParams.set('state', state)
  return url
}

/** Whether the promise is still pending once everything queued so far has run. */
async function isPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending')
  const winner = await Promise.race([promise, new Promise((resolve) => setTimeout(resolve, 0, marker))])
  return winner === marker
}

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.replaceChildren()
})

describe('startMockBackend on the provider page', () => {
  it('renders the consent page with plain DOM, never resolves, and navigates on a choice', async () => {
    const backend = backendWith()
    vi.stubGlobal('navigator', { serviceWorker: {} })
    const replace = vi.fn()
    vi.spyOn(window, 'location', 'get').mockReturnValue({
      ...window.location,
      href: authorizeUrl('acme').href,
      hostname: 'localhost',
      replace,
    } as Location)
    const started = startMockBackend(backend)
    expect(await isPending(started)).toBe(true)
    expect(document.querySelector('h1')?.textContent).toBe('Sign in to Acme (authfront mock provider)')
    const buttons = [...document.querySelectorAll('button')]
    // Data is text, never markup.
    expect(buttons.map((button) => button.textContent)).toEqual(['<img src=x onerror=alert(1)>', 'Cancel'])
    expect(document.querySelector('img')).toBeNull()
    buttons[0]!.click()
    const target = new URL(replace.mock.calls[0]![0] as string)
    expect(`${target.origin}${target.pathname}`).toBe(CALLBACK)
    expect(target.searchParams.get('state')).toBe('s t+1')
    expect(target.searchParams.get('code')).toBeTruthy()
    buttons[1]!.click()
    const cancel = new URL(replace.mock.calls[1]![0] as string)
    expect(Object.fromEntries(cancel.searchParams)).toEqual({ error: 'access_denied', state: 's t+1' })
  })

  it('with autoConsent goes straight back with the first user', async () => {
    const backend = backendWith(true)
    vi.stubGlobal('navigator', { serviceWorker: {} })
    const replace = vi.fn()
    vi.spyOn(window, 'location', 'get').mockReturnValue({
      ...window.location,
      href: authorizeUrl('google').href,
      hostname: 'localhost',
      replace,
    } as Location)
    expect(await isPending(startMockBackend(backend))).toBe(true)
    expect(document.body.childElementCount).toBe(0)
    expect(new URL(replace.mock.calls[0]![0] as string).searchParams.get('code')).toBeTruthy()
  })

  it('is not a provider page for other paths or a backend without ThirdParty', () => {
    expect(backendWith().providerPage(`${WEB}/auth`)).toBeUndefined()
    expect(backendWith().providerPage(`${WEB}/__authfront/mock-oauth/google/AUTHORIZE`)).toBeUndefined()
    expect(
      createMockBackend({ apiDomain: 'http://localhost:3001' }).providerPage(authorizeUrl('google')),
    ).toBeUndefined()
    expect(backendWith().providerPage(authorizeUrl('nope'))).toEqual({
      kind: 'error',
      message: "Unknown provider 'nope'.",
    })
  })
})
