// The VS Code extension's TextMate grammar (lsp/vscode/syntaxes), tokenized
// as VS Code does: the committed JSON is the generated one, representative
// tokens get the expected scopes, every example (and std module) agrees with
// the compiler's own lexer on what is a keyword, number, string, comment or
// operator, and one example's scopes are kept as a snapshot.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tokenize } from "../../compiler/syntax/index.ts";
import { grammarJson, keywordGroups } from "../../lsp/vscode/syntaxes/weft.tmLanguage.ts";
import { keywords } from "../../compiler/syntax/index.ts";
import { grammarPath, scopesAt, scopesAtOffset, tokenizeText } from "./textmate.ts";

const examplesDir = new URL("../../examples/", import.meta.url);
const examples = readdirSync(examplesDir).filter((f) => f.endsWith(".weft"));
const read = (f: string) => readFileSync(new URL(f, examplesDir), "utf8");
/** The primitive type names of docs/reference/types.md. */
const primitive = /^(bool|address|string|bytes([1-9]|[12][0-9]|3[0-2])?|[ui](8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256))$/;

/** The most specific scope at the first character of `focus` in `needle`. */
async function scope(text: string, needle: string, focus?: string): Promise<string> {
  return (await scopesAt(text, needle, focus)).at(-1)!;
}

describe("grammar source", () => {
  it("the committed weft.tmLanguage.json is what weft.tmLanguage.ts generates (run lsp/vscode/syntaxes/generate.ts)", () => {
    expect(readFileSync(grammarPath, "utf8")).toBe(grammarJson());
  });

  it("colours every keyword of the lexer, and nothing that is not one", () => {
    const grouped = Object.values(keywordGroups).flat();
    expect([...grouped].sort()).toEqual([...keywords].sort());
  });
});

