// Expressions → IR expressions. Constants are inlined from the checker's
// `constValues`; arithmetic is checked unless inside `unchecked { … }`;
// reads of state go through places.ts / storage.ts; calls through calls.ts.
//
// Ownership: `lowerExpr` may return an alias of a memory aggregate held by
// a local (`let b = a` must not share `a`'s block when either can change).
// Callers that store a value somewhere it may be mutated use `lowerOwned`,
// which copies aggregates read from a place.
import type * as ast from "../syntax/ast.ts";
import type { ConstValue, Type } from "../types/model.ts";
import { sameType } from "../types/model.ts";
import type { FnCx } from "./context.ts";
import type { AggTy, CmpOp, Expr, IntBinOp, IntTy, Stmt } from "./ir.ts";
import { BOOL, E, U32, U8, isScalar } from "./ir.ts";
import { PANIC, check, hold } from "./build.ts";
import { recordLayout, slotWidth } from "./layout.ts";
import { intTy, irType, scalarTy } from "./types.ts";
import { copyValue, elementAddress, newArray, newRecord, arrayLength } from "./values.ts";
import { fieldIndex, isStoragePath, lowerPlace, readPlace, rootLocal } from "./places.ts";
import { buildKey } from "./storage.ts";
import { envType, envValue } from "./env.ts";
import { lowerCall } from "./calls.ts";

const utf8 = new TextEncoder();

export function typeOf(fx: FnCx, e: ast.Expr): Type {
  const t = fx.program.types.get(e);
  if (!t) throw new Error(`internal: no type for ${e.kind} at ${e.span.file}:${e.span.start}`);
  return t;
}

/** A 32-byte word holding `bytes` left-aligned. */
export function word(bytes: Uint8Array): Uint8Array {
  const w = new Uint8Array(32);
  w.set(bytes.subarray(0, 32));
  return w;
}

/** A constant of type `t`. */
export function constExpr(t: Type, cv: ConstValue): Expr {
  switch (cv.kind) {
    case "int":
      if (t.kind === "enum") return { k: "const", ty: scalarTy(irType(t)), value: cv.value };
      return { k: "const", ty: t.kind === "int" ? intTy(t) : U32, value: cv.value };
    case "bool":
      return E.bool(cv.value);
    case "string":
      return t.kind === "bytesN" ? { k: "constWord", value: word(utf8.encode(cv.value)) } : { k: "constBytes", value: utf8.encode(cv.value) };
    case "bytes":
      return t.kind === "bytesN" ? { k: "constWord", value: word(cv.value) } : { k: "constBytes", value: cv.value };
  }
}

/** Lowers an expression to a value (possibly an alias of a local's aggregate). */
export function lowerExpr(fx: FnCx, e: ast.Expr): Expr {
  const p = fx.program;
  const cv = p.constValues.get(e);
  if (cv) return constExpr(typeOf(fx, e), cv);
  switch (e.kind) {
    case "IntLit":
      return constExpr(typeOf(fx, e), { kind: "int", value: e.value });
    case "BoolLit":
      return E.bool(e.value);
    case "StringLit":
      return constExpr(typeOf(fx, e), { kind: "string", value: e.value });
    case "BytesLit":
      return constExpr(typeOf(fx, e), { kind: "bytes", value: e.value });
    case "Name":
    case "Path":
    case "Member":
      return lowerRef(fx, e);
    case "Index":
      return lowerIndexExpr(fx, e);
    case "Call":
      return lowerCall(fx, e);
    case "StructLit":
      return lowerStructLit(fx, e);
    case "Tuple": {
      const t = irType(typeOf(fx, e));
      if (t.k !== "tuple") throw new Error("internal: tuple expression of non-tuple type");
      return newRecord(fx, t, e.elems.map((x) => lowerOwned(fx, x)));
    }
    case "ArrayLit": {
      const t = irType(typeOf(fx, e));
      if (t.k !== "array") throw new Error("internal: array literal of non-array type");
      return newArray(fx, t, e.elems.map((x) => lowerOwned(fx, x)));
    }
    case "Cast":
      return lowerCast(fx, typeOf(fx, e.expr), typeOf(fx, e), lowerExpr(fx, e.expr));
    case "Unary":
      return lowerUnary(fx, e);
    case "Binary":
      return lowerBinary(fx, e);
    case "Self":
      return envValue(fx, "self.address");
    case "ErrorExpr":
      throw new Error("internal: error expression in a checked program");
  }
}

/** A value that the caller may keep and mutate: aggregates read from a place are copied. */
export function lowerOwned(fx: FnCx, e: ast.Expr): Expr {
  const v = lowerExpr(fx, e);
  const t = typeOf(fx, e);
  if (t.kind !== "struct" && t.kind !== "tuple" && t.kind !== "array") return v;
  return rootLocal(fx, e) ? copyValue(fx.mod, irType(t), v) : v;
}

