/**
 * In-page stand-ins for the client's `multiFactor` and `totp` members and the screens' plugin keys, for the
 * second-factor stories until `multiFactor()` / `totp()` are in src/plugins.ts (issue 17); then the stories pass those
 * plugins and turn on the mock backend's `multiFactor` option instead. The session and the email codes are the mock's.
 * The answers follow docs/RECIPES.md §4.2–§4.3: TOTP accepts 123456; five wrong codes lock the user out.
 */
import type { FactorId, MfaInfo, TotpApi } from '../../src/recipes/factorTypes'
import { mfaUi } from '../../src/flows/mfa'
import { totpUi } from '../../src/flows/mfaSettings'
import { MFA_UI, TOTP_UI } from '../../src/flows/recipeUi'

export interface MfaStandIn {
  /** The next set of factors (`[]`: MFA complete). */
  next: FactorId[]
  /** Factors the user has: add `totp` for the verification screen. Defaults to `['emailpassword']`. */
  alreadySetup?: FactorId[]
  /** Every TOTP code answers LIMIT_REACHED_ERROR (15 minutes). */
  isLocked?: boolean
}

const MAX_FAILURES = 5

export function mfaStandIn(options: MfaStandIn, email: string) {
  const alreadySetup = options.alreadySetup ?? ['emailpassword']
  let failures = options.isLocked ? MAX_FAILURES : 0
  let devices = alreadySetup.includes('totp') ? [{ name: 'Phone', period: 30, skew: 1, verified: true }] : []
  const check = async (totp: string) => {
    if (failures >= MAX_FAILURES) return { status: 'LIMIT_REACHED_ERROR', retryAfterMs: 900_000 } as const
    if (totp === '123456') {
      failures = 0
      return { status: 'OK' } as const
    }
    failures += 1
    return {
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: failures,
      maxNumberOfFailedAttempts: MAX_FAILURES,
    } as const
  }
  const info: MfaInfo = {
    status: 'OK',
    factors: { next: options.next, alreadySetup, allowedToSetup: ['totp', 'otp-email'] },
    emails: { 'otp-email': [email] },
    phoneNumbers: {},
  }
  const totp: TotpApi = {
    createDevice: async () => {
      const deviceName = `TOTP Device ${devices.filter((device) => device.verified).length}`
      devices = [
        ...devices.filter((device) => device.verified),
        { name: deviceName, period: 30, skew: 1, verified: false },
      ]
      const secret = 'JBSWY3DPEHPK3PXP'
      return {
        status: 'OK',
        deviceName,
        secret,
        qrCodeString: `otpauth://totp/authfront:${email}?secret=${secret}&issuer=authfront&digits=6&period=30`,
      }
    },
    verifyDevice: async ({ deviceName, totp: code }) => {
      const result = await check(code)
      if (result.status !== 'OK') return result
      devices = devices.map((device) => (device.name === deviceName ? { ...device, verified: true } : device))
      return { status: 'OK', wasAlreadyVerified: false }
    },
    verifyCode: async ({ totp: code }) => check(code),
    listDevices: async () => ({ status: 'OK', devices }),
    removeDevice: async ({ deviceName }) => {
      const didDeviceExist = devices.some((device) => device.name === deviceName)
      devices = devices.filter((device) => device.name !== deviceName)
      return { status: 'OK', didDeviceExist }
    },
  }
  return {
    multiFactor: {
      factors: ['totp', 'otp-email'],
      getInfo: async () => info,
      getClaim: async () => undefined,
      nextPath: () => undefined,
    },
    totp,
    [MFA_UI]: mfaUi,
    [TOTP_UI]: totpUi,
  }
}
