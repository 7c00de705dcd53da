// Diagnostics as you type, over a real `weft lsp --stdio`: codes, ranges,
// severities, the Unnecessary tag, re-publishing after edits, files that
// import a changed one, and broken code that still gets an answer.
import { describe, expect, it } from "vitest";
import { expectDiagnostics, useLsp, withDoc } from "./helpers.ts";

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

describe("diagnostics as you type", () => {
  it("marks warnings as Warning and unused things as Unnecessary", async () => {
    const [d] = await expectDiagnostics(lsp, `contract C { pub fn f() { let <|x|> = 1; } }`, [{ code: "W0301", severity: "warning" }]);
    expect(d!.tags).toEqual([1]); // DiagnosticTag.Unnecessary
  });

  it("carries secondary labels as related information", async () => {
    const [d] = await expectDiagnostics(lsp, `contract C { state n: u64; pub fn f() -> u64 { return <|n|>; } }`, [{ code: "E0211", message: "help: write `self.n`" }]);
    expect(d!.relatedInformation?.[0]?.message).toBe("state variable declared here");
  });

  it("re-publishes after incremental edits", async () => {
    await withDoc(lsp, `contract C { state n: u64; pub fn get() -> u64 { return self.m; } }`, async (doc) => {
      expect((await lsp.diagnostics(doc)).map((d) => d.code)).toEqual(["E0212"]);
      const at = doc.text.indexOf("self.m") + 5;
      await lsp.edit(doc, at, at + 1, "n");
      expect(await lsp.diagnostics(doc)).toEqual([]);
      await lsp.edit(doc, 0, 0, "}}} ");
      expect((await lsp.diagnostics(doc)).length).toBeGreaterThan(0);
    });
  });

  it("updates a document when a file it imports changes", async () => {
    const lib = await lsp.open(`struct Point { x: u64 }`, "point-lib.weft");
    await withDoc(lsp, `import "./point-lib.weft";\ncontract C { pub fn f(p: Point) -> u64 { return p.x; } }`, async (doc) => {
      expect(await lsp.diagnostics(doc)).toEqual([]);
      await lsp.edit(lib, lib.text.indexOf("x:"), lib.text.indexOf("x:") + 1, "y");
      // The importing document's version is unchanged; wait for its new publication.
      const deadline = Date.now() + 10_000;
      let codes: (string | number | undefined)[] = [];
      while (Date.now() < deadline && codes.length === 0) {
        await new Promise((r) => setTimeout(r, 50));
        codes = (await lsp.diagnostics(doc)).map((d) => d.code);
      }
      expect(codes).toEqual(["E0307"]); // no field `x` on `Point`
    });
    await lsp.close(lib);
  });

  it("never crashes: garbage gets diagnostics and the server keeps answering", async () => {
    for (const text of ["}{)(", "contract", "\u0000\uffff😀 fn fn fn", "contract C { pub fn f() { let x = (((((((((((1; } }"]) {
      await withDoc(lsp, text, async (doc) => {
        expect((await lsp.diagnostics(doc)).length).toBeGreaterThan(0);
        for (const method of ["textDocument/hover", "textDocument/definition", "textDocument/references"])
          await lsp.connection.sendRequest(method, { textDocument: { uri: doc.uri }, position: { line: 0, character: 3 }, context: { includeDeclaration: true } });
        await lsp.connection.sendRequest("textDocument/semanticTokens/full", { textDocument: { uri: doc.uri } });
      });
    }
    await expectDiagnostics(lsp, `contract C {}`, []);
  });
});
