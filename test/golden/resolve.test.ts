// Golden tests of the resolve pass: every test/golden/resolve/*.weft is parsed
// and resolved; the dump (declarations with resolved types, then what every
// name denotes) and the rendered diagnostics of the pass(es) are compared with the `.out`
// file beside it. A case may hold several sources, each introduced by a line
// `// @file <path>` (the standard library as `std/….weft`). Regenerate with
// `vitest run -u` and review the diff.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "../../compiler/syntax/index.ts";
import { renderText } from "../../compiler/diagnostics/index.ts";
import { resolve } from "../../compiler/resolve/index.ts";
import { dumpResolved } from "../../compiler/resolve/dump.ts";

const dir = new URL("./resolve/", import.meta.url);

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

describe("golden: resolve", () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".weft")).sort()) {
    it(name, async () => {
      const sources = sourcesOf(name, readFileSync(new URL(name, dir), "utf8"));
      const parsed = Object.entries(sources).map(([path, text]) => parse(path, text));
      const r = resolve(parsed.map((p) => p.file));
      const syntax = syntaxSummary(parsed.flatMap((p) => p.diagnostics));
      const text = `${dumpResolved(r, sources)}\n${syntax}== diagnostics\n${renderText(r.diagnostics, sources)}`;
      await expect(text).toMatchFileSnapshot(`./resolve/${name.replace(/\.weft$/, ".out")}`);
    });
  }
});
