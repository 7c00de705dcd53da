// Hover over a real server: type and declaration in a weft code block, doc
// comments, storage slots, selectors and conflict keys of public functions.
import { describe, expect, it } from "vitest";
import { selectorPair } from "../../compiler/abi/selector.ts";
import { expectHover, useLsp } from "./helpers.ts";

const lsp = useLsp();

const token = (body: string) => `contract Token {
    state supply: u256;
    /// Units held by each account.
    state balances: map<address, u256>;
    ${body}
}`;

describe("hover", () => {
  it("shows a state variable's type, doc comment and storage slot", async () => {
    const h = await expectHover(lsp, token(`pub view fn get(a: address) -> u256 { return self.<|balances|><|>[a]; }`), [
      "```weft\nstate balances: map<address, u256>\n```",
      "Units held by each account.",
      "Storage slot: 1",
    ]);
    expect(h!.contents).toMatchObject({ kind: "markdown" });
  });

  it("shows a local's and a parameter's type", async () => {
    await expectHover(lsp, token(`pub fn f(a: u64) -> u64 { let b = a + 1; return <|>b; }`), "let b: u64");
    await expectHover(lsp, token(`pub fn f(a: u64) -> u64 { return a<|> + 1; }`), "a: u64");
  });

  it("shows a public function's selector and conflict keys", async () => {
    const [keccak, sm] = selectorPair("transfer(string,uint256)");
    await expectHover(
      lsp,
      token(`/// Moves units.
    pub fn <|>transfer(to: address, amount: u256) { self.balances[msg.sender] -= amount; self.balances[to] += amount; }`),
      [
        "pub fn transfer(to: address, amount: u256)",
        "Moves units.",
        `\`0x${keccak.toString(16).padStart(8, "0")}\` (keccak-256)`,
        `\`0x${sm.toString(16).padStart(8, "0")}\` (SM3)`,
        "Conflict keys: writes balances[msg.sender], balances[to]",
        "parallel by caller and param 'to'",
      ],
    );
  });

  it("shows an error's selector", async () => {
    const [keccak] = selectorPair("Low(uint256)");
    await expectHover(lsp, token(`error Low(have: u256);\n    pub fn f() { revert L<|>ow(1); }`), ["error Low(have: u256)", `\`0x${keccak.toString(16).padStart(8, "0")}\` (keccak-256)`]);
  });

  it("explains built-ins", async () => {
    await expectHover(lsp, token(`pub fn f() -> address { return msg.<|>sender; }`), ["msg.sender", "called this function"]);
  });

  it("shows a struct used as a type", async () => {
    await expectHover(lsp, `struct Order { id: u64, owner: address }\ncontract C { state o: <|>Order; }`, "struct Order { id: u64, owner: address }");
  });

  it("gives nothing on a keyword or whitespace, and survives broken code", async () => {
    await expectHover(lsp, token(`pub <|>fn f() {}`), null);
    await expectHover(lsp, `contract C { pub fn f( { let x = <|>y +; }`, null);
  });
});
