// rt256_* against the BigInt oracle, at every width 8..256, both signednesses.
import { describe, expect, it } from "vitest";
import { Support, panicCode } from "./harness.ts";
import { Rng, divTrunc, fits, maxOf, minOf, modTrunc, norm, powExact } from "./oracle.ts";
import { PANIC_KECCAK } from "./selectors.ts";

const WIDTHS = Array.from({ length: 32 }, (_, i) => 8 * (i + 1));
const CASES = 60;

type Outcome = bigint | { panic: number };

/** Calls a rt256 export returning a pointer; reads the value back. */
function run(s: Support, signed: boolean, f: () => number): Outcome {
  const r = s.attempt(f);
  if (r.ok) return s.read256(r.value, signed);
  const code = panicCode(r.data, PANIC_KECCAK);
  if (code === null) throw new Error("revert that is not a Panic");
  return { panic: code };
}

const checked = (v: bigint, bits: number, signed: boolean): Outcome => (fits(v, bits, signed) ? v : { panic: 0x11 });
const wrapped = (v: bigint, bits: number, signed: boolean): Outcome => norm(v, bits, signed);

type Oracle = (a: bigint, b: bigint, bits: number, signed: boolean) => Outcome;

const BINARY: [string, Oracle][] = [
  ["rt256_add", (a, b, n, s) => checked(a + b, n, s)],
  ["rt256_sub", (a, b, n, s) => checked(a - b, n, s)],
  ["rt256_mul", (a, b, n, s) => checked(a * b, n, s)],
  ["rt256_div", (a, b, n, s) => (b === 0n ? { panic: 0x12 } : checked(divTrunc(a, b), n, s))],
  ["rt256_mod", (a, b, n, s) => (b === 0n ? { panic: 0x12 } : checked(modTrunc(a, b), n, s))],
  ["rt256_add_wrap", (a, b, n, s) => wrapped(a + b, n, s)],
  ["rt256_div_wrap", (a, b, n, s) => (b === 0n ? { panic: 0x12 } : wrapped(divTrunc(a, b), n, s))],
  ["rt256_sub_wrap", (a, b, n, s) => wrapped(a - b, n, s)],
  ["rt256_mul_wrap", (a, b, n, s) => wrapped(a * b, n, s)],
];

function forAllTypes(seed: number, body: (rng: Rng, bits: number, signed: boolean) => void): void {
  const rng = new Rng(seed);
  for (const bits of WIDTHS) {
    for (const signed of [false, true]) {
      for (let i = 0; i < CASES; i++) body(rng, bits, signed);
    }
  }
}

const ty = (bits: number, signed: boolean) => `${signed ? "i" : "u"}${bits}`;

describe("rt256 binary arithmetic", () => {
  BINARY.forEach(([name, oracle], k) => {
    it(`${name} matches the oracle`, () => {
      const s = new Support();
      forAllTypes(100 + k, (rng, bits, signed) => {
        const a = rng.value(bits, signed), b = rng.value(bits, signed);
        const got = run(s, signed, () => s.x[name](s.big(a), s.big(b), bits, +signed));
        expect(got, `${name}(${a}, ${b}) ${ty(bits, signed)}`).toEqual(oracle(a, b, bits, signed));
      });
    });
  });

  it("MIN / -1 overflows, MIN % -1 is 0, at every signed width", () => {
    const s = new Support();
    for (const bits of WIDTHS) {
      const min = s.big(minOf(bits, true)), m1 = s.big(-1n);
      expect(run(s, true, () => s.x.rt256_div(min, m1, bits, 1))).toEqual({ panic: 0x11 });
      expect(run(s, true, () => s.x.rt256_mod(min, m1, bits, 1))).toBe(0n);
      expect(run(s, true, () => s.x.rt256_mul(min, m1, bits, 1))).toEqual({ panic: 0x11 });
      expect(run(s, true, () => s.x.rt256_neg(min, bits, 1))).toEqual({ panic: 0x11 });
      expect(run(s, true, () => s.x.rt256_div_wrap(min, m1, bits, 1))).toBe(minOf(bits, true));
      expect(run(s, true, () => s.x.rt256_neg_wrap(min, bits, 1))).toBe(minOf(bits, true));
    }
  });

  it("division on full-width operands of every digit count", () => {
    const s = new Support();
    const rng = new Rng(7);
    for (let i = 0; i < 3000; i++) {
      const a = rng.bits(1 + rng.int(256)), b = rng.bits(1 + rng.int(256)) || 1n;
      expect(s.read256(s.x.rt256_div(s.big(a), s.big(b), 256, 0), false), `${a} / ${b}`).toBe(a / b);
      expect(s.read256(s.x.rt256_mod(s.big(a), s.big(b), 256, 0), false), `${a} % ${b}`).toBe(a % b);
    }
    // Operands (found by a model of the algorithm) for which Knuth D's
    // estimated quotient digit is one too large: the rare add-back step.
    const addBack: [bigint, bigint][] = [
      [0x400000007fffffff00000000800000010000000000000000n, 0x800000017fffffff80000001n],
      [0xfffffffe400000000000000100000001ffffffff800000007fffffff80000001n, 0xfffffffe0000000080000001n],
      [0xfffffffeffffffff7fffffff00000001000000007fffffffn, 0x7fffffff7fffffffffffffff80000001ffffffffn],
      [0xfffffffeffffffff00000002fffffffefffffffe40000000ffffffffffffffffn, 0xfffffffe00000001fffffffffffffffen],
      [0xfffffffe0000000040000000fffffffffffffffe7ffffffffffffffen, 0xfffffffefffffffffffffffefffffffffffffffe80000000n],
      [0x200000002fffffffe00000002fffffffe80000000n, 0x8000000180000001fffffffen],
    ];
    for (const [a, b] of addBack) {
      expect(s.read256(s.x.rt256_div(s.big(a), s.big(b), 256, 0), false)).toBe(a / b);
      expect(s.read256(s.x.rt256_mod(s.big(a), s.big(b), 256, 0), false)).toBe(a % b);
    }
  });
});

