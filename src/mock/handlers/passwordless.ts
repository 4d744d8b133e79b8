import { randomUuid } from '../crypto'
import { expressHtml, jsonReply } from '../http'
import type { Reply } from '../http'
import { isReply, readBody } from '../pipeline'
import type { Ctx } from '../pipeline'
import { MAX_ATTEMPTS } from '../passwordlessDevices'
import type { FlowType } from '../passwordlessDevices'
import type { PasswordlessDevice } from '../state'
import type { MockUser } from '../types'
import { defaultEmailValidator, normaliseEmail } from '../validation'
import { checkFirstFactor, tenantFactors } from './multitenancy'
import type { MockRecipeKit, MockRecipeModule } from './types'
import { hasRecipe, userJson } from './userJson'

const restart = () => jsonReply(200, { status: 'RESTART_FLOW_ERROR' })
const badInput = (message: string) => jsonReply(400, { message })

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
    let contact: { email: string } | { phoneNumber: string }
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
    const refused = checkFirstFactor(kit, ctx, [`${method}-email`, `${method}-phone`])
    if (refused !== undefined) return refused
    const result =
      typeof linkCode === 'string'
        ? kit.devices.consumeLink(preAuthSessionId, linkCode, ctx.tenantId)
        : kit.devices.consumeOtp(preAuthSessionId, deviceId as string, userInputCode as string, ctx.tenantId)
    if (result.status === 'MALFORMED') return expressHtml(500, 'Internal Server Error')
    if (result.status === 'RESTART_FLOW_ERROR') return restart()
    if (result.status !== 'OK') {
      return jsonReply(200, {
        status: result.status,
        failedCodeInputAttemptCount: result.failed,
        maximumCodeInputAttempts: MAX_ATTEMPTS,
      })
    }
    const { user, created } = signInOrUp(kit, result.device)
    const reply = jsonReply(200, { status: 'OK', createdNewRecipeUser: created, user: userJson(user, ctx.request) })
    kit.tokens.createSessionInReply(ctx, reply, user)
    return reply
  }
}

function signInOrUp({ store, options }: MockRecipeKit, device: PasswordlessDevice) {
  const { email, phoneNumber, tenantId } = device
  const existing = store.state.users.find(
    (user) =>
      hasRecipe(user, 'passwordless') &&
      user.tenantIds.includes(tenantId) &&
      (email !== undefined ? user.email === email : user.phoneNumber === phoneNumber),
  )
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
        exists: users.some((user) => hasRecipe(user, 'passwordless') && user.email === email),
      })
    }
    const phone = normalisePhone(value) ?? value
    return jsonReply(200, { status: 'OK', exists: users.some((user) => user.phoneNumber === phone) })
  }
}
