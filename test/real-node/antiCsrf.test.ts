/**
 * supertokens-node with `antiCsrf: 'VIA_TOKEN'`: in cookie mode node issues an `anti-csrf` token with the session and
 * demands it back on state-changing requests and on refresh (docs/PROTOCOL.md §3.2); in header mode there is none.
 */
import { afterEach, expect, test, vi } from 'vitest'
import { openTab, signUp, useRealBackend } from './setup'

const backend = useRealBackend({ antiCsrf: 'VIA_TOKEN' })
afterEach(() => {
  vi.restoreAllMocks()
})

const post = { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }

test('cookie mode: the client sends node its anti-csrf token; the cookies alone are refused', async () => {
  const tab = openTab(backend.app, { mode: 'cookie' })
  const { userId } = await signUp(tab, 'csrf')
  const antiCsrf = tab.frontendCookies.get('sAntiCsrf')
  expect(antiCsrf).toEqual(expect.any(String))

  const ordered = await tab.client.doFetch(`${backend.app.url}/api/orders`, post)
  expect(ordered.status).toBe(200)
  expect(await ordered.json()).toEqual({ userId, ordered: true })

  // What a cross-site form could do: the browser attaches the cookies, but nobody can add the header.
  const forged = await tab.browser.fetch(`${backend.app.url}/api/orders`, post)
  expect(forged.status).toBe(401)
  expect(await tab.client.session.exists()).toBe(true)
})

test('cookie mode: a refresh carries the anti-csrf token; sign-out clears it', async () => {
  const tab = openTab(backend.app, { mode: 'cookie' })
  await signUp(tab, 'csrf-refresh')
  const now = Date.now.bind(Date)
  vi.spyOn(Date, 'now').mockImplementation(() => now() + 2 * 3_600_000)

  expect((await tab.client.doFetch(`${backend.app.url}/api/orders`, post)).status).toBe(200)
  expect(tab.requests).toEqual(['POST /auth/session/refresh', 'POST /api/orders'])
  expect(tab.eventTypes()).toContain('REFRESH_SESSION')
  expect(tab.eventTypes()).not.toContain('UNAUTHORISED')

  tab.reset()
  await tab.client.session.signOut()
  expect(tab.requests).toEqual(['POST /auth/signout'])
  expect(await tab.client.session.exists()).toBe(false)
  expect(tab.frontendCookies.get('sAntiCsrf')).toBeUndefined()
})

test('header mode: no anti-csrf token, and state-changing calls still pass', async () => {
  const tab = openTab(backend.app, { mode: 'header' })
  await signUp(tab, 'csrf-header')
  expect(tab.frontendCookies.get('sAntiCsrf')).toBeUndefined()
  expect((await tab.client.doFetch(`${backend.app.url}/api/orders`, post)).status).toBe(200)
})
