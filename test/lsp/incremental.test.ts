// Re-parsing one declaration after an edit (lsp/server/incremental.ts) must
// give exactly what parsing the whole file gives: same tree, same spans, same
// diagnostics — for edits it handles and edits it hands back.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../compiler/syntax/index.ts";
import { reparse } from "../../lsp/server/incremental.ts";
import { ParseCache } from "../../lsp/server/parse-cache.ts";

const token = readFileSync(new URL("../../examples/token.weft", import.meta.url), "utf8");
const two = `use std::access::{NotOwner};
/// First.
struct A { x: u64 }
/// Second.
contract B {
    state n: u64;
    pub fn f(a: u64) -> u64 { let b = a + 1; return b; }
}
// trailing
enum E { X, Y }
`;

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x instanceof Uint8Array ? [...x] : x));

/** Applies the edit both ways and compares; returns whether the incremental path was taken. */
function check(text: string, start: number, end: number, insert: string): boolean {
  const old = parse("f.weft", text);
  const next = text.slice(0, start) + insert + text.slice(end);
  const inc = reparse("f.weft", text, old, next, parse);
  if (inc) expect(json(inc)).toBe(json(parse("f.weft", next)));
  return inc !== undefined;
}

describe("incremental re-parse", () => {
  it("re-parses one declaration for edits inside it, equal to a full parse", () => {
    const at = (s: string, text = two) => text.indexOf(s);
    expect(check(two, at("a + 1"), at("a + 1") + 1, "a * a")).toBe(true);
    expect(check(two, at("x: u64"), at("x: u64") + 1, "xx")).toBe(true);
    expect(check(two, at("/// Second.") + 4, at("/// Second.") + 10, "The second")).toBe(true);
    expect(check(two, at("Y }"), at("Y }"), "W, ")).toBe(true);
    expect(check(two, at("// trailing"), at("// trailing"), "\n\n")).toBe(true);
    expect(check(token, at("self.supply += amount;", token), at("self.supply += amount;", token), "let q = 1;\n        ")).toBe(true);
  });

  it("re-parses one declaration while a statement is half typed", () => {
    const at = two.indexOf("return b;");
    const typed = "let c = b * a; "; // no digits: `2return` would be a bad number literal, which is lexical trouble
    for (let i = 1; i <= typed.length; i++) {
      const before = two.slice(0, at) + typed.slice(0, i - 1) + two.slice(at);
      expect(check(before, at + i - 1, at + i - 1, typed[i - 1]!), `after typing ${typed.slice(0, i)}`).toBe(true);
    }
  });

  it("hands back edits that break a declaration or cross declarations", () => {
    const at = (s: string) => two.indexOf(s);
    expect(check(two, at("return b;"), at("return b;"), "{")).toBe(false);
    expect(check(two, at("return b;"), at("return b;"), "/*")).toBe(false);
    expect(check(two, at("return b;"), at("return b;"), '"')).toBe(false);
    expect(check(two, at("}\n// trailing"), at("enum E"), "")).toBe(false);
    expect(check(two, 0, 3, "")).toBe(false);
  });

  it("matches a full parse for many random small edits", () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pieces = [" ", "\n", "x", "1", ";", "}", "{", "(", "let y = 2;", "//", "\"", "self.", "fn", "u64"];
    let taken = 0;
    for (let i = 0; i < 300; i++) {
      const start = rnd(token.length);
      const end = Math.min(token.length, start + (rnd(3) === 0 ? rnd(6) : 0));
      if (check(token, start, end, pieces[rnd(pieces.length)]!)) taken++;
    }
    expect(taken).toBeGreaterThan(30);
  });

  it("stays equal to a full parse over a chain of edits (the cache moves old nodes in place)", () => {
    const cache = new ParseCache();
    let text = `struct S0 { a: u64 }\n${token}\nstruct S1 { b: u64 }\n/// E.\nenum E1 { A, B }\n`;
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    // Whitespace next to whitespace keeps the code clean; other pieces break it and are undone at once.
    const pieces = [" ", "\n", "\n\n    ", "x", "let y = 2;", "}", "/*", "\""];
    let prev = cache.parse("f.weft", text);
    let shared = 0;
    const step = (next: string) => {
      text = next;
      const r = cache.parse("f.weft", text);
      expect(json(r)).toBe(json(parse("f.weft", text)));
      if (r.file.items.some((it) => prev.file.items.includes(it))) shared++;
      prev = r;
    };
    for (let i = 0; i < 150; i++) {
      let at = rnd(text.length);
      while (at < text.length && !/\s/.test(text[at]!)) at++;
      const piece = pieces[rnd(pieces.length)]!;
      const before = text;
      step(text.slice(0, at) + piece + text.slice(at));
      if (piece.trim()) step(before);
    }
    expect(shared).toBeGreaterThan(20);
  });
});
