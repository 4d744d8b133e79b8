// The `mock` and `browser` Vitest projects with `msw`, `msw/node` and `msw/browser` taken from another msw install
// (the msw 3 and msw 2.10 lanes of scripts/node-lanes.mjs; pick one with `--project 'mock*'` or `--project
// 'browser*'`). AUTHFRONT_MSW_DIR is that install's package folder.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import base from '../vite.config.ts'

const repo = fileURLToPath(new URL('..', import.meta.url))
const mswDir = process.env.AUTHFRONT_MSW_DIR
if (!mswDir) throw new Error('scripts/node-lanes.config.mjs: set AUTHFRONT_MSW_DIR to the msw package folder')
const { version, exports } = JSON.parse(readFileSync(join(mswDir, 'package.json'), 'utf8'))

/** The file an export condition tree leads to, as a bundler picks it (no `node`/`browser` split: tests import both). */
function pick(target) {
  if (typeof target === 'string') return target
  if (target === null || typeof target !== 'object') return undefined
  for (const condition of ['module-sync', 'import', 'default']) {
    const found = condition in target ? pick(target[condition]) : undefined
    if (found !== undefined) return found
  }
  return undefined
}

const mswAlias = ['node', 'browser', ''].map((sub) => ({
  find: new RegExp(`^msw${sub ? `/${sub}` : ''}$`),
  replacement: join(mswDir, pick(exports[sub ? `./${sub}` : '.'])),
}))

/**
 * The browser project's public folder: the worker script of this msw, as `msw init` writes it (a copy of the
 * package's own lib/mockServiceWorker.js). The repository's public/ keeps the script of the msw it installs.
 */
function workerFolder() {
  const folder = join(repo, '.cache/node-lanes/public', `msw-${version}`)
  mkdirSync(folder, { recursive: true })
  copyFileSync(join(mswDir, 'lib/mockServiceWorker.js'), join(folder, 'mockServiceWorker.js'))
  return folder
}

const project = (name) => base.test.projects.find((candidate) => candidate.test.name === name)
const mock = project('mock')
const browser = project('browser')

export default defineConfig({
  root: repo,
  test: {
    projects: [
      {
        ...mock,
        resolve: { alias: [...mswAlias, ...mock.resolve.alias] },
        test: { ...mock.test, name: `mock (msw ${version})`, root: repo },
      },
      {
        ...browser,
        resolve: { alias: [...mswAlias, ...browser.resolve.alias] },
        publicDir: workerFolder(),
        // Vite pre-bundles this msw for the page; its own cache keeps that away from the shared node_modules/.vite.
        cacheDir: join(repo, '.cache/node-lanes/vite', `msw-${version}`),
        test: { ...browser.test, name: `browser (msw ${version})`, root: repo },
      },
    ],
  },
})
