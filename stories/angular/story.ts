import { ApplicationRef, inject, provideAppInitializer, reflectComponentType } from '@angular/core'
import type { Type } from '@angular/core'
import type { StoryObj } from '@analogjs/storybook-angular'
import { provideAuth } from 'authfront/angular'
import { prepareStory } from '../common/scenarios'
import type { PreparedStory, Scenario } from '../common/scenarios'
import { applyTheme } from '../common/theme'

// The app of the story on screen. Storybook keeps an app alive until it bootstraps another on the same element, and
// reuses it outright when only props change; a guard or session hook of an app left running would act on the next
// story's backend (a signed-out guard's redirects, say). So each story ends the previous one's app before preparing
// its own backend, and each render bootstraps afresh.
let current: ApplicationRef | undefined
let renders = 0

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
    loaders: [
      async () => {
        // Storybook may have destroyed it already (docs mode), and a second destroy throws NG0406.
        if (current?.destroyed === false) current.destroy()
        current = undefined
        return { prepared: await prepareStory(scenario) }
      },
    ],
    render: (_args, { loaded, globals }) => {
      const { client, props } = loaded['prepared'] as PreparedStory
      const theme = applyTheme(globals)
      const bindings = Object.keys(props).map((name) => ` [${name}]="${name}"`)
      return {
        props,
        // The theme is written into the template rather than bound: inputs are read once. A template that differs
        // from the previous render's (the render count) makes Storybook bootstrap a new app with this client.
        template: `<${selector}${bindings.join('')} theme="${theme}" data-render="${++renders}">${content}</${selector}>`,
        moduleMetadata: { imports: [component] },
        applicationConfig: {
          providers: [
            provideAuth(client),
            provideAppInitializer(() => {
              current = inject(ApplicationRef)
            }),
          ],
        },
      }
    },
    ...(scenario.play ? { play: ({ canvasElement }) => scenario.play!(canvasElement) } : {}),
  }
}
