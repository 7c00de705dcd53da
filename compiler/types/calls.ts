// Calls: internal functions (`f(x)`, `self.f(x)`), interface views
// (`I(addr)`, `Token(addr)`), external calls (`I(addr).f(x)`), typed errors
// (`E(a, b)`, only as the argument of `revert` / `require`), built-ins, and
// the methods of maps, storage arrays, bytes and strings. Every call gets a
// `calls` entry (kind "error_" when it cannot be understood).
import type * as ast from "../syntax/ast.ts";
import type { CallTarget, ErrorInfo, FnInfo, InterfaceInfo, Type } from "./model.ts";
import type { Checker } from "./context.ts";
import { ADDRESS, BOOL, ERROR, U32, UNIT, isError, q } from "./type-utils.ts";
import { check, fieldSuggestion, infer } from "./expressions.ts";
import { isStoragePath, methodsOf } from "./members.ts";
import { checkBuiltinCall } from "./builtins.ts";
import { describeResolution, type Resolution } from "../resolve/index.ts";

export function checkCall(cx: Checker, call: ast.CallExpr, expected: Type | null): Type {
  const callee = call.callee;
  const r = callee.kind === "Name" || callee.kind === "Path" || callee.kind === "Member" ? cx.resolved.names.get(callee) : undefined;
  if (r) return callResolved(cx, call, r, expected);
  if (callee.kind === "Member") return callMethod(cx, call, callee);
  const t = infer(cx, callee);
  return notCallable(cx, call, isError(t) ? null : `a value of type ${q(t)}`);
}

function setTarget(cx: Checker, call: ast.CallExpr, target: CallTarget): void {
  cx.program.calls.set(call, target);
}

/** The callee is a name: a function, a built-in, an interface or contract, an error… */
function callResolved(cx: Checker, call: ast.CallExpr, r: Resolution, expected: Type | null): Type {
  const name = call.callee.kind === "Name" ? call.callee.name.name : call.callee.kind === "Member" ? call.callee.member.name : "";
  cx.program.refs.set(call.callee, r.kind === "local" ? { kind: "local", local: r.local } : { kind: "decl", name });
  switch (r.kind) {
    case "fn":
      return internalCall(cx, call, r.info);
    case "builtin":
    case "abi":
      return checkBuiltinCall(cx, call, r.name, expected);
    case "interface":
      return interfaceCast(cx, call, r.info);
    case "contract":
      return r.info.asInterface ? interfaceCast(cx, call, r.info.asInterface) : notCallable(cx, call, null);
    case "error":
      cx.report("E0323", call.span, `the error \`${r.info.name}\` can only be raised with \`revert\` or \`require\``, {
        help: `write \`revert ${r.info.name}(…);\` or \`require(condition, ${r.info.name}(…));\``,
      });
      errorCall(cx, call, r.info);
      return ERROR;
    case "unresolved":
      noTypeArgs(cx, call);
      for (const a of call.args) infer(cx, a);
      setTarget(cx, call, { kind: "error_" });
      return ERROR;
    case "struct":
      return notCallable(cx, call, describeResolution(r), `build it with a struct literal: \`${r.info.name} { field: value, … }\``);
    case "event":
      return notCallable(cx, call, describeResolution(r), `emit it: \`emit ${r.info.name}(…);\``);
    case "local": {
      cx.reads.add(r.local);
      return notCallable(cx, call, `the variable \`${r.local.name}\` of type ${q(r.local.type)}`);
    }
    default:
      return notCallable(cx, call, describeResolution(r));
  }
}

function notCallable(cx: Checker, call: ast.CallExpr, what: string | null, help?: string): Type {
  for (const a of call.args) infer(cx, a);
  setTarget(cx, call, { kind: "error_" });
  if (what) cx.report("E0306", call.callee.span, `${what} is not a function`, { label: "not callable", help: help ?? [] });
  return ERROR;
}

/** Reports type arguments on a call that takes none. */
export function noTypeArgs(cx: Checker, call: ast.CallExpr): void {
  if (call.typeArgs.length === 0) return;
  cx.report("E0328", call.typeArgs[0]!.span, "this call takes no type arguments", {
    help: "only `truncate<T>(x)` and `abi.decode<T>(data)` take a type argument",
  });
}

/** Checks `args` against parameter types; reports a wrong count (pointing at the declaration). */
export function checkArgs(cx: Checker, call: ast.CallExpr, params: Type[], what: string, declSpan: ast.Span | null): void {
  if (call.args.length !== params.length) {
    const s = (n: number) => `${n} argument${n === 1 ? "" : "s"}`;
    cx.report("E0305", call.span, `${what} takes ${s(params.length)} but ${s(call.args.length)} ${call.args.length === 1 ? "was" : "were"} given`, {
      secondary: declSpan ? [{ span: declSpan, message: "declared here" }] : [],
    });
  }
  call.args.forEach((a, i) => (i < params.length ? check(cx, a, params[i]!) : infer(cx, a)));
}

function fnDeclSpan(fn: FnInfo): ast.Span {
  return fn.decl.kind === "Init" ? fn.decl.nameSpan : fn.decl.name.span;
}

