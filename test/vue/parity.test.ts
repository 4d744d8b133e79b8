/**
 * Renders the same flow state with the React and the Vue AuthScreen and compares the DOM, state by state, so a
 * drift shows up here with both trees side by side (the shared __markup__ files only hold the states the contract
 * suites reach).
 */
import { createElement } from 'react'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { createApp, h, nextTick, shallowRef } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import { createAuthClient, createMemoryCookieJar, createMemoryLock, createMemoryStorage } from 'authfront'
import { AuthScreen as ReactScreen } from 'authfront/react'
import { AuthScreen as VueScreen } from 'authfront/vue'
import { createEmailVerificationFlow, createResetPasswordFlow, createSignInUpFlow } from '../../src/flows'
import type { FieldConfig, ScreenFlow, ScreenState } from '../../src/flows'
import { normalizeMarkup } from '../contract'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const client = () =>
  createAuthClient({
    apiDomain: 'http://parity.test',
    platform: {
      cookies: createMemoryCookieJar(),
      storage: createMemoryStorage(),
      lock: createMemoryLock(),
      broadcast: () => undefined,
    },
  })

const FIELDS: FieldConfig[] = [
  { id: 'name', label: 'Full name', autoComplete: 'name' },
  {
    id: 'plan',
    label: 'Plan',
    type: 'select',
    defaultValue: 'free',
    options: [
      { value: 'free', label: 'Free' },
      { value: 'pro', label: 'Pro' },
    ],
  },
  { id: 'newsletter', label: 'Send me news', type: 'checkbox', optional: true },
  { id: 'terms', label: 'I accept the terms', type: 'checkbox' },
]

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** Both trees for one flow state, with Vue's and React's own serializations. */
async function renderBoth(flow: ScreenFlow<ScreenState>) {
  const state = flow.getState()
  const reactHost = document.body.appendChild(document.createElement('div'))
  const root = createRoot(reactHost)
  act(() => root.render(createElement(ReactScreen, { flow, state })))
  const vueHost = document.body.appendChild(document.createElement('div'))
  const vueState = shallowRef(state)
  const app = createApp({ render: () => h(VueScreen, { flow, state: vueState.value }) })
  app.mount(vueHost)
  await nextTick()
  cleanups.push(() => {
    act(() => root.unmount())
    app.unmount()
    reactHost.remove()
    vueHost.remove()
  })
  return { react: reactHost, vue: vueHost }
}

/** Vue's serialization of attributes can differ in order only; React may reflect `value` as an attribute. */
const rawWithoutValueAttributes = (host: Element) => {
  const copy = host.cloneNode(true) as Element
  for (const element of copy.querySelectorAll('input, select')) {
    element.removeAttribute('value')
    element.removeAttribute('checked')
  }
  return normalizeMarkup(copy)
}

async function expectSameDom(flow: ScreenFlow<ScreenState>) {
  const { react, vue } = await renderBoth(flow)
  expect(normalizeMarkup(vue.firstElementChild!)).toBe(normalizeMarkup(react.firstElementChild!))
  expect(rawWithoutValueAttributes(vue)).toBe(rawWithoutValueAttributes(react))
  // No placeholder comments or extra text nodes in the Vue tree.
  expect(vue.innerHTML).not.toContain('<!--')
}

describe('Vue and React AuthScreen render the same DOM', () => {
  it('sign-in', async () => {
    await expectSameDom(createSignInUpFlow(client(), { search: '' }))
  })

  it('sign-up with custom fields, after a failed submit, with a revealed password', async () => {
    const flow = createSignInUpFlow(client(), { search: '', initialScreen: 'signUp', signUpFields: FIELDS })
    flow.setField('email', 'not-an-email')
    flow.togglePasswordVisibility('password')
    await flow.submit()
    expect(flow.getState().fields.some((field) => field.error !== undefined)).toBe(true)
    await expectSameDom(flow)
  })

  it('sign-up with values in every kind of field', async () => {
    const flow = createSignInUpFlow(client(), { search: '', initialScreen: 'signUp', signUpFields: FIELDS })
    flow.setField('name', 'Ada')
    flow.setField('plan', 'pro')
    flow.setField('terms', true)
    await expectSameDom(flow)
  })

  it('unstyled, another id prefix', async () => {
    await expectSameDom(createSignInUpFlow(client(), { search: '', unstyled: true, idPrefix: 'login' }))
  })

  it('reset password: request and new password', async () => {
    await expectSameDom(createResetPasswordFlow(client(), { search: '' }))
    await expectSameDom(createResetPasswordFlow(client(), { search: '?token=abc' }))
  })

  it('email verification: loading and verify', async () => {
    await expectSameDom(createEmailVerificationFlow(client(), { search: '' }))
    await expectSameDom(createEmailVerificationFlow(client(), { search: '?token=abc' }))
  })
})
