// Golden tests of the effects pass: every test/golden/effects/*.weft is
// parsed, checked and analysed; the per-function summaries (state read and
// written, events, external and internal calls) and the rendered diagnostics of the pass(es)
// of all passes are compared with the `.out` file beside it. A case may hold
// several sources, each introduced by `// @file <path>`. Regenerate with
// `vitest run -u` and review the diff.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "../../compiler/syntax/index.ts";
import { renderText, sortDiagnostics } from "../../compiler/diagnostics/index.ts";
import { check } from "../../compiler/types/index.ts";
import { analyzeEffects } from "../../compiler/effects/index.ts";
import { dumpEffects } from "../../compiler/effects/dump.ts";

const dir = new URL("./effects/", import.meta.url);

/** The sources of one case: split at `// @file <path>` lines, or the whole file named after the case. */
function sourcesOf(name: string, text: string): Record<string, string> {
  const parts = text.split(/^\/\/ @file (\S+)[^\n]*\n/m);
  if (parts.length === 1) return { [name]: text };
  const out: Record<string, string> = {};
  for (let i = 1; i < parts.length; i += 2) out[parts[i]!] = parts[i + 1]!;
  return out;
}

/**
 * Syntax errors only as their codes: the parser's own golden tests own their
 * wording, and this keeps these files stable when it changes.
 */
function syntaxSummary(diagnostics: { code: string }[]): string {
  return diagnostics.length ? `== syntax errors: ${diagnostics.map((d) => d.code).join(", ")}\n` : "";
}

describe("golden: effects", () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".weft")).sort()) {
    it(name, async () => {
      const sources = sourcesOf(name, readFileSync(new URL(name, dir), "utf8"));
      const parsed = Object.entries(sources).map(([path, text]) => parse(path, text));
      const checked = check(parsed.map((p) => p.file));
      const { effects, diagnostics } = analyzeEffects(checked.program);
      const syntax = syntaxSummary(parsed.flatMap((p) => p.diagnostics));
      const all = sortDiagnostics([...checked.diagnostics, ...diagnostics]);
      const text = `${dumpEffects(checked.program, effects)}\n${syntax}== diagnostics\n${renderText(all, sources)}`;
      await expect(text).toMatchFileSnapshot(`./effects/${name.replace(/\.weft$/, ".out")}`);
    });
  }
});
