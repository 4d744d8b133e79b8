// What runs on the main thread before the sign-in form is ready (issue 18 item 5: "what runs before the first paint
// that a plain form does not run?"). Chromium's V8 sampling profiler records each page load from navigation until
// the readiness probe fires; every sample's self time goes to the source file of the JavaScript function on top of
// the stack (found through the page bundle's hidden source map), and native calls (createElement, addEventListener,
// cookie reads) to the nearest page function below them. CPU time, not wall time: far steadier on a shared machine
// than the first-render timings, though the profiler itself adds a little to every function call.
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decodeLine } from './breakdown.mjs'
import { median } from './stats.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))

/** The readiness probe calls this when the form is ready; samples from its first appearance on are left out. */
const MARK = 'authfrontBenchReadyMark'

/** A source map as a position lookup: `(line, column) → { source, line, column }` (0-based), or undefined. */
function readMap(file) {
  if (!existsSync(file)) return undefined
  const map = JSON.parse(readFileSync(file, 'utf8'))
  const state = { source: 0, line: 0, column: 0 }
  const lines = map.mappings.split(';').map((line) => decodeLine(line, state))
  return (line, column) => {
    let found
    for (const segment of lines[line] ?? []) {
      if (segment[0] > column) break
      found = segment
    }
    // Before the line's first mapping (indentation, a keyword the bundler did not map): the mapping before it, else
    // the line's first one.
    for (let up = line - 1; found === undefined && up >= 0; up--) found = lines[up]?.at(-1)
    found ??= lines[line]?.[0]
    if (found?.[1] === undefined) return undefined
    return { source: map.sources[found[1]], line: found[2], column: found[3] }
  }
}

/**
 * Where each function of a page bundle comes from: `(line, column) → source group` through `<name>.js.map`, and
 * for code the page took from dist/ through that file's own map (the bundler does not chain them).
 */
function sourceLookup(pagesDir, name) {
  const page = readMap(join(pagesDir, `${name}.js.map`))
  if (!page) return undefined
  const distMaps = new Map()
  // The page map's sources are relative to a build directory; the repository path is what follows the `../`s.
  const repoPath = (source) => source.replace(/\?.*$/, '').replace(/^(\.\.\/)+/, '')
  return (line, column) => {
    const found = page(line, column)
    if (!found) return undefined
    const path = repoPath(found.source)
    const modules = path.lastIndexOf('node_modules/')
    if (modules >= 0) {
      const rest = path.slice(modules + 13).split('/')
      return `${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]} (dependency)`
    }
    if (!path.startsWith('dist/')) return path
    if (!distMaps.has(path)) distMaps.set(path, readMap(join(root, `${path}.map`)))
    const original = distMaps.get(path)?.(found.line, found.column)
    return original ? repoPath(original.source) : path
  }
}

