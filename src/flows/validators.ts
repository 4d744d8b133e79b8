/**
 * Client-side validators with the same rules, order and messages as the backend defaults (docs/PROTOCOL.md §1.4).
 * They return message keys; the flow translates them.
 */
import type { FieldValue } from './types'
import type { MessageKey } from './messages'

// The backend's default email check: quoted or dotted local part, then an IPv4 literal or a dotted domain.
const EMAIL_PATTERN =
  /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/

/** True when a value counts as "not given" (the backend's "Field is not optional" check). */
export function isEmptyValue(value: FieldValue | undefined): boolean {
  return value === undefined || value === '' || value === false
}

/** The backend's default email validator; the email is trimmed first, as the backend does. */
export function validateEmail(value: FieldValue): MessageKey | undefined {
  if (typeof value !== 'string' || !EMAIL_PATTERN.test(value.trim())) return 'error.email.invalid'
  return undefined
}

/** The backend's default sign-up password validator, rules checked in the backend's order. */
export function validatePassword(value: FieldValue): MessageKey | undefined {
  const password = typeof value === 'string' ? value : ''
  if (password.length < 8) return 'error.password.tooShort'
  if (password.length >= 100) return 'error.password.tooLong'
  if (!/[A-Za-z]/.test(password)) return 'error.password.noLetter'
  if (!/[0-9]/.test(password)) return 'error.password.noNumber'
  return undefined
}

/**
 * A phone number in international form (`+` then 7 to 15 digits, E.164); spaces, dots, dashes and brackets are
 * allowed between digits. The backend checks it again with its own parser.
 */
export function validatePhone(value: FieldValue): MessageKey | undefined {
  if (typeof value !== 'string' || !/^\+[1-9]\d{6,14}$/.test(normalizePhone(value))) return 'error.phone.invalid'
  return undefined
}

/** The phone number as sent: separators removed. */
export function normalizePhone(value: string): string {
  return value.trim().replace(/[\s().-]/g, '')
}
