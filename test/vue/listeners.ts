import type { AuthClient } from 'authfront'

/**
 * Counts what bindings attach to a real client: store subscriptions, event listeners and mounts still active.
 * Wraps the client's own methods (the client is a plain object), so nothing of the client is mocked.
 */
export function trackClient(client: AuthClient): { readonly listeners: number; readonly mounts: number } {
  let listeners = 0
  let mounts = 0
  const counted =
    <TArgs extends unknown[]>(fn: (...args: TArgs) => () => void, onChange: (delta: number) => void) =>
    (...args: TArgs) => {
      const off = fn(...args)
      onChange(1)
      let isOff = false
      return () => {
        if (!isOff) onChange(-1)
        isOff = true
        off()
      }
    }
  const writable = client as unknown as Record<'on' | 'mount', unknown> & { store: Record<'subscribe', unknown> }
  writable.store.subscribe = counted(client.store.subscribe.bind(client.store), (d) => (listeners += d))
  writable.on = counted(client.on.bind(client) as (...args: unknown[]) => () => void, (d) => (listeners += d))
  writable.mount = counted(client.mount.bind(client), (d) => (mounts += d))
  return {
    get listeners() {
      return listeners
    },
    get mounts() {
      return mounts
    },
  }
}
