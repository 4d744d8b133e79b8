// The Playwright `test` of the end-to-end and CSP specs, with the fixtures the scenarios use besides Playwright's
// own (`page`, `context`, `browser`, `baseURL`):
//   framework       the project's framework ('react' | 'vue' | 'angular'; playwright.config.ts sets it)
//   shot(label)     a full-page screenshot in artifacts/screenshots/<framework>-<label>.png
//   newContext(o)   another browser context on the same base URL (other options: colour scheme, …), closed after
//
// Porting a scenario written for the old runner (`export default [{ name, frameworks, async run(t) {…} }]`):
// rename it to <name>.spec.ts, import `test` from here and the helpers from './lib/helpers', and write each entry
// as `test(name, async ({ page, context, shot }) => {…})` with the same body; `frameworks: ['react']` becomes
// `test.skip(({ framework }) => framework !== 'react')` at the top of the file.
import { test as base } from '@playwright/test'
import type { BrowserContext, BrowserContextOptions, Page } from '@playwright/test'
import type { Framework } from '../../../scripts/lib/frameworks.mjs'

export interface Fixtures {
  shot: (label: string, target?: Page) => Promise<unknown>
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>
}

export const test = base.extend<Fixtures, { framework: Framework['name'] }>({
  framework: ['react', { option: true, scope: 'worker' }],
  shot: async ({ page, framework }, use) => {
    await use((label, target = page) =>
      target.screenshot({ path: `artifacts/screenshots/${framework}-${label}.png`, fullPage: true }),
    )
  },
  newContext: async ({ browser, baseURL, viewport }, use) => {
    const contexts: BrowserContext[] = []
    await use(async (options) => {
      const context = await browser.newContext({ baseURL, viewport, ...options })
      contexts.push(context)
      return context
    })
    for (const context of contexts) await context.close()
  },
})

// Uncaught errors in the pages explain most failures: keep them with the failed test.
test.beforeEach(({ context }, testInfo) => {
  context.on('weberror', (e) => void testInfo.attach('page error', { body: String(e.error()) }).catch(() => {}))
})

export { expect } from '@playwright/test'
