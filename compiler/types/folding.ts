// Constant folding of typed expressions whose operands are all constant
// (`const` references, literals, enum-free values): records the value in
// `constValues`. Integer results are checked like at run time — an overflow
// or a division by zero is a compile-time error (E0321), except inside
// `unchecked`, where arithmetic wraps like the generated code would.
// Shifts never check overflow (bits shifted out are lost).
import type * as ast from "../syntax/ast.ts";
import { fitsInt, foldIntBinary, foldIntCompare, foldIntUnary, wrapInt, ARITHMETIC_OPS, BITWISE_OPS, SHIFT_OPS } from "../resolve/index.ts";
import { typeToString, type ConstValue, type IntType, type Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { reportFoldFailure } from "./literals.ts";

function valueOf(cx: Checker, e: ast.Expr): ConstValue | undefined {
  return cx.program.constValues.get(e);
}

function setValue(cx: Checker, e: ast.Expr, v: ConstValue): void {
  cx.program.constValues.set(e, v);
}

/** An integer result in type `t`: fits, wraps (unchecked) or is reported. */
function intResult(cx: Checker, e: ast.Expr, v: bigint, t: IntType, wraps = false): void {
  if (fitsInt(v, t)) return setValue(cx, e, { kind: "int", value: v });
  if (wraps || cx.unchecked > 0) return setValue(cx, e, { kind: "int", value: wrapInt(v, t) });
  cx.report("E0321", e.span, `this constant expression does not fit in \`${typeToString(t)}\` (its exact value is ${v})`, {
    label: "overflows",
    help: "at run time this would revert; use a wider type, or `unchecked { … }` / `truncate<T>(…)` to wrap on purpose",
  });
}

export function foldUnary(cx: Checker, e: ast.UnaryExpr, t: Type): void {
  const a = valueOf(cx, e.operand);
  if (!a) return;
  if (e.op === "!" && a.kind === "bool") return setValue(cx, e, { kind: "bool", value: !a.value });
  if (a.kind === "int" && t.kind === "int") intResult(cx, e, foldIntUnary(e.op, a.value, t), t);
}

export function foldBinary(cx: Checker, e: ast.BinaryExpr, operandType: Type): void {
  const a = valueOf(cx, e.left);
  const b = valueOf(cx, e.right);
  // `x / 0` is an error even when `x` is not constant.
  if ((e.op === "/" || e.op === "%") && b?.kind === "int" && b.value === 0n && !a) {
    cx.report("E0321", e.span, `${e.op === "/" ? "division" : "remainder"} by zero`, {
      label: "the divisor is the constant 0",
      help: "this always reverts at run time",
    });
    return;
  }
  if (!a || !b) return;
  if (a.kind === "int" && b.kind === "int") {
    if (ARITHMETIC_OPS.has(e.op) || BITWISE_OPS.has(e.op) || SHIFT_OPS.has(e.op)) {
      if (operandType.kind !== "int") return;
      const r = foldIntBinary(e.op, a.value, b.value);
      if (!r.ok) return reportFoldFailure(cx, e, r.reason);
      return intResult(cx, e, r.value, operandType, SHIFT_OPS.has(e.op));
    }
    if (e.op === "&&" || e.op === "||") return;
    return setValue(cx, e, { kind: "bool", value: foldIntCompare(e.op, a.value, b.value) });
  }
  if (a.kind === "bool" && b.kind === "bool") {
    const v = { "&&": a.value && b.value, "||": a.value || b.value, "==": a.value === b.value, "!=": a.value !== b.value }[e.op as string];
    if (v !== undefined) setValue(cx, e, { kind: "bool", value: v });
    return;
  }
  if (a.kind === "string" && b.kind === "string") {
    if (e.op === "+") setValue(cx, e, { kind: "string", value: a.value + b.value });
    else if (e.op === "==" || e.op === "!=") setValue(cx, e, { kind: "bool", value: (a.value === b.value) === (e.op === "==") });
    return;
  }
  if (a.kind === "bytes" && b.kind === "bytes") {
    if (e.op === "+") {
      const out = new Uint8Array(a.value.length + b.value.length);
      out.set(a.value);
      out.set(b.value, a.value.length);
      setValue(cx, e, { kind: "bytes", value: out });
    } else if (e.op === "==" || e.op === "!=") {
      const same = a.value.length === b.value.length && a.value.every((x, i) => x === b.value[i]);
      setValue(cx, e, { kind: "bool", value: same === (e.op === "==") });
    }
  }
}

/** `x as T` between integers: the value must fit (a narrowing that does not fit would revert). */
export function foldIntCast(cx: Checker, e: ast.Expr, operand: ast.Expr, to: IntType): void {
  const a = valueOf(cx, operand);
  if (a?.kind !== "int") return;
  if (fitsInt(a.value, to)) return setValue(cx, e, a);
  cx.report("E0321", e.span, `the constant ${a.value} does not fit in \`${typeToString(to)}\`; this conversion would revert`, {
    label: "does not fit",
    help: `use \`truncate<${typeToString(to)}>(…)\` to keep the low bits on purpose`,
  });
}

/** `truncate<T>(x)` of a constant: the low bits. */
export function foldTruncate(cx: Checker, e: ast.Expr, operand: ast.Expr, to: IntType): void {
  const a = valueOf(cx, operand);
  if (a?.kind === "int") setValue(cx, e, { kind: "int", value: wrapInt(a.value, to) });
}
