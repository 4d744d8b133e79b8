import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { SessionState } from '../../src/client/types'
import { useAuthClient } from './context'

const identity = (state: SessionState) => state

/**
 * The session state of the client (`status`, `userId`, `accessTokenPayload`, `invalidClaims`, `error`), or a slice
 * of it. The component re-renders only when the selected slice changes (`Object.is`). The selector may return a
 * new object each time only if that object is not needed to be stable; prefer selecting primitives.
 */
export function useSession(): SessionState
export function useSession<TSelected>(selector: (state: SessionState) => TSelected): TSelected
export function useSession<TSelected>(selector?: (state: SessionState) => TSelected): TSelected | SessionState {
  const client = useAuthClient()
  const select = (selector ?? identity) as (state: SessionState) => TSelected
  const memo = useRef<{ state: SessionState; selected: TSelected } | undefined>(undefined)
  const getSnapshot = () => {
    const state = client.store.getState()
    const last = memo.current
    if (last && last.state === state) return last.selected
    const selected = select(state)
    // Same slice from a new state object: keep the old reference so React bails out of the render.
    if (last && Object.is(last.selected, selected)) {
      memo.current = { state, selected: last.selected }
      return last.selected
    }
    memo.current = { state, selected }
    return selected
  }
  const subscribe = useCallback((onChange: () => void) => client.store.subscribe(onChange), [client])
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}
