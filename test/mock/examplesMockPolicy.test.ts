import { describe, expect, it } from 'vitest'
import { canUsePasskeys, chooseBackend } from '../../examples/common/mockPolicy'

// The examples are what apps copy: their production builds must not answer sign-ins from an in-page mock by accident.
describe('examples: which backend a build uses', () => {
  it('uses the configured API whenever VITE_API_DOMAIN is set', () => {
    const env = { PROD: true, VITE_API_DOMAIN: 'https://api.example.com' }
    expect(chooseBackend(env, 'app.example.com')).toEqual({ kind: 'api', apiDomain: 'https://api.example.com' })
  })

  it('runs the mock in development, under any hostname', () => {
    expect(chooseBackend({ PROD: false }, 'localhost')).toEqual({ kind: 'mock', allowNonLocalhost: true })
    expect(chooseBackend({ PROD: false }, 'app.test')).toEqual({ kind: 'mock', allowNonLocalhost: true })
  })

  it('fails closed in a production build served from a real hostname', () => {
    const choice = chooseBackend({ PROD: true, VITE_API_DOMAIN: '' }, 'app.example.com')
    expect(choice.kind).toBe('none')
    expect(choice).toMatchObject({ reason: expect.stringMatching(/VITE_API_DOMAIN.*VITE_AUTHFRONT_MOCK=true/s) })
  })

  it('keeps the mock for a production build previewed on this machine', () => {
    expect(chooseBackend({ PROD: true }, '127.0.0.1')).toEqual({ kind: 'mock', allowNonLocalhost: false })
  })

  it('runs the mock anywhere in production only when VITE_AUTHFRONT_MOCK=true says so', () => {
    const env = { PROD: true, VITE_AUTHFRONT_MOCK: 'true' }
    expect(chooseBackend(env, 'demo.example.com')).toEqual({ kind: 'mock', allowNonLocalhost: true })
    expect(chooseBackend({ PROD: true, VITE_AUTHFRONT_MOCK: '1' }, 'demo.example.com').kind).toBe('none')
  })
})

// The e2e projects open the examples on 127.0.0.1, where a passkey ceremony can only fail (and its autofill with it).
describe('examples: passkeys only where the hostname can be a relying party id', () => {
  it('offers them on a domain name, localhost included', () => {
    expect(canUsePasskeys('localhost')).toBe(true)
    expect(canUsePasskeys('app.example.com')).toBe(true)
  })

  it('leaves them out on an IP address', () => {
    expect(canUsePasskeys('127.0.0.1')).toBe(false)
    expect(canUsePasskeys('192.168.1.20')).toBe(false)
    expect(canUsePasskeys('[::1]')).toBe(false)
  })
})
