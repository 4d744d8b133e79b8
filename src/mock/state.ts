import { randomToken, randomUuid, sha256Hex } from './crypto'
import { normaliseEmail } from './validation'
import type { MockCookie, MockEmail, MockSeedUser, MockSession, MockStorage, MockTotpDevice, MockUser } from './types'

/** Everything the mock remembers. Plain JSON so it can be persisted. */
export interface MockState {
  version: 1
  secret: string
  /** Counter stamped into every access token, so `expireAccessTokens()` can expire all tokens issued so far. */
  tokenSeq: number
  expiredUpToSeq: number
  users: MockUser[]
  sessions: MockSession[]
  emailVerificationTokens: OneTimeToken[]
  passwordResetTokens: OneTimeToken[]
  outbox: MockEmail[]
  cookies: MockCookie[]
  /** Pending passwordless login attempts (absent in state persisted by older versions). */
  passwordlessDevices?: PasswordlessDevice[]
  /** WebAuthn options handed out by `options/register` and `options/signin` (absent in older persisted state). */
  webauthnOptions?: WebauthnOptionsRecord[]
  /** Registered passkeys. */
  webauthnCredentials?: WebauthnCredentialRecord[]
  /** Unused account-recovery tokens of the WebAuthn recipe. */
  webauthnRecoverTokens?: OneTimeToken[]
  /** What the fake OAuth provider does at the next authorisation (`controls.thirdParty.nextConsent`). */
  nextConsent?: 'deny' | 'noEmail' | 'notAllowed'
  /** Requirements set by `controls.multiFactor` (over the options): tenant-wide, and per user id. */
  mfaRequired?: { all?: string[]; users?: Record<string, string[]> }
  totpDevices?: MockTotpDevice[]
  /** Consecutive invalid TOTP codes per user id, across devices, and when the last one came. */
  totpFailures?: Record<string, { count: number; lastAt: number }>
  /** Valid codes already used, refused again until they leave the ±skew window (replay). */
  totpUsedCodes?: Array<{ userId: string; code: string; expiresAt: number }>
}

/** A passwordless login attempt ("device" in the core). */
export interface PasswordlessDevice {
  /** Standard base64 of random bytes. */
  deviceId: string
  /** base64url of SHA-256(deviceId). */
  preAuthSessionId: string
  tenantId: string
  email?: string
  phoneNumber?: string
  flowType: 'USER_INPUT_CODE' | 'MAGIC_LINK' | 'USER_INPUT_CODE_AND_MAGIC_LINK'
  failedAttempts: number
  /** Every code sent for this device; each is one OTP and one link code. */
  codes: Array<{ otpHash: string; linkCodeHash: string; expiresAt: number }>
}

/** Options the core generated for one ceremony (docs/RECIPES.md §5.1). */
export interface WebauthnOptionsRecord {
  id: string
  kind: 'register' | 'signin'
  tenantId: string
  /** base64url. */
  challenge: string
  rpId: string
  origin: string
  createdAt: number
  expiresAt: number
  /** Registration: the email the credential is for, and the user id (base64url of its UTF-8) the browser stores. */
  email?: string
  userHandle?: string
}

/** A registered passkey. */
export interface WebauthnCredentialRecord {
  /** base64url credential id. */
  id: string
  /** The (recipe) user the passkey signs in. */
  userId: string
  /** base64url `user.id` of the registration, as the authenticator returns it in `userHandle`. */
  userHandle: string
  rpId: string
  /** COSE algorithm and the public key as JWK. */
  alg: number
  jwk: JsonWebKey
  signCount: number
  transports: string[]
  createdAt: number
}

export interface OneTimeToken {
  /** SHA-256 hex of the token (the token itself is only in the outbox). */
  hash: string
  userId: string
  email: string
  tenantId: string
  expiresAt: number
}

export function hashPassword(password: string): string {
  return sha256Hex(`authfront-mock:${password}`)
}

export function makeUser(seed: MockSeedUser, now: number): MockUser {
  return {
    id: seed.id ?? randomUuid(),
    email: normaliseEmail(seed.email),
    passwordHash: hashPassword(seed.password),
    timeJoined: now,
    verified: seed.verified ?? false,
    tenantIds: seed.tenantIds ?? ['public'],
    fields: { ...seed.fields },
  }
}

export function freshState(secret: string | undefined, seeds: MockSeedUser[], now: number): MockState {
  return {
    version: 1,
    secret: secret ?? randomToken(32),
    tokenSeq: 0,
    expiredUpToSeq: 0,
    users: seeds.map((seed) => makeUser(seed, now)),
    sessions: [],
    emailVerificationTokens: [],
    passwordResetTokens: [],
    outbox: [],
    cookies: [],
    passwordlessDevices: [],
  }
}

/** The stored state as text, so a backend can tell whether another tab changed it since it last read or wrote. */
export interface StatePersistence {
  /** The stored text, or undefined when nothing is stored or the storage cannot be read. */
  read(): string | undefined
  /** Stores the text; false when the storage refused it (quota, privacy mode). */
  write(text: string): boolean
  clear(): void
}

/** The state in stored text, or undefined when the text is corrupt or of another version. */
export function parseState(text: string): MockState | undefined {
  try {
    const parsed = JSON.parse(text) as MockState | null
    return parsed !== null && typeof parsed === 'object' && parsed.version === 1 ? parsed : undefined
  } catch {
    return undefined
  }
}

export function createPersistence(
  option: 'memory' | { storage: MockStorage; key?: string } | undefined,
): StatePersistence | undefined {
  if (option === undefined || option === 'memory') return undefined
  const { storage } = option
  const key = option.key ?? 'authfront-mock'
  return {
    read() {
      try {
        return storage.getItem(key) ?? undefined
      } catch {
        // An unreadable storage must not brick the demo: run in memory.
        return undefined
      }
    },
    write(text) {
      try {
        storage.setItem(key, text)
        return true
      } catch {
        // Quota or privacy mode: keep running in memory.
        return false
      }
    },
    clear() {
      try {
        storage.removeItem(key)
      } catch {
        // Same as above.
      }
    },
  }
}
