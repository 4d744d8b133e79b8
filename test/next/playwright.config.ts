// The Next.js example (examples/next) in Chromium, on its production build: `next build`, then `next start` on a
// free port (server.ts), with the mock backend served by the app's own route handler. Needs the package built
// first (`npx vite build`): the example imports authfront through the package's exports, from dist/.
//
//   npx vite build && npx playwright test -c test/next
import { ssrExampleConfig } from '../lib/ssrExampleConfig'

export default ssrExampleConfig('next')
