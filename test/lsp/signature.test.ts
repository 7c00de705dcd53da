// Signature help over a real `weft lsp --stdio`: internal functions (bare and
// through `self.`), interface calls, events under `emit`, errors under
// `revert` and `require(c, E(`, built-ins; the active parameter counts only
// the commas of the call itself, not those in nested calls or strings.
import { describe, expect, it } from "vitest";
import { expectSignatureHelp, useLsp } from "./helpers.ts";

const lsp = useLsp();

const inFn = (body: string) => `contract Vault {
    state balances: map<address, u256>;
    event Moved(indexed from: address, to: address, amount: u256);
    error Short(have: u256, need: u256);

    pub fn run(x: u256) {
        ${body}
    }

    /// Moves units between accounts.
    fn move(from: address, to: address, amount: u256) -> bool { return true; }
}

interface Oracle { view fn quote(base: string, quote: string) -> u256; }
`;

describe("signature help", () => {
  it("shows an internal function's parameters, the active one from the commas", async () => {
    const h = await expectSignatureHelp(lsp, inFn("move(msg.sender, <|>"), { label: "move(from: address, to: address, amount: u256) -> bool", activeParameter: 1 });
    expect(h!.signatures[0]!.documentation).toMatchObject({ value: "Moves units between accounts." });
    await expectSignatureHelp(lsp, inFn("self.move(<|>"), { label: "move(from: address", activeParameter: 0 });
  });

  it("ignores commas inside nested calls and strings", async () => {
    await expectSignatureHelp(lsp, inFn('self.move(Oracle(msg.sender).quote("a,b", "c"), <|>'), { label: "move(", activeParameter: 1 });
    await expectSignatureHelp(lsp, inFn('self.move(msg.sender, hash("x, y"), <|>'), { label: "move(", activeParameter: 2 });
  });

  it("shows the inner call while its parentheses are open", async () => {
    await expectSignatureHelp(lsp, inFn("self.move(Oracle(msg.sender).quote(\"a\", <|>"), { label: "quote(base: string, quote: string) -> u256", activeParameter: 1 });
  });

  it("shows events under emit and errors under revert and require", async () => {
    await expectSignatureHelp(lsp, inFn("emit Moved(msg.sender, msg.sender, <|>"), { label: "Moved(from: indexed address, to: address, amount: u256)", activeParameter: 2 });
    await expectSignatureHelp(lsp, inFn("revert Short(<|>"), { label: "Short(have: u256, need: u256)", activeParameter: 0 });
    await expectSignatureHelp(lsp, inFn("require(x > 1, Short(x, <|>"), { label: "Short(have: u256", activeParameter: 1 });
  });

  it("shows built-ins and methods", async () => {
    await expectSignatureHelp(lsp, inFn("require(x > 1, <|>"), { label: "require(condition: bool, message:", activeParameter: 1 });
    await expectSignatureHelp(lsp, inFn("let h = keccak256(<|>"), { label: "keccak256(data: bytes | string) -> bytes32", activeParameter: 0 });
    await expectSignatureHelp(lsp, inFn("let b = abi.encode(x, x, <|>"), { label: "abi.encode(", activeParameter: 0 });
    await expectSignatureHelp(lsp, inFn("let c = self.balances.contains(<|>"), { label: "contains(key: address) -> bool", activeParameter: 0 });
  });

  it("gives nothing outside a call's parentheses", async () => {
    await expectSignatureHelp(lsp, inFn("let y = x + <|>"), null);
    await expectSignatureHelp(lsp, inFn("move(msg.sender, msg.sender, 1);<|>"), null);
  });
});
