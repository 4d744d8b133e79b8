// Debian's Chromium, launched the same way by every browser runner (e2e, CSP, stories, bench) and by Vitest's
// browser project. playwright-core drives it; `npx playwright install` cannot download on these machines.
import { chromium } from 'playwright-core'

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

/** A headless Chromium with the shared flags; `options` adds to or overrides them. */
export const launchChromium = (options = {}) =>
  chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, ...options })
