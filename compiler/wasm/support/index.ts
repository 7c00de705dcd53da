// The support library as the code generator sees it: the module bytes, the
// typed table of its functions (rt.add256 ...), and the linking helpers
// described in README.md ("Linking").
import binaryen from "binaryen";
import { rt, rtFunctions, signatureText, type RtFunction, type RtName, type ValType } from "./api.ts";
import {
  decodeSupportWasm, SUPPORT_EXPORTS, SUPPORT_HEAP_BASE, SUPPORT_HEAP_PTR_GLOBAL, SUPPORT_WASM_SHA256,
} from "./support.generated.ts";
import { readDataSegments, type DataSegment } from "./segments.ts";

export { rt, rtFunctions, signatureText, readDataSegments };
export type { RtFunction, RtName, ValType, DataSegment };
export { SUPPORT_EXPORTS, SUPPORT_HEAP_BASE, SUPPORT_HEAP_PTR_GLOBAL, SUPPORT_WASM_SHA256 };

let bytes: Uint8Array | null = null;

/** The support module's bytes (a fresh copy: callers may modify it). */
export function supportModuleBytes(): Uint8Array {
  bytes ??= decodeSupportWasm();
  return bytes.slice();
}

/** The support library's data segments, all below SUPPORT_HEAP_BASE. */
export function supportDataSegments(): DataSegment[] {
  return readDataSegments(supportModuleBytes());
}

/** A fresh binaryen module holding the support library, features MVP. */
export function readSupportModule(): binaryen.Module {
  const mod = binaryen.readBinary(supportModuleBytes());
  mod.setFeatures(binaryen.Features.MVP);
  return mod;
}

/** The internal name of `f` in a module from readSupportModule (for mod.call). */
export function internalName(mod: binaryen.Module, f: RtFunction): string {
  const ref = mod.getExport(f.name);
  if (!ref) throw new Error(`${f.name} is not exported (were the support exports removed already?)`);
  return binaryen.getExportInfo(ref).value;
}

/** binaryen's type for a table entry's params (binaryen.createType). */
export function binaryenParams(f: RtFunction): binaryen.Type {
  return binaryen.createType(f.params.map((t) => (t === "i32" ? binaryen.i32 : binaryen.i64)));
}

export function binaryenResult(f: RtFunction): binaryen.Type {
  return f.result === null ? binaryen.none : f.result === "i32" ? binaryen.i32 : binaryen.i64;
}

/**
 * Makes the heap start at `addr` instead of SUPPORT_HEAP_BASE: for a code
 * generator that places its own data at [SUPPORT_HEAP_BASE, addr).
 */
export function setHeapStart(mod: binaryen.Module, addr: number): void {
  if (!Number.isInteger(addr) || addr < SUPPORT_HEAP_BASE || addr % 8 !== 0) {
    throw new Error(`heap start ${addr} must be a multiple of 8 and >= ${SUPPORT_HEAP_BASE}`);
  }
  const name = SUPPORT_HEAP_PTR_GLOBAL.name;
  mod.removeGlobal(name);
  mod.addGlobal(name, binaryen.i32, true, mod.i32.const(addr));
}

/** Removes every rt_* export (the memory export stays). */
export function removeSupportExports(mod: binaryen.Module): void {
  for (const f of rtFunctions) {
    if (mod.getExport(f.name)) mod.removeExport(f.name);
  }
}

/**
 * Replaces the memory of a module from readSupportModule with one of
 * `initialPages` (max `maxPages`) that holds the library's data segments
 * plus `own` (the code generator's, at or above SUPPORT_HEAP_BASE). The
 * "memory" export is kept. binaryen's setMemory drops every existing
 * segment, hence this helper.
 */
export function setMemoryWithSupportData(
  mod: binaryen.Module,
  initialPages: number,
  maxPages: number,
  own: readonly DataSegment[],
): void {
  let end = SUPPORT_HEAP_BASE;
  for (const seg of [...own].sort((a, b) => a.offset - b.offset)) {
    if (seg.offset < end) throw new Error(`data segment at ${seg.offset} overlaps [.., ${end})`);
    end = seg.offset + seg.data.length;
  }
  const memoryName = binaryen.getExportInfo(mod.getExport("memory")).value;
  const segments = [...supportDataSegments(), ...own].map((seg) => ({
    offset: mod.i32.const(seg.offset),
    data: seg.data,
    passive: false,
  }));
  mod.setMemory(initialPages, maxPages, null, segments, false, false, memoryName);
}
