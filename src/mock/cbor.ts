/**
 * The subset of CBOR (RFC 8949) WebAuthn uses: attestation objects and COSE keys. Definite lengths only (CTAP2's
 * canonical form forbids indefinite ones), maps keyed by integers or text, no floats. Test infrastructure.
 */

export type CborValue = number | string | boolean | null | undefined | Uint8Array | CborValue[] | CborMap

/** A decoded map: integer keys (COSE) and text keys (attestation objects) kept apart from `Object` prototype keys. */
export type CborMap = Map<number | string, CborValue>

/** Thrown for bytes that are not the CBOR WebAuthn sends; the handlers turn it into a failed verification. */
export class CborError extends Error {}

/** Decodes the first item of `bytes`, returning it and the offset just past it (authenticator data has trailing bytes). */
export function decodeCborPrefix(bytes: Uint8Array, start = 0): { value: CborValue; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = start

  const need = (count: number) => {
    if (offset + count > bytes.length) throw new CborError('CBOR: truncated')
  }
  const readLength = (info: number): number => {
    if (info < 24) return info
    if (info === 24) return (need(1), bytes[offset++]!)
    if (info === 25) return (need(2), (offset += 2), view.getUint16(offset - 2))
    if (info === 26) return (need(4), (offset += 4), view.getUint32(offset - 4))
    if (info === 27) {
      need(8)
      const big = view.getBigUint64(offset)
      offset += 8
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError('CBOR: length too large')
      return Number(big)
    }
    throw new CborError('CBOR: indefinite lengths are not allowed')
  }
  const item = (depth: number): CborValue => {
    if (depth > 16) throw new CborError('CBOR: nested too deeply')
    need(1)
    const initial = bytes[offset++]!
    const major = initial >> 5
    const info = initial & 0x1f
    switch (major) {
      case 0:
        return readLength(info)
      case 1:
        return -1 - readLength(info)
      case 2:
      case 3: {
        const length = readLength(info)
        need(length)
        const slice = bytes.slice(offset, offset + length)
        offset += length
        return major === 2 ? slice : new TextDecoder('utf-8', { fatal: true }).decode(slice)
      }
      case 4: {
        const length = readLength(info)
        const out: CborValue[] = []
        for (let i = 0; i < length; i++) out.push(item(depth + 1))
        return out
      }
      case 5: {
        const length = readLength(info)
        const out: CborMap = new Map()
        for (let i = 0; i < length; i++) {
          const key = item(depth + 1)
          if (typeof key !== 'number' && typeof key !== 'string') throw new CborError('CBOR: unsupported map key')
          if (out.has(key)) throw new CborError('CBOR: duplicate map key')
          out.set(key, item(depth + 1))
        }
        return out
      }
      case 6:
        readLength(info)
        return item(depth + 1)
      default:
        if (info === 20) return false
        if (info === 21) return true
        if (info === 22) return null
        if (info === 23) return undefined
        throw new CborError('CBOR: unsupported simple value or float')
    }
  }
  const value = item(0)
  return { value, end: offset }
}

/** Decodes bytes holding exactly one CBOR item. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const { value, end } = decodeCborPrefix(bytes)
  if (end !== bytes.length) throw new CborError('CBOR: trailing bytes')
  return value
}

/** Encodes what an authenticator writes (for the soft authenticator). Map keys keep insertion order. */
export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = []
  const head = (major: number, length: number) => {
    if (length < 24) out.push((major << 5) | length)
    else if (length < 0x100) out.push((major << 5) | 24, length)
    else if (length < 0x10000) out.push((major << 5) | 25, length >> 8, length & 0xff)
    else out.push((major << 5) | 26, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff)
  }
  const write = (item: CborValue) => {
    if (typeof item === 'number') {
      if (!Number.isInteger(item) || Math.abs(item) > 0xffffffff) throw new CborError('CBOR: only 32-bit integers')
      if (item >= 0) head(0, item)
      else head(1, -1 - item)
    } else if (typeof item === 'string') {
      const bytes = new TextEncoder().encode(item)
      head(3, bytes.length)
      out.push(...bytes)
    } else if (item instanceof Uint8Array) {
      head(2, item.length)
      for (const byte of item) out.push(byte)
    } else if (Array.isArray(item)) {
      head(4, item.length)
      for (const entry of item) write(entry)
    } else if (item instanceof Map) {
      head(5, item.size)
      for (const [key, entry] of item) {
        write(key)
        write(entry)
      }
    } else if (item === false) out.push(0xf4)
    else if (item === true) out.push(0xf5)
    else if (item === null) out.push(0xf6)
    else throw new CborError('CBOR: unsupported value')
  }
  write(value)
  return Uint8Array.from(out)
}