describe("rt256 pow", () => {
  for (const wrapping of [false, true]) {
    const name = wrapping ? "rt256_pow_wrap" : "rt256_pow";
    it(`${name} matches the oracle`, () => {
      const s = new Support();
      forAllTypes(wrapping ? 201 : 202, (rng, bits, signed) => {
        const a = rng.value(bits, signed);
        const e = rng.int(4) === 0 ? rng.bits(256) : BigInt(rng.int(300));
        const got = run(s, signed, () => s.x[name](s.big(a), s.big(e), bits, +signed));
        let want: Outcome;
        if (wrapping) {
          const m = 1n << 256n;
          let r = 1n, base = BigInt.asUintN(256, a), n = e;
          while (n > 0n) {
            if (n & 1n) r = (r * base) % m;
            base = (base * base) % m;
            n >>= 1n;
          }
          want = norm(r, bits, signed);
        } else {
          const exact = powExact(a, e);
          want = exact === null ? { panic: 0x11 } : checked(exact, bits, signed);
        }
        expect(got, `${name}(${a}, ${e}) ${ty(bits, signed)}`).toEqual(want);
      });
    });
  }

  it("reaches MIN exactly and overflows just past MAX", () => {
    const s = new Support();
    for (const bits of WIDTHS) {
      const e = (k: number) => s.big(BigInt(k));
      expect(run(s, true, () => s.x.rt256_pow(s.big(-2n), e(bits - 1), bits, 1))).toBe(minOf(bits, true));
      expect(run(s, true, () => s.x.rt256_pow(s.big(2n), e(bits - 1), bits, 1))).toEqual({ panic: 0x11 });
      expect(run(s, false, () => s.x.rt256_pow(s.big(2n), e(bits), bits, 0))).toEqual({ panic: 0x11 });
      expect(run(s, false, () => s.x.rt256_pow(s.big(2n), e(bits - 1), bits, 0))).toBe(1n << BigInt(bits - 1));
    }
  });
});

