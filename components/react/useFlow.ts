import { useEffect, useState, useSyncExternalStore } from 'react'

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
