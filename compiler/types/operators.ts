// Unary and binary operators. No implicit conversions: both operands of an
// arithmetic, bitwise or comparison operator have the same type; an untyped
// integer operand takes the other operand's type. `**` takes any unsigned
// exponent; shifts any integer amount (untyped amounts and exponents are u32).
// `+` also joins two strings or two bytes values.
import type * as ast from "../syntax/ast.ts";
import { ARITHMETIC_OPS, BITWISE_OPS, EQUALITY_OPS, ORDER_OPS, SHIFT_OPS } from "../resolve/index.ts";
import { sameType, typeToString, type Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { BOOL, ERROR, U256, U32, isError, isEquatable, isInt, isUnsigned, q } from "./type-utils.ts";
import { check, infer, inferWithHint } from "./expressions.ts";
import { checkUntypedInt, isUntypedInt } from "./literals.ts";
import { foldBinary, foldUnary } from "./folding.ts";

export function checkUnary(cx: Checker, e: ast.UnaryExpr, expected: Type | null): Type {
  if (e.op === "!") {
    check(cx, e.operand, BOOL);
    foldUnary(cx, e, BOOL);
    return BOOL;
  }
  const t = inferWithHint(cx, e.operand, expected);
  if (isError(t)) return ERROR;
  if (!isInt(t)) {
    cx.report("E0303", e.span, `cannot apply unary \`${e.op}\` to ${q(t)}`, {
      label: `${q(t)} is not an integer`,
      help: e.op === "-" ? "negation applies to signed integers (`i8` … `i256`)" : "`~` (bitwise not) applies to integers",
    });
    return ERROR;
  }
  if (e.op === "-" && !t.signed) {
    cx.report("E0303", e.span, `cannot negate the unsigned integer type ${q(t)}`, {
      label: "unsigned",
      help: `convert to a signed type first, e.g. \`-(x as i${Math.min(256, t.bits * 2)})\`, or subtract: \`a - b\``,
    });
    return ERROR;
  }
  foldUnary(cx, e, t);
  return t;
}

export function checkBinary(cx: Checker, e: ast.BinaryExpr, expected: Type | null): Type {
  const op = e.op;
  if (op === "&&" || op === "||") {
    check(cx, e.left, BOOL);
    check(cx, e.right, BOOL);
    foldBinary(cx, e, BOOL);
    return BOOL;
  }
  if (op === "**" || SHIFT_OPS.has(op)) return checkPowerOrShift(cx, e, expected);
  const comparing = EQUALITY_OPS.has(op) || ORDER_OPS.has(op);
  const [lt, rt] = operands(cx, e, comparing ? null : expected);
  if (isError(lt) || isError(rt)) return comparing ? BOOL : ERROR;
  if (!sameType(lt, rt)) {
    reportOperands(cx, e, lt, rt);
    return comparing ? BOOL : ERROR;
  }
  if (EQUALITY_OPS.has(op)) {
    if (!isEquatable(lt)) {
      reportOperands(cx, e, lt, rt, `${q(lt)} values cannot be compared with \`${op}\``);
      return BOOL;
    }
  } else if (ORDER_OPS.has(op) || BITWISE_OPS.has(op) || (ARITHMETIC_OPS.has(op) && op !== "+")) {
    if (!isInt(lt)) {
      reportOperands(cx, e, lt, rt);
      return comparing ? BOOL : ERROR;
    }
  } else if (op === "+" && !isInt(lt) && lt.kind !== "string" && lt.kind !== "bytes") {
    reportOperands(cx, e, lt, rt);
    return ERROR;
  }
  foldBinary(cx, e, lt);
  return comparing ? BOOL : lt;
}

/** Both operands' types; an untyped integer side takes the other side's type. */
function operands(cx: Checker, e: ast.BinaryExpr, hint: Type | null): [Type, Type] {
  const lu = isUntypedInt(e.left);
  const ru = isUntypedInt(e.right);
  if (lu && !ru) {
    const rt = inferWithHint(cx, e.right, hint);
    return [inferWithHint(cx, e.left, rt), rt];
  }
  const lt = inferWithHint(cx, e.left, hint);
  return [lt, inferWithHint(cx, e.right, ru ? lt : hint)];
}

/** `a ** b`, `a << b`, `a >> b`: the result has the left operand's type. */
function checkPowerOrShift(cx: Checker, e: ast.BinaryExpr, expected: Type | null): Type {
  const lt = isUntypedInt(e.left) ? checkUntypedInt(cx, e.left, expected && isInt(expected) ? expected : U256) : infer(cx, e.left);
  const rt = isUntypedInt(e.right) ? checkUntypedInt(cx, e.right, U32) : infer(cx, e.right);
  if (isError(lt) || isError(rt)) return ERROR;
  const what = e.op === "**" ? "exponent" : "shift amount";
  if (!isInt(lt)) {
    cx.report("E0302", e.left.span, `cannot apply \`${e.op}\` to ${q(lt)}`, { label: "not an integer" });
    return ERROR;
  }
  if (e.op === "**" ? !isUnsigned(rt) : !isInt(rt)) {
    cx.report("E0302", e.right.span, `the ${what} must be ${e.op === "**" ? "an unsigned" : "an"} integer, found ${q(rt)}`, {
      label: `not a valid ${what}`,
      help: e.op === "**" ? "convert it, e.g. `n as u32`" : [],
    });
    return ERROR;
  }
  foldBinary(cx, e, lt);
  return lt;
}

function reportOperands(cx: Checker, e: ast.BinaryExpr, lt: Type, rt: Type, message?: string): void {
  let help: string | string[] = [];
  if (isInt(lt) && isInt(rt)) {
    const wider = lt.bits >= rt.bits ? lt : rt;
    help = `no implicit conversions: convert one side, e.g. \`… as ${typeToString(wider)}\``;
  } else if (e.op === "+") help = "`+` adds two integers of the same type, or joins two strings or two bytes values";
  else if (ORDER_OPS.has(e.op)) help = "ordering comparisons apply to integers of the same type";
  cx.report("E0302", e.opSpan, message ?? `cannot apply \`${e.op}\` to ${q(lt)} and ${q(rt)}`, {
    label: `${q(lt)} ${e.op} ${q(rt)}`,
    help,
  });
}
