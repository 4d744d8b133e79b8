import { randomUuid } from '../crypto'
import { expressHtml, jsonReply } from '../http'
import type { Reply } from '../http'
import { isReply, readBody } from '../pipeline'
import type { Ctx } from '../pipeline'
import { MAX_ATTEMPTS } from '../passwordlessDevices'
import type { FlowType } from '../passwordlessDevices'
import type { PasswordlessDevice } from '../state'
import type { VerifiedAccess } from '../tokenService'
import type { MockLinkedLoginMethod, MockUser } from '../types'
import { defaultEmailValidator, normaliseEmail } from '../validation'
import { requireSession, scratchReply, withSessionHeaders } from './multifactorauth'
import { checkFirstFactor, enabledFactors, tenantFactors } from './multitenancy'
import type { MockRecipeKit, MockRecipeModule } from './types'
import { loginMethodsOf, userJson } from './userJson'

const restart = () => jsonReply(200, { status: 'RESTART_FLOW_ERROR' })
const badInput = (message: string) => jsonReply(400, { message })
/** node's reason when the contact belongs to another primary user (docs/RECIPES.md §4.4). */
const LINK_CONFLICT = 'Cannot sign in / up due to security reasons. Please contact support. (ERR_CODE_018)'

type Contact = { email: string } | { phoneNumber: string }
type SessionUser = { verified: VerifiedAccess; user: MockUser }

/**
 * `shouldTryLinkingWithSessionUser: true` with MultiFactorAuth on: the code is a second factor for the session
 * user (docs/RECIPES.md §4.4). Without MultiFactorAuth the mock keeps ignoring the flag (its README says so).
 */
function linksToSession(kit: MockRecipeKit, body: Record<string, unknown>): boolean {
  return kit.mfa.enabled && body['shouldTryLinkingWithSessionUser'] === true
}

function sameContact(method: { email?: string; phoneNumber?: string }, contact: Contact): boolean {
  return 'email' in contact ? method.email === contact.email : method.phoneNumber === contact.phoneNumber
}

/** The user (and the login method) that already signs in with this passwordless contact in the tenant. */
function passwordlessOwner(kit: MockRecipeKit, contact: Contact, tenantId: string) {
  for (const user of kit.store.state.users) {
    const method = loginMethodsOf(user).find(
      (item) => item.recipeId === 'passwordless' && item.tenantIds.includes(tenantId) && sameContact(item, contact),
    )
    if (method !== undefined) return { user, method }
  }
  return undefined
}

/**
 * node's checks before a second-factor code is sent or consumed: the contact must not belong to another primary
 * user, and a new login method (a sign-up) must pass the setup rule. A reply when refused.
 */
function checkSecondFactor(kit: MockRecipeKit, loaded: SessionUser, contact: Contact, scratch: Reply) {
  const owner = passwordlessOwner(kit, contact, loaded.verified.session.tenantId)
  if (owner !== undefined && owner.user.id !== loaded.user.id && (owner.user.linkedLoginMethods ?? []).length > 0) {
    return jsonReply(200, { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: LINK_CONFLICT })
  }
  if (owner !== undefined) return undefined
  const factor = 'email' in contact ? 'otp-email' : 'otp-phone'
  return kit.mfa.checkSetup(scratch, loaded.verified, loaded.user, factor)
}

/** A light E.164 check (node uses libphonenumber): `+` then 8 to 15 digits, once spaces, dashes and brackets go. */
export function normalisePhone(input: string): string | undefined {
  const compact = input.replace(/[\s\-()]/g, '')
  return /^\+\d{8,15}$/.test(compact) ? compact : undefined
}

