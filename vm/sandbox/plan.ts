/**
 * Instance reuse without leaking state between calls.
 *
 * Creating an instance costs ~100–200 µs in V8 (mostly allocating its
 * memory), far over the per-call budget, so the VM keeps instances in pools
 * and resets them after each frame. Contract state lives only in linear
 * memory and mutable globals (MVP code cannot change its table). This
 * rewrite, applied to the stored metered code when it is loaded (never
 * stored, never charged as gas):
 *  - moves the contract's memory up by `base` bytes, leaving a private area
 *    for a dirty-chunk map (layout.ts), so a reset restores only the 1 KiB
 *    chunks written since the last one (from the initial image: data
 *    segments, zeros elsewhere);
 *  - gives the module a virtual memory size: memory.size reads it,
 *    memory.grow goes through a helper that grows the real memory only when
 *    needed, and every access is checked against it, so a reused instance
 *    whose real memory grew before still traps exactly where a fresh one
 *    would;
 *  - turns the imported `bcos.gas` into the instance's own global (one per
 *    frame, as in FISCO) and adds small exported functions through which
 *    the host charges gas and resets the globals (SandboxExports).
 */
import { WasmWriter } from "../wasm/bytes.ts";
import { decodeBody } from "../wasm/body.ts";
import { emitModule } from "../wasm/emit.ts";
import { KIND, VAL, countImports, parseModule, type Global } from "../wasm/module.ts";
import { OP } from "../wasm/opcodes.ts";
import { sandboxBody, type SandboxRefs } from "./instrument.ts";
import { PAGE, layoutFor, type Layout } from "./layout.ts";

export interface SandboxPlan {
  bytes: Uint8Array;
  layout: Layout;
  /** export names of the sandbox's helper functions (see SandboxExports) */
  names: { [K in keyof SandboxExports]: string };
  initialPages: number;
  /** contract memory covered by data segments: [dataLo, dataHi) */
  dataLo: number;
  dataHi: number;
}

/**
 * What the host reaches in a sandboxed instance. The globals stay internal
 * (V8 reaches exported mutable globals through an indirection, which would
 * slow every gas charge and stack-pointer access); these functions read and
 * write them instead.
 */
export interface SandboxExports {
  /** take host gas: 1 = not enough (nothing taken), 2 = exactly 0 left, 0 = otherwise */
  charge: (n: number) => number;
  /** the sign of the gas counter: -1, 0 or 1 */
  gasSign: () => number;
  setGas: (gas: bigint) => void;
  getGas: () => bigint;
  /** the contract-visible memory size in bytes */
  memoryBytes: () => number;
  /** put the contract's mutable globals and the virtual memory size back to their initial values */
  reset: () => void;
}

const constGlobal = (valType: number, init: bigint): Global => {
  const op = valType === VAL.i64 ? OP.i64_const : OP.i32_const;
  return { valType, mutable: true, init: { op, value: init, raw: new WasmWriter().byte(op).sleb(init).byte(OP.end).finish() } };
};

