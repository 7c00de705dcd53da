// A reader for the Wasm MVP binaries this compiler itself handles: the
// support library and the modules binaryen emits for generated code. It
// splits a module into the parts the linker (../link.ts) recombines; it is
// not a validator (binaryen validated both inputs already) and it refuses
// anything the linker would not know how to carry over (tables, imported
// memories or globals, a start function).

export interface FuncType {
  params: number[];
  results: number[];
}

export interface FuncImport {
  module: string;
  name: string;
  type: number;
}

export interface Export {
  name: string;
  /** 0 function, 1 table, 2 memory, 3 global */
  kind: number;
  index: number;
}

export interface DataSegment {
  offset: number;
  data: Uint8Array;
}

export interface ParsedModule {
  types: FuncType[];
  imports: FuncImport[];
  /** Type index of each defined function (function index = imports.length + i). */
  funcTypes: number[];
  memory: { min: number; max?: number } | null;
  /** Each global's bytes as they appear in the global section (type, mutability, init expression). */
  globals: Uint8Array[];
  exports: Export[];
  /** Each defined function's body (local declarations and code), without its size prefix. */
  bodies: Uint8Array[];
  data: DataSegment[];
  /** From the name section, when present: function index → name. */
  funcNames: Map<number, string>;
  /** From the name section, when present: function index → (local index → name). */
  localNames: Map<number, Map<number, string>>;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

export class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) throw new Error(`truncated Wasm binary at byte ${this.pos}`);
    return this.bytes[this.pos++]!;
  }

  /** Unsigned LEB128, up to 32 bits. */
  u32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
    }
    throw new Error(`malformed LEB128 at byte ${this.pos}`);
  }

  /** Signed LEB128 of at most `bits` bits: skipped, or read as a number (i32 range). */
  sleb(bits: 32 | 64): number {
    let result = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.byte();
      if (shift < 32) result |= (b & 0x7f) << shift;
      shift += 7;
      if (shift > bits + 7) throw new Error(`malformed LEB128 at byte ${this.pos}`);
    } while (b & 0x80);
    if (shift < 32 && b & 0x40) result |= -1 << shift;
    return result;
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new Error(`truncated Wasm binary at byte ${this.pos}`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  name(): string {
    return decoder.decode(this.take(this.u32()));
  }

  vec<T>(item: () => T): T[] {
    const out: T[] = [];
    for (let n = this.u32(); n > 0; n--) out.push(item());
    return out;
  }
}

/** Skips a constant expression up to and including its `end`. */
function skipConstExpr(r: Reader): void {
  for (;;) {
    const op = r.byte();
    if (op === 0x0b) return;
    if (op === 0x41) r.sleb(32);
    else if (op === 0x42) r.sleb(64);
    else if (op === 0x23) r.u32();
    else throw new Error(`unsupported opcode 0x${op.toString(16)} in a constant expression`);
  }
}

function limits(r: Reader): { min: number; max?: number } {
  const flag = r.byte();
  const min = r.u32();
  return flag & 1 ? { min, max: r.u32() } : { min };
}

export function parseModule(bytes: Uint8Array): ParsedModule {
  const r = new Reader(bytes);
  const head = r.take(8);
  if (head[0] !== 0 || head[1] !== 0x61 || head[2] !== 0x73 || head[3] !== 0x6d || head[4] !== 1) {
    throw new Error("not a Wasm version 1 binary");
  }
  const m: ParsedModule = {
    types: [], imports: [], funcTypes: [], memory: null, globals: [], exports: [], bodies: [], data: [],
    funcNames: new Map(), localNames: new Map(),
  };
  while (!r.done) {
    const id = r.byte();
    const size = r.u32();
    const s = new Reader(bytes, r.pos, r.pos + size);
    r.pos += size;
    switch (id) {
      case 0:
        if (s.name() === "name") readNames(s, m);
        break;
      case 1:
        m.types = s.vec(() => {
          if (s.byte() !== 0x60) throw new Error("type section entry is not a function type");
          return { params: s.vec(() => s.byte()), results: s.vec(() => s.byte()) };
        });
        break;
      case 2:
        m.imports = s.vec(() => {
          const module = s.name();
          const name = s.name();
          const kind = s.byte();
          if (kind !== 0) throw new Error(`import ${module}.${name} is not a function (kind ${kind})`);
          return { module, name, type: s.u32() };
        });
        break;
      case 3:
        m.funcTypes = s.vec(() => s.u32());
        break;
      case 5: {
        const mems = s.vec(() => limits(s));
        if (mems.length > 1) throw new Error("more than one memory");
        m.memory = mems[0] ?? null;
        break;
      }
      case 6:
        m.globals = s.vec(() => {
          const start = s.pos;
          s.take(2); // value type, mutability
          skipConstExpr(s);
          return bytes.subarray(start, s.pos);
        });
        break;
      case 7:
        m.exports = s.vec(() => ({ name: s.name(), kind: s.byte(), index: s.u32() }));
        break;
      case 10:
        m.bodies = s.vec(() => s.take(s.u32()));
        break;
      case 11:
        m.data = s.vec(() => {
          if (s.u32() !== 0) throw new Error("only active data segments of memory 0 are supported");
          if (s.byte() !== 0x41) throw new Error("data segment offset is not an i32.const");
          const offset = s.sleb(32);
          if (s.byte() !== 0x0b) throw new Error("data segment offset is not a single constant");
          return { offset, data: s.take(s.u32()) };
        });
        break;
      case 4:
      case 8:
      case 9:
        throw new Error(`section ${id} (table, start or element) is not supported by the linker`);
      default:
        if (id > 11) throw new Error(`unknown section id ${id}`);
    }
  }
  if (m.bodies.length !== m.funcTypes.length) throw new Error("function and code sections disagree");
  return m;
}

/** Subsections 1 (function names) and 2 (local names); others are skipped. */
function readNames(s: Reader, m: ParsedModule): void {
  while (!s.done) {
    const id = s.byte();
    const size = s.u32();
    const sub = new Reader(s.bytes, s.pos, s.pos + size);
    s.pos += size;
    if (id === 1) {
      for (let n = sub.u32(); n > 0; n--) m.funcNames.set(sub.u32(), sub.name());
    } else if (id === 2) {
      for (let n = sub.u32(); n > 0; n--) {
        const fn = sub.u32();
        const locals = new Map<number, string>();
        for (let k = sub.u32(); k > 0; k--) locals.set(sub.u32(), sub.name());
        m.localNames.set(fn, locals);
      }
    }
  }
}
