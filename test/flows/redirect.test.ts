import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { joinPath, safeRedirectPath, withQuery } from '../../src/flows'

describe('safeRedirectPath', () => {
  it.each(['/', '/account', '/account?tab=2#billing', '/search?q=%2F%2Fnot-a-host', '/%E2%9C%93'])(
    'keeps the same-origin relative path %s',
    (path) => {
      expect(safeRedirectPath(path)).toBe(path)
    },
  )

  it.each([
    ['/a/b/../c', '/a/c'],
    ['/./account', '/account'],
    ['/a/%2e%2e/b?x=1#y', '/b?x=1#y'],
    ['/a b', '/a%20b'],
  ])('returns %s as the browser resolves it: %s', (path, normalised) => {
    expect(safeRedirectPath(path)).toBe(normalised)
  })

  it.each([
    ['dot-dot then protocol-relative', '/..//evil.example/x'],
    ['dot then protocol-relative', '/.//evil.example/x'],
    ['encoded dot-dot', '/%2e%2e//evil.example/x'],
    ['encoded dot', '/%2E//evil.example/x'],
    ['segment then dot-dot', '/a/..//evil.example/x'],
    ['double-encoded dot-dot', '/%252e%252e//evil.example/x'],
    ['encoded dot-dot and slash', '/%2e%2e/%2fevil.example/x'],
    ['protocol-relative', '//evil.example/x'],
    ['backslash', '/\\evil.example'],
    ['backslash first', '\\\\evil.example'],
    ['absolute http', 'https://evil.example/'],
    ['javascript', 'javascript:alert(1)'],
    ['javascript with slash', '/javascript:alert(1)'.slice(1)],
    ['data', 'data:text/html,hi'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['encoded slash start', '%2F%2Fevil.example'],
    ['double encoded', '/%252F%252Fevil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['tab inside', '/\t/evil.example'],
    ['newline', '/\nfoo'],
    ['encoded newline', '/%0A/evil.example'],
    ['NUL', '/a\u0000b'],
    ['relative without slash', 'account'],
    ['leading space', ' /account'],
    ['empty', ''],
    ['over-long', `/${'a'.repeat(2048)}`],
    ['broken encoding', '/%E0%A4%A'],
  ])('rejects %s', (_, value) => {
    expect(safeRedirectPath(value, '/home')).toBe('/home')
  })

  it('rejects non-strings and defaults to "/"', () => {
    expect(safeRedirectPath(undefined)).toBe('/')
    expect(safeRedirectPath(42)).toBe('/')
  })

  it('never returns a value that leaves the origin', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const result = safeRedirectPath(value, '/')
        const resolved = new URL(result, 'https://app.example')
        expect(resolved.origin).toBe('https://app.example')
        expect(result.startsWith('/')).toBe(true)
        expect(result.startsWith('//')).toBe(false)
        expect(resolved.pathname.startsWith('//')).toBe(false)
      }),
    )
  })

  it('never returns a path the browser resolves to a protocol-relative one, whatever the dot segments', () => {
    const segment = fc.constantFrom('..', '.', '', '%2e%2e', '%2E', '%252e%252e', '%2f', '%2F%2F', 'evil.example', 'a')
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const result = safeRedirectPath(`/${segments.join('/')}`, '/')
        // Decoded as a server or router may, resolved as the browser does: never `//host`.
        let candidate = result
        for (let round = 0; round < 3; round++) {
          expect(new URL(candidate, 'https://app.example').pathname.startsWith('//')).toBe(false)
          candidate = decodeURIComponent(candidate)
        }
      }),
    )
  })
})

describe('path helpers', () => {
  it('joins the website base path', () => {
    expect(joinPath('/auth', '/reset-password')).toBe('/auth/reset-password')
    expect(joinPath('/', '/reset-password')).toBe('/reset-password')
    expect(joinPath('/')).toBe('/')
    expect(joinPath('/auth/')).toBe('/auth')
  })

  it('adds query parameters, skipping undefined ones', () => {
    expect(withQuery('/auth', { redirectToPath: '/a?b=1' })).toBe('/auth?redirectToPath=%2Fa%3Fb%3D1')
    expect(withQuery('/auth', { redirectToPath: undefined })).toBe('/auth')
  })
})
