// The shared shape of the semantic passes' golden tests: every
// test/golden/<pass>/*.weft is parsed and run through the passes up to
// <pass>; the pass's dump, the syntax error codes (their wording belongs to
// the syntax goldens) and the rendered diagnostics are compared with the
// `.out` file beside it. A case may hold several sources, each introduced by
// a line `// @file <path>` (the standard library as `std/….weft`).
// Regenerate with `vitest run -u` and review the diff.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "../../compiler/syntax/index.ts";
import { renderText, sortDiagnostics, type Diagnostic } from "../../compiler/diagnostics/index.ts";
import type { SourceFile } from "../../compiler/syntax/ast.ts";

/** The sources of one case: split at `// @file <path>` lines, or the whole file named after the case. */
export function sourcesOf(name: string, text: string): Record<string, string> {
  const parts = text.split(/^\/\/ @file (\S+)[^\n]*\n/m);
  if (parts.length === 1) return { [name]: text };
  const out: Record<string, string> = {};
  for (let i = 1; i < parts.length; i += 2) out[parts[i]!] = parts[i + 1]!;
  return out;
}

function syntaxSummary(diagnostics: { code: string }[]): string {
  return diagnostics.length ? `== syntax errors: ${diagnostics.map((d) => d.code).join(", ")}\n` : "";
}

export interface PassOutput {
  dump: string;
  diagnostics: Diagnostic[];
}

/** Registers one golden test per case of `pass`; `run` takes the parsed files and gives the dump and the diagnostics. */
export function goldenSuite(pass: string, run: (files: SourceFile[], sources: Record<string, string>) => PassOutput): void {
  const dir = new URL(`./${pass}/`, import.meta.url);
  describe(`golden: ${pass}`, () => {
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".weft")).sort()) {
      it(name, async () => {
        const sources = sourcesOf(name, readFileSync(new URL(name, dir), "utf8"));
        const parsed = Object.entries(sources).map(([path, text]) => parse(path, text));
        const out = run(
          parsed.map((p) => p.file),
          sources,
        );
        const syntax = syntaxSummary(parsed.flatMap((p) => p.diagnostics));
        const text = `${out.dump}\n${syntax}== diagnostics\n${renderText(sortDiagnostics(out.diagnostics), sources)}`;
        await expect(text).toMatchFileSnapshot(`./${pass}/${name.replace(/\.weft$/, ".out")}`);
      });
    }
  });
}
