// The Wasm verification kernel against @noble/curves' points: the same
// u1·G + u2·Q for random and edge-case scalars and points, on both curves.
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { _splitEndoScalar, type WeierstrassPoint } from "@noble/curves/abstract/weierstrass.js";
import { kernel } from "../../runtime/crypto/kernel/kernel.ts";
import { KERNEL_INPUTS_SHA256 } from "../../runtime/crypto/kernel/kernel.generated.ts";
import { kernelInputsHash } from "../../runtime/crypto/kernel/build.ts";
import { SECP256K1, SM2, type CurveParams } from "../../runtime/crypto/curves.ts";
import { Sm2Point } from "../../runtime/crypto/sm2.ts";
import { bigTo32, bytesToBig, toHex } from "../../runtime/crypto/bytes.ts";

type P = WeierstrassPoint<bigint>;
const curves: [CurveParams, { BASE: P; fromAffine(p: { x: bigint; y: bigint }): P }][] = [
  [SECP256K1, secp256k1.Point],
  [SM2, Sm2Point],
];
const rnd = (n: bigint) => bytesToBig(randomBytes(32)) % n;
const xy = (p: P) => p.toBytes(false).slice(1);

describe("kernel.generated.ts", () => {
  it("was built from the current sources (else: npx tsx runtime/crypto/kernel/build.ts)", () => {
    expect(KERNEL_INPUTS_SHA256).toBe(kernelInputsHash());
  });
});

describe.each(curves)("kernel of $name", (curve, Point) => {
  const k = kernel(curve.name);
  const G = Point.BASE;

  /** Kernel's u1·G + u2·Q, as bytes, or "infinity". */
  const mulAdd = (u1: bigint, q: P, u2: bigint) => {
    expect(k.setPoint(xy(q))).toBe(true);
    return k.mulAdd(u1, u2) ? toHex(k.affine()) : "infinity";
  };
  const expected = (u1: bigint, q: P, u2: bigint) => {
    const r = G.mulAddUnsafe(u1, q, u2);
    return r.is0() ? "infinity" : toHex(xy(r));
  };

  it("computes u1·G + u2·Q as noble does for random scalars and points", () => {
    for (let i = 0; i < 40; i++) {
      const q = G.multiply(rnd(curve.n - 1n) + 1n);
      const u1 = rnd(curve.n), u2 = rnd(curve.n);
      expect(mulAdd(u1, q, u2)).toBe(expected(u1, q, u2));
      const x = G.mulAddUnsafe(u1, q, u2).toAffine().x;
      expect(k.xEquals(x)).toBe(true);
      expect(k.xEquals((x + 1n) % curve.p)).toBe(false);
    }
  });

  it("handles the edge cases: zero scalars, Q = ±G, sums that double or vanish, extreme scalars", () => {
    const q = G.multiply(7n);
    const n = curve.n;
    const cases: [bigint, P, bigint][] = [
      [0n, q, 0n], [0n, q, 1n], [1n, q, 0n], [5n, G, 5n], [5n, G.negate(), 5n], [3n, G, n - 3n],
      [n - 1n, q, 1n], [n - 1n, G, 1n], [1n, G, n - 1n], [2n, q, n - 1n], [n - 1n, q, n - 1n],
      [(1n << 255n) % n, q, (1n << 255n) % n], [0xff_ff_ff_ffn, q, 0x80n], [7n, q, n - 1n], [14n, q, n - 2n],
    ];
    for (const [u1, p, u2] of cases) expect(mulAdd(u1, p, u2), `${u1}·G + ${u2}·Q`).toBe(expected(u1, p, u2));
    // Every digit of the G table: u1 with one byte set in each position.
    for (let w = 0; w < 32; w++) for (const b of [1n, 0x7fn, 0x80n, 0x81n, 0xffn]) {
      const u1 = (b << BigInt(8 * w)) % n;
      expect(mulAdd(u1, q, 0n)).toBe(expected(u1, q, 0n));
    }
  });

  it("checks points and lifts x coordinates", () => {
    const q = G.multiply(rnd(curve.n - 1n) + 1n);
    const bytes = xy(q);
    expect(k.setPoint(bytes)).toBe(true);
    const bad = bytes.slice();
    bad[63]! ^= 1;
    expect(k.setPoint(bad)).toBe(false);
    expect(k.setPoint(new Uint8Array(64))).toBe(false);
    // Coordinates must be below p: (x + p, y) is refused where (x, y) is a point.
    let sx = 1n;
    while (!k.liftX(sx, false)) sx++;
    expect(k.mulAdd(0n, 1n)).toBe(true);
    const small = k.affine();
    expect(k.setPoint(small)).toBe(true);
    expect(k.setPoint(new Uint8Array([...bigTo32(sx + curve.p), ...small.subarray(32)]))).toBe(false);
    const sy = bytesToBig(small, 32);
    if (sy + curve.p < 1n << 256n) expect(k.setPoint(new Uint8Array([...small.subarray(0, 32), ...bigTo32(sy + curve.p)]))).toBe(false);
    const { x, y } = q.toAffine();
    for (const odd of [false, true]) {
      expect(k.liftX(x, odd)).toBe(true);
      expect(k.mulAdd(0n, 1n)).toBe(true);
      const want = (y & 1n) === (odd ? 1n : 0n) ? y : curve.p - y;
      expect(toHex(k.affine())).toBe(toHex(new Uint8Array([...bigTo32(x), ...bigTo32(want)])));
    }
    expect(k.liftX(curve.p, false)).toBe(false);
    // Half of all x are not on the curve: find one and check noble agrees.
    let nx = 1n;
    while (k.liftX(nx, false)) nx++;
    expect(() => Point.fromAffine({ x: nx, y: 1n }).assertValidity()).toThrow();
  });

  it("compares x with candidates ≥ n (x1 ∈ [n, p), which SM2 verification must accept)", () => {
    // Find a point whose x is at least n: x = n, n + 1, … until one lifts.
    let x = curve.n;
    while (!k.liftX(x, false)) x++;
    expect(x < curve.p).toBe(true);
    expect(k.mulAdd(0n, 1n)).toBe(true);
    expect(k.xEquals(x)).toBe(true);
    expect(k.xEquals(x - curve.n)).toBe(false);
  });

  it("inverts scalars modulo n", () => {
    for (const a of [1n, 2n, curve.n - 1n, curve.n - 2n, rnd(curve.n - 1n) + 1n, rnd(curve.n - 1n) + 1n]) {
      const inv = k.invertScalar(a);
      expect((inv * a) % curve.n).toBe(1n);
      expect(inv < curve.n).toBe(true);
    }
  });
});

