import { inject, onBeforeUnmount, onMounted, shallowReadonly, shallowRef, useId } from 'vue'
import { instanceIdPrefix } from '../../src/flows'
import type { FlowOptions } from '../../src/flows'
import type { ShallowRef } from 'vue'
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
 * Options are read once, like the flow does: give the component a new `key` to start over.
 */
export function useFlow<TFlow, TState>(
  create: () => TFlow & Mountable<TState>,
): { flow: TFlow; state: Readonly<ShallowRef<TState>> } {
  const flow = create()
  const state = shallowRef(flow.getState())
  let stop: (() => void) | undefined
  onMounted(() => {
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
    flow.destroy()
  })
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

/**
 * A screen's props as flow options, with the screen's own default `idPrefix`: `useId` is unique per instance and
 * equal on hydration. Call in `setup`.
 */
export function screenOptions<T extends FlowOptions>(props: T): Partial<T> {
  const id = useId()
  return { ...definedProps(props), idPrefix: props.idPrefix ?? instanceIdPrefix(id) }
}
