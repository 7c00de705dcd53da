// Constant values needed while resolving types: array sizes (`u8[N]`,
// `T[2 * K]`) and the constants they mention. This evaluator computes values
// only; the type checker later checks every constant initializer fully (types,
// ranges, "not a constant") and recomputes the values with the same folding
// functions (fold.ts), so the two always agree on programs without errors.
import type * as ast from "../syntax/ast.ts";
import type { ConstInfo, ConstValue, IntType, Type } from "../types/model.ts";
import type { ResolveContext } from "./context.ts";
import type { Scope } from "./scopes.ts";
import { foldIntBinary, foldIntCompare, foldIntUnary, ARITHMETIC_OPS, BITWISE_OPS, SHIFT_OPS } from "./fold.ts";
import { lookupValue } from "./names.ts";
import { resolveType } from "./type-exprs.ts";

const U256: IntType = { kind: "int", bits: 256, signed: false };
const MAX_ARRAY_SIZE = 0xffff_ffffn;

/** A value and, for integers, the type it has (null while it is an untyped literal expression). */
interface Evaluated {
  value: ConstValue;
  type: Type | null;
}

/** Evaluation failed: `reported` when a diagnostic already explains why (an unknown name). */
type Failure = { failed: true; reported: boolean };

type Result = Evaluated | Failure;

function failed(reported = false): Failure {
  return { failed: true, reported };
}

function isFailure(r: Result): r is Failure {
  return "failed" in r;
}

/** The size of `T[size]`: a constant integer from 1 to 2^32 − 1, or null (reported). */
export function evalArraySize(ctx: ResolveContext, expr: ast.Expr, scope: Scope): number | null {
  const r = evaluate(ctx, expr, scope, true);
  if (isFailure(r)) {
    if (!r.reported)
      ctx.report("E0209", expr.span, "the size of an array type must be a constant integer", {
        help: "use an integer literal or a `const`, e.g. `u256[4]`; use `T[]` for a dynamic array",
      });
    return null;
  }
  if (r.value.kind !== "int") {
    ctx.report("E0209", expr.span, `the size of an array type must be an integer, found a ${r.value.kind}`);
    return null;
  }
  if (r.value.value < 1n || r.value.value > MAX_ARRAY_SIZE) {
    ctx.report("E0209", expr.span, `the size of an array type must be from 1 to 4294967295, found ${r.value.value}`, {
      help: "use `T[]` for a dynamic array",
    });
    return null;
  }
  return Number(r.value.value);
}

/** The value of a constant declaration (evaluated once, on demand; null on failure or cycle). */
export function constValueOf(ctx: ResolveContext, info: ConstInfo): ConstValue | null {
  const state = ctx.constEval.get(info);
  if (state === "visiting") return null; // a cycle: the checker reports it
  if (state !== undefined) return state;
  ctx.constEval.set(info, "visiting");
  const scope = ctx.constScopes.get(info)!;
  ensureConstType(ctx, info, scope);
  const r = evaluate(ctx, info.decl.value, scope, false);
  const value = isFailure(r) ? null : r.value;
  ctx.constEval.set(info, value);
  if (value) info.value = value;
  return value;
}

/** Resolves a constant's declared type (once). */
export function ensureConstType(ctx: ResolveContext, info: ConstInfo, scope: Scope): Type {
  info.type = resolveType(ctx, info.decl.type, scope);
  return info.type;
}

/**
 * Evaluates a constant expression. `report`: whether names are looked up
 * (and recorded) here — true for array sizes; false for constant
 * initializers, whose names the body resolver records and reports.
 */
function evaluate(ctx: ResolveContext, e: ast.Expr, scope: Scope, report: boolean): Result {
  switch (e.kind) {
    case "IntLit":
      return { value: { kind: "int", value: e.value }, type: null };
    case "BoolLit":
      return { value: { kind: "bool", value: e.value }, type: { kind: "bool" } };
    case "StringLit":
      return { value: { kind: "string", value: e.value }, type: { kind: "string" } };
    case "BytesLit":
      return { value: { kind: "bytes", value: e.value }, type: { kind: "bytes" } };
    case "Name": {
      const entry = report ? null : scope.lookup(e.name.name);
      const r = report ? lookupValue(ctx, scope, e.name) : entry?.kind === "item" ? entry.symbol : null;
      if (report && r) ctx.names.set(e, r);
      if (!r || r.kind === "unresolved") return failed(report);
      if (r.kind !== "const") return failed();
      const value = constValueOf(ctx, r.info);
      return value ? { value, type: r.info.type } : failed(true);
    }
    case "Unary": {
      const a = evaluate(ctx, e.operand, scope, report);
      if (isFailure(a)) return a;
      if (e.op === "!") return a.value.kind === "bool" ? { value: { kind: "bool", value: !a.value.value }, type: a.type } : failed();
      if (a.value.kind !== "int") return failed();
      const t = a.type?.kind === "int" ? a.type : U256;
      return { value: { kind: "int", value: foldIntUnary(e.op, a.value.value, t) }, type: a.type };
    }
    case "Binary":
      return evaluateBinary(ctx, e, scope, report);
    case "Cast": {
      const a = evaluate(ctx, e.expr, scope, report);
      if (isFailure(a) || a.value.kind !== "int") return isFailure(a) ? a : failed();
      const t = resolveType(ctx, e.type, scope);
      return t.kind === "int" ? { value: a.value, type: t } : failed();
    }
    default:
      return failed();
  }
}

function evaluateBinary(ctx: ResolveContext, e: ast.BinaryExpr, scope: Scope, report: boolean): Result {
  const a = evaluate(ctx, e.left, scope, report);
  if (isFailure(a)) return a;
  const b = evaluate(ctx, e.right, scope, report);
  if (isFailure(b)) return b;
  const av = a.value;
  const bv = b.value;
  if (av.kind === "bool" && bv.kind === "bool") {
    switch (e.op) {
      case "&&":
        return bool(av.value && bv.value);
      case "||":
        return bool(av.value || bv.value);
      case "==":
        return bool(av.value === bv.value);
      case "!=":
        return bool(av.value !== bv.value);
      default:
        return failed();
    }
  }
  if (av.kind !== "int" || bv.kind !== "int") return failed();
  if (ARITHMETIC_OPS.has(e.op) || BITWISE_OPS.has(e.op) || SHIFT_OPS.has(e.op)) {
    const r = foldIntBinary(e.op, av.value, bv.value);
    if (!r.ok) return failed();
    return { value: { kind: "int", value: r.value }, type: a.type ?? (SHIFT_OPS.has(e.op) ? null : b.type) };
  }
  if (e.op === "&&" || e.op === "||") return failed();
  return bool(foldIntCompare(e.op, av.value, bv.value));
}

function bool(value: boolean): Evaluated {
  return { value: { kind: "bool", value }, type: { kind: "bool" } };
}
