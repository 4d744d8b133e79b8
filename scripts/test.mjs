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
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['package checks (publint, attw)', 'node', ['scripts/check-package.mjs']],
  ['size budgets', 'node', ['scripts/size.mjs', '--check']],
  ['end-to-end', 'node', ['scripts/e2e.mjs']],
  ['cross-tab lock without Web Locks (two Chromium tabs on http://app.test)', 'node', ['scripts/cross-tab.mjs']],
  ['strict Content-Security-Policy (production builds)', 'node', ['scripts/csp.mjs']],
  ['Storybook play functions (React, Vue, Angular)', 'node', ['scripts/stories.mjs']],
]

// Browser runners outside Vitest write artifacts/<name>.json as { passed, failed }; the summary adds them up.
const RUNNER_RESULTS = ['e2e', 'cross-tab', 'csp', 'stories']

mkdirSync('artifacts', { recursive: true })
// Results of an earlier run must not be counted in this one.
for (const name of ['vitest', ...RUNNER_RESULTS]) rmSync(`artifacts/${name}.json`, { force: true })
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
  const report = existsSync('artifacts/vitest.json')
    ? JSON.parse(readFileSync('artifacts/vitest.json', 'utf8'))
    : { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 }
  let passed = report.numPassedTests
  let failed = report.numFailedTests
  for (const name of RUNNER_RESULTS) {
    const file = `artifacts/${name}.json`
    if (!existsSync(file)) continue
    const result = JSON.parse(readFileSync(file, 'utf8'))
    passed += result.passed
    failed += result.failed
  }
  console.log(`\nTests: ${passed} passed, ${failed} failed, ${report.numPendingTests + report.numTodoTests} skipped`)
}
