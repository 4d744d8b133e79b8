import { DOCUMENT } from '@angular/common'
import { DestroyRef, Directive, Injector, afterNextRender, inject, input, signal } from '@angular/core'
import type { OnInit, Signal } from '@angular/core'
import { Router } from '@angular/router'
import type { AuthClient } from '../../src/client/types'
import type { FlowOptions, FlowTimers, MessageCatalog, MessageOverrides, Theme } from '../../src/flows'
import { injectAuthClient } from './auth.providers'

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

/**
 * The DOM of every prebuilt screen component: the `data-af-root` wrapper around the shared `<form>`
 * (test/contract/MARKUP.md). Each component passes it as its `template` with `imports: [AfAuthForm]`.
 */
export const FLOW_TEMPLATE = `
  @let s = state();
  <div [attr.data-af-root]="s.flow" [attr.data-af-screen]="s.screen" [attr.data-af-theme]="s.theme ?? null">
    <form data-af-form="" [flow]="flow" [state]="s"></form>
  </div>
`

/**
 * The inputs every prebuilt screen shares (`FlowOptions`) and the hosting of its flow: created once in
 * `ngOnInit` from the inputs, its state exposed to the template as `state`, mounted after the first render and
 * destroyed with the component. A screen component extends it, adds its own inputs and creates its flow in
 * `createFlow`. A base directive, not a function, because Angular only sees inputs declared on a class.
 */
@Directive()
export abstract class FlowHost<TFlow extends Mountable<TState>, TState> implements OnInit {
  /** How to go to another page. Defaults to the Router (when the app has routes), else a full page load. */
  readonly navigate = input<(path: string) => void>()
  /** The page query string. Defaults to `location.search`. */
  readonly search = input<string>()
  /** Where to go after success; same-origin relative paths only. Defaults to the URL's `redirectToPath`. */
  readonly redirectToPath = input<string>()
  /** Where to go after success without a valid `redirectToPath`. Defaults to `'/'`. */
  readonly defaultRedirectPath = input<string>()
  /** The message catalog. Defaults to English. */
  readonly locale = input<MessageCatalog>()
  /** Per-key text overrides. Defaults to none. */
  readonly messages = input<MessageOverrides>()
  /** Prefix of every DOM id. Defaults to `'af'`. */
  readonly idPrefix = input<string>()
  /** Defaults to the URL's `tenantId`, else `public`. */
  readonly tenantId = input<string>()
  /** `data-af-theme`. Defaults to `'auto'`. */
  readonly theme = input<Theme>()
  /** Drop the theme hook so authfront.css does not apply. Defaults to `false`. */
  readonly unstyled = input<boolean>()
  /** Clock and timers. Defaults to the globals. */
  readonly timers = input<Partial<FlowTimers>>()

  private readonly client = injectAuthClient()
  private readonly injector = inject(Injector)
  private readonly router = injectRouterHooks()
  protected flow!: TFlow
  protected state!: Signal<TState>

  /** Creates the screen's flow from the shared options plus the component's own inputs. */
  protected abstract createFlow(client: AuthClient, options: FlowOptions): TFlow

  ngOnInit(): void {
    this.flow = this.createFlow(this.client, {
      navigate: this.navigate() ?? this.router.navigate,
      search: this.search(),
      redirectToPath: this.redirectToPath(),
      defaultRedirectPath: this.defaultRedirectPath(),
      locale: this.locale(),
      messages: this.messages(),
      idPrefix: this.idPrefix(),
      tenantId: this.tenantId(),
      theme: this.theme(),
      unstyled: this.unstyled(),
      timers: this.timers(),
    })
    this.state = connectFlow(this.flow, this.injector)
  }
}
