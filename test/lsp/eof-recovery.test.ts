// A contract left open at the end of the file — the usual state while its
// last function is being typed — over a real server: the parser closes it
// implicitly (compiler/syntax/unclosed.ts), so the checker's diagnostics,
// document symbols, definition and completion work inside it, and the syntax
// error is one E0112 at the end of the file.
import { describe, expect, it } from "vitest";
import { SymbolKind } from "vscode-languageserver/node.js";
import { expectCompletion, expectDefinition, expectDiagnostics, expectSymbols, useLsp } from "./helpers.ts";

const lsp = useLsp();

/** A contract whose last function is being typed: `tail` is the end of the file. */
const open = (tail: string) => `contract Vault {
    state total: u64;
    state owner: address;

    init() { self.owner = msg.sender; }

    pub fn deposit(n: u64) {
        self.total += n;
    }

    pub fn withdraw(n: u64) {
        let before = self.total;
        ${tail}`;

describe("a contract left open at the end of the file", () => {
  it("gets the type checker's diagnostics inside it, and one syntax error at the end", async () => {
    const [, end] = await expectDiagnostics(lsp, open("self.total = before - n - <|amout|>;<||>"), [
      { code: "E0200", message: "cannot find `amout`" },
      { code: "E0112", message: "expected `}` to close the function `withdraw`" },
    ]);
    expect(end!.relatedInformation?.map((r) => r.message)).toEqual(["function `withdraw` opened here", "contract `Vault` opened here"]);
  });

  it("keeps the statements before a statement cut short (`let x = `)", async () => {
    await expectDiagnostics(lsp, open("let y: bool = <|before|>;\n        if y { self.total = n; }\n        let x =<||> "), [
      { code: "E0300", message: "expected `bool`, found `u64`" },
      { code: "E0112", message: "expected `}` to close the function `withdraw`" },
    ]);
  });

  it("lists the contract and all its functions as document symbols", async () => {
    await expectSymbols(lsp, open("self."), [
      {
        name: "Vault",
        kind: SymbolKind.Class,
        children: [
          { name: "total", kind: SymbolKind.Property },
          { name: "owner", kind: SymbolKind.Property },
          { name: "init", kind: SymbolKind.Constructor },
          { name: "deposit", kind: SymbolKind.Method },
          { name: "withdraw", kind: SymbolKind.Method },
        ],
      },
    ]);
  });

  it("goes to the definition of a state variable from the unclosed function", async () => {
    const marked = open("self.to<|>tal").replace("state total", "state <|total|>");
    await expectDefinition(lsp, marked);
  });

  it("completes the contract's state and functions after `self.` at the very end", async () => {
    await expectCompletion(lsp, open("self.<|>"), { includes: ["total", "owner", "deposit", "withdraw"], excludes: ["let", "contract"] });
  });

  it("completes locals of the unclosed function at the very end", async () => {
    await expectCompletion(lsp, open("let after = bef<|>"), { includes: ["before", "n"] });
  });
});