describe("representative tokens", () => {
  const src = `use std::token::{Token, Transfer};
import "./lib.weft";

//// not a doc comment
/// A counter; see \`bump\`.
contract Counter {
    const LIMIT: u64 = 1_000;
    state count: u64;
    state owners: map<address, map<bytes32, Order[]>>;
    role Minter;
    event Bumped(indexed by: address, count: u64);
    error Full(limit: u64);
    enum Side { Buy, Sell }

    /* a block
       comment */
    pub view fn peek() -> (u64, bool) { return (self.count, true); }

    pub reentrant fn bump(by: u64) -> u64 requires Minter | Admin {
        let mut next: u64 = self.count + by;
        if next > LIMIT && !paused() { revert Full(LIMIT); }
        unchecked { next **= 2; next <<= 1; }
        for i in 0..=10 { next -= i as u64; }
        let h = hex"00ff";
        let s = "tab\\t\\u{1F600} bad\\q";
        let n = 0xDEAD_beef + 0b1010 + 1.5e3 + 12u8;
        let t = truncate<u8>(n);
        let o = Order { side: Side::Buy, owner: msg.sender };
        grant Minter to msg.sender;
        emit Bumped(msg.sender, next);
        return next;
    }
}
`;
  const cases: [needle: string, focus: string | undefined, scope: string][] = [
    ["use std", "use", "keyword.control.import.weft"],
    ["std::token", "std", "entity.name.namespace.std.weft"],
    ["std::token", "::", "punctuation.separator.namespace.weft"],
    ["token::{", "token", "entity.name.namespace.weft"],
    ['"./lib.weft"', undefined, "punctuation.definition.string.begin.weft"],
    ["//// not", undefined, "punctuation.definition.comment.weft"],
    ["/// A counter", "A counter", "comment.line.documentation.weft"],
    ["`bump`", undefined, "markup.inline.raw.weft"],
    ["contract Counter", "contract", "storage.type.contract.weft"],
    ["contract Counter", "Counter", "entity.name.type.contract.weft"],
    ["const LIMIT", "LIMIT", "variable.other.constant.weft"],
    ["1_000", undefined, "constant.numeric.decimal.weft"],
    ["state count", "state", "storage.type.state.weft"],
    ["u64;", "u64", "storage.type.primitive.weft"],
    ["map<address", "map", "storage.type.map.weft"],
    ["bytes32,", "bytes32", "storage.type.primitive.weft"],
    ["Order[]", "Order", "entity.name.type.weft"],
    ["role Minter", "Minter", "entity.name.type.role.weft"],
    ["event Bumped", "Bumped", "entity.name.type.event.weft"],
    ["indexed by", "indexed", "storage.modifier.indexed.weft"],
    ["error Full", "Full", "entity.name.type.error.weft"],
    ["enum Side", "Side", "entity.name.type.enum.weft"],
    ["Buy, Sell", "Sell", "variable.other.enummember.weft"],
    ["/* a block", undefined, "punctuation.definition.comment.begin.weft"],
    ["   comment */", "comment", "comment.block.weft"],
    ["pub view fn", "pub", "storage.modifier.pub.weft"],
    ["pub view fn", "view", "storage.modifier.view.weft"],
    ["fn peek", "fn", "storage.type.function.weft"],
    ["fn peek", "peek", "entity.name.function.weft"],
    ["-> (u64", "->", "keyword.operator.arrow.weft"],
    ["return (self", "return", "keyword.control.weft"],
    ["(self.count", "self", "variable.language.self.weft"],
    ["self.count", "count", "variable.other.property.weft"],
    ["true); }", "true", "constant.language.boolean.weft"],
    ["reentrant fn", "reentrant", "storage.modifier.reentrant.weft"],
    ["requires Minter", "requires", "storage.modifier.requires.weft"],
    ["| Admin", "Admin", "entity.name.type.role.weft"],
    ["let mut", "let", "storage.type.let.weft"],
    ["let mut", "mut", "storage.modifier.mut.weft"],
    ["count + by", "+", "keyword.operator.arithmetic.weft"],
    ["if next", "if", "keyword.control.weft"],
    ["> LIMIT", ">", "keyword.operator.comparison.weft"],
    ["&& !", "&&", "keyword.operator.logical.weft"],
    ["paused()", "paused", "entity.name.function.weft"],
    ["revert Full", "revert", "keyword.control.weft"],
    ["revert Full", "Full", "entity.name.type.error.weft"],
    ["unchecked {", "unchecked", "storage.modifier.unchecked.weft"],
    ["**= 2", "**=", "keyword.operator.assignment.compound.weft"],
    ["<<= 1", "<<=", "keyword.operator.assignment.compound.weft"],
    ["for i in", "for", "keyword.control.weft"],
    ["i in 0", "in", "keyword.control.weft"],
    ["0..=10", "..=", "keyword.operator.range.weft"],
    ["-= i", "-=", "keyword.operator.assignment.compound.weft"],
    ["as u64", "as", "keyword.operator.cast.weft"],
    ['hex"00ff"', "hex", "storage.type.string.hex.weft"],
    ['hex"00ff"', "00ff", "constant.numeric.hex.weft"],
    ["\\t\\u", "\\t", "constant.character.escape.weft"],
    ["\\u{1F600}", undefined, "constant.character.escape.weft"],
    ["tab", undefined, "string.quoted.double.weft"],
    ["\\q", undefined, "invalid.illegal.escape.weft"],
    ["0xDEAD_beef", undefined, "constant.numeric.hex.weft"],
    ["0b1010", undefined, "constant.numeric.binary.weft"],
    ["1.5e3", undefined, "constant.numeric.decimal.weft"],
    ["12u8", undefined, "invalid.illegal.numeric.weft"],
    ["truncate<u8>", "truncate", "support.function.builtin.weft"],
    ["truncate<u8>", "u8", "storage.type.primitive.weft"],
    ["Order { side", "Order", "entity.name.type.weft"],
    ["Side::Buy", "Side", "entity.name.namespace.weft"],
    ["msg.sender }", "msg", "variable.language.builtin.weft"],
    ["grant Minter to", "grant", "keyword.other.grant.weft"],
    ["grant Minter to", "Minter", "entity.name.type.role.weft"],
    ["emit Bumped", "emit", "keyword.control.weft"],
    ["emit Bumped", "Bumped", "entity.name.type.event.weft"],
    ["next;\n    }", ";", "punctuation.terminator.statement.weft"],
  ];
  it.each(cases)("%j at %j is %s", async (needle, focus, expected) => {
    expect(await scope(src, needle, focus)).toBe(expected);
  });

  it("keeps the rest of the line of an unterminated string or block comment in it, and recovers on the next line", async () => {
    const text = 'let s = "no end;\nlet t = 1;\n/* open\nfn x() {}\n*/ fn y() {}\n';
    expect(await scope(text, "no end;", ";")).toBe("string.quoted.double.weft");
    expect(await scope(text, "let t", "let")).toBe("storage.type.let.weft");
    expect(await scope(text, "fn x", "x")).toBe("comment.block.weft");
    expect(await scope(text, "fn y", "y")).toBe("entity.name.function.weft");
  });

  it("takes only real widths as primitive types, and plain names as names", async () => {
    const text = "let a: u24 = 0; let b: u7 = 0; let c: i512 = 0; let d: bytes33 = 0; let revoke = block; pub fn revoke() {}";
    expect(await scope(text, "u24")).toBe("storage.type.primitive.weft");
    for (const w of ["u7", "i512", "bytes33"]) expect(await scopesAt(text, w)).toEqual(["source.weft"]);
    expect(await scopesAt(text, "revoke =", "revoke")).toEqual(["source.weft"]);
    expect(await scopesAt(text, "block;", "block")).toEqual(["source.weft"]);
    expect(await scope(text, "fn revoke", "revoke")).toBe("entity.name.function.weft");
  });
});

/** What the lexer's category of a token requires of the grammar's innermost scope. */
const expectedFor: Record<string, RegExp> = {
  keyword: /^(keyword|storage\.(type|modifier)|constant\.language|variable\.language)\./,
  number: /^constant\.numeric\./,
  string: /^(string\.|punctuation\.definition\.string|constant\.character\.escape|constant\.numeric\.hex)/,
  comment: /^(comment\.|punctuation\.definition\.comment|markup\.inline\.raw)/,
  operator: /^keyword\.operator\./,
};

