// The resolve pass: declarations → Info records, scopes and imports, type
// expressions → Types, and the meaning of every name in bodies. Pure.
//
//   collect       declarations into file and contract scopes (duplicates)
//   imports       `use std::a::{X}` / `import "./f.weft"` across the sources
//   decl-types    types of fields, states, params, results; ABI signatures
//   structs       recursive struct detection
//   placement     where maps may appear; map keys; constant types
//   bodies        names, paths and locals in bodies and initializers
import type * as ast from "../syntax/ast.ts";
import { sortDiagnostics } from "../diagnostics/index.ts";
import { ResolveContext } from "./context.ts";
import { collectDeclarations } from "./collect.ts";
import { resolveImports } from "./imports.ts";
import { computeSignatures, resolveDeclarationTypes } from "./decl-types.ts";
import { checkRecursiveStructs } from "./structs.ts";
import { checkPlacements } from "./placement.ts";
import { resolveBodies } from "./bodies.ts";
import type { Resolved } from "./resolved.ts";

export type { Resolved, Resolution, ItemSymbol, BuiltinFnName, EnvRoot } from "./resolved.ts";
export { mapInside, isMapKeyType } from "./placement.ts";
export * from "./fold.ts";
export { describe as describeResolution } from "./names.ts";

export function resolve(files: ast.SourceFile[]): Resolved {
  const ctx = new ResolveContext(files);
  collectDeclarations(ctx);
  resolveImports(ctx);
  resolveDeclarationTypes(ctx);
  checkRecursiveStructs(ctx);
  computeSignatures(ctx);
  checkPlacements(ctx);
  resolveBodies(ctx);
  reportUnusedImports(ctx);
  return {
    program: ctx.program,
    names: ctx.names,
    emits: ctx.emits,
    fnLocals: ctx.fnLocals,
    allConsts: ctx.allConsts,
    diagnostics: sortDiagnostics(ctx.bag.items),
  };
}

function reportUnusedImports(ctx: ResolveContext): void {
  for (const fs of ctx.files)
    for (const use of fs.importUses)
      if (!use.used)
        ctx.report("W0200", use.span, "unused import", {
          help: "remove it",
          fixes: [],
        });
}
