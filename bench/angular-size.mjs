// Angular bundle bytes: fixtures/angular.ts minus fixtures/angular-empty.ts, built as apps with the Analog Angular
// plugin (full AOT). scripts/size.mjs has no Angular app because it needs the Angular compiler in the build. The
// components and the client are compiled from source here (dist/fesm2022/authfront-angular.js is partially compiled and would need
// the Angular linker in the build).
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { build } from 'vite'
import angular from '@analogjs/vite-plugin-angular'
import { attributeBytes } from './breakdown.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const at = (path) => join(root, path)

async function buildOne(fixture) {
  const outDir = at(`artifacts/bench/angular-size/${fixture.replace(/\W/g, '-')}`)
  rmSync(outDir, { recursive: true, force: true })
  await build({
    configFile: false,
    root,
    logLevel: 'error',
    plugins: [angular({ tsconfig: at('bench/tsconfig.angular-bench.json'), jit: false })],
    resolve: {
      alias: [
        { find: /^authfront\/angular$/, replacement: at('components/angular/index.ts') },
        // Source, like the components (which import src/ by relative paths): one copy of the client.
        { find: /^authfront$/, replacement: at('src/index.ts') },
      ],
    },
    define: { 'process.env.NODE_ENV': '"production"', ngDevMode: 'false' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      copyPublicDir: false,
      modulePreload: false,
      rolldownOptions: {
        input: at(`bench/fixtures/${fixture}`),
        output: { codeSplitting: false, entryFileNames: 'app.js' },
      },
    },
  })
  const figures = { min: 0, gzip: 0, brotli: 0 }
  for (const file of readdirSync(outDir, { recursive: true })) {
    if (!String(file).endsWith('.js')) continue // source maps excluded
    const bytes = readFileSync(join(outDir, String(file)))
    figures.min += bytes.length
    figures.gzip += gzipSync(bytes, { level: 9 }).length
    figures.brotli += brotliCompressSync(bytes).length
  }
  const map = JSON.parse(readFileSync(join(outDir, 'app.js.map'), 'utf8'))
  return { ...figures, breakdown: attributeBytes(readFileSync(join(outDir, 'app.js'), 'utf8'), map, outDir) }
}

/** `{ min, gzip, brotli }` of the Angular fixture beyond the empty Angular app, with both byte breakdowns. */
export async function measureAngular() {
  if (!existsSync(at('components/angular/index.ts'))) throw new Error('components/angular is not on disk')
  const app = await buildOne('angular.ts')
  const empty = await buildOne('angular-empty.ts')
  return {
    min: app.min - empty.min,
    gzip: app.gzip - empty.gzip,
    brotli: app.brotli - empty.brotli,
    breakdown: app.breakdown,
    emptyBreakdown: empty.breakdown,
  }
}
