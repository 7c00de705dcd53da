// Go to definition over a real server: locals, parameters, state, functions,
// struct fields, enum variants, events, types, other files, std modules.
import { describe, expect, it } from "vitest";
import { expectDefinition, stdlibUri, useLsp } from "./helpers.ts";

const lsp = useLsp();

describe("go to definition", () => {
  it("finds a local and a parameter", async () => {
    await expectDefinition(lsp, `contract C { pub fn f(a: u64) -> u64 { let <|b|> = a; return <|>b; } }`);
    await expectDefinition(lsp, `contract C { pub fn f(<|a|>: u64) -> u64 { return a<|>; } }`);
  });

  it("finds a state variable through self and a function through a call", async () => {
    await expectDefinition(lsp, `contract C { state <|n|>: u64; pub fn f() -> u64 { return self.<|>n; } }`);
    await expectDefinition(lsp, `contract C { fn <|g|>() -> u64 { return 1; } pub fn f() -> u64 { return self.g<|>(); } }`);
  });

  it("finds struct fields, enum variants, events, errors and types", async () => {
    await expectDefinition(lsp, `struct P { <|x|>: u64 }\ncontract C { pub fn f(p: P) -> u64 { return p.<|>x; } }`);
    await expectDefinition(lsp, `enum Side { Buy, <|Sell|> }\ncontract C { pub fn f() -> Side { return Side::Se<|>ll; } }`);
    await expectDefinition(lsp, `enum <|Side|> { Buy, Sell }\ncontract C { pub fn f() -> Side { return Si<|>de::Sell; } }`);
    await expectDefinition(lsp, `contract C { event <|E|>(a: u64); pub fn f() { emit <|>E(1); } }`);
    await expectDefinition(lsp, `contract C { error <|Bad|>(a: u64); pub fn f() { revert B<|>ad(1); } }`);
    await expectDefinition(lsp, `struct <|P|> { x: u64 }\ncontract C { state p: <|>P; }`);
  });

  it("follows interface casts and external calls", async () => {
    await expectDefinition(lsp, `interface Feed { view fn <|price|>() -> u64; }
contract C { pub fn f(addr: address) -> u64 { return Feed(addr).pri<|>ce(); } }`);
    await expectDefinition(lsp, `interface <|Feed|> { view fn price() -> u64; }
contract C { pub fn f(addr: address) -> u64 { return Fe<|>ed(addr).price(); } }`);
    await expectDefinition(lsp, `contract <|Other|> { pub fn g() {} }
contract C { pub fn f(o: Other) { o.g(); Oth<|>er(msg.sender).g(); } }`);
  });

  it("goes into an imported file", async () => {
    const libUri = lsp.writeFile("lib-def.weft", "struct Point { x: u64, y: u64 }\n");
    await expectDefinition(lsp, `import "./lib-def.weft";\ncontract C { state p: Po<|>int; }`, {
      uri: libUri,
      range: { start: { line: 0, character: 7 }, end: { line: 0, character: 12 } },
    });
    await expectDefinition(lsp, `import "./lib-<|>def.weft";\ncontract C { state p: Point; }`, { uri: libUri });
  });

  it("goes into a std module, for the import and the names it brings", async () => {
    const src = (cursor: string) => `use std::access::{${cursor}};\ncontract C { pub fn f() { revert NotOwner(msg.sender); } }`;
    const [loc] = await expectDefinition(lsp, src("Not<|>Owner"), { uriEndsWith: "stdlib/access.weft" });
    expect(loc!.uri).toBe(stdlibUri + "access.weft");
    await expectDefinition(lsp, `use std::access::{NotOwner};\ncontract C { pub fn f() { revert Not<|>Owner(msg.sender); } }`, { uriEndsWith: "stdlib/access.weft" });
    await expectDefinition(lsp, `use std::acc<|>ess::{NotOwner};\ncontract C { pub fn f() { revert NotOwner(msg.sender); } }`, { uriEndsWith: "stdlib/access.weft" });
  });

  it("gives nothing for built-ins, keywords and unresolved names", async () => {
    await expectDefinition(lsp, `contract C { pub fn f() -> address { return msg.sen<|>der; } }`, null);
    await expectDefinition(lsp, `contract C { pub f<|>n f() {} }`, null);
    await expectDefinition(lsp, `contract C { pub fn f() -> u64 { return nope<|>; } }`, null);
  });
});
