// The parser's decisions, one by one: precedence and associativity, `>>` in
// nested type arguments, the struct literal restriction, doc comments,
// literal values, tuples and spans. (Whole files are in test/golden/syntax.)
import { describe, expect, it } from "vitest";
import { parse } from "../../compiler/syntax/index.ts";
import type * as A from "../../compiler/syntax/ast.ts";

/** Parses `let _v = <expr>;` in a function and returns the expression. */
function expr(src: string): A.Expr {
  const r = parse("t.weft", `contract C { fn f() { let v = ${src}; } }`);
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  const fn = (r.file.items[0] as A.ContractDecl).members[0] as A.FnDecl;
  return (fn.body!.stmts[0] as A.LetStmt).init!;
}

/** A Lisp-like rendering of an expression: `(- (- a b) c)`. */
function sx(e: A.Expr | A.TypeExpr): string {
  switch (e.kind) {
    case "Binary":
      return `(${e.op} ${sx(e.left)} ${sx(e.right)})`;
    case "Unary":
      return `(${e.op} ${sx(e.operand)})`;
    case "Cast":
      return `(as ${sx(e.expr)} ${sx(e.type)})`;
    case "Name":
      return e.name.name;
    case "IntLit":
      return String(e.value);
    case "BoolLit":
      return String(e.value);
    case "Member":
      return `(. ${sx(e.object)} ${e.member.name})`;
    case "Index":
      return `(index ${sx(e.object)} ${sx(e.index)})`;
    case "Call":
      return `(call ${sx(e.callee)}${e.typeArgs.length ? ` <${e.typeArgs.map(sx).join(" ")}>` : ""}${e.args.map((a) => " " + sx(a)).join("")})`;
    case "Tuple":
      return `(tuple${e.elems.map((a) => " " + sx(a)).join("")})`;
    case "NamedType":
      return e.args.length ? `${e.path.map((p) => p.name).join("::")}<${e.args.map(sx).join(" ")}>` : e.path.map((p) => p.name).join("::");
    case "ArrayType":
      return `${sx(e.elem)}[${e.size ? sx(e.size) : ""}]`;
    case "TupleType":
      return `(${e.elems.map(sx).join(", ")})`;
    default:
      return e.kind;
  }
}

describe("precedence and associativity", () => {
  const cases: [string, string][] = [
    ["a - b - c", "(- (- a b) c)"],
    ["a / b * c", "(* (/ a b) c)"],
    ["2 ** 3 ** 2", "(** 2 (** 3 2))"],
    ["-x as u8", "(as (- x) u8)"],
    ["a << b + c", "(<< a (+ b c))"],
    ["a + b * c", "(+ a (* b c))"],
    ["a * b + c", "(+ (* a b) c)"],
    ["a ** b * c", "(* (** a b) c)"],
    ["-a ** 2", "(** (- a) 2)"],
    ["a ** -b", "(** a (- b))"],
    ["a ** b as u8", "(** a (as b u8))"],
    ["x as u8 < y", "(< (as x u8) y)"],
    ["x as u16 as u8", "(as (as x u16) u8)"],
    ["!a.b(c)[d]", "(! (index (call (. a b) c) d))"],
    ["a & b ^ c | d", "(| (^ (& a b) c) d)"],
    ["a | b & c", "(| a (& b c))"],
    ["a >> 1 << 2", "(<< (>> a 1) 2)"],
    ["a + b << c", "(<< (+ a b) c)"],
    ["a & b == c", "(== (& a b) c)"],
    ["a == b && c != d || e", "(|| (&& (== a b) (!= c d)) e)"],
    ["a || b && c", "(|| a (&& b c))"],
    ["a < b && b <= c", "(&& (< a b) (<= b c))"],
    ["(a + b) * c", "(* (+ a b) c)"],
    ["- - x", "(- (- x))"],
    ["~a & b", "(& (~ a) b)"],
  ];
  for (const [src, want] of cases) it(src, () => expect(sx(expr(src))).toBe(want));

  it("rejects chained comparisons (non-associative) with a help line", () => {
    const r = parse("t.weft", "contract C { fn f() { let v = a < b < c; } }");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0113"]);
    expect(r.diagnostics[0]!.help[0]).toContain("a < b && b < c");
    expect(sx(expr("(a < b) < c"))).toBe("(< (< a b) c)");
  });
});

