#!/usr/bin/env node
// Bundle bytes of small production apps built from the package's public entries (resolved to dist/, so this
// measures what is published), each minus an empty app of the same framework.
// `--check` fails when a figure exceeds budgets.json; `--json` prints the raw figures.
// Hand-written because no size tool measures "beyond an empty app": size-limit and bundlesize measure files or one
// import bundled by esbuild/webpack (its `ignore` drops a framework whole, it does not subtract what an empty app
// of that framework already ships), none builds with Vite 8's bundler as apps here do, and none runs the Angular
// compiler the Angular figures need (bench/angular-size.mjs, bench/angular-cli-size.mjs).
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import react from '@vitejs/plugin-react'
import { checkTreeShaking } from './lib/treeShaking.mjs'
import vue from '@vitejs/plugin-vue'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = (file) => join(root, 'dist', file)
export const alias = [
  { find: /^authfront\/react$/, replacement: dist('react.js') },
  { find: /^authfront\/vue$/, replacement: dist('vue.js') },
  { find: /^authfront\/angular$/, replacement: dist('fesm2022/authfront-angular.js') },
  { find: /^authfront\/compat$/, replacement: dist('compat.js') },
  { find: /^authfront$/, replacement: dist('authfront.js') },
]

/** [name, fixture, baseline fixture, budget key] */
const apps = [
  ['client', 'client.ts', 'empty.ts'],
  // The session core alone (doFetch and the guard's calls, no sign-in calls).
  ['client-core', 'client-core.ts', 'empty.ts'],
  ['react', 'react.tsx', 'react-empty.tsx'],
  ['vue', 'vue.ts', 'vue-empty.ts'],
  // Every login method (the recipe plugins + AuthPage): what a page pays for social login, passwordless and tenants.
  ['react-all', 'react-all.tsx', 'react-empty.tsx'],
  ['vue-all', 'vue-all.ts', 'vue-empty.ts'],
  // Email-password with a second factor (TOTP, email code) and passkeys; lazy chunks (the QR encoder, the WebAuthn
  // JSON fallback) are counted too, as this build inlines them.
  ['react-factors', 'react-factors.tsx', 'react-empty.tsx'],
  // The migration entry (authfront/compat): official-web-js.ts with its imports changed.
  ['compat', 'compat.ts', 'empty.ts'],
  ['vue-factors', 'vue-factors.ts', 'vue-empty.ts'],
]

/**
 * Builds `bench/fixtures/<fixture>` the way an application ships it (vite app build, fully minified, one file) and
 * returns `{ min, gzip, brotli }` of its JS. (Library mode with the `es` format keeps whitespace, so it would
 * overstate what a browser downloads.)
 */
export async function measureApp(fixture, { alias: aliases = alias } = {}) {
  const outDir = join(root, 'artifacts/size', fixture.replace(/\W/g, '-'))
  rmSync(outDir, { recursive: true, force: true })
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    plugins: [react(), vue()],
    resolve: { alias: aliases },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      modulePreload: false,
      rolldownOptions: {
        input: join(root, 'bench/fixtures', fixture),
        output: { codeSplitting: false, entryFileNames: 'app.js' },
      },
    },
  })
  return sizeOfDir(outDir, '.js')
}

function sizeOfDir(dir, ext) {
  const figures = { min: 0, gzip: 0, brotli: 0 }
  for (const file of readdirSync(dir, { recursive: true })) {
    if (!String(file).endsWith(ext)) continue
    const bytes = readFileSync(join(dir, String(file)))
    figures.min += bytes.length
    figures.gzip += gzipSync(bytes, { level: 9 }).length
    figures.brotli += brotliCompressSync(bytes).length
  }
  return figures
}

export async function measureAll() {
  if (!existsSync(dist('authfront.js'))) throw new Error('dist/ is missing: run `npm run build` first.')
  const rows = []
  for (const [name, fixture, baseline] of apps) {
    if (!existsSync(dist(`${name.startsWith('client') ? 'authfront' : name.split('-')[0]}.js`))) continue
    const app = await measureApp(fixture)
    const base = await measureApp(baseline)
    rows.push({ name, min: app.min - base.min, gzip: app.gzip - base.gzip, brotli: app.brotli - base.brotli })
  }
  // Angular needs the Angular compiler in the app build (full AOT), which bench/angular-size.mjs sets up.
  if (existsSync(join(root, 'components/angular/index.ts'))) {
    const { measureAngular } = await import('../bench/angular-size.mjs')
    const { min, gzip, brotli } = await measureAngular()
    rows.push({ name: 'angular', min, gzip, brotli })
  }
  // The same page as Angular users build it: the Angular CLI (`ng build`) over the published partial compilation.
  if (existsSync(dist('fesm2022/authfront-angular.js'))) {
    const { measureAngularCli } = await import('../bench/angular-cli-size.mjs')
    for (const [name, figures] of Object.entries(await measureAngularCli())) rows.push({ name, ...figures })
  }
  if (existsSync(dist('authfront.css'))) {
    const css = readFileSync(dist('authfront.css'))
    rows.push({
      name: 'css',
      min: css.length,
      gzip: gzipSync(css, { level: 9 }).length,
      brotli: brotliCompressSync(css).length,
    })
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const budgets = JSON.parse(readFileSync(join(root, 'budgets.json'), 'utf8'))
  const rows = await measureAll()
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2))
  let failed = false
  console.log('entry      min B     gzip B   brotli B   budget (gzip)')
  for (const row of rows) {
    const budget = budgets[row.name]
    const over = budget !== undefined && row.gzip > budget
    failed ||= over
    console.log(
      `${row.name.padEnd(9)} ${String(row.min).padStart(8)} ${String(row.gzip).padStart(10)} ${String(row.brotli).padStart(10)}   ${budget ?? '-'}${over ? '  OVER BUDGET' : ''}`,
    )
  }
  const leaks = checkTreeShaking(join(root, 'artifacts/size'))
  for (const leak of leaks) console.log(`tree-shaking: ${leak}`)
  if (leaks.length === 0) console.log('tree-shaking: the email-password apps bundle no recipe plugin')
  if (process.argv.includes('--check') && leaks.length > 0) {
    console.error('An app bundles code it did not import (scripts/lib/treeShaking.mjs lists the markers).')
    process.exit(1)
  }
  if (process.argv.includes('--check') && failed) {
    console.error(
      'A size budget is exceeded (budgets.json). Find where the bytes go: npm run bench writes BENCHMARKS.md.',
    )
    process.exit(1)
  }
}
