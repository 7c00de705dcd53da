// Golden tests of the syntax pass: every test/golden/syntax/*.weft is parsed;
// the AST dump (compiler/syntax/dump.ts) and the rendered diagnostics are
// compared with the `.out` file beside it. Regenerate with `vitest run -u`
// and review the diff; never edit an `.out` file by hand.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { dumpAst, parse } from "../../compiler/syntax/index.ts";
import { renderText } from "../../compiler/diagnostics/index.ts";
import { syntaxCodes } from "../../compiler/diagnostics/codes/syntax.ts";

const dir = new URL("./syntax/", import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".weft"))
  .sort();

describe("golden: syntax", () => {
  const seen = new Set<string>();

  for (const name of cases) {
    it(name, async () => {
      const text = readFileSync(new URL(name, dir), "utf8");
      const r = parse(name, text);
      for (const d of r.diagnostics) seen.add(d.code);
      const rendered = r.diagnostics.length ? renderText(r.diagnostics, { [name]: text }) : "(none)\n";
      const out = `${dumpAst(r.file)}\n== diagnostics\n${rendered}`;
      await expect(out).toMatchFileSnapshot(`./syntax/${name.replace(/\.weft$/, ".out")}`);
    });
  }

  it("has at least 50 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it("exercises every syntax diagnostic code", () => {
    const missing = syntaxCodes.filter((c) => !seen.has(c.code)).map((c) => `${c.code} ${c.title}`);
    expect(missing).toEqual([]);
  });
});
