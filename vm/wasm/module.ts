/**
 * A Wasm binary split into sections, with the parts the VM rewrites parsed
 * into plain data. Function bodies and the data section stay as byte ranges.
 * Parsing is strict about framing; `validate.ts` decides what FISCO accepts.
 */
import { WasmReader } from "./bytes.ts";

export const VAL = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f } as const;
export const KIND = { func: 0, table: 1, memory: 2, global: 3 } as const;

export interface FuncType { params: number[]; results: number[] }
export interface Limits { min: number; max?: number }
export interface Import {
  module: string;
  name: string;
  kind: number;
  /** func: type index; table/memory/global: see the other fields */
  index: number;
  limits?: Limits;
  global?: { valType: number; mutable: boolean };
}
export interface ConstExpr { op: number; value: bigint; raw: Uint8Array }
export interface Global { valType: number; mutable: boolean; init: ConstExpr }
export interface Export { name: string; kind: number; index: number }
export interface Table { elemType: number; limits: Limits }
export interface Element { flags: number; offset: ConstExpr; funcs: number[] }
export interface DataSegment { flags: number; offset?: ConstExpr; start: number; length: number }
/** A function body: `start..end` in the module bytes, after the size prefix. */
export interface BodyRange { start: number; end: number }

export interface WasmModule {
  bytes: Uint8Array;
  types: FuncType[];
  imports: Import[];
  funcs: number[];
  tables: Table[];
  memories: Limits[];
  globals: Global[];
  exports: Export[];
  start?: number;
  elements: Element[];
  dataCount?: number;
  bodies: BodyRange[];
  data: DataSegment[];
  /** the raw payload of the data section, re-emitted unchanged */
  dataSection?: Uint8Array;
  customs: string[];
  /** section ids present, in order (custom sections as 0) */
  sectionIds: number[];
}

// Position of each known section id in the required order.
const ORDER: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };

export function parseModule(bytes: Uint8Array): WasmModule {
  const r = new WasmReader(bytes);
  if (bytes.length < 8) r.fail("not a Wasm module (too short)", 0);
  if (bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    r.fail("not a Wasm module (bad magic)", 0);
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    r.fail(`unsupported Wasm version ${bytes[4]}`, 4);
  }
  r.pos = 8;
  const m: WasmModule = {
    bytes, types: [], imports: [], funcs: [], tables: [], memories: [], globals: [], exports: [],
    elements: [], bodies: [], data: [], customs: [], sectionIds: [],
  };
  let lastRank = 0;
  while (!r.done) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    if (size > bytes.length - start) r.fail(`section ${id} runs past the end`, start);
    const end = start + size;
    const s = new WasmReader(bytes, start, end);
    m.sectionIds.push(id);
    if (id === 0) {
      m.customs.push(s.name());
    } else {
      const rank = ORDER[id];
      if (rank === undefined) r.fail(`unknown section id ${id}`, start - 1);
      if (rank <= lastRank) r.fail(`section ${id} is out of order or repeated`, start - 1);
      lastRank = rank;
      readSection(id, s, m);
      if (s.pos !== end) s.fail(`section ${id} has trailing bytes`);
    }
    r.pos = end;
  }
  if (m.funcs.length !== m.bodies.length) {
    r.fail(`function section declares ${m.funcs.length} functions but the code section has ${m.bodies.length}`, 8);
  }
  return m;
}

function vec<T>(r: WasmReader, item: () => T): T[] {
  const n = r.u32();
  if (n > r.end - r.pos) r.fail(`vector length ${n} exceeds the section`);
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(item());
  return out;
}

function limits(r: WasmReader): Limits {
  const flag = r.byte();
  if (flag === 0) return { min: r.u32() };
  if (flag === 1) {
    const min = r.u32();
    return { min, max: r.u32() };
  }
  return r.fail(`limits flag 0x${flag.toString(16)} (shared or 64-bit memories are not supported)`);
}

