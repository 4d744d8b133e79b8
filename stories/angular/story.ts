import { reflectComponentType } from '@angular/core'
import type { Type } from '@angular/core'
import type { StoryObj } from '@analogjs/storybook-angular'
import { provideAuth } from 'authfront/angular'
import { prepareStory } from '../shared/scenarios'
import type { PreparedStory, Scenario } from '../shared/scenarios'
import { applyTheme } from '../shared/theme'

/**
 * A story for one scenario: a loader prepares the mock backend and the client, the render bootstraps the
 * component with `provideAuth(client)` and the toolbar's theme, and the scenario's `play` (if any) drives it.
 * `content` is projected into the component (the SessionAuth slots).
 */
export function storyOf(component: Type<unknown>, scenario: Scenario, content = ''): StoryObj {
  const selector = reflectComponentType(component)?.selector
  if (!selector) throw new Error(`story ${scenario.name}: ${component.name} is not a component`)
  return {
    name: scenario.name,
    loaders: [async () => ({ prepared: await prepareStory(scenario) })],
    render: (_args, { loaded, globals }) => {
      const { client, props } = loaded['prepared'] as PreparedStory
      const theme = applyTheme(globals)
      const bindings = Object.keys(props).map((name) => ` [${name}]="${name}"`)
      return {
        props,
        // The theme is written into the template rather than bound: inputs are read once, and a changed template
        // makes Storybook bootstrap the screen afresh.
        template: `<${selector}${bindings.join('')} theme="${theme}">${content}</${selector}>`,
        moduleMetadata: { imports: [component] },
        applicationConfig: { providers: [provideAuth(client)] },
      }
    },
    ...(scenario.play ? { play: ({ canvasElement }) => scenario.play!(canvasElement) } : {}),
  }
}
