import { DOCUMENT } from '@angular/common'
import { DestroyRef, afterNextRender, inject, signal } from '@angular/core'
import type { Injector, Signal } from '@angular/core'
import { Router } from '@angular/router'

interface Mountable<TState> {
  getState(): TState
  subscribe(listener: (state: TState) => void): () => void
  mount(): () => void
  destroy(): void
}

/**
 * Binds a headless flow to the component that created it: its state as a signal, `mount()` after the first
 * render (browser only: `afterNextRender` never runs during server rendering, so no request or timer starts
 * there), and `destroy()` with the component.
 */
export function connectFlow<TState>(flow: Mountable<TState>, injector: Injector): Signal<TState> {
  const state = signal(flow.getState())
  const unsubscribe = flow.subscribe((next) => state.set(next))
  const destroyRef = injector.get(DestroyRef)
  afterNextRender(() => destroyRef.onDestroy(flow.mount()), { injector })
  destroyRef.onDestroy(() => {
    unsubscribe()
    flow.destroy()
  })
  return state.asReadonly()
}

/** Navigation hooks of the flows, bound to the Angular Router. */
export interface RouterHooks {
  navigate: ((path: string) => void) | undefined
  currentPath: (() => string) | undefined
}

/**
 * The default `navigate` and `currentPath` of the Angular components: in-app navigation through the Router and
 * its URL when the app has routes (paths then stay relative to the base href on both sides); otherwise the flows'
 * defaults (a full page load, `location`). A path no route matches falls back to a full page load.
 * Call in an injection context.
 */
export function injectRouterHooks(): RouterHooks {
  const router = inject(Router, { optional: true })
  const document = inject(DOCUMENT)
  if (!router || router.config.length === 0) return { navigate: undefined, currentPath: undefined }
  return {
    navigate: (path) => {
      router.navigateByUrl(path).catch(() => document.defaultView?.location.assign(path))
    },
    currentPath: () => router.url,
  }
}
