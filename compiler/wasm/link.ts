// Linking generated code with the support library (compiler/wasm/support,
// README "Linking"), at the level of Wasm binaries:
//   1. the code generator builds a small binaryen module holding only its
//      own functions; each support function it calls is a function import
//      `rt.<export name>` (Gen.rt adds them on first use);
//   2. `link` reads that module's binary, follows the support library's
//      call graph from the imported functions, and writes one module: the
//      `bcos` imports that are reached, the support functions that are
//      reached, the generated functions (calls renumbered), the library's
//      globals with the heap starting past our data, one memory holding both
//      data sets, and exactly the exports memory/deploy/main/hash_type.
// The support module is parsed once per process. Reading it into binaryen
// for every compilation used to be half of the time of an unoptimised build.
import { rt, supportModuleBytes, SUPPORT_HEAP_BASE, SUPPORT_HEAP_PTR_GLOBAL, type RtName } from "./support/index.ts";
import { parseModule, type FuncType, type ParsedModule } from "./binary/read.ts";
import { callSites, type CallSite } from "./binary/code.ts";
import { Writer } from "./binary/write.ts";

/** FISCO caps linear memory at 1024 pages of 64 KiB. */
export const MAX_PAGES = 1024;
/** The module name under which generated code imports support functions. */
export const RT_MODULE = "rt";
/** The exports of every contract module besides `memory`. */
const ENTRY_EXPORTS = ["deploy", "main", "hash_type"] as const;

interface Prepared {
  mod: ParsedModule;
  /** Call sites of each defined function. */
  sites: CallSite[][];
  /** Support export name (`rt_add256`) → function index. */
  exported: Map<string, number>;
  /** Name to give each runtime function's import in generated code (the library's own function name). */
  fn: Record<RtName, string>;
  /** End of the library's static data. */
  dataEnd: number;
}

let prepared: Prepared | undefined;

function prepare(): Prepared {
  if (prepared) return prepared;
  const mod = parseModule(supportModuleBytes());
  const exported = new Map<string, number>();
  for (const e of mod.exports) if (e.kind === 0) exported.set(e.name, e.index);
  const fn = {} as Record<RtName, string>;
  for (const key of Object.keys(rt) as RtName[]) {
    const index = exported.get(rt[key].name);
    if (index === undefined) throw new Error(`support library does not export ${rt[key].name}`);
    fn[key] = mod.funcNames.get(index) ?? rt[key].name;
  }
  const heap = mod.globals[SUPPORT_HEAP_PTR_GLOBAL.index];
  if (!heap || heap[0] !== 0x7f || heap[1] !== 1) throw new Error("support heap pointer is not a mutable i32 global");
  const dataEnd = Math.max(SUPPORT_HEAP_BASE, ...mod.data.map((s) => s.offset + s.data.length));
  prepared = { mod, sites: mod.bodies.map(callSites), exported, fn, dataEnd };
  return prepared;
}

/** The name generated code gives each runtime function it imports. */
export function runtimeNames(): Record<RtName, string> {
  return prepare().fn;
}

/** The support library's function names (to tell generated code apart in dumps). */
export function supportFunctionNames(): Set<string> {
  return new Set(prepare().mod.funcNames.values());
}

/**
 * Where generated data starts: the first 64 KiB page boundary after the
 * support library's data, so that addresses in generated code do not move
 * when the library changes size.
 */
export function dataBase(): number {
  const end = Math.max(SUPPORT_HEAP_BASE, prepare().dataEnd);
  return Math.max(0x10000, Math.ceil(end / 0x10000) * 0x10000);
}

export interface LinkOptions {
  /** The code generator's constant data, placed at `base` (≥ dataBase()). */
  data: { base: number; bytes: Uint8Array };
  /** Write a name section (function and local names) for readable text output. */
  names?: boolean;
}

