import type { TotpCodeLine } from './devTools'

/** Visible texts of the example apps, shared so the React, Vue and Angular examples read the same. */
export const texts = {
  appName: 'authfront example',
  home: 'Home',
  loading: 'Loading…',
  accountHeading: 'Your account',
  userIdLabel: 'User id',
  apiHeading: 'Protected API',
  apiCalling: 'Calling the API…',
  callAgain: 'Call the API again',
  expiryLabel: 'Access token expires at',
  refreshesLabel: 'Token refreshes',
  signOut: 'Sign out',
  notFoundHeading: 'Page not found',
  devHeading: 'Mock backend',
  devRealBackend: 'Using the backend at',
  outboxHeading: 'Outbox',
  outboxEmpty: 'No emails sent yet.',
  tenantHeading: 'Tenants',
  tenantPublic: 'Sign in (every method)',
  tenantAcme: 'Sign in to tenant “acme” (GitHub, email code)',
  resetDemo: 'Reset demo data',
  securityLink: 'Two-step verification and passkeys',
  securityHeading: 'Sign-in and security',
  mfaHeading: 'Second factor',
  requireTotp: 'Require TOTP',
} as const

/** The dev panel's line about the signed-in user's authenticator app (the code itself follows it). */
export function totpCodeText(line: TotpCodeLine): string {
  if (line.kind === 'signedOut') return 'Sign in to see the authenticator code.'
  if (line.kind === 'noDevice') return `${line.email} has no authenticator app yet.`
  return `Authenticator code for ${line.email}:`
}

/** A one-line summary of what the protected API returned. */
export function describeApiAnswer(data: unknown): string {
  if (data && typeof data === 'object' && 'email' in data && typeof data.email === 'string') {
    const verified = 'verified' in data && data.verified === true
    return `The API says you are ${data.email}${verified ? ' (email verified)' : ''}.`
  }
  return `The API answered ${JSON.stringify(data)}`
}

/** `HH:MM:SS` of an access token payload's `exp` (seconds), or a dash. */
export function formatExpiry(payload: Record<string, unknown> | undefined): string {
  const exp = payload?.['exp']
  if (typeof exp !== 'number') return '–'
  return new Date(exp * 1000).toLocaleTimeString('en-GB', { hour12: false })
}

/** The text of an outbox entry's link. */
export function outboxLabel(
  email:
    | { type: 'verify-email' | 'reset-password' | 'webauthn-recovery'; to: string }
    | { type: 'passwordless'; to: string; code: string },
): string {
  // The entry links to the magic link; the code is for typing into the code screen.
  if (email.type === 'passwordless') return `Code ${email.code} or magic link for ${email.to}`
  if (email.type === 'webauthn-recovery') return `Passkey recovery link for ${email.to}`
  return `${email.type === 'verify-email' ? 'Verify email' : 'Reset password'} link for ${email.to}`
}

/** An email link as a same-origin path, so the example's router can follow it without a reload. */
export function toLocalPath(link: string): string {
  const url = new URL(link, window.location.href)
  return url.origin === window.location.origin ? `${url.pathname}${url.search}${url.hash}` : link
}