/** Email / SMS one-time codes and magic links (docs/PROTOCOL.md §3.1, §3.2). */
export const passwordlessRecipe: MockRecipeModule = {
  id: 'passwordless',
  routes(kit) {
    if (kit.options.passwordless === undefined) return []
    const emailExists = createExists(kit, 'email')
    const phoneExists = createExists(kit, 'phoneNumber')
    return [
      { method: 'post', path: '/signinup/code', tenantScoped: true, run: createCreateCode(kit) },
      { method: 'post', path: '/signinup/code/resend', tenantScoped: true, run: createResend(kit) },
      { method: 'post', path: '/signinup/code/consume', tenantScoped: true, run: createConsume(kit) },
      { method: 'get', path: '/passwordless/email/exists', tenantScoped: true, run: emailExists },
      { method: 'get', path: '/passwordless/phonenumber/exists', tenantScoped: true, run: phoneExists },
      // EmailPassword owns this deprecated path too: only `rid` tells them apart (docs/PROTOCOL.md §3.1).
      { method: 'get', path: '/signup/email/exists', tenantScoped: true, rid: 'passwordless', run: emailExists },
      { method: 'get', path: '/signup/phonenumber/exists', tenantScoped: true, run: phoneExists },
    ]
  },
}

/** The flow type node computes per call from the factors valid for this channel and tenant (§3.2). */
function flowTypeFor(factors: string[]): FlowType | undefined {
  const otp = factors.some((factor) => factor.startsWith('otp-'))
  const link = factors.some((factor) => factor.startsWith('link-'))
  if (otp && link) return 'USER_INPUT_CODE_AND_MAGIC_LINK'
  if (otp) return 'USER_INPUT_CODE'
  return link ? 'MAGIC_LINK' : undefined
}

function createCreateCode(kit: MockRecipeKit) {
  const { contactMethod } = kit.options.passwordless!
  return async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const { email, phoneNumber } = body
    if ((email === undefined) === (phoneNumber === undefined)) {
      return badInput('Please provide exactly one of email or phoneNumber')
    }
    if (email !== undefined && contactMethod === 'PHONE') {
      return badInput('Please provide a phoneNumber since you have set the contactMethod to "PHONE"')
    }
    if (phoneNumber !== undefined && contactMethod === 'EMAIL') {
      return badInput('Please provide an email since you have set the contactMethod to "EMAIL"')
    }
    let contact: Contact
    if (email !== undefined) {
      const trimmed = typeof email === 'string' ? email.trim() : email
      if (defaultEmailValidator(trimmed) !== undefined) {
        return jsonReply(200, { status: 'GENERAL_ERROR', message: 'Email is invalid' })
      }
      contact = { email: normaliseEmail(trimmed as string) }
    } else {
      const phone = typeof phoneNumber === 'string' ? normalisePhone(phoneNumber) : undefined
      if (phone === undefined) return jsonReply(200, { status: 'GENERAL_ERROR', message: 'Phone number is invalid' })
      contact = { phoneNumber: phone }
    }
    const channel = 'email' in contact ? 'email' : 'phone'
    if (linksToSession(kit, body)) return createSecondFactorCode(kit, ctx, contact, `otp-${channel}`)
    const channelFactors = [`otp-${channel}`, `link-${channel}`]
    const refused = checkFirstFactor(kit, ctx, channelFactors)
    if (refused !== undefined) return refused
    const allowed = tenantFactors(kit.options, ctx.tenantId).filter((factor) => channelFactors.includes(factor))
    const device = kit.devices.create(contact, ctx.tenantId, flowTypeFor(allowed)!)
    kit.devices.send(device)
    const { deviceId, preAuthSessionId, flowType } = device
    return jsonReply(200, { status: 'OK', deviceId, preAuthSessionId, flowType })
  }
}

