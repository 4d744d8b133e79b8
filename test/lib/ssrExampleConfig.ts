// The Playwright config of each server-rendering example's suite (test/next, test/nuxt, test/angular-ssr): Chromium,
// one worker (one production server per suite, started by the suite's globalSetup `./server.ts`), and the JSON
// report `npm test` adds up (artifacts/playwright-<name>.json).
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium.mjs'

export function ssrExampleConfig(name: string) {
  return defineConfig({
    testDir: '.',
    outputDir: `../../artifacts/playwright-${name}`,
    globalSetup: './server.ts',
    timeout: 60_000,
    expect: { timeout: 15_000 },
    retries: 0,
    workers: 1,
    forbidOnly: true,
    reporter: [['list'], ['json', { outputFile: `../../artifacts/playwright-${name}.json` }]],
    use: {
      browserName: 'chromium',
      launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      screenshot: 'only-on-failure',
    },
  })
}
