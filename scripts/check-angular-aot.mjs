#!/usr/bin/env node
// Proves an Angular application consumes the published `authfront/angular` with AOT: the packed package is
// installed into a throwaway consumer (artifacts/consumer/node_modules/authfront, resolved through its `exports`
// map), and a production build with the Angular compiler (Analog's Vite plugin) must link every partially compiled
// declaration (no `ɵɵngDeclare…` left, components defined with `ɵɵdefineComponent`).
// Usage: node scripts/check-angular-aot.mjs <packed tarball>
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import angular from '@analogjs/vite-plugin-angular'

const root = fileURLToPath(new URL('..', import.meta.url))
const consumer = join(root, 'artifacts/consumer')
const tarball = process.argv[2]
if (!tarball) throw new Error('Usage: node scripts/check-angular-aot.mjs <packed tarball>')

rmSync(consumer, { recursive: true, force: true })
mkdirSync(join(consumer, 'node_modules/authfront'), { recursive: true })
execFileSync('tar', ['-xzf', tarball, '-C', join(consumer, 'node_modules/authfront'), '--strip-components=1'])
writeFileSync(join(consumer, 'main.ts'), readFileSync(join(root, 'bench/fixtures/angular.ts')))
writeFileSync(
  join(consumer, 'tsconfig.json'),
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM'],
      strict: true,
      skipLibCheck: true,
      experimentalDecorators: true,
      useDefineForClassFields: false,
      noEmit: false,
      types: [],
    },
    files: ['main.ts'],
  }),
)

await build({
  configFile: false,
  root: consumer,
  logLevel: 'error',
  mode: 'production',
  plugins: [angular({ tsconfig: join(consumer, 'tsconfig.json'), jit: false })],
  build: {
    outDir: join(consumer, 'out'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    copyPublicDir: false,
    rolldownOptions: { input: join(consumer, 'main.ts'), output: { codeSplitting: false, entryFileNames: 'app.js' } },
  },
})

const app = readFileSync(join(consumer, 'out/app.js'), 'utf8')
const unlinked = app.match(/ɵɵngDeclare\w+/g) ?? []
const defined = (app.match(/ɵɵdefineComponent/g) ?? []).length
if (unlinked.length || defined === 0 || !app.includes('af-sign-in-up')) {
  console.error(`AOT consumer build is not linked: ${unlinked.length} partial declarations left, ${defined} defined.`)
  process.exit(1)
}
console.log(`AOT consumer build of the packed authfront/angular: linked (${defined} components defined, none partial).`)
