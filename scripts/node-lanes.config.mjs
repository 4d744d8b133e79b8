// The `mock` Vitest project with `msw`, `msw/node` and `msw/browser` taken from another msw install (the msw 3 and
// msw 2.10 lanes of scripts/node-lanes.mjs). AUTHFRONT_MSW_DIR is that install's package folder.
import { readFileSync } from 'node:fs'
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

const mock = base.test.projects.find((project) => project.test.name === 'mock')

export default defineConfig({
  root: repo,
  resolve: { alias: [...mswAlias, ...mock.resolve.alias] },
  test: { ...mock.test, name: `mock (msw ${version})`, root: repo },
})
