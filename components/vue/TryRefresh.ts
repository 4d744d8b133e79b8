import { defineComponent, onBeforeUnmount, onMounted } from 'vue'
import type { SlotsType, VNode } from 'vue'
import { tryRefresh } from '../../src/flows'
import type { TryRefreshOptions } from '../../src/flows'
import { useAuthClient } from './plugin'
import { tryRefreshProps } from './props'
import { definedProps } from './useFlow'

/** Props are the options of `tryRefresh`, read once on mount; `onRefreshed` / `onSignedOut` bind as listeners. */
export type TryRefreshProps = TryRefreshOptions

/**
 * What a server-rendered page shows when authfront/server's verifier answered `TRY_REFRESH` (the access token
 * expired): in the browser it refreshes the session once, then reloads the page (or emits `refreshed`, e.g. to
 * call Nuxt's `refreshNuxtData()`). When the session cannot be refreshed it goes to the auth page with
 * `redirectToPath` through the plugin's router (or emits `signed-out`), and it never reloads twice in a row. Its
 * default slot shows meanwhile. See docs/SERVER.md.
 *
 * @example
 * <TryRefresh v-if="session.status === 'TRY_REFRESH'"><Spinner /></TryRefresh>
 */
export const TryRefresh = defineComponent(
  (props: TryRefreshProps, { slots }) => {
    const client = useAuthClient()
    const options = definedProps(props)
    let cancel: (() => void) | undefined
    // onMounted never runs during a server render.
    onMounted(() => {
      cancel = tryRefresh(client, options)
    })
    onBeforeUnmount(() => cancel?.())
    return () => slots.default?.()
  },
  {
    name: 'TryRefresh',
    props: tryRefreshProps,
    slots: Object as SlotsType<{ default?: () => VNode[] }>,
  },
)
