#!/usr/bin/env node
// The Node 22 and Node 24 lanes, and the mock on msw 3 (in Node and in Chromium) and on msw 2.10 (the lower end of
// the peer range).
//
// The machines here run Node 20 and reach only the npm registry, and the npm packages node-<os>-<cpu> ship the
// official Node binaries; so this installs them, with msw 3 and msw 2.10, into .cache/node-lanes (git-ignored,
// outside the lockfile) and runs the Node-side Vitest projects with each binary. Vitest starts its workers with
// the binary that runs it, so the tests themselves run on that Node.
//
//   node scripts/node-lanes.mjs            every lane
//   node scripts/node-lanes.mjs 'msw 3'    only lanes whose name starts with one of the arguments
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))
const cache = join(repo, '.cache/node-lanes')
const binaries = `node-${process.platform}-${process.arch}`
const dependencies = {
  node22: `npm:${binaries}@^22.12.0`,
  node24: `npm:${binaries}@^24`,
  msw: '^3',
  'msw-2.10': 'npm:msw@2.10.0',
}
/**
 * What differs between Node majors is the runtime under the client and the mock (fetch, Headers, streams, crypto,
 * timers) and React's and Vue's server renderers. So each lane runs the files that exercise those: the real client
 * against the mock, the mock itself, the fault and load suites, and the SSR and hydration suites. The screen flows
 * (test/flows) and the bindings' jsdom suites are logic over fakes and DOM emulation that no Node major changes; they
 * run once, on the machine's Node, in the unit step. This keeps CI inside its 30 minutes on two cores (the lanes
 * cost 279 s before this cut, for work the unit step already did).
 */
const RUNTIME = ['client', 'mock', 'react', 'vue'].flatMap((name) => ['--project', name])
// Vitest applies file filters to every chosen project: each project keeps only its own directories here.
RUNTIME.push('test/client/', 'test/mock/', 'test/reliability/', 'test/react/ssr', 'test/react/hydration')
RUNTIME.push('test/vue/ssr', 'test/vue/hydration')

const node = (name) => join(cache, 'node_modules', name, 'bin/node')
const mswDir = (name) => join(cache, 'node_modules', name)
const vitest = join(repo, 'node_modules/vitest/vitest.mjs')
/** The `mock` or `browser` project of scripts/node-lanes.config.mjs, on the msw installed as `name`. */
const onMsw = (name, project = 'mock') => [
  '--config',
  'scripts/node-lanes.config.mjs',
  '--project',
  `${project}*`,
  { AUTHFRONT_MSW_DIR: mswDir(name) },
]

const lanes = [
  ['Node 22', node('node22'), ['run', ...RUNTIME]],
  ['Node 24', node('node24'), ['run', ...RUNTIME]],
  ['msw 3 on Node 24', node('node24'), ['run', ...onMsw('msw')]],
  // The service worker side in Chromium, with msw 3's own worker script at /mockServiceWorker.js. Node only
  // serves and bundles msw's browser build here; Node 22 is what a dev server next to msw 3 runs on.
  ['msw 3 in Chromium (Node 22)', node('node22'), ['run', ...onMsw('msw', 'browser')]],
  ['msw 2.10 on Node 22', node('node22'), ['run', ...onMsw('msw-2.10')]],
  // msw 3 needs Node 22.12: on the machine's own Node the mock must say so instead of failing inside msw.
  [
    `msw 3 on Node ${process.versions.node}`,
    process.execPath,
    ['run', ...onMsw('msw'), 'test/mock/mswSupport.test.ts'],
  ],
]

if (process.platform === 'win32') {
  console.log('node lanes: skipped on Windows (the node-win-* packages ship node.exe in another layout)')
  process.exit(0)
}
const only = process.argv.slice(2)
const started = Date.now()
install()
const times = []
for (const [name, binary, args] of lanes) {
  if (only.length > 0 && !only.some((prefix) => name.startsWith(prefix))) continue
  const env = { ...process.env, FORCE_COLOR: '0', ...args.find((arg) => typeof arg === 'object') }
  const argv = [vitest, ...args.filter((arg) => typeof arg === 'string'), '--reporter=dot']
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim()
  console.log(`\n▶ ${name} (${version}): vitest ${argv.slice(1).join(' ')}`)
  const t = Date.now()
  const result = spawnSync(binary, argv, { cwd: repo, stdio: 'inherit', env })
  times.push(`${name} ${((Date.now() - t) / 1000).toFixed(0)} s`)
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal})`)
    process.exit(1)
  }
}
console.log(`\nnode lanes: ${times.join(', ')}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`)

/** Installs the binaries and msw versions unless the cache already holds exactly this list. */
function install() {
  const manifest = `${JSON.stringify({ private: true, dependencies }, null, 2)}\n`
  const manifestFile = join(cache, 'package.json')
  const ready =
    existsSync(manifestFile) &&
    readFileSync(manifestFile, 'utf8') === manifest &&
    existsSync(node('node22')) &&
    existsSync(node('node24')) &&
    existsSync(join(mswDir('msw'), 'package.json')) &&
    existsSync(join(mswDir('msw-2.10'), 'package.json'))
  if (ready) return
  mkdirSync(cache, { recursive: true })
  writeFileSync(manifestFile, manifest)
  const t = Date.now()
  console.log(`▶ node lanes: installing ${Object.values(dependencies).join(', ')} into .cache/node-lanes`)
  // --prefix keeps it away from the repository's lockfile; no scripts: the binaries need none, msw's postinstall
  // would write a worker script.
  const args = ['install', '--prefix', cache, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel', 'error']
  const result = spawnSync('npm', args, { stdio: 'inherit', cwd: cache })
  if (result.status !== 0) {
    console.error(`✖ node lanes: npm install failed (exit ${result.status ?? result.signal})`)
    process.exit(1)
  }
  console.log(`✔ installed in ${((Date.now() - t) / 1000).toFixed(0)} s`)
}
