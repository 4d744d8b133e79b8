import { defineNuxtPlugin, useRouter, useRuntimeConfig } from 'nuxt/app'
import { createAuthClient } from 'authfront'
import { authPlugin } from 'authfront/vue'

/**
 * The auth client, given to the prebuilt screens and TryRefresh. It runs on the server too, one client per request,
 * so the auth pages render there: the Vue binding mounts the client (listeners, timers, requests) in the browser only.
 * The router makes the screens navigate inside the app rather than load pages.
 */
export default defineNuxtPlugin({
  name: 'authfront',
  setup(nuxtApp) {
    const { appOrigin, apiBasePath } = useRuntimeConfig().public
    const client = createAuthClient({ apiDomain: String(appOrigin), apiBasePath: String(apiBasePath) })
    nuxtApp.vueApp.use(authPlugin, { client, router: useRouter() })
  },
})
