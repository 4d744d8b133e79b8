import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import vue from '@vitejs/plugin-vue'
import angular from '@analogjs/vite-plugin-angular'
import dts from 'vite-plugin-dts'
import { playwright } from '@vitest/browser-playwright'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/lib/chromium.mjs'

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Tests import the public entry names; they resolve to source here, to dist/ when AUTHFRONT_DIST=1. */
const alias = [
  { find: /^authfront\/react$/, replacement: root('./components/react/index.ts') },
  { find: /^authfront\/vue$/, replacement: root('./components/vue/index.ts') },
  { find: /^authfront\/angular$/, replacement: root('./components/angular/index.ts') },
  { find: /^authfront\/mock\/browser$/, replacement: root('./src/mock/browser.ts') },
  { find: /^authfront\/mock\/node$/, replacement: root('./src/mock/node.ts') },
  { find: /^authfront\/server$/, replacement: root('./src/server/index.ts') },
  { find: /^authfront\/compat$/, replacement: root('./src/compat/index.ts') },
  { find: /^authfront\/mock$/, replacement: root('./src/mock/index.ts') },
  { find: /^authfront\/styles\.css$/, replacement: root('./components/styles/authfront.css') },
  { find: /^authfront$/, replacement: root('./src/index.ts') },
]

const react18Root = root('./test/react18/node_modules/')
const react18 = [
  { find: /^react$/, replacement: `${react18Root}react/index.js` },
  { find: /^react\/(.*)$/, replacement: `${react18Root}react/$1` },
  { find: /^react-dom$/, replacement: `${react18Root}react-dom/index.js` },
  { find: /^react-dom\/(.*)$/, replacement: `${react18Root}react-dom/$1` },
  // Its CJS build would `require('react-dom')` past the aliases; the ESM build is transformed, aliases included.
  {
    find: /^@testing-library\/react$/,
    replacement: root('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js'),
  },
]

const entries: Record<string, string> = {
  authfront: 'src/index.ts',
  react: 'components/react/index.ts',
  vue: 'components/vue/index.ts',
  // The Angular Package Format file name: Angular-aware bundlers (Angular CLI, Analog's optimizer) run the Angular
  // linker on partially compiled code only in files they recognise as Angular packages (`fesm2022/`).
  'fesm2022/authfront-angular': 'components/angular/index.ts',
  mock: 'src/mock/index.ts',
  'mock-browser': 'src/mock/browser.ts',
  'mock-node': 'src/mock/node.ts',
  'mock-wrong-env': 'src/mock/wrongEnv.ts',
  server: 'src/server/index.ts',
  compat: 'src/compat/index.ts',
}
const presentEntries = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(root(file))))

const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^vue($|\/)/,
  /^@angular\//,
  /^rxjs($|\/)/,
  /^zustand($|\/)/,
  /^msw($|\/)/,
  /^jose($|\/)/,
  /^uqr($|\/)/,
  /^@simplewebauthn\//,
]

/**
 * Puts the published files where package.json `exports` points:
 * - the Analog plugin writes the Angular declarations (with the ɵcmp metadata AOT consumers need) to
 *   dist/components/angular and copies of src declarations beside them; move them under dist/types so their
 *   `../../src/...` imports resolve to the declarations vite-plugin-dts wrote;
 * - the stylesheet is not imported by any entry (apps opt in with `authfront/styles.css`), so copy it;
 * - declarations are emitted with extensionless relative imports (source uses Bundler resolution); Node's ESM
 *   resolution (TypeScript `node16`/`nodenext` consumers) needs explicit `.js` / `/index.js`, so add them.
 */
function packageLayout(): Plugin {
  return {
    name: 'authfront-package-layout',
    apply: 'build',
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const dist = root('./dist')
        const angularTypes = `${dist}/components/angular`
        if (existsSync(angularTypes)) {
          mkdirSync(`${dist}/types/components`, { recursive: true })
          rmSync(`${dist}/types/components/angular`, { recursive: true, force: true })
          renameSync(angularTypes, `${dist}/types/components/angular`)
        }
        for (const stray of ['components', 'flows', 'client', 'session', 'recipes', 'mock']) {
          rmSync(`${dist}/${stray}`, { recursive: true, force: true })
        }
        copyFileSync(root('./components/styles/authfront.css'), `${dist}/authfront.css`)
        addDeclarationExtensions(`${dist}/types`)
      },
    },
  }
}

