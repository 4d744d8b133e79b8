/**
 * What node's MultiFactorAuth and Totp recipes ask of the core: user metadata (where MFA keeps a user's required
 * secondary factors) and TOTP devices. A device has a base32 secret; codes are RFC 6238 (the mock's implementation:
 * 6 digits, the device's period and skew), and as in the core (docs/RECIPES.md §4.3) a code is accepted once, five
 * wrong codes in a row lock the user out (`LIMIT_REACHED_ERROR`) until 15 minutes after the last, and a new device
 * named like an unverified one replaces it. Only verified devices sign in (`/recipe/totp/verify`); a user without one
 * is `UNKNOWN_USER_ID_ERROR`.
 */
import { randomBytes } from 'node:crypto'
import { base32Encode, matchTotp } from '../../../src/mock/totp'
import type { Json, Reply, Routes } from './types'

const MAX_ATTEMPTS = 5
const COOLDOWN_MS = 15 * 60_000

interface Device {
  name: string
  secret: string
  period: number
  skew: number
  verified: boolean
}

export function mfaRoutes(): Routes {
  const metadata = new Map<string, Json>()
  const devices = new Map<string, Device[]>()
  const usedCodes = new Set<string>()
  const failures = new Map<string, number[]>()

  const devicesOf = (userId: string) => devices.get(userId) ?? []

  /** Checks `code` against `candidates`; the device it matched, or the core's error answer. */
  async function check(userId: string, candidates: Device[], code: string): Promise<Device | Reply> {
    const now = Date.now()
    const recent = failures.get(userId) ?? []
    // Locked until the cool-down after the last of the failures in a row; attempts while locked do not extend it.
    const lockedUntil = (recent.at(-1) ?? 0) + COOLDOWN_MS
    if (recent.length >= MAX_ATTEMPTS && lockedUntil > now) {
      return { body: { status: 'LIMIT_REACHED_ERROR', retryAfterMs: lockedUntil - now } }
    }
    if (recent.length >= MAX_ATTEMPTS) recent.length = 0
    for (const device of candidates) {
      const step = await matchTotp(device.secret, code, now, { period: device.period, skew: device.skew })
      const key = `${userId} ${device.name} ${step}`
      if (step !== undefined && !usedCodes.has(key)) {
        usedCodes.add(key)
        failures.delete(userId)
        return device
      }
    }
    failures.set(userId, [...recent, now])
    return {
      body: {
        status: 'INVALID_TOTP_ERROR',
        currentNumberOfFailedAttempts: recent.length + 1,
        maxNumberOfFailedAttempts: MAX_ATTEMPTS,
      },
    }
  }

  return {
    'GET /recipe/user/metadata': ({ query }) => ({
      body: { status: 'OK', metadata: metadata.get(String(query.get('userId'))) ?? {} },
    }),
    'PUT /recipe/user/metadata': ({ body }) => {
      const userId = String(body.userId)
      const next: Json = { ...metadata.get(userId) }
      for (const [key, value] of Object.entries(body.metadataUpdate as Json)) {
        if (value === null) delete next[key]
        else next[key] = value
      }
      metadata.set(userId, next)
      return { body: { status: 'OK', metadata: next } }
    },
    'POST /recipe/totp/device': ({ body }) => {
      const userId = String(body.userId)
      const name = String(body.deviceName)
      // A name taken by a verified device is refused; an unverified one (an abandoned enrolment) is replaced.
      if (devicesOf(userId).some((device) => device.name === name && device.verified)) {
        return { body: { status: 'DEVICE_ALREADY_EXISTS_ERROR' } }
      }
      const secret = base32Encode(randomBytes(20))
      const device = { name, secret, period: Number(body.period), skew: Number(body.skew), verified: false }
      devices.set(userId, [...devicesOf(userId).filter((other) => other.name !== name), device])
      return { body: { status: 'OK', deviceName: name, secret } }
    },
    'GET /recipe/totp/device/list': ({ query }) => ({
      body: {
        status: 'OK',
        devices: devicesOf(String(query.get('userId'))).map(({ secret: _secret, ...device }) => device),
      },
    }),
    'POST /recipe/totp/device/remove': ({ body }) => {
      const userId = String(body.userId)
      const kept = devicesOf(userId).filter((device) => device.name !== body.deviceName)
      const didDeviceExist = kept.length !== devicesOf(userId).length
      devices.set(userId, kept)
      return { body: { status: 'OK', didDeviceExist } }
    },
    'POST /recipe/totp/device/verify': async ({ body }) => {
      const userId = String(body.userId)
      const device = devicesOf(userId).find((d) => d.name === body.deviceName)
      if (!device) return { body: { status: 'UNKNOWN_DEVICE_ERROR' } }
      const checked = await check(userId, [device], String(body.totp))
      if ('body' in checked) return checked
      const wasAlreadyVerified = device.verified
      device.verified = true
      return { body: { status: 'OK', wasAlreadyVerified } }
    },
    'POST /recipe/totp/verify': async ({ body }) => {
      const userId = String(body.userId)
      const verified = devicesOf(userId).filter((device) => device.verified)
      if (verified.length === 0) return { body: { status: 'UNKNOWN_USER_ID_ERROR' } }
      const checked = await check(userId, verified, String(body.totp))
      return 'body' in checked ? checked : { body: { status: 'OK' } }
    },
  }
}
