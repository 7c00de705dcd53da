// Completion over a real `weft lsp --stdio`: members after `.` (self, structs,
// maps, arrays, msg/block, interface calls), events after `emit`, errors
// after `revert` and in `require(c, `, types in type positions, keywords and
// snippets by level, std modules and their names, locals declared before the
// cursor — on text that is still being typed and does not parse.
import { describe, expect, it } from "vitest";
import { expectCompletion, useLsp } from "./helpers.ts";

const lsp = useLsp();

/** A contract around `body` (the inside of `pub fn run(x: u256)`). */
const inFn = (body: string) => `/// The order book.
contract Book {
    /// Balances by owner.
    state balances: map<address, u256>;
    state ids: u64[];
    state owner: address;
    struct Order { id: u64, maker: address }
    event Placed(indexed id: u64, amount: u256);
    error TooSmall(amount: u256);
    error NotOwner(caller: address);

    pub fn run(x: u256) {
        let order = Order { id: 1, maker: msg.sender };
        ${body}
    }

    fn helper(n: u256) -> u256 { return n; }
}

interface Oracle { view fn price(symbol: string) -> u256; fn stop(); }
`;

describe("completion: members after `.`", () => {
  it("offers state, functions and address after `self.` with nothing typed yet", async () => {
    const items = await expectCompletion(lsp, inFn("self.<|>"), { includes: ["balances", "ids", "owner", "run", "helper", "address"], excludes: ["Order", "let"] });
    const balances = items.find((i) => i.label === "balances")!;
    expect(balances.detail).toBe("map<address, u256>");
    expect(balances.documentation).toMatchObject({ value: "Balances by owner." });
  });

  it("offers struct fields, with the word partly typed", async () => {
    const items = await expectCompletion(lsp, inFn("let m = order.ma<|>"), { includes: ["id", "maker"], excludes: ["balances"] });
    expect(items.find((i) => i.label === "id")!.detail).toBe("u64");
  });

  it("offers map methods on a state map and array members on a dynamic array", async () => {
    await expectCompletion(lsp, inFn("self.balances.<|>"), { includes: ["contains", "remove"], excludes: ["push"] });
    await expectCompletion(lsp, inFn("self.ids.<|>"), { includes: ["length", "push", "pop"], excludes: ["contains"] });
  });

  it("follows indexing: the value type of a map of structs", async () => {
    const src = `contract C {
    struct Order { id: u64, maker: address }
    state orders: map<u64, Order>;
    pub fn f(k: u64) { let a = self.orders[k].<|> }
}`;
    await expectCompletion(lsp, src, { includes: ["id", "maker"] });
  });

  it("offers the built-ins of msg and block", async () => {
    await expectCompletion(lsp, inFn("let s = msg.<|>"), { includes: ["sender"], excludes: ["number"] });
    await expectCompletion(lsp, inFn("let s = block.<|>"), { includes: ["number", "timestamp"] });
  });

  it("offers the interface's functions on `I(addr).`", async () => {
    await expectCompletion(lsp, inFn("let p = Oracle(self.owner).<|>"), { includes: ["price", "stop"], excludes: ["balances"] });
  });

  it("offers nothing after a number's dot or inside comments and strings", async () => {
    await expectCompletion(lsp, inFn("// self.<|>"), { excludes: ["balances", "let"] });
    await expectCompletion(lsp, inFn('let s = "self.<|>'), { excludes: ["balances", "let"] });
  });
});

describe("completion: declarations by context", () => {
  it("offers events after `emit` and errors after `revert`", async () => {
    await expectCompletion(lsp, inFn("emit <|>"), { includes: ["Placed"], excludes: ["TooSmall", "Order"] });
    await expectCompletion(lsp, inFn("revert <|>"), { includes: ["TooSmall", "NotOwner"], excludes: ["Placed"] });
  });

  it("offers errors as the second argument of require", async () => {
    await expectCompletion(lsp, inFn("require(x > 1, <|>"), { includes: ["TooSmall", "NotOwner"], excludes: ["Placed", "balances"] });
  });

  it("offers types in type positions", async () => {
    await expectCompletion(lsp, inFn("let y: <|>"), { includes: ["u256", "address", "bytes32", "map", "Order", "Oracle", "Book"], excludes: ["x", "let", "TooSmall"] });
    await expectCompletion(lsp, `contract C { state m: map<address, <|> }`, { includes: ["u256", "bool"] });
    await expectCompletion(lsp, `contract C { fn f(a: u8) -> <|> }`, { includes: ["u256", "string"] });
  });

  it("offers declaration keywords and snippets at contract level", async () => {
    const items = await expectCompletion(lsp, `contract C {\n    <|>\n}`, { includes: ["state", "fn", "pub fn", "init", "event", "error"], excludes: ["let", "contract"] });
    const pubFn = items.find((i) => i.label === "pub fn")!;
    expect(pubFn.kind).toBe(15); // Snippet
    expect(pubFn.insertTextFormat).toBe(2); // Snippet
    await expectCompletion(lsp, `contract C {\n    pub <|>\n}`, { includes: ["fn", "view"], excludes: ["state"] });
  });

  it("offers file-level keywords and the contract skeleton at the top", async () => {
    const items = await expectCompletion(lsp, `<|>`, { includes: ["contract", "interface", "use", "import"], excludes: ["let", "state"] });
    expect(items.some((i) => i.label === "contract" && i.kind === 15)).toBe(true);
  });

  it("offers statement keywords, snippets and names at the start of a statement", async () => {
    const items = await expectCompletion(lsp, inFn("<|>"), { includes: ["let", "if", "for", "while", "return", "emit", "require", "order", "x", "self", "msg", "helper"] });
    const forSnippet = items.find((i) => i.label === "for" && i.kind === 15)!;
    expect(forSnippet.insertText).toContain("in ${2:0}..${3:n}");
    expect(items.find((i) => i.label === "order")!.detail).toBe("Order");
  });

  it("offers only names in an expression", async () => {
    await expectCompletion(lsp, inFn("let y = x + <|>"), { includes: ["x", "order", "self", "helper"], excludes: ["let", "while", "y"] });
  });
});