function addDeclarationExtensions(dir: string) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name)
    if (entry.isDirectory()) addDeclarationExtensions(file)
    else if (file.endsWith('.d.ts')) {
      const text = readFileSync(file, 'utf8')
      const fixed = text.replace(/((?:from|import)\s*\(?\s*')(\.{1,2}\/[^']*)(')/g, (match, head, spec, tail) => {
        if (/\.(js|mjs|css|json)$/.test(spec)) return match
        const base = join(dirname(file), spec)
        if (existsSync(`${base}.d.ts`)) return `${head}${spec}.js${tail}`
        if (existsSync(join(base, 'index.d.ts'))) return `${head}${spec}/index.js${tail}`
        return match
      })
      if (fixed !== text) writeFileSync(file, fixed)
    }
  }
}

/**
 * The browser project's dev server answers the mock OAuth provider's path with an app page, as an app's SPA dev
 * server does for any unknown path: service workers never see navigations, so the mock renders that page itself
 * (src/mock/browser.ts). The page is test/browser/fixtures/mockProviderPage.ts.
 */
function mockProviderPage(): Plugin {
  return {
    name: 'authfront-mock-provider-page',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (!request.url?.startsWith('/__authfront/mock-oauth/')) return next()
        response.setHeader('Content-Type', 'text/html; charset=utf-8')
        response.end(
          '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Mock provider</title></head>\n<body>\n' +
            '<script type="module" src="/test/browser/fixtures/mockProviderPage.ts"></script>\n</body>\n</html>\n',
        )
      })
    },
  }
}

export default defineConfig({
  plugins: [
    react(),
    vue(),
    angular({ tsconfig: 'tsconfig.angular-lib.json', jit: false }),
    dts({ tsconfigPath: 'tsconfig.lib.json', processor: 'vue', entryRoot: '.', outDirs: 'dist/types' }),
    packageLayout(),
  ],
  publicDir: false,
  resolve: { alias },
  build: {
    target: 'es2022',
    sourcemap: true,
    minify: false,
    cssCodeSplit: false,
    lib: { entry: presentEntries, formats: ['es'], cssFileName: 'authfront' },
    rolldownOptions: {
      external,
      // src/client/wire.ts names every header, cookie and key once; inline them where used so the published code
      // spells each literal in place (as the minifier of an app would not always do).
      optimization: { inlineConst: { mode: 'all', pass: 2 } },
      output: {
        // React Server Components (Next.js App Router) render the React entry's components (state, effects) only
        // across a `'use client'` boundary. The bundler drops module-level directives, so the banner puts it back
        // at the top of dist/react.js (a banner keeps the source map right); the chunks it imports are client code
        // through it. Vue and Angular have no such boundary.
        banner: (chunk) => (chunk.isEntry && chunk.name === 'react' ? `'use client'` : ''),
      },
    },
  },
  test: {
    projects: [
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'client',
          environment: 'node',
          include: ['test/client/**/*.test.ts', 'test/flows/**/*.test.ts', 'test/reliability/**/*.test.{ts,tsx}'],
        },
      },
      {
        resolve: { alias },
        test: { name: 'mock', environment: 'node', include: ['test/mock/**/*.test.ts'] },
      },
      {
        // authfront/compat against the mock, beside the official SDK it replaces (jsdom per file where needed).
        resolve: { alias },
        test: { name: 'compat', environment: 'node', include: ['test/compat/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: { name: 'server', environment: 'node', include: ['test/server/**/*.test.ts'] },
      },
      {
        // The client against real supertokens-node (express) over a stand-in core: docs/REAL-BACKEND.md.
        resolve: { alias },
        test: { name: 'real-node', environment: 'node', include: ['test/real-node/**/*.test.ts'] },
      },
      {
        // Type-level tests (`*.test-d.ts`): run by tsc through Vitest, so `npx vitest run` (npm test) includes them.
        test: {
          name: 'types',
          include: [],
          typecheck: { enabled: true, only: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}'],
          env: { AUTHFRONT_REACT_MAJOR: '19' },
        },
      },
      {
        // The same React suites on React 18, installed by the npm workspace test/react18 (nested there because the
        // root holds React 19). Testing Library is inlined so its own `react`/`react-dom` imports take the alias too.
        plugins: [react()],
        resolve: { alias: [...react18, ...alias] },
        test: {
          name: 'react18',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}'],
          env: { AUTHFRONT_REACT_MAJOR: '18' },
          server: { deps: { inline: ['@testing-library/react'] } },
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: { name: 'vue', environment: 'jsdom', include: ['test/vue/**/*.test.ts'] },
      },
      {
        plugins: [angular({ tsconfig: 'tsconfig.spec.json' })],
        resolve: { alias },
        test: {
          name: 'angular',
          environment: 'jsdom',
          include: ['test/angular/**/*.test.ts'],
          setupFiles: ['test/angular/setup.ts'],
        },
      },
      {
        plugins: [react(), mockProviderPage()],
        resolve: { alias },
        publicDir: 'public',
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.{ts,tsx}'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
})
