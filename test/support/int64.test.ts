// rt64_* against the BigInt oracle, at every width 8..64, both signednesses.
import { describe, expect, it } from "vitest";
import { Support, panicCode } from "./harness.ts";
import { Rng, divTrunc, fits, maxOf, minOf, modTrunc, norm, powExact } from "./oracle.ts";
import { PANIC_KECCAK } from "./selectors.ts";

const WIDTHS = [8, 16, 24, 32, 40, 48, 56, 64];
const CASES = 300;

type Outcome = bigint | { panic: number };

/** Runs a rt64 export; the i64 result is re-read with the type's signedness. */
function run(s: Support, signed: boolean, f: () => bigint): Outcome {
  const r = s.attempt(f);
  if (r.ok) return signed ? r.value : BigInt.asUintN(64, r.value);
  const code = panicCode(r.data, PANIC_KECCAK);
  if (code === null) throw new Error("revert that is not a Panic");
  return { panic: code };
}

const checked = (v: bigint, bits: number, signed: boolean): Outcome => (fits(v, bits, signed) ? v : { panic: 0x11 });

interface BinOp {
  name: string;
  oracle: (a: bigint, b: bigint, bits: number, signed: boolean) => Outcome;
}

const wrap = (f: (a: bigint, b: bigint) => bigint) => (a: bigint, b: bigint, bits: number, signed: boolean) =>
  norm(f(a, b), bits, signed);

const BINARY: BinOp[] = [
  { name: "rt64_add", oracle: (a, b, bits, s) => checked(a + b, bits, s) },
  { name: "rt64_sub", oracle: (a, b, bits, s) => checked(a - b, bits, s) },
  { name: "rt64_mul", oracle: (a, b, bits, s) => checked(a * b, bits, s) },
  { name: "rt64_div", oracle: (a, b, bits, s) => (b === 0n ? { panic: 0x12 } : checked(divTrunc(a, b), bits, s)) },
  { name: "rt64_mod", oracle: (a, b, bits, s) => (b === 0n ? { panic: 0x12 } : checked(modTrunc(a, b), bits, s)) },
  { name: "rt64_add_wrap", oracle: wrap((a, b) => a + b) },
  { name: "rt64_div_wrap", oracle: (a, b, bits, s) => (b === 0n ? { panic: 0x12 } : norm(divTrunc(a, b), bits, s)) },
  { name: "rt64_sub_wrap", oracle: wrap((a, b) => a - b) },
  { name: "rt64_mul_wrap", oracle: wrap((a, b) => a * b) },
];

describe("rt64 binary operations", () => {
  for (const op of BINARY) {
    it(`${op.name} matches the oracle`, () => {
      const s = new Support();
      const rng = new Rng(op.name.length * 7919);
      for (const bits of WIDTHS) {
        for (const signed of [false, true]) {
          for (let i = 0; i < CASES; i++) {
            const a = rng.value(bits, signed), b = rng.value(bits, signed);
            const got = run(s, signed, () => s.x[op.name](a, b, bits, +signed));
            expect(got, `${op.name}(${a}, ${b}) ${signed ? "i" : "u"}${bits}`).toEqual(op.oracle(a, b, bits, signed));
          }
        }
      }
    });
  }

  it("MIN / -1 and MIN % -1 at every signed width", () => {
    const s = new Support();
    for (const bits of WIDTHS) {
      const min = minOf(bits, true);
      expect(run(s, true, () => s.x.rt64_div(min, -1n, bits, 1))).toEqual({ panic: 0x11 });
      expect(run(s, true, () => s.x.rt64_mod(min, -1n, bits, 1))).toBe(0n);
      expect(run(s, true, () => s.x.rt64_neg(min, bits, 1))).toEqual({ panic: 0x11 });
      expect(run(s, true, () => s.x.rt64_mul(min, -1n, bits, 1))).toEqual({ panic: 0x11 });
      expect(run(s, true, () => s.x.rt64_div_wrap(min, -1n, bits, 1))).toBe(min);
      expect(run(s, true, () => s.x.rt64_neg_wrap(min, bits, 1))).toBe(min);
    }
  });
});

