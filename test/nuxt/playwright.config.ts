// The Nuxt example (examples/nuxt) in Chromium, on its production build: `nuxt build`, then the built server
// (.output/server/index.mjs) on a free port (server.ts), with the mock backend served by the app's own server route.
// Needs the package built first (`npx vite build`): the example imports authfront through the package's exports,
// from dist/.
//
//   npx vite build && npx playwright test -c test/nuxt
import { ssrExampleConfig } from '../lib/ssrExampleConfig'

export default ssrExampleConfig('nuxt')
