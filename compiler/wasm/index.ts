// compiler/wasm: IR → a FISCO BCOS Wasm module (shared/design/fisco-compat.md).
//
//   generateModule(program, contract, { crypto, optimize, wat })
//     lowers the contract (compiler/lower), emits every IR function into a
//     copy of the support library (link.ts), lays out constant data after
//     the library's, exports exactly memory/deploy/main/hash_type, checks the
//     module is valid Wasm MVP, then optimizes (-O2, shrink 1) or at least
//     removes unused support functions.
//
// Files: module.ts (typed binaryen wrapper), link.ts (support library),
// data.ts (constant data), emit/ (one file per group of IR constructs).
import binaryen from "binaryen";
import type { ContractInfo, TypedProgram } from "../types/model.ts";
import type { Diagnostic } from "../diagnostics/index.ts";
import { diagnostic, hasErrors } from "../diagnostics/index.ts";
import type { Crypto } from "../abi/selector.ts";
import { lowerContract } from "../lower/index.ts";
import { DataBuilder } from "./data.ts";
import { dataBase, finishLink, loadSupport } from "./link.ts";
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

  const support = loadSupport();
  const raw = support.mod.raw;
  const levels = { optimize: binaryen.getOptimizeLevel(), shrink: binaryen.getShrinkLevel(), debug: binaryen.getDebugInfo() };
  try {
    const data = new DataBuilder(dataBase(support));
    const gen = new Gen(support.mod, support.fn, data);
    for (const fn of lowered.module.functions) emitFunction(gen, fn);
    const exported = (as: string) => lowered.module.functions.find((f) => f.exportAs === as)!.name;
    finishLink(support, { base: data.base, bytes: data.bytes() }, { deploy: exported("deploy"), main: exported("main"), hashType: exported("hash_type") });
    raw.setFeatures(binaryen.Features.MVP);
    if (!raw.validate()) throw new Error("generated module does not validate as Wasm MVP");
    binaryen.setDebugInfo(false);
    if (opts.optimize) {
      binaryen.setOptimizeLevel(2);
      binaryen.setShrinkLevel(1);
      raw.optimize();
    }
    raw.runPasses(["remove-unused-module-elements"]);
    const result: GenerateResult = { wasm: raw.emitBinary(), diagnostics: lowered.diagnostics, generated: gen.generated };
    if (opts.wat) result.wat = raw.emitText();
    return result;
  } catch (err) {
    return failed(contract, err);
  } finally {
    binaryen.setOptimizeLevel(levels.optimize);
    binaryen.setShrinkLevel(levels.shrink);
    binaryen.setDebugInfo(levels.debug);
    raw.dispose();
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
