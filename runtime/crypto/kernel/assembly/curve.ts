// @ts-nocheck: AssemblyScript, compiled to Wasm by ../build.ts, not by tsc.
//
// The verification kernel of one curve (its field module is generated per
// curve by build/field.ts): u1·G + u2·Q for public scalars and points,
// which is all that signature verification and public-key recovery need.
// Not constant-time: it never sees a private key (signing stays in
// @noble/curves). Jacobian coordinates (x = X/Z², y = Y/Z³), Montgomery
// field elements; the point at infinity is Z = 0.
//
//   G part: signed 8-bit fixed windows over a table of 33 × 128 affine
//           multiples of G, built once by init(): 33 mixed additions and
//           no doublings.
//   Q part: width-5 wNAF over Q, 3Q, …, 15Q: 256 doublings, ~43 additions;
//           on secp256k1 two 128-bit halves over Q and ψ(Q) (GLV): 128
//           doublings for the same number of additions.
//
// The JS side (../kernel.ts) writes inputs to io() and reads results back.
import { A_IS_ZERO, HAS_ENDO, BETA, P, ONE, RAW_ONE, R2, A, B, GX, GY, EXP_INV, EXP_SQRT, fmul, fsqr, fadd, fsub } from "./field";
import { t, fcopy, fiszero, feq, ltP, fneg, fpow } from "./field-ops";
import { setInf, isInf, pcopy, jdbl, jadd, jmadd } from "./points";
import { invertModN } from "./invert";

// io(): the exchange area with JS, normal-form big numbers as 8 LE u32 limbs.
const IO: usize = memory.data(256);
const U1: usize = IO; //       scalar for G
const U2: usize = IO + 32; //  scalar for Q
const QX: usize = IO + 64; //  Q (affine); liftX() writes QY
const QY: usize = IO + 96;
const OX: usize = IO + 128; // affine() result
const OY: usize = IO + 160;
const CAND: usize = IO + 192; // eqX() candidate x; invN() input
const U3: usize = IO + 224; // mulAddEndo(): the scalar for ψ(Q)

const ACC: usize = memory.data(96); //   the running sum (Jacobian)
const QT: usize = memory.data(96 * 9); // Q, 3Q, …, 15Q, then 2Q / a negated entry
const NAF: usize = memory.data(260); //  wNAF digits of U2 (i8)
const QT2: usize = memory.data(96 * 9); // ψ of QT's entries (mulAddEndo)
const NAF2: usize = memory.data(260); // wNAF digits of U3
const GD: usize = memory.data(33 * 4); // signed window digits of U1 (i32)

const WINDOWS: usize = 33;
const PER_WINDOW: usize = 128;
const G_POINTS: usize = WINDOWS * PER_WINDOW;
let GT: usize = 0; // affine G table, 64 bytes per entry, after init()

export function io(): usize { return IO; }

// ---- the G table -----------------------------------------------------------

/**
 * Builds GT[w][j] = (j + 1)·2^(8w)·G for w < 33, j < 128, affine, by
 * additions in Jacobian coordinates and one batch inversion (Montgomery's
 * trick) for all 4,224 points. Idempotent.
 */
export function init(): void {
  if (GT != 0) return;
  const base = (__heap_base + 63) & ~63;
  const jac = base + G_POINTS * 64; // Jacobian points, 96 bytes each
  const pref = jac + G_POINTS * 96; // prefix products of their Z
  const end = pref + G_POINTS * 32;
  const pages = <i32>((end + 0xffff) >> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) unreachable();
  const b = ACC;
  fcopy(b, GX); fcopy(b + 32, GY); fcopy(b + 64, ONE);
  for (let w: usize = 0; w < WINDOWS; w++) {
    const row = jac + w * PER_WINDOW * 96;
    pcopy(row, b);
    for (let j: usize = 1; j < PER_WINDOW; j++) jadd(row + j * 96, row + (j - 1) * 96, b);
    jdbl(b, row + (PER_WINDOW - 1) * 96); // 2·128·B = 256·B: the next window's base
  }
  fcopy(pref, jac + 64);
  for (let i: usize = 1; i < G_POINTS; i++) fmul(pref + i * 32, pref + (i - 1) * 32, jac + i * 96 + 64);
  const inv = t(9), zi = t(10), zz = t(11);
  fpow(inv, pref + (G_POINTS - 1) * 32, EXP_INV);
  for (let i: isize = <isize>G_POINTS - 1; i >= 0; i--) {
    const pt = jac + <usize>i * 96;
    if (i > 0) fmul(zi, inv, pref + <usize>(i - 1) * 32);
    else fcopy(zi, inv);
    fmul(inv, inv, pt + 64);
    fsqr(zz, zi);
    const out = base + <usize>i * 64;
    fmul(out, pt, zz);
    fmul(zz, zz, zi);
    fmul(out + 32, pt + 32, zz);
  }
  GT = base;
}

