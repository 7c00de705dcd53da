// SCALE encoding and decoding of values (docs/abi.md). Scalars map to one
// `put` / `get` of the runtime's writer and reader; aggregates to generated
// helpers `enc<T>(w, v)` and `dec<T>(r) -> T`:
//   struct, tuple   fields in order
//   T[N]            N elements, no length
//   T[]             compact length ‖ elements
// Decoding is strict: the runtime rejects malformed scalars, non-canonical
// lengths and (with `readEnd`) trailing bytes, all with Panic(0x31).
import type { ModuleCx } from "./context.ts";
import type { AggTy, Expr, IrType, Stmt } from "./ir.ts";
import { E, U32, isScalar } from "./ir.ts";
import { countedLoop } from "./build.ts";
import { ARRAY_DATA, ARRAY_LEN, blockSize, recordLayout, slotSize, slotWidth } from "./layout.ts";
import { addr, newDynArray } from "./storage.ts";

/** Statements appending SCALE(v) to writer `w`. */
export function encodeInto(mod: ModuleCx, t: IrType, w: Expr, v: Expr): Stmt[] {
  if (isScalar(t)) return [{ k: "put", ty: t, w, value: v }];
  return [{ k: "expr", e: E.call(encoder(mod, t), [w, v], null) }];
}

/** An expression decoding one value of type `t` from reader `r`. */
export function decodeFrom(mod: ModuleCx, t: IrType, r: Expr): Expr {
  if (isScalar(t)) return { k: "get", ty: t, r };
  return E.call(decoder(mod, t), [r], t);
}

function encoder(mod: ModuleCx, t: AggTy): string {
  return mod.helper(`enc<${mod.typeLabel(t)}>`, [{ name: "w", type: U32 }, { name: "v", type: t }], null, (h) => {
    const w = E.local(0);
    const v = E.local(1);
    if (t.k === "array") {
      const stride = slotSize(t.elem);
      const width = slotWidth(t.elem);
      let data: Expr = v;
      let n: Expr = E.i32(t.size ?? 0);
      if (t.size === null) {
        const len = h.temp(U32, "n");
        const d = h.temp(U32, "data");
        h.body.push({ k: "set", local: len.index, value: { k: "load", width: "i32", ptr: v, offset: ARRAY_LEN } });
        h.body.push({ k: "set", local: d.index, value: { k: "load", width: "i32", ptr: v, offset: ARRAY_DATA } });
        h.body.push({ k: "putLen", w, len: E.local(len) });
        data = E.local(d);
        n = E.local(len);
      }
      h.body.push(
        ...countedLoop(h, n, (i) => encodeInto(mod, t.elem, w, { k: "load", width, ptr: addr(data, E.local(i), stride), offset: 0 })),
      );
      return;
    }
    for (const f of recordLayout(t).fields) {
      h.body.push(...encodeInto(mod, f.type, w, { k: "load", width: slotWidth(f.type), ptr: v, offset: f.offset }));
    }
  });
}

function decoder(mod: ModuleCx, t: AggTy): string {
  return mod.helper(`dec<${mod.typeLabel(t)}>`, [{ name: "r", type: U32 }], t, (h) => {
    const r = E.local(0);
    const p = h.temp(t, "v");
    if (t.k === "array") {
      const stride = slotSize(t.elem);
      const width = slotWidth(t.elem);
      let data: Expr = E.local(p);
      let n: Expr = E.i32(t.size ?? 0);
      if (t.size === null) {
        const len = h.temp(U32, "n");
        const d = h.temp(U32, "data");
        h.body.push({ k: "set", local: len.index, value: { k: "getLen", r, bounded: minScaleSize(t.elem) > 0 } });
        h.body.push(...newDynArray(h, p.index, d.index, E.local(len), stride));
        data = E.local(d);
        n = E.local(len);
      } else {
        h.body.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(blockSize(t)) } });
      }
      h.body.push(
        ...countedLoop(h, n, (i) => [{ k: "store", width, ptr: addr(data, E.local(i), stride), offset: 0, value: decodeFrom(mod, t.elem, r) }]),
      );
    } else {
      const lay = recordLayout(t);
      h.body.push({ k: "set", local: p.index, value: { k: "alloc", size: E.i32(lay.size) } });
      for (const f of lay.fields) {
        h.body.push({ k: "store", width: slotWidth(f.type), ptr: E.local(p), offset: f.offset, value: decodeFrom(mod, f.type, r) });
      }
    }
    h.body.push({ k: "return", value: E.local(p) });
  });
}

/** The fewest bytes a SCALE encoding of `t` can take. */
export function minScaleSize(t: IrType): number {
  switch (t.k) {
    case "bool":
    case "enum":
    case "bytes":
      return 1;
    case "int":
      return t.bits / 8;
    case "fixed":
      return t.size;
    case "struct":
      return t.fields.reduce((n, f) => n + minScaleSize(f.type), 0);
    case "tuple":
      return t.elems.reduce((n, e) => n + minScaleSize(e), 0);
    case "array":
      return t.size === null ? 1 : t.size * minScaleSize(t.elem);
  }
}
