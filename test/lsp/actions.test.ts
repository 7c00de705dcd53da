// Code actions over a real `weft lsp --stdio`: the compiler's "did you mean"
// and other fixes as QuickFixes linked to their diagnostic, and "import it"
// for an unknown name that a std module or a file beside the document
// declares (a new import line, or a name added to an existing `use` list).
import { describe, expect, it } from "vitest";
import type { CodeAction } from "vscode-languageserver/node.js";
import { applyEdits, collectEdits, useLsp, withDoc, type Doc } from "./helpers.ts";

const lsp = useLsp();

/** Code actions for the whole document, with the client's diagnostics as context; returns each action with its result text. */
async function actions(text: string, opts: { files?: Record<string, string> } = {}): Promise<{ action: CodeAction; result: string }[]> {
  for (const [name, t] of Object.entries(opts.files ?? {})) lsp.writeFile(name, t);
  return withDoc(lsp, text, async (doc: Doc) => {
    const diagnostics = await lsp.diagnostics(doc);
    const end = doc.positionAt(doc.text.length);
    const got = ((await lsp.connection.sendRequest("textDocument/codeAction", {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end },
      context: { diagnostics },
    })) ?? []) as CodeAction[];
    return got.map((action) => ({ action, result: applyEdits(doc, collectEdits(action.edit!)[doc.uri] ?? []) }));
  });
}

describe("quick fixes from diagnostics", () => {
  it("replaces a misspelt state variable, linked to its diagnostic", async () => {
    const src = `contract C {\n    state balances: map<address, u256>;\n    pub fn get(w: address) -> u256 { return self.balnces[w]; }\n}`;
    const got = await actions(src);
    const fix = got.find((g) => g.action.title === "replace with `balances`")!;
    expect(fix, JSON.stringify(got.map((g) => g.action.title))).toBeDefined();
    expect(fix.action.kind).toBe("quickfix");
    expect(fix.action.diagnostics?.[0]?.code).toBe("E0212");
    expect(fix.result).toContain("return self.balances[w];");
  });

  it("reaches a state variable through self", async () => {
    const src = `contract C {\n    state total: u256;\n    pub fn get() -> u256 { return totl; }\n}`;
    const got = await actions(src);
    expect(got.map((g) => g.result)).toContainEqual(expect.stringContaining("return self.total;"));
  });

  it("makes a local mutable", async () => {
    const src = `contract C {\n    pub fn f() -> u256 { let n = 1; n = 2; return n; }\n}`;
    const got = await actions(src);
    const fix = got.find((g) => g.action.title === "make it mutable")!;
    expect(fix.result).toContain("let mut n = 1;");
  });
});

describe("add a missing import", () => {
  it("imports a name a std module declares, after the existing imports", async () => {
    const src = `use std::token::*;\n\ncontract C {\n    pub fn f(o: Owned) {}\n}`;
    const got = await actions(src);
    const fix = got.find((g) => g.action.title === "Import `Owned` from std::access")!;
    expect(fix, JSON.stringify(got.map((g) => g.action.title))).toBeDefined();
    expect(fix.result).toBe(`use std::token::*;\nuse std::access::{Owned};\n\ncontract C {\n    pub fn f(o: Owned) {}\n}`);
  });

  it("adds the name to an existing use list of that module", async () => {
    const src = `use std::access::{NotOwner};\n\ncontract C {\n    pub fn f(o: Owned) { revert NotOwner(msg.sender); }\n}`;
    const got = await actions(src);
    const fix = got.find((g) => g.action.title === "Import `Owned` from std::access")!;
    expect(fix.result.split("\n")[0]).toBe("use std::access::{NotOwner, Owned};");
  });

  it("inserts at the top of a file without imports", async () => {
    const got = await actions(`contract C {\n    pub fn f() { revert NotOwner(msg.sender); }\n}`);
    const fix = got.find((g) => g.action.title === "Import `NotOwner` from std::access")!;
    expect(fix.result.startsWith("use std::access::{NotOwner};\n\ncontract C {")).toBe(true);
  });

  it("imports a file beside the document that declares the name", async () => {
    const got = await actions(`contract C {\n    pub fn f(p: Point) {}\n}`, { files: { "geometry.weft": "struct Point { x: u32, y: u32 }\n" } });
    const fix = got.find((g) => g.action.title === 'Import `Point` from "./geometry.weft"')!;
    expect(fix, JSON.stringify(got.map((g) => g.action.title))).toBeDefined();
    expect(fix.result.startsWith('import "./geometry.weft";\n\ncontract C')).toBe(true);
  });

  it("offers nothing for a name nobody declares", async () => {
    const got = await actions(`contract C {\n    pub fn f(p: Nowhere) {}\n}`);
    expect(got.filter((g) => g.action.title.startsWith("Import"))).toEqual([]);
  });
});
