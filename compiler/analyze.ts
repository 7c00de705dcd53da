// The front end as one call: parse every source, resolve, type-check and
// analyse effects. No binaryen here: the language server and `weft check`
// stop at this point. Never throws; an internal failure becomes an E0900
// diagnostic so that a tool keeps running (and tests treat it as a bug).
import type { Diagnostic } from "./diagnostics/index.ts";
import { diagnostic, sortDiagnostics } from "./diagnostics/index.ts";
import type { Expr, SourceFile } from "./syntax/ast.ts";
import { parse, type ParseResult } from "./syntax/index.ts";
import { check } from "./types/index.ts";
import { analyzeEffects, type FnEffects } from "./effects/index.ts";
import type { FnInfo, TypedProgram } from "./types/model.ts";
import type { Resolution } from "./resolve/index.ts";

export interface Analysis {
  files: SourceFile[];
  program: TypedProgram | null;
  effects: Map<FnInfo, FnEffects> | null;
  /** What each name, path, `self.x`/`msg.x` member and struct literal name denotes (resolver's table; null if the checker failed). */
  names: Map<Expr, Resolution> | null;
  diagnostics: Diagnostic[];
}

/** Source texts by path; paths are how diagnostics and imports name files. */
export type Sources = Record<string, string>;

export function internalError(file: string, where: string, err: unknown): Diagnostic {
  const msg = err instanceof Error ? err.message : String(err);
  return diagnostic("E0900", { file, start: 0, end: 0 }, `internal compiler error in ${where}: ${msg}`, {
    help: "this is a bug in Weft; please report it with the source that caused it",
  });
}

export interface AnalyzeOptions {
  /**
   * Parses one file; defaults to `parse`. The language server passes a cache
   * so that an edit re-parses only the changed file (the AST is never mutated
   * by later passes, so a tree can be shared between analyses).
   */
  parse?: (path: string, text: string) => ParseResult;
}

export function analyze(sources: Sources, options: AnalyzeOptions = {}): Analysis {
  const parseFile = options.parse ?? parse;
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const paths = Object.keys(sources).sort();
  for (const path of paths) {
    try {
      const r = parseFile(path, sources[path]!);
      files.push(r.file);
      diagnostics.push(...r.diagnostics);
    } catch (e) {
      diagnostics.push(internalError(path, "the parser", e));
    }
  }
  let program: TypedProgram | null = null;
  let effects: Map<FnInfo, FnEffects> | null = null;
  let names: Map<Expr, Resolution> | null = null;
  try {
    const c = check(files);
    program = c.program;
    names = c.names;
    diagnostics.push(...c.diagnostics);
    const e = analyzeEffects(program);
    effects = e.effects;
    diagnostics.push(...e.diagnostics);
  } catch (e) {
    diagnostics.push(internalError(paths[0] ?? "<input>", "the checker", e));
  }
  return { files, program, effects, names, diagnostics: sortDiagnostics(diagnostics) };
}