// ---- scalar recoding ---------------------------------------------------------

/** Width-5 wNAF of a 256-bit scalar into `naf` (i8 digits); returns the number of digits. */
function wnaf(scalar: usize, naf: usize): i32 {
  const k = t(8); // 9 limbs: t(8) and the first limb of t(9)
  fcopy(k, scalar);
  store<u32>(k, 0, 32);
  let n: i32 = 0;
  while (true) {
    let any: u32 = 0;
    for (let i: usize = 0; i < 9; i++) any |= load<u32>(k + (i << 2));
    if (any == 0) break;
    let d: i32 = 0;
    const low = load<u32>(k);
    if (low & 1) {
      d = <i32>(low & 31);
      if (d >= 16) d -= 32;
      // k −= d, on 9 limbs
      let c: i64 = -(<i64>d);
      for (let i: usize = 0; i < 9 && c != 0; i++) {
        const v = <i64>load<u32>(k + (i << 2)) + c;
        store<u32>(k + (i << 2), <u32>v);
        c = v >> 32;
      }
    }
    store<i8>(naf + <usize>n, <i8>d);
    n++;
    // k >>= 1
    for (let i: usize = 0; i < 8; i++) {
      const lo = load<u32>(k + (i << 2)), hi = load<u32>(k + ((i + 1) << 2));
      store<u32>(k + (i << 2), (lo >> 1) | (hi << 31));
    }
    store<u32>(k + 32, load<u32>(k + 32) >> 1);
  }
  return n;
}

/** Signed 8-bit windows of U1: U1 = Σ GD[w]·2^(8w), GD[w] ∈ [−127, 128]. */
function gdigits(): void {
  let carry: i32 = 0;
  for (let w: usize = 0; w < 32; w++) {
    let d = <i32>load<u8>(U1 + w) + carry;
    if (d > 128) { d -= 256; carry = 1; } else carry = 0;
    store<i32>(GD + (w << 2), d);
  }
  store<i32>(GD + 128, carry);
}

// ---- entry points --------------------------------------------------------------

/** table[i] = (2i + 1)·table[0] for i < 8; table[8] holds 2·table[0] (then serves addDigit()). */
function oddMultiples(table: usize): void {
  const two = table + 8 * 96;
  jdbl(two, table);
  for (let i: usize = 1; i < 8; i++) jadd(table + i * 96, table + (i - 1) * 96, two);
}

/** ACC += d·(table entry), d an odd wNAF digit or 0. */
function addDigit(table: usize, d: i32): void {
  if (d > 0) jadd(ACC, ACC, table + <usize>((d - 1) >> 1) * 96);
  else if (d < 0) {
    const e = table + <usize>((-d - 1) >> 1) * 96, neg = table + 8 * 96;
    fcopy(neg, e); fneg(neg + 32, e + 32); fcopy(neg + 64, e + 64);
    jadd(ACC, ACC, neg);
  }
}

/** ACC += U1·G from the table; 1 unless ACC ends at infinity. */
function addG(): i32 {
  gdigits();
  for (let w: usize = 0; w < WINDOWS; w++) {
    const d = load<i32>(GD + (w << 2));
    if (d != 0) jmadd(ACC, ACC, GT + (w * PER_WINDOW + <usize>(d < 0 ? -d : d) - 1) * 64, d < 0);
  }
  return isInf(ACC) ? 0 : 1;
}

/** QT[0] = Q (QX, QY to Montgomery form), negated if `neg`. */
function loadQ(neg: bool): void {
  fmul(QT, QX, R2); fmul(QT + 32, QY, R2); fcopy(QT + 64, ONE);
  if (neg) fneg(QT + 32, QT + 32);
}

