/** Serialise a (possibly rewritten) WasmModule back to bytes. Custom sections are dropped. */
import { WasmWriter } from "./bytes.ts";
import { KIND, type Limits, type WasmModule } from "./module.ts";

export interface EmitInput extends Omit<WasmModule, "bytes" | "bodies" | "customs" | "sectionIds"> {
  /** the complete function bodies (locals and code), one per defined function */
  bodies: Uint8Array[];
}

function limits(w: WasmWriter, l: Limits): void {
  if (l.max === undefined) w.byte(0).u32(l.min);
  else w.byte(1).u32(l.min).u32(l.max);
}

function section(out: WasmWriter, id: number, present: boolean, fill: (w: WasmWriter) => void): void {
  if (!present) return;
  out.byte(id).sized(fill);
}

export function emitModule(m: EmitInput): Uint8Array {
  const out = new WasmWriter(1024);
  out.bytes(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  section(out, 1, m.types.length > 0, (w) => {
    w.u32(m.types.length);
    for (const t of m.types) {
      w.byte(0x60).u32(t.params.length);
      for (const p of t.params) w.byte(p);
      w.u32(t.results.length);
      for (const p of t.results) w.byte(p);
    }
  });
  section(out, 2, m.imports.length > 0, (w) => {
    w.u32(m.imports.length);
    for (const i of m.imports) {
      w.name(i.module).name(i.name).byte(i.kind);
      if (i.kind === KIND.func) w.u32(i.index);
      else if (i.kind === KIND.table) {
        w.byte(i.index);
        limits(w, i.limits!);
      } else if (i.kind === KIND.memory) limits(w, i.limits!);
      else w.byte(i.global!.valType).byte(i.global!.mutable ? 1 : 0);
    }
  });
  section(out, 3, m.funcs.length > 0, (w) => {
    w.u32(m.funcs.length);
    for (const f of m.funcs) w.u32(f);
  });
  section(out, 4, m.tables.length > 0, (w) => {
    w.u32(m.tables.length);
    for (const t of m.tables) {
      w.byte(t.elemType);
      limits(w, t.limits);
    }
  });
  section(out, 5, m.memories.length > 0, (w) => {
    w.u32(m.memories.length);
    for (const l of m.memories) limits(w, l);
  });
  section(out, 6, m.globals.length > 0, (w) => {
    w.u32(m.globals.length);
    for (const g of m.globals) w.byte(g.valType).byte(g.mutable ? 1 : 0).bytes(g.init.raw);
  });
  section(out, 7, m.exports.length > 0, (w) => {
    w.u32(m.exports.length);
    for (const e of m.exports) w.name(e.name).byte(e.kind).u32(e.index);
  });
  section(out, 8, m.start !== undefined, (w) => w.u32(m.start!));
  section(out, 9, m.elements.length > 0, (w) => {
    w.u32(m.elements.length);
    for (const e of m.elements) {
      w.u32(e.flags).bytes(e.offset.raw).u32(e.funcs.length);
      for (const f of e.funcs) w.u32(f);
    }
  });
  section(out, 12, m.dataCount !== undefined, (w) => w.u32(m.dataCount!));
  section(out, 10, m.bodies.length > 0, (w) => {
    w.u32(m.bodies.length);
    for (const b of m.bodies) w.u32(b.length).bytes(b);
  });
  section(out, 11, m.dataSection !== undefined, (w) => w.bytes(m.dataSection!));
  return out.finish();
}
