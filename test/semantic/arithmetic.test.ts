// Integer arithmetic at the boundaries of every width, checked and
// unchecked, against an exact BigInt oracle: a checked result outside the
// type reverts with Panic(0x11); an unchecked one wraps; division and
// modulo by zero revert with Panic(0x12) in both modes; signed division
// truncates toward zero and the remainder has the dividend's sign.
import { describe, expect, it } from "vitest";
import { Chain, compile, type Contract } from "./harness.ts";

const WIDTHS = [8, 16, 32, 64, 128, 256];

interface IntT {
  name: string;
  bits: number;
  signed: boolean;
  min: bigint;
  max: bigint;
}

function intT(bits: number, signed: boolean): IntT {
  const b = BigInt(bits);
  return {
    name: `${signed ? "i" : "u"}${bits}`,
    bits,
    signed,
    min: signed ? -(1n << (b - 1n)) : 0n,
    max: signed ? (1n << (b - 1n)) - 1n : (1n << b) - 1n,
  };
}

function wrap(t: IntT, v: bigint): bigint {
  return t.signed ? BigInt.asIntN(t.bits, v) : BigInt.asUintN(t.bits, v);
}

function source(t: IntT): string {
  const T = t.name;
  const bin = (name: string, op: string) => `
    pub fn ${name}(a: ${T}, b: ${T}) -> ${T} { return a ${op} b; }
    pub fn ${name}W(a: ${T}, b: ${T}) -> ${T} { unchecked { return a ${op} b; } }`;
  return `contract Arith {
    ${bin("add", "+")}
    ${bin("sub", "-")}
    ${bin("mul", "*")}
    ${bin("div", "/")}
    ${bin("rem", "%")}
    pub fn pow(a: ${T}, e: u32) -> ${T} { return a ** e; }
    pub fn powW(a: ${T}, e: u32) -> ${T} { unchecked { return a ** e; } }
    ${t.signed ? `pub fn neg(a: ${T}) -> ${T} { return -a; }
    pub fn negW(a: ${T}) -> ${T} { unchecked { return -a; } }` : ""}
  }`;
}

/** Boundary operands: MIN, MIN+1, -2, -1, 0, 1, 2, 3, 7, MAX-1, MAX (in range, deduplicated). */
function operands(t: IntT): bigint[] {
  const vs = [t.min, t.min + 1n, -2n, -1n, 0n, 1n, 2n, 3n, 7n, t.max / 2n, t.max - 1n, t.max];
  return [...new Set(vs.filter((v) => v >= t.min && v <= t.max))];
}

type Expect = { value: bigint } | { panic: number };

function exact(op: string, a: bigint, b: bigint): bigint | "div0" {
  switch (op) {
    case "add":
      return a + b;
    case "sub":
      return a - b;
    case "mul":
      return a * b;
    case "div":
      return b === 0n ? "div0" : a / b; // BigInt division truncates toward zero
    case "rem":
      return b === 0n ? "div0" : a % b; // and the remainder takes the dividend's sign
  }
  throw new Error(op);
}

function expected(t: IntT, op: string, checked: boolean, a: bigint, b: bigint): Expect {
  const r = exact(op, a, b);
  if (r === "div0") return { panic: 0x12 };
  if (r < t.min || r > t.max) return checked ? { panic: 0x11 } : { value: wrap(t, r) };
  return { value: r };
}

function run(c: Contract, fn: string, args: bigint[], want: Expect): void {
  const r = c.call(fn, args);
  const label = `${fn}(${args.join(", ")})`;
  if ("panic" in want) {
    expect(r.status, `${label} reverts`).toBe(16);
    expect(r.revert, label).toMatchObject({ kind: "panic", code: want.panic });
  } else {
    expect(r.status, `${label}: ${r.message ?? ""}`).toBe(0);
    expect(r.values[0], label).toBe(want.value);
  }
}

// Every width, unoptimised and optimised (binaryen must not change the semantics).
const cases = WIDTHS.flatMap((bits) => [intT(bits, false), intT(bits, true)]).flatMap((t) => [
  { ...t, optimize: false, label: t.name },
  { ...t, optimize: true, label: `${t.name} -O` },
]);

describe.each(cases)("$label", (t) => {
  const c = new Chain().deploy(compile(source(t), { optimize: t.optimize }));
  const ops = operands(t);

  for (const op of ["add", "sub", "mul", "div", "rem"]) {
    it(`${op}: checked and unchecked over boundary operands`, () => {
      for (const a of ops) {
        for (const b of ops) {
          run(c, op, [a, b], expected(t, op, true, a, b));
          run(c, `${op}W`, [a, b], expected(t, op, false, a, b));
        }
      }
    });
  }

  it("named boundaries", () => {
    c.panics("add", [t.max, 1n], 0x11); // MAX + 1
    c.panics("sub", [t.min, 1n], 0x11); // MIN - 1
    c.panics("mul", [t.max, 2n], 0x11); // MAX * 2
    expect(c.ok("addW", [t.max, 1n])).toBe(t.min);
    expect(c.ok("subW", [t.min, 1n])).toBe(t.max);
    expect(c.ok("mulW", [t.max, 2n])).toBe(wrap(t, t.max * 2n));
    c.panics("div", [1n, 0n], 0x12);
    c.panics("rem", [1n, 0n], 0x12);
    c.panics("divW", [1n, 0n], 0x12);
    if (t.signed) {
      c.panics("div", [t.min, -1n], 0x11); // MIN / -1
      expect(c.ok("divW", [t.min, -1n])).toBe(t.min);
      expect(c.ok("rem", [t.min, -1n])).toBe(0n);
      expect(c.ok("div", [-7n, 2n])).toBe(-3n);
      expect(c.ok("rem", [-7n, 2n])).toBe(-1n);
      expect(c.ok("rem", [7n, -2n])).toBe(1n);
      c.panics("neg", [t.min], 0x11);
      expect(c.ok("negW", [t.min])).toBe(t.min);
      expect(c.ok("neg", [t.max])).toBe(-t.max);
    }
  });

  it("** overflows exactly where the power leaves the type", () => {
    const bases = [...new Set([0n, 1n, 2n, 3n, t.max, ...(t.signed ? [-1n, -2n, t.min] : [])])];
    const exps = [0, 1, 2, 3, t.bits - 2, t.bits - 1, t.bits, t.bits + 1];
    for (const a of bases) {
      for (const e of exps) {
        const r = a ** BigInt(e);
        const inRange = r >= t.min && r <= t.max;
        run(c, "pow", [a, BigInt(e)], inRange ? { value: r } : { panic: 0x11 });
        run(c, "powW", [a, BigInt(e)], { value: wrap(t, r) });
      }
    }
    c.panics("pow", [2n, BigInt(t.signed ? t.bits - 1 : t.bits)], 0x11);
    if (t.signed) expect(c.ok("pow", [-2n, BigInt(t.bits - 1)])).toBe(t.min);
    expect(c.ok("pow", [1n, 0xffffffffn])).toBe(1n);
  });
});
