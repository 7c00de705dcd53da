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
    const mode = first & 3;
    const nonCanonical = (v: bigint): never => {
      throw new VmError("SCALE_NON_CANONICAL", `compact integer ${v} at byte ${at} is not in its shortest form`);
    };
    if (mode === 0) return BigInt(this.byte() >> 2);
    if (mode === 1) {
      const v = this.uintLE(2) >> 2n;
      return v < 1n << 6n ? nonCanonical(v) : v;
    }
    if (mode === 2) {
      const v = this.uintLE(4) >> 2n;
      return v < 1n << 14n ? nonCanonical(v) : v;
    }
    this.byte();
    const size = (first >> 2) + 4;
    const top = this.buf[this.pos + size - 1];
    const v = this.uintLE(size);
    if (top === 0 || v < 1n << 30n) nonCanonical(v);
    return v;
  }

  /** A compact length, checked against what is left (each item takes at least `minItemSize` bytes). */
  length(minItemSize = 1): number {
    const at = this.pos;
    const n = this.compact();
    const limit = minItemSize > 0 ? this.remaining / minItemSize : 1 << 24;
    if (n > BigInt(Math.floor(limit))) {
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
