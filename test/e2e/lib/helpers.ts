// Shared steps of the end-to-end scenarios. They use only what a user sees (roles, labels, texts) plus the mock
// backend the examples expose on window in dev (window.__authfrontMock), never framework internals.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Locator, Page } from '@playwright/test'
import type { MockBackend } from 'authfront/mock'

declare global {
  interface Window {
    axe?: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> }
  }
}
interface AxeViolation {
  id: string
  impact?: string | null
  help: string
  nodes: { target: string[] }[]
}

export const AXE_PATH = fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url))
export const PASSWORD = 'correct-horse-42'
const WAIT = { timeout: 15_000 }

/** A fresh address per test, so tests never see each other's users. */
export const uniqueEmail = (tag = 'user'): string => `${tag}-${randomUUID().slice(0, 8)}@example.com`

export const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true })

/** Waits for the auth screen heading (or any heading) with this exact text. */
export async function expectHeading(page: Page, name: string) {
  await heading(page, name).waitFor(WAIT)
}

/** Waits until the page URL matches (a path, or a predicate on the URL). */
export async function expectPath(page: Page, expected: string | ((url: URL) => boolean)) {
  await page.waitForURL((url) => (typeof expected === 'function' ? expected(url) : url.pathname === expected), WAIT)
}

export const emailInput = (page: Page) => page.getByLabel('Email', { exact: true })
export const passwordInput = (page: Page, label = 'Password') => page.getByLabel(label, { exact: true })
export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
export const link = (page: Page, name: string) => page.getByRole('link', { name, exact: true })

/** Runs `fn(mock, arg)` in the page against the example's mock backend. */
export async function mock<R, A = undefined>(page: Page, fn: (mock: MockBackend, arg: A) => R, arg?: A) {
  await page.waitForFunction(() => window.__authfrontMock !== undefined, undefined, WAIT)
  // The function is sent as source: it runs in the page, where the mock lives.
  return page.evaluate(
    ([source, a]) => {
      const f = new Function(`return (${source})`)()
      return f(window.__authfrontMock, a)
    },
    [fn.toString(), arg] as const,
  ) as Promise<Awaited<R>>
}

/** Creates a user straight in the mock backend (persisted, so every tab opened afterwards knows it). */
export async function seedUser(
  page: Page,
  { email, password = PASSWORD, verified = true }: { email: string; password?: string; verified?: boolean },
) {
  if (!page.url().startsWith('http')) await page.goto('/auth')
  await mock(page, (m, u) => void m.users.add(u), { email, password, verified })
}

/** Signs in through the form of the current /auth page. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await expectHeading(page, 'Sign in')
  await emailInput(page).fill(email)
  await passwordInput(page).fill(password)
  await button(page, 'Sign in').click()
}

/** The outbox link for this address and type ("Verify email" | "Reset password"), as the dev panel shows it. */
export const outboxLink = (page: Page, kind: 'Verify email' | 'Reset password', email: string) =>
  link(page, `${kind} link for ${email}`)

/** Waits for the home page to show the protected API's answer for this user. */
export async function expectHome(page: Page, email: string) {
  await expectHeading(page, 'Your account')
  await page
    .locator('[data-ex="api-answer"]')
    .filter({ hasText: `The API says you are ${email} (email verified).` })
    .waitFor(WAIT)
}

/** Runs axe-core on the page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH })
  const violations = await page.evaluate(async () => {
    const result = await window.axe!.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }))
  })
  assert.ok(
    violations.length === 0,
    `axe found violations on ${label}:\n${violations.map((v) => `- ${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(', ')}`).join('\n')}`,
  )
}

/** The text of the element that has focus. */
export const focusedText = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null
    if (!el || el === document.body) return ''
    return (
      el.labels?.[0]?.textContent?.trim() ||
      el.getAttribute('aria-label') ||
      el.textContent?.trim() ||
      el.id ||
      el.tagName
    )
  })

/**
 * Presses Tab (or Shift+Tab) until the focused element's accessible text starts with `text`; fails after `max`
 * presses. This is how a keyboard user reaches a control.
 */
export async function tabTo(page: Page, text: string, { max = 40, backwards = false } = {}) {
  const seen: string[] = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    const current = await focusedText(page)
    if (current.startsWith(text)) return
    seen.push(current)
  }
  assert.fail(`Tab never reached "${text}"; focus went through: ${seen.join(' | ')}`)
}

/**
 * Counts requests to a path that the pages of the context send (also those the service worker answers). Requests
 * the service worker itself sends (MSW's passthrough) are not the page's and are not counted.
 */
export function countRequests(context: BrowserContext, pathSuffix: string) {
  const seen: { line: string; from: string; status: string | number | undefined }[] = []
  context.on('request', (request) => {
    if (!new URL(request.url()).pathname.endsWith(pathSuffix)) return
    const from = request.serviceWorker() ? 'service worker' : 'page'
    const tab = from === 'page' ? ` (tab ${context.pages().indexOf(request.frame().page()) + 1})` : ''
    const at = Date.now()
    const entry: (typeof seen)[number] = {
      line: `${at} ${request.method()} ${request.url()} from ${from}${tab}`,
      from,
      status: 'pending',
    }
    seen.push(entry)
    request.response().then(
      async (response) => {
        entry.status = response?.status()
        // The body tells "try refresh token" from "unauthorised" when a 401 needs explaining.
        if (response && response.status() >= 400) {
          entry.status = `${response.status()} ${(await response.text().catch(() => '')).slice(0, 60)}`
        }
      },
      () => (entry.status = 'failed'),
    )
  })
  return {
    get count() {
      return seen.filter((entry) => entry.from === 'page').length
    },
    get log() {
      return seen.map((entry) => `${entry.line}: ${entry.status}`).join('\n')
    },
  }
}

/** Waits until the element's attribute has this value (frameworks may render on the next frame). */
export async function expectAttribute(locator: Locator, name: string, value: string) {
  const deadline = Date.now() + 5000
  let actual: string | null = null
  while (Date.now() < deadline) {
    actual = await locator.getAttribute(name)
    if (actual === value) return
    await new Promise((r) => setTimeout(r, 25))
  }
  assert.equal(actual, value, `attribute ${name}`)
}
