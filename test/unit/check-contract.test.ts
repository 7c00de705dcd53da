// The TypedProgram contract (compiler/types/model.ts) on real contracts:
// after a check without errors every expression reachable from a body has a
// type, every name / path / member a ref (members that are only callees
// excepted), every call a call target, every binding a local, every type
// expression a Type. Also: the public API shapes of check and analyzeEffects.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import type * as ast from "../../compiler/syntax/ast.ts";
import { parse } from "../../compiler/syntax/index.ts";
import { check } from "../../compiler/types/index.ts";
import { analyzeEffects } from "../../compiler/effects/index.ts";
import type { TypedProgram } from "../../compiler/types/model.ts";

const examples = new URL("../../examples/", import.meta.url);
const goldenTypes = new URL("../golden/types/", import.meta.url);

function load(dir: URL, name: string) {
  const text = readFileSync(new URL(name, dir), "utf8");
  return parse(name, text).file;
}

/** Every expression under a node, with whether it is only a call's callee. */
function* expressions(node: unknown, calleeOnly = false): Generator<{ e: ast.Expr; calleeOnly: boolean }> {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const x of node) yield* expressions(x);
    return;
  }
  const n = node as { kind?: string } & Record<string, unknown>;
  const exprKinds = ["IntLit", "BoolLit", "StringLit", "BytesLit", "Name", "Path", "Self", "Member", "Index", "Call", "StructLit", "Cast", "Unary", "Binary", "Tuple", "ArrayLit", "ErrorExpr"];
  if (n.kind && exprKinds.includes(n.kind)) yield { e: n as unknown as ast.Expr, calleeOnly };
  for (const [key, value] of Object.entries(n)) {
    if (key === "span" || key === "type" || key === "typeArgs") continue;
    // `self.x`, `msg.sender`, `block.number`: the member expression is described, not `self` / `msg` / `block`.
    if (n.kind === "Member" && key === "object" && ["Self", "Name"].includes((value as ast.Expr).kind) && envOrSelf(n as unknown as ast.MemberExpr)) continue;
    if (n.kind === "Call" && key === "callee") {
      const callee = value as ast.Expr;
      // The callee itself is described by the call's target; a method's receiver is an ordinary expression.
      yield { e: callee, calleeOnly: true };
      const target = current?.calls.get(n as unknown as ast.CallExpr);
      if (callee.kind === "Member" && (target?.kind === "external" || target?.kind === "method")) yield* expressions(callee.object);
      continue;
    }
    yield* expressions(value);
  }
}

let current: TypedProgram | null = null;
function envOrSelf(m: ast.MemberExpr): boolean {
  const ref = current?.refs.get(m);
  return m.object.kind === "Self" || ref?.kind === "env";
}

function bodiesOf(p: TypedProgram): ast.Block[] {
  return p.contracts.flatMap((c) => [c.init, ...c.fns]).flatMap((f) => (f?.decl.body ? [f.decl.body] : []));
}

describe("TypedProgram contract", () => {
  const cases: [URL, string][] = [
    ...readdirSync(examples).filter((f) => f.endsWith(".weft")).map((f) => [examples, f] as [URL, string]),
    ...["literals_context.weft", "casts_ok.weft", "storage.weft", "enums.weft", "places_ok.weft", "value_semantics.weft"].map((f) => [goldenTypes, f] as [URL, string]),
  ];
  for (const [dir, name] of cases) {
    it(`holds for ${name}`, () => {
      const { program, diagnostics } = check([load(dir, name)]);
      current = program;
      expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      for (const body of bodiesOf(program)) {
        for (const { e, calleeOnly } of expressions(body)) {
          if (calleeOnly) continue;
          expect(program.types.has(e), `type of ${e.kind} at ${e.span.start}`).toBe(true);
          expect(program.types.get(e)!.kind).not.toBe("error");
          if (e.kind === "Name" || e.kind === "Path" || e.kind === "Member") expect(program.refs.has(e), `ref of ${e.kind} at ${e.span.start}`).toBe(true);
          if (e.kind === "Call") expect(program.calls.get(e)?.kind, `call at ${e.span.start}`).not.toBe("error_");
        }
      }
      for (const [, t] of program.typeExprs) expect(t.kind).not.toBe("error");
      for (const l of program.locals.values()) expect(l.type.kind).not.toBe("error");
    });
  }

  it("check returns sorted diagnostics of both passes and never throws on garbage", () => {
    const { diagnostics } = check([parse("x.weft", "contract { fn ( -> ; state x: map<; }").file]);
    expect(diagnostics.every((d) => /^[EW]0[23]\d\d$/.test(d.code))).toBe(true);
  });

  it("gives every contract its implicit interface and lists used events and errors", () => {
    const { program } = check([load(examples, "token.weft")]);
    const token = program.contracts[0]!;
    expect(token.asInterface?.contract).toBe(token);
    expect(token.asInterface?.fns.map((f) => f.name)).toEqual(token.fns.filter((f) => f.isPublic).map((f) => f.name));
    expect(token.events.map((e) => e.name)).toEqual(["Transfer", "Approval"]);
    expect(token.fns.find((f) => f.name === "transfer")?.signature).toBe("transfer(string,uint256)");
    expect(token.states.map((s) => s.slot)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("analyzeEffects summarises every contract function", () => {
    const { program } = check([load(examples, "token.weft")]);
    const { effects, diagnostics } = analyzeEffects(program);
    expect(diagnostics).toEqual([]);
    const token = program.contracts[0]!;
    for (const fn of [token.init!, ...token.fns]) expect(effects.has(fn)).toBe(true);
    const balanceOf = effects.get(token.fns.find((f) => f.name === "balanceOf")!)!;
    expect(balanceOf.writesState).toBe(false);
    expect(balanceOf.reads.map((s) => s.name)).toEqual(["balances"]);
    const transfer = effects.get(token.fns.find((f) => f.name === "transfer")!)!;
    expect(transfer.writesState && transfer.emits).toBe(true);
  });

  it("offers machine-applicable fixes for misspelled names and missing `self.`", () => {
    const text = "contract C {\n  state total: u256;\n  fn f(amount: u256) -> u256 { return amont + total; }\n}\n";
    const { diagnostics } = check([parse("c.weft", text).file]);
    const apply = (code: string) => {
      const d = diagnostics.find((x) => x.code === code)!;
      const fix = d.fixes[0]!;
      return text.slice(0, fix.span.start) + fix.replacement + text.slice(fix.span.end);
    };
    expect(apply("E0200")).toContain("return amount + total;");
    expect(apply("E0211")).toContain("return amont + self.total;");
  });
});