/** The buckets of the table, from a source group (bench/breakdown.mjs `group`). */
function bucketOf(source) {
  if (/^(react|react-dom|scheduler) \(dependency\)$/.test(source)) return 'React (react, react-dom, scheduler)'
  if (/^(src\/(client|session|recipes)\/|src\/(createAuthClient|plugins|claims)\.ts$)|^zustand /.test(source))
    return 'authfront client (createAuthClient, config, session)'
  if (/^src\/flows\/|^components\//.test(source)) return 'authfront screen (flows, React components)'
  if (source.startsWith('bench/pages/')) return "the page's own code"
  return source
}

/**
 * Self time per bucket (ms) of one profile, up to the readiness mark. `lookup` maps positions of the page bundle
 * (`bundleUrl`) to source groups.
 */
export function attribute(profile, bundleUrl, lookup) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const bucketCache = new Map()
  const bucketFor = (id) => {
    if (bucketCache.has(id)) return bucketCache.get(id)
    const { callFrame } = nodes.get(id)
    let bucket
    if (callFrame.url === bundleUrl) {
      // The bundle's top level (every module's top-level statements, one function) starts at 0:0.
      bucket =
        callFrame.lineNumber === 0 && callFrame.columnNumber === 0 && callFrame.functionName === ''
          ? "the bundle's top level (every module's top-level statements)"
          : bucketOf(lookup(callFrame.lineNumber, callFrame.columnNumber) ?? 'bundle code without a source mapping')
    } else if (callFrame.functionName === '(garbage collector)') bucket = 'garbage collection'
    else if (callFrame.functionName === '(program)')
      bucket = 'browser and V8 outside JavaScript (parse, compile, style, layout)'
    else if (callFrame.functionName === '(idle)' || callFrame.functionName === '(root)') bucket = null
    else if (callFrame.url === '' && parent.has(id)) {
      // A native function: its caller's bucket; Playwright's probe scripts end up with no page caller.
      bucket = bucketFor(parent.get(id))
    } else bucket = null // Playwright's init and evaluate scripts: the measurement, not the page
    bucketCache.set(id, bucket)
    return bucket
  }
  const totals = new Map()
  for (let index = 0; index < profile.samples.length; index++) {
    const node = nodes.get(profile.samples[index])
    if (node.callFrame.functionName === MARK) break
    const bucket = bucketFor(node.id)
    if (bucket === null) continue
    totals.set(bucket, (totals.get(bucket) ?? 0) + (profile.timeDeltas[index + 1] ?? 0) / 1000)
  }
  return totals
}

/** The readiness probe of the profiled runs: marks the profile when an enabled sign-in form exists. */
function markingProbe(mark) {
  const check = () => {
    const input = document.querySelector('form input[type="email"], form input[autocomplete~="email"]')
    const button = document.querySelector('form button[type="submit"]')
    if (globalThis.__profiledReady || !input || !button || input.disabled || button.disabled) return
    globalThis.__profiledReady = true
    observer.disconnect()
    // A named, busy function the profiler cannot miss (sampled every 100 µs for 2 ms).
    const marker = {
      [mark]() {
        const until = performance.now() + 2
        while (performance.now() < until);
      },
    }[mark]
    marker()
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { subtree: true, childList: true, attributes: true })
}

/**
 * Profiles `runs` fresh loads of each `[name, url]` target (interleaved) and returns
 * `{ [name]: { runs, totalMs, buckets: { [bucket]: medianMs } } }`.
 */
export async function profileFirstRender(browser, targets, pagesDir, { runs, remaining }) {
  const samples = Object.fromEntries(targets.map(([name]) => [name, []]))
  const lookups = Object.fromEntries(targets.map(([name]) => [name, sourceLookup(pagesDir, name)]))
  for (let run = 0; run < runs && remaining() > 20_000; run++) {
    for (const [name, url] of run % 2 ? [...targets].reverse() : targets) {
      if (!lookups[name]) continue
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
        await page.addInitScript(markingProbe, MARK)
        await cdp.send('Profiler.start')
        await page.goto(url, { waitUntil: 'commit' })
        await page.waitForFunction(() => globalThis.__profiledReady === true, undefined, { timeout: 15_000 })
        const { profile } = await cdp.send('Profiler.stop')
        const bundleUrl = new URL(`/assets/${name}.js`, url).href
        samples[name].push(attribute(profile, bundleUrl, lookups[name]))
      } finally {
        await context.close().catch(() => {})
      }
    }
  }
  const out = {}
  for (const [name, list] of Object.entries(samples)) {
    if (list.length === 0) {
      out[name] = { notMeasured: lookups[name] ? 'no run finished' : `no source map for ${name}` }
      continue
    }
    const buckets = {}
    for (const bucket of new Set(list.flatMap((totals) => [...totals.keys()])))
      buckets[bucket] = median(list.map((totals) => totals.get(bucket) ?? 0))
    out[name] = {
      runs: list.length,
      totalMs: median(list.map((totals) => [...totals.values()].reduce((sum, ms) => sum + ms, 0))),
      buckets,
    }
  }
  return out
}
