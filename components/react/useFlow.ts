import { useEffect, useId, useState, useSyncExternalStore } from 'react'
import { instanceIdPrefix } from '../../src/flows'
import type { FlowOptions } from '../../src/flows'

interface Mountable {
  getState(): unknown
  subscribe(listener: () => void): () => void
  mount(): () => void
}

/**
 * Creates a headless flow once per component instance, mounts it in an effect (never during SSR) and subscribes
 * to its state. Options are read once, like the flow does: give the component a new `key` to start over.
 */
export function useFlow<TFlow extends Mountable>(create: () => TFlow): [TFlow, ReturnType<TFlow['getState']>] {
  const [flow] = useState(create)
  useEffect(() => flow.mount(), [flow])
  const state = useSyncExternalStore(flow.subscribe, flow.getState, flow.getState)
  return [flow, state as ReturnType<TFlow['getState']>]
}

/** The screen's options with its own default `idPrefix`: `useId` is unique per instance and equal on hydration. */
export function useScreenOptions<TOptions extends FlowOptions>(props: TOptions): TOptions {
  const id = useId()
  return { ...props, idPrefix: props.idPrefix ?? instanceIdPrefix(id) }
}
