// Environment reads (`msg.sender`, `block.number`, …). A function that
// reads the same one more than once reads it once, at entry, into a local:
// the values cannot change during a call, and each read is a host call.
import type * as ast from "../syntax/ast.ts";
import type { EnvName as ModelEnv } from "../types/model.ts";
import type { FnCx } from "./context.ts";
import type { EnvName, Expr, IrType } from "./ir.ts";
import { E } from "./ir.ts";
import { walk } from "./walk.ts";

/** The IR type the runtime produces for an env value. */
export function envType(name: EnvName): IrType {
  return name === "block.number" || name === "block.timestamp" ? { k: "int", bits: 64, signed: false } : { k: "bytes", of: "address" };
}

export function envValue(fx: FnCx, name: ModelEnv): Expr {
  const cached = fx.envCache.get(name);
  return cached ? E.local(cached) : { k: "env", name };
}

/** Caches env values read at least twice in `body` (statements go at function entry). */
export function cacheEnv(fx: FnCx, body: ast.Block): void {
  const counts = new Map<ModelEnv, number>();
  walk(body, (n) => {
    if (n.kind === "Member" || n.kind === "Name") {
      const ref = fx.program.refs.get(n as ast.Expr);
      if (ref?.kind === "env") counts.set(ref.name, (counts.get(ref.name) ?? 0) + 1);
    }
  });
  for (const [name, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (count < 2) continue;
    const l = fx.temp(envType(name), name.replace(".", "_"));
    fx.body.push({ k: "set", local: l.index, value: { k: "env", name } });
    fx.envCache.set(name, l);
  }
}

