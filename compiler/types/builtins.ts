// Built-in functions:
//   require(cond) / require(cond, "text" | E(…))    → ()
//   assert(cond)                                     → ()
//   hash / keccak256 / sm3 / sha256(bytes | string)  → bytes32
//   truncate<T>(x)      integer → integer T, keeping the low bits (wraps)
//   abi.encode(values…) → bytes;  abi.decode<T>(bytes) → T
import type * as ast from "../syntax/ast.ts";
import { mapInside, type BuiltinFnName } from "../resolve/index.ts";
import type { Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { BOOL, BYTES, BYTES32, ERROR, I256, U256, UNIT, isError, isInt, isUnit, q } from "./type-utils.ts";
import { check, infer, inferWithHint } from "./expressions.ts";
import { isUntypedInt } from "./literals.ts";
import { errorCall, noTypeArgs } from "./calls.ts";
import { foldTruncate } from "./folding.ts";

type BuiltinName = BuiltinFnName | "abi.encode" | "abi.decode";

export function checkBuiltinCall(cx: Checker, call: ast.CallExpr, name: BuiltinName, _expected: Type | null): Type {
  let typeArg: Type | undefined;
  let result: Type;
  switch (name) {
    case "require":
      noTypeArgs(cx, call);
      arity(cx, call, 1, 2, "`require(condition)` or `require(condition, message)`");
      if (call.args[0]) check(cx, call.args[0], BOOL);
      if (call.args[1]) checkMessageOrError(cx, call.args[1]);
      result = UNIT;
      break;
    case "assert":
      noTypeArgs(cx, call);
      arity(cx, call, 1, 1, "`assert(condition)`");
      if (call.args[0]) check(cx, call.args[0], BOOL);
      result = UNIT;
      break;
    case "hash":
    case "keccak256":
    case "sm3":
    case "sha256":
      noTypeArgs(cx, call);
      arity(cx, call, 1, 1, `\`${name}(data)\``);
      if (call.args[0]) {
        const t = infer(cx, call.args[0]);
        if (!isError(t) && t.kind !== "bytes" && t.kind !== "string")
          cx.report("E0300", call.args[0].span, `\`${name}\` hashes \`bytes\` or \`string\`, found ${q(t)}`, {
            help: "encode other values first: `abi.encode(…)`",
          });
      }
      result = BYTES32;
      break;
    case "truncate": {
      typeArg = singleTypeArg(cx, call, "truncate<u8>(x)");
      if (typeArg && !isInt(typeArg) && !isError(typeArg)) {
        cx.report("E0328", call.typeArgs[0]!.span, `\`truncate\` converts to an integer type, not ${q(typeArg)}`);
        typeArg = ERROR;
      }
      arity(cx, call, 1, 1, "`truncate<T>(x)`");
      const arg = call.args[0];
      if (arg) {
        const negative = arg.kind === "Unary" && arg.op === "-";
        const t = isUntypedInt(arg) ? inferWithHint(cx, arg, negative ? I256 : U256) : infer(cx, arg);
        if (!isError(t) && !isInt(t))
          cx.report("E0300", arg.span, `\`truncate\` takes an integer, found ${q(t)}`, { help: "use `as` for other conversions" });
        else if (typeArg && isInt(typeArg) && isInt(t)) foldTruncate(cx, call, arg, typeArg);
      }
      result = typeArg ?? ERROR;
      break;
    }
    case "abi.encode":
      noTypeArgs(cx, call);
      for (const a of call.args) {
        const t = infer(cx, a);
        encodable(cx, a.span, t);
      }
      result = BYTES;
      break;
    case "abi.decode":
      typeArg = singleTypeArg(cx, call, "abi.decode<(u256, string)>(data)");
      if (typeArg && call.typeArgs[0] && !encodable(cx, call.typeArgs[0].span, typeArg)) typeArg = ERROR;
      arity(cx, call, 1, 1, "`abi.decode<T>(data)`");
      if (call.args[0]) check(cx, call.args[0], BYTES);
      result = typeArg ?? ERROR;
      break;
  }
  cx.program.calls.set(call, typeArg ? { kind: "builtin", name, typeArg } : { kind: "builtin", name });
  return result;
}

function arity(cx: Checker, call: ast.CallExpr, min: number, max: number, form: string): void {
  const n = call.args.length;
  if (n >= min && n <= max) return;
  const expected = min === max ? `${min}` : `${min} or ${max}`;
  cx.report("E0305", call.span, `expected ${expected} argument${max === 1 ? "" : "s"}, found ${n}`, { help: `write ${form}` });
  for (const a of call.args.slice(max)) infer(cx, a);
}

function singleTypeArg(cx: Checker, call: ast.CallExpr, example: string): Type | undefined {
  if (call.typeArgs.length !== 1) {
    cx.report("E0328", call.span, `expected one type argument, found ${call.typeArgs.length}`, { help: `write \`${example}\`` });
    return call.typeArgs.length === 0 ? ERROR : cx.program.typeExprs.get(call.typeArgs[0]!) ?? ERROR;
  }
  return cx.program.typeExprs.get(call.typeArgs[0]!) ?? ERROR;
}

/** Whether values of `t` have an ABI encoding; reports when not. */
function encodable(cx: Checker, span: ast.Span, t: Type): boolean {
  const why = mapInside(t);
  if (why) cx.report("E0311", span, `${q(t)} cannot be ABI-encoded`, { label: why, help: "maps live only in storage" });
  else if (isUnit(t)) cx.report("E0300", span, "`()` has no encoding");
  return !why && !isUnit(t);
}

/**
 * The second argument of `require` or the value of `revert`: a message
 * string or a typed error `E(…)`.
 */
export function checkMessageOrError(cx: Checker, e: ast.Expr): void {
  if (e.kind === "Call") {
    const r = e.callee.kind === "Name" || e.callee.kind === "Path" ? cx.resolved.names.get(e.callee) : undefined;
    if (r?.kind === "error") {
      cx.program.refs.set(e.callee, { kind: "decl", name: r.info.name });
      cx.program.types.set(e, errorCall(cx, e, r.info));
      return;
    }
  }
  const t = infer(cx, e);
  if (isError(t) || t.kind === "string") return;
  cx.report("E0323", e.span, `expected a message string or an error \`E(…)\`, found ${q(t)}`, {
    help: 'write `"message"` or an error declared with `error E(…);` called as `E(…)`',
  });
}
