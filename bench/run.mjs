#!/usr/bin/env node
// `npm run bench`: bundle bytes, per-request cost, refresh storms and first render of authfront beside the official
// SuperTokens web SDK, measured on this machine. Prints a summary and writes BENCHMARKS.md. Not part of `npm test`.
//
// Every loop is bounded in count and by the global deadline; the loopback server listens on 127.0.0.1 only and
// closes itself; the browser and the server are closed in `finally`. Nothing is hard-coded: what could not be
// measured is reported as "not measured" with the reason.
//
// Flags: `--quick` (fewer rounds, for trying the harness),
// `--only=sizes,overhead,pureJs,expiry,storms,scale,memory,firstRender`
// (a subset; writes artifacts/bench/BENCHMARKS.partial.md instead of BENCHMARKS.md), `--report-only` (rewrite
// BENCHMARKS.md from the last run's artifacts/bench/results.json).
import { cpus, loadavg, totalmem, platform as osPlatform, release } from 'node:os'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../scripts/lib/chromium.mjs'
import { measureAll, measureApp } from '../scripts/size.mjs'
import { buildExample, buildPages } from './build-pages.mjs'
import { moduleBreakdown } from './breakdown.mjs'
import { measureAppMinified } from './app-size.mjs'
import { measureAngular } from './angular-size.mjs'
import { costsTable, measureCosts } from './costs.mjs'
import { nodePureJs } from './node-pure.mjs'
import { startBenchServer, startStaticServer } from './server.mjs'
import { profileFirstRender } from './renderProfile.mjs'
import { median, quantile } from './stats.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const at = (path) => join(root, path)
const STARTED = Date.now()
/** The whole run stops measuring after this; sections left are reported as not measured. */
const DEADLINE = STARTED + 30 * 60_000
const QUICK = process.argv.includes('--quick')
const ONLY = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice(7)
  .split(',')

const config = {
  overhead: { rounds: QUICK ? 3 : 12, callsPerRound: QUICK ? 20 : 40, warmup: 30 },
  pureJs: { rounds: QUICK ? 3 : 7, calls: QUICK ? 500 : 2000, warmup: 500 },
  expiry: { trials: QUICK ? 1 : 3 },
  storm: { trials: QUICK ? 2 : 7, calls: 50 },
  /** Issue 18 item 7: the storm at 1,000 calls over 5 tabs; each tab's burst may take this long. */
  scale: { trials: QUICK ? 1 : 3, calls: 1_000, tabs: 5, timeoutMs: 180_000 },
  /** A long-lived page: batches of concurrent calls, each beside one refresh; snapshots after these many batches. */
  memory: { perBatch: 10, checkpoints: [10, 100, 1_000] },
  firstRender: { runs: QUICK ? 4 : 21, profiledRuns: QUICK ? 3 : 9 },
  /** Access tokens of the "expired" phase live this long; the bench then waits this margin past expiry. */
  shortTtlMs: 300,
  expiryMarginMs: 1_200,
}

// ---------------------------------------------------------------------------------------------------------------
// small helpers

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const signed = (value, digits = 2) =>
  Number.isFinite(value) && value >= 0 ? `+${fmt(value, digits)}` : fmt(value, digits)
const kb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : 'n/a')
const range = (values) =>
  values.length === 0
    ? 'n/a'
    : Math.min(...values) === Math.max(...values)
      ? `${values[0]}`
      : `${Math.min(...values)}–${Math.max(...values)}`
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const remaining = () => DEADLINE - Date.now()
const log = (...args) => console.error(`[bench ${((Date.now() - STARTED) / 1000).toFixed(0)}s]`, ...args)

/** `page.evaluate` has no timeout of its own; this one does, so a stuck page cannot hang the run. */
async function evaluate(page, fn, arg, timeoutMs = 60_000) {
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`page did not answer within ${timeoutMs} ms`)),
      Math.min(timeoutMs, Math.max(1_000, remaining())),
    )
  })
  try {
    return await Promise.race([page.evaluate(fn, arg), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(at(`node_modules/${name}/package.json`), 'utf8')).version
  } catch {
    return 'not installed'
  }
}

/** Runs one section; a failure or an exhausted deadline becomes `{ notMeasured: reason }`. */
async function section(name, fn) {
  if (ONLY && !ONLY.includes(name)) return { notMeasured: 'skipped (--only)' }
  if (remaining() <= 0) return { notMeasured: 'the run ran out of its 30-minute time budget' }
  log(`${name}…`)
  const started = Date.now()
  try {
    const result = await fn()
    log(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    return result
  } catch (error) {
    log(`${name} failed:`, error?.stack ?? error)
    return { notMeasured: `failed: ${String(error?.message ?? error).split('\n')[0]}` }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 1. bundle bytes

const minus = (app, base) => ({ min: app.min - base.min, gzip: app.gzip - base.gzip, brotli: app.brotli - base.brotli })

/** The same fixture minus its baseline, built as a fully minified app (see bench/app-size.mjs). */
async function appFigure(fixture, baseline) {
  return minus(await measureAppMinified(fixture), await measureAppMinified(baseline))
}

async function sizes() {
  const empty = await measureApp('empty.ts')
  const official = {
    webJs: {
      ...minus(await measureApp('official-web-js.ts'), empty),
      app: await appFigure('official-web-js.ts', 'empty.ts'),
    },
    website: {
      ...minus(await measureApp('official-website.ts'), empty),
      app: await appFigure('official-website.ts', 'empty.ts'),
    },
  }
  // The official React UI beside our React page: both minus the same empty React app.
  try {
    official.authReact = {
      ...minus(await measureApp('official-auth-react.tsx'), await measureApp('react-empty.tsx')),
      app: await appFigure('official-auth-react.tsx', 'react-empty.tsx'),
    }
  } catch (error) {
    official.authReact = { notMeasured: `build failed: ${String(error?.message ?? error).split('\n')[0]}` }
  }
  let ours
  if (!existsSync(at('dist/authfront.js'))) ours = { notMeasured: 'dist/ is missing: run `npm run build` first' }
  else {
    const rows = await measureAll()
    const fixtures = {
      client: ['client.ts', 'empty.ts'],
      react: ['react.tsx', 'react-empty.tsx'],
      vue: ['vue.ts', 'vue-empty.ts'],
      compat: ['compat.ts', 'empty.ts'],
    }
    for (const row of rows) {
      const pair = fixtures[row.name]
      if (!pair) continue
      try {
        row.app = await appFigure(...pair)
      } catch (error) {
        row.app = { notMeasured: String(error?.message ?? error).split('\n')[0] }
      }
    }
    ours = { rows }
  }
  const budgets = JSON.parse(readFileSync(at('budgets.json'), 'utf8'))
  const breakdowns = {}
  for (const [name, fixture, baseline, needs] of [
    ['client', 'client.ts', 'empty.ts', 'src/index.ts'],
    ['react', 'react.tsx', 'react-empty.tsx', 'components/react/index.ts'],
    ['vue', 'vue.ts', 'vue-empty.ts', 'components/vue/index.ts'],
    // moduleBreakdown needs src/index.ts for its aliases even when the fixture does not import authfront.
    ['official-auth-react', 'official-auth-react.tsx', 'react-empty.tsx', 'src/index.ts'],
  ]) {
    if (!existsSync(at(needs))) {
      breakdowns[name] = { notMeasured: `${needs} is not on disk` }
      continue
    }
    try {
      breakdowns[name] = { ...(await moduleBreakdown(fixture)), baseline: (await moduleBreakdown(baseline)).rows }
    } catch (error) {
      breakdowns[name] = { notMeasured: `build failed: ${String(error?.message ?? error).split('\n')[0]}` }
    }
  }
  let angular
  if (remaining() < 8 * 60_000) angular = { notMeasured: 'skipped to keep the run inside its time budget' }
  else {
    try {
      angular = await measureAngular()
      breakdowns.angular = { ...angular.breakdown, baseline: angular.emptyBreakdown.rows }
    } catch (error) {
      angular = { notMeasured: `build failed: ${String(error?.message ?? error).split('\n')[0]}` }
    }
  }
  if (angular.notMeasured) breakdowns.angular = angular
  let costs
  try {
    costs = existsSync(at('dist/react.js')) ? await measureCosts() : { notMeasured: 'dist/react.js is missing' }
  } catch (error) {
    costs = { notMeasured: `build failed: ${String(error?.message ?? error).split('\n')[0]}` }
  }
  return { ours, official, budgets, breakdowns, angular, costs }
}

// ---------------------------------------------------------------------------------------------------------------
// browser sections

async function openPage(context, url) {
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url, { waitUntil: 'load' })
  await page
    .waitForFunction(() => 'bench' in globalThis, undefined, { timeout: 15_000 })
    .catch(() => {
      throw new Error(`${url} did not install window.bench${errors.length ? `: ${errors[0]}` : ''}`)
    })
  return page
}

/**
 * CPU time of the page's main thread (Chromium's `ThreadTime` metric over CDP), in µs. Unlike wall time it does
 * not count the time the thread waits (for the CPU on a busy machine, or for another process).
 */
async function mainThreadCpu(context, page) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? NaN) * 1e6
  }
}

async function signIn(page) {
  const status = await evaluate(page, () => globalThis.bench.signIn())
  if (status !== 'OK') throw new Error(`sign-in answered ${status}`)
  if (!(await evaluate(page, () => globalThis.bench.exists()))) throw new Error('no session after sign-in')
}

/** Waits (bounded) until the most recently issued access token has expired by `margin` ms. */
async function waitPastExpiry(server) {
  const until = server.lastAte() + config.expiryMarginMs
  const wait = until - Date.now()
  if (wait > 10_000) throw new Error('the short-lived token expires too late')
  if (wait > 0) await sleep(wait)
}

