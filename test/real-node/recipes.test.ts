/**
 * Email verification and password reset with a real supertokens-node backend: the tokens come from the links node
 * puts in its emails (its email delivery is overridden to keep them), so the links' paths are checked against the
 * screens authfront serves too.
 */
import { describe, expect, test } from 'vitest'
import { createAuthClient, multitenancy, resolveAuthRoute } from 'authfront'
import { freshEmail, openTab, signUp, useRealBackend } from './setup'

const backend = useRealBackend()

/** The newest email node sent to `to`, with the token of its link. */
function latestEmail(to: string) {
  const email = backend.app.outbox.filter((sent) => sent.to === to).at(-1)
  if (!email?.link) throw new Error(`no email with a link to ${to}`)
  return { ...email, link: email.link, token: email.link.searchParams.get('token') ?? '' }
}

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('email verification: the st-ev claim fails, node emails a link, verifying it turns the claim true', async () => {
    const tab = openTab(backend.app, { mode, emailVerification: 'required' })
    const { email } = await signUp(tab, 'verify')
    expect((await tab.client.session.getAccessTokenPayload())['st-ev']).toMatchObject({ v: false })
    expect(await tab.client.emailVerification.isVerified()).toBe(false)
    expect((await tab.client.session.validateClaims()).map((error) => error.id)).toEqual(['st-ev'])

    // A route that requires the claim answers 403 with node's claim validation errors.
    tab.reset()
    const refused = await tab.client.doFetch(`${backend.app.url}/api/verified-only`)
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual({
      message: 'invalid claim',
      claimValidationErrors: [
        { id: 'st-ev', reason: { message: 'wrong value', expectedValue: true, actualValue: false } },
      ],
    })
    expect(tab.events).toEqual([
      {
        type: 'API_INVALID_CLAIM',
        claimValidationErrors: [expect.objectContaining({ id: 'st-ev', reason: expect.anything() })],
      },
    ])
    expect(tab.client.store.getState().invalidClaims.map((error) => error.id)).toEqual(['st-ev'])

    expect(await tab.client.emailVerification.sendEmail()).toEqual({ status: 'OK' })
    const sent = latestEmail(email)
    expect(sent.type).toBe('EMAIL_VERIFICATION')
    expect(resolveAuthRoute(sent.link.pathname, '/auth')).toEqual({ name: 'verifyEmail' })
    expect(sent.link.searchParams.get('tenantId')).toBe('public')

    expect(await tab.client.emailVerification.verify(sent.token)).toEqual({ status: 'OK' })
    expect(await tab.client.emailVerification.isVerified()).toBe(true)
    expect((await tab.client.session.getAccessTokenPayload())['st-ev']).toMatchObject({ v: true })
    expect(await tab.client.session.validateClaims()).toEqual([])
    expect((await tab.client.doFetch(`${backend.app.url}/api/verified-only`)).status).toBe(200)

    // A link used twice is a typed result, not an error.
    expect(await tab.client.emailVerification.verify(sent.token)).toEqual({
      status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR',
    })
  })

  test('password reset: node emails a link, its token sets the new password once', async () => {
    const tab = openTab(backend.app, { mode })
    const { email } = await signUp(tab, 'reset')
    await tab.client.session.signOut()

    expect(await tab.client.emailPassword.emailExists(email)).toBe(true)
    expect(await tab.client.emailPassword.emailExists(freshEmail('nobody'))).toBe(false)
    expect(await tab.client.emailPassword.sendPasswordResetEmail(email)).toEqual({ status: 'OK' })
    const sent = latestEmail(email)
    expect(sent.type).toBe('PASSWORD_RESET')
    expect(resolveAuthRoute(sent.link.pathname, '/auth')).toEqual({ name: 'resetPassword' })
    expect(sent.link.searchParams.get('tenantId')).toBe('public')

    expect(await tab.client.emailPassword.resetPassword({ token: sent.token, password: 'short' })).toMatchObject({
      status: 'FIELD_ERROR',
      fieldErrors: { password: expect.any(String) },
    })
    expect(await tab.client.emailPassword.resetPassword({ token: sent.token, password: 'password2' })).toEqual({
      status: 'OK',
    })
    expect(await tab.client.emailPassword.resetPassword({ token: sent.token, password: 'password3' })).toEqual({
      status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR',
    })
    expect(await tab.client.emailPassword.signIn({ email, password: 'password1' })).toEqual({
      status: 'WRONG_CREDENTIALS_ERROR',
    })
    expect((await tab.client.emailPassword.signIn({ email, password: 'password2' })).status).toBe('OK')
    expect(tab.client.store.getState().status).toBe('signedIn')
  })
})

test("multitenancy: the public tenant's login methods, as node derives them from its recipes and the core", async () => {
  const paths: string[] = []
  const client = createAuthClient({
    apiDomain: backend.app.url,
    recipes: [multitenancy()],
    platform: {
      fetch: (input, init) => {
        paths.push(new Request(input, init).url.replace(backend.app.url, ''))
        return fetch(input, init)
      },
    },
  })
  expect(await client.getLoginMethods()).toEqual({
    status: 'OK',
    firstFactors: ['emailpassword', 'thirdparty', 'otp-email', 'otp-phone', 'link-email', 'link-phone'],
    providers: [{ id: 'acme', name: 'Acme' }],
  })
  expect(paths).toEqual(['/auth/loginmethods'])
})
