// Golden tests of the formatter, one construct family per case: each
// test/format/cases/<name>.weft is formatted and compared with <name>.out
// beside it, and formatting that output again must change nothing.
// Regenerate with `npx vitest run test/format/cases.test.ts -u` and review the diff.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { formatWeft } from "../../lsp/format/format.ts";

const dir = new URL("./cases/", import.meta.url);

describe("formatter cases", () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".weft")).sort()) {
    it(name, async () => {
      const out = await formatWeft(readFileSync(new URL(name, dir), "utf8"), { path: name });
      await expect(out).toMatchFileSnapshot(`./cases/${name.replace(/\.weft$/, ".out")}`);
      expect(await formatWeft(out, { path: name })).toBe(out);
    });
  }
});
