// tokenize(): what an editor gets for highlighting.
import { describe, expect, it } from "vitest";
import { tokenize } from "../../compiler/syntax/index.ts";

const view = (src: string) => tokenize(src).map((t) => `${t.category}:${t.type}:${src.slice(t.start, t.end)}`);

describe("tokenize", () => {
  it("gives every token with its category, comments included, in order", () => {
    const src = '/// doc\npub fn f(x: u8) -> map { // c\n  let s = "a" + hex"00" * 0x1f; /* b */ }';
    expect(view(src)).toEqual([
      "comment:DocComment:/// doc",
      "keyword:Pub:pub",
      "keyword:Fn:fn",
      "identifier:Identifier:f",
      "punctuation:LParen:(",
      "identifier:Identifier:x",
      "punctuation:Colon::",
      "identifier:Identifier:u8",
      "punctuation:RParen:)",
      "punctuation:Arrow:->",
      "identifier:Identifier:map",
      "punctuation:LBrace:{",
      "comment:LineComment:// c",
      "keyword:Let:let",
      "identifier:Identifier:s",
      "operator:Eq:=",
      'string:StringLit:"a"',
      "operator:Plus:+",
      'string:BytesLit:hex"00"',
      "operator:Star:*",
      "number:NumberLit:0x1f",
      "punctuation:Semi:;",
      "comment:BlockComment:/* b */",
      "punctuation:RBrace:}",
    ]);
  });

  it("marks what is not Weft as invalid, one token per run", () => {
    expect(view("a @@ b")).toEqual(["identifier:Identifier:a", "invalid:Unknown:@@", "identifier:Identifier:b"]);
  });

  it("splits nothing: `>>` is one token (the parser splits it in type arguments)", () => {
    expect(view("map<a, map<b, c>>").slice(-1)).toEqual(["operator:Shr:>>"]);
  });

  it("treats type and built-in names as identifiers", () => {
    for (const w of ["map", "require", "u256", "address", "msg", "truncate"])
      expect(view(w)).toEqual([`identifier:Identifier:${w}`]);
  });

  it("covers any input without throwing, with offsets in order", () => {
    const src = "\u0000\ud800é'x' \"unterminated\n/* open";
    const toks = tokenize(src);
    let last = 0;
    for (const t of toks) {
      expect(t.start).toBeGreaterThanOrEqual(last);
      expect(t.end).toBeGreaterThan(t.start);
      last = t.end;
    }
    expect(last).toBe(src.length);
  });
});
