#!/usr/bin/env node
// Runs every Storybook story as a test: builds the React, Vue and Angular Storybooks, serves each build, and loads
// each story in Chromium, once per theme. A story passes when the preview reports it rendered and its play
// function finished, with no render error, no play-function failure, no uncaught page error and no console.error.
//
//   node scripts/stories.mjs [react|vue|angular ...] [--no-build]
//
// Writes artifacts/stories.json ({ passed, failed, builds, tests }) and a screenshot per run under artifacts/stories/.
import { spawn } from 'node:child_process'
import { createReadStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { join, resolve, sep } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { launchChromium } from './lib/chromium.mjs'
import { contentType } from './lib/content-types.mjs'

const STORYBOOKS = {
  react: { configDir: '.storybook', outDir: 'storybook-static', port: 6301 },
  vue: { configDir: '.storybook-vue', outDir: 'storybook-vue-static', port: 6302 },
  angular: { configDir: '.storybook-angular', outDir: 'storybook-ng-static', port: 6303 },
}
// Values of the `theme` global (stories/shared/theme.ts): every story runs in both.
const THEMES = ['light', 'dark']
const STORY_TIMEOUT_MS = 20_000
// Errors logged just after the play function (a late rejection, a failed request) still belong to the story.
const SETTLE_MS = 250
const SHOTS = 'artifacts/stories'
// Pages loading at once: each story is a full page load, and two keep both cores busy.
const CONCURRENCY = Math.max(1, Number(process.env['STORIES_CONCURRENCY'] ?? 2))
const NETWORK_LOG = 'Failed to load resource:'

// Storybook's preview channel events (storybook/internal/core-events). `storyFinished` comes last, after the
// render, the play function and afterEach; the others report what went wrong.
const FINISHED = 'storyFinished'
const RENDERED = 'storyRendered'
const FAILURES = [
  'storyErrored',
  'storyThrewException',
  'playFunctionThrewException',
  'unhandledErrorsWhilePlaying',
  'storyMissing',
]
const WATCHED = [FINISHED, RENDERED, 'globalsUpdated', ...FAILURES]

const args = process.argv.slice(2)
const build = !args.includes('--no-build')
const unknown = args.filter((arg) => arg !== '--no-build' && !(arg in STORYBOOKS))
if (unknown.length > 0) {
  console.error(
    `stories: unknown argument ${unknown.join(', ')}; use ${Object.keys(STORYBOOKS).join(', ')}, --no-build`,
  )
  process.exit(2)
}
const frameworks = args.filter((arg) => arg in STORYBOOKS)
if (frameworks.length === 0) frameworks.push(...Object.keys(STORYBOOKS))

const tests = []
const builds = []
const record = (test) => {
  tests.push(test)
  const mark = test.status === 'passed' ? '✓' : '✗'
  const where = test.id ? `${test.id} [${test.theme}]` : test.name
  // First lines only: the stacks are in artifacts/stories.json.
  const why = test.errors.map((error) => `\n    ${error.split('\n')[0]}`).join('')
  console.log(`${mark} ${test.framework} ${where} ${test.durationMs} ms${why}`)
}

rmSync(SHOTS, { recursive: true, force: true })
mkdirSync(SHOTS, { recursive: true })
for (const framework of frameworks) rmSync(`artifacts/storybook-${framework}-build.log`, { force: true })

let browser
try {
  browser = await launchChromium()
  for (const framework of frameworks) {
    const storybook = STORYBOOKS[framework]
    if (build && !(await buildStorybook(framework, storybook))) continue
    await runStorybook(browser, framework, storybook)
  }
} catch (error) {
  record({ framework: '-', name: 'runner', status: 'failed', durationMs: 0, errors: [String(error?.stack ?? error)] })
} finally {
  await browser?.close()
}

const passed = tests.filter((test) => test.status === 'passed').length
const failed = tests.length - passed
mkdirSync('artifacts', { recursive: true })
writeFileSync('artifacts/stories.json', `${JSON.stringify({ passed, failed, builds, tests }, null, 2)}\n`)
console.log(`stories: ${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)

/**
 * `storybook build`, offline and quiet; its output is shown only when it fails, and then it counts as a failed
 * test, since none of its stories can run. A passing build is reported under `builds`, not as a test.
 */
async function buildStorybook(framework, { configDir, outDir }) {
  const started = Date.now()
  const command = ['storybook', 'build', '-c', configDir, '-o', outDir, '--quiet']
  const env = { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', NO_COLOR: '1' }
  const { code, output } = await run('npx', command, env)
  const durationMs = Date.now() - started
  builds.push({ framework, configDir, outDir, ok: code === 0, durationMs })
  if (code === 0) {
    console.log(`built ${framework} (${configDir} -> ${outDir}) in ${(durationMs / 1000).toFixed(1)} s`)
    return true
  }
  const log = `artifacts/storybook-${framework}-build.log`
  // Rolldown colours its diagnostics whatever NO_COLOR says.
  const text = stripVTControlCharacters(output)
  writeFileSync(log, text)
  const tail = text.trim().split('\n').slice(-40)
  const errors = [`npx ${command.join(' ')} exited ${code}; full output in ${log}, its end:`, ...tail]
  record({ framework, name: `build ${configDir}`, status: 'failed', durationMs, errors })
  return false
}

function run(cmd, argv, env) {
  return new Promise((done) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', (error) => done({ code: -1, output: String(error) }))
    child.on('close', (code) => done({ code, output }))
  })
}

async function runStorybook(browser, framework, { outDir, port }) {
  const server = await serveStatic(resolve(outDir), port)
  const context = await browser.newContext({ viewport: { width: 900, height: 720 } })
  try {
    const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8'))
    const stories = Object.values(index.entries).filter((entry) => entry.type === 'story')
    if (stories.length === 0) throw new Error(`${outDir}/index.json lists no story`)
    const runs = stories.flatMap((story) => THEMES.map((theme) => ({ story, theme })))
    const worker = async () => {
      for (let next = runs.shift(); next; next = runs.shift()) {
        record(await runStory(context, framework, port, next.story, next.theme))
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  } catch (error) {
    record({ framework, name: `run ${outDir}`, status: 'failed', durationMs: 0, errors: [String(error)] })
  } finally {
    await context.close()
    await new Promise((done) => server.close(done))
  }
}

/** One story in one theme, in a fresh page of the framework's context (the mock service worker stays registered). */
async function runStory(context, framework, port, story, theme) {
  const started = Date.now()
  const errors = []
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  page.on('console', (message) => {
    // Chromium also logs every HTTP error response as a console error; the mock backend answers 401 and fails
    // requests on purpose, so those are judged from the responses below instead.
    if (message.type() === 'error' && !message.text().startsWith(NETWORK_LOG)) {
      errors.push(`console.error: ${message.text()}`)
    }
  })
  // Requests the mock service worker answered are part of the story; anything else failing is a broken build.
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.fromServiceWorker()) {
      errors.push(`HTTP ${response.status()} ${response.url()}`)
    }
  })
  await page.addInitScript(recordChannelEvents, WATCHED)
  const query = new URLSearchParams({ id: story.id, viewMode: 'story', globals: `theme:${theme}` })
  const url = `http://127.0.0.1:${port}/iframe.html?${query}`
  const screenshot = join(SHOTS, `${framework}--${story.id}--${theme}.png`)
  try {
    await page.goto(url, { waitUntil: 'load' })
    await page
      .waitForFunction(
        ([finished, failures]) =>
          document.body.classList.contains('sb-show-errordisplay') ||
          window.__storyEvents.some((event) => event.type === finished || failures.includes(event.type)),
        [FINISHED, FAILURES],
        { timeout: STORY_TIMEOUT_MS, polling: 50 },
      )
      .catch(() => errors.push(`timed out after ${STORY_TIMEOUT_MS} ms without ${FINISHED}`))
    await page.waitForTimeout(SETTLE_MS)
    const seen = await page.evaluate(() => ({
      events: window.__storyEvents,
      errorDisplay: document.body.classList.contains('sb-show-errordisplay')
        ? document.querySelector('#error-message')?.textContent?.trim() || 'shown'
        : null,
      themes: [...document.querySelectorAll('#storybook-root [data-af-theme]')].map((el) => el.dataset.afTheme),
    }))
    errors.push(...judge(seen, theme))
    await page.screenshot({ path: screenshot, fullPage: true })
  } catch (error) {
    errors.push(String(error?.message ?? error))
  } finally {
    await page.close()
  }
  return {
    framework,
    id: story.id,
    title: story.title,
    name: story.name,
    theme,
    status: errors.length === 0 ? 'passed' : 'failed',
    durationMs: Date.now() - started,
    errors,
    screenshot,
  }
}

/** What the preview told us, turned into failure messages. */
function judge({ events, errorDisplay, themes }, theme) {
  const errors = []
  for (const event of events) {
    if (FAILURES.includes(event.type)) errors.push(`${event.type}: ${describe(event.args)}`)
    if (event.type === FINISHED && event.args[0]?.status !== 'success') {
      errors.push(`${FINISHED} with status ${event.args[0]?.status}`)
    }
  }
  if (errorDisplay) errors.push(`error display: ${errorDisplay}`)
  const finished = events.some((event) => event.type === FINISHED)
  if (finished && !events.some((event) => event.type === RENDERED)) errors.push(`${FINISHED} without ${RENDERED}`)
  // The theme must reach the story: Storybook's globals, and every themed screen on the canvas.
  const globals = events.filter((event) => event.type === 'globalsUpdated').at(-1)?.args[0]?.globals
  if (globals?.theme !== theme) errors.push(`theme global is ${globals?.theme}, expected ${theme}`)
  const wrong = themes.filter((value) => value !== theme)
  if (wrong.length > 0) errors.push(`data-af-theme ${wrong.join(', ')} on the canvas, expected ${theme}`)
  return errors
}

function describe(args) {
  const [first] = args
  if (first && typeof first === 'object') {
    if (Array.isArray(first)) return first.map((error) => error?.message ?? JSON.stringify(error)).join('; ')
    return first.message ?? first.description ?? first.title ?? JSON.stringify(first)
  }
  return JSON.stringify(args)
}

/**
 * Runs in the page before Storybook: the preview publishes its channel as a global, so a setter sees it the
 * moment it exists and listens before the first story event.
 */
function recordChannelEvents(types) {
  const events = []
  window.__storyEvents = events
  let channel
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(value) {
      channel = value
      for (const type of types) {
        value.on(type, (...payload) => {
          let args
          try {
            args = JSON.parse(JSON.stringify(payload))
          } catch {
            args = payload.map(String)
          }
          events.push({ type, args })
        })
      }
    },
  })
}

/** A static file server for one Storybook build, on 127.0.0.1 only. */
function serveStatic(root, port) {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    let file = join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
    if (file !== root && !file.startsWith(root + sep)) file = ''
    const stat = file ? statSync(file, { throwIfNoEntry: false }) : undefined
    if (!stat?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    response.writeHead(200, {
      'content-type': contentType(file),
      'content-length': stat.size,
      'cache-control': 'no-store',
    })
    createReadStream(file).pipe(response)
  })
  return new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => done(server))
  })
}
