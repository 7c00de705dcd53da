// Statements → IR statements.
//
//   let / assignment   values stored where they may later change are owned
//                      (aggregates read from a place are deep-copied);
//                      compound assignment evaluates the place once (a
//                      storage key is built once) then reads, computes and
//                      writes;
//   while              loop { if !cond break; body }
//   for i in a..b      a and b evaluated once; the counter is a hidden local
//                      (the binding cannot be assigned), so `next` is i += 1;
//                      `a..=b` tests `i == b` in `next` to avoid overflow;
//   for v in arr       memory: iterates a snapshot (a copy when `arr` is a
//                      mutable local); storage: length read once, elements
//                      read as the loop reaches them;
//   unchecked { … }    arithmetic inside wraps instead of Panic(0x11).
import type * as ast from "../syntax/ast.ts";
import type { LocalInfo } from "../types/model.ts";
import type { FnCx } from "./context.ts";
import type { AggTy, Expr, Stmt } from "./ir.ts";
import { BYTES, E, U32, U8 } from "./ir.ts";
import { hold, countedLoop } from "./build.ts";
import { recordLayout, slotWidth } from "./layout.ts";
import { irType, intTy } from "./types.ts";
import { binaryOp, lowerExpr, lowerOwned, typeOf } from "./expressions.ts";
import { lowerPlace, pinPlace, readPlace, rootLocal, writePlace } from "./places.ts";
import { copyValue, elementAddressUnchecked, zeroValue, arrayLength } from "./values.ts";
import { failWith } from "./calls.ts";
import { lowerEmit } from "./events.ts";
import { buildKey, raw, sRead, u32Part } from "./storage.ts";

export function lowerBlock(fx: FnCx, b: ast.Block, out: Stmt[]): void {
  for (const s of b.stmts) lowerStmt(fx, s, out);
}

export function lowerStmt(fx: FnCx, s: ast.Stmt, out: Stmt[]): void {
  switch (s.kind) {
    case "Let":
      return lowerLet(fx, s, out);
    case "Assign":
      return lowerAssign(fx, s, out);
    case "ExprStmt":
      out.push({ k: "expr", e: lowerExpr(fx, s.expr) });
      return;
    case "If": {
      const then: Stmt[] = [];
      const els: Stmt[] = [];
      const cond = lowerExpr(fx, s.cond);
      lowerBlock(fx, s.then, then);
      if (s.else?.kind === "Block") lowerBlock(fx, s.else, els);
      else if (s.else) lowerStmt(fx, s.else, els);
      out.push({ k: "if", cond, then, else: els });
      return;
    }
    case "While": {
      const label = fx.newLabel();
      const body: Stmt[] = [];
      body.push({ k: "if", cond: { k: "not", a: lowerExpr(fx, s.cond) }, then: [{ k: "break", label }], else: [] });
      inLoop(fx, label, () => lowerBlock(fx, s.body, body));
      out.push({ k: "loop", label, body, next: [] });
      return;
    }
    case "ForRange":
      return lowerForRange(fx, s, out);
    case "ForEach":
      return lowerForEach(fx, s, out);
    case "Break":
    case "Continue": {
      const frame = fx.loops[fx.loops.length - 1];
      if (!frame) throw new Error("internal: break/continue outside a loop");
      out.push({ k: s.kind === "Break" ? "break" : "continue", label: frame.label });
      return;
    }
    case "Return":
      out.push({ k: "return", value: s.value ? lowerOwned(fx, s.value) : null });
      return;
    case "Emit":
      return lowerEmit(fx, s, out);
    case "Revert":
      out.push(...failWith(fx, s.value));
      return;
    case "Unchecked":
      fx.unchecked++;
      try {
        lowerBlock(fx, s.body, out);
      } finally {
        fx.unchecked--;
      }
      return;
    case "BlockStmt":
      return lowerBlock(fx, s.body, out);
    case "ErrorStmt":
      throw new Error("internal: error statement in a checked program");
  }
}

function inLoop(fx: FnCx, label: number, f: () => void): void {
  fx.loops.push({ label });
  try {
    f();
  } finally {
    fx.loops.pop();
  }
}

// ---------------------------------------------------------------- let and patterns

function localOf(fx: FnCx, id: ast.Ident): LocalInfo {
  const info = fx.program.locals.get(id);
  if (!info) throw new Error(`internal: no local for binding ${id.name}`);
  return info;
}

function lowerLet(fx: FnCx, s: ast.LetStmt, out: Stmt[]): void {
  if (!s.init) {
    // `let mut x: T;` — definite assignment is checked; start from zero anyway.
    bindPattern(fx, s.pattern, null, out);
    return;
  }
  bindPattern(fx, s.pattern, s.init, out);
}