describe("type arguments and `>>`", () => {
  function stateType(src: string): string {
    const r = parse("t.weft", `contract C { state s: ${src}; }`);
    expect(r.diagnostics.map((d) => d.message)).toEqual([]);
    return sx(((r.file.items[0] as A.ContractDecl).members[0] as A.StateDecl).type);
  }
  it("splits `>>` and `>>>` closing nested lists", () => {
    expect(stateType("map<address, map<address, u256>>")).toBe("map<address map<address u256>>");
    expect(stateType("map<u8, map<u8, map<u8, u8>>>")).toBe("map<u8 map<u8 map<u8 u8>>>");
    expect(stateType("map<u8, map<u8, map<u8, map<u8, u8>>>>")).toBe("map<u8 map<u8 map<u8 map<u8 u8>>>>");
    expect(stateType("map<map<u8, u8>, u8>")).toBe("map<map<u8 u8> u8>");
    expect(stateType("map<u8, map<u8, u8>>[]")).toBe("map<u8 map<u8 u8>>[]");
    expect(stateType("map<u8, u8[]>")).toBe("map<u8 u8[]>");
  });
  it("keeps `>>` a shift in expressions", () => {
    expect(sx(expr("a >> b >> c"))).toBe("(>> (>> a b) c)");
  });
  it("reads type arguments only after truncate and abi.decode", () => {
    expect(sx(expr("truncate<u8>(x)"))).toBe("(call truncate <u8> x)");
    expect(sx(expr("abi.decode<map<u8, map<u8, u8>>>(d)"))).toBe("(call (. abi decode) <map<u8 map<u8 u8>>> d)");
    expect(sx(expr("abi.decode<(u256, string)>(d)"))).toBe("(call (. abi decode) <(u256, string)> d)");
    expect(sx(expr("a < b"))).toBe("(< a b)");
  });
  it("gives `>=` right after type arguments a help line", () => {
    const r = parse("t.weft", "contract C { fn f() { let m: map<u8, u8>= 0; } }");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0111"]);
    expect(r.diagnostics[0]!.help.join()).toContain("space");
  });
});

describe("struct literals", () => {
  function firstStmt(body: string): { stmt: A.Stmt; codes: string[] } {
    const r = parse("t.weft", `contract C { fn f() { ${body} } }`);
    const fn = (r.file.items[0] as A.ContractDecl).members[0] as A.FnDecl;
    return { stmt: fn.body!.stmts[0]!, codes: r.diagnostics.map((d) => d.code) };
  }
  it("are not read in a condition: `{` starts the body", () => {
    const { stmt, codes } = firstStmt("if x {}");
    expect(codes).toEqual([]);
    expect((stmt as A.IfStmt).cond.kind).toBe("Name");
    const w = firstStmt("while ok { x = 1; }");
    expect(w.codes).toEqual([]);
    expect((w.stmt as A.WhileStmt).body.stmts).toHaveLength(1);
    const f = firstStmt("for v in items {}");
    expect(f.codes).toEqual([]);
    expect((f.stmt as A.ForEachStmt).iterable.kind).toBe("Name");
  });
  it("are allowed in a condition inside parentheses, brackets or arguments", () => {
    expect(firstStmt("if p == (P { x: 1 }) {}").codes).toEqual([]);
    expect(firstStmt("if f(P { x: 1 }) {}").codes).toEqual([]);
    expect(firstStmt("if a[P { x: 1 }.x] {}").codes).toEqual([]);
  });
  it("without parentheses in a condition are reported and still parsed", () => {
    const { stmt, codes } = firstStmt("if p == P { x: 1 } { y = 1; }");
    expect(codes).toEqual(["E0116"]);
    const cond = (stmt as A.IfStmt).cond as A.BinaryExpr;
    expect(cond.right.kind).toBe("StructLit");
    expect((stmt as A.IfStmt).then.stmts).toHaveLength(1);
  });
  it("are read elsewhere, empty ones included", () => {
    const e = expr("P { x: 1, y: Q { z: 2 } }") as A.StructLit;
    expect(e.kind).toBe("StructLit");
    expect(e.fields.map((f) => f.name.name)).toEqual(["x", "y"]);
    expect(expr("E {}").kind).toBe("StructLit");
  });
});

describe("tuples and parentheses", () => {
  it("(a) is a, (a,) a 1-tuple, () the unit value", () => {
    expect(expr("(a)").kind).toBe("Name");
    expect(sx(expr("(a,)"))).toBe("(tuple a)");
    expect(sx(expr("()"))).toBe("(tuple)");
    expect(sx(expr("(a, b,)"))).toBe("(tuple a b)");
  });
  it("the same for types and patterns", () => {
    const r = parse("t.weft", "contract C { fn f() -> (u8) { let (a) = 1; let (b,) = t; } }");
    const fn = (r.file.items[0] as A.ContractDecl).members[0] as A.FnDecl;
    expect(fn.returns!.kind).toBe("NamedType");
    expect((fn.body!.stmts[0] as A.LetStmt).pattern.kind).toBe("BindingPattern");
    expect((fn.body!.stmts[1] as A.LetStmt).pattern.kind).toBe("TuplePattern");
  });
});

