// Turns asc's output into the support module: fixes the heap-pointer
// global, removes build-only exports, checks the result is Wasm MVP with
// imports from "bcos" only, and lists the exported functions.
import binaryen from "binaryen";

export interface ExportedFunction {
  name: string;
  params: ("i32" | "i64")[];
  result: "i32" | "i64" | null;
}

export interface LinkedSupport {
  wasm: Uint8Array;
  /** Initial value of the heap pointer: end of the static data, 8-aligned. */
  heapBase: number;
  /** The (internal, mutable i32) heap-pointer global. */
  heapPtrGlobal: { name: string; index: number };
  exports: ExportedFunction[];
}

const HEAP_PTR_EXPORT = "rt_heap_ptr";
const STATIC_END_EXPORT = "rt_static_end";

function valType(t: binaryen.Type): "i32" | "i64" {
  if (t === binaryen.i32) return "i32";
  if (t === binaryen.i64) return "i64";
  throw new Error(`support module uses a non-integer type (${t})`);
}

function exportTarget(mod: binaryen.Module, name: string): string {
  const ref = mod.getExport(name);
  if (!ref) throw new Error(`asc output lacks the export ${name}`);
  return binaryen.getExportInfo(ref).value;
}

/** The constant that `rt_static_end` returns. */
function staticEnd(mod: binaryen.Module): number {
  const fn = exportTarget(mod, STATIC_END_EXPORT);
  const body = binaryen.getFunctionInfo(mod.getFunction(fn)).body;
  const info = binaryen.getExpressionInfo(body);
  if (info.id !== binaryen.ConstId) throw new Error("rt_static_end is not a constant");
  mod.removeExport(STATIC_END_EXPORT);
  mod.removeFunction(fn);
  return (info as binaryen.ConstInfo).value as number;
}

/** Replaces the heap-pointer export by an internal global set to heapBase. */
function fixHeapPointer(mod: binaryen.Module, heapBase: number): { name: string; index: number } {
  const name = exportTarget(mod, HEAP_PTR_EXPORT);
  mod.removeExport(HEAP_PTR_EXPORT);
  mod.removeGlobal(name);
  mod.addGlobal(name, binaryen.i32, true, mod.i32.const(heapBase));
  for (let i = 0; i < mod.getNumGlobals(); i++) {
    if (binaryen.getGlobalInfo(mod.getGlobalByIndex(i)).name === name) return { name, index: i };
  }
  throw new Error("heap pointer global vanished");
}

function checkShape(mod: binaryen.Module): void {
  if (mod.getStart()) throw new Error("support module must not have a start function");
  for (let i = 0; i < mod.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(mod.getFunctionByIndex(i));
    if (f.module && f.module !== "bcos") throw new Error(`import ${f.module}.${f.base} is not from bcos`);
  }
  for (let i = 0; i < mod.getNumGlobals(); i++) {
    const g = binaryen.getGlobalInfo(mod.getGlobalByIndex(i));
    if (g.module) throw new Error(`global import ${g.module}.${g.base}`);
  }
  mod.setFeatures(binaryen.Features.MVP);
  if (!mod.validate()) throw new Error("support module does not validate as Wasm MVP");
  // FISCO's contracts are integer-only: no float type or instruction at all.
  const code = mod.emitText().split("\n").filter((line) => !line.trimStart().startsWith("(data"));
  const float = /\bf(32|64)\b/.exec(code.join("\n"));
  if (float) throw new Error(`support module uses floating point (${float[0]})`);
}

function listExports(mod: binaryen.Module): ExportedFunction[] {
  const out: ExportedFunction[] = [];
  for (let i = 0; i < mod.getNumExports(); i++) {
    const e = binaryen.getExportInfo(mod.getExportByIndex(i));
    if (e.kind !== binaryen.ExternalFunction) continue;
    const f = binaryen.getFunctionInfo(mod.getFunction(e.value));
    const results = binaryen.expandType(f.results);
    out.push({
      name: e.name,
      params: binaryen.expandType(f.params).map(valType),
      result: results.length === 0 ? null : valType(results[0]!),
    });
  }
  return out;
}

export function linkSupport(compiled: Uint8Array): LinkedSupport {
  const mod = binaryen.readBinary(compiled);
  const debugInfo = binaryen.getDebugInfo();
  try {
    const heapBase = (staticEnd(mod) + 7) & ~7;
    const heapPtrGlobal = fixHeapPointer(mod, heapBase);
    checkShape(mod);
    binaryen.setDebugInfo(true); // keep the name section: linkers find globals by name
    const wasm = mod.emitBinary();
    return { wasm, heapBase, heapPtrGlobal, exports: listExports(mod) };
  } finally {
    binaryen.setDebugInfo(debugInfo);
    mod.dispose();
  }
}
