// Shared steps of the end-to-end scenarios. They use only what a user sees (roles, labels, texts) plus the mock
// backend the examples expose on window in dev (window.__authfrontMock), never framework internals.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'

export const AXE_PATH = fileURLToPath(new URL('../../../node_modules/axe-core/axe.min.js', import.meta.url))
export const PASSWORD = 'correct-horse-42'
const WAIT = { timeout: 15_000 }

/** A fresh address per test, so tests never see each other's users. */
export const uniqueEmail = (tag = 'user') => `${tag}-${randomUUID().slice(0, 8)}@example.com`

export const heading = (page, name) => page.getByRole('heading', { name, exact: true })

/** Waits for the auth screen heading (or any heading) with this exact text. */
export async function expectHeading(page, name) {
  await heading(page, name).waitFor(WAIT)
}

/** Waits until the page URL matches (a path, or a predicate on the URL). */
export async function expectPath(page, expected) {
  await page.waitForURL((url) => (typeof expected === 'function' ? expected(url) : url.pathname === expected), WAIT)
}

export const emailInput = (page) => page.getByLabel('Email', { exact: true })
export const passwordInput = (page, label = 'Password') => page.getByLabel(label, { exact: true })
export const button = (page, name) => page.getByRole('button', { name, exact: true })
export const link = (page, name) => page.getByRole('link', { name, exact: true })

/** Runs `fn(mock, arg)` in the page against the example's mock backend. */
export async function mock(page, fn, arg) {
  await page.waitForFunction(() => window.__authfrontMock !== undefined, undefined, WAIT)
  return page.evaluate(
    ([source, a]) => {
      const f = new Function(`return (${source})`)()
      return f(window.__authfrontMock, a)
    },
    [fn.toString(), arg],
  )
}

/** Creates a user straight in the mock backend (persisted, so every tab opened afterwards knows it). */
export async function seedUser(page, { email, password = PASSWORD, verified = true }) {
  if (!page.url().startsWith('http')) await page.goto('/auth')
  await mock(page, (m, u) => void m.users.add(u), { email, password, verified })
}

/** Signs in through the form of the current /auth page. */
export async function signIn(page, email, password = PASSWORD) {
  await expectHeading(page, 'Sign in')
  await emailInput(page).fill(email)
  await passwordInput(page).fill(password)
  await button(page, 'Sign in').click()
}

/** The outbox link for this address and type ("Verify email" | "Reset password"), as the dev panel shows it. */
export const outboxLink = (page, kind, email) => link(page, `${kind} link for ${email}`)

/** Waits for the home page to show the protected API's answer for this user. */
export async function expectHome(page, email) {
  await expectHeading(page, 'Your account')
  await page
    .locator('[data-ex="api-answer"]')
    .filter({ hasText: `The API says you are ${email} (email verified).` })
    .waitFor(WAIT)
}

/** Runs axe-core on the page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page, label) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH })
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] })
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
export const focusedText = (page) =>
  page.evaluate(() => {
    const el = document.activeElement
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
export async function tabTo(page, text, { max = 40, backwards = false } = {}) {
  const seen = []
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
export function countRequests(context, pathSuffix) {
  const seen = []
  context.on('request', (request) => {
    if (!new URL(request.url()).pathname.endsWith(pathSuffix)) return
    const from = request.serviceWorker() ? 'service worker' : 'page'
    const tab = from === 'page' ? ` (tab ${context.pages().indexOf(request.frame().page()) + 1})` : ''
    const at = Date.now()
    const entry = { line: `${at} ${request.method()} ${request.url()} from ${from}${tab}`, from, status: 'pending' }
    seen.push(entry)
    request.response().then(
      async (response) => {
        entry.status = response?.status()
        // The body tells "try refresh token" from "unauthorised" when a 401 needs explaining.
        if (response && response.status() >= 400) {
          entry.status += ` ${(await response.text().catch(() => '')).slice(0, 60)}`
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
export async function expectAttribute(locator, name, value) {
  const deadline = Date.now() + 5000
  let actual
  while (Date.now() < deadline) {
    actual = await locator.getAttribute(name)
    if (actual === value) return
    await new Promise((r) => setTimeout(r, 25))
  }
  assert.equal(actual, value, `attribute ${name}`)
}
