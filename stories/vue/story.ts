import { defineComponent, h, onBeforeUnmount, onMounted, provide } from 'vue'
import type { Component, PropType, VNode } from 'vue'
import type { StoryObj } from '@storybook/vue3-vite'
import type { AuthClient } from 'authfront'
import { authClientKey } from 'authfront/vue'
import { prepareStory } from '../common/scenarios'
import type { PreparedStory, Scenario } from '../common/scenarios'
import { applyTheme } from '../common/theme'

/** What `app.use(authPlugin, { client })` does, for one story: provide the client and mount it while shown. */
const StoryAuthHost = defineComponent({
  name: 'StoryAuthHost',
  props: { client: { type: Object as PropType<AuthClient>, required: true } },
  setup(props, { slots }) {
    provide(authClientKey, props.client)
    let unmount: (() => void) | undefined
    onMounted(() => (unmount = props.client.mount()))
    onBeforeUnmount(() => unmount?.())
    return () => slots.default?.()
  },
})

/**
 * A story for one scenario: a loader prepares the mock backend and the client, the render provides the client
 * with the toolbar's theme, and the scenario's `play` (if any) drives it.
 */
export function storyOf(
  component: Component,
  scenario: Scenario,
  slots: () => Record<string, () => VNode[]> = () => ({}),
): StoryObj {
  return {
    name: scenario.name,
    loaders: [async () => ({ prepared: await prepareStory(scenario) })],
    render: (_args, { loaded, globals }) => {
      const { client, props } = loaded['prepared'] as PreparedStory
      const theme = applyTheme(globals)
      return {
        name: 'ScenarioStory',
        // Options are read once: a new theme starts the screen afresh.
        setup: () => () => h(StoryAuthHost, { client }, () => [h(component, { key: theme, ...props, theme }, slots())]),
      }
    },
    ...(scenario.play ? { play: ({ canvasElement }) => scenario.play!(canvasElement) } : {}),
  }
}