function requestTotals(counts) {
  let total = 0
  let refresh = 0
  let protectedCalls = 0
  const byStatus = {}
  for (const [key, value] of Object.entries(counts)) {
    if (key.startsWith('GET /page') || key.includes('/assets/')) continue
    total += value
    if (key.startsWith('POST /auth/session/refresh')) refresh += value
    if (key.startsWith('GET /api/protected')) protectedCalls += value
    byStatus[key] = value
  }
  return { total, refresh, protectedCalls, byStatus }
}

const SDKS = ['authfront', 'official']

/** 2. Per-request time on loopback: plain fetch vs authfront doFetch vs the official intercepted fetch. */
async function overhead(browser, server, pages) {
  const names = ['plain', ...SDKS].filter((name) => pages.includes(name))
  const contexts = []
  try {
    const open = {}
    const cpu = {}
    for (const name of names) {
      const context = await browser.newContext()
      contexts.push(context)
      open[name] = await openPage(context, `${server.origin}/page/${name}`)
      cpu[name] = await mainThreadCpu(context, open[name])
      if (name !== 'plain') await signIn(open[name])
    }
    const isolated = await evaluate(open.plain, () => globalThis.bench.crossOriginIsolated())
    const url = `${server.origin}/api/ok`
    for (const name of names)
      await evaluate(open[name], ([n, u]) => globalThis.bench.sequential(n, u), [config.overhead.warmup, url])
    const pooled = Object.fromEntries(names.map((name) => [name, []]))
    const roundMedians = Object.fromEntries(names.map((name) => [name, []]))
    const cpuPerCall = Object.fromEntries(names.map((name) => [name, []]))
    let failures = 0
    let rounds = 0
    for (let round = 0; round < config.overhead.rounds && remaining() > 60_000; round++) {
      // Rotate the order so no SDK always runs first (or last) in a round.
      const order = names.map((_, index) => names[(index + round) % names.length])
      for (const name of order) {
        const cpuBefore = await cpu[name]()
        const result = await evaluate(open[name], ([n, u]) => globalThis.bench.sequential(n, u), [
          config.overhead.callsPerRound,
          url,
        ])
        cpuPerCall[name].push(((await cpu[name]()) - cpuBefore) / config.overhead.callsPerRound)
        pooled[name].push(...result.durations)
        roundMedians[name].push(median(result.durations))
        failures += result.failures
      }
      rounds++
    }
    // Added time and ratio are paired per round (same round, same machine state), then the median over rounds.
    const rows = names.map((name) => {
      const ratios = roundMedians[name].map((value, index) => value / roundMedians.plain[index])
      const added = roundMedians[name].map((value, index) => (value - roundMedians.plain[index]) * 1000)
      return {
        name,
        calls: pooled[name].length,
        medianMs: median(pooled[name]),
        bestRoundMs: Math.min(...roundMedians[name]),
        p90Ms: quantile(pooled[name], 0.9),
        addedUs: median(added),
        ratio: median(ratios),
        cpuUsPerCall: median(cpuPerCall[name]),
        addedCpuUs: median(cpuPerCall[name].map((value, index) => value - cpuPerCall.plain[index])),
      }
    })
    return { rows, rounds, callsPerRound: config.overhead.callsPerRound, failures, crossOriginIsolated: isolated }
  } finally {
    for (const context of contexts) await context.close().catch(() => {})
  }
}

/** 2b. Pure JavaScript per call: the SDK over a fetch that answers at once (no network). */
async function pureJs(browser, server, pages) {
  const names = ['plain', ...SDKS].filter((name) => pages.includes(name))
  const contexts = []
  try {
    const open = {}
    const cpu = {}
    for (const name of names) {
      const context = await browser.newContext()
      contexts.push(context)
      open[name] = await openPage(context, `${server.origin}/page/${name}?stub`)
      cpu[name] = await mainThreadCpu(context, open[name])
      if (name !== 'plain') await signIn(open[name])
    }
    const url = `${server.origin}/api/ok`
    for (const name of names)
      await evaluate(open[name], ([n, u]) => globalThis.bench.loopTotal(n, u), [config.pureJs.warmup, url])
    const perCall = Object.fromEntries(names.map((name) => [name, []]))
    const cpuPerCall = Object.fromEntries(names.map((name) => [name, []]))
    let failures = 0
    for (let round = 0; round < config.pureJs.rounds && remaining() > 60_000; round++) {
      const order = names.map((_, index) => names[(index + round) % names.length])
      for (const name of order) {
        const cpuBefore = await cpu[name]()
        const result = await evaluate(open[name], ([n, u]) => globalThis.bench.loopTotal(n, u), [
          config.pureJs.calls,
          url,
        ])
        cpuPerCall[name].push(((await cpu[name]()) - cpuBefore) / config.pureJs.calls)
        perCall[name].push((result.totalMs * 1000) / config.pureJs.calls)
        failures += result.failures
      }
    }
    const paired = (values, name) => median(values[name].map((value, index) => value - values.plain[index]))
    const rows = names.map((name) => ({
      name,
      usPerCall: median(perCall[name]),
      addedUs: paired(perCall, name),
      // The least disturbed round: on a shared machine the closest to the code's own cost.
      bestAddedUs: Math.min(...perCall[name]) - Math.min(...perCall.plain),
      spread: `${fmt(Math.min(...perCall[name]), 1)}–${fmt(Math.max(...perCall[name]), 1)}`,
      cpuUsPerCall: median(cpuPerCall[name]),
      addedCpuUs: paired(cpuPerCall, name),
    }))
    return { rows, calls: config.pureJs.calls, rounds: perCall.plain.length, failures }
  } finally {
    for (const context of contexts) await context.close().catch(() => {})
  }
}

/** 4. Requests made by one protected call once the access token is known to be expired. */
async function oneCallAfterExpiry(browser, server, pages) {
  const out = {}
  for (const name of SDKS) {
    if (!pages.includes(name)) {
      out[name] = { notMeasured: `the ${name} bench page was not built` }
      continue
    }
    const trials = []
    for (let trial = 0; trial < config.expiry.trials && remaining() > 30_000; trial++) {
      const context = await browser.newContext()
      try {
        const page = await openPage(context, `${server.origin}/page/${name}`)
        server.setNextSignInTtl(config.shortTtlMs)
        await signIn(page)
        await waitPastExpiry(server)
        server.resetCounts()
        const result = await evaluate(page, (u) => globalThis.bench.sequential(1, u), `${server.origin}/api/protected`)
        const totals = requestTotals(server.counts())
        trials.push({ ...totals, failures: result.failures })
      } finally {
        await context.close().catch(() => {})
      }
    }
    out[name] = {
      requests: trials.map((trial) => trial.total),
      refresh: trials.map((trial) => trial.refresh),
      failures: trials.reduce((sum, trial) => sum + trial.failures, 0),
      sequence: trials[0]?.byStatus,
    }
  }
  return out
}

/**
 * 3. Refresh storm: `calls` concurrent protected calls right after expiry, split over `tabs` pages of one browser
 * context, against the same burst with a valid token. `timeoutMs` bounds each tab's burst.
 */
async function storm(browser, server, name, { tabs, calls, trials: count, timeoutMs = 60_000 }) {
  const url = `${server.origin}/api/protected`
  const trials = []
  const visibility = new Set()
  let stopped
  for (let trial = 0; trial < count && remaining() > 45_000; trial++) {
    const context = await browser.newContext()
    try {
      const open = []
      for (let tab = 0; tab < tabs; tab++) open.push(await openPage(context, `${server.origin}/page/${name}`))
      visibility.add(
        (await Promise.all(open.map((page) => evaluate(page, () => globalThis.bench.visibility())))).join('/'),
      )
      await signIn(open[0])
      for (const page of open.slice(1)) {
        if (!(await evaluate(page, () => globalThis.bench.exists()))) throw new Error('another tab sees no session')
      }
      for (const page of open) await evaluate(page, (u) => globalThis.bench.sequential(2, u), url)
      const burst = async () => {
        const startAt = Date.now() + 200
        const per = calls / tabs
        const results = await Promise.all(
          open.map((page) =>
            evaluate(page, ([n, u, a]) => globalThis.bench.burst(n, u, a), [per, url, startAt], timeoutMs),
          ),
        )
        const start = Math.min(...results.map((result) => result.startedAt))
        const end = Math.max(...results.map((result) => result.endedAt))
        const statuses = {}
        for (const result of results)
          for (const [status, n] of Object.entries(result.statuses)) statuses[status] = (statuses[status] ?? 0) + n
        return { ms: end - start, failed: results.reduce((sum, result) => sum + result.failed, 0), statuses }
      }
      // A first burst opens the browser's pooled connections (6 per host on HTTP/1.1), so the measured bursts
      // both start with warm connections.
      await burst()
      // The same idle time as before the expired burst below, so both bursts start from the same state.
      await sleep(config.shortTtlMs + config.expiryMarginMs)
      server.resetCounts()
      const valid = await burst()
      const validTotals = requestTotals(server.counts())
      // A new session whose access token expires almost at once; every tab sees it through the shared cookies.
      server.setNextSignInTtl(config.shortTtlMs)
      await signIn(open[0])
      for (const page of open.slice(1)) await evaluate(page, () => globalThis.bench.exists())
      await waitPastExpiry(server)
      const revokedBefore = server.revokedSessions()
      server.resetCounts()
      const expired = await burst()
      const totals = requestTotals(server.counts())
      trials.push({
        validMs: valid.ms,
        validRequests: validTotals.total,
        validFailed: valid.failed,
        expiredMs: expired.ms,
        ratio: expired.ms / valid.ms,
        refresh: totals.refresh,
        requests: totals.total,
        failed: expired.failed,
        statuses: expired.statuses,
        revoked: server.revokedSessions() - revokedBefore,
        byStatus: totals.byStatus,
      })
    } catch (error) {
      // A trial that could not finish (the official SDK too slow for the burst timeout) is reported, not hidden.
      stopped = String(error?.message ?? error).split('\n')[0]
      if (trials.length === 0) return { notMeasured: `failed: ${stopped}` }
      break
    } finally {
      await context.close().catch(() => {})
    }
  }
  if (trials.length === 0) return { notMeasured: 'no trial fitted in the time budget' }
  return {
    trials: trials.length,
    tabs,
    calls,
    validMs: median(trials.map((trial) => trial.validMs)),
    expiredMs: median(trials.map((trial) => trial.expiredMs)),
    ratio: median(trials.map((trial) => trial.ratio)),
    refresh: range(trials.map((trial) => trial.refresh)),
    requests: range(trials.map((trial) => trial.requests)),
    failed: trials.reduce((sum, trial) => sum + trial.failed, 0),
    validFailed: trials.reduce((sum, trial) => sum + trial.validFailed, 0),
    revoked: trials.reduce((sum, trial) => sum + trial.revoked, 0),
    example: trials[0].byStatus,
    visibility: [...visibility].join(', '),
    ...(stopped ? { stopped } : {}),
  }
}

