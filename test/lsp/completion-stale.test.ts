// Completion right after an edit, without re-analysis (completion-stale.ts):
// in process, the Workspace's `analyses` counter tells whether a completion
// re-analysed; over JSON-RPC, the server answers typing in a function body.
// The property: after random edits, completion from the last snapshot gives
// the same labels as completion from a fresh snapshot at the same position.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CompletionItem } from "vscode-languageserver";
import { Workspace } from "../../lsp/server/workspace.ts";
import { completion } from "../../lsp/server/features/completion.ts";
import { completionFrom } from "../../lsp/server/features/completion-stale.ts";
import { useLsp } from "./helpers.ts";

const URI = "file:///ws/token.weft";
const TOKEN = readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8");

/** A workspace with `text` open and analysed once (as the diagnostics timer does after opening). */
function analysed(text: string): Workspace {
  const ws = new Workspace();
  ws.open(URI, text, 1);
  ws.snapshot();
  return ws;
}

/** Inserts `text` at `offset` of the open document (one incremental change). */
function insert(ws: Workspace, offset: number, text: string, remove = 0): void {
  const doc = ws.document(URI)!;
  const range = { start: doc.doc.positionAt(offset), end: doc.doc.positionAt(offset + remove) };
  ws.change(URI, [{ range, text }], doc.version + 1);
}

/** Completion at `offset` of the current text, through the path the server takes; returns the labels and whether it re-analysed. */
function complete(ws: Workspace, offset: number): { labels: string[]; reanalysed: boolean } {
  const before = ws.analyses;
  const items = completionFrom(ws, { textDocument: { uri: URI }, position: ws.document(URI)!.doc.positionAt(offset) });
  return { labels: items.map((i) => i.label), reanalysed: ws.analyses > before };
}

const after = (text: string, marker: string) => text.indexOf(marker) + marker.length;

describe("completion from the last snapshot", () => {
  it("answers typing inside a function body from the last snapshot, with the contract's members", () => {
    const ws = analysed(TOKEN);
    const at = after(TOKEN, "self.supply += amount;\n");
    insert(ws, at, "        self.");
    const r = complete(ws, at + "        self.".length);
    expect(r.reanalysed).toBe(false);
    expect(r.labels).toEqual(expect.arrayContaining(["supply", "balances", "issuer", "transfer", "move", "address"]));
  });

  it("re-analyses after an edit that adds a state variable above the function, and offers it", () => {
    const ws = analysed(TOKEN);
    insert(ws, after(TOKEN, "state issuer: address;\n"), "    state paused: bool;\n");
    const text = ws.document(URI)!.doc.getText();
    const at = after(text, "self.supply += amount;\n");
    insert(ws, at, "self.");
    const r = complete(ws, at + 5);
    expect(r.reanalysed).toBe(true);
    expect(r.labels).toContain("paused");
  });

  it("offers locals declared in the text typed since the snapshot", () => {
    const ws = analysed(TOKEN);
    const at = after(TOKEN, "self.supply += amount;\n");
    insert(ws, at, "let fresh = amount + 1;\nlet (pa, _) = (1, 2);\nfor k in 0..3 { let inner = k; }\nfr");
    const r = complete(ws, at + "let fresh = amount + 1;\nlet (pa, _) = (1, 2);\nfor k in 0..3 { let inner = k; }\nfr".length);
    expect(r.reanalysed).toBe(false);
    expect(r.labels).toEqual(expect.arrayContaining(["fresh", "pa", "to", "amount", "self"]));
    expect(r.labels).not.toContain("inner"); // its block is closed
    expect(r.labels).not.toContain("k");
  });

  it("re-analyses for `x.` when x was declared in the typed text (its type is new)", () => {
    const ws = analysed(TOKEN);
    const at = after(TOKEN, "self.supply += amount;\n");
    const typed = "let b = self.balances;\nb.";
    insert(ws, at, typed);
    const r = complete(ws, at + typed.length);
    expect(r.reanalysed).toBe(true);
    expect(r.labels).toEqual(["contains", "remove"]);
  });

  it("takes the types of locals declared before the edited text from the snapshot", () => {
    const text = "struct P { x: u64, y: u64 }\ncontract C {\n    fn f() {\n        let p = P { x: 1, y: 2 };\n        let n = 1;\n    }\n}\n";
    const ws = analysed(text);
    const at = after(text, "let n = 1;\n");
    insert(ws, at, "p.");
    const r = complete(ws, at + 2);
    expect(r.reanalysed).toBe(false);
    expect(sorted(r.labels)).toEqual(["x", "y"]);
  });

  it("re-analyses when what is typed runs past the function (an unclosed block comment)", () => {
    const ws = analysed(TOKEN);
    const at = after(TOKEN, "self.supply += amount;\n");
    insert(ws, at, "/* self.");
    expect(complete(ws, at + 8).reanalysed).toBe(true);
  });

  it("re-analyses when the cursor is outside the edited function", () => {
    const ws = analysed(TOKEN);
    insert(ws, after(TOKEN, "self.supply += amount;\n"), "let x = 1;\n");
    const text = ws.document(URI)!.doc.getText();
    const at = after(text, "return self.balances[who];\n");
    insert(ws, at, "self.");
    expect(complete(ws, at + 5).reanalysed).toBe(true);
  });
});