/** Binds a pattern to an initializer expression (null: zero values). */
function bindPattern(fx: FnCx, pat: ast.Pattern, init: ast.Expr | null, out: Stmt[]): void {
  if (pat.kind === "BindingPattern") {
    const info = localOf(fx, pat.name);
    const t = irType(info.type);
    const l = fx.ofInfo(info, t);
    let v: Expr;
    if (!init) v = zeroValue(fx.mod, t);
    else {
      v = lowerExpr(fx, init);
      const root = rootLocal(fx, init);
      if (root && (info.mutable || root.mutable)) v = copyValue(fx.mod, t, v);
    }
    out.push({ k: "set", local: l.index, value: v });
    return;
  }
  if (pat.kind === "WildcardPattern") {
    if (init) out.push({ k: "expr", e: lowerExpr(fx, init) });
    return;
  }
  // Tuple pattern: evaluate once, then bind the elements.
  if (!init) {
    for (const p of pat.elems) bindPattern(fx, p, null, out);
    return;
  }
  const t = irType(typeOf(fx, init)) as AggTy & { k: "tuple" };
  const root = rootLocal(fx, init);
  const tv = hold(fx, lowerExpr(fx, init), t, out, "tup");
  destructure(fx, pat, t, tv, root?.mutable ?? false, out);
}

function destructure(fx: FnCx, pat: ast.TuplePattern, t: AggTy & { k: "tuple" }, tv: Expr, aliased: boolean, out: Stmt[]): void {
  const lay = recordLayout(t);
  pat.elems.forEach((p, i) => {
    const slot = lay.fields[i]!;
    const elem: Expr = { k: "load", width: slotWidth(slot.type), ptr: tv, offset: slot.offset };
    if (p.kind === "WildcardPattern") return;
    if (p.kind === "BindingPattern") {
      const info = localOf(fx, p.name);
      const l = fx.ofInfo(info, slot.type);
      out.push({ k: "set", local: l.index, value: aliased || info.mutable ? copyValue(fx.mod, slot.type, elem) : elem });
      return;
    }
    const inner = hold(fx, elem, slot.type, out, "tup");
    destructure(fx, p, slot.type as AggTy & { k: "tuple" }, inner, aliased, out);
  });
}

// ---------------------------------------------------------------- assignment

function lowerAssign(fx: FnCx, s: ast.AssignStmt, out: Stmt[]): void {
  if (s.target.kind === "Tuple") return assignTuple(fx, s.target, s.value, out);
  const place = lowerPlace(fx, s.target, out);
  if (!place) throw new Error(`internal: assignment to a non-place at ${s.span.file}:${s.span.start}`);
  if (s.op === "=") {
    const v = lowerOwned(fx, s.value);
    out.push(...writePlace(fx, place, v));
    return;
  }
  const op = s.op.slice(0, -1) as ast.BinaryOp;
  const pinned = pinPlace(fx, place, out);
  const lt = typeOf(fx, s.target);
  const rhs = lowerExpr(fx, s.value);
  // Evaluate the right side before reading the place: a call on the right
  // may change the place (storage), and the write must not lose that.
  const rt = typeOf(fx, s.value);
  const r = hold(fx, rhs, irType(rt), out, "rhs");
  out.push(...writePlace(fx, pinned, binaryOp(fx, op, lt, rt, readPlace(fx, pinned), r)));
}

/** `(a, b) = e;` evaluates `e` fully, then assigns element by element. */
function assignTuple(fx: FnCx, target: ast.TupleExpr, value: ast.Expr, out: Stmt[]): void {
  const t = irType(typeOf(fx, value)) as AggTy & { k: "tuple" };
  const tv = hold(fx, lowerOwned(fx, value), t, out, "tup");
  const lay = recordLayout(t);
  const places = target.elems.map((el) => (isWildcardName(el) ? null : lowerPlace(fx, el, out)));
  places.forEach((place, i) => {
    if (!place) return;
    const slot = lay.fields[i]!;
    out.push(...writePlace(fx, place, copyValue(fx.mod, slot.type, { k: "load", width: slotWidth(slot.type), ptr: tv, offset: slot.offset })));
  });
}

function isWildcardName(e: ast.Expr): boolean {
  return e.kind === "Name" && e.name.name === "_";
}

// ---------------------------------------------------------------- for loops

