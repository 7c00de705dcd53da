// Folding ranges: declarations and blocks that span lines (contracts,
// interfaces, structs, enums, function bodies, if/while/for blocks),
// multi-line comments (a block comment, or consecutive line or doc comment
// lines) and groups of consecutive imports.
import { FoldingRangeKind, type FoldingRange, type FoldingRangeParams } from "vscode-languageserver";
import type * as ast from "../../../compiler/syntax/ast.ts";
import { tokenize } from "../../../compiler/syntax/index.ts";
import type { Snapshot } from "../snapshot.ts";
import { walk } from "../ast-walk.ts";

const FOLDABLE = new Set<ast.Node["kind"]>(["Contract", "Interface", "Struct", "Enum", "Block", "StructLit", "ArrayLit", "Event", "ErrorDecl"]);

export function foldingRanges(snapshot: Snapshot, params: FoldingRangeParams): FoldingRange[] {
  const uri = params.textDocument.uri;
  const doc = snapshot.docOf(uri);
  if (!doc?.file) return [];
  const line = (offset: number) => doc.lines.positionAt(offset).line;
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    const s = line(start);
    // Keep the closing line visible (`}`), as editors do for braces.
    const e = kind ? line(end) : line(end) - 1;
    if (e > s) out.push(kind ? { startLine: s, endLine: e, kind } : { startLine: s, endLine: e });
  };
  walk(doc.file, (n) => {
    if (FOLDABLE.has(n.kind)) add(n.span.start, n.span.end);
    return n.kind !== "Ident";
  });
  // Consecutive imports fold as one group.
  const imports = doc.file.imports;
  for (let i = 0; i < imports.length; ) {
    let j = i;
    while (j + 1 < imports.length && line(imports[j + 1]!.span.start) <= line(imports[j]!.span.end) + 1) j++;
    add(imports[i]!.span.start, imports[j]!.span.end, FoldingRangeKind.Imports);
    i = j + 1;
  }
  // Comments: a block comment, or a run of line comments on consecutive lines.
  const comments = tokenize(doc.text).filter((t) => t.category === "comment");
  for (let i = 0; i < comments.length; ) {
    let j = i;
    if (comments[i]!.type !== "BlockComment")
      while (j + 1 < comments.length && comments[j + 1]!.type === comments[i]!.type && line(comments[j + 1]!.start) === line(comments[j]!.start) + 1) j++;
    add(comments[i]!.start, comments[j]!.end, FoldingRangeKind.Comment);
    i = j + 1;
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
