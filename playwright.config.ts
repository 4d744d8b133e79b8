// End-to-end specs (test/e2e) on each example's Vite dev server, and the strict-CSP specs (test/csp) on each
// example's production build served by `vite preview` with the policy header (examples/common/servers.ts).
// Debian's Chromium runs them: `npx playwright install` cannot download here, and is never needed.
//
//   npx playwright test                          every framework, both suites
//   npx playwright test --project e2e-vue        one suite of one framework (all servers still start)
//   AUTHFRONT_FRAMEWORKS=react npx playwright test   start and test only these frameworks
//   AUTHFRONT_FRAMEWORKS=none npx playwright test --project cross-tab   the cross-tab lock alone, no example servers
//   AUTHFRONT_FRAMEWORKS=none npx playwright test --project webauthn    passkeys with a virtual authenticator, no servers
//   AUTHFRONT_FRAMEWORKS=none npx playwright test --project real-node   the browser client against real supertokens-node
import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'
import type { Fixtures } from './test/e2e/lib/fixtures'
import type { Framework } from './scripts/lib/frameworks.mjs'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs'
import { FRAMEWORKS } from './scripts/lib/frameworks.mjs'

const wanted = process.env['AUTHFRONT_FRAMEWORKS']?.split(',')
const frameworks = FRAMEWORKS.filter(
  (f) => existsSync(`${f.example}/vite.config.ts`) && (!wanted || wanted.includes(f.name)),
)
// node runs vite directly (not npx), so the PID Playwright stops is the server itself.
const vite = 'node node_modules/vite/bin/vite.js'
// An empty VITE_API_DOMAIN keeps the in-browser mock backend.
const env = { VITE_API_DOMAIN: '', FORCE_COLOR: '0', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' }

export default defineConfig<Fixtures, { framework: Framework['name'] }>({
  outputDir: 'artifacts/playwright',
  // The old runners' limits: a scenario gets a minute, a wait 15 s.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  // Two cores: one Chromium page per core; tests of one file run in order, files run side by side.
  workers: 2,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'artifacts/playwright.json' }]],
  globalSetup: './test/e2e/lib/warm-up.ts',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1024, height: 768 },
    screenshot: 'only-on-failure',
  },
  projects: [
    ...frameworks.flatMap((f) => [
      {
        name: `e2e-${f.name}`,
        testDir: 'test/e2e',
        use: { framework: f.name, baseURL: `http://127.0.0.1:${f.devPort}` },
      },
      {
        name: `csp-${f.name}`,
        testDir: 'test/csp',
        use: { framework: f.name, baseURL: `http://127.0.0.1:${f.previewPort}` },
      },
    ]),
    {
      // The refresh lock without Web Locks (test/cross-tab): its spec serves the client and the mock itself, on
      // app.test, a plain-http host Chromium resolves to 127.0.0.1 and treats as a non-secure origin.
      name: 'cross-tab',
      testDir: 'test/cross-tab',
      use: {
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP app.test 127.0.0.1'],
        },
      },
    },
    {
      // The browser client against real supertokens-node over the stand-in core (test/real-node, no example servers).
      name: 'real-node',
      testDir: 'test/real-node',
      testMatch: '*.spec.ts',
    },
    {
      // The WebAuthn JSON mapping with a DevTools virtual authenticator (test/webauthn): its spec serves the client on
      // localhost (a secure context) and stubs the backend with page.route.
      name: 'webauthn',
      testDir: 'test/webauthn',
    },
  ],
  webServer: frameworks.flatMap((f) => [
    {
      command: `${vite} --config ${f.example}/vite.config.ts`,
      url: `http://127.0.0.1:${f.devPort}/`,
      env: { ...env, AUTHFRONT_E2E: '1' },
      timeout: 90_000,
    },
    {
      // The build goes to the example's dist/ (git-ignored), where `vite preview` serves it from.
      command: `${vite} build --config ${f.example}/vite.config.ts --emptyOutDir --logLevel warn && ${vite} preview --config ${f.example}/vite.config.ts`,
      url: `http://127.0.0.1:${f.previewPort}/`,
      env,
      timeout: 300_000,
    },
  ]),
})
