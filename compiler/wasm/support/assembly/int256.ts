// Integers of width 65..256: an i32 pointer to 32 bytes, 4 little-endian
// u64 limbs, normalized to 256 bits (unsigned zero-extended, signed
// sign-extended). Values are immutable: every operation returns a fresh
// pointer (rt256_cast may return its argument). Same semantics and Panic
// codes as int64.ts.
import { rt_alloc } from "./alloc";
import { rt_panic } from "./panic";
import { PANIC_OVERFLOW, PANIC_DIV_ZERO, PANIC_NEG_SHIFT } from "./codes";
import {
  limb, set4, copy4, isZero4, eq4, isNeg4, cmp4, add4, sub4, neg4,
  truncate4, isNormalized4, mulFull, mulLow, udivmod4, shl4, shr4,
} from "./u256";

const MA: usize = memory.data(32);    // magnitude of the left operand
const MB: usize = memory.data(32);    // magnitude of the right operand
const PROD: usize = memory.data(64);  // full product
const Q: usize = memory.data(32);
const R: usize = memory.data(32);
const BASE: usize = memory.data(32);  // pow: running square

@inline function fresh(): usize {
  return rt_alloc(32);
}

@inline function dup(a: usize): usize {
  const r = fresh();
  copy4(r, a);
  return r;
}

@inline function overflow(): void {
  rt_panic(PANIC_OVERFLOW);
}

export function rt256_const(l0: i64, l1: i64, l2: i64, l3: i64): usize {
  const r = fresh();
  set4(r, l0, l1, l2, l3);
  return r;
}

/** Sign-extends: right for signed values and unsigned values < 2^63. */
export function rt256_from_i64(v: i64): usize {
  const f: u64 = <u64>(v >> 63);
  return rt256_const(v, f, f, f);
}

/** Zero-extends: use for u64 values (normalized u64 may have bit 63 set). */
export function rt256_from_u64(v: i64): usize {
  return rt256_const(v, 0, 0, 0);
}

/** The low limb; exact after rt256_cast to a width <= 64. */
export function rt256_to_i64(p: usize): i64 {
  return limb(p, 0);
}

export function rt256_truncate(p: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  truncate4(r, p, bits, signed != 0);
  return r;
}

/** 1 if p is already normalized for (bits, signed), i.e. in range. */
export function rt256_fits(p: usize, bits: i32, signed: i32): i32 {
  return <i32>isNormalized4(p, bits, signed != 0);
}

@inline function check(r: usize, bits: i32, signed: i32): usize {
  if (!isNormalized4(r, bits, signed != 0)) overflow();
  return r;
}

export function rt256_add(a: usize, b: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  const carry = add4(r, a, b);
  if (bits < 256) return check(r, bits, signed); // exact below 256 bits
  const over = signed
    ? isNeg4(a) == isNeg4(b) && isNeg4(r) != isNeg4(a)
    : carry != 0;
  if (over) overflow();
  return r;
}

export function rt256_sub(a: usize, b: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  const borrow = sub4(r, a, b);
  if (bits < 256) return check(r, bits, signed);
  const over = signed
    ? isNeg4(a) != isNeg4(b) && isNeg4(r) != isNeg4(a)
    : borrow != 0;
  if (over) overflow();
  return r;
}

export function rt256_add_wrap(a: usize, b: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  add4(r, a, b);
  truncate4(r, r, bits, signed != 0);
  return r;
}

export function rt256_sub_wrap(a: usize, b: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  sub4(r, a, b);
  truncate4(r, r, bits, signed != 0);
  return r;
}

/**
 * r = a * b, checked; false on overflow. Works on magnitudes so that the
 * full 512-bit product decides. r may alias a or b.
 */
function mulChecked(r: usize, a: usize, b: usize, bits: i32, signed: bool): bool {
  let pa = a, pb = b, neg = false;
  if (signed && isNeg4(a)) { neg4(MA, a); pa = MA; neg = true; }
  if (signed && isNeg4(b)) { neg4(MB, b); pb = MB; neg = !neg; }
  mulFull(PROD, pa, pb);
  if ((limb(PROD, 4) | limb(PROD, 5) | limb(PROD, 6) | limb(PROD, 7)) != 0) return false;
  if (neg) neg4(r, PROD);
  else copy4(r, PROD);
  // A magnitude >= 2^255 (or > 2^255 when negative) flips the sign.
  if (signed && isNeg4(r) != neg && !isZero4(r)) return false;
  return isNormalized4(r, bits, signed);
}

