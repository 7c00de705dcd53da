// The support library as the code generator sees it: the module bytes, the
// typed table of its functions (rt.add256 ...), its data segments and the
// binaryen types of its signatures. Linking is ../link.ts (README.md,
// "Linking").
import binaryen from "binaryen";
import { rt, rtFunctions, signatureText, type RtFunction, type RtName, type ValType } from "./api.ts";
import {
  decodeSupportWasm, SUPPORT_EXPORTS, SUPPORT_HEAP_BASE, SUPPORT_HEAP_PTR_GLOBAL, SUPPORT_WASM_SHA256,
} from "./support.generated.ts";
import { parseModule, type DataSegment } from "../binary/read.ts";

export { rt, rtFunctions, signatureText };
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
  return parseModule(supportModuleBytes()).data;
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