describe("kernel of secp256k1, u2 split over Q and ψ(Q) (GLV)", () => {
  const k = kernel("secp256k1");
  const G = secp256k1.Point.BASE;
  const N = SECP256K1.n;
  const basis = SECP256K1.endo!.basis;
  // λ with ψ(P) = λ·P: the eigenvalue of β, checked below rather than trusted.
  const lambda = 0x5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72n;

  it("has the β and λ of the same endomorphism", () => {
    const q = G.multiply(12345n);
    const psi = secp256k1.Point.fromAffine({ x: (q.toAffine().x * SECP256K1.endo!.beta) % SECP256K1.p, y: q.toAffine().y });
    expect(psi.equals(q.multiply(lambda))).toBe(true);
  });

  it("computes u1·G + u2·Q as noble does", () => {
    const scalars = [0n, 1n, 2n, N - 1n, lambda, N - lambda, (lambda * lambda) % N, 1n << 128n, (1n << 200n) + 3n];
    for (let i = 0; i < 30; i++) scalars.push(rnd(N));
    for (const u2 of scalars) {
      const q = G.multiply(rnd(N - 1n) + 1n);
      const u1 = rnd(N);
      const { k1, k1neg, k2, k2neg } = _splitEndoScalar(u2, basis, N);
      expect(k.setPoint(xy(q))).toBe(true);
      const got = k.mulAddSplit(u1, k1, k1neg, k2, k2neg) ? toHex(k.affine()) : "infinity";
      const want = G.mulAddUnsafe(u1, q, u2);
      expect(got, `u2 = ${u2}`).toBe(want.is0() ? "infinity" : toHex(xy(want)));
    }
    // A sum that vanishes: u1·G + u2·G with u1 + u2 = n.
    const { k1, k1neg, k2, k2neg } = _splitEndoScalar(N - 5n, basis, N);
    k.setPoint(xy(G));
    expect(k.mulAddSplit(5n, k1, k1neg, k2, k2neg)).toBe(false);
  });
});