function internalCall(cx: Checker, call: ast.CallExpr, fn: FnInfo): Type {
  noTypeArgs(cx, call);
  checkArgs(cx, call, fn.params.map((p) => p.type), `the function \`${fn.name}\``, fnDeclSpan(fn));
  setTarget(cx, call, { kind: "internal", fn });
  return fn.returns;
}

/** `I(addr)`: no call is made; the address is viewed as a contract implementing I. */
function interfaceCast(cx: Checker, call: ast.CallExpr, iface: InterfaceInfo): Type {
  noTypeArgs(cx, call);
  checkArgs(cx, call, [ADDRESS], `\`${iface.name}(…)\``, null);
  setTarget(cx, call, { kind: "interfaceCast", iface });
  return { kind: "interface", info: iface };
}

/** `E(a, b)`: a typed error value (checked by `revert` / `require`). Its type is `()`. */
export function errorCall(cx: Checker, call: ast.CallExpr, error: ErrorInfo): Type {
  noTypeArgs(cx, call);
  checkArgs(cx, call, error.fields.map((f) => f.type), `the error \`${error.name}\``, error.decl.name.span);
  setTarget(cx, call, { kind: "error", error });
  cx.useError(error);
  return UNIT;
}

/** `receiver.name(args)` where the receiver is a value: external calls and built-in methods. */
function callMethod(cx: Checker, call: ast.CallExpr, callee: ast.MemberExpr): Type {
  const t = infer(cx, callee.object);
  const name = callee.member.name;
  const receiver = callee.object;
  noTypeArgs(cx, call);
  if (isError(t)) {
    for (const a of call.args) infer(cx, a);
    setTarget(cx, call, { kind: "error_" });
    return ERROR;
  }
  if (t.kind === "interface") return externalCall(cx, call, t.info, callee);
  const method = (m: "contains" | "remove" | "push" | "pop" | "slice") => setTarget(cx, call, { kind: "method", name: m, receiver });
  if (t.kind === "map" && (name === "contains" || name === "remove")) {
    checkArgs(cx, call, [t.key], `\`${name}\``, null);
    method(name);
    return name === "contains" ? BOOL : UNIT;
  }
  if (t.kind === "array" && t.size === null && (name === "push" || name === "pop")) {
    checkArgs(cx, call, name === "push" ? [t.elem] : [], `\`${name}\``, null);
    if (!isStoragePath(cx, receiver)) {
      cx.report("E0307", callee.member.span, `\`${name}\` is only available on arrays in storage`, {
        help: "a memory array has a fixed length once created; build a new array, or keep the array in `state`",
      });
      setTarget(cx, call, { kind: "error_" });
      return name === "pop" ? t.elem : UNIT;
    }
    method(name);
    return name === "pop" ? t.elem : UNIT;
  }
  if ((t.kind === "bytes" || t.kind === "string") && name === "slice") {
    checkArgs(cx, call, [U32, U32], "`slice`", null);
    method("slice");
    return t;
  }
  for (const a of call.args) infer(cx, a);
  setTarget(cx, call, { kind: "error_" });
  if (name === "length" && (t.kind === "array" || t.kind === "bytes" || t.kind === "string")) {
    cx.report("E0306", callee.member.span, "`length` is not a function", {
      help: "write `x.length` without parentheses",
      fixes: call.args.length === 0 ? [{ title: "remove the parentheses", span: { ...call.span, start: callee.span.end }, replacement: "" }] : [],
    });
    return U32;
  }
  const methods = methodsOf(t);
  const extra = t.kind === "array" && t.size !== null && (name === "push" || name === "pop") ? ["a fixed-size array cannot grow or shrink"] : [];
  const sugg = fieldSuggestion(callee.member, methods);
  cx.report("E0307", callee.member.span, `${q(t)} has no method \`${name}\``, {
    label: "unknown method",
    help: [...extra, ...sugg.help],
    fixes: sugg.fixes,
  });
  return ERROR;
}

/** `I(addr).f(args)` or `token.f(args)` with `token: Token`. */
function externalCall(cx: Checker, call: ast.CallExpr, iface: InterfaceInfo, callee: ast.MemberExpr): Type {
  const name = callee.member.name;
  const fn = iface.fns.find((f) => f.name === name);
  if (!fn) {
    for (const a of call.args) infer(cx, a);
    setTarget(cx, call, { kind: "error_" });
    const hidden = iface.contract?.fns.find((f) => f.name === name);
    if (hidden) {
      cx.report("E0307", callee.member.span, `\`${name}\` is not a public function of \`${iface.name}\``, {
        secondary: [{ span: fnDeclSpan(hidden), message: "declared without `pub` here" }],
        help: "only `pub fn`s can be called from other contracts",
      });
    } else {
      const sugg = fieldSuggestion(callee.member, iface.fns.map((f) => f.name));
      cx.report("E0307", callee.member.span, `\`${iface.name}\` has no function \`${name}\``, {
        label: "unknown function",
        secondary: [{ span: iface.decl.name.span, message: `\`${iface.name}\` declared here` }],
        ...sugg,
      });
    }
    return ERROR;
  }
  checkArgs(cx, call, fn.params.map((p) => p.type), `the function \`${iface.name}.${fn.name}\``, fnDeclSpan(fn));
  setTarget(cx, call, { kind: "external", iface, fn, receiver: callee.object });
  return fn.returns;
}
