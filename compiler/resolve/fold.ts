// Exact compile-time arithmetic on integers (bigint): the operations of the
// language's integer operators, range checks and wrapping. Shared by the
// constant evaluator here (array sizes) and by the type checker (literal
// typing and constant folding), so both compute the same values.
import type { BinaryOp, UnaryOp } from "../syntax/ast.ts";
import type { IntType } from "../types/model.ts";

export function intMin(t: IntType): bigint {
  return t.signed ? -(1n << BigInt(t.bits - 1)) : 0n;
}

export function intMax(t: IntType): bigint {
  return t.signed ? (1n << BigInt(t.bits - 1)) - 1n : (1n << BigInt(t.bits)) - 1n;
}

export function fitsInt(value: bigint, t: IntType): boolean {
  return value >= intMin(t) && value <= intMax(t);
}

/** Two's-complement wrap of `value` into `t` (what `unchecked` and `truncate` do). */
export function wrapInt(value: bigint, t: IntType): bigint {
  const bits = BigInt(t.bits);
  const u = BigInt.asUintN(t.bits, value);
  return t.signed ? BigInt.asIntN(Number(bits), u) : u;
}

/** Why a fold did not produce a value. */
export type FoldFailure = "divisionByZero" | "negativeExponent" | "negativeShift" | "tooLarge";

/** Results beyond 2^LIMIT_BITS fit no Weft type; computing them exactly could take forever (`2 ** 2 ** 64`). */
const LIMIT_BITS = 1024n;

export type FoldResult = { ok: true; value: bigint } | { ok: false; reason: FoldFailure };

/**
 * Exact integer result of `a op b` for an arithmetic, bitwise or shift
 * operator (bitwise operators on negative values act on the infinite two's
 * complement, which agrees with any width the result fits in). Range is not
 * checked here: callers decide (error or wrap).
 */
export function foldIntBinary(op: BinaryOp, a: bigint, b: bigint): FoldResult {
  switch (op) {
    case "+":
      return ok(a + b);
    case "-":
      return ok(a - b);
    case "*":
      return ok(a * b);
    case "/":
      return b === 0n ? fail("divisionByZero") : ok(a / b); // truncates toward zero
    case "%":
      return b === 0n ? fail("divisionByZero") : ok(a % b); // sign of the dividend
    case "**":
      if (b < 0n) return fail("negativeExponent");
      if (a >= -1n && a <= 1n) return ok(a ** (b % 2n === 0n && b > 0n ? 2n : b > 0n ? 1n : 0n));
      return b > LIMIT_BITS ? fail("tooLarge") : ok(a ** b);
    case "<<":
      if (b < 0n) return fail("negativeShift");
      return a !== 0n && b > LIMIT_BITS ? fail("tooLarge") : ok(a << b);
    case ">>":
      if (b < 0n) return fail("negativeShift");
      return ok(b > LIMIT_BITS ? (a < 0n ? -1n : 0n) : a >> b); // arithmetic shift (floor)
    case "&":
      return ok(a & b);
    case "|":
      return ok(a | b);
    case "^":
      return ok(a ^ b);
    default:
      return ok(0n);
  }
}

/** Result of a comparison operator on two integers. */
export function foldIntCompare(op: BinaryOp, a: bigint, b: bigint): boolean {
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    default:
      return a >= b;
  }
}

/** `-a` or `~a` in type `t` (`~` depends on the width; `-` is exact). */
export function foldIntUnary(op: UnaryOp, a: bigint, t: IntType): bigint {
  if (op === "-") return -a;
  // Bitwise not: in two's complement, ~a = -a - 1; for unsigned types bring it back into range.
  return t.signed ? -a - 1n : wrapInt(-a - 1n, t);
}

export const ARITHMETIC_OPS: ReadonlySet<BinaryOp> = new Set(["+", "-", "*", "/", "%", "**"]);
export const BITWISE_OPS: ReadonlySet<BinaryOp> = new Set(["&", "|", "^"]);
export const SHIFT_OPS: ReadonlySet<BinaryOp> = new Set(["<<", ">>"]);
export const ORDER_OPS: ReadonlySet<BinaryOp> = new Set(["<", "<=", ">", ">="]);
export const EQUALITY_OPS: ReadonlySet<BinaryOp> = new Set(["==", "!="]);
export const LOGIC_OPS: ReadonlySet<BinaryOp> = new Set(["&&", "||"]);

function ok(value: bigint): FoldResult {
  return { ok: true, value };
}

function fail(reason: FoldFailure): FoldResult {
  return { ok: false, reason };
}
