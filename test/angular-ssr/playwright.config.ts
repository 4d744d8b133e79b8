// The Angular SSR example (examples/angular-ssr) in Chromium, on its production build: the
// @angular/build:application build, then its server (AngularNodeAppEngine on express) on a free port (server.ts),
// with the mock backend served by that same server. Needs the package built first (`npx vite build`): the example
// imports authfront through the package's exports, from dist/.
//
//   npx vite build && npx playwright test -c test/angular-ssr
import { ssrExampleConfig } from '../lib/ssrExampleConfig'

export default ssrExampleConfig('angular-ssr')
