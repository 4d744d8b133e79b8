/**
 * ES256 (ECDSA P-256 with SHA-256) for the mock's access tokens, synchronous like the rest of its crypto so minting
 * stays synchronous (test kits, seeding). The key pair is derived from the signing secret, so a persisted or
 * configured `signingSecret` keeps verifying across reloads, and the public half is what the mock publishes at
 * `{apiBasePath}/jwt/jwks.json`. The nonce is derived from the key and the message (the idea of RFC 6979), so
 * signing the same input twice gives the same signature: verifying one of our own tokens is re-signing it.
 * This is test infrastructure: it is neither constant-time nor audited, and protects nothing.
 */
import { base64UrlEncode, hmacSha256, sha256, toHex, utf8 } from './crypto'

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
const G: Affine = {
  x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
}

interface Affine {
  x: bigint
  y: bigint
}
/** Jacobian coordinates: (X / Z², Y / Z³); Z = 0 is the point at infinity. */
interface Jacobian {
  x: bigint
  y: bigint
  z: bigint
}

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m

function power(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n
  let b = mod(base, m)
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m
    b = (b * b) % m
  }
  return result
}

/** Modular inverse by Fermat (both moduli are prime). */
const invert = (a: bigint, m: bigint) => power(a, m - 2n, m)

const INFINITY: Jacobian = { x: 0n, y: 1n, z: 0n }

function double({ x, y, z }: Jacobian): Jacobian {
  if (z === 0n || y === 0n) return INFINITY
  // dbl-2001-b, for a = -3.
  const delta = (z * z) % P
  const gamma = (y * y) % P
  const beta = (x * gamma) % P
  const alpha = mod(3n * (x - delta) * (x + delta), P)
  const x3 = mod(alpha * alpha - 8n * beta, P)
  const z3 = mod((y + z) * (y + z) - gamma - delta, P)
  const y3 = mod(alpha * (4n * beta - x3) - 8n * gamma * gamma, P)
  return { x: x3, y: y3, z: z3 }
}

function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p.z === 0n) return q
  if (q.z === 0n) return p
  // add-2007-bl.
  const z1z1 = (p.z * p.z) % P
  const z2z2 = (q.z * q.z) % P
  const u1 = (p.x * z2z2) % P
  const u2 = (q.x * z1z1) % P
  const s1 = (p.y * q.z * z2z2) % P
  const s2 = (q.y * p.z * z1z1) % P
  if (u1 === u2) return s1 === s2 ? double(p) : INFINITY
  const h = mod(u2 - u1, P)
  const i = (4n * h * h) % P
  const j = (h * i) % P
  const r = mod(2n * (s2 - s1), P)
  const v = (u1 * i) % P
  const x3 = mod(r * r - j - 2n * v, P)
  const y3 = mod(r * (v - x3) - 2n * s1 * j, P)
  const z3 = mod(((p.z + q.z) * (p.z + q.z) - z1z1 - z2z2) * h, P)
  return { x: x3, y: y3, z: z3 }
}

function multiply(k: bigint, point: Affine): Affine {
  let result = INFINITY
  const base: Jacobian = { ...point, z: 1n }
  for (let bit = BigInt(k.toString(2).length - 1); bit >= 0n; bit--) {
    result = double(result)
    if ((k >> bit) & 1n) result = add(result, base)
  }
  const zInverse = invert(result.z, P)
  const z2 = (zInverse * zInverse) % P
  return { x: (result.x * z2) % P, y: (result.y * z2 * zInverse) % P }
}

const toBigInt = (bytes: Uint8Array) => BigInt(`0x${toHex(bytes) || '0'}`)

function toBytes(value: bigint): Uint8Array {
  const hex = value.toString(16).padStart(64, '0')
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

/** A mock signing key: the private scalar and the public JWK with its key id. */
export interface MockSigningKey {
  d: bigint
  dBytes: Uint8Array
  kid: string
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' }
}

const keys = new Map<string, MockSigningKey>()

/** The key pair of a signing secret (cached: deriving the public point is the slow part). */
export function signingKeyFor(secret: string): MockSigningKey {
  const cached = keys.get(secret)
  if (cached !== undefined) return cached
  const d = (toBigInt(hmacSha256(secret, 'authfront mock ES256 key')) % (N - 1n)) + 1n
  const q = multiply(d, G)
  const x = base64UrlEncode(toBytes(q.x))
  // supertokens-node's static keys are `s-…`; the id changes with the secret, as a rotated key's would.
  const kid = `s-${toHex(sha256(x)).slice(0, 16)}`
  const key: MockSigningKey = {
    d,
    dBytes: toBytes(d),
    kid,
    jwk: { kty: 'EC', crv: 'P-256', x, y: base64UrlEncode(toBytes(q.y)), kid, alg: 'ES256', use: 'sig' },
  }
  keys.set(secret, key)
  return key
}

/** The JWS signature (r ‖ s, base64url) of `signingInput`. */
export function signEs256(key: MockSigningKey, signingInput: string): string {
  const digest = sha256(utf8(signingInput))
  const h = toBigInt(digest)
  for (let counter = 0; ; counter++) {
    const nonceInput = new Uint8Array(digest.length + 1)
    nonceInput.set(digest)
    nonceInput[digest.length] = counter
    const k = toBigInt(hmacSha256(key.dBytes, nonceInput)) % N
    if (k === 0n) continue
    const r = multiply(k, G).x % N
    const s = (invert(k, N) * ((h + r * key.d) % N)) % N
    if (r === 0n || s === 0n) continue
    const signature = new Uint8Array(64)
    signature.set(toBytes(r))
    signature.set(toBytes(s), 32)
    return base64UrlEncode(signature)
  }
}
