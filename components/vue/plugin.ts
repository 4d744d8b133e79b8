import { hasInjectionContext, inject } from 'vue'
import type { App, InjectionKey, Plugin } from 'vue'
import type { AuthClient } from '../../src/client/types'

/** The injection key the plugin provides the client under. Use `useAuthClient()` rather than injecting it yourself. */
export const authClientKey: InjectionKey<AuthClient> = Symbol('authfront')

export interface AuthPluginOptions {
  /** The client from `createAuthClient()`. One per app; the plugin mounts it in the browser. */
  client: AuthClient
}

/**
 * Provides the auth client to every component of the app, and mounts it (listeners, timers, cross-tab sync) in the
 * browser for as long as the app is mounted. On the server nothing is mounted, so SSR renders attach nothing.
 *
 * @example
 * const auth = createAuthClient({ apiDomain: 'http://localhost:3001' })
 * createApp(App).use(router).use(authPlugin, { client: auth }).mount('#app')
 */
export const authPlugin: Plugin<[AuthPluginOptions]> = {
  install(app: App, options: AuthPluginOptions) {
    if (!options?.client)
      throw new Error('authfront: app.use(authPlugin, { client }) needs the client from createAuthClient()')
    app.provide(authClientKey, options.client)
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
