// The frameworks with a binding, an example app and a Storybook, listed once. The dev script, the Playwright
// projects (end-to-end on the dev server, CSP on the production build), the story tests, the examples' Vite
// configs and the bench's reserved ports all read them from here; adding a framework is adding a line.
const entry = (name, devPort, previewPort, storybook) => ({
  name,
  example: `examples/${name}`,
  entry: `authfront/${name}`,
  devPort,
  previewPort,
  storybook,
})

export const FRAMEWORKS = [
  entry('react', 5173, 4181, '.storybook'),
  entry('vue', 5174, 4182, '.storybook-vue'),
  entry('angular', 5175, 4183, '.storybook-angular'),
]

/** The entry of one framework; throws on an unknown name, listing the known ones. */
export function framework(name) {
  const found = FRAMEWORKS.find((f) => f.name === name)
  if (!found) throw new Error(`Unknown framework "${name}". Use one of: ${FRAMEWORKS.map((f) => f.name).join(', ')}.`)
  return found
}
