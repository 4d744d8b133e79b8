import { useEffect, useId, useState, useSyncExternalStore } from 'react'
import { currentPathname, currentSearch, instanceIdPrefix } from '../../src/flows'
import type { FlowOptions } from '../../src/flows'

interface Mountable {
  getState(): unknown
  subscribe(listener: () => void): () => void
  mount(): () => void
}

/** Options whose `search` was read from `location` (no `search` prop), by `useScreenOptions`. */
const searchFromLocation = new WeakSet<object>()

/**
 * Creates a headless flow once per component instance, mounts it in an effect (never during SSR) and subscribes
 * to its state. Options are read once, like the flow does: give the component a new `key` to start over. The one
 * exception is a query string `useScreenOptions` read from `location` (no `search` prop): hydration renders the
 * server's `''`, and the page's own query string right after starts a new flow.
 */
export function useFlow<TFlow extends Mountable>(
  create: () => TFlow,
  options?: FlowOptions,
): [TFlow, ReturnType<TFlow['getState']>] {
  const fromLocation = options !== undefined && searchFromLocation.has(options) ? options.search : undefined
  const [current, setCurrent] = useState(() => ({ flow: create(), fromLocation }))
  let flow = current.flow
  if (current.fromLocation !== fromLocation) {
    flow = create()
    setCurrent({ flow, fromLocation })
  }
  useEffect(() => {
    // Hydration rendered the server's '' and a re-render with the page's query string is already scheduled: the
    // flow of the server's URL must not start (a magic link or an email token would be used twice).
    if (fromLocation !== undefined && fromLocation !== currentSearch()) return
    return flow.mount()
  }, [flow, fromLocation])
  const state = useSyncExternalStore(flow.subscribe, flow.getState, flow.getState)
  return [flow, state as ReturnType<TFlow['getState']>]
}

const noSubscription = () => () => {}
const onServer = () => ''

/**
 * The page's query string (or path) where no prop gives it: `''` on the server and while hydrating, so the first
 * client render equals the server HTML; `location` right after hydration, and at once in a client-only render.
 */
export function useLocationPart(part: 'search' | 'pathname'): string {
  return useSyncExternalStore(noSubscription, part === 'search' ? currentSearch : currentPathname, onServer)
}

/**
 * The screen's options with its own default `idPrefix` (`useId` is unique per instance and equal on hydration) and
 * its `search`: the prop, else the page's query string read hydration-safely (`useLocationPart`). Pass the result
 * to `useFlow` as well.
 */
export function useScreenOptions<TOptions extends FlowOptions>(props: TOptions): TOptions {
  const id = useId()
  const locationSearch = useLocationPart('search')
  const options = { ...props, idPrefix: props.idPrefix ?? instanceIdPrefix(id), search: props.search ?? locationSearch }
  if (props.search === undefined) searchFromLocation.add(options)
  return options
}
