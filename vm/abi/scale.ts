/**
 * SCALE primitives: fixed-width little-endian integers, big-endian 256-bit
 * integers (FISCO's u256/i256), compact integers, length-prefixed bytes.
 * Readers are strict: non-canonical compacts, truncated input and (via
 * `finish`) trailing bytes are errors.
 */
import { VmError } from "../errors.ts";
import { GrowableBytes } from "../growable.ts";

export class ScaleWriter extends GrowableBytes {
  constructor() {
    super(64);
  }

  byte(b: number): void {
    this.push(b);
  }

  bytes(b: Uint8Array): void {
    this.append(b);
  }

  /** `value` (already range-checked, two's complement if negative) in `size` bytes, little-endian. */
  intLE(value: bigint, size: number): void {
    let v = BigInt.asUintN(size * 8, value);
    this.room(size);
    for (let i = 0; i < size; i++) {
      this.buf[this.length++] = Number(v & 0xffn);
      v >>= 8n;
    }
  }

  /** `value` in `size` bytes, big-endian (two's complement if negative). */
  intBE(value: bigint, size: number): void {
    let v = BigInt.asUintN(size * 8, value);
    this.room(size);
    for (let i = size - 1; i >= 0; i--) {
      this.buf[this.length + i] = Number(v & 0xffn);
      v >>= 8n;
    }
    this.length += size;
  }

  compact(n: number | bigint): void {
    if (typeof n === "number" && n >= 0 && n < 1 << 30 && Number.isInteger(n)) {
      if (n < 1 << 6) this.push(n << 2);
      else if (n < 1 << 14) {
        this.push(((n << 2) | 1) & 0xff);
        this.push(n >> 6);
      } else {
        const w = (n << 2) | 2;
        this.room(4);
        this.buf[this.length++] = w & 0xff;
        this.buf[this.length++] = (w >>> 8) & 0xff;
        this.buf[this.length++] = (w >>> 16) & 0xff;
        this.buf[this.length++] = w >>> 24;
      }
      return;
    }
    const v = BigInt(n);
    if (v < 0n) throw new VmError("ABI_OUT_OF_RANGE", `compact integers are unsigned, got ${v}`);
    if (v < 1n << 6n) this.byte(Number(v) << 2);
    else if (v < 1n << 14n) this.intLE((v << 2n) | 1n, 2);
    else if (v < 1n << 30n) this.intLE((v << 2n) | 2n, 4);
    else {
      let size = 0;
      for (let t = v; t > 0n; t >>= 8n) size++;
      if (size > 67) throw new VmError("ABI_OUT_OF_RANGE", `compact integer too large: ${v}`);
      this.byte(((size - 4) << 2) | 3);
      this.intLE(v, size);
    }
  }

  /** compact length ‖ bytes */
  lengthPrefixed(b: Uint8Array): void {
    this.compact(b.length);
    this.bytes(b);
  }
}

export class ScaleReader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  take(n: number): Uint8Array {
    if (n > this.remaining) {
      throw new VmError("SCALE_EOF", `input ends at byte ${this.buf.length}, needed ${n} more bytes at byte ${this.pos}`);
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  byte(): number {
    return this.take(1)[0]!;
  }

  uintLE(size: number): bigint {
    const b = this.take(size);
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    return v;
  }

  uintBE(size: number): bigint {
    const b = this.take(size);
    let v = 0n;
    for (let i = 0; i < size; i++) v = (v << 8n) | BigInt(b[i]!);
    return v;
  }

  compact(): bigint {
    const at = this.pos;
    const first = this.buf[this.pos];
    if (first === undefined) throw new VmError("SCALE_EOF", `input ended at byte ${at}, expected a compact integer`);
    if ((first & 3) !== 3) return BigInt(this.smallCompact());
    this.byte();
    const size = (first >> 2) + 4;
    const top = this.buf[this.pos + size - 1];
    const v = this.uintLE(size);
    if (top === 0 || v < 1n << 30n) nonCanonical(v, at);
    return v;
  }

  /** A compact integer in one of its 1-, 2- or 4-byte forms, as a number (the caller checked the mode). */
  private smallCompact(): number {
    const at = this.pos;
    const b = this.buf;
    const first = b[at]!;
    if ((first & 3) === 0) {
      this.pos++;
      return first >> 2;
    }
    if ((first & 3) === 1) {
      this.take(2);
      const v = (first | (b[at + 1]! << 8)) >>> 2;
      return v < 1 << 6 ? nonCanonical(BigInt(v), at) : v;
    }
    this.take(4);
    const v = (first | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 2;
    return v < 1 << 14 ? nonCanonical(BigInt(v), at) : v;
  }

  /** A compact length, checked against what is left (each item takes at least `minItemSize` bytes). */
  length(minItemSize = 1): number {
    const at = this.pos;
    const first = this.buf[at];
    const n = first !== undefined && (first & 3) !== 3 ? this.smallCompact() : this.compact();
    const limit = minItemSize > 0 ? this.remaining / minItemSize : 1 << 24;
    if (n > Math.floor(limit)) {
      throw new VmError("SCALE_TOO_LONG", `length ${n} at byte ${at} exceeds the ${this.remaining} bytes that follow`);
    }
    return Number(n);
  }

  /** Throw if any input is left. */
  finish(): void {
    if (this.remaining !== 0) {
      throw new VmError("SCALE_TRAILING", `${this.remaining} trailing byte(s) after the value, at byte ${this.pos}`);
    }
  }
}

function nonCanonical(v: bigint, at: number): never {
  throw new VmError("SCALE_NON_CANONICAL", `compact integer ${v} at byte ${at} is not in its shortest form`);
}

export function encodeCompact(n: number | bigint): Uint8Array {
  const w = new ScaleWriter();
  w.compact(n);
  return w.finish();
}

/** Decode exactly one compact integer occupying all of `bytes`. */
export function decodeCompact(bytes: Uint8Array): bigint {
  const r = new ScaleReader(bytes);
  const v = r.compact();
  r.finish();
  return v;
}