/** ACC = U1·G + U2·Q for Q at QX, QY (on the curve: checked by the caller). 1 unless ACC is infinity. */
export function mulAdd(): i32 {
  init();
  loadQ(false);
  oddMultiples(QT);
  const n = wnaf(U2, NAF);
  setInf(ACC);
  for (let i = n - 1; i >= 0; i--) {
    if (!isInf(ACC)) jdbl(ACC, ACC);
    addDigit(QT, <i32>load<i8>(NAF + <usize>i));
  }
  return addG();
}

/**
 * ACC = U1·G + (±U2)·Q + (±U3)·ψ(Q) with ψ(x, y) = (β·x, y) = λ·(x, y),
 * secp256k1's endomorphism. The caller splits u2 = ±U2 ± λ·U3 with both
 * halves below 2^129 (GLV), which halves the doublings. negQ / negPsi are
 * the halves' signs. 1 unless ACC is infinity.
 */
export function mulAddEndo(negQ: i32, negPsi: i32): i32 {
  if (!HAS_ENDO) unreachable();
  init();
  loadQ(negQ != 0);
  oddMultiples(QT);
  // ψ((2i+1)·(±Q)) = ±(2i+1)·ψ(Q): flip y when the two signs differ.
  for (let i: usize = 0; i < 8; i++) {
    const e = QT + i * 96, f = QT2 + i * 96;
    fmul(f, e, BETA);
    if ((negQ != 0) != (negPsi != 0)) fneg(f + 32, e + 32);
    else fcopy(f + 32, e + 32);
    fcopy(f + 64, e + 64);
  }
  const n1 = wnaf(U2, NAF), n2 = wnaf(U3, NAF2);
  setInf(ACC);
  for (let i = (n1 > n2 ? n1 : n2) - 1; i >= 0; i--) {
    if (!isInf(ACC)) jdbl(ACC, ACC);
    if (i < n1) addDigit(QT, <i32>load<i8>(NAF + <usize>i));
    if (i < n2) addDigit(QT2, <i32>load<i8>(NAF2 + <usize>i));
  }
  return addG();
}

/** 1 if ACC is finite and its affine x is CAND (normal form, < p). Used instead of an inversion. */
export function eqX(): i32 {
  if (isInf(ACC)) return 0;
  fmul(t(9), CAND, R2);
  fsqr(t(10), ACC + 64);
  fmul(t(9), t(9), t(10));
  return feq(t(9), ACC) ? 1 : 0;
}

/** OX, OY = ACC in affine normal form (ACC finite). */
export function affine(): void {
  fpow(t(9), ACC + 64, EXP_INV);
  fsqr(t(10), t(9));
  fmul(t(11), ACC, t(10));
  fmul(OX, t(11), RAW_ONE);
  fmul(t(10), t(10), t(9));
  fmul(t(11), ACC + 32, t(10));
  fmul(OY, t(11), RAW_ONE);
}

/** t(9) = x³ + ax + b for Montgomery x at t(9)'s input x (x at `x`); uses t(10). */
function rhs(out: usize, x: usize): void {
  fsqr(t(10), x);
  fmul(t(10), t(10), x);
  if (!A_IS_ZERO) { fmul(out, A, x); fadd(t(10), t(10), out); }
  fadd(out, t(10), B);
}

/** 1 if QX, QY (normal form) is a point of the curve. */
export function onCurve(): i32 {
  if (!ltP(QX) || !ltP(QY)) return 0;
  fmul(t(0), QX, R2);
  rhs(t(1), t(0));
  fmul(t(2), QY, R2);
  fsqr(t(2), t(2));
  return feq(t(1), t(2)) ? 1 : 0;
}

/** QY = the y of x = QX whose parity is `odd`; 0 if QX is not the x of a point. */
export function liftX(odd: i32): i32 {
  if (!ltP(QX)) return 0;
  fmul(t(0), QX, R2);
  rhs(t(1), t(0));
  fpow(t(2), t(1), EXP_SQRT);
  fsqr(t(3), t(2));
  if (!feq(t(3), t(1))) return 0;
  fmul(QY, t(2), RAW_ONE);
  if ((<i32>load<u32>(QY) & 1) != (odd & 1)) {
    if (fiszero(QY)) return 0;
    fsub(QY, P, QY);
  }
  return 1;
}

/** OX = CAND⁻¹ mod n (CAND in normal form, 0 < CAND < n). */
export function invN(): void {
  invertModN(OX, CAND);
}
