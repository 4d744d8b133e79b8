// The protected pages' route middleware (`definePageMeta({ middleware: 'session' })`): reads the session from the
// server (/api/session verifies the cookie) into the state the page renders. The server middleware has already
// redirected signed-out page loads; navigations inside the app never reach it, so this redirects them.
import { defineNuxtRouteMiddleware, navigateTo, useNuxtApp, useRequestFetch, useState } from 'nuxt/app'
// Types only from paths.ts: the server side (server middleware, routes) owns the values; the app only needs the
// answer's shape.
import type { SessionAnswer } from '../../paths'

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