export function rt256_mul(a: usize, b: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  if (!mulChecked(r, a, b, bits, signed != 0)) overflow();
  return r;
}

export function rt256_mul_wrap(a: usize, b: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  mulLow(r, a, b);
  truncate4(r, r, bits, signed != 0);
  return r;
}

export function rt256_neg(a: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  if (!signed) {
    if (!isZero4(a)) overflow();
    return r;
  }
  neg4(r, a);
  if (isNeg4(a) && isNeg4(r)) overflow(); // -MIN of i256
  return check(r, bits, 1);
}

/** Negation for `unchecked`: -MIN is MIN, unsigned -x is 2^bits - x. */
export function rt256_neg_wrap(a: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  neg4(r, a);
  truncate4(r, r, bits, signed != 0);
  return r;
}

/** True when a is negative under the given signedness. */
@inline function signOf(a: usize, signed: i32): bool {
  return signed != 0 && isNeg4(a);
}

/** Truncates toward zero; MIN / -1 overflows. */
export function rt256_div(a: usize, b: usize, bits: i32, signed: i32): usize {
  if (isZero4(b)) rt_panic(PANIC_DIV_ZERO);
  const na = signOf(a, signed), nb = signOf(b, signed);
  if (na) neg4(MA, a);
  if (nb) neg4(MB, b);
  udivmod4(Q, R, na ? MA : a, nb ? MB : b);
  const r = fresh();
  if (na != nb) {
    neg4(r, Q);
    return r;
  }
  copy4(r, Q);
  if (signed) {
    if (isNeg4(r)) overflow(); // 2^255 = MIN(i256) / -1
    return check(r, bits, 1);
  }
  return r;
}

/** Division for `unchecked`: MIN / -1 wraps to MIN; / 0 is still Panic(0x12). */
export function rt256_div_wrap(a: usize, b: usize, bits: i32, signed: i32): usize {
  if (isZero4(b)) rt_panic(PANIC_DIV_ZERO);
  const na = signOf(a, signed), nb = signOf(b, signed);
  if (na) neg4(MA, a);
  if (nb) neg4(MB, b);
  udivmod4(Q, R, na ? MA : a, nb ? MB : b);
  const r = fresh();
  if (na != nb) neg4(r, Q);
  else copy4(r, Q);
  truncate4(r, r, bits, signed != 0);
  return r;
}

/** The remainder takes the sign of the dividend; MIN % -1 is 0. */
export function rt256_mod(a: usize, b: usize, bits: i32, signed: i32): usize {
  if (isZero4(b)) rt_panic(PANIC_DIV_ZERO);
  const na = signOf(a, signed), nb = signOf(b, signed);
  if (na) neg4(MA, a);
  if (nb) neg4(MB, b);
  udivmod4(Q, R, na ? MA : a, nb ? MB : b);
  const r = fresh();
  if (na) neg4(r, R);
  else copy4(r, R);
  return r;
}

/** Index of the highest set bit of e (unsigned), -1 when e is 0. */
function topBit(e: usize): i32 {
  for (let i = 3; i >= 0; i--) {
    const x = limb(e, i);
    if (x != 0) return (i << 6) + 63 - <i32>clz<u64>(x);
  }
  return -1;
}

@inline function bitAt(e: usize, i: i32): bool {
  return ((limb(e, i >> 6) >> <u64>(i & 63)) & 1) != 0;
}

/** Checked a ** e; the exponent is read as an unsigned 256-bit value. */
export function rt256_pow(a: usize, e: usize, bits: i32, signed: i32): usize {
  const r = rt256_const(1, 0, 0, 0);
  copy4(BASE, a);
  const top = topBit(e);
  for (let i = 0; i <= top; i++) {
    if (bitAt(e, i) && !mulChecked(r, r, BASE, bits, signed != 0)) overflow();
    // Squares are factors of the result and only grow (|a| >= 2), so an
    // overflowing square means an overflowing result.
    if (i < top && !mulChecked(BASE, BASE, BASE, bits, signed != 0)) overflow();
  }
  return r;
}

