// Memory layout of aggregates (struct, tuple, arrays) in linear memory.
// Shared by the lowering (which emits explicit loads and stores) and read by
// nobody else: aggregates never leave the module except as SCALE bytes.
//
//   struct / tuple   a block of slots, one per field, in declaration order;
//                    an i64 field takes 8 bytes (8-aligned), every other
//                    field 4 bytes (an i32 value or a pointer).
//   T[N]             N slots of the element's size, contiguous.
//   T[]              an 8-byte header {u32 len, u32 data} and a separate
//                    data block of `len` slots (arrays in memory do not
//                    grow: `push`/`pop` exist on storage arrays only).
import type { AggTy, IrType, MemWidth } from "./ir.ts";
import { reprOf } from "./ir.ts";

/** Bytes one value of this type occupies inside an aggregate. */
export function slotSize(t: IrType): number {
  return reprOf(t) === "i64" ? 8 : 4;
}

export function slotWidth(t: IrType): MemWidth {
  return reprOf(t);
}

export interface FieldSlot {
  offset: number;
  type: IrType;
}

/** Field slots of a struct or tuple, and the block size. */
export function recordLayout(t: AggTy & { k: "struct" | "tuple" }): { fields: FieldSlot[]; size: number } {
  const types = t.k === "struct" ? t.fields.map((f) => f.type) : t.elems;
  const fields: FieldSlot[] = [];
  let off = 0;
  for (const ft of types) {
    const sz = slotSize(ft);
    off = (off + sz - 1) & ~(sz - 1);
    fields.push({ offset: off, type: ft });
    off += sz;
  }
  return { fields, size: Math.max(8, (off + 7) & ~7) };
}

export const ARRAY_LEN = 0;
export const ARRAY_DATA = 4;
export const ARRAY_HEADER = 8;

/** Size in bytes of a value's block (fixed arrays and records). */
export function blockSize(t: AggTy): number {
  if (t.k === "array") return t.size === null ? ARRAY_HEADER : Math.max(8, t.size * slotSize(t.elem));
  return recordLayout(t).size;
}
