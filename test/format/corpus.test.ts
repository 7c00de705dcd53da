// The formatter on every real Weft file we have: the examples, the standard
// library and every golden case of the compiler that parses without errors.
// For each: the output parses to the same tree as the input (spans aside),
// and formatting the output again changes nothing.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { dumpAst, parse } from "../../compiler/syntax/index.ts";
import { formatWeft } from "../../lsp/format/format.ts";

const repo = new URL("../../", import.meta.url).pathname;

function* weftFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* weftFiles(full);
    else if (name.endsWith(".weft")) yield full;
  }
}

/** The tree without spans (offsets move when the layout changes). */
const shape = (path: string, text: string) => dumpAst(parse(path, text).file).replace(/@\d+\.\.\d+/g, "");

const files = ["examples", "stdlib", "test/golden", "test/fuzz/corpus"]
  .flatMap((d) => [...weftFiles(join(repo, d))])
  .map((f) => ({ path: relative(repo, f), text: readFileSync(f, "utf8") }))
  .filter((f) => !parse(f.path, f.text).diagnostics.some((d) => d.severity === "error"));

describe("formatter on the corpus", () => {
  it("has the examples and golden cases to work on", () => {
    expect(files.filter((f) => f.path.startsWith("examples/")).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.path.startsWith("test/golden/")).length).toBeGreaterThan(100);
  });

  for (const { path, text } of files) {
    it(path, async () => {
      const once = await formatWeft(text, { path });
      expect(shape(path, once)).toBe(shape(path, text));
      expect(await formatWeft(once, { path })).toBe(once);
    });
  }
});
