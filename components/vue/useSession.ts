import { getCurrentScope, onScopeDispose, shallowReadonly, shallowRef } from 'vue'
import type { ShallowRef } from 'vue'
import type { SessionState } from '../../src/client/types'
import { useAuthClient } from './plugin'

/**
 * The session state as a read-only ref, kept in sync with the client's store until the calling scope (usually the
 * component) is disposed. Pass a selector to re-render only when the selected value changes (compared with
 * `Object.is`). On the server, or outside an effect scope, the ref is a snapshot of the current state and subscribes
 * to nothing.
 *
 * @example
 * const session = useSession()
 * const userId = useSession((s) => s.userId)
 * // template: <p v-if="session.status === 'signedIn'">Hi {{ userId }}</p>
 */
export function useSession(): Readonly<ShallowRef<SessionState>>
export function useSession<T>(selector: (state: SessionState) => T): Readonly<ShallowRef<T>>
export function useSession<T>(selector?: (state: SessionState) => T): Readonly<ShallowRef<T | SessionState>> {
  const { store } = useAuthClient()
  const select = selector ?? ((state: SessionState) => state)
  const value = shallowRef<T | SessionState>(select(store.getState()))
  // A server render never unmounts, so a subscription there would leak for the life of the process.
  if (typeof window !== 'undefined' && getCurrentScope()) {
    const unsubscribe = store.subscribe((state) => {
      value.value = select(state) // shallowRef already skips unchanged values (Object.is)
    })
    onScopeDispose(unsubscribe)
  }
  return shallowReadonly(value)
}
