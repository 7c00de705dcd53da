// Rename over a real server: every reference edited, and the refusals —
// keywords, built-ins, std names, bad or clashing new names.
import { describe, expect, it } from "vitest";
import { collectEdits, expectRename, useLsp, withDoc } from "./helpers.ts";

const lsp = useLsp();

describe("rename", () => {
  it("renames a state variable everywhere", async () => {
    await expectRename(lsp, `contract C { state <|n|>: u64; pub fn inc() { self.<|n|> += 1; } pub fn get() -> u64 { return self.<|<|>n|>; } }`, "count");
  });

  it("renames a parameter but not a same-named state variable", async () => {
    await expectRename(lsp, `contract C { state x: u64; pub fn f(<|<|>x|>: u64) -> u64 { return <|x|> + self.x; } }`, "y");
  });

  it("renames a declaration used in another file", async () => {
    const libUri = lsp.writeFile("lib-rename.weft", "struct Point { x: u64, y: u64 }\nstruct Line { a: Point, b: Point }\n");
    const edit = await withDoc(lsp, `import "./lib-rename.weft";\ncontract C { state p: Po<|>int; }`, async (doc) =>
      lsp.connection.sendRequest("textDocument/rename", { textDocument: { uri: doc.uri }, position: doc.position, newName: "Pt" }),
    );
    const edits = collectEdits(edit as never);
    expect(edits[libUri]?.length).toBe(3);
  });

  it("answers prepareRename with the name's range", async () => {
    await withDoc(lsp, `contract C { state <|<|>n|>: u64; }`, async (doc) => {
      const r = await lsp.connection.sendRequest("textDocument/prepareRename", { textDocument: { uri: doc.uri }, position: doc.position });
      expect(r).toEqual({ range: doc.lspRanges[0], placeholder: "n" });
    });
  });

  it("refuses keywords and built-ins", async () => {
    await expectRename(lsp, `contract C { pub f<|>n f() {} }`, "g", { error: /`fn` is a keyword/ });
    await expectRename(lsp, `contract C { state n: u64; pub fn f() -> u64 { return se<|>lf.n; } }`, "me", { error: /`self` is built into the language/ });
    await expectRename(lsp, `contract C { pub fn f() -> address { return m<|>sg.sender; } }`, "m", { error: /`msg` is built into the language/ });
    await expectRename(lsp, `contract C { pub fn f() { requ<|>ire(true, "x"); } }`, "req", { error: /built into the language/ });
  });

  it("refuses names from std modules", async () => {
    await expectRename(lsp, `use std::access::{NotOwner};\ncontract C { pub fn f() { revert Not<|>Owner(msg.sender); } }`, "Nope", {
      error: /std module std::access, which is read-only/,
    });
  });

  it("refuses new names that are not identifiers, are keywords, or clash", async () => {
    const src = `contract C { state n: u64; state m: u64; fn g() {} pub fn f(a: u64) { let b = a; self.<|>n = b; } }`;
    await expectRename(lsp, src, "1x", { error: /not an identifier/ });
    await expectRename(lsp, src, "while", { error: /`while` is a keyword/ });
    await expectRename(lsp, src, "m", { error: /already declared in the same scope/ });
    await expectRename(lsp, src, "g", { error: /already declared in the same scope/ });
    await expectRename(lsp, src.replace("self.<|>n = b", "self.n = <|>b"), "a", { error: /already declared in the same scope/ });
  });
});
