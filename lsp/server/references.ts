// Every use of a declaration across the snapshot: each identifier of every
// file is resolved as `symbolAt` would and compared by declaration identity
// (`key`). Shared by find references, rename and document highlights.
import type * as ast from "../../compiler/syntax/ast.ts";
import type { Snapshot } from "./snapshot.ts";
import { forEachChild } from "./ast-walk.ts";
import { recordOfIdent } from "./query.ts";
import { keyOf, type SymbolInfo } from "./symbol-info.ts";

/** Calls `visit` with every identifier of `file` and its ancestors (SourceFile first, parent last). */
export function forEachIdent(file: ast.SourceFile, visit: (id: ast.Ident, ancestors: ast.Node[]) => void): void {
  const stack: ast.Node[] = [];
  const go = (n: ast.Node) => {
    if (n.kind === "Ident") {
      visit(n, stack);
      return;
    }
    stack.push(n);
    forEachChild(n, go);
    stack.pop();
  };
  go(file);
}

/** Spans of every reference to `target` (its declaration's name included when `includeDeclaration`). */
export function findReferences(snapshot: Snapshot, target: SymbolInfo, includeDeclaration: boolean): ast.Span[] {
  if (!target.key) return [];
  const out: ast.Span[] = [];
  for (const file of snapshot.analysis.files) {
    forEachIdent(file, (id, ancestors) => {
      if (id.name !== target.name) return;
      const rec = recordOfIdent(snapshot, id, ancestors);
      if (!rec || keyOf(rec) !== target.key) return;
      if (!includeDeclaration && target.nameSpan && sameSpan(id.span, target.nameSpan)) return;
      out.push(id.span);
    });
  }
  return dedupe(out);
}

function sameSpan(a: ast.Span, b: ast.Span): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

function dedupe(spans: ast.Span[]): ast.Span[] {
  const seen = new Set<string>();
  return spans.filter((s) => {
    const k = `${s.file}:${s.start}:${s.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
