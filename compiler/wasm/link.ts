// Linking with the support library (compiler/wasm/support, README
// "Linking"): the generated code is added to a fresh copy of the support
// module itself.
//   1. read the support module (binaryen.readBinary);
//   2. map each `rt_*` export (api.ts) to its internal function name, then
//      drop those exports: the contract exports only its own four;
//   3. after code generation: our data segment goes after the library's
//      (setMemory would drop the library's segments, so both are set
//      together), the heap pointer is raised past our data, and `deploy`,
//      `main`, `hash_type` are exported next to `memory`.
import binaryen from "binaryen";
import {
  internalName, readSupportModule, removeSupportExports, rt, setHeapStart, setMemoryWithSupportData,
  supportDataSegments, SUPPORT_HEAP_BASE, type RtName,
} from "./support/index.ts";
import { WasmModule } from "./module.ts";

/** FISCO caps linear memory at 1024 pages of 64 KiB. */
export const MAX_PAGES = 1024;

export interface Support {
  mod: WasmModule;
  /** Internal function name of each runtime function. */
  fn: Record<RtName, string>;
  /** End of the support library's static data (8-aligned): where the heap starts without us. */
  heapBase: number;
}

/**
 * The support module made ready for linking, once per process: internal
 * names recorded, `rt_*` exports dropped, written back to bytes with its name
 * section (so the names survive). Each compilation then only reads these
 * bytes, instead of reading the library and removing a hundred exports again.
 */
interface Prepared {
  bytes: Uint8Array;
  fn: Record<RtName, string>;
  /** End of the library's static data. */
  dataEnd: number;
}

let prepared: Prepared | undefined;

function prepare(): Prepared {
  if (prepared) return prepared;
  const raw = readSupportModule();
  const debug = binaryen.getDebugInfo();
  try {
    const fn = {} as Record<RtName, string>;
    for (const key of Object.keys(rt) as RtName[]) fn[key] = internalName(raw, rt[key]);
    removeSupportExports(raw);
    binaryen.setDebugInfo(true);
    const bytes = raw.emitBinary();
    const dataEnd = Math.max(SUPPORT_HEAP_BASE, ...supportDataSegments().map((s) => s.offset + s.data.length));
    prepared = { bytes, fn, dataEnd };
    return prepared;
  } finally {
    binaryen.setDebugInfo(debug);
    raw.dispose();
  }
}

export function loadSupport(): Support {
  const p = prepare();
  const raw = binaryen.readBinary(p.bytes);
  raw.setFeatures(binaryen.Features.MVP);
  return { mod: new WasmModule(raw), fn: p.fn, heapBase: SUPPORT_HEAP_BASE };
}

/** The internal names of the support library's functions (to tell generated code apart in dumps). */
export function supportFunctionNames(): Set<string> {
  const raw = readSupportModule();
  try {
    const names = new Set<string>();
    for (let i = 0; i < raw.getNumFunctions(); i++) names.add(binaryen.getFunctionInfo(raw.getFunctionByIndex(i)).name);
    return names;
  } finally {
    raw.dispose();
  }
}

/**
 * Where generated data starts: the first 64 KiB page boundary after the
 * support library's data, so that addresses in generated code do not move
 * when the library changes size.
 */
export function dataBase(support: Support): number {
  const end = Math.max(support.heapBase, prepare().dataEnd);
  return Math.max(0x10000, Math.ceil(end / 0x10000) * 0x10000);
}

/** Final shape: memory with both data sets, heap past our data, the entry exports. */
export function finishLink(support: Support, data: { base: number; bytes: Uint8Array }, entry: { deploy: string; main: string; hashType: string }): void {
  const raw = support.mod.raw;
  const end = data.base + data.bytes.length;
  const heapStart = (Math.max(end, support.heapBase) + 7) & ~7;
  const pages = Math.max(1, Math.ceil(heapStart / 0x10000));
  const own = data.bytes.length ? [{ offset: data.base, data: data.bytes }] : [];
  setMemoryWithSupportData(raw, pages, MAX_PAGES, own);
  setHeapStart(raw, heapStart);
  raw.addFunctionExport(entry.deploy, "deploy");
  raw.addFunctionExport(entry.main, "main");
  raw.addFunctionExport(entry.hashType, "hash_type");
}
