// Comments anywhere: a comment is put into the golden cases at many places
// and the formatter must keep it (exactly once), keep the program, and give a
// result that formatting again leaves as it is. `/* */` goes before every
// token; `//` after every `;`, `{`, `}`, `,` and `(` (where people write them).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { tokenize } from "../../compiler/syntax/index.ts";
import { formatWeft } from "../../lsp/format/format.ts";

const dir = new URL("./cases/", import.meta.url);
const marker = "QQZ";

/** Each text with one comment inserted at one of `offsets`. */
function variants(text: string, offsets: number[], comment: string): string[] {
  return offsets.map((at) => text.slice(0, at) + comment + text.slice(at));
}

async function expectKeptAndStable(name: string, texts: string[]): Promise<void> {
  for (const src of texts) {
    const once = await formatWeft(src, { path: name }); // throws if the program changed
    expect(once.split(marker).length - 1, src).toBe(1);
    expect(await formatWeft(once, { path: name }), src).toBe(once);
  }
}

describe("comments anywhere", () => {
  for (const name of ["statements.weft", "expressions.weft"]) {
    it(`/* */ before every token of ${name}`, async () => {
      const text = readFileSync(new URL(name, dir), "utf8");
      const starts = tokenize(text).filter((t) => t.category !== "comment").map((t) => t.start);
      await expectKeptAndStable(name, variants(text, starts, `/* ${marker} */ `));
    });
  }

  for (const name of ["declarations.weft", "statements.weft", "expressions.weft", "types.weft"]) {
    it(`// after every ; { } , ( of ${name}`, async () => {
      const text = readFileSync(new URL(name, dir), "utf8");
      const ends = tokenize(text)
        .filter((t) => [";", "{", "}", ",", "("].includes(text.slice(t.start, t.end)))
        .map((t) => t.end);
      await expectKeptAndStable(name, variants(text, ends, ` // ${marker}\n`));
    });
  }
});
