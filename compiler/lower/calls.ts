// Calls: internal functions, external calls through an interface
// (`I(addr).f(x)`: selector ‖ SCALE(args) via bcos.call, the return data
// decoded strictly), built-ins (require, assert, hashes, truncate,
// abi.encode / abi.decode) and methods (map contains/remove, array
// push/pop, slice).
import type * as ast from "../syntax/ast.ts";
import type { CallTarget, FnInfo, Type } from "../types/model.ts";
import { selectorBytes } from "../abi/selector.ts";
import type { FnCx } from "./context.ts";
import type { Expr, HashAlgo, IrType, Stmt } from "./ir.ts";
import { BYTES, E, U32 } from "./ir.ts";
import { PANIC, check, hold, lt32 } from "./build.ts";
import { irResult, irType, intTy, isUnit } from "./types.ts";
import { decodeFrom, encodeInto } from "./scale.ts";
import { lowerExpr, lowerIndex, typeOf } from "./expressions.ts";
import { lowerPlace, pinPlace, type Place } from "./places.ts";
import { buildKey, containsMap, raw, sDelete, sExists, sRead, sWrite, u32Part } from "./storage.ts";
import { errorData } from "./events.ts";

/** The IR name of a contract function. */
export function fnName(fn: FnInfo): string {
  return `${fn.owner.name}.${fn.isInit ? "init" : fn.name}`;
}

export function lowerCall(fx: FnCx, e: ast.CallExpr): Expr {
  const target = fx.program.calls.get(e);
  if (!target) throw new Error(`internal: unresolved call at ${e.span.file}:${e.span.start}`);
  switch (target.kind) {
    case "internal":
      return E.call(
        fnName(target.fn),
        e.args.map((a) => lowerExpr(fx, a)),
        irResult(target.fn.returns),
      );
    case "external":
      return lowerExternal(fx, e, target);
    case "interfaceCast":
      return lowerExpr(fx, e.args[0]!);
    case "error":
      return errorData(fx, target.error, e.args);
    case "builtin":
      return lowerBuiltin(fx, e, target);
    case "method":
      return lowerMethod(fx, e, target);
    case "error_":
      throw new Error("internal: erroneous call in a checked program");
  }
}

function lowerExternal(fx: FnCx, e: ast.CallExpr, target: Extract<CallTarget, { kind: "external" }>): Expr {
  const out: Stmt[] = [];
  const addr = hold(fx, lowerExpr(fx, target.receiver), BYTES, out, "to");
  const w = fx.temp(U32, "w");
  out.push({ k: "set", local: w.index, value: { k: "writer", hint: 4 + 32 * e.args.length } });
  out.push({ k: "putRaw", w: E.local(w), bytes: selectorBytes(target.fn.signature, fx.mod.crypto) });
  e.args.forEach((a, i) => {
    out.push(...encodeInto(fx.mod, irType(target.fn.params[i]!.type), E.local(w), lowerExpr(fx, a)));
  });
  const ret: Expr = { k: "extCall", addr, data: { k: "written", w: E.local(w) } };
  const rt = irResult(target.fn.returns);
  if (!rt) return E.seq([...out, { k: "expr", e: ret }], { k: "void" });
  return E.seq(out, decodeAll(fx, rt, ret));
}

/** Decodes a whole bytes value as one `t`; trailing bytes are Panic(0x31). */
export function decodeAll(fx: FnCx, t: IrType, data: Expr): Expr {
  const r = fx.temp(U32, "r");
  const v = fx.temp(t, "v");
  return E.seq(
    [
      { k: "set", local: r.index, value: { k: "reader", data, skip: 0 } },
      { k: "set", local: v.index, value: decodeFrom(fx.mod, t, E.local(r)) },
      { k: "expr", e: { k: "readEnd", r: E.local(r) } },
    ],
    E.local(v),
  );
}

/** SCALE of several values, in order, as bytes. */
export function encodeAll(fx: FnCx, values: { t: IrType; v: Expr }[], prefix?: Uint8Array): Expr {
  const w = fx.temp(U32, "w");
  const stmts: Stmt[] = [{ k: "set", local: w.index, value: { k: "writer", hint: (prefix?.length ?? 0) + 32 * values.length } }];
  if (prefix) stmts.push({ k: "putRaw", w: E.local(w), bytes: prefix });
  for (const x of values) stmts.push(...encodeInto(fx.mod, x.t, E.local(w), x.v));
  return E.seq(stmts, { k: "written", w: E.local(w) });
}

function lowerBuiltin(fx: FnCx, e: ast.CallExpr, target: Extract<CallTarget, { kind: "builtin" }>): Expr {
  const args = e.args;
  switch (target.name) {
    case "require": {
      const cond = lowerExpr(fx, args[0]!);
      const fail: Stmt[] = args.length > 1 ? failWith(fx, args[1]!) : [{ k: "panic", code: PANIC.assert }];
      return E.seq([{ k: "if", cond: { k: "not", a: cond }, then: fail, else: [] }], { k: "void" });
    }
    case "assert":
      return E.seq([check(lowerExpr(fx, args[0]!), PANIC.assert)], { k: "void" });
    case "hash":
    case "keccak256":
    case "sm3":
    case "sha256": {
      const algo: HashAlgo = target.name === "hash" ? (fx.mod.crypto === "sm" ? "sm3" : "keccak256") : target.name;
      return { k: "hash", algo, a: asBytes(fx, args[0]!) };
    }
    case "truncate": {
      const to = target.typeArg ?? typeOf(fx, e);
      return { k: "cast", from: intTy(typeOf(fx, args[0]!)), to: intTy(to), mode: "wrap", a: lowerExpr(fx, args[0]!) };
    }
    case "abi.encode":
      return encodeAll(fx, args.map((a) => ({ t: irType(typeOf(fx, a)), v: lowerExpr(fx, a) })));
    case "abi.decode": {
      const t = target.typeArg ?? typeOf(fx, e);
      return decodeAll(fx, irType(t), lowerExpr(fx, args[0]!));
    }
  }
}

