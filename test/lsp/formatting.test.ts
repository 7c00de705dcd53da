// textDocument/formatting over a real server: one whole-document edit that
// gives the formatter's output, nothing for formatted text, and nothing (not
// an error) for a file with syntax errors.
import { describe, expect, it } from "vitest";
import { expectFormatting, useLsp } from "./helpers.ts";

const lsp = useLsp();

describe("formatting", () => {
  it("formats the whole document, comments kept", async () => {
    const edits = await expectFormatting(
      lsp,
      "contract C{\n// the count\nstate n:u64;\npub fn bump(by:u64){self.n+=by;} // bump\n}",
      "contract C {\n    // the count\n    state n: u64;\n    pub fn bump(by: u64) {\n        self.n += by;\n    } // bump\n}\n",
    );
    expect(edits).toHaveLength(1);
    expect(edits[0]!.range.start).toEqual({ line: 0, character: 0 });
    expect(edits[0]!.range.end).toEqual({ line: 4, character: 1 });
  });

  it("answers no edits for text that is already formatted", async () => {
    const text = "contract C {\n    state n: u64;\n}\n";
    expect(await expectFormatting(lsp, text, text)).toEqual([]);
  });

  it("answers no edits, and no error, for a file with syntax errors", async () => {
    const broken = "contract C {\n    fn f() {\n        let x = ;\n    }\n}\n";
    expect(await expectFormatting(lsp, broken, broken)).toEqual([]);
    expect(lsp.stderr()).not.toContain("internal error");
    // the server is still there and formats the next document
    await expectFormatting(lsp, "struct P{x:u8}", "struct P { x: u8 }\n");
  });

  it("announces the capability", () => {
    expect(lsp.initialize.capabilities.documentFormattingProvider).toBe(true);
  });
});