export function constExpr(r: WasmReader): ConstExpr {
  const start = r.pos;
  const op = r.byte();
  let value: bigint;
  if (op === 0x41) value = r.sleb(32);
  else if (op === 0x42) value = r.sleb(64);
  else if (op === 0x23) value = BigInt(r.u32());
  else return r.fail(`constant expression with opcode 0x${op.toString(16)}`, start);
  if (r.byte() !== 0x0b) r.fail("constant expression not ended by `end`", r.pos - 1);
  return { op, value, raw: r.buf.subarray(start, r.pos) };
}

function readSection(id: number, r: WasmReader, m: WasmModule): void {
  switch (id) {
    case 1:
      m.types = vec(r, () => {
        const form = r.byte();
        if (form !== 0x60) r.fail(`type form 0x${form.toString(16)} (only function types)`, r.pos - 1);
        const params = vec(r, () => r.byte());
        const results = vec(r, () => r.byte());
        return { params, results };
      });
      return;
    case 2:
      m.imports = vec(r, () => {
        const module = r.name();
        const name = r.name();
        const kind = r.byte();
        if (kind === KIND.func) return { module, name, kind, index: r.u32() };
        if (kind === KIND.table) {
          const elemType = r.byte();
          return { module, name, kind, index: elemType, limits: limits(r) };
        }
        if (kind === KIND.memory) return { module, name, kind, index: 0, limits: limits(r) };
        if (kind === KIND.global) {
          const valType = r.byte();
          const mut = r.byte();
          if (mut > 1) r.fail("global mutability flag");
          return { module, name, kind, index: 0, global: { valType, mutable: mut === 1 } };
        }
        return r.fail(`import kind ${kind}`);
      });
      return;
    case 3:
      m.funcs = vec(r, () => r.u32());
      return;
    case 4:
      m.tables = vec(r, () => ({ elemType: r.byte(), limits: limits(r) }));
      return;
    case 5:
      m.memories = vec(r, () => limits(r));
      return;
    case 6:
      m.globals = vec(r, () => {
        const valType = r.byte();
        const mut = r.byte();
        if (mut > 1) r.fail("global mutability flag");
        return { valType, mutable: mut === 1, init: constExpr(r) };
      });
      return;
    case 7:
      m.exports = vec(r, () => ({ name: r.name(), kind: r.byte(), index: r.u32() }));
      return;
    case 8:
      m.start = r.u32();
      return;
    case 9:
      m.elements = vec(r, () => {
        const flags = r.u32();
        if (flags !== 0) r.fail(`element segment form ${flags} (only MVP active segments)`);
        const offset = constExpr(r);
        return { flags, offset, funcs: vec(r, () => r.u32()) };
      });
      return;
    case 12:
      m.dataCount = r.u32();
      return;
    case 10:
      m.bodies = vec(r, () => {
        const size = r.u32();
        const start = r.pos;
        r.bytes(size);
        return { start, end: start + size };
      });
      return;
    case 11: {
      const start = r.pos;
      m.data = vec(r, () => {
        const flags = r.u32();
        let offset: ConstExpr | undefined;
        if (flags === 0) offset = constExpr(r);
        else if (flags === 2) {
          r.u32();
          offset = constExpr(r);
        } else if (flags !== 1) r.fail(`data segment flags ${flags}`);
        const length = r.u32();
        const at = r.pos;
        r.bytes(length);
        return { flags, offset, start: at, length };
      });
      m.dataSection = r.buf.subarray(start, r.pos);
      return;
    }
    default:
      // 13 (tags, exception handling) is recognised only to report it.
      r.fail(`section ${id} is not supported`);
  }
}

export function funcTypeOf(m: WasmModule, funcIndex: number): FuncType | undefined {
  const imported = m.imports.filter((i) => i.kind === KIND.func);
  if (funcIndex < imported.length) return m.types[imported[funcIndex]!.index];
  const t = m.funcs[funcIndex - imported.length];
  return t === undefined ? undefined : m.types[t];
}

export function countImports(m: WasmModule, kind: number): number {
  let n = 0;
  for (const i of m.imports) if (i.kind === kind) n++;
  return n;
}
