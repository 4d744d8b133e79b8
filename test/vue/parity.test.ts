/**
 * Renders the same flow state with the React and the Vue AuthScreen and compares the DOM, state by state, so a
 * drift shows up here with both trees side by side (the shared __markup__ files only hold the states the contract
 * suites reach).
 */
import { createElement } from 'react'
import type { ReactElement } from 'react'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { createApp, h, nextTick, shallowRef } from 'vue'
import type { App } from 'vue'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createAuthClient,
  createMemoryCookieJar,
  createMemoryLock,
  createMemoryStorage,
  multitenancy,
  passwordless,
  thirdParty,
} from 'authfront'
import type { ContactMethod } from 'authfront'
import { AuthProvider, AuthScreen as ReactScreen, SignInUp as ReactSignInUp } from 'authfront/react'
import { authPlugin, AuthScreen as VueScreen, SignInUp as VueSignInUp } from 'authfront/vue'
import { createEmailVerificationFlow, createResetPasswordFlow, createSignInUpFlow } from '../../src/flows'
import type { FieldConfig, ScreenFlow, ScreenState } from '../../src/flows'
import { normalizeMarkup } from '../contract'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const client = (contactMethod?: ContactMethod) =>
  createAuthClient({
    apiDomain: 'http://parity.test',
    recipes: contactMethod
      ? [
          thirdParty({ providers: ['google', 'github'], storage: createMemoryStorage() }),
          passwordless({ contactMethod }),
          multitenancy(),
        ]
      : [],
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

/** Mounts a React element and a Vue app side by side; both are removed after the test. */
async function mountBoth(reactElement: ReactElement, vueApp: App) {
  const reactHost = document.body.appendChild(document.createElement('div'))
  const root = createRoot(reactHost)
  act(() => root.render(reactElement))
  const vueHost = document.body.appendChild(document.createElement('div'))
  vueApp.mount(vueHost)
  await nextTick()
  cleanups.push(() => {
    act(() => root.unmount())
    vueApp.unmount()
    reactHost.remove()
    vueHost.remove()
  })
  return { react: reactHost, vue: vueHost }
}

/** Both trees for one flow state, with Vue's and React's own serializations. */
async function renderBoth(flow: ScreenFlow<ScreenState>) {
  const state = flow.getState()
  const vueState = shallowRef(state)
  return mountBoth(
    createElement(ReactScreen, { flow, state }),
    createApp({ render: () => h(VueScreen, { flow, state: vueState.value }) }),
  )
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

function expectSameHosts({ react, vue }: { react: Element; vue: Element }) {
  expect(normalizeMarkup(vue.firstElementChild!)).toBe(normalizeMarkup(react.firstElementChild!))
  expect(rawWithoutValueAttributes(vue)).toBe(rawWithoutValueAttributes(react))
  // No placeholder comments or extra text nodes in the Vue tree.
  expect(vue.innerHTML).not.toContain('<!--')
}

async function expectSameDom(flow: ScreenFlow<ScreenState>) {
  expectSameHosts(await renderBoth(flow))
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

/** The React and the Vue `SignInUp`, each with its own client from `make`, compared after `interact` on both. */
async function renderSignInUpBoth(
  make: () => ReturnType<typeof client>,
  props: Record<string, unknown>,
  interact: (host: Element) => void = () => undefined,
) {
  const hosts = await mountBoth(
    createElement(AuthProvider, { client: make() }, createElement(ReactSignInUp, props)),
    createApp({ render: () => h(VueSignInUp, props) }).use(authPlugin, { client: make() }),
  )
  act(() => interact(hosts.react))
  interact(hosts.vue)
  await nextTick()
  expectSameHosts(hosts)
  return hosts
}

describe('Vue and React SignInUp render the same sign-in methods', () => {
  const props = { search: '', idPrefix: 'p', redirectIfSignedIn: false }

  it.each(['EMAIL', 'PHONE', 'EMAIL_OR_PHONE'] as const)(
    'sign-in and sign-up with a %s contact form',
    async (method) => {
      await renderSignInUpBoth(() => client(method), props)
      await renderSignInUpBoth(() => client(method), { ...props, initialScreen: 'signUp', unstyled: true })
    },
  )

  it('while the tenant methods load', async () => {
    const pending = () => {
      const c = client('EMAIL')
      c.getLoginMethods = () => new Promise(() => undefined)
      return c
    }
    const { vue } = await renderSignInUpBoth(pending, { ...props, loginMethods: 'dynamic' })
    expect(vue.querySelector('[data-af-root]')?.getAttribute('aria-busy')).toBe('true')
  })

  it('while a provider redirect starts', async () => {
    const stalled = () => {
      const c = client('EMAIL')
      c.thirdParty.redirectToProvider = () => new Promise(() => undefined)
      return c
    }
    const { vue } = await renderSignInUpBoth(stalled, { ...props, firstFactors: ['thirdparty', 'otp-email'] }, (host) =>
      host.querySelector<HTMLButtonElement>('[data-af-provider="github"]')!.click(),
    )
    expect(vue.querySelector('[data-af-provider="github"]')?.getAttribute('aria-busy')).toBe('true')
  })
})
