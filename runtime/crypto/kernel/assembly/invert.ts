// @ts-nocheck: AssemblyScript, compiled to Wasm by ../build.ts, not by tsc.
//
// Inversion modulo the group order n, of public values only (variable
// time): a binary extended Euclid on 256-bit numbers in normal form.
import { N } from "./field";
import { t, fcopy } from "./field-ops";

function isOne(a: usize): bool {
  return load<u64>(a) == 1 && (load<u64>(a, 8) | load<u64>(a, 16) | load<u64>(a, 24)) == 0;
}
/** a = (a >> 1) | top·2^255. */
function shr1(a: usize, top: u32): void {
  for (let i: usize = 0; i < 28; i += 4) store<u32>(a + i, (load<u32>(a + i) >> 1) | (load<u32>(a + i + 4) << 31));
  store<u32>(a + 28, (load<u32>(a + 28) >> 1) | (top << 31));
}
/** a = a + b (mod 2^256); the carry out. */
function add256(a: usize, b: usize): u32 {
  let c: u64 = 0;
  for (let i: usize = 0; i < 32; i += 4) {
    c += <u64>load<u32>(a + i) + <u64>load<u32>(b + i);
    store<u32>(a + i, <u32>c);
    c >>= 32;
  }
  return <u32>c;
}
/** a = a − b (mod 2^256); 1 if it borrowed. */
function sub256(a: usize, b: usize): bool {
  let bw: u64 = 0;
  for (let i: usize = 0; i < 32; i += 4) {
    const d = <u64>load<u32>(a + i) - <u64>load<u32>(b + i) - bw;
    store<u32>(a + i, <u32>d);
    bw = d >> 63;
  }
  return bw != 0;
}
function geq(a: usize, b: usize): bool {
  for (let i: i32 = 28; i >= 0; i -= 4) {
    const x = load<u32>(a + <usize>i), y = load<u32>(b + <usize>i);
    if (x != y) return x > y;
  }
  return true;
}
/** x = x/2 mod n. */
function halfModN(x: usize): void {
  if (load<u32>(x) & 1) shr1(x, add256(x, N));
  else shr1(x, 0);
}

/**
 * out = a⁻¹ mod n (normal form, 0 < a < n): the r⁻¹ of key recovery. Keeps
 * x1·a ≡ u and x2·a ≡ v (mod n) while u and v shrink to gcd(a, n) = 1;
 * ~7 µs, against ~40 µs for bigint's Euclid.
 */
export function invertModN(out: usize, a: usize): void {
  const u = t(0), v = t(1), x1 = t(2), x2 = t(3);
  fcopy(u, a); fcopy(v, N);
  memory.fill(x1, 0, 32); store<u32>(x1, 1);
  memory.fill(x2, 0, 32);
  while (!isOne(u) && !isOne(v)) {
    while ((load<u32>(u) & 1) == 0) { shr1(u, 0); halfModN(x1); }
    while ((load<u32>(v) & 1) == 0) { shr1(v, 0); halfModN(x2); }
    if (geq(u, v)) { sub256(u, v); if (sub256(x1, x2)) add256(x1, N); }
    else { sub256(v, u); if (sub256(x2, x1)) add256(x2, N); }
  }
  fcopy(out, isOne(u) ? x1 : x2);
}
