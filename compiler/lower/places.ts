// Places: what can be read and assigned. A place is a local, a slot in a
// memory aggregate (`p.x`, `arr[i]` on memory values) or a storage location
// (`self.x`, `self.m[k].f`, `self.arr[i]`). Lowering a place evaluates its
// parts (base pointers, indices, bounds checks) once, into `out`, so that a
// compound assignment reads and writes the same location.
import type * as ast from "../syntax/ast.ts";
import type { LocalInfo, Type } from "../types/model.ts";
import type { FnCx } from "./context.ts";
import type { AggTy, Expr, IrLocal, IrType, MemWidth, Stmt } from "./ir.ts";
import { BYTES, E, U32 } from "./ir.ts";
import { boundsCheck, hold } from "./build.ts";
import { recordLayout, slotWidth } from "./layout.ts";
import { irType } from "./types.ts";
import { buildKey, raw, sRead, sWrite, u32Part, type KeyPart } from "./storage.ts";
import { elementAddress } from "./values.ts";
import { lowerExpr, lowerIndex, typeOf } from "./expressions.ts";

export type Place =
  | { k: "local"; local: IrLocal; type: IrType }
  /** `ptr` is a local or constant (safe to evaluate twice). */
  | { k: "mem"; ptr: Expr; offset: number; width: MemWidth; type: IrType }
  | { k: "storage"; parts: KeyPart[]; type: Type };

/** The state variable a `self.x` (or bare `x`) expression names, if any. */
function stateRoot(fx: FnCx, e: ast.Expr): Type | null {
  const ref = fx.program.refs.get(e);
  if (ref?.kind === "state" && (e.kind === "Name" || (e.kind === "Member" && e.object.kind === "Self"))) return ref.state.type;
  return null;
}

/** True when the expression denotes (part of) a state variable. */
export function isStoragePath(fx: FnCx, e: ast.Expr): boolean {
  if (stateRoot(fx, e)) return true;
  if (e.kind === "Member" || e.kind === "Index") {
    if (e.kind === "Member" && fx.program.refs.get(e)?.kind !== "field") return false;
    return isStoragePath(fx, e.object);
  }
  return false;
}

/**
 * The local a memory place expression is rooted in (`a`, `a.f`, `a[i].g`),
 * or null for temporaries and storage. Used to decide where value
 * semantics need a copy.
 */
export function rootLocal(fx: FnCx, e: ast.Expr): LocalInfo | null {
  if (e.kind === "Name") {
    const ref = fx.program.refs.get(e);
    return ref?.kind === "local" ? ref.local : null;
  }
  if (e.kind === "Member" || e.kind === "Index") {
    if (isStoragePath(fx, e)) return null;
    if (e.kind === "Member" && fx.program.refs.get(e)?.kind !== "field") return null;
    return rootLocal(fx, e.object);
  }
  return null;
}

/** A description of an index value that cannot change during the call, for key caching. */
function stableOf(fx: FnCx, e: ast.Expr): string | undefined {
  const cv = fx.program.constValues.get(e);
  if (cv && (cv.kind === "int" || cv.kind === "bool" || cv.kind === "string")) return `c:${String(cv.value)}`;
  const ref = fx.program.refs.get(e);
  if (ref?.kind === "local" && fx.stableLocals.has(ref.local.id) && !ref.local.mutable) return `l:${ref.local.id}`;
  if (ref?.kind === "env") return `env:${ref.name}`;
  return undefined;
}