/** A second factor's code: the session's tenant, and only the OTP (no link in the message). */
function createSecondFactorCode(kit: MockRecipeKit, ctx: Ctx, contact: Contact, factor: string): Reply {
  const loaded = requireSession(kit, ctx)
  if (!('user' in loaded)) return loaded
  // A backend with links only has no OTP factor to complete: node throws, express answers 500.
  if (!enabledFactors(kit.options).includes(factor)) return expressHtml(500, 'Internal Server Error')
  const scratch = scratchReply()
  const refused = checkSecondFactor(kit, loaded, contact, scratch)
  if (refused !== undefined) return withSessionHeaders(refused, scratch)
  const device = kit.devices.create(contact, loaded.verified.session.tenantId, 'USER_INPUT_CODE')
  kit.devices.send(device)
  const { deviceId, preAuthSessionId, flowType } = device
  return withSessionHeaders(jsonReply(200, { status: 'OK', deviceId, preAuthSessionId, flowType }), scratch)
}

/** Whether the device's channel is still one the backend accepts. */
function channelEnabled(kit: MockRecipeKit, device: PasswordlessDevice): boolean {
  const { contactMethod } = kit.options.passwordless!
  return device.email !== undefined ? contactMethod !== 'PHONE' : contactMethod !== 'EMAIL'
}

function createResend(kit: MockRecipeKit) {
  return async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const { deviceId, preAuthSessionId } = body
    if (typeof preAuthSessionId !== 'string') return badInput('Please provide preAuthSessionId')
    if (typeof deviceId !== 'string') return badInput('Please provide a deviceId')
    if (linksToSession(kit, body)) {
      const loaded = requireSession(kit, ctx)
      if (!('user' in loaded)) return loaded
    }
    // Resend uses the path tenant, even with a session (docs/PROTOCOL.md §3.1).
    const device = kit.devices.find(deviceId, preAuthSessionId, ctx.tenantId)
    if (device === undefined || !channelEnabled(kit, device)) return restart()
    kit.devices.send(device)
    return jsonReply(200, { status: 'OK' })
  }
}

function createConsume(kit: MockRecipeKit) {
  return async (ctx: Ctx): Promise<Reply> => {
    const body = await readBody(ctx.request)
    if (isReply(body)) return body
    const { preAuthSessionId, linkCode, deviceId, userInputCode } = body
    if (typeof preAuthSessionId !== 'string') return badInput('Please provide preAuthSessionId')
    const hasOtpPart = deviceId !== undefined || userInputCode !== undefined
    if ((linkCode !== undefined) === hasOtpPart) {
      return badInput('Please provide one of (linkCode) or (deviceId+userInputCode) and not both')
    }
    if (hasOtpPart && (typeof deviceId !== 'string' || typeof userInputCode !== 'string')) {
      return badInput('Please provide both deviceId and userInputCode')
    }
    if (linkCode !== undefined && typeof linkCode !== 'string') return badInput('Please provide linkCode')
    const method = typeof linkCode === 'string' ? 'link' : 'otp'
    let session: SessionUser | undefined
    const scratch = scratchReply()
    if (linksToSession(kit, body)) {
      const loaded = requireSession(kit, ctx)
      if (!('user' in loaded)) return loaded
      session = loaded
      const pending = (kit.store.state.passwordlessDevices ?? []).find(
        (item) => item.preAuthSessionId === preAuthSessionId && item.tenantId === loaded.verified.session.tenantId,
      )
      const contact = pending === undefined ? undefined : contactOf(pending)
      const refused = contact === undefined ? undefined : checkSecondFactor(kit, loaded, contact, scratch)
      if (refused !== undefined) return withSessionHeaders(refused, scratch)
    } else {
      const refused = checkFirstFactor(kit, ctx, [`${method}-email`, `${method}-phone`])
      if (refused !== undefined) return refused
    }
    // A second factor uses the session's tenant (docs/RECIPES.md §1.1).
    const tenantId = session?.verified.session.tenantId ?? ctx.tenantId
    const result =
      typeof linkCode === 'string'
        ? kit.devices.consumeLink(preAuthSessionId, linkCode, tenantId)
        : kit.devices.consumeOtp(preAuthSessionId, deviceId as string, userInputCode as string, tenantId)
    if (result.status === 'MALFORMED') return expressHtml(500, 'Internal Server Error')
    if (result.status === 'RESTART_FLOW_ERROR') return restart()
    if (result.status !== 'OK') {
      return jsonReply(200, {
        status: result.status,
        failedCodeInputAttemptCount: result.failed,
        maximumCodeInputAttempts: MAX_ATTEMPTS,
      })
    }
    const factor = `${method}-${result.device.email !== undefined ? 'email' : 'phone'}`
    if (session !== undefined) {
      const created = linkToSessionUser(kit, session.user, result.device)
      kit.mfa.completeFactor(scratch, session.verified, session.user, factor)
      const body = { status: 'OK', createdNewRecipeUser: created, user: userJson(session.user, ctx.request) }
      return withSessionHeaders(jsonReply(200, body), scratch)
    }
    const { user, created } = signInOrUp(kit, result.device)
    const reply = jsonReply(200, { status: 'OK', createdNewRecipeUser: created, user: userJson(user, ctx.request) })
    kit.tokens.createSessionInReply(ctx, reply, user, factor)
    return reply
  }
}

