// The session snapshot in Chromium (issue 18 item 4): a mounted client trusts its last `document.cookie` read until
// the CookieStore `change` event (or its own write) says otherwise. Another tab's write is simulated by writing
// `document.cookie` directly: the same cookie store, and the same event, as a write from another tab.
import { afterEach, expect, test } from 'vitest'
import { createAuthClient, encodeFrontToken } from 'authfront'

const API = 'http://localhost:3009'
const COOKIES = ['sFrontToken', 'st-last-access-token-update', 'st-access-token', 'st-refresh-token']

afterEach(() => {
  for (const name of COOKIES) document.cookie = `${name}=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/`
  delete (document as { cookie?: string }).cookie
})

const frontToken = () =>
  encodeFrontToken({ uid: 'u1', ate: Date.now() + 3_600_000, up: { sub: 'u1', sessionHandle: 'h1' } })

/** A header-mode client over the real `document.cookie`, whose fetch answers at once and records what was sent. */
function start() {
  const sent: (string | null)[] = []
  const client = createAuthClient({
    apiDomain: API,
    tokenTransferMethod: 'header',
    platform: {
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input)
        if (url.endsWith('/auth/signin')) {
          return Response.json(
            { status: 'OK', user: { id: 'u1' } },
            {
              headers: { 'front-token': frontToken(), 'st-access-token': 'token-1', 'st-refresh-token': 'refresh-1' },
            },
          )
        }
        sent.push(new Headers(init?.headers).get('authorization'))
        return Response.json({ ok: true })
      },
    },
  })
  return { client, sent }
}

/** Counts the page's `document.cookie` reads from now on. */
function countCookieReads() {
  const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!
  let reads = 0
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get() {
      reads++
      return native.get!.call(this)
    },
    set(value: string) {
      native.set!.call(this, value)
    },
  })
  return () => reads
}

type CookieChange = Event & { changed: { name: string }[]; deleted: { name: string }[] }

/** Resolves on the CookieStore `change` event that reports `name` (the client's listener, added earlier, has run). */
const cookieChange = (name: string) =>
  new Promise<void>((resolve) => {
    const store = (globalThis as unknown as { cookieStore: EventTarget }).cookieStore
    const listener = (event: Event) => {
      const { changed, deleted } = event as CookieChange
      if ([...changed, ...deleted].some((cookie) => cookie.name === name)) {
        store.removeEventListener('change', listener)
        resolve()
      }
    }
    store.addEventListener('change', listener)
  })

test('Chromium has the CookieStore change event the snapshot relies on', () => {
  expect('cookieStore' in globalThis).toBe(true)
})

test('a mounted client does not read document.cookie per call while the cookies do not change', async () => {
  const { client, sent } = start()
  await client.emailPassword.signIn({ email: 'a@example.com', password: 'password1' })
  const unmount = client.mount()
  await client.session.exists()
  await client.doFetch(API + '/api/me')
  const reads = countCookieReads()
  for (let i = 0; i < 20; i++) await client.doFetch(API + '/api/me')
  expect(reads()).toBe(0)
  expect(sent.at(-1)).toBe('Bearer token-1')
  unmount()
})

test('a cookie written by someone else (another tab) is sent by the first call after the change event', async () => {
  const { client, sent } = start()
  await client.emailPassword.signIn({ email: 'a@example.com', password: 'password1' })
  const unmount = client.mount()
  await client.doFetch(API + '/api/me')
  expect(sent.at(-1)).toBe('Bearer token-1')
  const changed = cookieChange('st-access-token')
  document.cookie = 'st-access-token=token-2;path=/'
  await changed
  await client.doFetch(API + '/api/me')
  expect(sent.at(-1)).toBe('Bearer token-2')
  // And a sign-out elsewhere, which clears the tokens: the next call goes without one.
  const cleared = cookieChange('st-access-token')
  for (const name of ['sFrontToken', 'st-refresh-token', 'st-access-token']) {
    document.cookie = `${name}=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/`
  }
  await cleared
  await client.doFetch(API + '/api/me')
  expect(sent.at(-1)).toBe(null)
  unmount()
})