/** Links a generated module (see the header) into a complete contract module. */
export function link(generated: Uint8Array, opts: LinkOptions): Uint8Array {
  const s = prepare();
  const g = parseModule(generated);
  if (g.globals.length) throw new Error("generated code may not define globals");
  const sImports = s.mod.imports.length;
  const gImports = g.imports.length;

  // Support functions reached from the generated code's imports.
  const reached = new Uint8Array(sImports + s.mod.bodies.length);
  const work: number[] = [];
  const reach = (i: number) => {
    if (!reached[i]) {
      reached[i] = 1;
      if (i >= sImports) work.push(i);
    }
  };
  const gTarget = g.imports.map((imp) => {
    const index = imp.module === RT_MODULE ? s.exported.get(imp.name) : undefined;
    if (index === undefined) throw new Error(`generated code imports ${imp.module}.${imp.name}, which the support library does not export`);
    if (!sameType(s.mod.types[typeOfSupport(s.mod, index)]!, g.types[imp.type]!)) {
      throw new Error(`generated code imports ${imp.name} with a signature other than the library's`);
    }
    reach(index);
    return index;
  });
  while (work.length) for (const site of s.sites[work.pop()! - sImports]!) reach(site.target);

  // Final function index space: reached bcos imports, reached support functions, generated functions.
  const sMap = new Int32Array(reached.length).fill(-1);
  let next = 0;
  for (let i = 0; i < reached.length; i++) if (reached[i]) sMap[i] = next++;
  const gBase = next;
  const gMap = (i: number) => (i < gImports ? sMap[gTarget[i]!]! : gBase + i - gImports);

  const types = new TypeTable();
  const imports = s.mod.imports.filter((_, i) => reached[i]);
  const supportFns: number[] = [];
  for (let i = sImports; i < reached.length; i++) if (reached[i]) supportFns.push(i - sImports);

  const end = opts.data.base + opts.data.bytes.length;
  const heapStart = (Math.max(end, SUPPORT_HEAP_BASE) + 7) & ~7;
  const pages = Math.max(1, Math.ceil(heapStart / 0x10000));
  const globals = s.mod.globals.map((bytes, i) =>
    i === SUPPORT_HEAP_PTR_GLOBAL.index ? new Writer().byte(0x7f).byte(1).byte(0x41).s32(heapStart).byte(0x0b).finish() : bytes,
  );
  const entries = ENTRY_EXPORTS.map((name) => {
    const e = g.exports.find((x) => x.name === name && x.kind === 0);
    if (!e) throw new Error(`generated code does not export ${name}`);
    return { name, index: gMap(e.index) };
  });
  const data = opts.data.bytes.length ? [...s.mod.data, { offset: opts.data.base, data: opts.data.bytes }] : s.mod.data;

  const out = new Writer().bytes(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const importTypes = imports.map((imp) => types.index(s.mod.types[imp.type]!));
  const funcTypes = [
    ...supportFns.map((i) => types.index(s.mod.types[s.mod.funcTypes[i]!]!)),
    ...g.funcTypes.map((t) => types.index(g.types[t]!)),
  ];
  out.framed(1, types.write());
  out.framed(2, new Writer().vec(imports, (w, imp) => w.name(imp.module).name(imp.name).byte(0).u32(importTypes.shift()!)));
  out.framed(3, new Writer().vec(funcTypes, (w, t) => w.u32(t)));
  out.framed(5, new Writer().u32(1).byte(1).u32(pages).u32(MAX_PAGES));
  out.framed(6, new Writer().vec(globals, (w, b) => w.bytes(b)));
  const exports = new Writer().u32(entries.length + 1).name("memory").byte(2).u32(0);
  for (const e of entries) exports.name(e.name).byte(0).u32(e.index);
  out.framed(7, exports);

  const code = new Writer().u32(funcTypes.length);
  const body = new Writer();
  const emitBody = (bytes: Uint8Array, sites: readonly CallSite[], map: (i: number) => number) => {
    body.length = 0;
    let at = 0;
    for (const site of sites) {
      body.bytes(bytes.subarray(at, site.start)).u32(map(site.target));
      at = site.end;
    }
    body.bytes(bytes.subarray(at));
    code.u32(body.length).bytes(body.finish());
  };
  for (const i of supportFns) emitBody(s.mod.bodies[i]!, s.sites[i]!, (t) => sMap[t]!);
  for (const b of g.bodies) emitBody(b, callSites(b), gMap);
  out.framed(10, code);
  out.framed(11, new Writer().vec(data, (w, seg) => w.u32(0).byte(0x41).s32(seg.offset).byte(0x0b).u32(seg.data.length).bytes(seg.data)));

  if (opts.names) {
    const fnNames: [number, string][] = [];
    const localNames: [number, Map<number, string>][] = [];
    const add = (final: number, name: string | undefined, locals: Map<number, string> | undefined) => {
      if (name !== undefined) fnNames.push([final, name]);
      if (locals?.size) localNames.push([final, locals]);
    };
    for (let i = 0; i < reached.length; i++) if (reached[i]) add(sMap[i]!, s.mod.funcNames.get(i), s.mod.localNames.get(i));
    for (let i = 0; i < g.bodies.length; i++) add(gBase + i, g.funcNames.get(gImports + i), g.localNames.get(gImports + i));
    const names = new Writer().name("name");
    names.framed(1, new Writer().vec(fnNames, (w, [i, n]) => w.u32(i).name(n)));
    names.framed(2, new Writer().vec(localNames, (w, [i, locals]) => {
      w.u32(i).vec([...locals].sort((a, b) => a[0] - b[0]), (w2, [l, n]) => w2.u32(l).name(n));
    }));
    out.framed(0, names);
  }
  return out.finish().slice();
}

function typeOfSupport(mod: ParsedModule, index: number): number {
  return index < mod.imports.length ? mod.imports[index]!.type : mod.funcTypes[index - mod.imports.length]!;
}

function typeKey(t: FuncType): string {
  return `${t.params.join(",")}>${t.results.join(",")}`;
}

function sameType(a: FuncType, b: FuncType): boolean {
  return typeKey(a) === typeKey(b);
}

/** The type section of the linked module: each distinct signature once, in order of first use. */
class TypeTable {
  private readonly byKey = new Map<string, number>();
  private readonly list: FuncType[] = [];

  index(t: FuncType): number {
    const key = typeKey(t);
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.byKey.set(key, i);
      this.list.push(t);
    }
    return i;
  }

  write(): Writer {
    return new Writer().vec(this.list, (w, t) => {
      w.byte(0x60).vec(t.params, (w2, v) => w2.byte(v)).vec(t.results, (w2, v) => w2.byte(v));
    });
  }
}
