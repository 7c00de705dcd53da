/**
 * Deploy-time checks that a module has the shape FISCO BCOS accepts
 * (shared/design/fisco-compat.md, "Module shape"). Throws VmError with a
 * message that says what is wrong; the VM turns it into status 32.
 */
import { VmError } from "./errors.ts";
import { decodeBody, type Body } from "./wasm/body.ts";
import { engine } from "./wasm/engine.ts";
import { KIND, VAL, parseModule, type FuncType, type WasmModule } from "./wasm/module.ts";

const I = VAL.i32;
const L = VAL.i64;
const sig = (params: number[], results: number[]): FuncType => ({ params, results });

/** The `bcos` host functions a contract may import, with their signatures. */
export const BCOS_IMPORTS: Readonly<Record<string, FuncType>> = {
  getCallDataSize: sig([], [I]),
  getCallData: sig([I], []),
  finish: sig([I, I], []),
  revert: sig([I, I], []),
  setStorage: sig([I, I, I, I], []),
  getStorage: sig([I, I, I], [I]),
  getCaller: sig([I], [I]),
  getTxOrigin: sig([I], [I]),
  getAddress: sig([I], [I]),
  getBlockNumber: sig([], [L]),
  getBlockTimestamp: sig([], [L]),
  log: sig([I, I, I, I, I, I, I], []),
  call: sig([I, I, I, I], [I]),
  getReturnDataSize: sig([], [I]),
  getReturnData: sig([I], []),
  getExternalCodeSize: sig([I, I], [I]),
};

/** Names the host adds when it meters a module; a contract may not import them. */
export const RESERVED_IMPORTS = ["outOfGas", "gas"];

export const REQUIRED_EXPORTS: Readonly<Record<string, FuncType | "memory">> = {
  memory: "memory",
  deploy: sig([], []),
  main: sig([], []),
  hash_type: sig([], [I]),
};

/** FISCO's memory bounds in 64 KiB pages (GasInjector.h). */
export const MEMORY_PAGES_MIN = 16;
export const MEMORY_PAGES_MAX = 1024;

export interface ValidatedModule {
  module: WasmModule;
  bodies: Body[];
}

const typeName = (t: number) =>
  ({ 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" })[t] ??
  `0x${t.toString(16)}`;
const showSig = (t: FuncType) => `(${t.params.map(typeName).join(", ")}) -> (${t.results.map(typeName).join(", ")})`;
const sameSig = (a: FuncType, b: FuncType) =>
  a.params.length === b.params.length && a.results.length === b.results.length &&
  a.params.every((p, i) => p === b.params[i]) && a.results.every((p, i) => p === b.results[i]);

function unsupported(message: string): never {
  throw new VmError("WASM_UNSUPPORTED", message);
}

export function validateModule(bytes: Uint8Array): ValidatedModule {
  const m = parseModule(bytes);
  m.types.forEach((t, i) => {
    for (const v of [...t.params, ...t.results]) {
      if (v !== I && v !== L) unsupported(`type ${i} uses ${typeName(v)}: only i32 and i64 are allowed (no floats)`);
    }
    if (t.results.length > 1) unsupported(`type ${i} has ${t.results.length} results: multi-value is not allowed`);
  });
  for (const imp of m.imports) {
    const what = `import "${imp.module}"."${imp.name}"`;
    if (imp.module !== "bcos") unsupported(`${what}: contracts may import only from module "bcos"`);
    if (RESERVED_IMPORTS.includes(imp.name)) unsupported(`${what}: reserved for the host's gas metering`);
    if (imp.kind !== KIND.func) unsupported(`${what}: only functions may be imported (memory, tables and globals must be defined by the module)`);
    const want = BCOS_IMPORTS[imp.name];
    if (!want) unsupported(`${what}: unknown host function (known: ${Object.keys(BCOS_IMPORTS).join(", ")})`);
    const got = m.types[imp.index];
    if (!got) unsupported(`${what}: type index ${imp.index} does not exist`);
    if (!sameSig(got, want)) unsupported(`${what} has signature ${showSig(got)}, expected ${showSig(want)}`);
  }
  m.funcs.forEach((t, i) => {
    if (!m.types[t]) unsupported(`function ${i} refers to type ${t}, which does not exist`);
  });
  if (m.tables.length > 1) unsupported("more than one table");
  if (m.tables.some((t) => t.elemType !== VAL.funcref)) unsupported("a table of non-function references");
  if (m.memories.length !== 1) unsupported(`the module must define exactly one memory (it defines ${m.memories.length})`);
  const mem = m.memories[0]!;
  if (mem.min > MEMORY_PAGES_MAX) unsupported(`memory of ${mem.min} pages exceeds FISCO's limit of ${MEMORY_PAGES_MAX} pages`);
  m.globals.forEach((g, i) => {
    if (g.valType !== I && g.valType !== L) unsupported(`global ${i} has type ${typeName(g.valType)} (only i32 and i64)`);
    const want = g.valType === I ? 0x41 : 0x42;
    if (g.init.op !== want) unsupported(`global ${i} must be initialised by a ${typeName(g.valType)}.const`);
  });
  if (m.start !== undefined) unsupported("a start function is not allowed (the host calls `deploy` and `main`)");
  if (m.dataCount !== undefined) unsupported("a data count section (bulk memory) is not allowed");
  checkExports(m);
  for (const e of m.elements) {
    if (m.tables.length === 0) unsupported("an element segment without a table");
    if (e.offset.op !== 0x41) unsupported("an element segment offset must be an i32.const");
  }
  for (const d of m.data) {
    if (d.flags !== 0 || !d.offset || d.offset.op !== 0x41) unsupported("only active data segments at an i32.const offset are allowed");
  }
  const nImports = m.imports.length;
  const bodies = m.bodies.map((range, i) => decodeBody(bytes, range, nImports + i));
  checkWithEngine(bytes);
  return { module: m, bodies };
}

function checkExports(m: WasmModule): void {
  const seen = new Set<string>();
  for (const e of m.exports) {
    if (seen.has(e.name)) throw new VmError("WASM_MALFORMED", `duplicate export "${e.name}"`);
    seen.add(e.name);
  }
  const funcImports = m.imports.length; // validated: all imports are functions
  for (const [name, want] of Object.entries(REQUIRED_EXPORTS)) {
    const e = m.exports.find((x) => x.name === name);
    if (!e) unsupported(`missing required export "${name}" (a FISCO contract exports memory, deploy, main and hash_type)`);
    if (want === "memory") {
      if (e.kind !== KIND.memory) unsupported(`export "memory" must be the module's memory`);
      continue;
    }
    if (e.kind !== KIND.func) unsupported(`export "${name}" must be a function`);
    const t = e.index < funcImports ? m.types[m.imports[e.index]!.index] : m.types[m.funcs[e.index - funcImports] ?? -1];
    if (!t) unsupported(`export "${name}" refers to function ${e.index}, which does not exist`);
    if (!sameSig(t, want)) unsupported(`export "${name}" has signature ${showSig(t)}, expected ${showSig(want)}`);
  }
}

/** Full type checking by the engine: our parse checks only framing and the subset. */
function checkWithEngine(bytes: Uint8Array): void {
  try {
    new engine.Module(bytes);
  } catch (e) {
    throw new VmError("WASM_MALFORMED", `the engine rejects the module: ${(e as Error).message}`);
  }
}
