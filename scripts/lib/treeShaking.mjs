// Proof, not assumption, that an email-password-only app bundles no recipe it did not import (issue 18 item 6):
// every recipe plugin leaves strings in any bundle that contains it (its endpoint paths, its screens' message keys),
// and minifiers keep string literals. So the email-password apps that scripts/size.mjs builds must contain none of
// them, and the every-method apps must contain each of theirs (which shows the markers still match the source).
// The same builds are production builds, so development-only warnings must be absent from them too.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Strings only a recipe's client code or screens put into a bundle. */
export const RECIPE_MARKERS = {
  'thirdParty()': ['/authorisationurl', 'thirdParty.continueWith'],
  'passwordless()': ['/signinup/code', 'passwordless.code.heading'],
  'multitenancy (loginMethods)': ['/loginmethods'],
  'multiFactor()': ['/mfa/info', 'mfa.chooser.heading'],
  'totp()': ['/totp/device', 'totp.setup.heading'],
  'webauthn()': ['/webauthn/options/register'],
}

/**
 * Text only development builds carry: warnings behind `process.env.NODE_ENV !== 'production'` that a production
 * app build must drop (a check the minifier can fold; a `return` inside `try` once kept one in every app).
 */
export const DEVELOPMENT_MARKERS = {
  'the two-clients warning (createAuthClient)': 'clients mounted for',
  'the unknown-locale warning (resolveLocale)': 'unknown locale',
}

/** App output directories (under artifacts/size) → the recipes that must be absent, or present. */
const EMAIL_PASSWORD_ONLY = ['client-ts', 'react-tsx', 'vue-ts', 'angular-cli/angular-ts/out']
const EVERY_METHOD = {
  'react-all-tsx': ['thirdParty()', 'passwordless()', 'multitenancy (loginMethods)'],
  'react-factors-tsx': ['multiFactor()', 'totp()', 'webauthn()', 'passwordless()'],
  'angular-cli/angular-all-ts/out': ['thirdParty()', 'passwordless()', 'multitenancy (loginMethods)'],
}

function bundleText(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((file) => String(file).endsWith('.js'))
    .map((file) => readFileSync(join(dir, String(file)), 'utf8'))
    .join('\n')
}

/** Problems found in the builds under `sizeDir` (empty when tree-shaking holds); skips builds that are absent. */
export function checkTreeShaking(sizeDir) {
  const problems = []
  for (const app of EMAIL_PASSWORD_ONLY) {
    const dir = join(sizeDir, app)
    if (!existsSync(dir)) continue
    const text = bundleText(dir)
    for (const [recipe, markers] of Object.entries(RECIPE_MARKERS)) {
      const found = markers.filter((marker) => text.includes(marker))
      if (found.length > 0) problems.push(`${app} (email-password only) bundles ${recipe}: ${found.join(', ')}`)
    }
    for (const [what, marker] of Object.entries(DEVELOPMENT_MARKERS))
      if (text.includes(marker)) problems.push(`${app} (a production build) bundles ${what}: ${marker}`)
  }
  for (const [app, recipes] of Object.entries(EVERY_METHOD)) {
    const dir = join(sizeDir, app)
    if (!existsSync(dir)) continue
    const text = bundleText(dir)
    for (const recipe of recipes) {
      const missing = RECIPE_MARKERS[recipe].filter((marker) => !text.includes(marker))
      if (missing.length > 0) problems.push(`${app} lacks ${recipe}'s markers (${missing.join(', ')}): update them`)
    }
  }
  return problems
}