describe("rt64 pow", () => {
  for (const wrapping of [false, true]) {
    const name = wrapping ? "rt64_pow_wrap" : "rt64_pow";
    it(`${name} matches the oracle`, () => {
      const s = new Support();
      const rng = new Rng(wrapping ? 11 : 12);
      for (const bits of WIDTHS) {
        for (const signed of [false, true]) {
          for (let i = 0; i < CASES; i++) {
            const a = rng.value(bits, signed);
            const e = rng.int(4) === 0 ? BigInt.asUintN(64, rng.value(64, false)) : BigInt(rng.int(70));
            const got = run(s, signed, () => s.x[name](a, e, bits, +signed));
            let want: Outcome;
            if (wrapping) {
              // modular exponentiation by squaring, in BigInt
              let r = 1n, base = BigInt.asUintN(64, a), n = e;
              while (n > 0n) {
                if (n & 1n) r = BigInt.asUintN(64, r * base);
                base = BigInt.asUintN(64, base * base);
                n >>= 1n;
              }
              want = norm(r, bits, signed);
            } else {
              const exact = powExact(a, e);
              want = exact === null ? { panic: 0x11 } : checked(exact, bits, signed);
            }
            expect(got, `${name}(${a}, ${e}) ${signed ? "i" : "u"}${bits}`).toEqual(want);
          }
        }
      }
    });
  }

  it("reaches MIN exactly: (-2) ** (bits - 1)", () => {
    const s = new Support();
    for (const bits of WIDTHS) {
      expect(run(s, true, () => s.x.rt64_pow(-2n, BigInt(bits - 1), bits, 1))).toBe(minOf(bits, true));
      expect(run(s, true, () => s.x.rt64_pow(2n, BigInt(bits - 1), bits, 1))).toEqual({ panic: 0x11 });
      expect(run(s, false, () => s.x.rt64_pow(2n, BigInt(bits), bits, 0))).toEqual({ panic: 0x11 });
      expect(run(s, false, () => s.x.rt64_pow(2n, BigInt(bits - 1), bits, 0))).toBe(1n << BigInt(bits - 1));
    }
  });
});

describe("rt64 unary operations, shifts and conversions", () => {
  it("rt64_neg, rt64_not, rt64_fits and rt64_truncate", () => {
    const s = new Support();
    const rng = new Rng(3);
    for (const bits of WIDTHS) {
      for (const signed of [false, true]) {
        for (let i = 0; i < CASES; i++) {
          const a = rng.value(bits, signed);
          expect(run(s, signed, () => s.x.rt64_neg(a, bits, +signed))).toEqual(checked(-a, bits, signed));
          expect(run(s, signed, () => s.x.rt64_neg_wrap(a, bits, +signed))).toBe(norm(-a, bits, signed));
          expect(run(s, signed, () => s.x.rt64_not(a, bits, +signed))).toBe(norm(~a, bits, signed));
          // any 64-bit pattern, read with the same signedness
          const v = signed ? BigInt.asIntN(64, rng.bits(64)) : rng.bits(64);
          const wide = rng.int(2) ? v : a;
          expect(s.x.rt64_fits(wide, bits, +signed)).toBe(fits(wide, bits, signed) ? 1 : 0);
          expect(run(s, signed, () => s.x.rt64_truncate(wide, bits, +signed))).toBe(norm(wide, bits, signed));
        }
      }
    }
  });

  it("rt64_shl and rt64_shr, with signed and unsigned shift amounts", () => {
    const s = new Support();
    const rng = new Rng(4);
    for (const bits of WIDTHS) {
      for (const signed of [false, true]) {
        for (let i = 0; i < CASES; i++) {
          const a = rng.value(bits, signed);
          const nSigned = rng.int(2) === 1;
          const n = rng.pick([BigInt(rng.int(bits + 3)), BigInt(bits), -1n, -BigInt(rng.int(100)), BigInt(rng.int(300)), -(1n << 63n)]);
          const shl = run(s, signed, () => s.x.rt64_shl(a, n, bits, +signed, +nSigned));
          const shr = run(s, signed, () => s.x.rt64_shr(a, n, bits, +signed, +nSigned));
          const k = nSigned ? n : BigInt.asUintN(64, n);
          if (k < 0n) {
            expect(shl).toEqual({ panic: 0x22 });
            expect(shr).toEqual({ panic: 0x22 });
            continue;
          }
          const ctx = `${a} by ${n} ${signed ? "i" : "u"}${bits}`;
          expect(shl, `shl ${ctx}`).toBe(norm(a << (k > 300n ? 300n : k), bits, signed));
          expect(shr, `shr ${ctx}`).toBe(a >> (k > 300n ? 300n : k)); // BigInt >> is arithmetic
        }
      }
    }
  });

  it("rt64_cast checks the target range from either signedness", () => {
    const s = new Support();
    const rng = new Rng(5);
    for (const fromBits of WIDTHS) {
      for (const fromSigned of [false, true]) {
        for (let i = 0; i < CASES; i++) {
          const v = rng.value(fromBits, fromSigned);
          const toBits = rng.pick(WIDTHS);
          const toSigned = rng.int(2) === 1;
          const got = run(s, toSigned, () => s.x.rt64_cast(v, +fromSigned, toBits, +toSigned));
          const want = v >= minOf(toBits, toSigned) && v <= maxOf(toBits, toSigned) ? v : { panic: 0x11 };
          expect(got, `${v} to ${toSigned ? "i" : "u"}${toBits}`).toEqual(want);
        }
      }
    }
  });
});
