#!/usr/bin/env node
// End-to-end tests: start each example's Vite dev server, drive Debian Chromium with playwright-core through the
// scenarios in test/e2e/*.mjs, write artifacts/e2e.json and exit 1 on any failure.
//
//   node scripts/e2e.mjs                 every example that exists, every scenario
//   node scripts/e2e.mjs react           only the React example (also: vue, angular; several allowed)
//   node scripts/e2e.mjs --grep journey  only tests whose name contains "journey"
//
// Each scenario file default-exports a list of tests: { name, frameworks?: string[], run: async (t) => {} }.
// `t` holds { framework, baseURL, browser, context, page, shot(name), newPage() }; every test gets a fresh context.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchChromium } from './lib/chromium.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const EXAMPLES = [
  { framework: 'react', port: 5173 },
  { framework: 'vue', port: 5174 },
  { framework: 'angular', port: 5175 },
]
const TEST_TIMEOUT_MS = 60_000
const SERVER_TIMEOUT_MS = 90_000

const wanted = []
let grep
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i]
  if (arg === '--grep') grep = process.argv[++i]
  else wanted.push(arg)
}
const examples = EXAMPLES.filter(
  (e) =>
    (wanted.length === 0 || wanted.includes(e.framework)) &&
    existsSync(join(ROOT, 'examples', e.framework, 'vite.config.ts')),
)

const artifacts = join(ROOT, 'artifacts')
const screenshots = join(artifacts, 'screenshots')
mkdirSync(screenshots, { recursive: true })

const results = { passed: 0, failed: 0 }
const failures = []
const servers = new Set()

const stopServers = () => {
  for (const server of servers) if (server.exitCode === null) server.kill('SIGTERM')
}
process.on('exit', stopServers)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopServers()
    process.exit(130)
  })
}

const scenarioFiles = readdirSync(join(ROOT, 'test/e2e'))
  .filter((f) => f.endsWith('.mjs'))
  .sort()
const scenarios = []
for (const file of scenarioFiles) {
  const mod = await import(pathToFileURL(join(ROOT, 'test/e2e', file)).href)
  for (const test of mod.default ?? []) scenarios.push({ ...test, file })
}

let browser
try {
  if (examples.length === 0) console.log('No example apps found under examples/: nothing to run.')
  else browser = await launchChromium()
  for (const example of examples) {
    const tests = scenarios.filter(
      (s) => (!s.frameworks || s.frameworks.includes(example.framework)) && (!grep || s.name.includes(grep)),
    )
    if (tests.length === 0) continue
    console.log(`\n${example.framework} example (http://127.0.0.1:${example.port}/)`)
    const server = await startServer(example)
    try {
      await warmUp(browser, example)
      for (const test of tests) await runTest(browser, example, test)
    } finally {
      await stopServer(server)
    }
  }
} catch (error) {
  results.failed++
  failures.push({ name: 'e2e setup', error })
  console.error(`✖ e2e setup failed: ${error?.stack ?? error}`)
} finally {
  await browser?.close()
  stopServers()
}

writeFileSync(join(artifacts, 'e2e.json'), `${JSON.stringify(results)}\n`)
if (failures.length) {
  console.log('\nFailures:')
  for (const f of failures) console.log(`  ${f.name}: ${f.error?.message ?? f.error}`)
}
console.log(`\n${results.passed} passed, ${results.failed} failed`)
process.exit(results.failed > 0 ? 1 : 0)

async function startServer({ framework, port }) {
  if (await answers(port)) {
    throw new Error(`port ${port} is already in use (is \`npm run dev\` running?): stop it and run the e2e again`)
  }
  // node runs vite directly (not npx), so this PID is the server itself and killing it stops it.
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), '--config', `examples/${framework}/vite.config.ts`],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', VITE_API_DOMAIN: '', AUTHFRONT_E2E: '1' },
    },
  )
  servers.add(child)
  let log = ''
  child.stdout.on('data', (d) => (log += d))
  child.stderr.on('data', (d) => (log += d))
  const deadline = Date.now() + SERVER_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite for ${framework} exited (${child.exitCode}):\n${log}`)
    if (await answers(port)) return child
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`vite for ${framework} did not answer on port ${port} within ${SERVER_TIMEOUT_MS / 1000} s:\n${log}`)
}

async function answers(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/`)).ok
  } catch {
    return false
  }
}

async function stopServer(child) {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  servers.delete(child)
}

// The first visit makes Vite pre-bundle dependencies (and may reload the page once); do it before timing tests.
async function warmUp(browser, { framework, port }) {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(`http://127.0.0.1:${port}/auth`, { timeout: SERVER_TIMEOUT_MS })
    await page.locator('form').first().waitFor({ timeout: SERVER_TIMEOUT_MS })
  } catch (error) {
    throw new Error(`the ${framework} example did not render its sign-in form: ${error.message}`, { cause: error })
  } finally {
    await context.close()
  }
}

async function runTest(browser, { framework, port }, test) {
  const baseURL = `http://127.0.0.1:${port}`
  const name = `${framework} › ${test.name}`
  const started = Date.now()
  const contexts = []
  const pageErrors = []
  const newContext = async (options = {}) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 1024, height: 768 }, ...options })
    context.on('weberror', (e) => pageErrors.push(String(e.error())))
    contexts.push(context)
    return context
  }
  const context = await newContext()
  const page = await context.newPage()
  const shot = (label, target = page) =>
    target.screenshot({ path: join(screenshots, `${framework}-${label}.png`), fullPage: true })
  let timer
  try {
    await Promise.race([
      test.run({ framework, baseURL, browser, context, page, shot, newContext, newPage: () => context.newPage() }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS)
      }),
    ])
    results.passed++
    console.log(`  ✔ ${test.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } catch (error) {
    results.failed++
    failures.push({ name, error })
    console.log(`  ✖ ${test.name}\n${indent(error?.stack ?? String(error))}`)
    if (pageErrors.length) console.log(indent(`page errors:\n${pageErrors.join('\n')}`))
    await page
      .screenshot({ path: join(screenshots, `FAILED-${framework}-${slug(test.name)}.png`), fullPage: true })
      .catch(() => {})
  } finally {
    clearTimeout(timer)
    for (const c of contexts) await c.close().catch(() => {})
  }
}

function indent(text) {
  return text
    .split('\n')
    .slice(0, 30)
    .map((l) => `      ${l}`)
    .join('\n')
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}
