import { DestroyRef, Injector, assertInInjectionContext, inject, signal } from '@angular/core'
import type { Signal, ValueEqualityFn } from '@angular/core'
import type { SessionState } from '../../src/client/types'
import { injectAuthClient } from './auth.providers'

/** Options of `injectSession`. */
export interface InjectSessionOptions<T> {
  /** Run outside an injection context with this injector. Defaults to the current injection context. */
  injector?: Injector
  /** Decides when a new selected value notifies readers. Defaults to `Object.is`. */
  equal?: ValueEqualityFn<T>
}

/**
 * The client's session state as a read-only signal, optionally narrowed by `selector`. The store subscription
 * is released when the calling component, directive or service is destroyed.
 *
 * @example
 * ```ts
 * readonly status = injectSession((s) => s.status)       // Signal<'loading' | 'signedIn' | 'signedOut'>
 * readonly userId = injectSession((s) => s.userId)
 * ```
 */
export function injectSession(): Signal<SessionState>
export function injectSession<T>(selector: (state: SessionState) => T, options?: InjectSessionOptions<T>): Signal<T>
export function injectSession<T>(
  selector: (state: SessionState) => T = (state) => state as T,
  options: InjectSessionOptions<T> = {},
): Signal<T> {
  if (!options.injector) assertInInjectionContext(injectSession)
  const injector = options.injector ?? inject(Injector)
  const client = injectAuthClient({ injector })
  const selected = signal(selector(client.store.getState()), options.equal ? { equal: options.equal } : {})
  const unsubscribe = client.store.subscribe((state) => selected.set(selector(state)))
  injector.get(DestroyRef).onDestroy(unsubscribe)
  return selected.asReadonly()
}
