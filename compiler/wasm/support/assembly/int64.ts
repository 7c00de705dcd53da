// Integers of width <= 64 held in i64, NORMALIZED: unsigned values
// zero-extended, signed values sign-extended from `bits` to 64 bits.
// Checked operations Panic(0x11) when the exact result does not fit the
// width, 0x12 on division by zero, 0x22 on a negative shift amount.
import { rt_panic } from "./panic";
import { PANIC_OVERFLOW, PANIC_DIV_ZERO, PANIC_NEG_SHIFT } from "./codes";

/** Wraps `v` to `bits` bits and re-extends it (zero or sign). */
export function rt64_truncate(v: i64, bits: i32, signed: i32): i64 {
  if (bits >= 64) return v;
  const sh = <i64>(64 - bits);
  return signed ? (v << sh) >> sh : <i64>(<u64>(v << sh) >> <u64>sh);
}

/** 1 if `v` is already normalized for (bits, signed), i.e. in range. */
export function rt64_fits(v: i64, bits: i32, signed: i32): i32 {
  return <i32>(rt64_truncate(v, bits, signed) == v);
}

@inline function check(v: i64, bits: i32, signed: i32): i64 {
  if (rt64_truncate(v, bits, signed) != v) rt_panic(PANIC_OVERFLOW);
  return v;
}

export function rt64_add(a: i64, b: i64, bits: i32, signed: i32): i64 {
  const r = a + b;
  if (bits < 64) return check(r, bits, signed); // exact in 64 bits
  const over = signed ? ((a ^ r) & (b ^ r)) < 0 : <u64>r < <u64>a;
  if (over) rt_panic(PANIC_OVERFLOW);
  return r;
}

export function rt64_sub(a: i64, b: i64, bits: i32, signed: i32): i64 {
  const r = a - b;
  if (bits < 64) return check(r, bits, signed);
  const over = signed ? ((a ^ b) & (a ^ r)) < 0 : <u64>a < <u64>b;
  if (over) rt_panic(PANIC_OVERFLOW);
  return r;
}

