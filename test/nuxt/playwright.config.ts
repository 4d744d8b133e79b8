// The Nuxt example (examples/nuxt) in Chromium, on its production build: `nuxt build`, then the built server
// (.output/server/index.mjs) on a free port (server.ts), with the mock backend served by the app's own server route.
// Needs the package built first (`npx vite build`): the example imports authfront through the package's exports,
// from dist/.
//
//   npx vite build && npx playwright test -c test/nuxt
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium.mjs'

export default defineConfig({
  testDir: '.',
  outputDir: '../../artifacts/playwright-nuxt',
  globalSetup: './server.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 1,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: '../../artifacts/playwright-nuxt.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    screenshot: 'only-on-failure',
  },
})
