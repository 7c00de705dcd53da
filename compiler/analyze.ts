// The front end as one call: parse every source, resolve, type-check and
// analyse effects. No binaryen here: the language server and `weft check`
// stop at this point. Never throws; an internal failure becomes an E0900
// diagnostic so that a tool keeps running (and tests treat it as a bug).
import type { Diagnostic } from "./diagnostics/index.ts";
import { diagnostic, sortDiagnostics } from "./diagnostics/index.ts";
import type { SourceFile } from "./syntax/ast.ts";
import { parse } from "./syntax/index.ts";
import { check } from "./types/index.ts";
import { analyzeEffects, type FnEffects } from "./effects/index.ts";
import type { FnInfo, TypedProgram } from "./types/model.ts";

export interface Analysis {
  files: SourceFile[];
  program: TypedProgram | null;
  effects: Map<FnInfo, FnEffects> | null;
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

export function analyze(sources: Sources): Analysis {
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const paths = Object.keys(sources).sort();
  for (const path of paths) {
    try {
      const r = parse(path, sources[path]!);
      files.push(r.file);
      diagnostics.push(...r.diagnostics);
    } catch (e) {
      diagnostics.push(internalError(path, "the parser", e));
    }
  }
  let program: TypedProgram | null = null;
  let effects: Map<FnInfo, FnEffects> | null = null;
  try {
    const c = check(files);
    program = c.program;
    diagnostics.push(...c.diagnostics);
    const e = analyzeEffects(program);
    effects = e.effects;
    diagnostics.push(...e.diagnostics);
  } catch (e) {
    diagnostics.push(internalError(paths[0] ?? "<input>", "the checker", e));
  }
  return { files, program, effects, diagnostics: sortDiagnostics(diagnostics) };
}
