// compiler/lower: a checked TypedProgram and one contract → the IR of
// ir.ts, for one chain crypto (selectors and event topics are constants).
//
// Files, by concern:
//   ir.ts           the IR (read this first)
//   context.ts      lowering state (module / function)
//   types.ts        model types → IR types;   layout.ts  memory layout
//   expressions.ts  expressions, casts, operators
//   places.ts       assignable locations (locals, memory slots, storage)
//   statements.ts   statements and loops
//   storage.ts      storage keys and whole-value storage helpers
//   scale.ts        SCALE encode/decode helpers
//   values.ts       zero values, deep copies, arrays in memory
//   calls.ts        internal/external calls, built-ins, methods
//   events.ts       emit and typed errors
//   env.ts          msg.sender & co, read once per call
//   entry.ts        deploy, main, hash_type
//   limits.ts       what cannot be generated (E0500, E0501)
import type { ContractInfo, FnInfo, TypedProgram } from "../types/model.ts";
import type { Diagnostic } from "../diagnostics/index.ts";
import type { Crypto } from "../abi/selector.ts";
import { FnCx, ModuleCx } from "./context.ts";
import type { IrModule } from "./ir.ts";
import { irResult, irType } from "./types.ts";
import { cacheEnv } from "./env.ts";
import { lowerBlock } from "./statements.ts";
import { fnName } from "./calls.ts";
import { lowerDeploy, lowerHashType, lowerMain } from "./entry.ts";
import { checkMemoryLimits, checkStorageOnly } from "./limits.ts";

export type * from "./ir.ts";

export interface LowerResult {
  module: IrModule;
  diagnostics: Diagnostic[];
}

function lowerFunction(mod: ModuleCx, fn: FnInfo): void {
  const body = fn.decl.body;
  if (!body || checkMemoryLimits(mod, fn) || checkStorageOnly(mod, fn)) return;
  const fx = new FnCx(mod, fnName(fn), irResult(fn.returns));
  for (const p of fn.params) fx.param(p.name, irType(p.type), p);
  cacheEnv(fx, body);
  lowerBlock(fx, body, fx.body);
  mod.add(fx.finish());
}

/**
 * Lowers one contract. Functions come out in a fixed order: entry points,
 * then the contract's functions in declaration order, then helpers in the
 * order they were first needed — so the same input gives the same module.
 */
export function lowerContract(program: TypedProgram, contract: ContractInfo, crypto: Crypto): LowerResult {
  const mod = new ModuleCx(program, contract, crypto);
  lowerDeploy(mod, contract);
  lowerMain(mod, contract);
  lowerHashType(mod);
  if (contract.init) lowerFunction(mod, contract.init);
  for (const fn of contract.fns) lowerFunction(mod, fn);
  return { module: { functions: [...mod.functions.values()], crypto }, diagnostics: mod.diagnostics };
}
