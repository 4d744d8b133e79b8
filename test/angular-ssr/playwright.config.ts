// The Angular SSR example (examples/angular-ssr) in Chromium, on its production build: the
// @angular/build:application build, then its server (AngularNodeAppEngine on express) on a free port (server.ts),
// with the mock backend served by that same server. Needs the package built first (`npx vite build`): the example
// imports authfront through the package's exports, from dist/.
//
//   npx vite build && npx playwright test -c test/angular-ssr
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium.mjs'

export default defineConfig({
  testDir: '.',
  outputDir: '../../artifacts/playwright-angular-ssr',
  globalSetup: './server.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: '../../artifacts/playwright-angular-ssr.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
  },
})
