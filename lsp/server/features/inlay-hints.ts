// textDocument/inlayHint: the inferred types the source leaves out — `: T`
// after each name bound by a `let` without an annotation and after `for`
// variables — and, at call sites, the parameter's name before an argument
// that is a bare literal (`transfer(to: a, amount: 10)` reads better than
// `transfer(a, 10)`). Types come from the checker's `locals` table; only
// nodes overlapping the requested range are visited.
import { InlayHintKind, type InlayHint, type InlayHintParams } from "vscode-languageserver";
import type * as ast from "../../../compiler/syntax/ast.ts";
import { typeToString, type TypedProgram } from "../../../compiler/types/model.ts";
import type { Snapshot } from "../snapshot.ts";
import { walk } from "../ast-walk.ts";
import { patternIdents } from "./scope.ts";

const LITERALS = new Set(["IntLit", "BoolLit", "StringLit", "BytesLit"]);

export function inlayHints(snapshot: Snapshot, params: InlayHintParams): InlayHint[] {
  const doc = snapshot.docOf(params.textDocument.uri);
  const program = snapshot.analysis.program;
  if (!doc?.file || !program) return [];
  const from = snapshot.offsetAt(doc.uri, params.range.start);
  const to = snapshot.offsetAt(doc.uri, params.range.end);
  const out: InlayHint[] = [];
  const typeHint = (id: ast.Ident) => {
    const l = program.locals.get(id);
    if (!l || l.type.kind === "error" || id.span.end < from || id.span.end > to) return;
    out.push({ position: snapshot.positionAt(doc.uri, id.span.end), label: `: ${typeToString(l.type)}`, kind: InlayHintKind.Type });
  };
  walk(doc.file, (n) => {
    if (n.span.end < from || n.span.start > to) return false;
    switch (n.kind) {
      case "Let":
        if (!n.type) {
          const ids: ast.Ident[] = [];
          patternIdents(n.pattern, ids);
          ids.forEach(typeHint);
        }
        break;
      case "ForRange":
        typeHint(n.binding.name);
        break;
      case "ForEach":
        if (n.index) typeHint(n.index.name);
        typeHint(n.value.name);
        break;
      case "Call":
        paramHints(program, n, n.args, from, to, (arg, name) => out.push(nameHint(snapshot, doc.uri, arg, name)));
        break;
      case "Emit": {
        const ev = program.emits.get(n);
        if (ev) literalArgs(n.args, ev.fields.map((f) => f.name), from, to, (arg, name) => out.push(nameHint(snapshot, doc.uri, arg, name)));
        break;
      }
    }
    return true;
  });
  return out;
}

function paramHints(program: TypedProgram, call: ast.CallExpr, args: ast.Expr[], from: number, to: number, add: (arg: ast.Expr, name: string) => void): void {
  const target = program.calls.get(call);
  if (!target) return;
  let names: string[] | null = null;
  if (target.kind === "internal" || target.kind === "external") names = target.fn.params.map((p) => p.name);
  else if (target.kind === "error") names = target.error.fields.map((f) => f.name);
  if (names) literalArgs(args, names, from, to, add);
}

function literalArgs(args: ast.Expr[], names: string[], from: number, to: number, add: (arg: ast.Expr, name: string) => void): void {
  args.forEach((a, i) => {
    const name = names[i];
    if (name && LITERALS.has(a.kind) && a.span.start >= from && a.span.start <= to) add(a, name);
  });
}

function nameHint(snapshot: Snapshot, uri: string, arg: ast.Expr, name: string): InlayHint {
  return { position: snapshot.positionAt(uri, arg.span.start), label: `${name}:`, kind: InlayHintKind.Parameter, paddingRight: true };
}