/** The value of a hash argument as bytes (bytesN values are taken whole). */
function asBytes(fx: FnCx, a: ast.Expr): Expr {
  const t = typeOf(fx, a);
  const v = lowerExpr(fx, a);
  return t.kind === "bytesN" ? { k: "fixedToBytes", size: t.size, a: v } : v;
}

/** The failure of `require(c, msg)` / `revert msg`: Error(string) or a typed error. */
export function failWith(fx: FnCx, reason: ast.Expr): Stmt[] {
  if (reason.kind === "Call") {
    const target = fx.program.calls.get(reason);
    if (target?.kind === "error") return [{ k: "revert", data: errorData(fx, target.error, reason.args) }];
  }
  return [{ k: "revertString", message: lowerExpr(fx, reason) }];
}

function lowerMethod(fx: FnCx, e: ast.CallExpr, target: Extract<CallTarget, { kind: "method" }>): Expr {
  const recvT = typeOf(fx, target.receiver);
  const out: Stmt[] = [];
  switch (target.name) {
    case "contains":
    case "remove": {
      if (recvT.kind !== "map") throw new Error("internal: contains/remove on a non-map");
      const place = lowerPlace(fx, target.receiver, out);
      if (place?.k !== "storage") throw new Error("internal: map outside storage");
      const key = buildKey(fx, [...place.parts, raw("$"), { k: "enc", ty: irType(recvT.key), value: lowerExpr(fx, e.args[0]!) }]);
      if (target.name === "contains") {
        if (containsMap(recvT.value)) {
          unsupported(fx, e, "`contains` on a map whose values hold maps (their keys are not enumerable)", "keep a `bool` (or a counter) beside the map to record which entries exist");
          return E.bool(false);
        }
        return E.seq(out, sExists(fx, recvT.value, key));
      }
      if (containsMap(recvT.value)) {
        unsupported(fx, e, "`remove` of an entry that holds a map (its keys are not enumerable)", "clear the parts you know one by one: fields, and the map's entries by key");
        return { k: "void" };
      }
      return E.seq([...out, ...sDelete(fx, recvT.value, key)], { k: "void" });
    }
    case "push":
    case "pop": {
      if (recvT.kind !== "array" || recvT.size !== null) throw new Error("internal: push/pop on a non-dynamic array");
      // The checker allows push/pop on storage arrays only.
      const place = lowerPlace(fx, target.receiver, out);
      if (place?.k !== "storage") throw new Error("internal: push/pop outside storage");
      const pinned = pinPlace(fx, place, out) as Extract<Place, { k: "storage" }>;
      return storagePushPop(fx, e, target.name, recvT.elem, pinned, out);
    }
    case "slice":
      return { k: "slice", a: lowerExpr(fx, target.receiver), start: lowerIndex(fx, e.args[0]!), end: lowerIndex(fx, e.args[1]!) };
  }
}

function storagePushPop(
  fx: FnCx,
  e: ast.CallExpr,
  name: "push" | "pop",
  elem: Type,
  place: Extract<Place, { k: "storage" }>,
  out: Stmt[],
): Expr {
  const key = buildKey(fx, place.parts);
  const n = fx.temp(U32, "len");
  out.push({ k: "set", local: n.index, value: { k: "sload", ty: U32, key } });
  if (name === "push") {
    const v = lowerExpr(fx, e.args[0]!);
    out.push(...sWrite(fx, elem, buildKey(fx, [{ k: "prefix", key }, raw("$"), u32Part(E.local(n))]), v));
    out.push({ k: "sstore", ty: U32, key, value: { k: "bin", op: "add", ty: U32, checked: true, a: E.local(n), b: E.i32(1) } });
    return E.seq(out, { k: "void" });
  }
  out.push(check(lt32(E.i32(0), E.local(n)), PANIC.bounds));
  out.push({ k: "set", local: n.index, value: { k: "bin", op: "sub", ty: U32, checked: false, a: E.local(n), b: E.i32(1) } });
  const elemKey = hold(fx, buildKey(fx, [{ k: "prefix", key }, raw("$"), u32Part(E.local(n))]), BYTES, out, "ekey");
  const wantValue = !isUnit(typeOf(fx, e));
  let value: Expr = { k: "void" };
  if (containsMap(elem)) {
    unsupported(fx, e, "`pop` of an element that holds a map (its keys are not enumerable)", "keep the length yourself and clear the element's parts by key");
    return E.seq(out, value);
  }
  if (wantValue) {
    const v = fx.temp(irType(elem), "popped");
    out.push({ k: "set", local: v.index, value: sRead(fx, elem, elemKey) });
    value = E.local(v);
  }
  out.push(...sDelete(fx, elem, elemKey));
  out.push({ k: "sstore", ty: U32, key, value: E.local(n) });
  return E.seq(out, value);
}

function unsupported(fx: FnCx, e: ast.Expr, what: string, help: string): void {
  fx.mod.error("E0500", e.span, `${what} is not supported`, help);
}