describe("doc comments", () => {
  function docsOf(src: string): (string | null)[] {
    const r = parse("t.weft", src);
    expect(r.diagnostics).toEqual([]);
    const c = r.file.items[0] as A.ContractDecl;
    return [c.docs, ...c.members.map((m) => m.docs)];
  }
  it("attach to the next declaration, without `///` and one space", () => {
    expect(docsOf("/// Line one.\n///   indented\n///\ncontract C {\n /// m\n state x: u8;\n}")).toEqual([
      "Line one.\n  indented\n",
      "m",
    ]);
  });
  it("cover modifiers and survive plain comments, but not `////`", () => {
    expect(docsOf("contract C {\n /// f\n // note\n pub view fn f() {}\n //// not a doc\n fn g() {}\n}")).toEqual([null, "f", null]);
  });
  it("belong only to the declaration that follows them", () => {
    expect(docsOf("contract C {\n /// a\n state a: u8;\n state b: u8;\n}")).toEqual([null, "a", null]);
  });
  it("attach to struct fields", () => {
    const r = parse("t.weft", "struct S {\n /// the x\n x: u8,\n y: u8 }");
    expect((r.file.items[0] as A.StructDecl).fields.map((f) => f.docs)).toEqual(["the x", null]);
  });
});

describe("literal values", () => {
  const ints: [string, bigint][] = [
    ["0", 0n],
    ["1_000_000", 1_000_000n],
    ["0xff", 255n],
    ["0xDEAD_beef", 0xdeadbeefn],
    ["0b1010_0101", 0b10100101n],
    ["1e18", 10n ** 18n],
    ["25e3", 25000n],
    ["1.5e3", 1500n],
    ["10e-1", 1n],
    ["115792089237316195423570985008687907853269984665640564039457584007913129639935", 2n ** 256n - 1n],
  ];
  for (const [src, value] of ints) it(src, () => expect((expr(src) as A.IntLit).value).toBe(value));

  it("rejects fractions, suffixes and bad digits (E0103)", () => {
    for (const bad of ["1.5", "1.25e1", "12u8", "0x", "0xfg", "0b12", "1e"]) {
      const r = parse("t.weft", `const X: u8 = ${bad};`);
      expect(r.diagnostics.map((d) => d.code)).toEqual(["E0103"]);
    }
  });
  it("decodes string escapes", () => {
    expect((expr(String.raw`"a\n\t\r\\\"\0\u{e9}\u{1F600}"`) as A.StringLit).value).toBe('a\n\t\r\\"\0é😀');
  });
  it("decodes hex bytes", () => {
    expect(Array.from((expr('hex"00ff_10"') as A.BytesLit).value)).toEqual([0, 255, 16]);
    expect((expr('hex""') as A.BytesLit).value).toHaveLength(0);
  });
  it("reads true and false", () => {
    expect(sx(expr("true && false"))).toBe("(&& true false)");
  });
});

describe("spans", () => {
  const src = "contract C {\n  /// d\n  pub fn f(a: u8) { let x = (a + 1) * 2; }\n}";
  const r = parse("t.weft", src);
  const fn = (r.file.items[0] as A.ContractDecl).members[0] as A.FnDecl;
  const text = (s: A.Span) => src.slice(s.start, s.end);
  it("cover the node's text, from its first token to its last", () => {
    expect(text(fn.span)).toBe("pub fn f(a: u8) { let x = (a + 1) * 2; }");
    const let_ = fn.body!.stmts[0] as A.LetStmt;
    expect(text(let_.span)).toBe("let x = (a + 1) * 2;");
    expect(text(let_.init!.span)).toBe("(a + 1) * 2");
    expect(text((let_.init as A.BinaryExpr).left.span)).toBe("a + 1");
    expect(text((let_.init as A.BinaryExpr).opSpan)).toBe("*");
  });
  it("of names are exactly the name", () => {
    expect(text(fn.name.span)).toBe("f");
    expect(text(fn.params[0]!.name.span)).toBe("a");
  });
});

describe("robustness", () => {
  it("never throws", () => {
    for (const s of ["", "\0", "\ud800", "contract", "contract {", "}}}}", "((((", "/*", '"', "hex\"", "0x", "fn", "let", "<<<>>>"])
      expect(() => parse("t.weft", s)).not.toThrow();
  });
  it("reports input nested too deeply once (E0114), without a stack overflow", () => {
    const r = parse("t.weft", `const X: u8 = ${"(".repeat(5000)}1${")".repeat(5000)};`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["E0114"]);
  });
});
