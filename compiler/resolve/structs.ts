// Recursive structs: a struct that contains itself (directly, or through
// other structs, arrays, tuples or maps) has no finite encoding, so it is an
// error. Each cycle is reported once, at the field that closes it; that
// field's type becomes the error type so later passes never loop on it.
import type { StructInfo, Type } from "../types/model.ts";
import type { ResolveContext } from "./context.ts";

export function checkRecursiveStructs(ctx: ResolveContext): void {
  const all = [...ctx.program.structs, ...ctx.program.contracts.flatMap((c) => c.structs)];
  for (const s of all) {
    for (let i = 0; i < s.fields.length; i++) {
      const field = s.fields[i]!;
      const path = pathTo(field.type, s, new Set());
      if (!path) continue;
      const decl = s.decl.fields[i]!;
      const via = path.length > 0 ? ` through ${path.map((p) => `\`${p.name}\``).join(" → ")}` : "";
      ctx.report("E0206", decl.name.span, `the struct \`${s.name}\` contains itself${via}`, {
        label: `\`${field.name}\` leads back to \`${s.name}\``,
        secondary: [{ span: s.decl.name.span, message: `struct \`${s.name}\` declared here` }],
        help: "a struct cannot contain itself, not even through arrays or maps; keep an id (e.g. `u64`) and look the value up in a `map`",
      });
      field.type = { kind: "error" };
    }
  }
}

/** The structs passed through on the way from `t` to `target`, or null if `target` is not reachable. */
function pathTo(t: Type, target: StructInfo, visiting: Set<StructInfo>): StructInfo[] | null {
  switch (t.kind) {
    case "struct": {
      if (t.info === target) return [];
      if (visiting.has(t.info)) return null;
      visiting.add(t.info);
      for (const f of t.info.fields) {
        const p = pathTo(f.type, target, visiting);
        if (p) return [t.info, ...p];
      }
      return null;
    }
    case "array":
      return pathTo(t.elem, target, visiting);
    case "tuple":
      for (const e of t.elems) {
        const p = pathTo(e, target, visiting);
        if (p) return p;
      }
      return null;
    case "map":
      return pathTo(t.key, target, visiting) ?? pathTo(t.value, target, visiting);
    default:
      return null;
  }
}
