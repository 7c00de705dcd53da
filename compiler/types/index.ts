// The front end's semantic entry point: resolve, then type check. Returns
// the TypedProgram (see model.ts) and every diagnostic of both passes in a
// stable order. Pure; never throws on any AST.
import type * as ast from "../syntax/ast.ts";
import { sortDiagnostics, type Diagnostic } from "../diagnostics/index.ts";
import { resolve } from "../resolve/index.ts";
import { checkProgram } from "./checker.ts";
import type { Resolution } from "../resolve/index.ts";
import type { TypedProgram } from "./model.ts";

export interface CheckResult {
  program: TypedProgram;
  diagnostics: Diagnostic[];
  /** The resolver's meaning of each name, path, `self.x`/`msg.x` member and struct literal name (for the language server). */
  names: Map<ast.Expr, Resolution>;
}

export function check(files: ast.SourceFile[]): CheckResult {
  const resolved = resolve(files);
  const diagnostics = checkProgram(resolved);
  return {
    program: resolved.program,
    diagnostics: sortDiagnostics([...resolved.diagnostics, ...diagnostics]),
    names: resolved.names,
  };
}

export { castAllowed } from "./casts.ts";
export * from "./model.ts";
