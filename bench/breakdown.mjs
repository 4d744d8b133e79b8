// Where the bytes go: builds a size fixture as an app against the *source* entries (so modules map to files) with a
// source map, then attributes every byte of the minified bundle to the source file it came from.
import { gzipSync } from 'node:zlib'
import { existsSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'

const root = fileURLToPath(new URL('..', import.meta.url))
const at = (path) => join(root, path)

// Source map paths are relative to the (never written) output directory.
const outDir = at('artifacts/breakdown')

const sourceAlias = [
  { find: /^authfront\/react$/, replacement: at('components/react/index.ts') },
  { find: /^authfront\/vue$/, replacement: at('components/vue/index.ts') },
  { find: /^authfront$/, replacement: at('src/index.ts') },
]

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_VALUE = Object.fromEntries([...B64].map((char, index) => [char, index]))

/**
 * Decodes one line of source map mappings into [generatedColumn, sourceIndex | undefined, sourceLine, sourceColumn]
 * segments.
 */
export function decodeLine(line, state) {
  const segments = []
  let column = 0
  for (const segment of line.split(',')) {
    if (!segment) continue
    const values = []
    let value = 0
    let shift = 0
    for (const char of segment) {
      const digit = B64_VALUE[char]
      value += (digit & 31) << shift
      if (digit & 32) {
        shift += 5
      } else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1)
        value = 0
        shift = 0
      }
    }
    column += values[0]
    if (values.length >= 4) {
      state.source += values[1]
      state.line += values[2]
      state.column += values[3]
      segments.push([column, state.source, state.line, state.column])
    } else {
      segments.push([column, undefined])
    }
  }
  return segments
}

/** Group name for a source path: our files by path, dependencies by package name. */
function group(source, mapDir) {
  const path = relative(root, resolve(mapDir, source.replace(/\?.*$/, '')))
  // Angular ships source maps pointing into its own build tree (…/bin/packages/<name>/src/…).
  const angular = /\/bin\/packages\/([\w-]+)\//.exec(path)
  if (angular) return `@angular/${angular[1]} (dependency)`
  const modules = path.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const rest = path.slice(modules + 13).split('/')
    return `${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]} (dependency)`
  }
  return path
}

/**
 * Per-source bytes of the fixture's minified bundle: `[{ source, min, gzipAlone }]`, largest first, plus the total.
 * `gzipAlone` is each group's code gzipped on its own: an indication only (gzip works across module boundaries).
 */
export async function moduleBreakdown(fixture) {
  if (!existsSync(at('src/index.ts'))) throw new Error('src/index.ts is not on disk yet')
  const result = await build({
    configFile: false,
    root,
    logLevel: 'error',
    plugins: [react(), vue()],
    resolve: { alias: sourceAlias },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      outDir,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      copyPublicDir: false,
      modulePreload: false,
      // An app build, not library mode: library mode with the `es` format keeps whitespace.
      rolldownOptions: {
        input: at(`bench/fixtures/${fixture}`),
        output: { codeSplitting: false, entryFileNames: 'app.js' },
      },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((entry) => entry.output)
  const chunk = outputs.find((output) => output.type === 'chunk')
  if (!chunk?.map) throw new Error('the build produced no source map')
  return attributeBytes(chunk.code, typeof chunk.map === 'string' ? JSON.parse(chunk.map) : chunk.map, outDir)
}

/**
 * Attributes every byte of `code` to a source group via its source `map` (source paths relative to `mapDir`).
 * Returns `{ rows: [{ source, min, gzipAlone }], totalMin, totalGzip }`, largest first.
 */
export function attributeBytes(code, map, mapDir) {
  const GLUE = '(unmapped: bundler glue)'
  const pieces = new Map()
  const add = (name, text) => pieces.set(name, (pieces.get(name) ?? '') + text)
  const codeLines = code.split('\n')
  const mapLines = map.mappings.split(';')
  const state = { source: 0, line: 0, column: 0 }
  // A line break inside a multi-line string (a template literal of CSS, say) leaves the lines after it without
  // mappings: that text, and the break itself, belong to the source whose segment was still open.
  let open = GLUE
  for (let index = 0; index < codeLines.length; index++) {
    const text = codeLines[index]
    const segments = index < mapLines.length ? decodeLine(mapLines[index], state) : []
    if (segments.length === 0 || segments[0][0] > 0) add(open, text.slice(0, segments[0]?.[0] ?? text.length))
    for (let s = 0; s < segments.length; s++) {
      const [column, source] = segments[s]
      const end = s + 1 < segments.length ? segments[s + 1][0] : text.length
      open = source === undefined ? GLUE : group(map.sources[source], mapDir)
      add(open, text.slice(column, end))
    }
    if (index < codeLines.length - 1) add(open, '\n')
  }
  const rows = [...pieces].map(([source, text]) => ({
    source,
    min: Buffer.byteLength(text),
    gzipAlone: gzipSync(text, { level: 9 }).length,
  }))
  rows.sort((a, b) => b.min - a.min)
  return { rows, totalMin: Buffer.byteLength(code), totalGzip: gzipSync(code, { level: 9 }).length }
}
