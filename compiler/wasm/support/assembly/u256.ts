// Unsigned 256-bit primitives on raw pointers: 4 little-endian u64 limbs,
// also viewed as 8 little-endian u32 digits for multiplication and
// division. Results go to caller-given memory (scratch or fresh); the
// exported, checked API is in int256.ts.

@inline export function limb(p: usize, i: i32): u64 {
  return load<u64>(p + (<usize>i << 3));
}

@inline function digit(p: usize, i: i32): u64 {
  return <u64>load<u32>(p + (<usize>i << 2));
}

@inline function setDigit(p: usize, i: i32, v: u64): void {
  store<u32>(p + (<usize>i << 2), <u32>v);
}

export function set4(r: usize, l0: u64, l1: u64, l2: u64, l3: u64): void {
  store<u64>(r, l0);
  store<u64>(r, l1, 8);
  store<u64>(r, l2, 16);
  store<u64>(r, l3, 24);
}

export function copy4(r: usize, a: usize): void {
  set4(r, limb(a, 0), limb(a, 1), limb(a, 2), limb(a, 3));
}

export function isZero4(a: usize): bool {
  return (limb(a, 0) | limb(a, 1) | limb(a, 2) | limb(a, 3)) == 0;
}

export function eq4(a: usize, b: usize): bool {
  return ((limb(a, 0) ^ limb(b, 0)) | (limb(a, 1) ^ limb(b, 1)) |
    (limb(a, 2) ^ limb(b, 2)) | (limb(a, 3) ^ limb(b, 3))) == 0;
}

/** Top bit set: negative when read as two's complement. */
@inline export function isNeg4(a: usize): bool {
  return <i64>limb(a, 3) < 0;
}

