import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, waitFor } from '@testing-library/vue'
import userEvent from '@testing-library/user-event'
import { createMemoryStorage, fr, passwordless, thirdParty } from 'authfront'
import { AuthPage, authPlugin } from 'authfront/vue'
import { createCase, useContractServer } from '../contract'
import { trackClient } from './listeners'

afterEach(() => cleanup())

const recipes = () => [
  thirdParty({ providers: ['google', 'github'], navigate: () => undefined, storage: createMemoryStorage() }),
  passwordless({ contactMethod: 'EMAIL' }),
]

describe('AuthPage', () => {
  useContractServer()

  // First in the file: the recipe plugins of later cases register the recipe texts for the rest of the run.
  it('says "Page not found" for another path, also in an app without recipe plugins', async () => {
    const c = await createCase()
    const view = render(AuthPage, {
      props: { pathname: '/auth/nope' },
      global: { plugins: [[authPlugin, { client: c.client }]] },
    })
    expect(view.getByRole('heading').textContent).toBe('Page not found')
    expect(view.container.querySelector('[data-af-description]')?.textContent).toBe(
      'There is no sign-in page at this address.',
    )
  })

  it('follows vue-router: an auth screen that navigates with router.push shows the next one in place', async () => {
    const c = await createCase({ recipes: recipes() })
    const tracked = trackClient(c.client)
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/auth/:rest(.*)*', component: AuthPage },
        { path: '/:any(.*)*', component: { render: () => h('p', 'Home') } },
      ],
    })
    await router.push('/auth')
    const view = render(
      defineComponent(() => () => h(RouterView)),
      { global: { plugins: [router, [authPlugin, { client: c.client, router }]] } },
    )
    await view.findByRole('button', { name: 'Continue with Google' })
    await userEvent.setup().click(view.getByRole('link', { name: 'Forgot password?' }))
    // The route record is the same (catch-all), so only the reactive route can move AuthPage to the new screen.
    await view.findByRole('heading', { name: 'Reset your password' })
    expect(router.currentRoute.value.path).toBe('/auth/reset-password')
    await router.push('/auth/somewhere-else')
    await view.findByRole('heading', { name: 'Page not found' })
    view.unmount()
    expect(tracked.listeners).toBe(0)
    expect(tracked.mounts).toBe(0)
  })

  it('gives each screen only the props it declares, so none lands on the page as an attribute', async () => {
    const c = await createCase({ recipes: recipes() })
    const view = render(
      defineComponent({
        components: { AuthPage },
        setup: () => ({ navigate: c.navigate }),
        template: `
          <AuthPage pathname="/auth/reset-password" search="" :navigate="navigate" theme="dark"
            :first-factors="['thirdparty']" login-methods="static" :resend-cooldown-seconds="5"
            :sign-up-fields="[]" url="http://localhost/auth/verify" />`,
      }),
      { global: { plugins: [[authPlugin, { client: c.client }]] } },
    )
    const root = await waitFor(() => view.container.querySelector('[data-af-root="resetPassword"]')!)
    expect(root.getAttributeNames().sort()).toEqual(['data-af-root', 'data-af-screen', 'data-af-theme'])
    expect(root.getAttribute('data-af-theme')).toBe('dark')
  })

  it('says "Page not found" in the locale given, unstyled when asked', async () => {
    const c = await createCase()
    const view = render(AuthPage, {
      props: {
        pathname: '/auth/nope',
        locale: fr,
        messages: { 'authPage.notFound.message': 'Rien ici.' },
        unstyled: true,
      },
      global: { plugins: [[authPlugin, { client: c.client }]] },
    })
    const root = view.container.querySelector('[data-af-root="authPage"]')!
    expect(root.hasAttribute('data-af-theme')).toBe(false)
    expect(view.getByRole('heading').textContent).toBe('Page introuvable')
    expect(root.querySelector('[data-af-description]')?.textContent).toBe('Rien ici.')
  })
})
