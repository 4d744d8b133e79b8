#!/usr/bin/env node
// The packed package as a new user meets it: minimal apps made the way each framework's users start (a Vite React
// app, a Vite Vue app, an Angular CLI app built by `@angular/build:application` in production mode), whose source
// is the README's own quick-start code blocks, build against the package installed in their node_modules and show
// the sign-in screen, styled, in Chromium. The README tags those blocks with `<app>:<file>` after the language
// (`all:` goes into every app); npm and GitHub hide that tag, so a block is exactly what a reader copies.
// Frameworks and build tools resolve from the repository's node_modules (the apps live under artifacts/), so
// nothing is downloaded. Hand-written because no tool builds the README's snippets against a tarball.
// Usage: node scripts/consumers.mjs <unpacked package dir> [react|vue|angular ...]
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { angularBuild, angularWorkspace } from './lib/angular-cli.mjs'
import { launchChromium } from './lib/chromium.mjs'
import { contentType } from './lib/content-types.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const [packageDir, ...only] = process.argv.slice(2)
if (!packageDir || !existsSync(join(packageDir, 'package.json'))) {
  throw new Error('Usage: node scripts/consumers.mjs <unpacked package dir> [react|vue|angular ...]')
}

const INDEX_HTML = (id, script) => `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>consumer</title></head>
  <body>
    <div id="${id}"></div>
    ${script ? `<script type="module" src="${script}"></script>` : ''}
  </body>
</html>
`
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['src'],
}

/** Each app: its files beside the README's, and how to build it into `out/` (an index.html and its assets). */
const APPS = {
  react: {
    files: { 'index.html': INDEX_HTML('root', '/src/main.tsx'), 'tsconfig.json': JSON.stringify(TSCONFIG) },
    build: (dir) => viteBuild(dir, async () => [(await import('@vitejs/plugin-react')).default()]),
    typecheck: true,
  },
  vue: {
    files: { 'index.html': INDEX_HTML('app', '/src/main.ts'), 'tsconfig.json': JSON.stringify(TSCONFIG) },
    build: (dir) => viteBuild(dir, async () => [(await import('@vitejs/plugin-vue')).default()]),
    typecheck: true,
  },
  angular: {
    files: {
      'src/index.html': INDEX_HTML('', '').replace('<div id=""></div>', '<app-root></app-root>'),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { ...TSCONFIG.compilerOptions, jsx: undefined, noEmit: false, outDir: 'out-tsc' },
        files: ['src/main.ts'],
        angularCompilerOptions: { strictTemplates: true },
      }),
      'angular.json': angularWorkspace({ styles: ['src/styles.css'] }),
    },
    build: angularBuild,
    // The partially compiled library must be linked by the CLI: nothing of `ɵɵngDeclare…` may reach the bundle.
    verify(out) {
      const js = readFileSync(join(out, mainScript(out)), 'utf8')
      if (/ɵɵngDeclare\w+/.test(js)) throw new Error('the Angular build left partial declarations unlinked')
    },
  },
}

const blocks = readmeBlocks(readFileSync(join(packageDir, 'README.md'), 'utf8'))
const browser = await launchChromium()
try {
  for (const [name, app] of Object.entries(APPS)) {
    if (only.length && !only.includes(name)) continue
    const started = Date.now()
    const dir = join(root, 'artifacts/consumers', name)
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(join(dir, 'node_modules'), { recursive: true })
    cpSync(packageDir, join(dir, 'node_modules/authfront'), { recursive: true })
    const files = { ...app.files, ...(blocks.get('all') ?? {}), ...(blocks.get(name) ?? {}) }
    if (!blocks.has(name)) throw new Error(`README has no code block tagged ${name}:<file>`)
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true })
      writeFileSync(join(dir, file), text)
    }
    const out = join(dir, 'out')
    // Vite's templates build with `tsc -b && vite build`: the snippets must typecheck, not only bundle.
    if (app.typecheck) execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { stdio: 'inherit' })
    await app.build(dir, out)
    app.verify?.(out)
    const built = Date.now()
    await renderSignIn(out)
    const seconds = (t) => ((t - started) / 1000).toFixed(1)
    console.log(`${name} consumer: built in ${seconds(built)} s, sign-in screen rendered (${seconds(Date.now())} s)`)
  }
} finally {
  await browser.close()
}

/** Code blocks whose info string is `<lang> <app>[,<app>]:<file>`, grouped by app. */
function readmeBlocks(readme) {
  const byApp = new Map()
  for (const [, tag, file, code] of readme.matchAll(/^```\w+ ([\w,]+):(\S+)\n([\s\S]*?)^```$/gm)) {
    for (const app of tag.split(',')) byApp.set(app, { ...byApp.get(app), [file]: code })
  }
  return byApp
}

async function viteBuild(dir, plugins) {
  const { build } = await import('vite')
  await build({
    configFile: false,
    root: dir,
    logLevel: 'warn',
    mode: 'production',
    plugins: await plugins(),
    build: { outDir: join(dir, 'out'), emptyOutDir: true },
  })
}

function mainScript(out) {
  const html = readFileSync(join(out, 'index.html'), 'utf8')
  const src = html.match(/<script src="([^"]+)" type="module">|<script type="module"[^>]* src="\/?([^"]+)"/)
  const file = src?.[1] ?? src?.[2]
  if (!file) throw new Error(`no module script in ${out}/index.html`)
  return file.replace(/^\//, '')
}

/** Serves the build (every unknown path gets index.html, as an SPA host does) and opens /auth in Chromium. */
async function renderSignIn(out) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname)
    let file = resolve(out, '.' + path)
    if (!file.startsWith(out) || !existsSync(file) || extname(file) === '') file = join(out, 'index.html')
    response.writeHead(200, { 'content-type': contentType(file) })
    response.end(readFileSync(file))
  })
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  const page = await browser.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/auth`)
    const email = page.getByLabel('Email')
    await email.waitFor({ state: 'visible', timeout: 15_000 })
    // The stylesheet reached the page: the root is laid out by authfront's CSS, not the browser's defaults.
    const styled = await page.evaluate(() => {
      const root = document.querySelector('[data-af-root]')
      return !!root && getComputedStyle(root).getPropertyValue('--af-radius').trim() !== ''
    })
    if (!styled) errors.push('the sign-in screen rendered without authfront/styles.css')
    if (!(await page.getByRole('button', { name: /sign in/i }).isVisible())) errors.push('no sign-in button')
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error))
  } finally {
    await page.close()
    server.close()
  }
  if (errors.length) throw new Error(`${out}: ${errors.join('; ')}`)
}
