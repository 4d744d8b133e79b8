import type { ComponentType, ReactNode } from 'react'
import type { StoryObj } from '@storybook/react-vite'
import { AuthProvider } from 'authfront/react'
import { prepareStory } from '../common/scenarios'
import type { PreparedStory, Scenario } from '../common/scenarios'
import { applyTheme } from '../common/theme'

/**
 * A story for one scenario: a loader prepares the mock backend and the client, the render wraps the component
 * in `AuthProvider` with the toolbar's theme, and the scenario's `play` (if any) drives it.
 */
export function storyOf<TProps extends object>(
  Component: ComponentType<TProps>,
  scenario: Scenario,
  slots: (props: Record<string, unknown>) => Partial<Record<string, ReactNode>> = () => ({}),
): StoryObj {
  return {
    name: scenario.name,
    loaders: [async () => ({ prepared: await prepareStory(scenario) })],
    render: (_args, { loaded, globals }) => {
      const { client, props } = loaded['prepared'] as PreparedStory
      const theme = applyTheme(globals)
      const all = { ...props, ...slots(props), theme } as unknown as TProps
      return (
        <AuthProvider client={client}>
          {/* Options are read once: a new theme starts the screen afresh. */}
          <Component key={theme} {...all} />
        </AuthProvider>
      )
    },
    ...(scenario.play ? { play: ({ canvasElement }) => scenario.play!(canvasElement) } : {}),
  }
}