/** 3. The storm at `config.storm.calls` calls, in one tab and over two tabs. */
async function storms(browser, server, pages) {
  const out = {}
  for (const name of SDKS) {
    for (const tabs of [1, 2]) {
      out[`${name}:${tabs}`] = pages.includes(name)
        ? await storm(browser, server, name, { tabs, calls: config.storm.calls, trials: config.storm.trials })
        : { notMeasured: `the ${name} bench page was not built` }
    }
  }
  return out
}

/** 7a. The single-flight at scale: `config.scale.calls` concurrent calls over `config.scale.tabs` tabs. */
async function scale(browser, server, pages) {
  const out = {}
  for (const name of SDKS) {
    out[name] = pages.includes(name)
      ? await storm(browser, server, name, config.scale)
      : { notMeasured: `the ${name} bench page was not built` }
  }
  return out
}

/**
 * Installed before the page's scripts: counts the timers that are scheduled and have neither fired nor been
 * cleared (a timer per call or per refresh left behind would grow this).
 */
function timerProbe() {
  const pending = new Set()
  const { setTimeout: set, clearTimeout: clear, setInterval: every, clearInterval: stop } = globalThis
  globalThis.setTimeout = function (handler, ms, ...args) {
    const id = set.call(
      globalThis,
      typeof handler === 'function'
        ? (...passed) => {
            pending.delete(id)
            return handler(...passed)
          }
        : handler,
      ms,
      ...args,
    )
    pending.add(id)
    return id
  }
  globalThis.clearTimeout = function (id) {
    pending.delete(id)
    return clear.call(globalThis, id)
  }
  const intervals = new Set()
  globalThis.setInterval = function (...args) {
    const id = every.apply(globalThis, args)
    intervals.add(id)
    return id
  }
  globalThis.clearInterval = function (id) {
    intervals.delete(id)
    return stop.call(globalThis, id)
  }
  globalThis.__benchTimers = () => ({ timeouts: pending.size, intervals: intervals.size })
}

/**
 * What a long-lived page holds after a full garbage collection, over CDP: the JS heap in use, event listeners
 * (Chromium's own counter, and those on window and document), pending timers (timerProbe), and the live objects
 * of the fetch classes (a response kept by the SDK after the caller read it would grow `Response`).
 */
async function memorySnapshot(cdp, page) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  const { jsEventListeners } = await cdp.send('Memory.getDOMCounters')
  const listenersOn = async (expression) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression })
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId })
    return listeners.length
  }
  const live = {}
  for (const name of ['Response', 'Request', 'Headers', 'AbortController', 'AbortSignal', 'Promise']) {
    const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: `${name}.prototype` })
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId })
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.length }',
      returnByValue: true,
    })
    live[name] = result.value
    await cdp.send('Runtime.releaseObject', { objectId: objects.objectId })
    await cdp.send('Runtime.releaseObject', { objectId: prototype.objectId })
  }
  const timers = await evaluate(page, () => globalThis.__benchTimers())
  return {
    heapKiB: usedSize / 1024,
    jsEventListeners,
    windowListeners: await listenersOn('window'),
    documentListeners: await listenersOn('document'),
    ...timers,
    live,
  }
}

/**
 * 7b. A long-lived page: 10,000 calls and 1,000 refreshes (batches of `perBatch` concurrent calls beside one
 * refresh), with a snapshot after a warm-up and at each checkpoint; what grows between the last two leaks.
 */
async function memory(browser, server, pages) {
  const out = {}
  const url = `${server.origin}/api/protected`
  const { perBatch, checkpoints } = config.memory
  for (const name of SDKS) {
    if (!pages.includes(name)) {
      out[name] = { notMeasured: `the ${name} bench page was not built` }
      continue
    }
    const context = await browser.newContext()
    try {
      await context.addInitScript(timerProbe)
      const page = await openPage(context, `${server.origin}/page/${name}`)
      const cdp = await context.newCDPSession(page)
      await signIn(page)
      server.resetCounts()
      const snapshots = []
      let done = 0
      let failed = 0
      let refreshFailed = 0
      let ms = 0
      for (const batches of checkpoints) {
        if (remaining() < 60_000) throw new Error('the run ran out of time')
        const result = await evaluate(
          page,
          ([b, n, u]) => globalThis.bench.churn(b, n, u),
          [batches - done, perBatch, url],
          600_000,
        )
        done = batches
        failed += result.failed
        refreshFailed += result.refreshFailed
        ms += result.ms
        const totals = requestTotals(server.counts())
        snapshots.push({
          calls: done * perBatch,
          refreshes: done,
          refreshRequests: totals.refresh,
          ...(await memorySnapshot(cdp, page)),
        })
      }
      out[name] = { snapshots, failed, refreshFailed, ms }
    } catch (error) {
      out[name] = { notMeasured: `failed: ${String(error?.message ?? error).split('\n')[0]}` }
    } finally {
      await context.close().catch(() => {})
    }
  }
  return out
}

/**
 * Records when the page first shows an interactive sign-in form (or, for the empty page, its `<main>`). The official
 * prebuilt UI renders into a shadow root, so every shadow root the page attaches is searched and observed as well.
 */
function readinessProbe(kind) {
  const roots = [document]
  const ready = () => {
    if (kind === 'main') return document.querySelector('main') !== null
    return roots.some((root) => {
      const input = root.querySelector(
        'form input[type="email"], form input[autocomplete~="email"], form input[autocomplete~="username"]',
      )
      const button = root.querySelector('form button[type="submit"], form button:not([type])')
      return input !== null && button !== null && !input.disabled && !button.disabled && input.isConnected
    })
  }
  const check = () => {
    if (globalThis.__readyAt === undefined && ready()) {
      globalThis.__readyAt = performance.now()
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  const options = { subtree: true, childList: true, attributes: true }
  observer.observe(document, options)
  const attachShadow = Element.prototype.attachShadow
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init)
    if (globalThis.__readyAt === undefined) {
      roots.push(root)
      observer.observe(root, options)
    }
    return root
  }
}

/** BENCHMARKS.md §5's second table: main-thread CPU before the form is ready, by source, plain form beside ours. */
function cpuBeforeReady(cpu) {
  const lines = [
    '### What runs before the form is ready',
    '',
    "Main-thread CPU from navigation until the form is ready, from Chromium's sampling profiler (100 µs) in separate",
    'runs (`bench/renderProfile.mjs`; the profiler slows every call, so these are not comparable with the timings',
    'above). Each sample goes to the source file of the JavaScript function on top of the stack (through the page',
    "bundle's source map, and dist/'s own maps for authfront); native calls (a `document.cookie` read,",
    '`createElement`) to the page function that made them. "Outside JavaScript" is what V8 cannot attribute to a',
    "function: parsing and compiling scripts, style, layout and the browser's own work. Medians over the runs.",
    '',
  ]
  if (!cpu || notMeasured(cpu)) return [...lines, notMeasured(cpu) ?? 'not measured', '']
  const form = cpu['react-form']
  const ours = cpu['react-signin']
  if (!form?.buckets || !ours?.buckets)
    return [...lines, `not measured: ${notMeasured(form) ?? notMeasured(ours) ?? 'a page was not profiled'}`, '']
  const buckets = [...new Set([...Object.keys(ours.buckets), ...Object.keys(form.buckets)])].sort(
    (a, b) => (ours.buckets[b] ?? 0) - (ours.buckets[a] ?? 0),
  )
  lines.push(
    `| main-thread CPU before ready (ms, median of ${ours.runs} runs) | plain React form | authfront sign-in | difference |`,
    '| --- | ---: | ---: | ---: |',
  )
  for (const bucket of buckets) {
    const a = form.buckets[bucket] ?? 0
    const b = ours.buckets[bucket] ?? 0
    if (a < 0.05 && b < 0.05) continue
    lines.push(`| ${bucket} | ${fmt(a, 1)} | ${fmt(b, 1)} | ${signed(b - a, 1)} |`)
  }
  lines.push(
    `| **total** | **${fmt(form.totalMs, 1)}** | **${fmt(ours.totalMs, 1)}** | **${signed(ours.totalMs - form.totalMs, 1)}** |`,
    '',
  )
  return lines
}

