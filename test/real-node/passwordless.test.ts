/**
 * Passwordless with a real supertokens-node backend (`EMAIL_OR_PHONE`, `USER_INPUT_CODE_AND_MAGIC_LINK`), driven by
 * authfront's `passwordless()` plugin. Node's email and SMS delivery are overridden to keep the messages, so the codes
 * and magic links are the ones node built.
 */
import { afterEach, describe, expect, test, vi } from 'vitest'
import { passwordless, resolveAuthRoute } from 'authfront'
import { freshEmail, openTab, useRealBackend } from './setup'
import type { TabOptions } from './setup'

const backend = useRealBackend()
afterEach(() => {
  vi.restoreAllMocks()
})

const codeTab = (options: TabOptions) =>
  openTab(backend.app, { ...options, recipes: [passwordless({ contactMethod: 'EMAIL_OR_PHONE' })] })

let phoneCounter = 0
const freshPhone = () => `+1415555${String(++phoneCounter).padStart(4, '0')}`

/** The newest message node sent to `to`, with its code and the link's code (the fragment). */
function latestMessage(to: string) {
  const message = backend.app.outbox.filter((sent) => sent.to === to).at(-1)
  if (!message?.link) throw new Error(`no message with a link to ${to}`)
  return { ...message, link: message.link, code: message.code ?? '', linkCode: message.link.hash.slice(1) }
}

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000')

