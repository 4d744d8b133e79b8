import { getCurrentInstance, inject, onBeforeUnmount, onMounted, shallowReadonly, shallowRef, useId } from 'vue'
import { currentSearch, instanceIdPrefix } from '../../src/flows'
import type { FlowOptions } from '../../src/flows'
import type { ComponentInternalInstance, ShallowRef } from 'vue'
import { authNavigateKey } from './plugin'

interface Mountable<TState> {
  getState(): TState
  subscribe(listener: (state: TState) => void): () => void
  mount(): () => void
  destroy(): void
}

/**
 * Creates a headless flow once per component instance, and subscribes and mounts it only once the component is
 * mounted: `onMounted` never runs during SSR, so a server render makes no request and leaves no subscription.
 * Options are read once, like the flow does: give the component a new `key` to start over. The one exception is
 * a query string `screenOptions` could not read while hydrating (no `search` prop, no vue-router): the first render
 * equals the server's, and once mounted the flow starts over with the page's own `location.search`.
 */
export function useFlow<TFlow, TState>(
  create: () => TFlow & Mountable<TState>,
): { flow: TFlow; state: Readonly<ShallowRef<TState>> } {
  const instance = getCurrentInstance()
  let current = create()
  const state = shallowRef(current.getState())
  let stop: (() => void) | undefined
  onMounted(() => {
    const options = instance ? screens.get(instance) : undefined
    if (options && readAfterHydration.has(options) && options.search !== currentSearch()) {
      // The server's flow never started: nothing to undo but its state. `create` gets the same options object.
      options.search = currentSearch()
      current.destroy()
      current = create()
    }
    const flow = current
    const unsubscribe = flow.subscribe((next) => {
      state.value = next
    })
    const unmount = flow.mount()
    state.value = flow.getState()
    stop = () => {
      unsubscribe()
      unmount()
    }
  })
  onBeforeUnmount(() => {
    stop?.()
    // Unlike React StrictMode, Vue never mounts an instance twice: end the flow so late answers are ignored.
    current.destroy()
  })
  // The screens' handlers keep this object: it forwards to the flow of the moment (closures, no `this`).
  const flow = new Proxy({} as TFlow & object, { get: (_, key) => Reflect.get(current, key) })
  return { flow, state: shallowReadonly(state) }
}

/**
 * The props that were passed (Vue sets every declared but absent prop to `undefined`), as flow options, with the
 * plugin's router navigation when no `navigate` prop was given. Call it in `setup()`.
 */
export function definedProps<T extends object>(props: T): Partial<T> {
  const defined = Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined))
  const options: Record<string, unknown> = { navigate: inject(authNavigateKey, undefined), ...defined }
  return options as Partial<T>
}

/** Each screen's options, so a flow created again after hydration gets the same ids. */
const screens = new WeakMap<ComponentInternalInstance, FlowOptions>()
/** Options whose `search` stands for a URL the hydrating client must not read yet (the server did not have it). */
const readAfterHydration = new WeakSet<FlowOptions>()

/**
 * A screen's props as flow options, with the screen's own default `idPrefix` (`useId` is unique per instance and
 * equal on hydration) and its `search`: the prop, else vue-router's current query (the same on the server and the
 * client, as in Nuxt), else `location.search`, except while hydrating, where the server's `''` is kept until
 * mounted (see `useFlow`). Call in `setup`.
 */
export function screenOptions<T extends FlowOptions>(props: T): Partial<T> {
  const instance = getCurrentInstance()
  const known = instance ? screens.get(instance) : undefined
  if (known) return known as Partial<T>
  const id = useId()
  const options: Partial<T> = { ...definedProps(props), idPrefix: props.idPrefix ?? instanceIdPrefix(id) }
  if (options.search === undefined) {
    const route = instance?.appContext.config.globalProperties.$route as { fullPath?: string } | undefined
    // A hydrating instance already has its server-rendered element (vnode.el is set before setup runs).
    const isHydrating = instance?.vnode.el != null
    options.search = route?.fullPath !== undefined ? queryOf(route.fullPath) : isHydrating ? '' : currentSearch()
    if (route?.fullPath === undefined && isHydrating) readAfterHydration.add(options)
  }
  if (instance) screens.set(instance, options)
  return options
}

/** `?a=1` of `/path?a=1#hash`; `''` without a query. */
function queryOf(fullPath: string): string {
  const path = fullPath.split('#')[0] ?? ''
  const start = path.indexOf('?')
  return start < 0 ? '' : path.slice(start)
}