/** 5. Navigation start → interactive sign-in form, against a plain React form and an empty React page. */
async function firstRender(browser, server, pages, example) {
  const targets = [
    ['react-empty', `${server.origin}/page/react-empty`, 'main'],
    ['react-form', `${server.origin}/page/react-form`, 'form'],
    ['react-signin', `${server.origin}/auth`, 'form'],
    ['official-signin', `${server.origin}/official/auth`, 'form'],
  ].filter(([name]) => pages.includes(name))
  if (example?.origin) targets.push(['examples/react', `${example.origin}/auth`, 'form'])
  const times = Object.fromEntries(targets.map(([name]) => [name, []]))
  const requests = Object.fromEntries(targets.map(([name]) => [name, []]))
  const errors = []
  for (let run = 0; run < config.firstRender.runs && remaining() > 20_000; run++) {
    for (const [name, url, kind] of targets.map((_, index) => targets[(index + run) % targets.length])) {
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        page.on('pageerror', (error) => errors.push(`${name}: ${error.message}`))
        // Resource timing leaves out some failed fetches (a 401), so the requests are taken from the browser.
        const fetches = []
        page.on('request', (request) => {
          if (['fetch', 'xhr'].includes(request.resourceType())) fetches.push({ request, seenAt: Date.now() })
        })
        await page.addInitScript(readinessProbe, kind)
        await page.goto(url, { waitUntil: 'commit' })
        await page.waitForFunction(() => globalThis.__readyAt !== undefined, undefined, { timeout: 15_000 })
        const [readyAt, readyEpoch] = await page.evaluate(() => [
          globalThis.__readyAt,
          performance.timeOrigin + globalThis.__readyAt,
        ])
        times[name].push(readyAt)
        // Give background work (a session check) a moment, then see which requests started before the form was ready.
        await sleep(300)
        const started = fetches.map(({ request, seenAt }) => {
          const startTime = request.timing().startTime
          return startTime > 0 ? startTime : seenAt
        })
        requests[name].push(`${started.filter((at) => at < readyEpoch).length}/${started.length}`)
      } catch (error) {
        errors.push(`${name}: ${String(error?.message ?? error).split('\n')[0]}`)
      } finally {
        await context.close().catch(() => {})
      }
    }
  }
  const rows = targets.map(([name]) => ({
    name,
    runs: times[name].length,
    medianMs: median(times[name]),
    bestMs: Math.min(...times[name]),
    p90Ms: quantile(times[name], 0.9),
    apiCalls: [...new Set(requests[name])].join(', '),
  }))
  // Where the main thread's time goes before the form is ready, for the plain form and ours (separate runs: the
  // profiler slows every call, so these never feed the timings above).
  let cpu
  try {
    cpu = await profileFirstRender(
      browser,
      targets.filter(([name]) => name === 'react-form' || name === 'react-signin'),
      at('artifacts/bench/pages'),
      { runs: config.firstRender.profiledRuns, remaining },
    )
  } catch (error) {
    cpu = { notMeasured: `failed: ${String(error?.message ?? error).split('\n')[0]}` }
  }
  return { rows, errors: [...new Set(errors)].slice(0, 5), cpu }
}

// ---------------------------------------------------------------------------------------------------------------
// report

