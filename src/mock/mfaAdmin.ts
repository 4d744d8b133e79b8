/** The MultiFactorAuth and TOTP helpers of the returned backend: `backend.totp`, `controls.multiFactor`, `controls.totp`. */
import type { MockMultiFactorControls, MockTotpControls } from './controls'
import type { ResolvedMockOptions } from './options'
import type { MockStore } from './store'
import type { TotpDevices } from './totpDevices'
import type { MockTotpDevice } from './types'

/** `backend.totp`: the TOTP devices of the mock's users, for tests and dev panels. */
export interface MockTotpApi {
  /** The user's devices (id or email), verified or not. */
  devices(idOrEmail: string): MockTotpDevice[]
  /**
   * Gives the user a device as if it had been created (and, unless `verified: false`, verified) over the API.
   * Throws when a verified device of that name exists.
   */
  addDevice(idOrEmail: string, options?: { deviceName?: string; verified?: boolean }): MockTotpDevice
  /**
   * The 6-digit code the user's device (the named one, else the newest) shows now by the backend's clock, as an
   * authenticator app would: what a dev panel shows next to the outbox. Undefined when the user has no device.
   */
  currentCode(idOrEmail: string, deviceName?: string): Promise<string | undefined>
}

function requireMfa(options: ResolvedMockOptions, what: string): void {
  if (options.multiFactor === undefined) {
    throw new Error(`authfront mock: ${what} needs the multiFactor option, e.g. createMockBackend({ multiFactor: {} })`)
  }
}

export function createMfaControls(store: MockStore, options: ResolvedMockOptions, totp: TotpDevices) {
  const change = (what: string, fn: () => void) => {
    requireMfa(options, what)
    store.sync()
    fn()
    store.commit()
  }
  const multiFactor: MockMultiFactorControls = {
    require(factors) {
      change('controls.multiFactor.require', () => {
        store.state.mfaRequired = { ...store.state.mfaRequired, all: [...factors] }
      })
    },
    requireForUser(idOrEmail, factors) {
      change('controls.multiFactor.requireForUser', () => {
        const { id } = store.requireUser(idOrEmail)
        const current = store.state.mfaRequired ?? {}
        store.state.mfaRequired = { ...current, users: { ...current.users, [id]: [...factors] } }
      })
    },
  }
  const totpControls: MockTotpControls = {
    lockOut(idOrEmail) {
      change('controls.totp.lockOut', () => totp.lockOut(store.requireUser(idOrEmail).id))
    },
    removeDevice(idOrEmail, deviceName) {
      change('controls.totp.removeDevice', () => void totp.remove(store.requireUser(idOrEmail).id, deviceName))
    },
  }
  return {
    multiFactor,
    totp: totpControls,
    resetMultiFactor() {
      store.sync()
      delete store.state.mfaRequired
      store.commit()
    },
  }
}

export function createTotpApi(store: MockStore, options: ResolvedMockOptions, totp: TotpDevices): MockTotpApi {
  return {
    devices(idOrEmail) {
      store.sync()
      return totp.list(store.requireUser(idOrEmail).id)
    },
    addDevice(idOrEmail, { deviceName, verified = true } = {}) {
      requireMfa(options, 'backend.totp.addDevice')
      store.sync()
      const device = totp.create(store.requireUser(idOrEmail).id, deviceName)
      if (device === 'DEVICE_ALREADY_EXISTS_ERROR') {
        throw new Error(`authfront mock: '${idOrEmail}' already has a verified TOTP device '${deviceName}'`)
      }
      device.verified = verified
      store.commit()
      return device
    },
    currentCode(idOrEmail, deviceName) {
      store.sync()
      return totp.currentCode(store.requireUser(idOrEmail).id, deviceName)
    },
  }
}
