// Playwright global setup: the first visit to a Vite dev server makes it pre-bundle dependencies (and may reload the
// page once), so every example's sign-in form is loaded once before any test is timed.
import { chromium } from '@playwright/test'
import type { FullConfig } from '@playwright/test'

export default async function warmUp(config: FullConfig) {
  const urls = config.projects.filter((p) => p.name.startsWith('e2e-')).map((p) => `${p.use.baseURL}/auth`)
  if (urls.length === 0) return
  const browser = await chromium.launch(config.projects[0]!.use.launchOptions)
  try {
    await Promise.all(
      urls.map(async (url) => {
        const page = await browser.newPage()
        try {
          await page.goto(url, { timeout: 90_000 })
          await page.locator('form').first().waitFor({ timeout: 90_000 })
        } catch (error) {
          throw new Error(`${url} did not render its sign-in form: ${(error as Error).message}`, { cause: error })
        }
      }),
    )
  } finally {
    await browser.close()
  }
}
