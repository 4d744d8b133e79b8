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