export function planSandbox(metered: Uint8Array): SandboxPlan {
  const m = parseModule(metered);
  const gasImport = m.imports.findIndex((i) => i.kind === KIND.global && i.module === "bcos" && i.name === "gas");
  if (gasImport < 0 || countImports(m, KIND.global) !== 1) throw new Error("sandbox: expected metered code with one imported global, bcos.gas");
  const imports = m.imports.filter((_, i) => i !== gasImport);
  const nFuncImports = countImports(m, KIND.func);
  const mem = m.memories[0]!;
  const initialPages = mem.min;
  const maxPages = mem.max ?? 65536;
  const layout = layoutFor(maxPages);
  // global 0 stays the gas counter, now defined here; the contract's globals keep their indices
  const nGlobals = 1 + m.globals.length;
  const helpers = nFuncImports + m.funcs.length;
  const refs: SandboxRefs = {
    vpages: nGlobals, vbytes: nGlobals + 1, growFunc: helpers, markFunc: helpers + 1, base: layout.base, initialBytes: initialPages * PAGE,
  };

  const bodies = m.bodies.map((range, i) => {
    const body = decodeBody(metered, range, nFuncImports + i);
    const params = m.types[m.funcs[i]!]!.params.length;
    return sandboxBody(metered, body, range.start, params + body.localCount, refs);
  });
  const types = [...m.types];
  const typeOf = (params: number[], results: number[]) => {
    const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    const i = types.findIndex((t) => same(t.params, params) && same(t.results, results));
    return i >= 0 ? i : types.push({ params, results }) - 1;
  };
  const mutable = m.globals.map((g, i) => ({ g, index: 1 + i })).filter(({ g }) => g.mutable);
  // helper functions, in index order from `helpers`
  const added: { name?: keyof SandboxExports; type: number; body: Uint8Array }[] = [
    { type: typeOf([VAL.i32], [VAL.i32]), body: growHelper(refs, maxPages, layout) },
    { type: typeOf([VAL.i32], []), body: markHelper(layout) },
    { name: "charge", type: typeOf([VAL.i32], [VAL.i32]), body: chargeHelper() },
    { name: "gasSign", type: typeOf([], [VAL.i32]), body: gasSignHelper() },
    { name: "setGas", type: typeOf([VAL.i64], []), body: fn((w) => w.byte(OP.local_get).u32(0).byte(OP.global_set).u32(0)) },
    { name: "getGas", type: typeOf([], [VAL.i64]), body: fn((w) => w.byte(OP.global_get).u32(0)) },
    { name: "memoryBytes", type: typeOf([], [VAL.i32]), body: fn((w) => w.byte(OP.global_get).u32(refs.vbytes)) },
    {
      name: "reset",
      type: typeOf([], []),
      body: fn((w) => {
        for (const { g, index } of mutable) w.bytes(g.init.raw.subarray(0, g.init.raw.length - 1)).byte(OP.global_set).u32(index);
        w.byte(OP.i32_const).sleb(BigInt(initialPages)).byte(OP.global_set).u32(refs.vpages);
        w.byte(OP.i32_const).sleb(BigInt(initialPages * PAGE)).byte(OP.global_set).u32(refs.vbytes);
      }),
    },
  ];
  let prefix = "__weft_sandbox_";
  while (m.exports.some((e) => e.name.startsWith(prefix))) prefix += "_";
  const names = {} as SandboxPlan["names"];
  for (const a of added) if (a.name) names[a.name] = prefix + a.name;

  let dataLo = Infinity;
  let dataHi = 0;
  const data = new WasmWriter();
  data.u32(m.data.length);
  for (const d of m.data) {
    const at = Number(BigInt.asUintN(32, d.offset!.value));
    dataLo = Math.min(dataLo, at);
    dataHi = Math.max(dataHi, at + d.length);
    data.u32(0).byte(OP.i32_const).sleb(BigInt(at + layout.base)).byte(OP.end);
    data.u32(d.length).bytes(metered.subarray(d.start, d.start + d.length));
  }
  const bytes = emitModule({
    ...m,
    types,
    imports,
    funcs: [...m.funcs, ...added.map((a) => a.type)],
    memories: [{ min: initialPages + layout.basePages, max: maxPages + layout.basePages }],
    globals: [
      constGlobal(VAL.i64, 0n),
      ...m.globals,
      constGlobal(VAL.i32, BigInt(initialPages)),
      constGlobal(VAL.i32, BigInt(initialPages * PAGE)),
    ],
    exports: [
      ...m.exports,
      ...added.flatMap((a, i) => (a.name ? [{ name: prefix + a.name, kind: KIND.func, index: helpers + i }] : [])),
    ],
    bodies: [...bodies, ...added.map((a) => a.body)],
    dataSection: m.data.length > 0 ? data.finish() : undefined,
  });
  return { bytes, layout, names, initialPages, dataLo: dataHi === 0 ? 0 : dataLo, dataHi };
}

/** A helper's body with no locals. */
function fn(code: (w: WasmWriter) => void): Uint8Array {
  const w = new WasmWriter();
  w.u32(0);
  code(w);
  w.byte(OP.end);
  return w.finish();
}