/** What the random edits type: whole statements, and broken bits (unclosed brackets, strings, half-typed members). */
const FRAGMENTS = ["let a1 = amount;\n", "let mut a2: u256 = 0;\n", "if true { let a3 = 1; }\n", "for i in 0..2 { }\n", "let (q, _) = (1, 2);\n", "self.", "msg.", "a1.", "Token::", "emit ", "let ", "x", " ", "\n", ";", "{", "}", "(", ")", "\"", "// c\n"];

describe("property: the last snapshot and a fresh one complete alike", () => {
  for (const name of ["token", "evidence", "reconciliation"]) {
    it(`over random edit sequences in examples/${name}.weft`, () => {
      const base = readFileSync(new URL(`../../examples/${name}.weft`, import.meta.url), "utf8");
      let seed = 11;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
      const near = (x: number, spread: number, max: number) => Math.max(0, Math.min(max, x + Math.floor(rand() * 2 * spread) - spread));
      let stale = 0;
      for (let run = 0; run < 150; run++) {
        const ws = analysed(base);
        let point = Math.floor(rand() * base.length);
        for (let e = 0, n = 1 + Math.floor(rand() * 5); e < n; e++) {
          const len = ws.document(URI)!.doc.getText().length;
          if (rand() < 0.2) insert(ws, point, "", Math.min(len - point, 1 + Math.floor(rand() * 5)));
          else {
            const frag = FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)]!;
            insert(ws, point, frag);
            point += frag.length;
          }
          if (rand() < 0.2) point = near(point, 30, ws.document(URI)!.doc.getText().length);
        }
        const text = ws.document(URI)!.doc.getText();
        const at = rand() < 0.3 ? near(point, 100, text.length) : point;
        const fast = complete(ws, at);
        if (fast.reanalysed) continue;
        stale++;
        const fresh = completion(ws.snapshot(), { textDocument: { uri: URI }, position: ws.document(URI)!.doc.positionAt(at) });
        expect(sorted(fast.labels), `run ${run} at ${at}: …${JSON.stringify(text.slice(at - 80, at))}`).toEqual(sorted(fresh.map((i: CompletionItem) => i.label)));
      }
      expect(stale).toBeGreaterThan(30); // enough runs took the stale path
    });
  }
});

const sorted = (xs: string[]) => [...xs].sort();

describe("over JSON-RPC", () => {
  const lsp = useLsp({ diagnosticsDelay: 10_000 }); // no re-analysis by the diagnostics timer during the test

  it("completes `self.` typed into a function body", async () => {
    const doc = await lsp.open(TOKEN.replace("self.supply += amount;\n", "self.supply += amount;\n<|>"));
    await lsp.connection.sendRequest("textDocument/hover", { textDocument: { uri: doc.uri }, position: doc.positionAt(0) }); // analysed once
    const at = doc.offsetAt(doc.position);
    await lsp.edit(doc, at, at, "self.bal");
    const items = (await lsp.connection.sendRequest("textDocument/completion", {
      textDocument: { uri: doc.uri },
      position: doc.positionAt(at + "self.bal".length),
    })) as CompletionItem[];
    expect(items.map((i) => i.label)).toContain("balances");
    await lsp.close(doc);
  });
});
