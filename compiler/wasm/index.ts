// compiler/wasm: IR → a FISCO BCOS Wasm module (shared/design/fisco-compat.md).
//
//   generateModule(program, contract, { crypto, optimize, wat })
//     lowers the contract (compiler/lower), emits every IR function into a
//     small binaryen module that imports the support functions it calls,
//     lays out constant data after the library's, checks that module is
//     valid Wasm MVP, links it with the reached part of the support library
//     (link.ts: exactly memory/deploy/main/hash_type exported), then with
//     `optimize` runs binaryen's -O2 (shrink 1) over the linked module.
//
// Files: module.ts (typed binaryen wrapper), link.ts (linker), binary/ (Wasm
// binary reading and writing for the linker), data.ts (constant data),
// emit/ (one file per group of IR constructs).
import binaryen from "binaryen";
import type { ContractInfo, TypedProgram } from "../types/model.ts";
import type { Diagnostic } from "../diagnostics/index.ts";
import { diagnostic, hasErrors } from "../diagnostics/index.ts";
import type { Crypto } from "../abi/selector.ts";
import { lowerContract } from "../lower/index.ts";
import { DataBuilder } from "./data.ts";
import { dataBase, link, MAX_PAGES, runtimeNames } from "./link.ts";
import { WasmModule } from "./module.ts";
import { Gen } from "./emit/context.ts";
import { emitFunction } from "./emit/function.ts";

export interface GenerateOptions {
  crypto: Crypto;
  optimize: boolean;
  /** Also return the module as WAT text. */
  wat?: boolean;
}

export interface GenerateResult {
  wasm: Uint8Array;
  wat?: string;
  diagnostics: Diagnostic[];
  /** Names of the functions the code generator added (for readable dumps; support functions excluded). */
  generated: string[];
}

export function generateModule(program: TypedProgram, contract: ContractInfo, opts: GenerateOptions): GenerateResult {
  let lowered;
  try {
    lowered = lowerContract(program, contract, opts.crypto);
  } catch (err) {
    return failed(contract, err);
  }
  if (hasErrors(lowered.diagnostics)) return { wasm: new Uint8Array(0), diagnostics: lowered.diagnostics, generated: [] };

  const levels = { optimize: binaryen.getOptimizeLevel(), shrink: binaryen.getShrinkLevel(), debug: binaryen.getDebugInfo() };
  const own = new binaryen.Module();
  let linked: binaryen.Module | null = null;
  try {
    own.setFeatures(binaryen.Features.MVP);
    own.setMemory(1, MAX_PAGES, "memory");
    const mod = new WasmModule(own);
    const data = new DataBuilder(dataBase());
    const gen = new Gen(mod, runtimeNames(), data);
    for (const fn of lowered.module.functions) emitFunction(gen, fn);
    for (const as of ["deploy", "main", "hash_type"]) own.addFunctionExport(lowered.module.functions.find((f) => f.exportAs === as)!.name, as);
    if (!own.validate()) throw new Error("generated code does not validate as Wasm MVP");
    // Names are only worth writing when someone reads the text.
    binaryen.setDebugInfo(opts.wat === true);
    const ownData = { base: data.base, bytes: data.bytes() };
    const bytes = link(own.emitBinary(), { data: ownData, names: opts.wat === true });
    binaryen.setDebugInfo(false);
    const result: GenerateResult = { wasm: bytes, diagnostics: lowered.diagnostics, generated: gen.generated };
    if (opts.optimize) {
      linked = binaryen.readBinary(bytes);
      linked.setFeatures(binaryen.Features.MVP);
      binaryen.setOptimizeLevel(2);
      binaryen.setShrinkLevel(1);
      linked.optimize();
      result.wasm = linked.emitBinary();
      if (opts.wat) {
        binaryen.setDebugInfo(true);
        result.wat = linked.emitText();
      }
    } else if (opts.wat) {
      result.wasm = link(own.emitBinary(), { data: ownData });
      linked = binaryen.readBinary(bytes);
      result.wat = linked.emitText();
    }
    return result;
  } catch (err) {
    return failed(contract, err);
  } finally {
    binaryen.setOptimizeLevel(levels.optimize);
    binaryen.setShrinkLevel(levels.shrink);
    binaryen.setDebugInfo(levels.debug);
    own.dispose();
    linked?.dispose();
  }
}

/** A code generator bug: reported, never thrown at the caller. */
function failed(contract: ContractInfo, err: unknown): GenerateResult {
  const message = err instanceof Error ? err.message : String(err);
  return {
    wasm: new Uint8Array(0),
    diagnostics: [
      diagnostic("E0900", contract.decl.name.span, `internal compiler error while generating code for ${contract.name}: ${message}`, {
        help: "this is a bug in the Weft compiler; please report it with the source that triggers it",
      }),
    ],
    generated: [],
  };
}
