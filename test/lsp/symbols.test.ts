// Document and workspace symbols over a real server.
import { describe, expect, it } from "vitest";
import { SymbolKind, type WorkspaceSymbol } from "vscode-languageserver/node.js";
import { expectSymbols, useLsp, withDoc } from "./helpers.ts";

const lsp = useLsp();

const src = `struct Order { id: u64, owner: address }
enum Side { Buy, Sell }
interface Feed { view fn price() -> u64; }
contract Market {
    state orders: map<u64, Order>;
    const MAX: u64 = 10;
    event Placed(id: u64);
    error Full(max: u64);
    init() {}
    pub fn place(id: u64) { emit Placed(id); }
}`;

describe("document symbols", () => {
  it("is a tree: contract → members, struct → fields, enum → variants", async () => {
    await expectSymbols(lsp, src, [
      { name: "Order", kind: SymbolKind.Struct, children: [{ name: "id", kind: SymbolKind.Field }, { name: "owner" }] },
      { name: "Side", kind: SymbolKind.Enum, children: [{ name: "Buy", kind: SymbolKind.EnumMember }, { name: "Sell" }] },
      { name: "Feed", kind: SymbolKind.Interface, children: [{ name: "price" }] },
      {
        name: "Market",
        kind: SymbolKind.Class,
        children: [
          { name: "orders", kind: SymbolKind.Property },
          { name: "MAX", kind: SymbolKind.Constant },
          { name: "Placed", kind: SymbolKind.Event },
          { name: "Full" },
          { name: "init", kind: SymbolKind.Constructor },
          { name: "place", kind: SymbolKind.Method },
        ],
      },
    ]);
  });

  it("still outlines code with syntax errors", async () => {
    await expectSymbols(lsp, `contract A { state n: u64; pub fn f( { } }\ncontract B { }`, [{ name: "A" }, { name: "B" }]);
  });
});

describe("workspace symbols", () => {
  it("finds declarations by a fuzzy query, with their container", async () => {
    await withDoc(lsp, src, async () => {
      const r = (await lsp.connection.sendRequest("workspace/symbol", { query: "plc" })) as WorkspaceSymbol[];
      expect(r.map((s) => [s.name, s.containerName])).toEqual([
        ["Placed", "Market"],
        ["place", "Market"],
      ]);
      const all = (await lsp.connection.sendRequest("workspace/symbol", { query: "" })) as WorkspaceSymbol[];
      expect(all.map((s) => s.name)).toContain("orders");
    });
  });
});
