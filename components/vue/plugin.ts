import { hasInjectionContext, inject } from 'vue'
import type { App, InjectionKey, Plugin } from 'vue'
import type { AuthClient } from '../../src/client/types'

/** The injection key the plugin provides the client under. Use `useAuthClient()` rather than injecting it yourself. */
export const authClientKey: InjectionKey<AuthClient> = Symbol('authfront')

/** Where the plugin provides the router-backed `navigate` the screens fall back to. */
export const authNavigateKey: InjectionKey<(path: string) => void> = Symbol('authfront navigate')

export interface AuthPluginOptions {
  /** The client from `createAuthClient()`. One per app; the plugin mounts it in the browser. */
  client: AuthClient
  /**
   * The app's router (vue-router's `createRouter()`, or anything with `push(path)`). When given, every screen and
   * `<SessionAuth>` without a `navigate` prop navigates with `router.push` instead of a full page load. Defaults to
   * none: `location.assign`.
   */
  router?: { push(path: string): unknown } | undefined
}

/**
 * Provides the auth client to every component of the app, and mounts it (listeners, timers, cross-tab sync) in the
 * browser for as long as the app is mounted. On the server nothing is mounted, so SSR renders attach nothing.
 *
 * @example
 * const auth = createAuthClient({ apiDomain: 'http://localhost:3001' })
 * createApp(App).use(router).use(authPlugin, { client: auth, router }).mount('#app')
 */
export const authPlugin: Plugin<[AuthPluginOptions]> = {
  install(app: App, options: AuthPluginOptions) {
    if (!options?.client)
      throw new Error('authfront: app.use(authPlugin, { client }) needs the client from createAuthClient()')
    app.provide(authClientKey, options.client)
    const router = options.router
    // A rejected push (a guard cancelled it) is the router's answer, not an error of the screen that asked.
    if (router) app.provide(authNavigateKey, (path) => void Promise.resolve(router.push(path)).catch(() => undefined))
    // Checked at install time, not import time: the same bundle runs on the server (no window) and in the browser.
    if (typeof window === 'undefined') return
    const unmount = options.client.mount()
    // app.onUnmount arrived in Vue 3.5; the peer range starts at 3.4.
    if (typeof app.onUnmount === 'function') return app.onUnmount(unmount)
    const unmountApp = app.unmount.bind(app)
    app.unmount = () => {
      unmount()
      unmountApp()
    }
  },
}

/**
 * The client provided by `authPlugin`. Call it in `setup()` (or anywhere `inject()` works, such as router guards).
 *
 * @example
 * const auth = useAuthClient()
 * const res = await auth.doFetch('/api/orders')
 */
export function useAuthClient(): AuthClient {
  const client = hasInjectionContext() ? inject(authClientKey, undefined) : undefined
  if (!client) {
    throw new Error(
      'authfront: no auth client found. Install the plugin with app.use(authPlugin, { client }) and call ' +
        'useAuthClient() inside setup() or a router guard.',
    )
  }
  return client
}
