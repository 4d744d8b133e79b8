import { expressHtml, jsonReply } from '../http'
import type { Reply } from '../http'
import { isReply, readBody } from '../pipeline'
import type { Ctx } from '../pipeline'
import { TOTP_PERIOD_S, TOTP_SKEW } from '../totpDevices'
import { requireSession, scratchReply, withSessionHeaders } from './multifactorauth'
import type { MockRecipeKit, MockRecipeModule } from './types'

/** node validates TOTP input with plain `Error`s, which express answers with its 500 page (docs/RECIPES.md §4.3). */
const inputError = () => expressHtml(500, 'Internal Server Error')

type Loaded = Exclude<ReturnType<typeof requireSession>, Reply>

/** A TOTP API: the JSON body, then the session as node loads it for these APIs (no claim checked). */
function withSession(
  kit: MockRecipeKit,
  run: (body: Record<string, unknown>, loaded: Loaded) => Reply | Promise<Reply>,
) {
  return async (ctx: Ctx): Promise<Reply> => {
    const body = ctx.request.method === 'GET' ? {} : await readBody(ctx.request)
    if (isReply(body)) return body
    const loaded = requireSession(kit, ctx)
    if (!('user' in loaded)) return loaded
    return run(body, loaded)
  }
}

/** TOTP devices and codes (docs/RECIPES.md §4.3): no tenant segment, a session without claim checks. */
export const totpRecipe: MockRecipeModule = {
  id: 'totp',
  routes(kit) {
    if (kit.options.multiFactor?.totpIssuer === undefined) return []
    return [
      { method: 'get', path: '/totp/device/list', tenantScoped: false, run: createList(kit) },
      { method: 'post', path: '/totp/device', tenantScoped: false, run: createDevice(kit) },
      { method: 'post', path: '/totp/device/verify', tenantScoped: false, run: createVerifyDevice(kit) },
      { method: 'post', path: '/totp/verify', tenantScoped: false, run: createVerify(kit) },
      { method: 'post', path: '/totp/device/remove', tenantScoped: false, run: createRemove(kit) },
    ]
  },
}

function createList(kit: MockRecipeKit) {
  return withSession(kit, (_body, loaded) => {
    const devices = kit.totp
      .list(loaded.user.id)
      .map(({ name, verified }) => ({ name, period: TOTP_PERIOD_S, skew: TOTP_SKEW, verified }))
    return jsonReply(200, { status: 'OK', devices })
  })
}

function createDevice(kit: MockRecipeKit) {
  const issuer = encodeURI(kit.options.multiFactor!.totpIssuer!)
  return withSession(kit, async (body, loaded) => {
    const { deviceName } = body
    if (deviceName !== undefined && typeof deviceName !== 'string') return inputError()
    const scratch = scratchReply()
    const refused = kit.mfa.checkSetup(scratch, loaded.verified, loaded.user, 'totp')
    if (refused !== undefined) return withSessionHeaders(refused, scratch)
    const device = kit.totp.create(loaded.user.id, deviceName)
    if (device === 'DEVICE_ALREADY_EXISTS_ERROR') {
      return withSessionHeaders(jsonReply(200, { status: device }), scratch)
    }
    const { user } = loaded
    const label = encodeURI(user.email || user.phoneNumber || user.id)
    const qrCodeString = `otpauth://totp/${issuer}:${label}?secret=${device.secret}&issuer=${issuer}&digits=6&period=${TOTP_PERIOD_S}`
    const answer = { status: 'OK', deviceName: device.name, secret: device.secret, qrCodeString }
    return withSessionHeaders(jsonReply(200, answer), scratch)
  })
}

function createVerifyDevice(kit: MockRecipeKit) {
  return withSession(kit, async (body, loaded) => {
    const { deviceName, totp } = body
    if (typeof deviceName !== 'string' || deviceName === '' || typeof totp !== 'string') return inputError()
    const scratch = scratchReply()
    const refused = kit.mfa.checkSetup(scratch, loaded.verified, loaded.user, 'totp')
    if (refused !== undefined) return withSessionHeaders(refused, scratch)
    const result = await kit.totp.verifyDevice(loaded.user.id, deviceName, totp)
    if (result.status === 'OK') kit.mfa.completeFactor(scratch, loaded.verified, loaded.user, 'totp')
    return withSessionHeaders(jsonReply(200, result), scratch)
  })
}

function createVerify(kit: MockRecipeKit) {
  return withSession(kit, async (body, loaded) => {
    const { totp } = body
    if (typeof totp !== 'string') return inputError()
    const result = await kit.totp.verifyCode(loaded.user.id, totp)
    const scratch = scratchReply()
    if (result.status !== 'OK') return jsonReply(200, result)
    kit.mfa.completeFactor(scratch, loaded.verified, loaded.user, 'totp')
    return withSessionHeaders(jsonReply(200, { status: 'OK' }), scratch)
  })
}

function createRemove(kit: MockRecipeKit) {
  return withSession(kit, async (body, loaded) => {
    const { deviceName } = body
    if (typeof deviceName !== 'string' || deviceName === '') return inputError()
    const device = kit.totp.list(loaded.user.id).find((item) => item.name === deviceName)
    const scratch = scratchReply()
    // Removing a verified device weakens the account: node asserts full MFA first (node 21.1.0).
    if (device?.verified) {
      const refused = kit.mfa.checkComplete(scratch, loaded.verified, loaded.user)
      if (refused !== undefined) return withSessionHeaders(refused, scratch)
    }
    const didDeviceExist = kit.totp.remove(loaded.user.id, deviceName)
    return withSessionHeaders(jsonReply(200, { status: 'OK', didDeviceExist }), scratch)
  })
}
