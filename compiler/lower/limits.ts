// Static limits the code generator can know: a value whose memory form
// cannot fit FISCO's 64 MiB of linear memory (a fixed-size array of a huge
// size, possibly inside structs and tuples) is reported with E0502 instead
// of failing at run time on every call. Other limits (a storage value over
// 16 KiB, call data size) depend on run-time values and are not reported.
import type * as ast from "../syntax/ast.ts";
import type { FnInfo, Type } from "../types/model.ts";
import { typeToString } from "../types/model.ts";
import type { ModuleCx } from "./context.ts";
import { walk } from "./walk.ts";

/** FISCO caps linear memory at 1024 pages of 64 KiB. */
export const MAX_MEMORY = 1024 * 0x10000;

/** Bytes a value of type `t` occupies in memory (dynamic arrays: their header only). */
export function memoryFootprint(t: Type, seen = new Set<unknown>()): number {
  switch (t.kind) {
    case "array":
      if (t.size === null) return 8;
      return t.size * Math.max(8, memoryFootprint(t.elem, seen));
    case "tuple":
      return t.elems.reduce((n, e) => n + 8 + memoryFootprint(e, seen), 0);
    case "struct": {
      if (seen.has(t.info)) return 0;
      seen.add(t.info);
      const n = t.info.fields.reduce((acc, f) => acc + 8 + memoryFootprint(f.type, seen), 0);
      seen.delete(t.info);
      return n;
    }
    case "int":
      return t.bits > 64 ? 32 : 8;
    case "bytesN":
      return 32;
    default:
      return 8;
  }
}

/**
 * Reports values of `fn` that cannot fit in memory: parameters, the result,
 * local bindings and literals (a storage path such as `self.big[i]` is not
 * a memory value). Once per type. True when there were any.
 */
export function checkMemoryLimits(mod: ModuleCx, fn: FnInfo): boolean {
  const reported = new Set<string>();
  let found = false;
  const check = (t: Type, span: ast.Span) => {
    if (t.kind === "map") return;
    const size = memoryFootprint(t);
    if (size <= MAX_MEMORY) return;
    const key = typeToString(t);
    if (reported.has(key)) return;
    reported.add(key);
    found = true;
    mod.error(
      "E0502",
      span,
      `a value of type \`${typeToString(t)}\` needs ${size} bytes of memory; a FISCO Wasm contract has at most ${MAX_MEMORY} (64 MiB)`,
      "keep large collections in storage (a map, or an array read element by element) or use a dynamic array",
    );
  };
  for (const p of fn.params) check(p.type, p.decl.span);
  const decl = fn.decl;
  check(fn.returns, decl.kind === "Fn" && decl.returns ? decl.returns.span : decl.span);
  if (decl.body) {
    walk(decl.body, (n) => {
      if (n.kind === "Ident") {
        const local = mod.program.locals.get(n);
        if (local) check(local.type, n.span);
      } else if (n.kind === "ArrayLit" || n.kind === "StructLit" || n.kind === "Tuple") {
        const t = mod.program.types.get(n);
        if (t) check(t, n.span);
      }
    });
  }
  return found;
}