function contactOf(device: PasswordlessDevice): Contact | undefined {
  if (device.email !== undefined) return { email: device.email }
  return device.phoneNumber === undefined ? undefined : { phoneNumber: device.phoneNumber }
}

/**
 * Links the code's contact to the session user as a passwordless login method (the user becomes primary); a
 * passwordless user of its own with that contact is linked in. Whether a new recipe user was created.
 */
function linkToSessionUser(kit: MockRecipeKit, user: MockUser, device: PasswordlessDevice): boolean {
  const contact = contactOf(device)!
  const owner = passwordlessOwner(kit, contact, device.tenantId)
  // Receiving the code proves the contact; node marks the session user's own email verified too.
  if ('email' in contact && user.email === contact.email) user.verified = true
  if (owner?.user.id === user.id) return false
  const method: MockLinkedLoginMethod = {
    recipeId: 'passwordless',
    recipeUserId: owner?.user.id ?? randomUuid(),
    ...contact,
    tenantIds: [device.tenantId],
    timeJoined: owner?.user.timeJoined ?? kit.options.now(),
    verified: true,
  }
  if (owner !== undefined) kit.store.state.users = kit.store.state.users.filter((item) => item !== owner.user)
  user.linkedLoginMethods = [...(user.linkedLoginMethods ?? []), method]
  return owner === undefined
}

function signInOrUp(kit: MockRecipeKit, device: PasswordlessDevice) {
  const { store, options } = kit
  const { email, phoneNumber, tenantId } = device
  // The primary user signs in, also when the contact is one of its linked login methods.
  const existing = passwordlessOwner(kit, contactOf(device)!, tenantId)?.user
  if (existing !== undefined) return { user: existing, created: false }
  const user: MockUser = {
    id: randomUuid(),
    email: email ?? '',
    passwordHash: '',
    recipeId: 'passwordless',
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
    timeJoined: options.now(),
    // Receiving the code proves the email (or phone) is the user's.
    verified: true,
    tenantIds: [tenantId],
    fields: {},
  }
  store.state.users.push(user)
  return { user, created: true }
}

function createExists({ store }: MockRecipeKit, param: 'email' | 'phoneNumber') {
  return (ctx: Ctx): Reply => {
    const value = ctx.url.searchParams.get(param)
    if (value === null) return badInput(`Please provide the ${param} as a GET param`)
    const users = store.state.users.filter((user) => user.tenantIds.includes(ctx.tenantId))
    if (param === 'email') {
      const email = normaliseEmail(value)
      // Only a passwordless login method counts (docs/PROTOCOL.md §3.1).
      return jsonReply(200, {
        status: 'OK',
        exists: users.some((user) =>
          loginMethodsOf(user).some((method) => method.recipeId === 'passwordless' && method.email === email),
        ),
      })
    }
    const phone = normalisePhone(value) ?? value
    return jsonReply(200, { status: 'OK', exists: users.some((user) => user.phoneNumber === phone) })
  }
}
