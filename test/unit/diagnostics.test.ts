import { describe, expect, it } from "vitest";
import { diagnostic, renderText, toJson, closestMatch, sortDiagnostics, allCodes, LineIndex } from "../../compiler/diagnostics/index.ts";

const src = `contract Token {
    state balances: map<address, u256>;
    pub fn f() -> u256 {
        return self.balanse[msg.sender];
    }
}
`;
const at = (needle: string, file = "token.weft") => {
  const start = src.indexOf(needle);
  return { file, start, end: start + needle.length };
};

describe("diagnostics", () => {
  const d = diagnostic("E0200", at("balanse"), "unknown state variable `balanse`", {
    label: "not declared in `Token`",
    secondary: [{ span: at("balances"), message: "a state variable with a similar name" }],
    help: "did you mean `balances`?",
    fixes: [{ title: "use `balances`", span: at("balanse"), replacement: "balances" }],
  });

  it("renders the source line, a caret under the span, labels and help", () => {
    const text = renderText([d], { "token.weft": src });
    expect(text).toContain("error[E0200]: unknown state variable `balanse`");
    expect(text).toContain("--> token.weft:4:21");
    expect(text).toContain("4 |         return self.balanse[msg.sender];");
    expect(text).toContain("  |                     ^^^^^^^ not declared in `Token`");
    expect(text).toContain("2 |     state balances: map<address, u256>;");
    expect(text).toContain("  |           -------- a state variable with a similar name");
    expect(text).toContain("= help: did you mean `balances`?");
    expect(text).not.toContain("\x1b[");
  });

  it("colours only when asked", () => {
    expect(renderText([d], { "token.weft": src }, { color: true })).toContain("\x1b[31m");
  });

  it("gives JSON with 1-based lines and columns and the fix", () => {
    const [j] = toJson([d], { "token.weft": src });
    expect(j).toMatchObject({
      code: "E0200",
      severity: "error",
      file: "token.weft",
      start: { line: 4, column: 21, offset: src.indexOf("balanse") },
      end: { line: 4, column: 28 },
      help: ["did you mean `balances`?"],
      fixes: [{ replacement: "balances" }],
    });
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it("survives spans at the end of the file and files it does not know", () => {
    const end = diagnostic("E0112", { file: "token.weft", start: src.length, end: src.length }, "unexpected end of file");
    expect(renderText([end], { "token.weft": src })).toContain("error[E0112]");
    expect(renderText([end], {})).toContain("--> token.weft:1:1");
  });

  it("refuses unregistered codes (so every code has a table entry)", () => {
    expect(() => diagnostic("E9999", at("f"), "x")).toThrow(/not registered/);
  });

  it("has unique, well-formed codes", () => {
    const codes = allCodes.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of allCodes) {
      expect(c.code).toMatch(/^[EW]0\d{3}$/);
      expect(c.severity).toBe(c.code.startsWith("E") ? "error" : "warning");
      expect(c.title.length).toBeGreaterThan(5);
    }
  });

  it("orders diagnostics by file and position", () => {
    const a = diagnostic("E0200", at("balanse"), "a");
    const b = diagnostic("E0200", at("balances"), "b");
    const c = diagnostic("E0200", at("balances", "a.weft"), "c");
    expect(sortDiagnostics([a, b, c]).map((x) => x.message)).toEqual(["c", "b", "a"]);
  });

  it("suggests close names only", () => {
    expect(closestMatch("balanse", ["balances", "supply", "issuer"])).toBe("balances");
    expect(closestMatch("totalySupply", ["totalSupply"])).toBe("totalSupply");
    expect(closestMatch("x", ["balances", "supply"])).toBeNull();
    expect(closestMatch("Supply", ["supply"])).toBe("supply");
  });

  it("maps offsets to lines and columns", () => {
    const li = new LineIndex("ab\ncd\r\nef");
    expect(li.position(0)).toEqual({ line: 1, column: 1 });
    expect(li.position(3)).toEqual({ line: 2, column: 1 });
    expect(li.position(7)).toEqual({ line: 3, column: 1 });
    expect(li.lineText(2)).toBe("cd");
  });
});