function lowerForRange(fx: FnCx, s: ast.ForRangeStmt, out: Stmt[]): void {
  const info = localOf(fx, s.binding.name);
  const t = intTy(info.type);
  const i = fx.ofInfo(info, t);
  out.push({ k: "set", local: i.index, value: lowerExpr(fx, s.start) });
  const end = hold(fx, lowerExpr(fx, s.end), t, out, "end");
  const label = fx.newLabel();
  const body: Stmt[] = [
    { k: "if", cond: { k: "not", a: { k: "cmp", op: s.inclusive ? "le" : "lt", ty: t, a: E.local(i), b: end } }, then: [{ k: "break", label }], else: [] },
  ];
  inLoop(fx, label, () => lowerBlock(fx, s.body, body));
  const next: Stmt[] = [];
  if (s.inclusive) next.push({ k: "if", cond: { k: "cmp", op: "eq", ty: t, a: E.local(i), b: end }, then: [{ k: "break", label }], else: [] });
  next.push({ k: "set", local: i.index, value: { k: "bin", op: "add", ty: t, checked: false, a: E.local(i), b: { k: "const", ty: t, value: 1n } } });
  out.push({ k: "loop", label, body, next });
}

function lowerForEach(fx: FnCx, s: ast.ForEachStmt, out: Stmt[]): void {
  const it = typeOf(fx, s.iterable);
  const vInfo = localOf(fx, s.value.name);
  const vt = irType(vInfo.type);
  const v = fx.ofInfo(vInfo, vt);
  const idxInfo = s.index ? localOf(fx, s.index.name) : null;
  const idx = idxInfo ? fx.ofInfo(idxInfo, irType(idxInfo.type)) : null;
  const bindIndex = (i: Expr): Stmt[] => {
    if (!idx || !idxInfo) return [];
    const want = intTy(idxInfo.type);
    const value: Expr = want.bits === 32 && !want.signed ? i : { k: "cast", from: U32, to: want, mode: "checked", a: i };
    return [{ k: "set", local: idx.index, value }];
  };
  const body = (i: Expr, element: Expr): Stmt[] => {
    const stmts: Stmt[] = [...bindIndex(i), { k: "set", local: v.index, value: vInfo.mutable ? copyValue(fx.mod, vt, element) : element }];
    return stmts;
  };

  const place = lowerPlace(fx, s.iterable, out);
  if (place?.k === "storage" && it.kind === "array") {
    const key = hold(fx, buildKey(fx, place.parts), BYTES, out, "akey");
    const n: Expr = it.size !== null ? E.i32(it.size) : { k: "sload", ty: U32, key };
    out.push(...loopOver(fx, n, (i) => body(i, sRead(fx, it.elem, buildKey(fx, [{ k: "prefix", key }, raw("$"), u32Part(i)]))), s.body));
    return;
  }
  if (it.kind === "string" || it.kind === "bytes") {
    const b = hold(fx, lowerExpr(fx, s.iterable), BYTES, out, "it");
    const elemT = vInfo.type;
    const byte = (i: Expr): Expr => {
      const raw8: Expr = { k: "byteAt", a: b, i };
      return elemT.kind === "bytesN" ? { k: "intToFixed", from: U8, size: 1, a: raw8 } : raw8;
    };
    out.push(...loopOver(fx, { k: "bytesLen", a: b }, (i) => body(i, byte(i)), s.body));
    return;
  }
  if (it.kind !== "array") throw new Error(`internal: for-each over ${it.kind}`);
  const at = irType(it) as AggTy & { k: "array" };
  // Iterate a snapshot: a mutable local could change under the loop.
  const root = rootLocal(fx, s.iterable);
  let arrV = lowerExpr(fx, s.iterable);
  if (root?.mutable) arrV = copyValue(fx.mod, at, arrV);
  const arr = hold(fx, arrV, at, out, "it");
  out.push(
    ...loopOver(
      fx,
      arrayLength(at, arr),
      (i) => body(i, { k: "load", width: slotWidth(at.elem), ptr: elementAddressUnchecked(at, arr, i), offset: 0 }),
      s.body,
    ),
  );
}

/** A counted loop whose body binds the element and then runs the user's block. */
function loopOver(fx: FnCx, n: Expr, bind: (i: Expr) => Stmt[], block: ast.Block): Stmt[] {
  const stmts = countedLoop(fx, n, (i) => {
    const body = bind(E.local(i));
    return body;
  });
  // countedLoop's loop is the last statement: lower the user's block into it.
  const loop = stmts[stmts.length - 1]!;
  if (loop.k !== "loop") throw new Error("internal: countedLoop shape");
  inLoop(fx, loop.label, () => lowerBlock(fx, block, loop.body));
  return stmts;
}

