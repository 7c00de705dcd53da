// Untyped integer expressions: integer literals, and `-`, `~`, arithmetic,
// bitwise and shift operators applied only to them. They have no type of
// their own; context gives one (u256 when there is none). Their value is
// computed exactly with bigint and must fit the type they get — so
// `let x: u8 = 200 + 100 - 100;` is 200, and `let y: u8 = 256;` an error.
// Shift amounts and exponents inside them are typed u32.
import type * as ast from "../syntax/ast.ts";
import { fitsInt, foldIntBinary, foldIntUnary, intMax, intMin, type FoldFailure } from "../resolve/index.ts";
import { typeToString, type IntType } from "./model.ts";
import type { Checker } from "./context.ts";
import { U32 } from "./type-utils.ts";

/** Whether `e` is made only of integer literals and operators on them. */
export function isUntypedInt(e: ast.Expr): boolean {
  switch (e.kind) {
    case "IntLit":
      return true;
    case "Unary":
      return (e.op === "-" || e.op === "~") && isUntypedInt(e.operand);
    case "Binary":
      switch (e.op) {
        case "+":
        case "-":
        case "*":
        case "/":
        case "%":
        case "&":
        case "|":
        case "^":
        case "**":
        case "<<":
        case ">>":
          return isUntypedInt(e.left) && isUntypedInt(e.right);
        default:
          return false;
      }
    default:
      return false;
  }
}

/** Gives an untyped integer expression the type `t`: records types and values, reports a value that does not fit. */
export function checkUntypedInt(cx: Checker, e: ast.Expr, t: IntType): IntType {
  const v = fold(cx, e, t);
  if (v !== null && !fitOrReport(cx, e, v, t)) cx.program.constValues.delete(e); // no value that does not fit its type
  return t;
}

/** Whether `v` fits `t`; reports E0301 when it does not. */
function fitOrReport(cx: Checker, e: ast.Expr, v: bigint, t: IntType): boolean {
  if (fitsInt(v, t)) return true;
  const help =
    v < 0n && !t.signed
      ? `\`${typeToString(t)}\` is unsigned; give the value a signed type, e.g. \`i${Math.min(256, t.bits * 2)}\``
      : `\`${typeToString(t)}\` holds ${intMin(t)} to ${intMax(t)}; use a wider type or a smaller value`;
  cx.report("E0301", e.span, `the integer ${v} does not fit in \`${typeToString(t)}\``, { label: `out of range for \`${typeToString(t)}\``, help });
  return false;
}

/** Exact value of an untyped integer expression in type `t` (null after reporting a failure). */
function fold(cx: Checker, e: ast.Expr, t: IntType): bigint | null {
  cx.program.types.set(e, t);
  let v: bigint | null = null;
  switch (e.kind) {
    case "IntLit":
      v = e.value;
      break;
    case "Unary": {
      const a = fold(cx, e.operand, t);
      if (a !== null) v = foldIntUnary(e.op, a, t);
      break;
    }
    case "Binary": {
      const a = fold(cx, e.left, t);
      const amountType = e.op === "<<" || e.op === ">>" || e.op === "**";
      const b = fold(cx, e.right, amountType ? U32 : t);
      if (amountType && b !== null && b >= 0n) fitOrReport(cx, e.right, b, U32);
      if (a === null || b === null) break;
      const r = foldIntBinary(e.op, a, b);
      if (r.ok) v = r.value;
      else reportFoldFailure(cx, e, r.reason);
      break;
    }
    default:
      return null;
  }
  if (v !== null) cx.program.constValues.set(e, { kind: "int", value: v });
  return v;
}

export function reportFoldFailure(cx: Checker, e: ast.Expr, reason: FoldFailure): void {
  const what = {
    divisionByZero: "division by zero",
    negativeExponent: "negative exponent",
    negativeShift: "negative shift amount",
    tooLarge: "the result is too large for any integer type",
  }[reason];
  cx.report("E0321", e.span, `this constant expression fails: ${what}`, { label: what });
}
