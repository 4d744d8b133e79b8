// The protected pages' route middleware (`definePageMeta({ middleware: 'session' })`): reads the session from the
// server (/api/session verifies the cookie) into the state the page renders. The server middleware has already
// redirected signed-out page loads; navigations inside the app never reach it, so this redirects them.
import { defineNuxtRouteMiddleware, navigateTo, useNuxtApp, useRequestFetch, useState } from 'nuxt/app'
// Types only from shared/: Nuxt leaves its values out of the app's server bundle for Nitro to resolve, which takes a
// wrong path when node_modules is a symlink (Nuxt 4.3).
import type { SessionAnswer } from '../../shared/config'

export default defineNuxtRouteMiddleware(async (to) => {
  const session = useState<SessionAnswer | undefined>('session')
  const nuxtApp = useNuxtApp()
  // Hydrating a server-rendered page: the state is the server's answer, the one its HTML was rendered from.
  if (import.meta.client && nuxtApp.isHydrating && nuxtApp.payload.serverRendered) return
  // During server rendering, useRequestFetch forwards the page request's cookies; in the browser, the browser does.
  session.value = await useRequestFetch()<SessionAnswer>('/api/session')
  if (session.value.status === 'SIGNED_OUT')
    return navigateTo({ path: '/auth', query: { redirectToPath: to.fullPath } })
})
