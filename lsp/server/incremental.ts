// Re-parsing one top-level declaration instead of the whole file. Typing
// usually changes one contract (or struct, enum, …); its region — from the
// end of the declaration before it (so its `///` comment is included) to its
// own end — is parsed alone, padded with spaces so that offsets stay those of
// the file, and spliced between the old declarations before it and after it
// (their spans moved by the edit's length change).
//
// The declarations after the edit are moved IN PLACE (copying them cost more
// than the parse saved): the old parse result must not be used afterwards.
// The ParseCache drops it at once, and the previous snapshot, which shares
// those nodes, is never used after a newer one exists (requests run
// synchronously on the latest snapshot).
//
// Only when it is safe: the edit lies inside one region, the old parse had no
// diagnostic outside that region, and the region alone parses as one declaration
// of the same kind — cleanly, or with syntax errors inside it but without
// lexical trouble and closed by the region's last `}` (half-typed statements
// while typing). Otherwise the caller parses the whole file.
// test/lsp/incremental.test.ts checks the result equals a full parse.
import type * as ast from "../../compiler/syntax/ast.ts";
import type { ParseResult } from "../../compiler/syntax/index.ts";
import { forEachChild } from "./ast-walk.ts";

type Parse = (path: string, text: string) => ParseResult;

/** The parse of `text` from the parse of `oldText`, or undefined when only a full parse will do. */
export function reparse(path: string, oldText: string, old: ParseResult, text: string, parse: Parse): ParseResult | undefined {
  const items = old.file.items;
  if (!items.length) return undefined;
  // The changed range: [start, oldEnd) in the old text became [start, start + newLen) in the new one.
  const max = Math.min(oldText.length, text.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === text.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && oldText.charCodeAt(oldText.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  const oldEnd = oldText.length - tail;
  const delta = text.length - oldText.length;

  const lastImport = old.file.imports[old.file.imports.length - 1]?.span.end ?? 0;
  const k = items.findIndex((it, i) => {
    const from = i > 0 ? items[i - 1]!.span.end : lastImport;
    const to = i === items.length - 1 ? oldText.length : it.span.end;
    return from <= start && oldEnd <= to;
  });
  if (k < 0) return undefined;
  const from = k > 0 ? items[k - 1]!.span.end : lastImport;
  if (lastImport > from) return undefined; // a misplaced import among the items
  const to = k === items.length - 1 ? oldText.length : items[k]!.span.end;
  // Old syntax errors are fine inside the region (it is parsed again), not elsewhere: they may come from it.
  const last = k === items.length - 1;
  if (old.diagnostics.some((d) => d.primary.start < from || d.primary.start > to || (d.primary.start === to && !last))) return undefined;

  const end = to + delta;
  const sub = parse(path, " ".repeat(from) + text.slice(from, end));
  const item = sub.file.items[0];
  if (sub.file.imports.length || sub.file.items.length !== 1 || item!.kind !== items[k]!.kind) return undefined;
  if (sub.diagnostics.length && !selfContained(sub, item!, text, end)) return undefined;

  const after = items.slice(k + 1);
  if (delta !== 0) {
    const seen = new Set<ast.Span>();
    for (const it of after) moveSpans(it, delta, seen);
  }
  const file: ast.SourceFile = {
    ...old.file,
    span: { ...old.file.span, end: text.length },
    items: [...items.slice(0, k), item!, ...after],
  };
  return { file, diagnostics: sub.diagnostics };
}

/** Moves every span in an AST subtree by `delta`, in place; `seen` keeps span objects shared by nodes from moving twice. */
function moveSpans(node: ast.Node, delta: number, seen: Set<ast.Span>): void {
  const move = (s: ast.Span) => {
    if (seen.has(s)) return;
    seen.add(s);
    s.start += delta;
    s.end += delta;
  };
  const visit = (n: ast.Node): void => {
    move(n.span);
    if (n.kind === "Init") move(n.nameSpan);
    else if (n.kind === "Assign" || n.kind === "Binary") move(n.opSpan);
    else if (n.kind === "StructLit") for (const f of n.fields) move(f.span);
    else if (n.kind === "Import" && n.source.kind === "file") move(n.source.pathSpan);
    forEachChild(n, visit);
  };
  visit(node);
}


/**
 * Whether a region that parsed with errors still ends where a full parse
 * would end it: no lexical trouble (an unterminated string or comment, a
 * stray character or bad literal, which would run on past the region in the
 * whole file), and the declaration closes with the region's last `}`.
 */
function selfContained(sub: ParseResult, item: ast.Item, text: string, end: number): boolean {
  if (sub.diagnostics.some((d) => d.code >= "E0100" && d.code <= "E0109")) return false;
  // the region ended inside an open declaration (the parser closed it at the region's end): the file goes on
  if (sub.diagnostics.some((d) => d.code === "E0112")) return false;
  let last = end - 1;
  while (last >= 0 && /\s/.test(text[last]!)) last--;
  return text[last] === "}" && item.span.end === last + 1;
}