/** High 64 bits of the 128-bit product of two unsigned 64-bit values. */
export function mulHigh64(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32;
  const b0 = b & 0xffffffff, b1 = b >> 32;
  const p01 = a0 * b1, p10 = a1 * b0;
  const mid = ((a0 * b0) >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return a1 * b1 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

export function rt64_mul(a: i64, b: i64, bits: i32, signed: i32): i64 {
  if (bits <= 32) return check(a * b, bits, signed); // exact in 64 bits
  if (!signed) {
    if (mulHigh64(a, b) != 0) rt_panic(PANIC_OVERFLOW);
    return check(a * b, bits, 0);
  }
  const neg = (a ^ b) < 0;
  const ma: u64 = a < 0 ? -a : a; // magnitudes; |MIN| = 2^63 as u64
  const mb: u64 = b < 0 ? -b : b;
  const mag = ma * mb;
  // |result| may reach 2^(bits-1) when negative, 2^(bits-1) - 1 otherwise.
  const limit: u64 = (<u64>1 << <u64>(bits - 1)) - (neg ? 0 : 1);
  if (mulHigh64(ma, mb) != 0 || mag > limit) rt_panic(PANIC_OVERFLOW);
  return neg ? -mag : mag;
}

export function rt64_add_wrap(a: i64, b: i64, bits: i32, signed: i32): i64 {
  return rt64_truncate(a + b, bits, signed);
}

export function rt64_sub_wrap(a: i64, b: i64, bits: i32, signed: i32): i64 {
  return rt64_truncate(a - b, bits, signed);
}

export function rt64_mul_wrap(a: i64, b: i64, bits: i32, signed: i32): i64 {
  return rt64_truncate(a * b, bits, signed);
}

export function rt64_neg(a: i64, bits: i32, signed: i32): i64 {
  if (!signed) {
    if (a != 0) rt_panic(PANIC_OVERFLOW);
    return 0;
  }
  if (a == i64.MIN_VALUE) rt_panic(PANIC_OVERFLOW);
  return check(-a, bits, 1);
}

/** Negation for `unchecked`: -MIN is MIN, unsigned -x is 2^bits - x. */
export function rt64_neg_wrap(a: i64, bits: i32, signed: i32): i64 {
  return rt64_truncate(-a, bits, signed);
}

/** Truncates toward zero; MIN / -1 overflows. */
export function rt64_div(a: i64, b: i64, bits: i32, signed: i32): i64 {
  if (b == 0) rt_panic(PANIC_DIV_ZERO);
  if (!signed) return <i64>(<u64>a / <u64>b);
  if (b == -1) return rt64_neg(a, bits, 1);
  return a / b;
}

/** Division for `unchecked`: MIN / -1 wraps to MIN; / 0 is still Panic(0x12). */
export function rt64_div_wrap(a: i64, b: i64, bits: i32, signed: i32): i64 {
  if (b == 0) rt_panic(PANIC_DIV_ZERO);
  if (!signed) return <i64>(<u64>a / <u64>b);
  if (b == -1) return rt64_truncate(-a, bits, 1);
  return a / b;
}

/** The remainder takes the sign of the dividend; MIN % -1 is 0. */
export function rt64_mod(a: i64, b: i64, bits: i32, signed: i32): i64 {
  if (b == 0) rt_panic(PANIC_DIV_ZERO);
  if (!signed) return <i64>(<u64>a % <u64>b);
  if (b == -1) return 0;
  return a % b;
}

/** Checked a ** e; the exponent is read as an unsigned 64-bit value. */
export function rt64_pow(a: i64, e: i64, bits: i32, signed: i32): i64 {
  let result: i64 = 1;
  let base = a;
  let n = <u64>e;
  while (n != 0) {
    if (n & 1) result = rt64_mul(result, base, bits, signed);
    n >>= 1;
    // Squares only grow (|base| >= 2) and are factors of the result, so a
    // square that overflows means the result overflows too.
    if (n != 0) base = rt64_mul(base, base, bits, signed);
  }
  return check(result, bits, signed); // a ** 0 == 1 must fit too (always does)
}

export function rt64_pow_wrap(a: i64, e: i64, bits: i32, signed: i32): i64 {
  let result: i64 = 1;
  let base = a;
  let n = <u64>e;
  while (n != 0) {
    if (n & 1) result *= base;
    n >>= 1;
    base *= base;
  }
  return rt64_truncate(result, bits, signed);
}

@inline function shiftAmount(n: i64, nSigned: i32): u64 {
  if (nSigned && n < 0) rt_panic(PANIC_NEG_SHIFT);
  return <u64>n;
}

/** a << n truncated to the width; n >= bits gives 0. */
export function rt64_shl(a: i64, n: i64, bits: i32, signed: i32, nSigned: i32): i64 {
  const k = shiftAmount(n, nSigned);
  if (k >= <u64>bits) return 0;
  return rt64_truncate(a << <i64>k, bits, signed);
}

/** Arithmetic for signed, logical for unsigned; n >= bits gives the fill. */
export function rt64_shr(a: i64, n: i64, bits: i32, signed: i32, nSigned: i32): i64 {
  const k = shiftAmount(n, nSigned);
  if (signed) return a >> <i64>(k > 63 ? 63 : k);
  return k > 63 ? 0 : <i64>(<u64>a >> k);
}

export function rt64_not(a: i64, bits: i32, signed: i32): i64 {
  return rt64_truncate(~a, bits, signed);
}

/**
 * Checked conversion of `v` (normalized for a type whose signedness is
 * `fromSigned`) to (toBits, toSigned). Returns `v` itself: a value that
 * fits has the same normalized form in both types.
 */
export function rt64_cast(v: i64, fromSigned: i32, toBits: i32, toSigned: i32): i64 {
  let ok: bool;
  if (fromSigned && v < 0) {
    ok = toSigned != 0 && rt64_truncate(v, toBits, 1) == v;
  } else {
    const width = toBits - (toSigned ? 1 : 0); // value bits available
    ok = width >= 64 || <u64>v < (<u64>1 << <u64>width);
  }
  if (!ok) rt_panic(PANIC_OVERFLOW);
  return v;
}
