// SM2 signatures (GB/T 32918.2-2016 §6–7) on the recommended curve
// (GB/T 32918.5), built on @noble/curves' Weierstrass points:
//
//   Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), ID_A "1234567812345678"
//   e   = SM3(Z_A ‖ M)
//   sign:   (x1, y1) = k·G, r = (e + x1) mod n, s = (1 + d)⁻¹(k − r·d) mod n
//   verify: t = (r + s) mod n, (x1', y1') = s·G + t·P_A, accept iff (e + x1') mod n = r
//
// Signing uses noble's constant-time multiplication; k comes from an
// HMAC-DRBG over HMAC-SM3 seeded with d and e (RFC 6979's construction),
// so signatures are deterministic. Verification computes s·G + t·P_A in
// the Wasm kernel and compares x coordinates without an inversion;
// verifyWithNoble is the same check on noble's points (the reference).
import { weierstrass } from "@noble/curves/abstract/weierstrass.js";
import { createHmacDrbg } from "@noble/curves/utils.js";
import { bigTo32, bytesToBig, concatBytes, isBytes } from "./bytes.ts";
import { SM2 } from "./curves.ts";
import { hmacSm3, sm3 } from "./hash.ts";
import { kernel } from "./kernel/kernel.ts";

export const Sm2Point = weierstrass({ p: SM2.p, n: SM2.n, h: 1n, a: SM2.a, b: SM2.b, Gx: SM2.Gx, Gy: SM2.Gy });
const Fn = Sm2Point.Fn;
const N = SM2.n;

/** The user id FISCO BCOS (and most SM2 software) signs with. */
export const DEFAULT_USER_ID = new TextEncoder().encode("1234567812345678");

const CURVE_BYTES = concatBytes(bigTo32(SM2.a), bigTo32(SM2.b), bigTo32(SM2.Gx), bigTo32(SM2.Gy));

/** Z_A of a 64-byte public key x ‖ y. */
export function za(publicKey: Uint8Array, userId: Uint8Array = DEFAULT_USER_ID): Uint8Array {
  const bits = userId.length * 8;
  if (bits > 0xffff) throw new Error("sm2: the user id is longer than 8191 bytes");
  return sm3(Uint8Array.of(bits >> 8, bits & 0xff), userId, CURVE_BYTES, publicKey);
}

/** e = SM3(Z_A ‖ M) as a number (not reduced). */
export function messageHash(message: Uint8Array, publicKey: Uint8Array, userId?: Uint8Array): bigint {
  return bytesToBig(sm3(za(publicKey, userId), message));
}

/** 1 ≤ d ≤ n − 2: d = n − 1 would make 1 + d non-invertible. */
export function isValidSm2PrivateKey(key: Uint8Array): boolean {
  if (!isBytes(key, 32)) return false;
  const d = bytesToBig(key);
  return d >= 1n && d <= N - 2n;
}

function privateScalar(key: Uint8Array): bigint {
  if (!isValidSm2PrivateKey(key)) throw new Error("sm2: a private key is 32 bytes, 1 ≤ d ≤ n − 2");
  return bytesToBig(key);
}

/** x ‖ y (64 bytes) of d·G. */
export function sm2PublicKeyOf(privateKey: Uint8Array): Uint8Array {
  return Sm2Point.BASE.multiply(privateScalar(privateKey)).toBytes(false).slice(1);
}

/** The signature with nonce k, or null when k must be rejected (r = 0, r + k = n, s = 0). */
export function signWithNonce(e: bigint, d: bigint, k: bigint): { r: bigint; s: bigint } | null {
  if (k <= 0n || k >= N) return null;
  const x1 = Sm2Point.BASE.multiply(k).toAffine().x;
  const r = Fn.create(e + x1);
  if (r === 0n || r + k === N) return null;
  const s = Fn.mul(Fn.inv(1n + d), Fn.sub(k, Fn.mul(r, d)));
  return s === 0n ? null : { r, s };
}

/** r ‖ s (64 bytes) over `message` (FISCO signs the 32-byte transaction hash as M). */
export function sm2Sign(message: Uint8Array, privateKey: Uint8Array, publicKey?: Uint8Array): Uint8Array {
  const d = privateScalar(privateKey);
  const pub = publicKey ?? sm2PublicKeyOf(privateKey);
  const e = messageHash(message, pub);
  const drbg = createHmacDrbg<{ r: bigint; s: bigint }>(32, 32, hmacSm3);
  const { r, s } = drbg(concatBytes(privateKey, bigTo32(e % N)), (kBytes) => signWithNonce(e, d, bytesToBig(kBytes)) ?? undefined);
  return concatBytes(bigTo32(r), bigTo32(s));
}

interface Parsed {
  r: bigint;
  s: bigint;
  t: bigint;
  e: bigint;
}

function parse(message: Uint8Array, rs: Uint8Array, publicKey: Uint8Array): Parsed | null {
  if (!isBytes(message) || !isBytes(rs, 64) || !isBytes(publicKey, 64)) return null;
  const r = bytesToBig(rs, 0);
  const s = bytesToBig(rs, 32);
  if (r === 0n || r >= N || s === 0n || s >= N) return null;
  const t = Fn.add(r, s);
  if (t === 0n) return null;
  return { r, s, t, e: messageHash(message, publicKey) };
}

/** Whether r ‖ s is a valid signature of `message` by `publicKey` (x ‖ y). Never throws. */
export function sm2Verify(message: Uint8Array, rs: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    const p = parse(message, rs, publicKey);
    if (!p) return false;
    const k = kernel("sm2");
    if (!k.setPoint(publicKey) || !k.mulAdd(p.s, p.t)) return false;
    // (e + x1') mod n = r  ⟺  x1' ∈ {c, c + n} with c = (r − e) mod n, as x1' < p < 2n.
    const c = Fn.sub(p.r, Fn.create(p.e));
    return k.xEquals(c) || (c + N < SM2.p && k.xEquals(c + N));
  } catch {
    return false;
  }
}

/** sm2Verify computed with @noble/curves alone (the tests' reference). */
export function verifyWithNoble(message: Uint8Array, rs: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    const p = parse(message, rs, publicKey);
    if (!p) return false;
    const P = Sm2Point.fromAffine({ x: bytesToBig(publicKey, 0), y: bytesToBig(publicKey, 32) });
    P.assertValidity();
    const R = Sm2Point.BASE.mulAddUnsafe(p.s, P, p.t);
    return !R.is0() && Fn.create(p.e + R.toAffine().x) === p.r;
  } catch {
    return false;
  }
}
