import { isPlatformBrowser } from '@angular/common'
import { ApplicationRef, DestroyRef, ElementRef, Injector, PLATFORM_ID, Renderer2, inject, signal } from '@angular/core'
import type { Signal } from '@angular/core'
import type { AuthClient } from '../../src/client/types'
import { instanceIdPrefix } from '../../src/flows'
import type { FlowOptions } from '../../src/flows'
import { AUTH_NAVIGATION } from './auth.navigation'
import type { AuthNavigation } from './auth.navigation'
import { injectAuthClient } from './auth.providers'

interface Mountable<TState> {
  getState(): TState
  subscribe(listener: (state: TState) => void): () => void
  mount(): () => void
  destroy(): void
}

/** A flow bound to its component by `connectFlow`. */
export interface ConnectedFlow<TState> {
  /** The flow's state, updated on every change. */
  state: Signal<TState>
  /** Starts the flow; call it from `ngAfterViewInit`. Does nothing during server rendering. */
  mount: () => void
}

/**
 * Binds a headless flow to the component that created it: its state as a signal, `mount()` once the view
 * exists (browser only, so no request or timer starts during server rendering), and `destroy()` with the
 * component. A lifecycle hook rather than afterNextRender, which would add Angular's after-render machinery to
 * every app that renders a screen.
 */
export function connectFlow<TState>(flow: Mountable<TState>, injector: Injector): ConnectedFlow<TState> {
  const state = signal(flow.getState())
  const unsubscribe = flow.subscribe((next) => state.set(next))
  const destroyRef = injector.get(DestroyRef)
  const isBrowser = isPlatformBrowser(injector.get(PLATFORM_ID))
  destroyRef.onDestroy(() => {
    unsubscribe()
    flow.destroy()
  })
  return {
    state: state.asReadonly(),
    mount: () => {
      if (isBrowser) destroyRef.onDestroy(flow.mount())
    },
  }
}

/**
 * The `navigate` and `currentPath` the app provided with `AUTH_NAVIGATION` (e.g. `withRouterNavigation()`), or
 * none: the flows then use their defaults (a full page load, `location`). Call in an injection context.
 */
export function injectNavigation(): AuthNavigation {
  return inject(AUTH_NAVIGATION, { optional: true }) ?? {}
}

/**
 * The DOM of every prebuilt screen component: the `data-af-root` wrapper around the shared `<form>`
 * (test/contract/MARKUP.md). Each component passes it as its `template` with `imports: [AfAuthForm, AfFocus]`.
 */
export const FLOW_TEMPLATE = `
  @let s = state();
  <div
    [attr.data-af-root]="s.flow"
    [attr.data-af-screen]="s.screen"
    [attr.data-af-theme]="s.theme ?? null"
    [afFocus]="s.focusRequest"
  >
    <form data-af-form="" [flow]="flow" [state]="s"></form>
  </div>
`

/** The inputs every prebuilt screen declares, one per `FlowOptions` key (signal inputs are such getters). */
export type FlowInputs = { readonly [K in keyof FlowOptions]-?: () => FlowOptions[K] }

/**
 * `display: contents` on the component's host element, so a screen lays out like the React and Vue ones (no wrapper
 * box). Set through CSSOM: a static host `style` is written with setAttribute, which a strict CSP (style-src without
 * 'unsafe-inline') blocks, and a `[style.display]` host binding pulls Angular's styling runtime (~1.7 KB gzip) into
 * every app. Call in an injection context.
 */
export function injectDisplayContents(): void {
  inject(Renderer2).setStyle(inject(ElementRef).nativeElement, 'display', 'contents')
}

// Screens counted per application, not per module: a server renders many requests with one module, and each
// request's application must number its screens from 0 like the browser's application that hydrates it.
const instances = new WeakMap<ApplicationRef, number>()

function nextInstance(app: ApplicationRef): number {
  const next = instances.get(app) ?? 0
  instances.set(app, next + 1)
  return next
}

/** What a prebuilt screen needs to host its flow; see `injectScreenHost`. */
export interface ScreenHost {
  client: AuthClient
  /** The shared options from the component's inputs, with the provided navigation as fallback. */
  options(inputs: FlowInputs): FlowOptions
  /** `connectFlow` in the component's injector; call from `ngOnInit`. */
  connect<TState>(flow: Mountable<TState>): Signal<TState>
  /** Starts the connected flow; call from `ngAfterViewInit`. */
  mount(): void
}

/**
 * The hosting of a screen's flow: created in `ngOnInit` from the inputs, its state a signal for the template,
 * mounted once the view exists and destroyed with the component. Each screen declares the `FlowInputs` itself:
 * a shared base directive would add Angular's inheritance feature to every app. Call in an injection context.
 */
export function injectScreenHost(): ScreenHost {
  injectDisplayContents()
  const client = injectAuthClient()
  const injector = inject(Injector)
  const navigation = injectNavigation()
  const instance = nextInstance(inject(ApplicationRef))
  let mount = () => {}
  return {
    client,
    options: (inputs) => ({
      navigate: inputs.navigate() ?? navigation.navigate,
      search: inputs.search(),
      redirectToPath: inputs.redirectToPath(),
      defaultRedirectPath: inputs.defaultRedirectPath(),
      locale: inputs.locale(),
      messages: inputs.messages(),
      idPrefix: inputs.idPrefix() ?? instanceIdPrefix(instance),
      tenantId: inputs.tenantId(),
      theme: inputs.theme(),
      unstyled: inputs.unstyled(),
      timers: inputs.timers(),
    }),
    connect: (flow) => {
      const connected = connectFlow(flow, injector)
      mount = connected.mount
      return connected.state
    },
    mount: () => mount(),
  }
}