describe("rt256 unary, bitwise, shifts and comparisons", () => {
  it("neg, not, and/or/xor, fits, truncate", () => {
    const s = new Support();
    forAllTypes(300, (rng, bits, signed) => {
      const a = rng.value(bits, signed), b = rng.value(bits, signed);
      const pa = s.big(a), pb = s.big(b);
      expect(run(s, signed, () => s.x.rt256_neg(pa, bits, +signed))).toEqual(checked(-a, bits, signed));
      expect(run(s, signed, () => s.x.rt256_neg_wrap(pa, bits, +signed))).toBe(norm(-a, bits, signed));
      expect(run(s, signed, () => s.x.rt256_not(pa, bits, +signed))).toBe(norm(~a, bits, signed));
      expect(run(s, signed, () => s.x.rt256_and(pa, pb))).toBe(a & b);
      expect(run(s, signed, () => s.x.rt256_or(pa, pb))).toBe(a | b);
      expect(run(s, signed, () => s.x.rt256_xor(pa, pb))).toBe(a ^ b);
      const wide = rng.int(2) ? norm(rng.bits(256), 256, signed) : a;
      expect(s.x.rt256_fits(s.big(wide), bits, +signed)).toBe(fits(wide, bits, signed) ? 1 : 0);
      expect(run(s, signed, () => s.x.rt256_truncate(s.big(wide), bits, +signed))).toBe(norm(wide, bits, signed));
    });
  });

  it("eq, lt, le, cmp, is_zero", () => {
    const s = new Support();
    forAllTypes(301, (rng, bits, signed) => {
      const a = rng.value(bits, signed);
      const b = rng.int(4) === 0 ? a : rng.value(bits, signed);
      const pa = s.big(a), pb = s.big(b);
      expect(s.x.rt256_eq(pa, pb)).toBe(a === b ? 1 : 0);
      expect(s.x.rt256_lt(pa, pb, +signed), `${a} < ${b}`).toBe(a < b ? 1 : 0);
      expect(s.x.rt256_le(pa, pb, +signed)).toBe(a <= b ? 1 : 0);
      expect(s.x.rt256_cmp(pa, pb, +signed)).toBe(a < b ? -1 : a > b ? 1 : 0);
      expect(s.x.rt256_is_zero(pa)).toBe(a === 0n ? 1 : 0);
    });
  });

  it("shl and shr, with signed and unsigned shift amounts", () => {
    const s = new Support();
    forAllTypes(302, (rng, bits, signed) => {
      const a = rng.value(bits, signed);
      const nSigned = rng.int(2) === 1;
      const n = rng.pick([BigInt(rng.int(bits + 3)), BigInt(bits), -1n, BigInt(rng.int(600)), -(1n << 63n), (1n << 63n) - 1n]);
      const pa = s.big(a);
      const shl = run(s, signed, () => s.x.rt256_shl(pa, n, bits, +signed, +nSigned));
      const shr = run(s, signed, () => s.x.rt256_shr(pa, n, bits, +signed, +nSigned));
      const k = nSigned ? n : BigInt.asUintN(64, n);
      if (k < 0n) {
        expect(shl).toEqual({ panic: 0x22 });
        expect(shr).toEqual({ panic: 0x22 });
        return;
      }
      const kk = k > 600n ? 600n : k;
      expect(shl, `${a} << ${n} ${ty(bits, signed)}`).toBe(norm(a << kk, bits, signed));
      expect(shr, `${a} >> ${n} ${ty(bits, signed)}`).toBe(a >> kk);
    });
  });
});

describe("rt256 conversions", () => {
  it("cast checks the target range from either signedness", () => {
    const s = new Support();
    forAllTypes(400, (rng, bits, signed) => {
      const v = rng.value(bits, signed);
      const toBits = rng.pick(WIDTHS);
      const toSigned = rng.int(2) === 1;
      const got = run(s, toSigned, () => s.x.rt256_cast(s.big(v), +signed, toBits, +toSigned));
      const want = v >= minOf(toBits, toSigned) && v <= maxOf(toBits, toSigned) ? v : { panic: 0x11 };
      expect(got, `${v} from ${ty(bits, signed)} to ${ty(toBits, toSigned)}`).toEqual(want);
    });
  });

  it("from_i64, from_u64, to_i64, const", () => {
    const s = new Support();
    const rng = new Rng(401);
    for (let i = 0; i < 2000; i++) {
      const v = BigInt.asIntN(64, rng.value(64, true));
      expect(s.read256(s.x.rt256_from_i64(v), true)).toBe(v);
      expect(s.read256(s.x.rt256_from_u64(v), false)).toBe(BigInt.asUintN(64, v));
      const w = rng.bits(256);
      expect(BigInt.asUintN(64, s.x.rt256_to_i64(s.big(w)))).toBe(BigInt.asUintN(64, w));
      const limbs = [0, 1, 2, 3].map((k) => BigInt.asIntN(64, w >> BigInt(64 * k)));
      expect(s.readU256(s.x.rt256_const(...limbs))).toBe(w);
    }
  });

  it("every operation returns a fresh pointer and leaves its operands intact", () => {
    const s = new Support();
    const a = s.big(12345n), b = s.big(-7n);
    const results = [
      s.x.rt256_add(a, b, 256, 1), s.x.rt256_mul(a, b, 256, 1), s.x.rt256_div(a, b, 256, 1),
      s.x.rt256_mod(a, b, 256, 1), s.x.rt256_pow(b, s.big(3n), 256, 1), s.x.rt256_neg(a, 256, 1),
    ];
    expect(new Set([a, b, ...results]).size).toBe(results.length + 2);
    expect(s.read256(a, true)).toBe(12345n);
    expect(s.read256(b, true)).toBe(-7n);
    expect(results.map((p: number) => s.read256(p, true))).toEqual([12338n, -86415n, -1763n, 4n, -343n, -12345n]);
  });
});
