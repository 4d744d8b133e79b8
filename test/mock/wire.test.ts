import { describe, expect, it } from 'vitest'
import { createTestCookieJar, readFrontTokenHeader, startSignedIn, startUnverified } from 'authfront/mock'
import * as wire from '../../src/client/wire'
import { B, call, form, installServer } from './helpers'

// The mock spells the wire names on its own (an independent implementation of the protocol); these tests hold its
// spelling equal to the client's single list in src/client/wire.ts.
const { useBackend } = installServer()
const seed = { users: [{ email: 'ada@example.com', password: 'password1' }] }
const names = (header: string | null) => (header ?? '').split(',').map((name) => name.trim().toLowerCase())

describe('the mock and the client name the same headers, cookies and claims', () => {
  it('the preflight allows every request header the client sends', async () => {
    useBackend(seed)
    const preflight = await fetch(`${B}/signin`, { method: 'OPTIONS' })
    expect(names(preflight.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining([
        wire.RID_HEADER,
        wire.FDI_VERSION_HEADER,
        wire.AUTH_MODE_HEADER,
        wire.ANTI_CSRF_HEADER,
        wire.AUTHORIZATION_HEADER,
      ]),
    )
  })

  it('sign-in answers with the response headers the client reads, and exposes them', async () => {
    useBackend({ ...seed, antiCsrf: 'VIA_TOKEN' })
    const cookie = await call('/signin', {
      body: form('ada@example.com', 'password1'),
      headers: { [wire.FDI_VERSION_HEADER]: wire.FDI_VERSION },
    })
    expect(cookie.headers.get(wire.FRONT_TOKEN_HEADER)).toBeTruthy()
    expect(cookie.headers.get(wire.ANTI_CSRF_HEADER)).toBeTruthy()
    useBackend(seed)
    const header = await call('/signin', { body: form('ada@example.com', 'password1'), mode: 'header' })
    expect(header.headers.get(wire.ACCESS_TOKEN_HEADER)).toBeTruthy()
    expect(header.headers.get(wire.REFRESH_TOKEN_HEADER)).toBeTruthy()
    expect(names(header.headers.get('access-control-expose-headers'))).toEqual(
      expect.arrayContaining([wire.FRONT_TOKEN_HEADER, wire.ACCESS_TOKEN_HEADER, wire.REFRESH_TOKEN_HEADER]),
    )
  })

  it('anti-CSRF by custom header accepts the rid the client sets on its own requests', async () => {
    const backend = useBackend({ ...seed, antiCsrf: 'VIA_CUSTOM_HEADER' })
    startSignedIn(backend, { cookies: createTestCookieJar() })
    const post = (headers: Record<string, string>) =>
      fetch(`${B}/signout`, { method: 'POST', credentials: 'include', headers })
    expect((await post({})).status).toBeGreaterThan(399)
    expect((await post({ [wire.RID_HEADER]: wire.ANTI_CSRF_RID })).status).not.toBeGreaterThan(399)
  })

  it('the test kit writes the frontend cookies under the names the client reads', () => {
    const written = (transferMethod: 'cookie' | 'header') => {
      const jar = createTestCookieJar()
      startSignedIn(useBackend({ ...seed, antiCsrf: 'VIA_TOKEN' }), { cookies: jar, transferMethod })
      return jar
        .read()
        .split('; ')
        .map((pair) => pair.slice(0, pair.indexOf('=')))
        .sort()
    }
    expect(written('cookie')).toEqual([wire.FRONT_TOKEN_COOKIE, wire.LAST_UPDATE_COOKIE, wire.ANTI_CSRF_COOKIE].sort())
    expect(written('header')).toEqual(
      [wire.FRONT_TOKEN_COOKIE, wire.LAST_UPDATE_COOKIE, wire.ACCESS_TOKEN_COOKIE, wire.REFRESH_TOKEN_COOKIE].sort(),
    )
  })

  it('the email verification claim has the id the client validates', () => {
    const backend = useBackend({ ...seed, emailVerification: 'required' })
    const jar = createTestCookieJar()
    startUnverified(backend, { cookies: jar })
    const payload = readFrontTokenHeader(jar.get(wire.FRONT_TOKEN_COOKIE))?.up
    expect(payload).toHaveProperty([wire.EMAIL_VERIFICATION_CLAIM])
  })
})
