// Find references over a real server: every use of a declaration, across
// files, and not the uses of a different declaration with the same name.
import { describe, expect, it } from "vitest";
import { expectReferences, useLsp } from "./helpers.ts";

const lsp = useLsp();

describe("find references", () => {
  it("finds a state variable's declaration and every self.x", async () => {
    await expectReferences(lsp, `contract C {
    state <|n|>: u64;
    pub fn inc() { self.<|n|> += 1; }
    pub view fn get() -> u64 { return self.<|<|>n|>; }
}`);
  });

  it("leaves out the declaration when asked", async () => {
    await expectReferences(lsp, `contract C { state n: u64; pub fn inc() { self.<|n|> += 1; self.<|n<|>|> += 2; } }`, { includeDeclaration: false });
  });

  it("tells shadowed locals and same-named declarations apart", async () => {
    await expectReferences(lsp, `contract C {
    state x: u64;
    pub fn f(<|x|>: u64) -> u64 { let y = <|x|> + self.x; return <|<|>x|> + y; }
    pub fn g(x: u64) -> u64 { return x; }
}`);
  });

  it("finds functions, fields and enum variants", async () => {
    await expectReferences(lsp, `contract C { fn <|g|>() -> u64 { return 1; } pub fn f() -> u64 { return self.<|g|>() + self.<|<|>g|>(); } }`);
    await expectReferences(lsp, `struct P { <|x|>: u64 }
contract C { pub fn f(p: P) -> u64 { let q = P { <|x|>: 1 }; return p.<|x|> + q.<|<|>x|>; } }`);
    await expectReferences(lsp, `enum Side { Buy, <|Sell|> }
contract C { pub fn f(s: Side) -> bool { return s == Side::<|Sell|> || s == Side::<|<|>Sell|>; } }`);
  });

  it("finds uses in other files of the snapshot", async () => {
    const libUri = lsp.writeFile("lib-refs.weft", "struct Point { x: u64, y: u64 }\n");
    const locs = await expectReferences(lsp, `import "./lib-refs.weft";\ncontract C { state p: Point; pub fn f() -> u64 { return self.p.<|x|> + self.p.y * 0 + self.p.<|x<|>|>; } }`);
    expect(locs.some((l) => l.uri === libUri)).toBe(true);
  });
});