/** An array index or slice bound as u32; Panic(0x32) when it cannot be an index (negative or ≥ 2^32). */
export function lowerIndex(fx: FnCx, e: ast.Expr): Expr {
  const t = intTy(typeOf(fx, e));
  const v = lowerExpr(fx, e);
  if (v.k === "const") {
    if (v.value >= 0n && v.value <= 0xffffffffn) return E.i32(Number(v.value));
    return E.seq([{ k: "panic", code: PANIC.bounds }], E.i32(0));
  }
  if (!t.signed && t.bits <= 32) return v; // already a u32 value
  const out: Stmt[] = [];
  const x = hold(fx, v, t, out, "ix");
  const conds: Expr[] = [];
  if (t.signed) conds.push({ k: "cmp", op: "ge", ty: t, a: x, b: { k: "const", ty: t, value: 0n } });
  if (t.bits > 32) conds.push({ k: "cmp", op: "le", ty: t, a: x, b: { k: "const", ty: t, value: 0xffffffffn } });
  out.push(check(conds.reduce((a, b) => ({ k: "cond", ty: BOOL, c: a, a: b, b: E.bool(false) })), PANIC.bounds));
  return E.seq(out, { k: "cast", from: t, to: U32, mode: "wrap", a: x });
}

// ---------------------------------------------------------------- names and members

function lowerRef(fx: FnCx, e: ast.NameExpr | ast.PathExpr | ast.MemberExpr): Expr {
  const p = fx.program;
  const ref = p.refs.get(e);
  const t = typeOf(fx, e);
  if (!ref) {
    if (e.kind === "Member") return lowerMemberValue(fx, e, t);
    throw new Error(`internal: unresolved name at ${e.span.file}:${e.span.start}`);
  }
  switch (ref.kind) {
    case "local":
      return E.local(fx.ofInfo(ref.local, irType(ref.local.type)));
    case "const":
      return constExpr(ref.info.type, ref.info.value);
    case "enumVariant":
      return { k: "const", ty: scalarTy(irType(t)), value: BigInt(ref.index) };
    case "env": {
      const v = envValue(fx, ref.name);
      const have = envType(ref.name);
      if (t.kind === "int" && have.k === "int" && (t.bits !== have.bits || t.signed !== have.signed)) {
        return { k: "cast", from: have, to: intTy(t), mode: "checked", a: v };
      }
      return v;
    }
    case "state": {
      const out: Stmt[] = [];
      const place = lowerPlace(fx, e, out)!;
      return E.seq(out, readPlace(fx, place));
    }
    case "field":
    case "length":
      if (e.kind !== "Member") throw new Error("internal: field reference on a non-member expression");
      return lowerMemberValue(fx, e, t);
    case "decl":
    case "error":
      throw new Error(`internal: ${ref.kind} reference in a checked program`);
  }
}

/** `obj.f` (struct/tuple field) and `obj.length`. */
function lowerMemberValue(fx: FnCx, e: ast.MemberExpr, t: Type): Expr {
  const p = fx.program;
  const objT = typeOf(fx, e.object);
  const ref = p.refs.get(e);
  if (ref?.kind === "length" || (e.member.name === "length" && fieldIndex(fx, e, objT) === null)) {
    if (objT.kind === "string" || objT.kind === "bytes" || objT.kind === "address") return { k: "bytesLen", a: lowerExpr(fx, e.object) };
    if (objT.kind === "bytesN") return E.i32(objT.size);
    if (objT.kind === "array") {
      if (objT.size !== null) return E.i32(objT.size);
      if (isStoragePath(fx, e.object)) {
        const out: Stmt[] = [];
        const place = lowerPlace(fx, e.object, out)!;
        if (place.k === "storage") return E.seq(out, { k: "sload", ty: U32, key: buildKey(fx, place.parts) });
      }
      return arrayLength(irType(objT) as AggTy & { k: "array" }, lowerExpr(fx, e.object));
    }
    throw new Error(`internal: .length of ${objT.kind}`);
  }
  if (isStoragePath(fx, e)) {
    const out: Stmt[] = [];
    const place = lowerPlace(fx, e, out)!;
    return E.seq(out, readPlace(fx, place));
  }
  const index = fieldIndex(fx, e, objT);
  if (index === null) throw new Error(`internal: member ${e.member.name} of ${objT.kind}`);
  const rt = irType(objT) as AggTy & { k: "struct" | "tuple" };
  const slot = recordLayout(rt).fields[index]!;
  return { k: "load", width: slotWidth(slot.type), ptr: lowerExpr(fx, e.object), offset: slot.offset };
}

