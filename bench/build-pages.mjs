// Builds the bench pages (bench/pages/*) into single-file minified app bundles, the way an app would ship them.
// authfront resolves to dist/ (what is published) when it has been built, else to source (reported as such).
import { existsSync, rmSync, mkdirSync, readdirSync, renameSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import react from '@vitejs/plugin-react'

const root = fileURLToPath(new URL('..', import.meta.url))
const at = (path) => join(root, path)

/** Where each public entry resolves, dist first. Returns undefined for an entry that exists nowhere yet. */
export function resolveEntries() {
  const pick = (distFile, srcFile) =>
    existsSync(at(distFile))
      ? { path: at(distFile), from: 'dist' }
      : existsSync(at(srcFile))
        ? { path: at(srcFile), from: 'src' }
        : undefined
  return {
    authfront: pick('dist/authfront.js', 'src/index.ts'),
    'authfront/react': pick('dist/react.js', 'components/react/index.ts'),
    'authfront/styles.css': pick('dist/authfront.css', 'components/styles/authfront.css'),
  }
}

/** Page name -> the entries it needs. */
export const PAGES = {
  plain: [],
  official: [],
  authfront: ['authfront'],
  'react-empty': [],
  'react-form': [],
  'react-signin': ['authfront', 'authfront/react', 'authfront/styles.css'],
  'official-signin': [],
}

/**
 * Builds every page whose entries exist into `outDir` as `<name>.js` (+ `<name>.css`). Returns
 * `{ built: string[], skipped: { name, reason }[], resolved }`.
 */
export async function buildPages(outDir) {
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const resolved = resolveEntries()
  const alias = Object.entries(resolved)
    .filter(([, entry]) => entry)
    .map(([name, entry]) => ({ find: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`), replacement: entry.path }))
  const built = []
  const skipped = []
  for (const [name, needs] of Object.entries(PAGES)) {
    const missing = needs.filter((entry) => !resolved[entry])
    if (missing.length > 0) {
      skipped.push({ name, reason: `${missing.join(', ')} not on disk yet` })
      continue
    }
    const file = readdirSync(at('bench/pages')).find((candidate) => candidate.replace(/\.tsx?$/, '') === name)
    const tmp = join(outDir, `.tmp-${name}`)
    try {
      await build({
        configFile: false,
        root,
        logLevel: 'error',
        plugins: [react()],
        resolve: { alias },
        define: { 'process.env.NODE_ENV': '"production"' },
        build: {
          outDir: tmp,
          emptyOutDir: true,
          target: 'es2022',
          minify: true,
          // 'hidden': the same JS, no sourceMappingURL comment; the map beside it attributes the first-render CPU
          // profile to source files (bench/renderProfile.mjs).
          sourcemap: 'hidden',
          copyPublicDir: false,
          cssCodeSplit: false,
          modulePreload: false,
          // An app build (library mode with the `es` format would keep whitespace).
          rolldownOptions: {
            input: at(`bench/pages/${file}`),
            output: { codeSplitting: false, entryFileNames: `${name}.js`, assetFileNames: `${name}[extname]` },
          },
        },
      })
      for (const out of readdirSync(tmp, { recursive: true })) {
        if (/\.(js|css|map)$/.test(String(out))) renameSync(join(tmp, String(out)), join(outDir, basename(String(out))))
      }
      built.push(name)
    } catch (error) {
      skipped.push({ name, reason: `build failed: ${String(error?.message ?? error).split('\n')[0]}` })
    } finally {
      rmSync(tmp, { recursive: true, force: true })
    }
  }
  return { built, skipped, resolved }
}

/**
 * Builds examples/react with its own vite config (it runs from source and starts the MSW mock in a service worker)
 * into `outDir`. Returns `{ built: true }` or `{ notMeasured: reason }`.
 */
export async function buildExample(outDir) {
  const configFile = at('examples/react/vite.config.ts')
  if (!existsSync(configFile)) return { notMeasured: 'examples/react is not on disk' }
  try {
    await build({ configFile, logLevel: 'error', build: { outDir, emptyOutDir: true } })
  } catch (error) {
    return { notMeasured: `examples/react did not build: ${String(error?.message ?? error).split('\n')[0]}` }
  }
  if (!existsSync(join(outDir, 'mockServiceWorker.js')))
    return { notMeasured: 'the example build has no mockServiceWorker.js' }
  return { built: true }
}
