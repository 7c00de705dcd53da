/** Shared helpers for the vm tests: fixtures, a hand assembler for tiny modules, WAT via binaryen. */
import { readFileSync } from "node:fs";
import { InMemoryState, Vm, type ExecResult } from "../../vm/index.ts";
import type { ChainCrypto } from "../../vm/crypto.ts";
import type { Abi } from "../../vm/abi/types.ts";

export const SENDER = "0x" + "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
export const BLOCK = { number: 7, timestamp: 1_700_000_000_000 };
export const GAS = 3_000_000_000;

/** The ABI of the fixture transfer.wasm, with the conflictFields its README documents. */
export const LIQUID_TRANSFER_ABI: Abi = [
  { type: "constructor", inputs: [] },
  {
    type: "function", name: "transfer",
    inputs: [{ name: "from", type: "string" }, { name: "to", type: "string" }, { name: "amount", type: "uint32" }],
    outputs: [{ name: "", type: "bool" }],
    conflictFields: [{ kind: 3, value: [0], slot: 0 }, { kind: 3, value: [1], slot: 0 }],
    selector: [683988646, 0],
  },
  { type: "function", name: "query", inputs: [{ name: "name", type: "string" }], outputs: [{ name: "", type: "uint32" }], constant: true },
];

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../shared/fixtures/fisco-liquid/${name}`, import.meta.url)));
}

export function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/^0x/, "").replace(/\s+/g, ""), "hex"));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString("hex");
}

export function newVm(crypto: ChainCrypto = "keccak", maxDepth?: number) {
  const state = new InMemoryState();
  const vm = new Vm({ state, crypto, ...(maxDepth ? { maxDepth } : {}) });
  return { state, vm };
}

export function call(vm: Vm, to: string, input: Uint8Array | string, gasLimit = GAS): ExecResult {
  return vm.call({ to, input: typeof input === "string" ? hex(input) : input, sender: SENDER, gasLimit, block: BLOCK });
}

// ---------------------------------------------------------------- hand assembler

export const I32 = 0x7f;
export const I64 = 0x7e;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number | bigint): number[] {
  let v = BigInt(n);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const str = (s: string) => [...uleb(Buffer.byteLength(s)), ...Buffer.from(s)];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

export interface RawModule {
  types: [number[], number[]][];
  imports?: { module: string; name: string; type: number }[];
  funcs: { type: number; locals?: [number, number][]; body: number[] }[];
  table?: number;
  memory?: { min: number; max?: number };
  globals?: { type: number; mutable: boolean; init: number }[];
  exports: { name: string; kind: "func" | "memory" | "global"; index: number }[];
  start?: number;
  elements?: { offset: number; funcs: number[] }[];
  data?: { offset: number; bytes: number[] }[];
}

/** Assemble a module from parts; function bodies are raw instruction bytes (the final `end` is added). */
export function assemble(m: RawModule): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  out.push(...section(1, vec(m.types.map(([p, r]) => [0x60, ...vec(p.map((x) => [x])), ...vec(r.map((x) => [x]))]))));
  if (m.imports?.length) out.push(...section(2, vec(m.imports.map((i) => [...str(i.module), ...str(i.name), 0x00, ...uleb(i.type)]))));
  out.push(...section(3, vec(m.funcs.map((f) => uleb(f.type)))));
  if (m.table !== undefined) out.push(...section(4, vec([[0x70, 0x00, ...uleb(m.table)]])));
  if (m.memory) {
    const lim = m.memory.max === undefined ? [0x00, ...uleb(m.memory.min)] : [0x01, ...uleb(m.memory.min), ...uleb(m.memory.max)];
    out.push(...section(5, vec([lim])));
  }
  if (m.globals?.length) {
    out.push(...section(6, vec(m.globals.map((g) => [g.type, g.mutable ? 1 : 0, g.type === I64 ? 0x42 : 0x41, ...sleb(g.init), 0x0b]))));
  }
  const kinds = { func: 0, memory: 2, global: 3 } as const;
  out.push(...section(7, vec(m.exports.map((e) => [...str(e.name), kinds[e.kind], ...uleb(e.index)]))));
  if (m.start !== undefined) out.push(...section(8, uleb(m.start)));
  if (m.elements?.length) out.push(...section(9, vec(m.elements.map((e) => [0x00, 0x41, ...sleb(e.offset), 0x0b, ...vec(e.funcs.map(uleb))]))));
  out.push(
    ...section(10, vec(m.funcs.map((f) => {
      const body = [...vec((f.locals ?? []).map(([n, t]) => [...uleb(n), t])), ...f.body, 0x0b];
      return [...uleb(body.length), ...body];
    }))),
  );
  if (m.data?.length) out.push(...section(11, vec(m.data.map((d) => [0x00, 0x41, ...sleb(d.offset), 0x0b, ...vec(d.bytes.map((b) => [b]))]))));
  return new Uint8Array(out);
}

/**
 * A FISCO-shaped contract: imports from bcos (types given inline), one page
 * of memory, `hash_type` returning `hashType`, `deploy` and `main` bodies.
 * Function indices: imports first, then hash_type, deploy, main, then `extra`.
 */
export interface HostImport { readonly name: string; readonly params: readonly number[]; readonly results: readonly number[] }

export function contract(opts: {
  imports?: HostImport[];
  deploy?: number[];
  main: number[];
  mainLocals?: [number, number][];
  hashType?: number;
  extra?: { params: number[]; results: number[]; locals?: [number, number][]; body: number[] }[];
  globals?: RawModule["globals"];
  data?: RawModule["data"];
  memory?: RawModule["memory"];
  table?: number;
  elements?: RawModule["elements"];
  exports?: RawModule["exports"];
}): Uint8Array {
  const types: [number[], number[]][] = [[[], []], [[], [I32]]];
  const typeIndex = (p: readonly number[], r: readonly number[]) => {
    const i = types.findIndex(([a, b]) => a.join() === p.join() && b.join() === r.join());
    return i >= 0 ? i : types.push([[...p], [...r]]) - 1;
  };
  const imports = (opts.imports ?? []).map((i) => ({ module: "bcos", name: i.name, type: typeIndex(i.params, i.results) }));
  const n = imports.length;
  const extra = (opts.extra ?? []).map((f) => ({ type: typeIndex(f.params, f.results), locals: f.locals ?? [], body: f.body }));
  return assemble({
    types,
    imports,
    funcs: [
      { type: 1, body: [0x41, ...sleb(opts.hashType ?? 0)] },
      { type: 0, body: opts.deploy ?? [] },
      { type: 0, locals: opts.mainLocals ?? [], body: opts.main },
      ...extra,
    ],
    memory: opts.memory ?? { min: 1 },
    globals: opts.globals ?? [],
    exports: [
      { name: "memory", kind: "memory", index: 0 },
      { name: "hash_type", kind: "func", index: n },
      { name: "deploy", kind: "func", index: n + 1 },
      { name: "main", kind: "func", index: n + 2 },
      ...(opts.exports ?? []),
    ],
    data: opts.data ?? [],
    ...(opts.table !== undefined ? { table: opts.table } : {}),
    elements: opts.elements ?? [],
  });
}

/** Host import signatures, for `contract({ imports })`. */
export const BCOS = {
  getCallDataSize: { name: "getCallDataSize", params: [], results: [I32] },
  getCallData: { name: "getCallData", params: [I32], results: [] },
  finish: { name: "finish", params: [I32, I32], results: [] },
  revert: { name: "revert", params: [I32, I32], results: [] },
  setStorage: { name: "setStorage", params: [I32, I32, I32, I32], results: [] },
  getStorage: { name: "getStorage", params: [I32, I32, I32], results: [I32] },
  getCaller: { name: "getCaller", params: [I32], results: [I32] },
  getTxOrigin: { name: "getTxOrigin", params: [I32], results: [I32] },
  getAddress: { name: "getAddress", params: [I32], results: [I32] },
  getBlockNumber: { name: "getBlockNumber", params: [], results: [I64] },
  getBlockTimestamp: { name: "getBlockTimestamp", params: [], results: [I64] },
  log: { name: "log", params: [I32, I32, I32, I32, I32, I32, I32], results: [] },
  call: { name: "call", params: [I32, I32, I32, I32], results: [I32] },
  getReturnDataSize: { name: "getReturnDataSize", params: [], results: [I32] },
  getReturnData: { name: "getReturnData", params: [I32], results: [] },
  getExternalCodeSize: { name: "getExternalCodeSize", params: [I32, I32], results: [I32] },
} as const;

// instruction helpers for hand-written bodies
export const op = {
  i32: (v: number) => [0x41, ...sleb(v)],
  i64: (v: number | bigint) => [0x42, ...sleb(v)],
  call: (f: number) => [0x10, ...uleb(f)],
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  globalGet: (i: number) => [0x23, ...uleb(i)],
  globalSet: (i: number) => [0x24, ...uleb(i)],
  i32Load: (offset = 0) => [0x28, 0x02, ...uleb(offset)],
  i32Store: (offset = 0) => [0x36, 0x02, ...uleb(offset)],
  i32Store8: (offset = 0) => [0x3a, 0x00, ...uleb(offset)],
  i64Store: (offset = 0) => [0x37, 0x03, ...uleb(offset)],
  drop: [0x1a],
  add: [0x6a],
  sub: [0x6b],
  loop: [0x03, 0x40],
  block: [0x02, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  brIf: (l: number) => [0x0d, ...uleb(l)],
  callIndirect: (type: number) => [0x11, ...uleb(type), 0x00],
  nop: [0x01],
  select: [0x1b],
  br: (l: number) => [0x0c, ...uleb(l)],
  unreachable: [0x00],
  memorySize: [0x3f, 0x00],
  memoryGrow: [0x40, 0x00],
} as const;

/** Bytes for a data segment holding a string. */
export const ascii = (s: string) => [...Buffer.from(s)];
