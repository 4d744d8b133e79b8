#!/usr/bin/env node
// Packs the package exactly as `npm publish` would (its prepack/postpack hooks included), then checks the tarball:
// the published manifest carries no repository-only keys, every relative link of the README resolves inside it,
// publint (exports, files, module format), Are-the-Types-Wrong (types resolve for every entry), `require()` of every
// entry from a CommonJS consumer (require(esm), Node >= 20.19), and the consumer apps of scripts/consumers.mjs.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, posix } from 'node:path'

const work = 'artifacts/pack'
rmSync(work, { recursive: true, force: true })
mkdirSync(work, { recursive: true })
const out = execFileSync('npm', ['pack', '--pack-destination', work, '--json', '--loglevel', 'warn'], {
  encoding: 'utf8',
})
const [{ filename, size, entryCount, files }] = JSON.parse(out)
const tarball = `${work}/${filename}`
const shipped = new Set(files.map((f) => f.path))
console.log(`packed ${tarball}: ${entryCount} files, ${(size / 1024).toFixed(1)} KiB`)

const problems = []
execFileSync('tar', ['-xzf', tarball, '-C', work])
const packageDir = `${work}/package`
const manifest = JSON.parse(readFileSync(`${packageDir}/package.json`, 'utf8'))
for (const key of ['scripts', 'devDependencies', 'workspaces']) {
  if (key in manifest) problems.push(`the published package.json has "${key}" (the prepack hook should drop it)`)
}
if (existsSync('package.json.orig')) problems.push('package.json.orig is left over: the postpack hook did not run')
for (const file of ['README.md', 'LICENSE']) if (!shipped.has(file)) problems.push(`${file} is not in the tarball`)

// npm renders the README without the repository: a relative link works only to a file in the tarball.
const readme = readFileSync(`${packageDir}/README.md`, 'utf8')
for (const [, target] of readme.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue
  const path = posix.normalize(decodeURIComponent(target.split('#')[0]))
  if (!shipped.has(path)) problems.push(`README links to ${target}, which is not in the tarball`)
}
// Paths and words that lead to notes outside the repository (spelled in parts so this line is not one of them).
const outside = new RegExp(['shared' + ' folder', '\\.\\./' + 'shared'].join('|'), 'i')
if (outside.test(readme)) problems.push('README points outside the repository')
// React Server Components render the React entry only across a 'use client' boundary (the build's banner). Vue and
// Angular have none: Nuxt and Angular SSR render every component on the server and hydrate it.
const reactEntry = readFileSync(`${packageDir}/dist/react.js`, 'utf8')
if (!/^(['"])use client\1;?\n/.test(reactEntry)) problems.push(`dist/react.js does not start with 'use client'`)
if (problems.length) {
  console.error(problems.map((p) => `✖ ${p}`).join('\n'))
  process.exit(1)
}
console.log('published manifest and README links: ok')

execFileSync('npx', ['publint', 'run', tarball, '--strict', '--pack', 'false'], { stdio: 'inherit' })
// esm-only: the package ships ESM alone (no CJS build). CommonJS consumers load it through require(esm), which
// attw's node16-cjs resolution does not model; the require() check below proves it instead.
execFileSync('npx', ['attw', tarball, '--profile', 'esm-only', '--exclude-entrypoints', './styles.css'], {
  stdio: 'inherit',
})
checkRequire(packageDir)
checkServerRender()
execFileSync('node', ['scripts/consumers.mjs', packageDir], { stdio: 'inherit' })

/**
 * A throwaway CommonJS consumer (Jest's default module system, older Node tooling) requires every entry of the
 * packed package. It lives under artifacts/, so framework peers resolve from the repository's node_modules.
 */
function checkRequire(packageDir) {
  const consumer = 'artifacts/cjs-consumer'
  rmSync(consumer, { recursive: true, force: true })
  mkdirSync(`${consumer}/node_modules`, { recursive: true })
  execFileSync('cp', ['-r', packageDir, `${consumer}/node_modules/authfront`])
  writeFileSync(`${consumer}/package.json`, JSON.stringify({ name: 'cjs-consumer', private: true, type: 'commonjs' }))
  writeFileSync(
    join(consumer, 'index.js'),
    `const assert = require('node:assert')
// Outside an Angular build nothing links Angular's partially compiled code: it needs the JIT compiler, as in
// Jest with jest-preset-angular.
require('@angular/compiler')
const expected = {
  authfront: 'createAuthClient',
  'authfront/react': 'SignInUp',
  'authfront/vue': 'authPlugin',
  'authfront/angular': 'provideAuth',
  'authfront/mock': 'createMockBackend',
  'authfront/mock/node': 'setupMockServer',
  'authfront/server': 'createSessionVerifier',
  'authfront/compat': 'SuperTokens',
}
for (const [entry, name] of Object.entries(expected)) {
  assert.ok(require(entry)[name], entry + ' exports ' + name)
}
// In Node the browser entry resolves to a module that explains where to import from instead.
assert.throws(() => require('authfront/mock/browser'), /authfront\\/mock\\/node/)
assert.equal(require('authfront/package.json').name, 'authfront')
console.log('require() of every entry from a CommonJS consumer: ok')
`,
  )
  execFileSync('node', ['--disable-warning=ExperimentalWarning', 'index.js'], { cwd: consumer, stdio: 'inherit' })
}

/**
 * The published React and Vue entries imported by an ESM consumer in plain Node (no window, document or location,
 * as in a server render) and every screen rendered to HTML there: importing or server-rendering them must not touch
 * a browser global. Runs in the consumer of checkRequire.
 */
function checkServerRender() {
  const consumer = 'artifacts/cjs-consumer'
  writeFileSync(
    join(consumer, 'server-render.mjs'),
    `import assert from 'node:assert'
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { createSSRApp, h } from 'vue'
import { renderToString as renderVue } from 'vue/server-renderer'
import { createAuthClient } from 'authfront'
import * as react from 'authfront/react'
import * as vue from 'authfront/vue'

for (const name of ['window', 'document', 'location', 'sessionStorage', 'localStorage']) {
  assert.equal(typeof globalThis[name], 'undefined', name + ' is not defined in this process')
}
const fetch = () => Promise.reject(new Error('no request during a server render'))
const client = createAuthClient({ apiDomain: 'http://api.test', platform: { fetch } })
const paths = ['/auth', '/auth/reset-password', '/auth/verify-email', '/auth/verify', '/auth/callback/google']
for (const pathname of paths) {
  const props = { pathname, search: '?token=abc', url: 'https://app.test' + pathname + '?token=abc' }
  const html = renderToString(createElement(react.AuthProvider, { client }, createElement(react.AuthPage, props)))
  assert.match(html, /data-af-root=/, 'React AuthPage renders ' + pathname)
  const app = createSSRApp({ render: () => h(vue.AuthPage, props) }).use(vue.authPlugin, { client })
  assert.match(await renderVue(app), /data-af-root=/, 'Vue AuthPage renders ' + pathname)
}
const tryRefresh = renderToString(createElement(react.AuthProvider, { client }, createElement(react.TryRefresh)))
assert.equal(typeof tryRefresh, 'string')
console.log('import and server render of the React and Vue entries without browser globals: ok')
`,
  )
  execFileSync('node', ['server-render.mjs'], { cwd: consumer, stdio: 'inherit' })
}
