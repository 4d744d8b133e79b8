#!/usr/bin/env node
// `npm test`: every check CI runs, in order, stopping at the first failure.
// Each step is a plain command so a failure can be reproduced by copying it.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const steps = [
  ['format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['typecheck vue', 'npx', ['vue-tsc', '-p', 'tsconfig.vue.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  [
    'unit, component and browser tests',
    'npx',
    ['vitest', 'run', '--reporter=dot', '--reporter=json', '--outputFile.json=artifacts/vitest.json'],
  ],
  ['Node 22 and 24, msw 3 and msw 2.10 (Node suites; msw 3 also in Chromium)', 'node', ['scripts/node-lanes.mjs']],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['package checks (publint, attw)', 'node', ['scripts/check-package.mjs']],
  ['size budgets', 'node', ['scripts/size.mjs', '--check']],
  // The suites of playwright.config.ts: end-to-end on the dev servers, strict CSP on the production builds, and the
  // cross-tab refresh lock without Web Locks (two tabs on http://app.test), and with Web Locks and the cookie
  // snapshot (two tabs on http://localhost).
  ['end-to-end, strict Content-Security-Policy and cross-tab lock (Playwright)', 'npx', ['playwright', 'test']],
  // The Next.js example (examples/next) on its production build: `next build`, `next start` on a free port with the
  // mock backend in a route handler, the server-rendered journey in Chromium (test/next). Uses the build step's dist/.
  ['Next.js example: production build and journey (Playwright)', 'npx', ['playwright', 'test', '-c', 'test/next']],
  // The Angular SSR example (examples/angular-ssr) on its production build: @angular/build:application, its express
  // server (AngularNodeAppEngine, the mock backend, authfront/server) on a free port, the journey in Chromium
  // (test/angular-ssr). Uses the build step's dist/.
  [
    'Angular SSR example: production build and journey (Playwright)',
    'npx',
    ['playwright', 'test', '-c', 'test/angular-ssr'],
  ],
  // The Nuxt example's .vue files with Nuxt's generated types (the root tsc checks its .ts files); after the build, as
  // the example imports authfront's types from dist/.
  ['Nuxt example: typecheck', 'npx', ['nuxt', 'typecheck', 'examples/nuxt']],
  // The Nuxt example (examples/nuxt) the same way: `nuxt build`, its server (.output/server/index.mjs) on a free port
  // with the mock backend in a Nitro server route, the journey in Chromium (test/nuxt).
  ['Nuxt example: production build and journey (Playwright)', 'npx', ['playwright', 'test', '-c', 'test/nuxt']],
  [
    'Storybook play functions (React, Vue, Angular)',
    'npx',
    [
      'vitest',
      'run',
      '-c',
      'vitest.stories.config.ts',
      '--reporter=dot',
      '--reporter=json',
      '--outputFile.json=artifacts/vitest-stories.json',
    ],
  ],
  // Every story's screen against its committed baseline (test/visual): light and dark, some also RTL and 320 px.
  ['screenshots (Playwright, React Storybook)', 'npx', ['playwright', 'test', '-c', 'test/visual']],
]

// The reports the summary adds up: Vitest's JSON (jest-compatible counts) and Playwright's JSON reporter.
const VITEST_REPORTS = ['artifacts/vitest.json', 'artifacts/vitest-stories.json']
const PLAYWRIGHT_REPORTS = [
  'artifacts/playwright.json',
  'artifacts/playwright-next.json',
  'artifacts/playwright-angular-ssr.json',
  'artifacts/playwright-nuxt.json',
  'artifacts/playwright-visual.json',
]

mkdirSync('artifacts', { recursive: true })
// Results of an earlier run must not be counted in this one.
for (const file of [...VITEST_REPORTS, ...PLAYWRIGHT_REPORTS]) rmSync(file, { force: true })
const only = process.argv.slice(2)
const started = Date.now()
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue
  if (args[0]?.startsWith('scripts/') && !existsSync(args[0])) continue
  const t = Date.now()
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`)
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } })
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal}). Fix it and run npm test again.`)
    summary()
    process.exit(1)
  }
  console.log(`✔ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`)
}
summary()
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`)

function summary() {
  const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined)
  let [passed, failed, skipped] = [0, 0, 0]
  for (const report of VITEST_REPORTS.map(read).filter(Boolean)) {
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + report.numTodoTests
  }
  for (const { stats } of PLAYWRIGHT_REPORTS.map(read).filter(Boolean)) {
    passed += stats.expected + stats.flaky
    failed += stats.unexpected
    skipped += stats.skipped
  }
  console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
}