/** -1, 0, 1 comparing a and b, as signed (two's complement) or unsigned. */
export function cmp4(a: usize, b: usize, signed: bool): i32 {
  for (let i = 3; i >= 0; i--) {
    const x = limb(a, i), y = limb(b, i);
    if (x != y) {
      if (i == 3 && signed) return <i64>x < <i64>y ? -1 : 1;
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** r = a + b mod 2^256; returns the carry out (0 or 1). r may alias. */
export function add4(r: usize, a: usize, b: usize): u64 {
  let c: u64 = 0;
  for (let i = 0; i < 4; i++) {
    const x = limb(a, i);
    const s = x + limb(b, i);
    const t = s + c;
    c = <u64>(s < x) | <u64>(t < s);
    store<u64>(r + (<usize>i << 3), t);
  }
  return c;
}

/** r = a - b mod 2^256; returns the borrow out (0 or 1). r may alias. */
export function sub4(r: usize, a: usize, b: usize): u64 {
  let c: u64 = 0;
  for (let i = 0; i < 4; i++) {
    const x = limb(a, i), y = limb(b, i);
    const d = x - y;
    const t = d - c;
    c = <u64>(x < y) | <u64>(d < c);
    store<u64>(r + (<usize>i << 3), t);
  }
  return c;
}

/** r = -a mod 2^256. r may alias a. */
export function neg4(r: usize, a: usize): void {
  let c: u64 = 1;
  for (let i = 0; i < 4; i++) {
    const t = ~limb(a, i) + c;
    c = <u64>(t < c);
    store<u64>(r + (<usize>i << 3), t);
  }
}

/**
 * Wraps a to `bits` bits and re-extends (sign or zero) to 256 bits.
 * r may alias a.
 */
export function truncate4(r: usize, a: usize, bits: i32, signed: bool): void {
  if (bits >= 256) {
    copy4(r, a);
    return;
  }
  const k = bits >> 6, s = <u64>(bits & 63);
  let fill: u64 = 0;
  for (let i = 0; i < 4; i++) {
    let x = limb(a, i);
    if (i < k) {
      store<u64>(r + (<usize>i << 3), x);
      continue;
    }
    if (i == k) {
      if (s != 0) {
        x = signed ? <u64>(<i64>(x << (64 - s)) >> <i64>(64 - s)) : x & ((<u64>1 << s) - 1);
        fill = signed ? <u64>(<i64>x >> 63) : 0;
      } else {
        fill = signed ? <u64>(<i64>limb(a, k - 1) >> 63) : 0;
        x = fill;
      }
    } else {
      x = fill;
    }
    store<u64>(r + (<usize>i << 3), x);
  }
}

const NORM_SCRATCH: usize = memory.data(32);

/** a already normalized for (bits, signed), i.e. in range of that type. */
export function isNormalized4(a: usize, bits: i32, signed: bool): bool {
  truncate4(NORM_SCRATCH, a, bits, signed);
  return eq4(NORM_SCRATCH, a);
}

/** out[0..16) digits = a * b (full 512-bit product). out must not alias. */
export function mulFull(out: usize, a: usize, b: usize): void {
  for (let i = 0; i < 16; i += 2) store<u64>(out + (<usize>i << 2), 0);
  for (let i = 0; i < 8; i++) {
    const ai = digit(a, i);
    if (ai == 0) continue;
    let carry: u64 = 0;
    for (let j = 0; j < 8; j++) {
      const t = ai * digit(b, j) + digit(out, i + j) + carry;
      setDigit(out, i + j, t);
      carry = t >> 32;
    }
    setDigit(out, i + 8, carry);
  }
}

/** out[0..8) digits = a * b mod 2^256. out must not alias a or b. */
export function mulLow(out: usize, a: usize, b: usize): void {
  set4(out, 0, 0, 0, 0);
  for (let i = 0; i < 8; i++) {
    const ai = digit(a, i);
    if (ai == 0) continue;
    let carry: u64 = 0;
    for (let j = 0; j < 8 - i; j++) {
      const t = ai * digit(b, j) + digit(out, i + j) + carry;
      setDigit(out, i + j, t);
      carry = t >> 32;
    }
  }
}

const UN: usize = memory.data(40); // 9 digits: normalized dividend
const VN: usize = memory.data(32); // 8 digits: normalized divisor

@inline function significantDigits(p: usize): i32 {
  let n = 8;
  while (n > 0 && load<u32>(p + (<usize>(n - 1) << 2)) == 0) n--;
  return n;
}

/**
 * q = a / b, r = a % b, unsigned, b != 0 (Knuth's algorithm D on 32-bit
 * digits, after Hacker's Delight divmnu). q and r must not alias a or b.
 */
export function udivmod4(q: usize, r: usize, a: usize, b: usize): void {
  set4(q, 0, 0, 0, 0);
  set4(r, 0, 0, 0, 0);
  const n = significantDigits(b);
  const m = significantDigits(a);
  if (m < n) {
    copy4(r, a);
    return;
  }
  if (n == 1) {
    const d = digit(b, 0);
    let rem: u64 = 0;
    for (let i = m - 1; i >= 0; i--) {
      const t = (rem << 32) | digit(a, i);
      setDigit(q, i, t / d);
      rem = t % d;
    }
    store<u64>(r, rem);
    return;
  }
  // Normalize so that the divisor's top digit has its high bit set.
  const s = <u64>clz<u32>(load<u32>(b + (<usize>(n - 1) << 2)));
  for (let i = n - 1; i > 0; i--) {
    setDigit(VN, i, (digit(b, i) << s) | (digit(b, i - 1) >> (32 - s)));
  }
  setDigit(VN, 0, digit(b, 0) << s);
  setDigit(UN, m, digit(a, m - 1) >> (32 - s));
  for (let i = m - 1; i > 0; i--) {
    setDigit(UN, i, (digit(a, i) << s) | (digit(a, i - 1) >> (32 - s)));
  }
  setDigit(UN, 0, digit(a, 0) << s);

  const vTop = digit(VN, n - 1), vNext = digit(VN, n - 2);
  for (let j = m - n; j >= 0; j--) {
    const num = (digit(UN, j + n) << 32) | digit(UN, j + n - 1);
    let qhat = num / vTop;
    let rhat = num - qhat * vTop;
    while (qhat > 0xffffffff || qhat * vNext > ((rhat << 32) | digit(UN, j + n - 2))) {
      qhat--;
      rhat += vTop;
      if (rhat > 0xffffffff) break;
    }
    // Multiply and subtract qhat * v from the current window of u.
    let k: i64 = 0;
    let t: i64 = 0;
    for (let i = 0; i < n; i++) {
      const p = qhat * digit(VN, i);
      t = <i64>digit(UN, i + j) - k - <i64>(p & 0xffffffff);
      setDigit(UN, i + j, <u64>t);
      k = <i64>(p >> 32) - (t >> 32);
    }
    t = <i64>digit(UN, j + n) - k;
    setDigit(UN, j + n, <u64>t);
    if (t < 0) { // qhat was one too large: add v back
      qhat--;
      let c: u64 = 0;
      for (let i = 0; i < n; i++) {
        const sum = digit(UN, i + j) + digit(VN, i) + c;
        setDigit(UN, i + j, sum);
        c = sum >> 32;
      }
      setDigit(UN, j + n, digit(UN, j + n) + c);
    }
    setDigit(q, j, qhat);
  }
  for (let i = 0; i < n - 1; i++) {
    setDigit(r, i, (digit(UN, i) >> s) | (digit(UN, i + 1) << (32 - s)));
  }
  setDigit(r, n - 1, digit(UN, n - 1) >> s);
}

/** r = a << k (0 <= k < 256) mod 2^256. r must not alias a. */
export function shl4(r: usize, a: usize, k: i32): void {
  const ls = k >> 6, bs = <u64>(k & 63);
  for (let i = 0; i < 4; i++) {
    const src = i - ls;
    let v: u64 = 0;
    if (src >= 0) {
      v = limb(a, src) << bs;
      if (bs != 0 && src >= 1) v |= limb(a, src - 1) >> (64 - bs);
    }
    store<u64>(r + (<usize>i << 3), v);
  }
}

/** r = a >> k (0 <= k < 256), shifting in `fill` (0 or all ones). */
export function shr4(r: usize, a: usize, k: i32, fill: u64): void {
  const ls = k >> 6, bs = <u64>(k & 63);
  for (let i = 0; i < 4; i++) {
    const src = i + ls;
    const lo = src < 4 ? limb(a, src) : fill;
    const hi = src + 1 < 4 ? limb(a, src + 1) : fill;
    const v = bs == 0 ? lo : (lo >> bs) | (hi << (64 - bs));
    store<u64>(r + (<usize>i << 3), v);
  }
}