/** Lowers a place expression; null when `e` is not a place. */
export function lowerPlace(fx: FnCx, e: ast.Expr, out: Stmt[]): Place | null {
  const p = fx.program;
  const st = stateRoot(fx, e);
  if (st) {
    const ref = p.refs.get(e) as { kind: "state"; state: { name: string } };
    return { k: "storage", parts: [raw(ref.state.name)], type: st };
  }
  switch (e.kind) {
    case "Name": {
      const ref = p.refs.get(e);
      if (ref?.kind !== "local") return null;
      const t = irType(ref.local.type);
      return { k: "local", local: fx.ofInfo(ref.local, t), type: t };
    }
    case "Member": {
      const objT = typeOf(fx, e.object);
      const index = fieldIndex(fx, e, objT);
      if (index === null) return null;
      const base = lowerPlace(fx, e.object, out);
      if (objT.kind !== "struct") return null;
      if (base?.k === "storage") {
        const f = objT.info.fields[index]!;
        return { k: "storage", parts: [...base.parts, raw(`.${f.name}`)], type: f.type };
      }
      const it = irType(objT) as AggTy & { k: "struct" };
      const ptr = hold(fx, base ? readPlace(fx, base) : lowerExpr(fx, e.object), it, out, "p");
      const slot = recordLayout(it).fields[index]!;
      return { k: "mem", ptr, offset: slot.offset, width: slotWidth(slot.type), type: slot.type };
    }
    case "Index": {
      const objT = typeOf(fx, e.object);
      if (objT.kind === "map") {
        const base = lowerPlace(fx, e.object, out);
        if (base?.k !== "storage") return null;
        const kt = irType(objT.key);
        const part: KeyPart = { k: "enc", ty: kt, value: lowerExpr(fx, e.index) };
        const stable = stableOf(fx, e.index);
        if (stable !== undefined) part.stable = stable;
        return { k: "storage", parts: [...base.parts, raw("$"), part], type: objT.value };
      }
      if (objT.kind !== "array") return null;
      const base = lowerPlace(fx, e.object, out);
      if (base?.k === "storage") {
        const i = hold(fx, lowerIndex(fx, e.index), U32, out, "i");
        if (objT.size !== null) {
          if (!(i.k === "const" && i.value < BigInt(objT.size))) out.push(boundsCheck(i, E.i32(objT.size)));
          return { k: "storage", parts: [...base.parts, raw("$"), u32Part(i)], type: objT.elem };
        }
        const key = hold(fx, buildKey(fx, base.parts), BYTES, out, "akey");
        out.push(boundsCheck(i, { k: "sload", ty: U32, key }));
        return { k: "storage", parts: [{ k: "prefix", key }, raw("$"), u32Part(i)], type: objT.elem };
      }
      const at = irType(objT) as AggTy & { k: "array" };
      const arr = hold(fx, base ? readPlace(fx, base) : lowerExpr(fx, e.object), at, out, "a");
      const i = hold(fx, lowerIndex(fx, e.index), U32, out, "i");
      const address = hold(fx, elementAddress(at, arr, i, out), U32, out, "ea");
      return { k: "mem", ptr: address, offset: 0, width: slotWidth(at.elem), type: at.elem };
    }
    default:
      return null;
  }
}

/** Index of the field a member expression selects on a struct; null otherwise. */
export function fieldIndex(fx: FnCx, e: ast.MemberExpr, objT: Type): number | null {
  const ref = fx.program.refs.get(e);
  return ref?.kind === "field" && objT.kind === "struct" ? ref.index : null;
}

/** Reads a place's current value (storage: the whole value, zero when missing). */
export function readPlace(fx: FnCx, place: Place): Expr {
  switch (place.k) {
    case "local":
      return E.local(place.local);
    case "mem":
      return { k: "load", width: place.width, ptr: place.ptr, offset: place.offset };
    case "storage":
      return sRead(fx, place.type, buildKey(fx, place.parts));
  }
}

/** Stores `value` (already owned) into a place. */
export function writePlace(fx: FnCx, place: Place, value: Expr): Stmt[] {
  switch (place.k) {
    case "local":
      return [{ k: "set", local: place.local.index, value }];
    case "mem":
      return [{ k: "store", width: place.width, ptr: place.ptr, offset: place.offset, value }];
    case "storage":
      return sWrite(fx, place.type, buildKey(fx, place.parts), value);
  }
}

/**
 * For a read-modify-write: a storage place whose key is built once into a
 * local (other places are already stable).
 */
export function pinPlace(fx: FnCx, place: Place, out: Stmt[]): Place {
  if (place.k !== "storage") return place;
  const key = hold(fx, buildKey(fx, place.parts), BYTES, out, "key");
  return { k: "storage", parts: [{ k: "prefix", key }], type: place.type };
}