describe("completion: locals in scope", () => {
  it("offers parameters and locals declared before the cursor only, with their types", async () => {
    const src = `contract C {
    pub fn f(a: u256) {
        let before = a + 1;
        if a > 0 {
            let inner = true;
        }
        for i in 0..3 {
            let looped = i;
        }
        let y = <|>;
        let after = 2;
    }
}`;
    const items = await expectCompletion(lsp, src, { includes: ["a", "before"], excludes: ["inner", "i", "looped", "after"] });
    expect(items.find((i) => i.label === "before")!.detail).toBe("u256");
  });

  it("offers the loop variable inside the loop", async () => {
    await expectCompletion(lsp, `contract C { pub fn f() { for i in 0..3 { let z = <|> } } }`, { includes: ["i"] });
  });
});

describe("completion: std modules", () => {
  it("lists the std modules after `use std::`", async () => {
    await expectCompletion(lsp, `use std::<|>`, { includes: ["access", "token", "system"] });
  });

  it("lists the names a module declares inside `use std::m::{`", async () => {
    const items = await expectCompletion(lsp, `use std::access::{<|>`, { includes: ["Owned", "NotOwner", "OwnershipTransferred"] });
    expect(items.find((i) => i.label === "Owned")!.documentation).toMatchObject({ value: expect.stringContaining("one owner") });
  });

  it("offers a contract's types, errors and events after `Contract::`, not its state", async () => {
    const src = `contract Token { struct Lot { n: u8 } error Short(); state supply: u256; }
contract User { pub fn f() { let l: Token::<|> } }`;
    await expectCompletion(lsp, src, { includes: ["Lot", "Short"], excludes: ["supply"] });
  });

  it("offers variants after `Enum::`", async () => {
    await expectCompletion(lsp, `contract C { enum Side { Buy, Sell } pub fn f() { let s = Side::<|> } }`, { includes: ["Buy", "Sell"] });
  });
});

describe("completion: where a new name is written", () => {
  it("offers nothing after `fn`, `state` or `let mut`, and only `mut` after `let`", async () => {
    await expectCompletion(lsp, `contract C {\n    fn <|>\n}`, { excludes: ["state", "u256", "fn"] });
    await expectCompletion(lsp, `contract C {\n    state <|>\n}`, { excludes: ["state", "u256"] });
    await expectCompletion(lsp, inFn("let mut <|>"), { excludes: ["x", "self", "let"] });
    await expectCompletion(lsp, inFn("let <|>"), { includes: ["mut"], excludes: ["x", "self"] });
  });

  it("leaves out the names a use list already has", async () => {
    await expectCompletion(lsp, `use std::access::{NotOwner, <|>`, { includes: ["Owned"], excludes: ["NotOwner"] });
  });
});

describe("completion: broken code around the cursor", () => {
  it("still completes in a function after one that does not parse", async () => {
    const src = `contract C {
    state total: u256;
    pub fn broken(k: u8) {
        let x = 
    }
    pub fn g(j: u8) { let q = j; self.<|> }
}`;
    await expectCompletion(lsp, src, { includes: ["total", "g", "broken"] });
  });

  it("still completes in a block whose closing brace is missing", async () => {
    const src = `contract C {
    state total: u256;
    pub fn f(k: u8) {
        if k > 1 {
            let inner = k;
            <|>
    }
    pub fn g() {}
}`;
    await expectCompletion(lsp, src, { includes: ["k", "inner", "let", "self"] });
  });
});
