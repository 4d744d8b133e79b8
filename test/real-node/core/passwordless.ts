/**
 * The core's Passwordless calls (`/<tenantId>/recipe/signinup/code…`). A device is one sign-in attempt for an email or
 * a phone number; each (re)send adds a code to it, with a 6-digit user input code and a link code. As in the core
 * (defaults `passwordless_code_lifetime` 15 minutes, `passwordless_max_code_input_attempts` 5): a wrong or expired
 * code counts against the device, and the attempt that reaches the maximum deletes the device (`RESTART_FLOW_ERROR`);
 * a link code that is unknown or expired is `RESTART_FLOW_ERROR`; a successful consume creates or finds the user,
 * marks an email verified, and deletes every device of that email or phone number in the tenant.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'
import type { Json, Reply, Routes } from './types'
import type { Users } from './users'

export const CODE_LIFETIME_MS = 15 * 60_000
export const MAX_CODE_INPUT_ATTEMPTS = 5

interface Code {
  codeId: string
  userInputCode: string
  linkCode: string
  timeCreated: number
}

interface Device {
  tenantId: string
  deviceId: string
  preAuthSessionId: string
  email?: string
  phoneNumber?: string
  failedCodeInputAttemptCount: number
  codes: Code[]
}

export function passwordlessRoutes(users: Users): Routes {
  const devices = new Map<string, Device>()
  const inTenant = (tenantId: string) => [...devices.values()].filter((device) => device.tenantId === tenantId)

  const deviceJson = (device: Device) => ({
    preAuthSessionId: device.preAuthSessionId,
    failedCodeInputAttemptCount: device.failedCodeInputAttemptCount,
    ...(device.email === undefined ? {} : { email: device.email }),
    ...(device.phoneNumber === undefined ? {} : { phoneNumber: device.phoneNumber }),
    codes: device.codes.map(({ codeId, timeCreated }) => ({ codeId, timeCreated, codeLifetime: CODE_LIFETIME_MS })),
  })

  function addCode(device: Device, userInputCode = String(randomInt(1_000_000)).padStart(6, '0')): Reply {
    if (device.codes.some((code) => code.userInputCode === userInputCode)) {
      return { body: { status: 'USER_INPUT_CODE_ALREADY_USED_ERROR' } }
    }
    const code = {
      codeId: randomUUID(),
      userInputCode,
      linkCode: randomBytes(32).toString('base64url'),
      timeCreated: Date.now(),
    }
    device.codes.push(code)
    return {
      body: {
        status: 'OK',
        preAuthSessionId: device.preAuthSessionId,
        codeId: code.codeId,
        deviceId: device.deviceId,
        userInputCode: code.userInputCode,
        linkCode: code.linkCode,
        timeCreated: code.timeCreated,
        codeLifetime: CODE_LIFETIME_MS,
      },
    }
  }

  /** Checks the code in `body` against its device: the device when it is right, or the core's error answer. */
  function check(tenantId: string, body: Json): { device: Device } | { reply: Reply } {
    const device = inTenant(tenantId).find((d) => d.preAuthSessionId === body.preAuthSessionId)
    const restart = { reply: { body: { status: 'RESTART_FLOW_ERROR' } } }
    if (!device) return restart
    const fresh = (code: Code) => code.timeCreated + CODE_LIFETIME_MS > Date.now()
    if (typeof body.linkCode === 'string') {
      const code = device.codes.find((c) => c.linkCode === body.linkCode)
      return code && fresh(code) ? { device } : restart
    }
    if (body.deviceId !== device.deviceId) return restart
    const code = device.codes.find((c) => c.userInputCode === body.userInputCode)
    if (code && fresh(code)) return { device }
    device.failedCodeInputAttemptCount += 1
    if (device.failedCodeInputAttemptCount >= MAX_CODE_INPUT_ATTEMPTS) {
      devices.delete(device.deviceId)
      return restart
    }
    return {
      reply: {
        body: {
          status: code ? 'EXPIRED_USER_INPUT_CODE_ERROR' : 'INCORRECT_USER_INPUT_CODE_ERROR',
          failedCodeInputAttemptCount: device.failedCodeInputAttemptCount,
          maximumCodeInputAttempts: MAX_CODE_INPUT_ATTEMPTS,
        },
      },
    }
  }

  const consumedDevice = ({ codes: _codes, tenantId: _tenantId, deviceId: _deviceId, ...device }: Device) => device

  return {
    'POST /recipe/signinup/code': ({ tenantId, body }) => {
      const input = typeof body.userInputCode === 'string' ? body.userInputCode : undefined
      if (typeof body.deviceId === 'string') {
        const device = devices.get(body.deviceId)
        return device?.tenantId === tenantId ? addCode(device, input) : { body: { status: 'RESTART_FLOW_ERROR' } }
      }
      const deviceId = randomBytes(32).toString('base64')
      const device: Device = {
        tenantId,
        deviceId,
        preAuthSessionId: createHash('sha256').update(deviceId).digest('base64url'),
        ...(typeof body.email === 'string' ? { email: body.email } : { phoneNumber: String(body.phoneNumber) }),
        failedCodeInputAttemptCount: 0,
        codes: [],
      }
      devices.set(deviceId, device)
      return addCode(device, input)
    },
    'GET /recipe/signinup/codes': ({ tenantId, query }) => {
      const found = inTenant(tenantId).filter((device) =>
        query.has('deviceId')
          ? device.deviceId === query.get('deviceId')
          : query.has('preAuthSessionId')
            ? device.preAuthSessionId === query.get('preAuthSessionId')
            : query.has('email')
              ? device.email === query.get('email')
              : device.phoneNumber === query.get('phoneNumber'),
      )
      return { body: { status: 'OK', devices: found.map(deviceJson) } }
    },
    'POST /recipe/signinup/code/check': ({ tenantId, body }) => {
      const checked = check(tenantId, body)
      return 'reply' in checked
        ? checked.reply
        : { body: { status: 'OK', consumedDevice: consumedDevice(checked.device) } }
    },
    'POST /recipe/signinup/code/consume': ({ tenantId, body }) => {
      const checked = check(tenantId, body)
      if ('reply' in checked) return checked.reply
      const { device } = checked
      const info = device.email === undefined ? { phoneNumber: device.phoneNumber } : { email: device.email }
      for (const other of inTenant(tenantId)) {
        if (other.email === device.email && other.phoneNumber === device.phoneNumber) devices.delete(other.deviceId)
      }
      const found = users.find(tenantId, 'passwordless', info)
      const user = found?.user ?? users.add(tenantId, 'passwordless', info)
      const recipeUserId = user.loginMethods[0]!.recipeUserId
      if (device.email !== undefined) users.markVerified(recipeUserId, device.email)
      return {
        body: {
          status: 'OK',
          createdNewUser: !found,
          user: users.json(user),
          recipeUserId,
          consumedDevice: consumedDevice(device),
        },
      }
    },
    'POST /recipe/signinup/codes/remove': ({ tenantId, body }) => {
      for (const device of inTenant(tenantId)) {
        if (device.email === body.email && device.phoneNumber === body.phoneNumber) devices.delete(device.deviceId)
      }
      return { body: { status: 'OK' } }
    },
    'POST /recipe/signinup/code/remove': ({ tenantId, body }) => {
      for (const device of inTenant(tenantId)) {
        device.codes = device.codes.filter((code) => code.codeId !== body.codeId)
        if (device.codes.length === 0) devices.delete(device.deviceId)
      }
      return { body: { status: 'OK' } }
    },
  }
}
