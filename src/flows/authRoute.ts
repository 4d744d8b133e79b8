import { addDefaultTexts, translator } from './messages'
import { enRecipes } from './recipeMessages'
import type { AuthRoute, FlowOptions, MfaPage, Theme } from './types'

/**
 * Which prebuilt screen a path shows (docs/RECIPES.md §1.5): `websiteBasePath` itself → `signInUp`,
 * `/callback/{thirdPartyId}` → `callback`, `/verify` → the magic-link landing, `/reset-password`, `/verify-email`,
 * `/mfa` and `/mfa/{totp,otp-email,otp-phone}` → `mfa` with its page, and the passkey screens
 * (`/webauthn/recover`, `/webauthn/recover/send-email`, `/mfa/webauthn`);
 * anything else → `notFound`. A query, a fragment and a trailing slash are ignored.
 */
export function resolveAuthRoute(path: string, websiteBasePath: string): AuthRoute {
  const pathname = path.replace(/[?#].*$/, '').replace(/\/+$/, '')
  const base = websiteBasePath.replace(/\/+$/, '')
  if (pathname === base) return { name: 'signInUp' }
  if (!pathname.startsWith(`${base}/`)) return { name: 'notFound' }
  const rest = pathname.slice(base.length)
  if (rest === '/reset-password') return { name: 'resetPassword' }
  if (rest === '/verify-email') return { name: 'verifyEmail' }
  if (rest === '/verify') return { name: 'verify' }
  const mfa = /^\/mfa(?:\/(totp|otp-email|otp-phone))?$/.exec(rest)
  if (mfa) return { name: 'mfa', page: (mfa[1] as MfaPage | undefined) ?? 'chooser' }
  if (rest === '/webauthn/recover') return { name: 'webauthnRecover' }
  if (rest === '/webauthn/recover/send-email') return { name: 'webauthnSendRecoveryEmail' }
  if (rest === '/mfa/webauthn') return { name: 'mfaWebauthn' }
  // Provider ids are the backend's thirdPartyIds: letters, digits, `_` and `-` (as `thirdParty()` accepts them).
  const callback = /^\/callback\/([\w-]+)$/.exec(rest)
  if (callback) return { name: 'callback', thirdPartyId: callback[1]! }
  return { name: 'notFound' }
}

/** What the routing component shows for a path it has no screen for (MARKUP.md "AuthPage"). */
export function describeNotFound(options: Pick<FlowOptions, 'locale' | 'messages' | 'theme' | 'unstyled'> = {}): {
  heading: string
  message: string
  theme: Theme | undefined
} {
  addDefaultTexts(enRecipes)
  const t = translator(options.locale, options.messages)
  return {
    heading: t('authPage.notFound.heading'),
    message: t('authPage.notFound.message'),
    theme: options.unstyled ? undefined : (options.theme ?? 'auto'),
  }
}
