import { authError } from '../client/errors'
import { TOTP_RID } from '../client/wire'
import type { TotpApi, TotpDevice } from './factorTypes'
import type { RecipePlugin } from './types'

const WRONG_CODE =
  'INVALID_TOTP_ERROR:currentNumberOfFailedAttempts=number,maxNumberOfFailedAttempts=number ' +
  'LIMIT_REACHED_ERROR:retryAfterMs=number'

const isDevice = (device: TotpDevice | null) =>
  typeof device?.name === 'string' &&
  typeof device.period === 'number' &&
  typeof device.skew === 'number' &&
  typeof device.verified === 'boolean'

/**
 * The TOTP recipe (docs/RECIPES.md §4.3): `auth.totp`, authenticator-app devices and codes for the signed-in user.
 * Every call needs a session; none has a tenant segment (the backend uses the session's tenant).
 *
 * @example
 * const auth = createAuthClient({ apiDomain, recipes: [multiFactor(), totp()] })
 * const device = await auth.totp.createDevice()
 * if (device.status === 'OK') showQrCode(device.qrCodeString)
 * await auth.totp.verifyDevice({ deviceName: device.deviceName, totp: '123456' })
 */
export function totp(): RecipePlugin<{ totp: TotpApi }> {
  return ({ request }) => {
    const send = request(TOTP_RID)
    const api: TotpApi = {
      createDevice: ({ deviceName } = {}) =>
        send(
          '/totp/device',
          'OK:deviceName=string,secret=string,qrCodeString=string DEVICE_ALREADY_EXISTS_ERROR',
          // No name: the backend picks "TOTP Device <n>".
          deviceName === undefined ? {} : { deviceName },
        ),
      verifyDevice: ({ deviceName, totp }) =>
        send('/totp/device/verify', `OK:wasAlreadyVerified=boolean UNKNOWN_DEVICE_ERROR ${WRONG_CODE}`, {
          deviceName,
          totp: totp.trim(),
        }),
      verifyCode: ({ totp }) => send('/totp/verify', `OK UNKNOWN_USER_ID_ERROR ${WRONG_CODE}`, { totp: totp.trim() }),
      async listDevices() {
        const result = await send('/totp/device/list', 'OK:devices=object')
        if (result.status !== 'OK') return result
        const devices = result.devices as unknown as Array<TotpDevice | null>
        if (!Array.isArray(devices) || !devices.every(isDevice)) {
          throw authError('protocol', 'Bad response from /totp/device/list (devices).')
        }
        return {
          status: 'OK',
          devices: (devices as TotpDevice[]).map(({ name, period, skew, verified }) => ({
            name,
            period,
            skew,
            verified,
          })),
        }
      },
      removeDevice: ({ deviceName }) => send('/totp/device/remove', 'OK:didDeviceExist=boolean', { deviceName }),
    }
    return { totp: api }
  }
}
