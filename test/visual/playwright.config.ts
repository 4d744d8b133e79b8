// The screenshot suite (screens.spec.ts), apart from playwright.config.ts because it needs none of the example
// servers: its one web server builds the React Storybook and serves the static build.
//
//   npx playwright test -c test/visual                            compare with the baselines
//   npx playwright test -c test/visual --grep-invert 'dark|rtl'   a part of the matrix (describe per variant)
//   npm run test:visual:update                                    rewrite the baselines that changed, and the gallery
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/lib/chromium.mjs'

const PORT = 6106
const STORYBOOK = 'artifacts/storybook-visual'

export default defineConfig({
  testDir: '.',
  outputDir: '../../artifacts/playwright-visual',
  snapshotPathTemplate: '{testDir}/screenshots/{arg}{ext}',
  // A missing baseline fails without being written; `npm run test:visual:update` writes it.
  updateSnapshots: 'none',
  timeout: 30_000,
  retries: 0,
  workers: 2,
  forbidOnly: true,
  reporter: [['dot'], ['json', { outputFile: '../../artifacts/playwright-visual.json' }]],
  expect: {
    toHaveScreenshot: {
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
      // Per pixel, a colour distance of 0.02 (pixelmatch's YIQ measure; its default 0.2 lets a border tint of a dozen
      // levels pass); per screen, up to 0.1 % of the pixels may differ. On this machine two runs differ by at most 30
      // pixels, all at the antialiased rounded corners; a border of another colour around a 384 px screen is about 1 %,
      // and a spacing change alters the size, which fails by itself.
      threshold: 0.02,
      maxDiffPixelRatio: 0.001,
    },
  },
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    baseURL: `http://127.0.0.1:${PORT}`,
    colorScheme: 'light',
  },
  webServer: {
    // The test build of Storybook leaves out the docs and the manager's extras; a fresh build each run, so the
    // screenshots are always of the current source.
    command:
      `npx storybook build -c .storybook -o ${STORYBOOK} --test --quiet && ` +
      `node node_modules/vite/bin/vite.js preview --config .storybook/vite.config.ts --outDir ${STORYBOOK} ` +
      `--host 127.0.0.1 --port ${PORT} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/iframe.html`,
    timeout: 300_000,
    reuseExistingServer: false,
  },
})
