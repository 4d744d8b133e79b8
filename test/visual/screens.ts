// Screenshot tests: every state of every screen, compared with the baselines committed in test/visual/screenshots,
// so a change in look is a reviewed change (issue 20). Each story of the React Storybook (stories/react) sets up one
// state with the mock backend and its play function drives the screen there; the specs here (one per column of the
// matrix: light, dark, rtl, phone) open each story in the static Storybook that playwright.config.ts in this folder
// builds and serves, and screenshot the screen element only. The matrix is in matrix.mjs: every story in light, dark
// and right-to-left at 1024 px and on a 320 px phone, where it is also checked for reflow at 320 and 640 px
// (WCAG 1.4.10). docs/GALLERY.md shows the baselines.
//
//   npm run test:visual                       compare (part of npm test)
//   npm run test:visual:update                accept the current look: rewrite changed baselines and the gallery
//
// Determinism: Date is frozen (countdowns such as "Try again in 15:00" would tick), animations are stopped and the
// caret hidden by toHaveScreenshot; the TOTP secret (and so the QR code) and the passkeys' dates are fixed by the
// stories. The baselines belong to Debian's Chromium on the CI machine: another browser build or font set renders
// text differently, so compare and update on that kind of machine.
import { test as base, expect } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { Variant } from './matrix.mjs'
import { VARIANTS, baselineName, listStories } from './matrix.mjs'

declare global {
  interface Window {
    __STORYBOOK_PREVIEW__?: { currentRender?: { id: string; phase?: string } }
    __STORYBOOK_ADDONS_CHANNEL__?: { emit(event: string, data: unknown): void }
  }
}

/**
 * One Storybook page per variant and worker, kept across tests: loading Storybook's preview costs seconds on a busy
 * 2-core machine, switching stories inside it a fraction of one (the Vitest story tests share a page per file too;
 * each story starts its own mock backend and clears the previous story's session).
 */
const test = base.extend<object, { showStory: (storyId: string, variant: Variant) => Promise<Page> }>({
  showStory: [
    async ({ browser }, use, workerInfo) => {
      const pages = new Map<string, Page>()
      await use(async (storyId, variant) => {
        let page = pages.get(variant.name)
        if (page) {
          await prepare(page)
          await page.evaluate((id) => {
            window.__STORYBOOK_ADDONS_CHANNEL__!.emit('setCurrentStory', { storyId: id, viewMode: 'story' })
          }, storyId)
        } else {
          const context = await browser.newContext({
            baseURL: workerInfo.project.use.baseURL,
            viewport: { width: variant.width, height: 768 },
            colorScheme: 'light',
          })
          page = await context.newPage()
          pages.set(variant.name, page)
          if (variant.dir === 'rtl') await page.addInitScript(setRtl)
          await prepare(page)
          // The theme is a Storybook global: the page keeps it for every story it shows.
          await page.goto(`/iframe.html?id=${storyId}&viewMode=story&globals=theme:${variant.theme}`)
        }
        // Loaders, render, play function and Storybook's own wait for animations, then clean-up: all done.
        await page.waitForFunction((id) => {
          const render = window.__STORYBOOK_PREVIEW__?.currentRender
          return render?.id === id && render.phase === 'finished'
        }, storyId)
        const error = await page.evaluate(() =>
          document.body.classList.contains('sb-show-errordisplay')
            ? (document.querySelector('#error-message')?.textContent ?? 'error display shown')
            : undefined,
        )
        expect(error, `story ${storyId} failed in Storybook`).toBeUndefined()
        return page
      })
      for (const page of pages.values()) await page.context().close()
    },
    { scope: 'worker' },
  ],
})

/** Before each story: a fresh page's session storage (the guard counts redirects there), and a frozen Date. */
async function prepare(page: Page): Promise<void> {
  await page.evaluate(() => sessionStorage.clear()).catch(() => {})
  // Real time, then frozen: relative times (cookie expiry, countdowns) behave, and never tick between screenshots.
  await page.clock.setFixedTime(Date.now())
}

/** An init script: `dir="rtl"` on <html> before any script runs (the element does not exist yet when it starts). */
function setRtl() {
  const observer = new MutationObserver(() => {
    if (!document.documentElement) return
    document.documentElement.setAttribute('dir', 'rtl')
    observer.disconnect()
  })
  observer.observe(document, { childList: true })
}

/**
 * Declares one test per story in this variant. Each variant has its own spec file, so a worker runs
 * one variant's stories in a row on one page; the two workers take two variants side by side.
 */
export function screenshotStories(name: Variant['name']): void {
  const variant = VARIANTS.find((v) => v.name === name)!
  for (const story of listStories()) {
    test(`${story.title} › ${story.name}`, async ({ showStory }) => {
      const page = await showStory(story.id, variant)
      // The screen itself (for the session guard's slots, the slot's element), not the padded canvas around it.
      const screen = page.locator('#storybook-root > *').first()
      await expect(screen).toBeVisible()
      const { direction, themes } = await screen.evaluate((el) => ({
        direction: getComputedStyle(el).direction,
        themes: [...document.querySelectorAll<HTMLElement>('[data-af-theme]')].map((e) => e.dataset['afTheme']),
      }))
      expect(direction, 'direction of the screen').toBe(variant.dir)
      expect(
        themes.filter((theme) => theme !== variant.theme),
        'screens in another theme',
      ).toEqual([])
      await expect(screen).toHaveScreenshot(baselineName(story, variant))
      if (variant.name === 'phone') {
        await test.step('reflow at 320 px (400 % zoom)', () => expectReflow(page, 320))
        await test.step('reflow at 640 px (200 % zoom)', () => expectReflow(page, 640))
        await page.setViewportSize({ width: variant.width, height: 768 })
      }
    })
  }
}

/**
 * Reflow (WCAG 1.4.10): at `width` CSS px (320 is a 1280 px window at 400 % zoom, 640 the same at 200 %) the screen
 * reads without scrolling sideways: the document is no wider than the viewport, and every control lies inside it with
 * its content unclipped. The phone column runs it on the page it has just screenshotted, at 320 and 640 px, so every
 * story is checked at both widths without loading it again.
 */
async function expectReflow(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 768 })
  const { documentWidth, viewportWidth, outside } = await page.evaluate(() => {
    const viewport = document.documentElement.clientWidth
    const controls = [...document.querySelectorAll<HTMLElement>('#storybook-root :is(button, input, select, a)')]
    return {
      documentWidth: document.documentElement.scrollWidth,
      viewportWidth: viewport,
      outside: controls
        .filter((el) => el.checkVisibility())
        .flatMap((el) => {
          const box = el.getBoundingClientRect()
          const name = `${el.localName} "${el.textContent?.trim() || el.getAttribute('aria-label') || el.id}"`
          // Half a pixel either way: subpixel layout rounds.
          if (box.left < -0.5 || box.right > viewport + 0.5) return [`${name} spans ${box.left}–${box.right}`]
          if (el.localName === 'button' && el.scrollWidth > el.clientWidth + 0.5) {
            return [`${name} clips its content (${el.scrollWidth} in ${el.clientWidth})`]
          }
          return []
        }),
    }
  })
  expect(documentWidth, `scroll width of the document at ${width} px`).toBeLessThanOrEqual(viewportWidth)
  expect(outside, `controls outside the viewport or clipped at ${width} px`).toEqual([])
}