/** (func (param $n i32) (result i32)): grow the virtual size by $n pages; -1 past the maximum. */
function growHelper(g: SandboxRefs, maxPages: number, layout: Layout): Uint8Array {
  const n = 0, old = 1, next = 2;
  const w = new WasmWriter();
  const failIf = () => w.byte(OP.if).byte(0x40).byte(OP.i32_const).sleb(-1n).byte(OP.return).byte(OP.end);
  w.u32(1).u32(2).byte(VAL.i32); // locals: old, next
  w.byte(OP.global_get).u32(g.vpages).byte(OP.local_set).u32(old);
  w.byte(OP.local_get).u32(n).byte(OP.i32_const).sleb(BigInt(maxPages)).byte(OP.i32_gt_u);
  failIf();
  w.byte(OP.local_get).u32(old).byte(OP.local_get).u32(n).byte(OP.i32_add).byte(OP.local_tee).u32(next);
  w.byte(OP.i32_const).sleb(BigInt(maxPages)).byte(OP.i32_gt_u);
  failIf();
  // real pages needed: next + basePages
  const need = () => w.byte(OP.local_get).u32(next).byte(OP.i32_const).sleb(BigInt(layout.basePages)).byte(OP.i32_add);
  need();
  w.byte(OP.memory_size).byte(0).byte(OP.i32_gt_u).byte(OP.if).byte(0x40);
  need();
  w.byte(OP.memory_size).byte(0).byte(OP.i32_sub).byte(OP.memory_grow).byte(0);
  w.byte(OP.i32_const).sleb(-1n).byte(OP.i32_eq);
  failIf();
  w.byte(OP.end);
  w.byte(OP.local_get).u32(next).byte(OP.global_set).u32(g.vpages);
  w.byte(OP.local_get).u32(next).byte(OP.i32_const).sleb(16n).byte(OP.i32_shl).byte(OP.global_set).u32(g.vbytes);
  w.byte(OP.local_get).u32(old).byte(OP.end);
  return w.finish();
}

/**
 * (func (param $n i32) (result i32)): the host's gas charge, done here to
 * keep BigInt off the hot path. Takes $n (unsigned) unless that would go
 * below 0: returns 1 (nothing taken), else 2 when exactly 0 is left, else 0.
 */
function chargeHelper(): Uint8Array {
  const w = new WasmWriter();
  w.u32(1).u32(1).byte(VAL.i64); // local 1: left
  w.byte(OP.global_get).u32(0).byte(OP.local_get).u32(0).byte(OP.i64_extend_i32_u).byte(OP.i64_sub).byte(OP.local_tee).u32(1);
  w.byte(OP.i64_const).sleb(0n).byte(OP.i64_lt_s).byte(OP.if).byte(0x40).byte(OP.i32_const).sleb(1n).byte(OP.return).byte(OP.end);
  w.byte(OP.local_get).u32(1).byte(OP.global_set).u32(0);
  w.byte(OP.local_get).u32(1).byte(OP.i64_eqz).byte(OP.i32_const).sleb(1n).byte(OP.i32_shl).byte(OP.end);
  return w.finish();
}

/** (func (result i32)): the sign of the gas counter: -1, 0 or 1. */
function gasSignHelper(): Uint8Array {
  const w = new WasmWriter();
  w.u32(0);
  w.byte(OP.global_get).u32(0).byte(OP.i64_const).sleb(0n).byte(OP.i64_gt_s);
  w.byte(OP.global_get).u32(0).byte(OP.i64_const).sleb(0n).byte(OP.i64_lt_s).byte(OP.i32_sub).byte(OP.end);
  return w.finish();
}

/** (func (param $chunk i32)): flag the chunk dirty and append it to the list. */
function markHelper(layout: Layout): Uint8Array {
  const w = new WasmWriter();
  const countAt = BigInt(layout.countAt);
  const loadCount = () => w.byte(OP.i32_const).sleb(countAt).byte(OP.i32_load).u32(2).u32(0);
  w.u32(0); // no locals
  w.byte(OP.local_get).u32(0).byte(OP.i32_const).sleb(1n).byte(OP.i32_store8).u32(0).u32(0);
  // list[count] = chunk
  loadCount();
  w.byte(OP.i32_const).sleb(2n).byte(OP.i32_shl).byte(OP.i32_const).sleb(BigInt(layout.listAt)).byte(OP.i32_add);
  w.byte(OP.local_get).u32(0).byte(OP.i32_store).u32(2).u32(0);
  // count += 1
  w.byte(OP.i32_const).sleb(countAt);
  loadCount();
  w.byte(OP.i32_const).sleb(1n).byte(OP.i32_add).byte(OP.i32_store).u32(2).u32(0);
  w.byte(OP.end);
  return w.finish();
}
