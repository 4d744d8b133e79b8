/**
 * Passwordless login attempts as the core keeps them (docs/PROTOCOL.md §3.2): one device per `createCode`, any number
 * of codes per device (one per send), each code usable as an OTP or as a magic link.
 */
import {
  base64Decode,
  base64Encode,
  base64UrlEncode,
  randomBytes,
  randomToken,
  randomUuid,
  sha256,
  sha256Hex,
} from './crypto'
import type { ResolvedMockOptions } from './options'
import type { PasswordlessDevice } from './state'
import type { MockStore } from './store'
import type { MockPasswordlessMessage } from './types'

export const CODE_LIFETIME_MS = 900_000
export const MAX_ATTEMPTS = 5

export type FlowType = PasswordlessDevice['flowType']

export type ConsumeResult =
  | { status: 'OK'; device: PasswordlessDevice }
  | { status: 'INCORRECT_USER_INPUT_CODE_ERROR' | 'EXPIRED_USER_INPUT_CODE_ERROR'; failed: number }
  | { status: 'RESTART_FLOW_ERROR' }
  /** What the core answers 400 to and node turns into a 500. */
  | { status: 'MALFORMED' }

export interface PasswordlessDevices {
  create(contact: { email: string } | { phoneNumber: string }, tenantId: string, flowType: FlowType): PasswordlessDevice
  find(deviceId: string, preAuthSessionId: string, tenantId: string): PasswordlessDevice | undefined
  /** Sends a new code for the device: into the outbox, as email or SMS. */
  send(device: PasswordlessDevice): void
  consumeOtp(preAuthSessionId: string, deviceId: string, otp: string, tenantId: string): ConsumeResult
  consumeLink(preAuthSessionId: string, linkCode: string, tenantId: string): ConsumeResult
  /** Every code sent so far expires now (`controls.passwordless.expireCodes`). */
  expireAll(): void
}

/** A uniformly random 6-digit OTP. */
function sixDigits(): string {
  const [value = 0] = new Uint32Array(randomBytes(4).buffer)
  return String(value % 1_000_000).padStart(6, '0')
}

export function createPasswordlessDevices(store: MockStore, options: ResolvedMockOptions): PasswordlessDevices {
  const list = (): PasswordlessDevice[] => (store.state.passwordlessDevices ??= [])
  const remove = (device: PasswordlessDevice) => {
    store.state.passwordlessDevices = list().filter((item) => item !== device)
  }
  /** A successful sign-in ends every attempt for the same contact (other tabs then get RESTART_FLOW_ERROR). */
  const finish = (device: PasswordlessDevice): ConsumeResult => {
    store.state.passwordlessDevices = list().filter(
      (item) =>
        item.tenantId !== device.tenantId ||
        (device.email !== undefined ? item.email !== device.email : item.phoneNumber !== device.phoneNumber),
    )
    return { status: 'OK', device }
  }

  return {
    create(contact, tenantId, flowType) {
      const deviceId = base64Encode(randomBytes(32))
      const device: PasswordlessDevice = {
        deviceId,
        preAuthSessionId: base64UrlEncode(sha256(deviceId)),
        tenantId,
        ...contact,
        flowType,
        failedAttempts: 0,
        codes: [],
      }
      list().push(device)
      return device
    },
    find: (deviceId, preAuthSessionId, tenantId) =>
      list().find(
        (item) =>
          item.deviceId === deviceId && item.preAuthSessionId === preAuthSessionId && item.tenantId === tenantId,
      ),
    send(device) {
      const code = sixDigits()
      const linkCode = randomToken(32)
      const now = options.now()
      device.codes.push({
        otpHash: sha256Hex(code),
        linkCodeHash: sha256Hex(linkCode),
        expiresAt: now + CODE_LIFETIME_MS,
      })
      const query = `preAuthSessionId=${encodeURIComponent(device.preAuthSessionId)}&tenantId=${encodeURIComponent(device.tenantId)}`
      const message: MockPasswordlessMessage = {
        id: randomUuid(),
        type: 'passwordless',
        to: device.email ?? device.phoneNumber ?? '',
        channel: device.email !== undefined ? 'email' : 'sms',
        tenantId: device.tenantId,
        code,
        link: `${options.websiteDomain}${options.websiteBasePath}/verify?${query}#${linkCode}`,
        preAuthSessionId: device.preAuthSessionId,
        flowType: device.flowType,
        sentAt: now,
      }
      store.state.outbox.push(message)
      store.announce(message)
    },
    consumeOtp(preAuthSessionId, deviceId, otp, tenantId) {
      const device = list().find((item) => item.preAuthSessionId === preAuthSessionId && item.tenantId === tenantId)
      if (device === undefined) return { status: 'RESTART_FLOW_ERROR' }
      if (device.deviceId !== deviceId) return { status: 'MALFORMED' }
      const hash = sha256Hex(otp)
      const code = device.codes.find((item) => item.otpHash === hash)
      if (code !== undefined && code.expiresAt > options.now()) return finish(device)
      // Wrong and expired codes both count; the attempt that reaches the maximum ends the flow.
      device.failedAttempts += 1
      if (device.failedAttempts >= MAX_ATTEMPTS) {
        remove(device)
        return { status: 'RESTART_FLOW_ERROR' }
      }
      const status = code === undefined ? 'INCORRECT_USER_INPUT_CODE_ERROR' : 'EXPIRED_USER_INPUT_CODE_ERROR'
      return { status, failed: device.failedAttempts }
    },
    consumeLink(preAuthSessionId, linkCode, tenantId) {
      if (!/^[A-Za-z0-9_-]+$/.test(linkCode) || base64Decode(linkCode) === undefined) return { status: 'MALFORMED' }
      const hash = sha256Hex(linkCode)
      const device = list().find(
        (item) =>
          item.preAuthSessionId === preAuthSessionId &&
          item.tenantId === tenantId &&
          item.codes.some((code) => code.linkCodeHash === hash && code.expiresAt > options.now()),
      )
      return device === undefined ? { status: 'RESTART_FLOW_ERROR' } : finish(device)
    },
    expireAll() {
      const now = options.now()
      for (const device of list()) for (const code of device.codes) code.expiresAt = Math.min(code.expiresAt, now)
    },
  }
}