function machine(browserVersion) {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${osPlatform()} ${release()}`,
    node: process.version,
    chromium: browserVersion,
  }
}

function notMeasured(result) {
  return result && typeof result === 'object' && 'notMeasured' in result
    ? `not measured: ${result.notMeasured}`
    : undefined
}

const scaleCell = (scaled, name) => {
  const entry = scaled?.[name]
  if (!entry || notMeasured(scaled) || notMeasured(entry))
    return notMeasured(scaled) ?? notMeasured(entry) ?? 'not measured'
  return `${entry.refresh} refresh, ${fmt(entry.ratio)}× (${fmt(entry.expiredMs, 0)} ms vs ${fmt(entry.validMs, 0)} ms), ${entry.failed} failed`
}

/** Calls made at a snapshot of the long-lived page (`index` from the end). */
const callsAt = (held, index) =>
  (
    held?.authfront?.snapshots?.at(index)?.calls ?? config.memory.checkpoints.at(index) * config.memory.perBatch
  ).toLocaleString('en')

/** What grew between the last two snapshots: heap, listeners, timers, live responses. */
const growth = (entry) => {
  const [before, after] = entry.snapshots.slice(-2)
  return {
    heapKiB: after.heapKiB - before.heapKiB,
    listeners: after.jsEventListeners - before.jsEventListeners,
    timers: after.timeouts + after.intervals - before.timeouts - before.intervals,
    responses: after.live.Response - before.live.Response,
  }
}

const memoryCell = (held, name) => {
  const entry = held?.[name]
  if (!entry || notMeasured(held) || notMeasured(entry))
    return notMeasured(held) ?? notMeasured(entry) ?? 'not measured'
  const grew = growth(entry)
  return `heap ${signed(grew.heapKiB, 0)} KiB, listeners ${signed(grew.listeners, 0)}, timers ${signed(grew.timers, 0)}, responses ${signed(grew.responses, 0)}; ${entry.failed} failed`
}

/** Issue 18 item 7: the storm at scale and the long-lived page. */
function scaleSection(scaled, held) {
  const lines = [
    '## 6. Scale',
    '',
    `### ${config.scale.calls.toLocaleString('en')} concurrent calls over ${config.scale.tabs} tabs`,
    '',
    `The storm of §3 at ${config.scale.calls.toLocaleString('en')} \`GET /api/protected\` calls, ${config.scale.calls / config.scale.tabs} in each of ${config.scale.tabs} pages of one browser context`,
    '(same origin, shared cookies), started at the same wall-clock instant, with a valid token and then after expiry.',
    'The single-flight holds when the server sees one refresh and every call answers 200.',
    '',
    '| client | tabs | trials | refresh calls | requests | failed calls | sessions revoked | valid-token burst | after expiry | × valid |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  if (notMeasured(scaled)) lines.push(`| all | | ${notMeasured(scaled)} | | | | | | | |`)
  else
    for (const [name, entry] of Object.entries(scaled ?? {})) {
      if (notMeasured(entry)) lines.push(`| ${name} | ${config.scale.tabs} | ${notMeasured(entry)} | | | | | | | |`)
      else
        lines.push(
          `| ${name} | ${entry.tabs} | ${entry.trials}${entry.stopped ? ` (then: ${entry.stopped})` : ''} | ${entry.refresh} | ${entry.requests} | ${entry.failed} (valid phase: ${entry.validFailed}) | ${entry.revoked} | ${fmt(entry.validMs, 1)} ms | ${fmt(entry.expiredMs, 1)} ms | ${fmt(entry.ratio)} |`,
        )
    }
  const { perBatch, checkpoints } = config.memory
  lines.push(
    '',
    `### A long-lived page: ${(checkpoints.at(-1) * perBatch).toLocaleString('en')} calls and ${checkpoints.at(-1).toLocaleString('en')} refreshes`,
    '',
    `One page, signed in, runs batches of ${perBatch} concurrent \`GET /api/protected\` calls, each batch beside one explicit`,
    'refresh (authfront `session.refresh()`, official `Session.attemptRefreshingSession()`), reading every body. After',
    `${checkpoints.map((batches) => (batches * perBatch).toLocaleString('en')).join(', ')} calls the driver forces a full GC over CDP (\`HeapProfiler.collectGarbage\`) and reads the JS heap in`,
    'use (`Runtime.getHeapUsage`), the event listeners (`Memory.getDOMCounters` jsEventListeners: every JS listener in',
    'the page, on any EventTarget; and `DOMDebugger.getEventListeners` on window and document), the timers scheduled',
    'and neither fired nor cleared (setTimeout/setInterval wrapped before the page loads), and the live objects of',
    'each fetch class (`Runtime.queryObjects` on its prototype). What leaks grows with the calls between the last two',
    'rows; a constant is what the page holds anyway.',
    '',
    '| client | calls | refreshes (server saw) | JS heap KiB | JS listeners | on window / document | pending timeouts / intervals | live Response / Request / Headers | live AbortController / AbortSignal | live Promise |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  if (notMeasured(held)) lines.push(`| all | ${notMeasured(held)} | | | | | | | | |`)
  else
    for (const [name, entry] of Object.entries(held ?? {})) {
      if (notMeasured(entry)) {
        lines.push(`| ${name} | ${notMeasured(entry)} | | | | | | | | |`)
        continue
      }
      for (const row of entry.snapshots)
        lines.push(
          `| ${name} | ${row.calls.toLocaleString('en')} | ${row.refreshes} (${row.refreshRequests}) | ${fmt(row.heapKiB, 0)} | ${row.jsEventListeners} | ${row.windowListeners} / ${row.documentListeners} | ${row.timeouts} / ${row.intervals} | ${row.live.Response} / ${row.live.Request} / ${row.live.Headers} | ${row.live.AbortController} / ${row.live.AbortSignal} | ${row.live.Promise} |`,
        )
      lines.push(
        `| ${name}: growth over the last ${((checkpoints.at(-1) - checkpoints.at(-2)) * perBatch).toLocaleString('en')} calls | | | ${signed(growth(entry).heapKiB, 0)} | ${signed(growth(entry).listeners, 0)} | | ${signed(growth(entry).timers, 0)} | ${signed(growth(entry).responses, 0)} Response | | |`,
      )
    }
  const failures = Object.entries(held ?? {})
    .filter(([, entry]) => entry?.snapshots)
    .map(
      ([name, entry]) =>
        `${name} ${entry.failed} failed calls, ${entry.refreshFailed} failed refreshes, ${fmt(entry.ms / 1000, 1)} s`,
    )
  if (failures.length > 0)
    lines.push('', `Calls that did not answer 200 and the time the page spent: ${failures.join('; ')}.`)
  lines.push('')
  return lines
}

function report(results) {
  const {
    meta,
    sizes: size,
    overhead: over,
    pureJs: pure,
    pureJsNode: pureNode,
    expiry,
    storms: storm,
    scale: scaled,
    memory: held,
    firstRender: render,
    pages,
  } = results
  const nodeRow = (name) => pureNode?.rows?.find((row) => row.name === name)
  const nodeAdded = (key) => nodeRow('authfront doFetch')?.[key] - nodeRow('bare stub')?.[key]
  const lines = []
  const push = (...more) => lines.push(...more)
  push(
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\` (bench/run.mjs) on ${meta.date}. Every figure below was measured in that run;`,
    'nothing is copied from elsewhere. Rows that could not be measured say why. Re-run with',
    '`npm run build && npm run bench` (about 20 minutes; `node bench/run.mjs --quick` for a shorter, rougher run).',
    'The harness is in `bench/` (driver `run.mjs`, loopback backend `server.mjs`, page bundles `pages/`, size fixtures',
    '`fixtures/`). KiB = 1024 bytes.',
    '',
    '## Machine and versions',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${meta.machine.cpu}, ${meta.machine.cores} cores, ${meta.machine.memory} |`,
    `| OS | ${meta.machine.os} |`,
    `| Node | ${meta.machine.node} |`,
    `| Chromium | ${meta.machine.chromium} (playwright-core ${meta.versions['playwright-core']}, headless) |`,
    `| load average (1/5/15 min) at start → end | ${meta.machine.loadStart} → ${meta.loadEnd} (the machine is shared; timings are noisier under load) |`,
    `| authfront | ${meta.versions.authfront} (${meta.authfrontFrom}) |`,
    `| official SDK | supertokens-web-js ${meta.versions['supertokens-web-js']}, supertokens-website ${meta.versions['supertokens-website']}; supertokens-auth-react ${meta.versions['supertokens-auth-react']} |`,
    `| bundler | vite ${meta.versions.vite} (rolldown), minified, es2022 |`,
    `| frameworks | react ${meta.versions.react}, react-dom ${meta.versions['react-dom']}, vue ${meta.versions.vue}, @angular/core ${meta.versions['@angular/core']}, msw ${meta.versions.msw} |`,
    `| run time | ${meta.seconds} s${meta.quick ? ' (`--quick`: fewer rounds)' : ''} |`,
    '',
  )

  // ---- summary against the targets
  const ourClient = size.ours?.rows?.find((row) => row.name === 'client')
  const ourCore = size.ours?.rows?.find((row) => row.name === 'client-core')
  const ourReact = size.ours?.rows?.find((row) => row.name === 'react')
  const ourCss = size.ours?.rows?.find((row) => row.name === 'css')
  const ourVue = size.ours?.rows?.find((row) => row.name === 'vue')
  const ourCompat = size.ours?.rows?.find((row) => row.name === 'compat')
  const ourAngularCli = size.ours?.rows?.find((row) => row.name === 'angular-cli')
  // scripts/size.mjs may build as an app itself; then its figure and bench/app-size.mjs's agree and one is shown.
  const sameBuild = [...(size.ours?.rows ?? []), size.official?.webJs, size.official?.website, size.official?.authReact]
    .filter((row) => row?.app && !row.app.notMeasured)
    .every((row) => row.app.min === row.min)
  const two = (row) => (sameBuild || !row?.app ? kb(row?.gzip) : `${kb(row.gzip)} (${kb(row.app.gzip)})`)
  const angularRouterMin = (() => {
    const entry = size.breakdowns?.angular
    if (!entry?.rows) return NaN
    const base = entry.baseline.find((row) => row.source === '@angular/router (dependency)')?.min ?? 0
    return (entry.rows.find((row) => row.source === '@angular/router (dependency)')?.min ?? 0) - base
  })()
  const overRow = (name) => over.rows?.find((row) => row.name === name)
  const pureRow = (name) => pure.rows?.find((row) => row.name === name)
  const stormCell = (key) => {
    const entry = storm?.[key]
    if (!entry || notMeasured(entry)) return notMeasured(entry) ?? 'not measured'
    return `${entry.refresh} refresh, ${fmt(entry.ratio)}× (${fmt(entry.expiredMs, 0)} ms vs ${fmt(entry.validMs, 0)} ms), ${entry.failed} failed`
  }
  const expiryCell = (name) => {
    const entry = expiry?.[name]
    if (!entry || notMeasured(entry) || notMeasured(expiry))
      return notMeasured(entry) ?? notMeasured(expiry) ?? 'not measured'
    return `${range(entry.requests)} requests (${range(entry.refresh)} refresh)`
  }
  const renderRow = (name) => render.rows?.find((row) => row.name === name)
  const signin = renderRow('react-signin')
  const form = renderRow('react-form')
  const emptyPage = renderRow('react-empty')
  const renderCell = (row, missing) =>
    notMeasured(render) ??
    (row && form
      ? `${fmt(row.medianMs / form.medianMs)}× a plain React form (${fmt(row.medianMs, 0)} ms vs ${fmt(form.medianMs, 0)} ms; best runs ${fmt(row.bestMs / form.bestMs)}×)${emptyPage ? `; ${fmt(row.medianMs / emptyPage.medianMs)}× the empty React page (${fmt(emptyPage.medianMs, 0)} ms)` : ''}`
      : missing)
  const authReact = size.official?.authReact
  const authReactCell =
    notMeasured(size) ??
    (authReact
      ? (notMeasured(authReact) ?? `${two(authReact)} auth-react (JS, its CSS included)`)
      : 'not measured: this run has no supertokens-auth-react figure')
  push(
    '## Summary against the targets (docs/ARCHITECTURE.md, "Performance targets")',
    '',
    '| figure | official SuperTokens web SDK (measured here) | authfront (measured here) | authfront target |',
    '| --- | --- | --- | --- |',
    `| client only (session + EmailPassword), gzip, minus an empty app${sameBuild ? '' : '; size.mjs (app build)'} | ${notMeasured(size) ?? `${two(size.official.webJs)} web-js; ${two(size.official.website)} website alone`} | ${notMeasured(size) ?? notMeasured(size.ours) ?? (ourClient ? two(ourClient) : 'not measured: no client row')} | ≤ 6 KB (budget ${kb(size.budgets?.client)}) |`,
    `| session core alone (doFetch, the session check, sign-out), gzip, minus an empty app | ${notMeasured(size) ?? `${two(size.official.website)} website alone`} | ${notMeasured(size) ?? notMeasured(size.ours) ?? (ourCore ? two(ourCore) : 'not measured: no client-core row')} | ≤ 5 KB (budget ${kb(size.budgets?.['client-core'])}) |`,
    `| React sign-in page + guard, beyond React, gzip${sameBuild ? '' : '; size.mjs (app build)'} | ${authReactCell} | ${notMeasured(size) ?? notMeasured(size.ours) ?? (ourReact ? `${two(ourReact)} JS${ourCss ? ` + ${kb(ourCss.gzip)} CSS` : ''}` : 'not measured: dist/react.js missing')} | ≤ 12 KB JS + 2 KB CSS (budgets ${kb(size.budgets?.react)} JS, ${kb(size.budgets?.css)} CSS) |`,
    `| Vue sign-in page + guard, beyond Vue, gzip${sameBuild ? '' : '; size.mjs (app build)'} | — (no official Vue UI) | ${notMeasured(size) ?? notMeasured(size.ours) ?? (ourVue ? `${two(ourVue)} JS` : 'not measured: dist/vue.js missing')} | ≤ 12 KB JS (budget ${kb(size.budgets?.vue)}) |`,
    `| Angular sign-in page + guard, beyond Angular, gzip (full AOT from source) | — (no official Angular UI) | ${notMeasured(size) ?? notMeasured(size.angular) ?? `${kb(size.angular.gzip)} JS${angularRouterMin > 0 ? `; @angular/router alone adds ${kb(angularRouterMin)} minified (see §1)` : ''}`} | budget ${kb(size.budgets?.angular)} |`,
    `| Angular sign-in page + guard, beyond Angular, gzip, built by the Angular CLI (\`ng build\`, production) from the published package | — (no official Angular UI) | ${notMeasured(size) ?? notMeasured(size.ours) ?? (ourAngularCli ? `${kb(ourAngularCli.gzip)} JS` : 'not measured: dist/fesm2022/authfront-angular.js missing')} | ≤ 20 KB (budget ${kb(size.budgets?.['angular-cli'])}) |`,
    `| interception cost per request, pure JS (instant fetch): wall median (best rounds); main-thread CPU | ${notMeasured(pure) ?? `${signed(pureRow('official')?.addedUs, 1)} µs (${signed(pureRow('official')?.bestAddedUs, 1)} µs); CPU ${signed(pureRow('official')?.addedCpuUs, 1)} µs`} | ${notMeasured(pure) ?? (pureRow('authfront') ? `${signed(pureRow('authfront').addedUs, 1)} µs (${signed(pureRow('authfront').bestAddedUs, 1)} µs); CPU ${signed(pureRow('authfront').addedCpuUs, 1)} µs` : 'not measured: authfront page not built')} | ≤ 25 µs |`,
    `| interception cost per request in Node (memory cookie jar, instant fetch): wall; process CPU | — (needs a DOM) | ${notMeasured(pureNode) ?? `${signed(nodeAdded('wallUs'), 1)} µs; CPU ${signed(nodeAdded('cpuUs'), 1)} µs`} | ≤ 25 µs |`,
    `| interception cost per request, loopback | ${notMeasured(over) ?? `${signed(overRow('official')?.addedUs, 0)} µs (${fmt(overRow('official')?.ratio)}× plain fetch)`} | ${notMeasured(over) ?? (overRow('authfront') ? `${signed(overRow('authfront').addedUs, 0)} µs (${fmt(overRow('authfront').ratio)}× plain fetch)` : 'not measured: authfront page not built')} | — |`,
    `| ${config.storm.calls} concurrent calls after expiry, one tab | ${stormCell('official:1')} | ${stormCell('authfront:1')} | 1 refresh, ≤ 1.3× |`,
    `| the same across two tabs | ${stormCell('official:2')} | ${stormCell('authfront:2')} | 1 refresh, ≤ 1.5× |`,
    `| ${config.scale.calls.toLocaleString('en')} concurrent calls after expiry over ${config.scale.tabs} tabs | ${scaleCell(scaled, 'official')} | ${scaleCell(scaled, 'authfront')} | 1 refresh, 0 failed |`,
    `| a long-lived page, ${callsAt(held, -2)} → ${callsAt(held, -1)} calls (and a refresh per ${config.memory.perBatch} calls): growth after GC | ${memoryCell(held, 'official')} | ${memoryCell(held, 'authfront')} | none |`,
    `| one call after the access token is known to be expired | ${expiryCell('official')} | ${expiryCell('authfront')} | 2 (refresh first) |`,
    `| first render of the sign-in form | ${renderCell(renderRow('official-signin'), 'not measured: the official sign-in page was not built or never became ready')} | ${renderCell(signin, 'not measured: the sign-in page was not built')} | ≤ 1.1× |`,
    '',
  )

  // ---- 1. sizes
  push('## 1. Bundle bytes', '')
  if (notMeasured(size)) push(notMeasured(size), '')
  else {
    push(
      'Each figure is a production bundle (vite 8 / rolldown, minified, es2022, one file) built from a fixture in',
      '`bench/fixtures/`, minus an empty app of the same framework (`empty.ts`, `react-empty.tsx`, `vue-empty.ts`).',
      'Ours resolve `authfront*` to `dist/` (what is published) via `scripts/size.mjs`; the official fixtures do the',
      'same jobs with the official packages (`official-web-js.ts`: `SuperTokens.init` with Session + EmailPassword,',
      'signIn/signUp/doesSessionExist/signOut and an intercepted fetch; `official-website.ts`: the session client alone,',
      'with sign-in/up as hand-written fetch calls; `official-auth-react.tsx`: what `react.tsx` does, with',
      'supertokens-auth-react: `SuperTokens.init` with EmailPassword + Session, `SuperTokensWrapper`, the prebuilt',
      'sign-in/up UI mounted router-less with `canHandleRoute`/`getRoutingComponent` on the auth path, `SessionAuth`',
      'elsewhere; neither React page turns email verification on).',
      '',
      ...(sameBuild
        ? [
            'The authfront rows come from `scripts/size.mjs` (an app build, fully minified: the figures `budgets.json`',
            'is checked against). The "app build" columns build the same fixtures a second time with the same builder',
            '(`bench/app-size.mjs` re-exports it), a check that the figures are reproducible; they agree.',
          ]
        : [
            'The authfront rows come from `scripts/size.mjs` (vite library mode, which with the `es` format does',
            'not minify whitespace: these are the figures `budgets.json` is checked against). The "app build" figures',
            'are the same fixtures built as an application (fully minified, what a browser downloads).',
          ]),
      '',
      '| app | min B | gzip B | brotli B | app build: min B | app build: gzip B | app build: brotli B | gzip budget |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    const appCells = (app) =>
      !app
        ? ' | | |'
        : app.notMeasured
          ? `not measured: ${app.notMeasured} | | |`
          : `${app.min} | ${app.gzip} | ${app.brotli} |`
    if (notMeasured(size.ours)) push(`| authfront | ${notMeasured(size.ours)} | | | | | | |`)
    else
      for (const row of size.ours.rows) {
        // scripts/size.mjs measures Angular with bench/angular-size.mjs, which the run also calls on its own.
        const angularRow = row.name === 'angular'
        const app = row.app ?? (angularRow && size.angular && !notMeasured(size.angular) ? size.angular : undefined)
        push(
          `| authfront ${row.name}${angularRow ? ' (components and client from source, full AOT; see below)' : row.name === 'angular-cli' ? ' (`bench/angular-cli-size.mjs`: `ng build` production, the published package)' : ''} | ${row.min} | ${row.gzip} | ${row.brotli} | ${appCells(app)} ${size.budgets[row.name] ?? '—'} |`,
        )
      }
    for (const name of ['react', 'vue', 'css']) {
      if (!notMeasured(size.ours) && !size.ours.rows.some((row) => row.name === name)) {
        push(
          `| authfront ${name} | not measured: dist/${name === 'css' ? 'authfront.css' : `${name}.js`} is missing | | | | | | ${size.budgets[name] ?? '—'} |`,
        )
      }
    }
    const ng = size.angular
    // Newer scripts/size.mjs has an Angular row of its own (shown above); older results.json files do not.
    const ngInTable = size.ours.rows?.some((row) => row.name === 'angular')
    if (!ngInTable && notMeasured(ng))
      push(`| authfront angular | ${notMeasured(ng)} | | | | | | ${size.budgets.angular ?? '—'} |`)
    else if (!ngInTable)
      push(
        `| authfront angular (components and client from source, full AOT; see below) | not measured: scripts/size.mjs has no Angular app | | | ${ng.min} | ${ng.gzip} | ${ng.brotli} | ${size.budgets.angular ?? '—'} |`,
      )
    push(
      `| official: supertokens-web-js (Session + EmailPassword) | ${size.official.webJs.min} | ${size.official.webJs.gzip} | ${size.official.webJs.brotli} | ${appCells(size.official.webJs.app)} |`,
      `| official: supertokens-website alone | ${size.official.website.min} | ${size.official.website.gzip} | ${size.official.website.brotli} | ${appCells(size.official.website.app)} |`,
      authReact && !notMeasured(authReact)
        ? `| official: supertokens-auth-react (React UI: EmailPassword + Session, prebuilt sign-in/up + SessionAuth; CSS inside the JS), minus \`react-empty.tsx\` | ${authReact.min} | ${authReact.gzip} | ${authReact.brotli} | ${appCells(authReact.app)} |`
        : `| official: supertokens-auth-react (React UI) | ${notMeasured(authReact) ?? 'not measured: this run has no figure for it'} | | | | | | |`,
      '',
      ...(ourReact && ourCss && authReact && !notMeasured(authReact)
        ? [
            `Our React page ships its CSS as a separate file; auth-react injects its CSS from JavaScript. Like for like: authfront react JS + CSS = ${ourReact.gzip + ourCss.gzip} B gzip, ${ourReact.brotli + ourCss.brotli} B brotli, against ${authReact.gzip} B gzip, ${authReact.brotli} B brotli for auth-react (${fmt(authReact.gzip / (ourReact.gzip + ourCss.gzip), 1)}× gzip).`,
            '',
          ]
        : []),
      ...(ourCompat
        ? [
            `The migration entry (\`compat.ts\`: \`official-web-js.ts\` with its imports changed to \`authfront/compat\`, docs/MIGRATING.md): authfront compat = ${ourCompat.gzip} B gzip, ${ourCompat.brotli} B brotli, against ${size.official.webJs.gzip} B gzip, ${size.official.webJs.brotli} B brotli for supertokens-web-js doing the same jobs (${fmt(size.official.webJs.gzip / ourCompat.gzip, 1)}× gzip), and ${size.official.website.gzip} B gzip for supertokens-website alone. An app that does not import \`authfront/compat\` pays none of it.`,
            '',
          ]
        : []),
      '### What each plugin and screen costs (React)',
      '',
      'From `bench/costs.mjs`: the React email-password page (`react.tsx`: `SignInUp` + `SessionAuth`) with one plugin',
      'passed to `createAuthClient` or one screen rendered, minus the same page without it; built like the rows above',
      "(lazy chunks inlined: the QR encoder in totp()'s figure, the WebAuthn JSON fallback in webauthn()'s, though they",
      'load only when used). A plugin brings its client calls and the UI its screens need; an app pays only for the',
      'plugins it passes.',
      '',
      ...(!size.costs
        ? ['not measured: this run has no figure for it']
        : notMeasured(size.costs)
          ? [notMeasured(size.costs)]
          : costsTable(size.costs)),
      '',
      '### Where the bytes go',
      '',
      'The same fixtures built as apps against the *source* entries (so bytes map to files) with a source map; every',
      'byte of the minified bundle is attributed to the file it came from (dependencies by package). "gzip alone" is',
      "that file's code compressed on its own: an indication only, since gzip works across module boundaries (the",
      'bundle total is the real figure). The official React UI is broken down the same way, for comparison.',
      '',
    )
    const titles = {
      client: '`bench/fixtures/client.ts` (client only) minus `empty.ts`',
      react: '`bench/fixtures/react.tsx` (React UI) minus `react-empty.tsx`',
      vue: '`bench/fixtures/vue.ts` (Vue UI) minus `vue-empty.ts`',
      angular: '`bench/fixtures/angular.ts` (Angular UI) minus `angular-empty.ts`',
      'official-auth-react':
        '`bench/fixtures/official-auth-react.tsx` (the official React UI, for comparison) minus `react-empty.tsx`',
    }
    // Ours first, the official UI last.
    const ordered = Object.entries(size.breakdowns).sort(
      ([a], [b]) => Number(a.startsWith('official')) - Number(b.startsWith('official')),
    )
    for (const [name, entry] of ordered) {
      push(`#### ${titles[name] ?? name}`, '')
      if (notMeasured(entry)) {
        push(notMeasured(entry), '')
        continue
      }
      // Bytes per source beyond the empty app of the same framework; sources equal in both are left out.
      const base = new Map(entry.baseline.map((row) => [row.source, row.min]))
      const rows = entry.rows
        .map((row) => ({ ...row, delta: row.min - (base.get(row.source) ?? 0) }))
        .filter((row) => row.delta !== 0)
        .sort((a, b) => b.delta - a.delta)
      const totalDelta = rows.reduce((sum, row) => sum + row.delta, 0)
      push('| source | min B beyond the empty app | share | gzip alone B |', '| --- | ---: | ---: | ---: |')
      for (const row of rows.slice(0, 40))
        push(
          `| ${row.source} | ${row.delta} | ${fmt((100 * row.delta) / totalDelta, 1)} % | ${base.has(row.source) ? '—' : row.gzipAlone} |`,
        )
      if (rows.length > 40) push(`| … ${rows.length - 40} more | | | |`)
      push(
        `| **total beyond the empty app** | **${totalDelta}** | | (whole bundle: ${entry.totalMin} B min, ${entry.totalGzip} B gzip) |`,
        '',
      )
    }
  }

  // ---- 2. per-request
  push(
    '## 2. Per-request cost',
    '',
    'A loopback server (`bench/server.mjs`, node:http on 127.0.0.1) serves each bench page and `GET /api/ok` (200,',
    'same bytes for everyone, no verification, so server cost is identical). Each client runs in its own browser',
    'context (own cookies), signed in with a valid access token. Rounds alternate the clients (rotating order);',
    'the time is `performance.now()` around each awaited call in the page. "added" and "× plain" are paired per',
    "round (the client's round median minus / divided by plain fetch's round median in the same round), then the",
    'median over rounds. "best round" is the lowest round median (the least disturbed by other work on the machine).',
    '"Main-thread CPU" is Chromium\'s `ThreadTime` metric around each round, per call (network work happens on other',
    'threads and processes and is not in it).',
    '',
  )
  if (notMeasured(over)) push(notMeasured(over), '')
  else {
    push(
      `${over.rounds} rounds × ${over.callsPerRound} sequential calls per client; ${over.failures} non-200 answers; page cross-origin isolated (5 µs timer): ${over.crossOriginIsolated}.`,
      '',
      '| client | calls | median ms | best round ms | p90 ms | added vs plain | × plain | main-thread CPU µs per call | added CPU |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    for (const row of over.rows)
      push(
        `| ${row.name === 'official' ? 'official (supertokens-web-js fetch)' : row.name === 'authfront' ? 'authfront doFetch' : 'plain fetch'} | ${row.calls} | ${fmt(row.medianMs, 3)} | ${fmt(row.bestRoundMs, 3)} | ${fmt(row.p90Ms, 3)} | ${row.name === 'plain' ? '—' : `${fmt(row.addedUs, 0)} µs`} | ${fmt(row.ratio)} | ${fmt(row.cpuUsPerCall, 0)} | ${row.name === 'plain' ? '—' : `${fmt(row.addedCpuUs, 0)} µs`} |`,
      )
    if (!over.rows.some((row) => row.name === 'authfront'))
      push(
        `| authfront doFetch | not measured: ${pages.skipped.find((entry) => entry.name === 'authfront')?.reason ?? 'page not built'} | | | | | | | |`,
      )
    push('')
  }
  push(
    '### Pure JavaScript per call',
    '',
    'The same page bundles with `?stub`: the platform fetch is replaced by one that resolves at once with a',
    '`Response` (authfront: `platform.fetch`; official: `window.fetch` replaced before `SuperTokens.init`, so the SDK',
    'wraps it; plain: the stub called directly). Sign-in also goes through the stub (it answers with a front token',
    'valid for an hour), so both SDKs are in the signed-in state. µs per call = loop time / calls. "added" is paired',
    'per round (minus the bare stub in the same round), median over rounds; "best" compares the fastest rounds.',
    '"Main-thread CPU" is Chromium\'s `ThreadTime` metric (CDP `Performance.getMetrics`) around the loop: the CPU the',
    "page's main thread spent, which unlike wall time does not grow while the thread waits for a busy CPU or for",
    'another process (cookie and lock calls can cross to the browser process).',
    '',
  )
  if (notMeasured(pure)) push(notMeasured(pure), '')
  else {
    push(
      `${pure.rounds} rounds × ${pure.calls} sequential calls; ${pure.failures} non-200 answers.`,
      '',
      '| client | wall µs per call (median of rounds) | range over rounds | added wall vs the bare stub | added wall, best rounds | main-thread CPU µs per call | added CPU |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    for (const row of pure.rows)
      push(
        `| ${row.name === 'plain' ? 'bare stub' : row.name} | ${fmt(row.usPerCall, 1)} | ${row.spread} | ${row.name === 'plain' ? '—' : `${fmt(row.addedUs, 1)} µs`} | ${row.name === 'plain' ? '—' : `${fmt(row.bestAddedUs, 1)} µs`} | ${fmt(row.cpuUsPerCall, 1)} | ${row.name === 'plain' ? '—' : `${fmt(row.addedCpuUs, 1)} µs`} |`,
      )
    if (!pure.rows.some((row) => row.name === 'authfront'))
      push('| authfront | not measured: the authfront page was not built | | | | | |')
    push('')
  }

  push(
    'The same in Node (`bench/node-pure.mjs`): `dist/authfront.js` with the memory cookie jar and an instant platform',
    'fetch, signed in through it; process CPU from `process.cpuUsage()`. The official client needs a DOM, so it has',
    'no Node figure.',
    '',
  )
  if (notMeasured(pureNode)) push(notMeasured(pureNode), '')
  else {
    push(
      `Node ${pureNode.node}, ${pureNode.rounds} rounds × ${pureNode.calls} sequential calls, medians over rounds.`,
      '',
      '| subject | wall µs per call | best round wall µs | process CPU µs per call |',
      '| --- | ---: | ---: | ---: |',
      ...pureNode.rows.map(
        (row) => `| ${row.name} | ${fmt(row.wallUs, 1)} | ${fmt(row.bestWallUs, 1)} | ${fmt(row.cpuUs, 1)} |`,
      ),
      `| **added by doFetch** | **${fmt(nodeAdded('wallUs'), 1)}** | **${fmt(nodeAdded('bestWallUs'), 1)}** | **${fmt(nodeAdded('cpuUs'), 1)}** |`,
      '',
    )
  }

  // ---- 3. storms
  push(
    '## 3. Refresh storm',
    '',
    `${config.storm.calls} concurrent \`GET /api/protected\` calls started together (in two tabs: ${config.storm.calls / 2} in each of two pages of one`,
    'browser context, started at the same wall-clock instant). First with a valid access token (after a warm-up',
    `burst and ${config.shortTtlMs + config.expiryMarginMs} ms idle), then, in the same context, after a new sign-in whose access token lives ${config.shortTtlMs} ms, ${config.expiryMarginMs} ms`,
    'past its expiry. "× valid" is the median over trials of each trial\'s expired / valid time. The server',
    'answers 401 "try refresh token" to expired tokens and rotates refresh tokens (reuse of a rotated token after the',
    'new one was used = theft, revoking the session). Time = first call start → last call settled, across tabs.',
    'Requests and refresh calls are counted by the server. Medians over trials; counts as min–max over trials.',
    '',
    '| client | tabs | trials | refresh calls | requests | failed calls | sessions revoked | valid-token burst | after expiry | × valid |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  if (notMeasured(storm)) push(`| all | | ${notMeasured(storm)} | | | | | | | |`)
  else {
    for (const [key, entry] of Object.entries(storm)) {
      const [name, tabs] = key.split(':')
      if (notMeasured(entry)) push(`| ${name} | ${tabs} | ${notMeasured(entry)} | | | | | | | |`)
      else
        push(
          `| ${name} | ${tabs} | ${entry.trials} | ${entry.refresh} | ${entry.requests} | ${entry.failed} (valid phase: ${entry.validFailed}) | ${entry.revoked} | ${fmt(entry.validMs, 1)} ms | ${fmt(entry.expiredMs, 1)} ms | ${fmt(entry.ratio)} |`,
        )
    }
    const example = Object.entries(storm).filter(([, entry]) => entry.example)
    if (example.length > 0) {
      const seen = [...new Set(example.map(([, entry]) => entry.visibility))].join('; ')
      push(
        '',
        `Page visibility during the bursts (\`document.visibilityState\`, per tab): ${seen}.` +
          (seen.includes('hidden')
            ? ''
            : " Every tab was visible, so a second tab's timers were not throttled as a real background tab's are."),
      )
      push('', 'Requests seen by the server in the first trial of each storm (after expiry):', '')
      for (const [key, entry] of example)
        push(
          `- ${key.replace(':', ', tabs ')}: ${Object.entries(entry.example)
            .map(([k, v]) => `\`${k}\` × ${v}`)
            .join(', ')}`,
        )
    }
  }
  push('')

  // ---- 4. one call after expiry
  push(
    '## 4. Requests for one protected call after expiry',
    '',
    `Sign in with an access token living ${config.shortTtlMs} ms, wait ${config.expiryMarginMs} ms past its expiry, make one \`GET /api/protected\`; the server`,
    'counts what arrives.',
    '',
    '| client | requests (per trial) | refresh calls | failed | what the server saw (first trial) |',
    '| --- | ---: | ---: | ---: | --- |',
  )
  if (notMeasured(expiry)) push(`| all | ${notMeasured(expiry)} | | | |`)
  else {
    for (const [name, entry] of Object.entries(expiry)) {
      if (notMeasured(entry)) push(`| ${name} | ${notMeasured(entry)} | | | |`)
      else
        push(
          `| ${name} | ${entry.requests.join(', ')} | ${entry.refresh.join(', ')} | ${entry.failures} | ${Object.entries(
            entry.sequence ?? {},
          )
            .map(([k, v]) => `\`${k}\` × ${v}`)
            .join(', ')} |`,
        )
    }
  }
  push('')

  // ---- 5. first render
  push(
    '## 5. First render of the sign-in form',
    '',
    'Chromium navigates a fresh context to each page (no cache; interleaved runs). An init script watches the DOM',
    'and records `performance.now()` (0 = navigation start) when a `<form>` with an enabled email input and submit',
    'button exists (for the empty page: when `<main>` exists). Pages: an empty React page, a plain React sign-in',
    "form (no SDK), and authfront's `<AuthProvider><SignInUp/></AuthProvider>` served at `/auth` against the loopback",
    'backend, with no session (so a session check, if any, gets a 401); and, when it builds, the React example app',
    '(`examples/react`, built with its own vite config from source, served statically) at `/auth`, which starts the',
    'MSW mock backend in a service worker before rendering (a first visit: the worker is registered in every run).',
    'The last column lists the fetch/XHR requests (seen by the browser) that started before the form was interactive,',
    'over those started by 300 ms after it (distinct values over runs). `official-signin` is the official prebuilt UI',
    '(supertokens-auth-react, mounted as in `bench/fixtures/official-auth-react.tsx`) served at `/official/auth` (its',
    '`websiteBasePath`) against the same loopback backend; it renders into a shadow root, which the probe searches',
    '(every `attachShadow` root is observed too).',
    '',
  )
  if (notMeasured(render)) push(notMeasured(render), '')
  else {
    push(
      '| page | runs | median ms | best ms | p90 ms | × plain form (medians) | × plain form (best) | × empty page (medians) | fetches before ready / by ready + 300 ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    const empty = renderRow('react-empty')
    for (const row of render.rows)
      push(
        `| ${row.name} | ${row.runs} | ${fmt(row.medianMs, 1)} | ${fmt(row.bestMs, 1)} | ${fmt(row.p90Ms, 1)} | ${form ? fmt(row.medianMs / form.medianMs) : 'n/a'} | ${form ? fmt(row.bestMs / form.bestMs) : 'n/a'} | ${empty ? fmt(row.medianMs / empty.medianMs) : 'n/a'} | ${row.apiCalls} |`,
      )
    if (!render.rows.some((row) => row.name === 'react-signin'))
      push(
        `| react-signin | not measured: ${pages.skipped.find((entry) => entry.name === 'react-signin')?.reason ?? 'page not built'} | | | | | | | |`,
      )
    if (render.example?.notMeasured)
      push(`| examples/react | not measured: ${render.example.notMeasured} | | | | | | | |`)
    if (render.errors.length > 0) push('', `Page errors: ${render.errors.map((error) => `\`${error}\``).join('; ')}`)
    push('', ...cpuBeforeReady(render.cpu))
  }
  push(...scaleSection(scaled, held))

  push(
    '## Caveats',
    '',
    '- The machine is shared with other work (see the load average above). Timings are medians over interleaved',
    '  rounds, with the least disturbed round beside them; counts (requests, refresh calls, failures) do not depend',
    '  on load.',
    '- The loopback backend is `bench/server.mjs`, not supertokens-node: cookie or header mode chosen by',
    '  `st-auth-mode`, front token, rotating refresh tokens with theft detection, no anti-CSRF, no claims. Both',
    '  clients talk to the same server with their default configuration (cookie mode).',
    '- Chromium opens at most 6 HTTP/1.1 connections per host, so a burst of 50 calls queues on 6 sockets; the',
    '  same for every client. Each measured burst starts with warm connections.',
    ...(size?.ours?.rows?.every((row) => !row.app || row.app.notMeasured || row.app.min === row.min)
      ? []
      : [
          '- `scripts/size.mjs` builds in vite library mode, where the `es` format keeps whitespace; the "app build"',
          '  columns are the fully minified figures a browser downloads. Budgets are checked on the former.',
        ]),
    '- The official rows use supertokens-web-js (recipes) over supertokens-website (session, interception);',
    '  supertokens-auth-react builds on both. auth-react ships only a CommonJS build, which the bundler wraps in',
    '  module wrappers (the "bundler glue" row of its breakdown in §1); its CSS is a string in its JavaScript,',
    '  injected into a shadow root, so its bundle figure is compared with our JS + CSS.',
    '- The Angular figure compiles the components and the client from source with full AOT (the published',
    '  `dist/fesm2022/authfront-angular.js` is partially compiled and would need the Angular linker in the fixture build).',
    '',
  )
  if (pages.skipped.length > 0) {
    push('## Pages not built', '', ...pages.skipped.map((entry) => `- ${entry.name}: ${entry.reason}`), '')
  }
  return lines.join('\n')
}

// ---------------------------------------------------------------------------------------------------------------

/** `--report-only`: rewrite BENCHMARKS.md from the last run's artifacts/bench/results.json (no measuring). */
async function reportOnly() {
  const results = JSON.parse(readFileSync(at('artifacts/bench/results.json'), 'utf8'))
  const markdown = report(results)
  writeFileSync(at('BENCHMARKS.md'), `${markdown}\n`)
  console.log(markdown.split('\n## 1.')[0])
  console.log('Rewrote BENCHMARKS.md from artifacts/bench/results.json')
}

async function main() {
  if (process.argv.includes('--report-only')) return reportOnly()
  const loadStart = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')
  const versions = Object.fromEntries(
    [
      'supertokens-web-js',
      'supertokens-website',
      'supertokens-auth-react',
      'react',
      'react-dom',
      'vue',
      '@angular/core',
      'msw',
      'vite',
      'playwright-core',
    ].map((name) => [name, packageVersion(name)]),
  )
  versions.authfront = JSON.parse(readFileSync(at('package.json'), 'utf8')).version
  const results = {}
  results.sizes = await section('sizes', sizes)
  results.pureJsNode = await section('pureJsNode', () =>
    nodePureJs({ rounds: QUICK ? 3 : 7, calls: QUICK ? 1000 : 5000 }),
  )
  const pages = await buildPages(at('artifacts/bench/pages'))
  results.pages = pages
  log(
    'pages built:',
    pages.built.join(', '),
    pages.skipped.length ? `(skipped: ${pages.skipped.map((entry) => entry.name).join(', ')})` : '',
  )
  const example =
    ONLY && !ONLY.includes('firstRender')
      ? { notMeasured: 'skipped' }
      : await buildExample(at('artifacts/bench/example-react'))
  if (example.notMeasured) log('examples/react:', example.notMeasured)
  const server = await startBenchServer({
    pagesDir: at('artifacts/bench/pages'),
    maxLifetimeMs: DEADLINE - Date.now() + 60_000,
  })
  const exampleServer = example.built
    ? await startStaticServer({
        dir: at('artifacts/bench/example-react'),
        maxLifetimeMs: DEADLINE - Date.now() + 60_000,
      })
    : undefined
  let browser
  const cleanup = async () => {
    await browser?.close().catch(() => {})
    await server.close()
    await exampleServer?.close()
  }
  const onSignal = () => {
    cleanup().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let browserVersion = 'not started'
  try {
    browser = await launchChromium({ timeout: 60_000 })
    browserVersion = browser.version()
    results.overhead = await section('overhead', () => overhead(browser, server, pages.built))
    results.pureJs = await section('pureJs', () => pureJs(browser, server, pages.built))
    results.expiry = await section('expiry', () => oneCallAfterExpiry(browser, server, pages.built))
    results.storms = await section('storms', () => storms(browser, server, pages.built))
    results.firstRender = await section('firstRender', () => firstRender(browser, server, pages.built, exampleServer))
    if (results.firstRender && !results.firstRender.notMeasured) results.firstRender.example = example
    // The longest sections last, so a slow machine cuts these rather than the ones the targets are read from.
    results.scale = await section('scale', () => scale(browser, server, pages.built))
    results.memory = await section('memory', () => memory(browser, server, pages.built))
  } catch (error) {
    const reason = `Chromium could not be used: ${String(error?.message ?? error).split('\n')[0]}`
    for (const key of ['overhead', 'pureJs', 'expiry', 'storms', 'scale', 'memory', 'firstRender'])
      results[key] ??= { notMeasured: reason }
  } finally {
    await cleanup()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  results.meta = {
    date: new Date().toISOString(),
    machine: { ...machine(browserVersion), loadStart },
    loadEnd: loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
    versions,
    authfrontFrom: pages.resolved.authfront
      ? `bench pages use ${pages.resolved.authfront.from === 'dist' ? 'dist/ (published build)' : 'source (dist/ not built)'}`
      : 'not on disk',
    seconds: ((Date.now() - STARTED) / 1000).toFixed(0),
    quick: QUICK,
  }
  writeFileSync(at('artifacts/bench/results.json'), `${JSON.stringify(results, null, 2)}\n`)
  const markdown = report(results)
  if (!ONLY) writeFileSync(at('BENCHMARKS.md'), `${markdown}\n`)
  else writeFileSync(at('artifacts/bench/BENCHMARKS.partial.md'), `${markdown}\n`)
  // The summary table is the part worth printing.
  const summary = markdown.split('\n## 1.')[0]
  console.log(summary)
  console.log(ONLY ? 'Partial run (--only): wrote artifacts/bench/BENCHMARKS.partial.md' : 'Full report: BENCHMARKS.md')
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
