// The programmatic compiler API used by the CLI, the test chain and build
// tools: sources in, Wasm modules + ABI JSON + diagnostics out. Pure.
import type { Diagnostic } from "./diagnostics/index.ts";
import { hasErrors, sortDiagnostics } from "./diagnostics/index.ts";
import { analyze, internalError, type Sources } from "./analyze.ts";
import { conflictFields, contractAbi, type AbiEntry, type Crypto } from "./abi/index.ts";
import { generateModule } from "./wasm/index.ts";
import type { FnInfo } from "./types/model.ts";

export interface CompileOptions {
  /** Source texts by path. Files under `std/` are the standard library. */
  sources: Sources;
  /** The chain's hash: keccak-256 (ECDSA chains, default) or SM3 (SM chains). */
  crypto?: Crypto;
  /** Run binaryen's optimiser. */
  optimize?: boolean;
  /** Also return the module as WebAssembly text. */
  wat?: boolean;
  /** Compile only these contracts (by name); default: every contract outside `std/`. */
  contracts?: string[];
}

export interface CompiledContract {
  name: string;
  /** The source file that declares it. */
  file: string;
  wasm: Uint8Array;
  abi: AbiEntry[];
  wat?: string;
}

export interface CompileResult {
  /** True when there are no error diagnostics (warnings allowed). */
  ok: boolean;
  contracts: CompiledContract[];
  diagnostics: Diagnostic[];
}

export function compile(opts: CompileOptions): CompileResult {
  const crypto = opts.crypto ?? "keccak";
  const a = analyze(opts.sources);
  const diagnostics = [...a.diagnostics];
  const contracts: CompiledContract[] = [];
  if (!a.program || hasErrors(diagnostics)) return { ok: false, contracts, diagnostics };
  const program = a.program;
  const effects = a.effects;
  // Every public function gets its conflict keys (effects pass); a missing footprint would mean "run serially".
  const conflicts = (fn: FnInfo) => {
    const fp = effects?.get(fn)?.footprint;
    return fp ? conflictFields(fp) : undefined;
  };
  const wanted = opts.contracts ? new Set(opts.contracts) : null;
  for (const contract of program.contracts) {
    if (wanted ? !wanted.has(contract.name) : contract.file.startsWith("std/")) continue;
    try {
      const gen = generateModule(program, contract, { crypto, optimize: opts.optimize ?? false, wat: opts.wat ?? false });
      diagnostics.push(...gen.diagnostics);
      if (hasErrors(gen.diagnostics)) continue;
      const out: CompiledContract = { name: contract.name, file: contract.file, wasm: gen.wasm, abi: contractAbi(contract, { conflictFields: conflicts }) };
      if (gen.wat !== undefined) out.wat = gen.wat;
      contracts.push(out);
    } catch (e) {
      diagnostics.push(internalError(contract.file, `code generation for ${contract.name}`, e));
    }
  }
  const sorted = sortDiagnostics(diagnostics);
  return { ok: !hasErrors(sorted), contracts, diagnostics: sorted };
}