function lowerIndexExpr(fx: FnCx, e: ast.IndexExpr): Expr {
  const objT = typeOf(fx, e.object);
  const t = typeOf(fx, e);
  if (isStoragePath(fx, e)) {
    const out: Stmt[] = [];
    const place = lowerPlace(fx, e, out)!;
    return E.seq(out, readPlace(fx, place));
  }
  if (objT.kind === "string" || objT.kind === "bytes") {
    const v: Expr = { k: "byteAt", a: lowerExpr(fx, e.object), i: lowerIndex(fx, e.index) };
    return byteResult(t, v);
  }
  if (objT.kind !== "array") throw new Error(`internal: indexing ${objT.kind}`);
  const at = irType(objT) as AggTy & { k: "array" };
  const out: Stmt[] = [];
  const arr = hold(fx, lowerExpr(fx, e.object), at, out, "a");
  const i = hold(fx, lowerIndex(fx, e.index), U32, out, "i");
  const address = elementAddress(at, arr, i, out);
  return E.seq(out, { k: "load", width: slotWidth(at.elem), ptr: address, offset: 0 });
}

/** A byte read as u8 presented as the indexing expression's type (u8 or bytes1). */
function byteResult(t: Type, v: Expr): Expr {
  if (t.kind === "bytesN") return { k: "intToFixed", from: U8, size: 1, a: v };
  if (t.kind === "int" && !(t.bits === 8 && !t.signed)) return { k: "cast", from: U8, to: intTy(t), mode: "checked", a: v };
  return v;
}

function lowerStructLit(fx: FnCx, e: ast.StructLit): Expr {
  const t = irType(typeOf(fx, e));
  if (t.k !== "struct") throw new Error("internal: struct literal of non-struct type");
  const byName = new Map(e.fields.map((f) => [f.name.name, f] as const));
  const inOrder = e.fields.every((f, i) => t.fields[i]?.name === f.name.name);
  const out: Stmt[] = [];
  const values = new Map<string, Expr>();
  // Evaluate in source order; hold values when that differs from field order.
  for (const f of e.fields) {
    const ft = t.fields.find((x) => x.name === f.name.name)!.type;
    const v = lowerOwned(fx, f.value);
    values.set(f.name.name, inOrder ? v : hold(fx, v, ft, out, "f"));
  }
  const ordered = t.fields.map((f) => {
    if (!byName.has(f.name)) throw new Error(`internal: struct literal lacks field ${f.name}`);
    return values.get(f.name)!;
  });
  return E.seq(out, newRecord(fx, t, ordered));
}

// ---------------------------------------------------------------- casts

/** Converts a value between types, with the checks of `as`. */
export function lowerCast(fx: FnCx, from: Type, to: Type, v: Expr): Expr {
  if (sameType(from, to)) return v;
  if (from.kind === "int" && to.kind === "int") return { k: "cast", from: intTy(from), to: intTy(to), mode: "checked", a: v };
  if (from.kind === "int" && to.kind === "enum") {
    const ft = intTy(from);
    const out: Stmt[] = [];
    const x = hold(fx, v, ft, out, "e");
    let ok: Expr = { k: "cmp", op: "lt", ty: ft, a: x, b: { k: "const", ty: ft, value: BigInt(Math.min(to.info.variants.length, ft.signed ? 2 ** (ft.bits - 1) - 1 : 2 ** ft.bits - 1)) } };
    if (to.info.variants.length > (ft.signed ? 2 ** (ft.bits - 1) - 1 : 2 ** ft.bits - 1)) ok = E.bool(true);
    if (ft.signed) ok = { k: "cond", ty: BOOL, c: { k: "cmp", op: "ge", ty: ft, a: x, b: { k: "const", ty: ft, value: 0n } }, a: ok, b: E.bool(false) };
    out.push(check(ok, PANIC.enumValue));
    return E.seq(out, { k: "cast", from: ft, to: U8, mode: "wrap", a: x });
  }
  if (from.kind === "enum" && to.kind === "int") return { k: "cast", from: U8, to: intTy(to), mode: "checked", a: v };
  if (from.kind === "bool" && to.kind === "int") {
    const tt = intTy(to);
    return { k: "cond", ty: tt, c: v, a: { k: "const", ty: tt, value: 1n }, b: { k: "const", ty: tt, value: 0n } };
  }
  if (from.kind === "int" && to.kind === "bytesN") return { k: "intToFixed", from: intTy(from), size: to.size, a: v };
  if (from.kind === "bytesN" && to.kind === "int") return { k: "fixedToInt", size: from.size, to: intTy(to), a: v };
  if (from.kind === "bytesN" && to.kind === "bytesN") {
    if (to.size >= from.size) return v;
    return { k: "bytesToFixed", size: to.size, a: { k: "fixedToBytes", size: to.size, a: v } };
  }
  if (from.kind === "bytesN" && (to.kind === "bytes" || to.kind === "string")) return { k: "fixedToBytes", size: from.size, a: v };
  if ((from.kind === "bytes" || from.kind === "string") && to.kind === "bytesN") return { k: "bytesToFixed", size: to.size, a: v };
  const byteLike = (t: Type) => t.kind === "string" || t.kind === "bytes" || t.kind === "address" || t.kind === "interface";
  if (byteLike(from) && byteLike(to)) return v;
  throw new Error(`internal: cast from ${from.kind} to ${to.kind}`);
}

