// What the code generator cannot do, reported before lowering a function:
//   E0500  a value that holds a map used as a whole (`let b = self.book;`
//          where `book` has a map field): maps live only in storage, their
//          keys cannot be enumerated, so such a value cannot be copied into
//          memory;
//   E0501  a value whose memory form cannot fit FISCO's 64 MiB of linear
//          memory (a huge fixed-size array, possibly inside structs).
// Other limits (a storage value over 16 KiB, call data size) depend on
// run-time values and are not reported.
import type * as ast from "../syntax/ast.ts";
import type { CallTarget, FnInfo, Type } from "../types/model.ts";
import { typeToString } from "../types/model.ts";
import type { ModuleCx } from "./context.ts";
import { walk } from "./walk.ts";
import { containsMap } from "./storage.ts";

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
      "E0501",
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

/**
 * Reports expressions that would copy a map-holding value into memory. Such
 * a value may only be the object of a further path step (`self.book.count`,
 * `self.books[k]`) or the receiver of a storage method. True when any.
 */
export function checkStorageOnly(mod: ModuleCx, fn: FnInfo): boolean {
  const body = fn.decl.body;
  if (!body) return false;
  const program = mod.program;
  const pathObjects = new Set<ast.Expr>();
  walk(body, (n) => {
    if (n.kind === "Member" || n.kind === "Index") pathObjects.add(n.object);
    if (n.kind === "Call") {
      const target: CallTarget | undefined = program.calls.get(n);
      // `a.pop()` of an element holding a map is reported by the lowering (E0500).
      if (target?.kind === "method" && target.name === "pop") pathObjects.add(n);
    }
  });
  let found = false;
  walk(body, (n) => {
    if (n.kind === "Ident" || n.kind === "Block") return;
    const t = program.types.get(n as ast.Expr);
    if (!t || !containsMap(t) || pathObjects.has(n as ast.Expr)) return;
    found = true;
    mod.error(
      "E0500",
      n.span,
      `\`${typeToString(t)}\` holds a map, which lives only in storage: this value cannot be used as a whole`,
      "use its parts instead (a field, an entry, an element), e.g. `self.book.count` or `self.book.pages[k]`",
    );
  });
  return found;
}
