// Inlay hints over a real `weft lsp --stdio`: the inferred type after each
// name a `let` binds without an annotation and after `for` variables, the
// parameter name before a literal argument, and nothing outside the range.
import { describe, expect, it } from "vitest";
import type { InlayHint } from "vscode-languageserver/node.js";
import { useLsp, withDoc, type Doc } from "./helpers.ts";

const lsp = useLsp();

async function hints(text: string, range?: (doc: Doc) => { start: number; end: number }): Promise<{ doc: Doc; hints: InlayHint[] }> {
  return withDoc(lsp, text, async (doc) => {
    const r = range ? range(doc) : { start: 0, end: doc.text.length };
    const hints = ((await lsp.connection.sendRequest("textDocument/inlayHint", {
      textDocument: { uri: doc.uri },
      range: { start: doc.positionAt(r.start), end: doc.positionAt(r.end) },
    })) ?? []) as InlayHint[];
    return { doc, hints };
  });
}

/** Each hint as `label@text before it`, e.g. ": u256@let total". */
function shown(doc: Doc, hs: InlayHint[]): string[] {
  return hs.map((h) => {
    const at = doc.offsetAt(h.position);
    const line = doc.text.slice(doc.text.lastIndexOf("\n", at - 1) + 1, at).trim();
    return `${typeof h.label === "string" ? h.label : h.label.map((p) => p.value).join("")}@${line}`;
  });
}

const src = `contract Ledger {
    state balances: map<address, u256>;
    struct Entry { id: u64, amount: u128 }

    pub fn run(items: u64[]) -> u256 {
        let total = self.balances[msg.sender];
        let annotated: u8 = 1;
        let (a, b) = (true, msg.sender);
        let e = Entry { id: 1, amount: 2 };
        for (i, v) in items { }
        for k in 0..10 { }
        self.add(msg.sender, 5);
        return total;
    }

    fn add(who: address, amount: u256) { self.balances[who] += amount; }
}`;

describe("inlay hints", () => {
  it("shows the inferred types of let and for bindings, not of annotated ones", async () => {
    const { doc, hints: hs } = await hints(src);
    const types = shown(doc, hs.filter((h) => h.kind === 1));
    expect(types).toEqual([
      ": u256@let total",
      ": bool@let (a",
      ": address@let (a, b",
      ": Entry@let e",
      ": u32@for (i",
      ": u64@for (i, v",
      ": u256@for k",
    ]);
  });

  it("names the parameter of a literal argument", async () => {
    const { doc, hints: hs } = await hints(src);
    expect(shown(doc, hs.filter((h) => h.kind === 2))).toEqual(["amount:@self.add(msg.sender,"]);
  });

  it("answers only for the requested range", async () => {
    const { doc, hints: hs } = await hints(src, (d) => ({ start: d.text.indexOf("let e"), end: d.text.indexOf("for k") }));
    expect(shown(doc, hs)).toEqual([": Entry@let e", ": u32@for (i", ": u64@for (i, v"]);
  });

  it("still answers for a function that does not parse to the end", async () => {
    const { doc, hints: hs } = await hints(`contract C {\n    pub fn f() {\n        let n = 5 as u8;\n        self.\n    }\n}`);
    expect(shown(doc, hs)).toEqual([": u8@let n"]);
  });
});
