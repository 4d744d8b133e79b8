import { jsonReply } from '../http'
import type { Reply } from '../http'
import { findOneTimeToken } from '../outbox'
import { isReply, readBody } from '../pipeline'
import type { Ctx } from '../pipeline'
import type { MockUser } from '../types'
import { hashPassword, makeUser } from '../state'
import {
  normaliseEmail,
  resetPasswordSpecs,
  resetTokenSpecs,
  signInSpecs,
  signUpSpecs,
  validateFormFields,
} from '../validation'
import { checkFirstFactor } from './multitenancy'
import { fieldError } from './types'
import { hasRecipe, userJson } from './userJson'
import type { MockRecipeKit, MockRecipeModule } from './types'

const RESET_TOKEN_LIFETIME_MS = 3600 * 1000

/** node without account linking: an email of a ThirdParty or Passwordless user is free for an EmailPassword one. */
function isEpUser(user: MockUser, email: string, tenantId: string): boolean {
  return user.email === email && user.tenantIds.includes(tenantId) && hasRecipe(user, 'emailpassword')
}

/** Sign-up, sign-in, email-exists and password reset (docs/PROTOCOL.md §2.1–§2.3, §2.7). */
export const emailPasswordRecipe: MockRecipeModule = {
  id: 'emailpassword',
  routes(kit) {
    const signUp = createSignUp(kit)
    const signIn = createSignIn(kit)
    const emailExists = createEmailExists(kit)
    const { sendResetEmail, resetPassword } = createPasswordReset(kit)
    return [
      { method: 'post', path: '/signup', tenantScoped: true, run: signUp },
      { method: 'post', path: '/signin', tenantScoped: true, run: signIn },
      { method: 'get', path: '/emailpassword/email/exists', tenantScoped: true, run: emailExists },
      { method: 'get', path: '/signup/email/exists', tenantScoped: true, run: emailExists },
      { method: 'post', path: '/user/password/reset/token', tenantScoped: true, run: sendResetEmail },
      { method: 'post', path: '/user/password/reset', tenantScoped: true, run: resetPassword },
    ]
  },
}

function createSignUp(kit: MockRecipeKit) {
  const { store, tokens, options, signUpFields } = kit
  return async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const form = validateFormFields(body['formFields'], signUpSpecs(signUpFields))
    if ('badInput' in form) return jsonReply(400, { message: form.badInput })
    if ('fieldErrors' in form) return fieldError(form.fieldErrors)
    const refused = checkFirstFactor(kit, ctx, ['emailpassword'])
    if (refused !== undefined) return refused
    const email = form.values['email'] as string
    if (store.state.users.some((user) => isEpUser(user, email, ctx.tenantId))) {
      return fieldError([{ id: 'email', error: 'This email already exists. Please sign in instead.' }])
    }
    const fields: Record<string, unknown> = {}
    for (const [id, value] of Object.entries(form.values)) if (id !== 'email' && id !== 'password') fields[id] = value
    const user = makeUser(
      { email, password: form.values['password'] as string, fields, tenantIds: [ctx.tenantId] },
      options.now(),
    )
    store.state.users.push(user)
    const reply = jsonReply(200, { status: 'OK', user: userJson(user, ctx.request) })
    tokens.createSessionInReply(ctx, reply, user, 'emailpassword')
    return reply
  }
}

function createSignIn(kit: MockRecipeKit) {
  const { store, tokens } = kit
  return async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const form = validateFormFields(body['formFields'], signInSpecs)
    if ('badInput' in form) return jsonReply(400, { message: form.badInput })
    if ('fieldErrors' in form) return fieldError(form.fieldErrors)
    const refused = checkFirstFactor(kit, ctx, ['emailpassword'])
    if (refused !== undefined) return refused
    const email = form.values['email'] as string
    const user = store.state.users.find((item) => isEpUser(item, email, ctx.tenantId))
    if (user === undefined || user.passwordHash !== hashPassword(form.values['password'] as string)) {
      return jsonReply(200, { status: 'WRONG_CREDENTIALS_ERROR' })
    }
    const reply = jsonReply(200, { status: 'OK', user: userJson(user, ctx.request) })
    tokens.createSessionInReply(ctx, reply, user, 'emailpassword')
    return reply
  }
}

function createEmailExists({ store }: MockRecipeKit) {
  return (ctx: Ctx): Reply => {
    const email = ctx.url.searchParams.get('email')
    if (email === null) return jsonReply(400, { message: 'Please provide the email as a GET param' })
    const normalised = normaliseEmail(email)
    const exists = store.state.users.some((user) => isEpUser(user, normalised, ctx.tenantId))
    return jsonReply(200, { status: 'OK', exists })
  }
}

function createPasswordReset({ store, emails, options }: MockRecipeKit) {
  const evOn = options.emailVerification !== 'off'

  const sendResetEmail = async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const form = validateFormFields(body['formFields'], resetTokenSpecs)
    if ('badInput' in form) return jsonReply(400, { message: form.badInput })
    if ('fieldErrors' in form) return fieldError(form.fieldErrors)
    const email = form.values['email'] as string
    const user = store.state.users.find((item) => isEpUser(item, email, ctx.tenantId))
    // Unknown emails get the same answer: no account enumeration (docs/PROTOCOL.md §2.7).
    if (user !== undefined) emails('reset-password', user, ctx.tenantId, RESET_TOKEN_LIFETIME_MS)
    return jsonReply(200, { status: 'OK' })
  }

  const resetPassword = async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const form = validateFormFields(body['formFields'], resetPasswordSpecs)
    if ('badInput' in form) return jsonReply(400, { message: form.badInput })
    const token = body['token']
    if (token === undefined || token === null) {
      return jsonReply(400, { message: 'Please provide the password reset token' })
    }
    if (typeof token !== 'string') return jsonReply(400, { message: 'The password reset token must be a string' })
    if ('fieldErrors' in form) return fieldError(form.fieldErrors)
    const found = findOneTimeToken(store.state.passwordResetTokens, token, options.now())
    const user = found === undefined ? undefined : store.findUser(found.userId)
    if (found === undefined || found.tenantId !== ctx.tenantId || user === undefined || user.email !== found.email) {
      return jsonReply(200, { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' })
    }
    store.state.passwordResetTokens = store.state.passwordResetTokens.filter((item) => item.userId !== user.id)
    user.passwordHash = hashPassword(form.values['password'] as string)
    // Following the reset link proves ownership of the email; node marks it verified when EV is on.
    if (evOn) user.verified = true
    return jsonReply(200, { status: 'OK' })
  }

  return { sendResetEmail, resetPassword }
}
