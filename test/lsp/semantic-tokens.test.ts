// Semantic tokens over a real server: each name classified by what the
// compiler resolved it to, not by its spelling.
import { describe, expect, it } from "vitest";
import { expectSemanticTokens, useLsp } from "./helpers.ts";

const lsp = useLsp();

describe("semantic tokens", () => {
  it("announces a legend", () => {
    const legend = lsp.initialize.capabilities.semanticTokensProvider!.legend;
    expect(legend.tokenTypes).toEqual(expect.arrayContaining(["class", "struct", "enum", "method", "parameter", "variable", "property", "event", "type", "keyword"]));
  });

  it("classifies declarations and uses", async () => {
    await expectSemanticTokens(
      lsp,
      `struct <|P|> { <|x|>: <|u64|> }
enum <|Side|> { <|Buy|> }
contract <|C|> {
    state <|total|>: u64;
    event <|E|>(a: u64);
    pub fn <|f|>(<|p|>: <|P|>) -> u64 {
        let mut <|y|> = <|p|>.<|x|>;
        let <|z|> = <|Side|>::<|Buy|>;
        emit <|E|>(<|y|>);
        return <|self|>.<|total|> + <|msg|>.<|sender|> as u64;
    }
}`,
      [
        ["P", "struct", "declaration"],
        ["x", "property", "declaration"],
        ["u64", "type", "defaultLibrary"],
        ["Side", "enum", "declaration"],
        ["Buy", "enumMember", "declaration", "readonly"],
        ["C", "class", "declaration"],
        ["total", "property", "declaration"],
        ["E", "event", "declaration"],
        ["f", "method", "declaration"],
        ["p", "parameter", "declaration", "readonly"],
        ["P", "struct"],
        ["y", "variable", "declaration"],
        ["p", "parameter", "readonly"],
        ["x", "property"],
        ["z", "variable", "declaration", "readonly"],
        ["Side", "enum"],
        ["Buy", "enumMember", "readonly"],
        ["E", "event"],
        ["y", "variable"],
        ["self", "keyword"],
        ["total", "property"],
        ["msg", "variable", "defaultLibrary"],
        ["sender", "variable", "defaultLibrary"],
      ],
    );
  });

  it("gives no token to a name the compiler could not resolve", async () => {
    await expectSemanticTokens(lsp, `contract C { pub fn f() -> u64 { return <|nope|>; } }`, [["nope", "(no token)"]]);
  });
});
