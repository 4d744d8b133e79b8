import type { MockSignUpField } from './types'

/** A malformed request: node answers 400 `{"message": …}` (docs/PROTOCOL.md §1.3). */
export interface BadInput {
  badInput: string
}

export interface FieldSpec {
  id: string
  optional: boolean
  validate: (value: unknown) => string | undefined
}

// supertokens-node's default email regex (recipe/emailpassword/utils.ts).
const EMAIL_RE =
  /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/

/**
 * supertokens-node trims and lower-cases every email it receives (form fields, the email-exists query), so
 * `Ada@Example.COM` and `ada@example.com` are one account.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export function defaultEmailValidator(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'Development bug: Please make sure the email field yields a string'
  return EMAIL_RE.test(value) ? undefined : 'Email is invalid'
}

export function defaultPasswordValidator(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'Development bug: Please make sure the password field yields a string'
  if (value.length < 8) return 'Password must contain at least 8 characters, including a number'
  if (value.length >= 100) return "Password's length must be lesser than 100 characters"
  if (!/^.*[A-Za-z]+.*$/.test(value)) return 'Password must contain at least one alphabet'
  if (!/^.*[0-9]+.*$/.test(value)) return 'Password must contain at least one number'
  return undefined
}

const anything = () => undefined

export function signUpSpecs(custom: MockSignUpField[]): FieldSpec[] {
  return [
    { id: 'email', optional: false, validate: defaultEmailValidator },
    { id: 'password', optional: false, validate: defaultPasswordValidator },
    ...custom.map((field) => ({
      id: field.id,
      optional: field.optional ?? false,
      validate: field.validate ?? anything,
    })),
  ]
}

export const signInSpecs: FieldSpec[] = [
  { id: 'email', optional: false, validate: defaultEmailValidator },
  { id: 'password', optional: false, validate: anything },
]

export const resetTokenSpecs: FieldSpec[] = [{ id: 'email', optional: false, validate: defaultEmailValidator }]

export const resetPasswordSpecs: FieldSpec[] = [{ id: 'password', optional: false, validate: defaultPasswordValidator }]

export type FormResult =
  BadInput | { fieldErrors: Array<{ id: string; error: string }> } | { values: Record<string, unknown> }

/** Node's `validateFormFieldsOrThrowError`: input shape checks (400), then per-field validators (FIELD_ERROR). */
export function validateFormFields(input: unknown, specs: FieldSpec[]): FormResult {
  if (input === undefined) return { badInput: 'Missing input param: formFields' }
  if (!Array.isArray(input)) return { badInput: 'formFields must be an array' }
  const values: Record<string, unknown> = {}
  for (const element of input as unknown[]) {
    if (
      typeof element !== 'object' ||
      element === null ||
      typeof (element as { id?: unknown }).id !== 'string' ||
      (element as { value?: unknown }).value === undefined
    ) {
      return { badInput: "All elements of formFields must contain an 'id' and 'value' field" }
    }
    const { id, value } = element as { id: string; value: unknown }
    if ((id === 'email' || id === 'password') && typeof value !== 'string') {
      return { badInput: `${id} value must be a string` }
    }
    values[id] = id === 'email' ? normaliseEmail(value as string) : value
  }
  if (specs.length < input.length) return { badInput: 'Are you sending too many formFields?' }
  const fieldErrors: Array<{ id: string; error: string }> = []
  for (const spec of specs) {
    const value = values[spec.id]
    if (value === undefined || value === '') {
      if (!spec.optional) fieldErrors.push({ id: spec.id, error: 'Field is not optional' })
      continue
    }
    const error = spec.validate(value)
    if (error !== undefined) fieldErrors.push({ id: spec.id, error })
  }
  return fieldErrors.length > 0 ? { fieldErrors } : { values }
}
