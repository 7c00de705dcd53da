// BigInt reference semantics for Weft integers, and a seeded PRNG.

export const norm = (v: bigint, bits: number, signed: boolean): bigint =>
  signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);

export const fits = (v: bigint, bits: number, signed: boolean): boolean => norm(v, bits, signed) === v;

export const minOf = (bits: number, signed: boolean): bigint => (signed ? -(1n << BigInt(bits - 1)) : 0n);
export const maxOf = (bits: number, signed: boolean): bigint =>
  signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;

/** Division truncating toward zero. */
export const divTrunc = (a: bigint, b: bigint): bigint => a / b; // BigInt `/` truncates
/** Remainder with the sign of the dividend. */
export const modTrunc = (a: bigint, b: bigint): bigint => a % b; // BigInt `%` does

/**
 * Exact a ** e, or null when |a ** e| >= 2^600 (out of every Weft range):
 * |a| >= 2 and e > 600 is decided without computing.
 */
export function powExact(a: bigint, e: bigint): bigint | null {
  if (a === 0n) return e === 0n ? 1n : 0n;
  if (a === 1n) return 1n;
  if (a === -1n) return e % 2n === 0n ? 1n : -1n;
  if (e > 600n) return null;
  return a ** e;
}

/** sfc32: small, fast, seeded. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  int(n: number): number {
    return this.u32() % n;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  /** A uniformly random unsigned value of exactly up to `bits` bits. */
  bits(bits: number): bigint {
    let v = 0n;
    for (let i = 0; i < bits; i += 32) v = (v << 32n) | BigInt(this.u32());
    return BigInt.asUintN(bits, v);
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }

  /**
   * A value of the type (bits, signed): boundaries and small values often,
   * otherwise random magnitudes of random bit length (so that products and
   * quotients of all sizes occur).
   */
  value(bits: number, signed: boolean): bigint {
    const lo = minOf(bits, signed), hi = maxOf(bits, signed);
    switch (this.int(8)) {
      case 0:
        return this.pick([lo, hi, 0n, 1n, lo + 1n, hi - 1n, signed ? -1n : 2n, hi >> 1n, (hi >> 1n) + 1n]);
      case 1:
        return norm(BigInt(this.int(17)) - (signed ? 8n : 0n), bits, signed);
      case 2: {
        const k = BigInt(this.int(bits));
        return norm(this.pick([1n << k, (1n << k) - 1n, -(1n << k)]), bits, signed);
      }
      default: {
        const len = 1 + this.int(bits);
        const mag = this.bits(len);
        return norm(signed && this.int(2) ? -mag : mag, bits, signed);
      }
    }
  }
}