// ---------------------------------------------------------------- operators

function lowerUnary(fx: FnCx, e: ast.UnaryExpr): Expr {
  const t = typeOf(fx, e);
  const a = lowerExpr(fx, e.operand);
  switch (e.op) {
    case "!":
      return { k: "not", a };
    case "-":
      return { k: "neg", ty: intTy(t), checked: fx.unchecked === 0, a };
    case "~":
      return { k: "bitnot", ty: intTy(t), a };
  }
}

const arith: Partial<Record<ast.BinaryOp, IntBinOp>> = {
  "+": "add",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "%": "mod",
  "&": "and",
  "|": "or",
  "^": "xor",
};

const compare: Partial<Record<ast.BinaryOp, CmpOp>> = {
  "==": "eq",
  "!=": "ne",
  "<": "lt",
  "<=": "le",
  ">": "gt",
  ">=": "ge",
};

function lowerBinary(fx: FnCx, e: ast.BinaryExpr): Expr {
  if (e.op === "&&" || e.op === "||") {
    const a = lowerExpr(fx, e.left);
    const b = lowerExpr(fx, e.right);
    return e.op === "&&" ? { k: "cond", ty: BOOL, c: a, a: b, b: E.bool(false) } : { k: "cond", ty: BOOL, c: a, a: E.bool(true), b };
  }
  const cmp = compare[e.op];
  if (cmp) return lowerCompare(fx, cmp, typeOf(fx, e.left), lowerExpr(fx, e.left), lowerExpr(fx, e.right), e);
  return binaryOp(fx, e.op, typeOf(fx, e.left), typeOf(fx, e.right), lowerExpr(fx, e.left), lowerExpr(fx, e.right));
}

/** `a op b` for arithmetic, bitwise, shift and concatenation operators (also used by compound assignment). */
export function binaryOp(fx: FnCx, op: ast.BinaryOp, lt: Type, rt: Type, a: Expr, b: Expr): Expr {
  if (op === "+" && (lt.kind === "string" || lt.kind === "bytes")) return { k: "concat", a, b };
  const ty = intTy(lt);
  const checked = fx.unchecked === 0;
  if (op === "<<" || op === ">>") return { k: "shift", op: op === "<<" ? "shl" : "shr", ty, amountTy: intTy(rt), a, amount: b };
  if (op === "**") return lowerPow(fx, ty, intTy(rt), a, b, checked);
  const bin = arith[op];
  if (!bin) throw new Error(`internal: operator ${op}`);
  return { k: "bin", op: bin, ty, checked, a, b };
}

/** `a ** e` (the checker makes `e` unsigned): the exponent is brought to the base's width, saturating with its parity kept. */
function lowerPow(fx: FnCx, ty: IntTy, et: IntTy, a: Expr, b: Expr, checked: boolean): Expr {
  const out: Stmt[] = [];
  let e = b;
  const uet: IntTy = { k: "int", bits: et.bits, signed: false };
  const target: IntTy = { k: "int", bits: ty.bits, signed: false };
  if (et.bits <= ty.bits) {
    e = { k: "cast", from: uet, to: target, mode: "wrap", a: e };
  } else {
    // A huge exponent only matters for bases 0, 1 and -1: keep it odd or even.
    const x = hold(fx, e, uet, out, "exp");
    const max = (1n << BigInt(ty.bits)) - 1n;
    const fits: Expr = { k: "cmp", op: "le", ty: uet, a: x, b: { k: "const", ty: uet, value: max } };
    const parity: Expr = { k: "bin", op: "and", ty: uet, checked: false, a: x, b: { k: "const", ty: uet, value: 1n } };
    const saturated: Expr = { k: "bin", op: "or", ty: uet, checked: false, a: { k: "const", ty: uet, value: max - 1n }, b: parity };
    e = { k: "cast", from: uet, to: target, mode: "wrap", a: { k: "cond", ty: uet, c: fits, a: x, b: saturated } };
  }
  return E.seq(out, { k: "bin", op: "pow", ty, checked, a, b: e });
}

function lowerCompare(fx: FnCx, op: CmpOp, t: Type, a: Expr, b: Expr, e: ast.Expr): Expr {
  const it = irType(t);
  if (isScalar(it)) return { k: "cmp", op, ty: it, a, b };
  fx.mod.error("E0500", e.span, `comparing values of type ${it.k} is not supported by the code generator`);
  return E.bool(false);
}

