// Error recovery as properties over realistic files (test/fuzz/corpus): one
// missing token gives exactly one diagnostic, and the rest of the file parses
// as before. Trees are compared without their spans.
import { describe, expect, it } from "vitest";
import { dumpAst, parse, tokenize } from "../../compiler/syntax/index.ts";
import { corpus } from "../fuzz/mutate.ts";

const withoutSpans = (dump: string) => dump.replace(/ ?@\d+\.\.\d+/g, "").replace(/ (opSpan|nameSpan|pathSpan)=/g, " ");

/** Each occurrence of a token type deleted in turn: [mutated text, offset]. */
function deletions(text: string, type: string): [string, number][] {
  return tokenize(text)
    .filter((t) => t.type === type)
    .map((t) => [text.slice(0, t.start) + text.slice(t.end), t.start]);
}

describe("recovery", () => {
  for (const f of corpus()) {
    const reference = withoutSpans(dumpAst(parse(f.name, f.text).file));

    it(`${f.name}: each missing \`;\` is one E0111 and the same tree`, () => {
      const cases = deletions(f.text, "Semi");
      expect(cases.length).toBeGreaterThan(10);
      for (const [text, at] of cases) {
        const r = parse(f.name, text);
        expect(r.diagnostics.map((d) => `${d.code} at ${d.primary.start}`), `\`;\` at ${at}`).toEqual([`E0111 at ${at}`]);
        expect(withoutSpans(dumpAst(r.file)), `\`;\` at ${at}`).toBe(reference);
      }
    });

    it(`${f.name}: each missing \`,\` (not trailing) is one E0111 and the same tree`, () => {
      for (const [text, at] of deletions(f.text, "Comma")) {
        const r = parse(f.name, text);
        if (r.diagnostics.length === 0) continue; // a trailing comma
        expect(r.diagnostics.map((d) => d.code), `\`,\` at ${at}`).toEqual(["E0111"]);
        expect(withoutSpans(dumpAst(r.file)), `\`,\` at ${at}`).toBe(reference);
      }
    });

    it(`${f.name}: each missing \`)\`, \`]\` or \`}\` is one diagnostic`, () => {
      for (const type of ["RParen", "RBracket", "RBrace"])
        for (const [text, at] of deletions(f.text, type))
          expect(parse(f.name, text).diagnostics.map((d) => d.code), `${type} at ${at}`).toHaveLength(1);
    });
  }

  it("a missing `}` at the end of the file is one E0112", () => {
    for (const f of corpus()) {
      const cut = f.text.lastIndexOf("}");
      const r = parse(f.name, f.text.slice(0, cut) + f.text.slice(cut + 1));
      expect(r.diagnostics.map((d) => d.code)).toEqual(["E0112"]);
    }
  });

  it("a keyword used as a name costs one statement, not the function", () => {
    const r = parse("t.weft", "contract C { fn f() { let state = 1; let b = 2; } fn g() {} }");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0110"]);
    expect(r.diagnostics[0]!.help.join()).toContain("keyword");
    expect(withoutSpans(dumpAst(r.file))).toContain("(ErrorStmt)");
    expect(withoutSpans(dumpAst(r.file))).toContain("name=b");
    expect(withoutSpans(dumpAst(r.file))).toContain("name=g");
  });

  it("garbage in a contract body is skipped up to the next declaration", () => {
    const r = parse("t.weft", "contract C {\n  state a: u8;\n  garbage tokens here;\n  pub fn f() {}\n}");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0110"]);
    expect(withoutSpans(dumpAst(r.file))).toMatch(/name=a[\s\S]*name=f/);
  });
});
