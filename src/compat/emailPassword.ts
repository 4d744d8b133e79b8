/**
 * The official email-password recipe (`supertokens-web-js/recipe/emailpassword`) on authfront's `emailPassword`
 * calls: `formFields` arrays in, the official result shapes out (`FIELD_ERROR` with `formFields`, a
 * `GENERAL_ERROR` thrown as a general error). The tenant is the page URL's `tenantId`, as the official SDK reads it.
 */
import { authError, isAuthError } from '../client/errors'
import type { AuthError } from '../client/errors'
import type { FieldErrors, User } from '../client/types'
import { Session } from './session'
import { compatClient } from './superTokens'
import type { CompatRecipe, EmailPasswordConfig, UserContext } from './superTokens'

/** One form field, as the official calls take them: `{ id: 'email', value: 'ada@example.com' }`. */
export interface FormField {
  id: string
  value: string
}

/** `FIELD_ERROR` in the official shape. */
export interface FormFieldErrorResult {
  status: 'FIELD_ERROR'
  formFields: { id: string; error: string }[]
}

/** An `AuthError` for a `GENERAL_ERROR` answer, marked as the official `STGeneralError` is. */
export type GeneralAuthError = AuthError & { readonly isSuperTokensGeneralError: true }

/** The official `STGeneralError.isThisError`: true for the error a `GENERAL_ERROR` answer throws. */
export const STGeneralError = {
  isThisError: (error: unknown): error is GeneralAuthError =>
    isAuthError(error) && (error as Partial<GeneralAuthError>).isSuperTokensGeneralError === true,
}

interface Call {
  formFields: FormField[]
  /** Only `false` (authfront's behaviour) is accepted; `true` is refused. */
  shouldTryLinkingWithSessionUser?: boolean
  /** Refused when it sets hooks. */
  options?: { preAPIHook?: never; postAPIHook?: never }
  userContext?: UserContext
}

const fieldValue = (formFields: FormField[], id: string) => formFields.find((field) => field.id === id)?.value ?? ''

const queryParam = (name: string) => new URLSearchParams(globalThis.location?.search).get(name)?.trim() || undefined

const tenant = () => ({ tenantId: queryParam('tenantId') })

/** Refuses what authfront cannot do rather than doing something else. */
const check = ({ shouldTryLinkingWithSessionUser, options }: Omit<Call, 'formFields'>) => {
  const refused =
    shouldTryLinkingWithSessionUser === true
      ? 'shouldTryLinkingWithSessionUser: true'
      : options?.preAPIHook || options?.postAPIHook
        ? 'options hooks'
        : undefined
  if (refused) throw authError('config', `authfront/compat: ${refused} is not supported. See docs/MIGRATING.md.`)
}

/** Official shapes: `fieldErrors` → `formFields`; `GENERAL_ERROR` → thrown. */
function official<T extends { status: string }>(
  result: T | { status: 'FIELD_ERROR'; fieldErrors: FieldErrors } | { status: 'GENERAL_ERROR'; message: string },
): Exclude<T, { status: 'FIELD_ERROR' | 'GENERAL_ERROR' }> | FormFieldErrorResult {
  if ('fieldErrors' in result) {
    const formFields = Object.entries(result.fieldErrors).map(([id, error]) => ({ id, error }))
    return { status: 'FIELD_ERROR', formFields }
  }
  if (result.status === 'GENERAL_ERROR') {
    const error = authError('server', (result as { message: string }).message)
    throw Object.assign(error, { isSuperTokensGeneralError: true as const })
  }
  return result as Exclude<T, { status: 'FIELD_ERROR' | 'GENERAL_ERROR' }>
}

/** The official email-password recipe's functions, with their names, arguments and result shapes. */
export const EmailPassword = {
  /** For `recipeList`. Hooks and overrides are refused at init. */
  init: (config: EmailPasswordConfig = {}): CompatRecipe => ({ recipeId: 'emailpassword', config }),
  /** `{ status: 'OK', user }`, `FIELD_ERROR`, `SIGN_UP_NOT_ALLOWED`; fields beyond email and password are sent too. */
  async signUp({ formFields, ...rest }: Call) {
    check(rest)
    const fields = Object.fromEntries(
      formFields.filter(({ id }) => id !== 'email' && id !== 'password').map(({ id, value }) => [id, value]),
    )
    const email = fieldValue(formFields, 'email')
    const password = fieldValue(formFields, 'password')
    return official(await compatClient().emailPassword.signUp({ email, password, fields, ...tenant() }))
  },
  /** `{ status: 'OK', user }`, `FIELD_ERROR`, `WRONG_CREDENTIALS_ERROR`, `SIGN_IN_NOT_ALLOWED`. */
  async signIn({ formFields, ...rest }: Call) {
    check(rest)
    const email = fieldValue(formFields, 'email')
    const password = fieldValue(formFields, 'password')
    return official(await compatClient().emailPassword.signIn({ email, password, ...tenant() }))
  },
  /** `{ status: 'OK', doesExist }`. */
  async doesEmailExist(input: { email: string; userContext?: UserContext }) {
    return { status: 'OK' as const, doesExist: await compatClient().emailPassword.emailExists(input.email, tenant()) }
  },
  /** `{ status: 'OK' }`, `FIELD_ERROR`, `PASSWORD_RESET_NOT_ALLOWED`. */
  async sendPasswordResetEmail({ formFields, ...rest }: Call) {
    check(rest)
    const email = fieldValue(formFields, 'email')
    return official(await compatClient().emailPassword.sendPasswordResetEmail(email, tenant()))
  },
  /** Resets with the URL's `token` (and `tenantId`): `{ status: 'OK' }`, `FIELD_ERROR`, `RESET_PASSWORD_INVALID_TOKEN_ERROR`. */
  async submitNewPassword({ formFields, ...rest }: Call) {
    check(rest)
    const password = fieldValue(formFields, 'password')
    const token = EmailPassword.getResetPasswordTokenFromURL()
    return official(await compatClient().emailPassword.resetPassword({ token, password, ...tenant() }))
  },
  /** The page URL's `token` query parameter, or `''`. */
  getResetPasswordTokenFromURL: (_input?: { userContext?: UserContext }): string => queryParam('token') ?? '',
  /** The page URL's `tenantId` query parameter, or undefined. */
  getTenantIdFromURL: (_input?: { userContext?: UserContext }): string | undefined => queryParam('tenantId'),
  /** `Session.signOut()`. */
  signOut: Session.signOut,
}

export type { User }
