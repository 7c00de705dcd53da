// Model types (compiler/types/model.ts) → IR types (ir.ts).
// Maps are storage-only and have no IR type; interfaces are addresses.
import type { Type, StructInfo } from "../types/model.ts";
import type { IntTy, IrType, ScalarTy } from "./ir.ts";

const structs = new WeakMap<StructInfo, IrType>();

/** The IR type of a value type. Maps and error types are internal errors here. */
export function irType(t: Type): IrType {
  switch (t.kind) {
    case "int":
      return { k: "int", bits: t.bits, signed: t.signed };
    case "bool":
      return { k: "bool" };
    case "address":
    case "interface":
      return { k: "bytes", of: "address" };
    case "string":
      return { k: "bytes", of: "string" };
    case "bytes":
      return { k: "bytes", of: "bytes" };
    case "bytesN":
      return { k: "fixed", size: t.size };
    case "enum":
      return { k: "enum", name: t.info.name, count: t.info.variants.length };
    case "array":
      return { k: "array", elem: irType(t.elem), size: t.size };
    case "tuple":
      return { k: "tuple", elems: t.elems.map(irType) };
    case "struct": {
      // Memoized before the fields are filled so recursive types terminate.
      let s = structs.get(t.info);
      if (!s) {
        const fields: { name: string; type: IrType }[] = [];
        s = { k: "struct", name: t.info.name, fields };
        structs.set(t.info, s);
        for (const f of t.info.fields) fields.push({ name: f.name, type: irType(f.type) });
      }
      return s;
    }
    case "map":
    case "error":
      throw new Error(`internal: no IR type for ${t.kind}`);
  }
}

/** The IR type of a function result; null for unit. */
export function irResult(t: Type): IrType | null {
  return t.kind === "tuple" && t.elems.length === 0 ? null : irType(t);
}

export function isUnit(t: Type): boolean {
  return t.kind === "tuple" && t.elems.length === 0;
}

export function intTy(t: Type): IntTy {
  if (t.kind !== "int") throw new Error(`internal: expected an integer type, got ${t.kind}`);
  return { k: "int", bits: t.bits, signed: t.signed };
}

export function scalarTy(t: IrType): ScalarTy {
  if (t.k === "struct" || t.k === "tuple" || t.k === "array") throw new Error(`internal: expected a scalar type, got ${t.k}`);
  return t;
}