export function rt256_pow_wrap(a: usize, e: usize, bits: i32, signed: i32): usize {
  const r = rt256_const(1, 0, 0, 0);
  copy4(BASE, a);
  const top = topBit(e);
  for (let i = 0; i <= top; i++) {
    if (bitAt(e, i)) {
      mulLow(PROD, r, BASE);
      copy4(r, PROD);
    }
    if (i < top) {
      mulLow(PROD, BASE, BASE);
      copy4(BASE, PROD);
    }
  }
  truncate4(r, r, bits, signed != 0);
  return r;
}

/** A shift amount as an unsigned count; Panic(0x22) if negative and signed. */
@inline function shiftAmount(n: i64, nSigned: i32): u64 {
  if (nSigned && n < 0) rt_panic(PANIC_NEG_SHIFT);
  return <u64>n;
}

/** a << n truncated to the width; n >= bits gives 0. */
export function rt256_shl(a: usize, n: i64, bits: i32, signed: i32, nSigned: i32): usize {
  const k = shiftAmount(n, nSigned);
  const r = fresh();
  if (k >= <u64>bits) return r;
  shl4(r, a, <i32>k);
  truncate4(r, r, bits, signed != 0);
  return r;
}

/** Arithmetic for signed, logical for unsigned; n >= bits gives the fill. */
export function rt256_shr(a: usize, n: i64, bits: i32, signed: i32, nSigned: i32): usize {
  const k = shiftAmount(n, nSigned);
  const fill: u64 = signed && isNeg4(a) ? <u64>-1 : 0;
  const r = fresh();
  if (k > 255) set4(r, fill, fill, fill, fill);
  else shr4(r, a, <i32>k, fill);
  return r;
}

export function rt256_not(a: usize, bits: i32, signed: i32): usize {
  const r = fresh();
  set4(r, ~limb(a, 0), ~limb(a, 1), ~limb(a, 2), ~limb(a, 3));
  truncate4(r, r, bits, signed != 0);
  return r;
}

export function rt256_and(a: usize, b: usize): usize {
  const r = fresh();
  set4(r, limb(a, 0) & limb(b, 0), limb(a, 1) & limb(b, 1), limb(a, 2) & limb(b, 2), limb(a, 3) & limb(b, 3));
  return r;
}

export function rt256_or(a: usize, b: usize): usize {
  const r = fresh();
  set4(r, limb(a, 0) | limb(b, 0), limb(a, 1) | limb(b, 1), limb(a, 2) | limb(b, 2), limb(a, 3) | limb(b, 3));
  return r;
}

export function rt256_xor(a: usize, b: usize): usize {
  const r = fresh();
  set4(r, limb(a, 0) ^ limb(b, 0), limb(a, 1) ^ limb(b, 1), limb(a, 2) ^ limb(b, 2), limb(a, 3) ^ limb(b, 3));
  return r;
}

export function rt256_eq(a: usize, b: usize): i32 {
  return <i32>eq4(a, b);
}

export function rt256_is_zero(a: usize): i32 {
  return <i32>isZero4(a);
}

export function rt256_lt(a: usize, b: usize, signed: i32): i32 {
  return <i32>(cmp4(a, b, signed != 0) < 0);
}

export function rt256_le(a: usize, b: usize, signed: i32): i32 {
  return <i32>(cmp4(a, b, signed != 0) <= 0);
}

/** -1, 0 or 1. */
export function rt256_cmp(a: usize, b: usize, signed: i32): i32 {
  return cmp4(a, b, signed != 0);
}

/**
 * Checked conversion of p (normalized for a type of signedness
 * `fromSigned`) to (toBits, toSigned); returns p itself, since a value
 * that fits has the same normalized form in both types.
 */
export function rt256_cast(p: usize, fromSigned: i32, toBits: i32, toSigned: i32): usize {
  let ok: bool;
  if (fromSigned && isNeg4(p)) ok = toSigned != 0 && isNormalized4(p, toBits, true);
  else ok = isNormalized4(p, toBits - (toSigned ? 1 : 0), false);
  if (!ok) overflow();
  return p;
}
