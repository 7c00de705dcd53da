// One IR function → one Wasm function. IR locals keep their indices
// (parameters first); scratch locals requested by emitters follow them.
import type { IrFunction } from "../../lower/ir.ts";
import { reprOf } from "../../lower/ir.ts";
import type { Gen } from "./context.ts";
import { FnEmitter } from "./context.ts";
import { stmts } from "./stmt.ts";

export function emitFunction(gen: Gen, fn: IrFunction): void {
  const f = new FnEmitter(gen, fn.params.map((p) => reprOf(p.type)), fn);
  const body = stmts(f, fn.body);
  // A function with a result cannot fall off its end (the checker proves a
  // return on every path); `unreachable` tells the validator so.
  if (fn.result) body.push(gen.mod.unreachable());
  const result = fn.result ? reprOf(fn.result) : "none";
  const names = [...fn.params, ...fn.locals].map((l) => l.name);
  for (let i = names.length; i < f.params.length + f.vars.length; i++) names.push(`tmp.${i}`);
  gen.mod.addFunction(fn.name, f.params, result, f.vars, gen.mod.block(null, body), names);
  gen.generated.push(fn.name);
}
