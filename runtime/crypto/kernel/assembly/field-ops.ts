// @ts-nocheck: AssemblyScript, compiled to Wasm by ../build.ts, not by tsc.
//
// Field helpers beside the generated arithmetic (./field): copies, tests,
// negation, exponentiation, and the shared temporaries t(0) … t(11).
import { P, ONE, fmul, fsqr, fsub } from "./field";

const T: usize = memory.data(32 * 12);
const POW: usize = memory.data(32 * 16); // fpow's window table

/** The i-th 32-byte field temporary (points.ts uses 0 … 8, curve.ts 8 … 11 between point operations). */
@inline export function t(i: i32): usize { return T + (<usize>i << 5); }

export function fcopy(r: usize, a: usize): void {
  for (let i: usize = 0; i < 32; i += 8) store<u64>(r + i, load<u64>(a + i));
}
export function fiszero(a: usize): bool {
  return (load<u64>(a) | load<u64>(a, 8) | load<u64>(a, 16) | load<u64>(a, 24)) == 0;
}
export function feq(a: usize, b: usize): bool {
  return load<u64>(a) == load<u64>(b) && load<u64>(a, 8) == load<u64>(b, 8) &&
    load<u64>(a, 16) == load<u64>(b, 16) && load<u64>(a, 24) == load<u64>(b, 24);
}
/** Normal-form a < p. */
export function ltP(a: usize): bool {
  for (let i: i32 = 7; i >= 0; i--) {
    const x = load<u32>(a + (<usize>i << 2)), y = load<u32>(P + (<usize>i << 2));
    if (x != y) return x < y;
  }
  return false;
}
export function fneg(r: usize, a: usize): void {
  if (fiszero(a)) { fcopy(r, a); return; }
  fsub(r, P, a); // P in normal form is p ≡ 0: fsub gives p − a
}
/** r = a^e (e: 8 LE limbs), 4-bit fixed window. r must not alias a. */
export function fpow(r: usize, a: usize, e: usize): void {
  const tab = POW; // a^0 … a^15
  fcopy(tab, ONE);
  fcopy(tab + 32, a);
  for (let i: usize = 2; i < 16; i++) fmul(tab + (i << 5), tab + ((i - 1) << 5), a);
  fcopy(r, ONE);
  for (let i: i32 = 63; i >= 0; i--) {
    fsqr(r, r); fsqr(r, r); fsqr(r, r); fsqr(r, r);
    const nib = (load<u32>(e + (<usize>(i >> 3) << 2)) >> ((<u32>i & 7) << 2)) & 15;
    if (nib != 0) fmul(r, r, tab + (<usize>nib << 5));
  }
}