describe.each(['cookie', 'header'] as const)('%s mode', (mode) => {
  test('a code by email: a wrong code shows the attempts, the right one signs a new user in, then in again', async () => {
    const tab = codeTab({ mode })
    const email = freshEmail('otp')
    expect(await tab.client.passwordless.createCode({ email })).toMatchObject({
      status: 'OK',
      attempt: { flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK', contactMethod: 'EMAIL', contactInfo: email },
    })
    const sent = latestMessage(email)
    expect(sent.type).toBe('PASSWORDLESS_LOGIN')
    expect(sent.code).toMatch(/^\d{6}$/)
    // Node's link lands on our magic-link screen, for this attempt and tenant.
    expect(resolveAuthRoute(sent.link.pathname, '/auth')).toEqual({ name: 'verify' })
    expect(sent.link.searchParams.get('preAuthSessionId')).toBe(
      tab.client.passwordless.getLoginAttempt()?.preAuthSessionId,
    )
    expect(sent.link.searchParams.get('tenantId')).toBe('public')

    expect(await tab.client.passwordless.consumeCode({ userInputCode: wrongCode(sent.code) })).toEqual({
      status: 'INCORRECT_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 1,
      maximumCodeInputAttempts: 5,
    })
    expect(tab.client.passwordless.getLoginAttempt()).toBeDefined()
    const signedUp = await tab.client.passwordless.consumeCode({ userInputCode: sent.code })
    expect(signedUp).toMatchObject({
      status: 'OK',
      createdNewRecipeUser: true,
      user: { emails: [email], loginMethods: [{ recipeId: 'passwordless', email, verified: true }] },
    })
    if (signedUp.status !== 'OK') throw new Error('not signed in')
    expect(tab.eventTypes()).toEqual(['SESSION_CREATED'])
    expect(tab.client.passwordless.getLoginAttempt()).toBeUndefined()
    // A code that reached the inbox proves the address: node's email verification claim is true at once.
    expect((await tab.client.session.getAccessTokenPayload())['st-ev']).toMatchObject({ v: true })
    expect(await (await tab.client.doFetch(`${backend.app.url}/api/me`)).json()).toEqual({ userId: signedUp.user.id })

    await tab.client.session.signOut()
    await tab.client.passwordless.createCode({ email })
    expect(await tab.client.passwordless.consumeCode({ userInputCode: latestMessage(email).code })).toMatchObject({
      status: 'OK',
      createdNewRecipeUser: false,
      user: { id: signedUp.user.id },
    })
  })
})

test('a code by text message, sent again: the new code signs in', async () => {
  const tab = codeTab({ mode: 'cookie' })
  const phoneNumber = freshPhone()
  expect(await tab.client.passwordless.createCode({ phoneNumber })).toMatchObject({
    status: 'OK',
    attempt: { contactMethod: 'PHONE', contactInfo: phoneNumber },
  })
  const first = latestMessage(phoneNumber)
  expect(await tab.client.passwordless.resendCode()).toMatchObject({ status: 'OK' })
  const second = latestMessage(phoneNumber)
  expect(backend.app.outbox.filter((sent) => sent.to === phoneNumber)).toHaveLength(2)
  expect(second.code).not.toBe(first.code)
  expect(await tab.client.passwordless.consumeCode({ userInputCode: second.code })).toMatchObject({
    status: 'OK',
    createdNewRecipeUser: true,
    user: { phoneNumbers: [phoneNumber], emails: [], loginMethods: [{ recipeId: 'passwordless', phoneNumber }] },
  })
})

test("node's magic link, opened in a second tab, signs in there; the first tab's attempt is then over", async () => {
  const first = codeTab({ mode: 'cookie' })
  const email = freshEmail('link')
  // Another browser asked for a code for the same address first: its own attempt (device).
  const elsewhere = codeTab({ mode: 'cookie' })
  await elsewhere.client.passwordless.createCode({ email })
  const elsewhereCode = latestMessage(email).code
  await first.client.passwordless.createCode({ email, redirectToPath: '/orders' })
  const sent = latestMessage(email)

  const second = codeTab({ mode: 'cookie' })
  expect(second.client.passwordless.readMagicLink(sent.link.href)).toEqual({
    preAuthSessionId: first.client.passwordless.getLoginAttempt()?.preAuthSessionId,
    tenantId: 'public',
    linkCode: sent.linkCode,
    isSameBrowser: false,
  })
  expect(await second.client.passwordless.consumeMagicLink({ url: sent.link.href })).toMatchObject({
    status: 'OK',
    createdNewRecipeUser: true,
    user: { emails: [email] },
    // Only the tab that started the attempt knows where to go next.
    redirectToPath: undefined,
  })
  expect(await second.client.session.exists()).toBe(true)
  expect(await first.client.session.exists()).toBe(false)

  // Signing in ended every attempt for the address: the first tab's code, the other browser's, and the link itself.
  expect(await first.client.passwordless.consumeCode({ userInputCode: sent.code })).toEqual({
    status: 'RESTART_FLOW_ERROR',
  })
  expect(first.client.passwordless.getLoginAttempt()).toBeUndefined()
  expect(await elsewhere.client.passwordless.consumeCode({ userInputCode: elsewhereCode })).toEqual({
    status: 'RESTART_FLOW_ERROR',
  })
  const third = codeTab({ mode: 'cookie' })
  expect(await third.client.passwordless.consumeMagicLink({ url: sent.link.href })).toEqual({
    status: 'RESTART_FLOW_ERROR',
  })
})

test('five wrong codes end the attempt with RESTART_FLOW_ERROR', async () => {
  const tab = codeTab({ mode: 'cookie' })
  const email = freshEmail('guess')
  await tab.client.passwordless.createCode({ email })
  const wrong = wrongCode(latestMessage(email).code)
  for (const failed of [1, 2, 3, 4]) {
    expect(await tab.client.passwordless.consumeCode({ userInputCode: wrong })).toEqual({
      status: 'INCORRECT_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: failed,
      maximumCodeInputAttempts: 5,
    })
  }
  expect(await tab.client.passwordless.consumeCode({ userInputCode: wrong })).toEqual({ status: 'RESTART_FLOW_ERROR' })
  expect(tab.client.passwordless.getLoginAttempt()).toBeUndefined()
  expect(tab.requests.filter((request) => request === 'POST /auth/signinup/code/consume')).toHaveLength(5)
  expect(await tab.client.session.exists()).toBe(false)
})

test('a code past its 15 minutes is EXPIRED_USER_INPUT_CODE_ERROR; a code sent again works', async () => {
  const tab = codeTab({ mode: 'cookie' })
  const email = freshEmail('late')
  await tab.client.passwordless.createCode({ email })
  const { code } = latestMessage(email)
  const now = Date.now.bind(Date)
  vi.spyOn(Date, 'now').mockImplementation(() => now() + 15 * 60_000 + 1_000)
  expect(await tab.client.passwordless.consumeCode({ userInputCode: code })).toEqual({
    status: 'EXPIRED_USER_INPUT_CODE_ERROR',
    failedCodeInputAttemptCount: 1,
    maximumCodeInputAttempts: 5,
  })
  expect(tab.client.passwordless.getLoginAttempt()).toBeDefined()
  expect(await tab.client.passwordless.resendCode()).toMatchObject({ status: 'OK' })
  expect(await tab.client.passwordless.consumeCode({ userInputCode: latestMessage(email).code })).toMatchObject({
    status: 'OK',
    createdNewRecipeUser: true,
  })
})
