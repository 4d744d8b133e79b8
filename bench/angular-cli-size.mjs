// Angular bundle bytes as Angular users build them: fixtures/angular.ts minus fixtures/angular-empty.ts, each the
// `src/main.ts` of an Angular CLI workspace built by `@angular/build:application` in production mode (what `ng build`
// runs), against the published package (dist/, copied into the workspace's node_modules, so the CLI links its
// partially compiled Angular entry as it does for an installed package). bench/angular-size.mjs measures the same
// page compiled from source through the Analog plugin instead.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { angularBuild, angularWorkspace } from '../scripts/lib/angular-cli.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const at = (path) => join(root, path)

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM'],
    strict: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    isolatedModules: true,
    outDir: 'out-tsc',
  },
  files: ['src/main.ts'],
  angularCompilerOptions: { strictTemplates: true },
}

/** Builds `bench/fixtures/<fixture>` as an Angular CLI app; `{ min, gzip, brotli }` of every script it emits. */
async function buildOne(fixture) {
  const dir = at(`artifacts/size/angular-cli/${fixture.replace(/\W/g, '-')}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  const pkg = join(dir, 'node_modules/authfront')
  cpSync(at('dist'), join(pkg, 'dist'), { recursive: true, filter: (file) => !file.endsWith('.map') })
  cpSync(at('package.json'), join(pkg, 'package.json'))
  writeFileSync(join(dir, 'angular.json'), angularWorkspace())
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig))
  writeFileSync(join(dir, 'src/index.html'), '<!doctype html><title>size</title><app-root></app-root>')
  cpSync(at(`bench/fixtures/${fixture}`), join(dir, 'src/main.ts'))
  await angularBuild(dir)
  const out = join(dir, 'out')
  const figures = { min: 0, gzip: 0, brotli: 0 }
  for (const file of loadedScripts(out)) {
    const bytes = readFileSync(join(out, file))
    if (bytes.includes('ɵɵngDeclare')) throw new Error(`${fixture}: the CLI left partial declarations unlinked`)
    figures.min += bytes.length
    figures.gzip += gzipSync(bytes, { level: 9 }).length
    figures.brotli += brotliCompressSync(bytes).length
  }
  return figures
}

/**
 * The scripts the page can load: index.html's, and every chunk they import, statically or lazily. esbuild also
 * emits a chunk for each `import()` it met before tree-shaking, even when the code that imports it was dropped
 * (the QR encoder and the WebAuthn fallback of plugins this page does not use): those never load and do not count.
 */
function loadedScripts(out) {
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const [, chunk] of readFileSync(join(out, file), 'utf8').matchAll(/["']\.\/([\w.-]+\.js)["']/g)) visit(chunk)
  }
  for (const [, src] of readFileSync(join(out, 'index.html'), 'utf8').matchAll(/<script src="([^"]+\.js)"/g)) visit(src)
  return seen
}

/**
 * `{ min, gzip, brotli }` of each Angular page beyond an empty Angular CLI app, keyed by budget name: `angular-cli`
 * (email-password, fixtures/angular.ts) and `angular-all` (every login method, fixtures/angular-all.ts). Needs dist/.
 */
export async function measureAngularCli() {
  const empty = await buildOne('angular-empty.ts')
  const figures = {}
  for (const [name, fixture] of [
    ['angular-cli', 'angular.ts'],
    ['angular-all', 'angular-all.ts'],
  ]) {
    const app = await buildOne(fixture)
    figures[name] = { min: app.min - empty.min, gzip: app.gzip - empty.gzip, brotli: app.brotli - empty.brotli }
  }
  return figures
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now()
  console.log(await measureAngularCli(), `${((Date.now() - started) / 1000).toFixed(1)} s`)
}
