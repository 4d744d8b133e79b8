/**
 * RFC 6238 time-based one-time passwords (HMAC-SHA1) over Web Crypto, so the same code runs in Node and browsers.
 * The mock checks codes with it, and tests and dev panels compute the code an authenticator app would show.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 without padding (what authenticator apps read from `otpauth://` URIs). */
export function base32Encode(bytes: Uint8Array): string {
  let out = ''
  let bits = 0
  let value = 0
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += BASE32[(value >>> bits) & 31]
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31]
  return out
}

/** Decodes base32 (case, spaces and padding ignored, as authenticator apps accept it); undefined when invalid. */
export function base32Decode(text: string): Uint8Array | undefined {
  const clean = text.toUpperCase().replace(/[\s=]/g, '')
  if (clean === '' || /[^A-Z2-7]/.test(clean)) return undefined
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8))
  let bits = 0
  let value = 0
  let index = 0
  for (const char of clean) {
    value = ((value << 5) | BASE32.indexOf(char)) & 0xffff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out[index++] = (value >>> bits) & 0xff
    }
  }
  return out
}

/** Options of `generateTotp`. */
export interface TotpOptions {
  /** Code length. Defaults to `6` (the SuperTokens core's). */
  digits?: number
  /** Time step in seconds. Defaults to `30`. */
  period?: number
}

/** HOTP (RFC 4226) for one counter value. */
async function hotp(secret: Uint8Array, counter: number, digits: number): Promise<string> {
  const message = new Uint8Array(8)
  const view = new DataView(message.buffer)
  // Counters beyond 2^32 (times after 2106 at 30 s) need the high word too.
  view.setUint32(0, Math.floor(counter / 0x100000000))
  view.setUint32(4, counter >>> 0)
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    secret as BufferSource,
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  )
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, message))
  const offset = mac[mac.length - 1]! & 0x0f
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/**
 * The code an authenticator app shows for this base32 secret at `timeMs` (epoch milliseconds). Throws for a secret
 * that is not base32.
 *
 * @example
 * const code = await generateTotp(device.secret, Date.now())
 */
export async function generateTotp(secretBase32: string, timeMs: number, options: TotpOptions = {}): Promise<string> {
  const secret = base32Decode(secretBase32)
  if (secret === undefined) throw new Error('generateTotp: the secret is not base32')
  const period = options.period ?? 30
  return hotp(secret, Math.floor(timeMs / 1000 / period), options.digits ?? 6)
}

/**
 * The time step of `code` within ±`skew` steps of `timeMs`, or undefined when it matches none (the core's
 * check: period 30 s, skew 1, 6 digits).
 */
export async function matchTotp(
  secretBase32: string,
  code: string,
  timeMs: number,
  { period = 30, skew = 1, digits = 6 }: { period?: number; skew?: number; digits?: number } = {},
): Promise<number | undefined> {
  const secret = base32Decode(secretBase32)
  if (secret === undefined || !/^\d+$/.test(code) || code.length !== digits) return undefined
  const current = Math.floor(timeMs / 1000 / period)
  for (let step = current - skew; step <= current + skew; step++) {
    if (step >= 0 && (await hotp(secret, step, digits)) === code) return step
  }
  return undefined
}