const stdlibDir = new URL("../../stdlib/", import.meta.url);
const stdlib = existsSync(stdlibDir) ? readdirSync(stdlibDir).filter((f) => f.endsWith(".weft")) : [];
const sources = [
  ...examples.map((f) => ({ name: `examples/${f}`, text: read(f) })),
  ...stdlib.map((f) => ({ name: `stdlib/${f}`, text: readFileSync(new URL(f, stdlibDir), "utf8") })),
];

describe.each(sources)("$name", ({ text }) => {
  it("agrees with the lexer on keywords, numbers, strings, comments and operators", async () => {
    const scoped = await tokenizeText(text);
    const wrong: string[] = [];
    let checked = 0;
    for (const t of tokenize(text)) {
      const want = expectedFor[t.category];
      // A doc comment must be a documentation comment, not just any comment.
      // `<`, `>` and `>>` of `map<K, map<K, V>>` are type brackets, not comparisons or a shift.
      const re =
        t.type === "DocComment"
          ? /^(comment\.line\.documentation|punctuation\.definition\.comment|markup\.inline\.raw)/
          : ["Lt", "Gt", "Shr"].includes(t.type)
            ? /^(keyword\.operator\.(comparison|bitwise)|punctuation\.definition\.typeparameters)\./
            : want;
      if (!re) continue;
      // Every character of the token, not just its first (a comment is several TextMate tokens).
      for (let at = t.start; at < t.end; at++) {
        const inner = scopesAtOffset(scoped, at);
        const hit = t.category === "comment" || t.category === "string" ? inner.some((s) => re.test(s)) : re.test(inner.at(-1)!);
        if (!hit) {
          wrong.push(`${text.slice(t.start, t.end)} (${t.type}) at ${at}: ${inner.join(" ")}`);
          break;
        }
      }
      checked++;
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });
});

describe.each(examples)("examples/%s", (file) => {
  it("names every declared contract, struct, enum, event, error and function", async () => {
    const text = read(file);
    const scoped = await tokenizeText(text);
    const lexed = tokenize(text).filter((t) => t.category !== "comment");
    const want: Record<string, string> = {
      Contract: "entity.name.type.contract.weft",
      Struct: "entity.name.type.struct.weft",
      Enum: "entity.name.type.enum.weft",
      Interface: "entity.name.type.interface.weft",
      Event: "entity.name.type.event.weft",
      Error: "entity.name.type.error.weft",
      Fn: "entity.name.function.weft",
    };
    const found: string[] = [];
    lexed.forEach((t, i) => {
      const expected = want[t.type];
      const name = lexed[i + 1];
      if (!expected || name?.type !== "Identifier") return;
      expect(`${text.slice(name.start, name.end)}: ${scopesAtOffset(scoped, name.start).at(-1)}`).toBe(
        `${text.slice(name.start, name.end)}: ${expected}`,
      );
      found.push(t.type);
    });
    expect(found).toContain("Contract");
    expect(found).toContain("Fn");
  });

  it("colours calls, primitive types, built-ins and type names after `:` and `->`", async () => {
    const text = read(file);
    const scoped = await tokenizeText(text);
    const lexed = tokenize(text).filter((t) => t.category !== "comment");
    let calls = 0;
    let types = 0;
    lexed.forEach((t, i) => {
      if (t.type !== "Identifier") return;
      const before = lexed[i - 1]?.type;
      const after = lexed[i + 1]?.type;
      const got = scopesAtOffset(scoped, t.start).at(-1)!;
      const word = text.slice(t.start, t.end);
      if (after === "LParen" && before !== "Fn") {
        calls++;
        expect(`${word}: ${got}`).toMatch(/: (entity\.name\.(function|type)|support\.function)\b/);
      }
      if ((before === "Colon" || before === "Arrow") && /^[A-Z]/.test(word))
        expect(`${word}: ${got}`).toMatch(/: entity\.name\.(type|namespace)\b/);
      if (primitive.test(word)) {
        types++;
        expect(`${word}: ${got}`).toBe(`${word}: storage.type.primitive.weft`);
      }
      if (["msg", "block", "tx"].includes(word) && after === "Dot") expect(`${word}: ${got}`).toBe(`${word}: variable.language.builtin.weft`);
    });
    expect(calls).toBeGreaterThan(5);
    expect(types).toBeGreaterThan(5);
  });
});

describe("snapshot", () => {
  it("examples/token.weft, token by token", async () => {
    const text = read("token.weft");
    const lines = (await tokenizeText(text))
      .filter((t) => t.text.trim() !== "")
      .map((t) => `${t.line + 1}\t${JSON.stringify(t.text.trim())}\t${t.scopes.slice(1).join(" ")}`);
    await expect(lines.join("\n") + "\n").toMatchFileSnapshot("__snapshots__/token.weft.scopes.txt");
  });
});
