/**
 * TOTP devices and the code checks as the SuperTokens core keeps them (docs/RECIPES.md §4.3): period 30 s, skew 1,
 * 6 digits; 5 consecutive invalid codes per user (across devices) lock the user out until 900 s after the last one;
 * a valid code used once is refused while it is still in its window.
 */
import { randomBytes } from './crypto'
import type { ResolvedMockOptions } from './options'
import type { MockStore } from './store'
import { base32Encode, generateTotp, matchTotp } from './totp'
import type { MockTotpDevice } from './types'

export const TOTP_PERIOD_S = 30
export const TOTP_SKEW = 1
export const MAX_TOTP_FAILURES = 5
export const TOTP_COOLDOWN_MS = 900_000
/** The core refuses codes longer than this outright. */
const MAX_CODE_LENGTH = 8

export type TotpCheck =
  | { status: 'OK'; wasAlreadyVerified: boolean }
  | { status: 'INVALID_TOTP_ERROR'; currentNumberOfFailedAttempts: number; maxNumberOfFailedAttempts: number }
  | { status: 'LIMIT_REACHED_ERROR'; retryAfterMs: number }
  | { status: 'UNKNOWN_DEVICE_ERROR' }
  | { status: 'UNKNOWN_USER_ID_ERROR' }

export interface TotpDevices {
  list(userId: string): MockTotpDevice[]
  /** A new unverified device; an unverified one of the same name is replaced, a verified one refuses. */
  create(userId: string, name?: string): MockTotpDevice | 'DEVICE_ALREADY_EXISTS_ERROR'
  /** Removes the named device (every device of the user without a name); whether one existed. */
  remove(userId: string, name?: string): boolean
  /** `totp/device/verify`: checks the code against that device only and marks it verified. */
  verifyDevice(userId: string, name: string, code: string): Promise<TotpCheck>
  /** `totp/verify`: checks the code against the user's verified devices. */
  verifyCode(userId: string, code: string): Promise<TotpCheck>
  /** Five invalid codes now (`controls.totp.lockOut`). */
  lockOut(userId: string): void
  /** The code the device (the named one, else the newest) shows now; undefined without a device. */
  currentCode(userId: string, name?: string): Promise<string | undefined>
}

export function createTotpDevices(store: MockStore, options: ResolvedMockOptions): TotpDevices {
  const { now } = options
  const all = (): MockTotpDevice[] => (store.state.totpDevices ??= [])
  const list = (userId: string) => all().filter((device) => device.userId === userId)

  const check = async (userId: string, code: string, devices: MockTotpDevice[]): Promise<TotpCheck> => {
    const failures = (store.state.totpFailures ??= {})
    const previous = failures[userId]
    // A refused attempt while locked out is not stored: it would push the end of the lock-out further away.
    if (previous !== undefined && previous.count >= MAX_TOTP_FAILURES) {
      const retryAfterMs = previous.lastAt + TOTP_COOLDOWN_MS - now()
      if (retryAfterMs > 0) return { status: 'LIMIT_REACHED_ERROR', retryAfterMs }
    }
    const used = (store.state.totpUsedCodes ?? []).filter((entry) => entry.expiresAt > now())
    let valid = false
    if (code.length <= MAX_CODE_LENGTH && !used.some((entry) => entry.userId === userId && entry.code === code)) {
      for (const device of devices) {
        if ((await matchTotp(device.secret, code, now(), { period: TOTP_PERIOD_S, skew: TOTP_SKEW })) !== undefined) {
          valid = true
          break
        }
      }
    }
    if (valid) {
      used.push({ userId, code, expiresAt: now() + TOTP_PERIOD_S * (2 * TOTP_SKEW + 1) * 1000 })
      store.state.totpUsedCodes = used
      delete failures[userId]
      return { status: 'OK', wasAlreadyVerified: false }
    }
    store.state.totpUsedCodes = used
    const count = Math.min((previous?.count ?? 0) + 1, MAX_TOTP_FAILURES)
    failures[userId] = { count, lastAt: now() }
    return {
      status: 'INVALID_TOTP_ERROR',
      currentNumberOfFailedAttempts: count,
      maxNumberOfFailedAttempts: MAX_TOTP_FAILURES,
    }
  }

  const remove = (userId: string, name?: string) => {
    const before = all().length
    store.state.totpDevices = all().filter(
      (device) => device.userId !== userId || (name !== undefined && device.name !== name),
    )
    return all().length < before
  }

  return {
    list,
    create(userId, name) {
      const devices = list(userId)
      let deviceName = name
      if (deviceName === undefined) {
        // node names a device after the number of verified ones, counting up until the name is free.
        let number = devices.filter((device) => device.verified).length
        while (devices.some((device) => device.name === `TOTP Device ${number}`)) number += 1
        deviceName = `TOTP Device ${number}`
      }
      const existing = devices.find((device) => device.name === deviceName)
      if (existing?.verified) return 'DEVICE_ALREADY_EXISTS_ERROR'
      if (existing !== undefined) remove(userId, deviceName)
      const device: MockTotpDevice = {
        userId,
        name: deviceName,
        secret: options.multiFactor?.totpSecret ?? base32Encode(randomBytes(20)),
        verified: false,
        createdAt: now(),
      }
      all().push(device)
      return device
    },
    remove,
    async verifyDevice(userId, name, code) {
      const device = list(userId).find((item) => item.name === name)
      if (device === undefined) return { status: 'UNKNOWN_DEVICE_ERROR' }
      if (device.verified) return { status: 'OK', wasAlreadyVerified: true }
      const result = await check(userId, code, [device])
      // The device may have been removed while the code was being checked.
      if (result.status === 'OK') {
        const current = list(userId).find((item) => item.name === name)
        if (current === undefined) return { status: 'UNKNOWN_DEVICE_ERROR' }
        current.verified = true
      }
      return result
    },
    async verifyCode(userId, code) {
      const devices = list(userId)
      if (devices.length === 0) return { status: 'UNKNOWN_USER_ID_ERROR' }
      // Only unverified devices: every code is invalid (and counts).
      return check(
        userId,
        code,
        devices.filter((device) => device.verified),
      )
    },
    lockOut(userId) {
      ;(store.state.totpFailures ??= {})[userId] = { count: MAX_TOTP_FAILURES, lastAt: now() }
    },
    async currentCode(userId, name) {
      const devices = list(userId)
      const device =
        name !== undefined
          ? devices.find((item) => item.name === name)
          : devices.reduce<MockTotpDevice | undefined>(
              (newest, item) => (newest === undefined || item.createdAt >= newest.createdAt ? item : newest),
              undefined,
            )
      return device === undefined ? undefined : generateTotp(device.secret, now(), { period: TOTP_PERIOD_S })
    },
  }
}
