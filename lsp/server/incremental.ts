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
// diagnostic in that region, and the region alone parses cleanly as one
// declaration of the same kind. Otherwise the caller parses the whole file.
// test/lsp/incremental.test.ts checks the result equals a full parse.
import type * as ast from "../../compiler/syntax/ast.ts";
import type { Diagnostic } from "../../compiler/diagnostics/index.ts";
import type { ParseResult } from "../../compiler/syntax/index.ts";

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
  const to = k === items.length - 1 ? oldText.length : items[k]!.span.end;
  if (old.diagnostics.some((d) => d.primary.start < to && d.primary.end >= from)) return undefined;

  const sub = parse(path, " ".repeat(from) + text.slice(from, to + delta));
  const item = sub.file.items[0];
  if (sub.diagnostics.length || sub.file.imports.length || sub.file.items.length !== 1 || item!.kind !== items[k]!.kind) return undefined;

  // Diagnostics first: they may share span objects with the nodes moved below.
  const diagnostics = old.diagnostics.map((d) => (d.primary.start >= to ? shiftDiagnostic(d, delta) : d));
  const after = items.slice(k + 1);
  if (delta !== 0) {
    const moved = new Set<ast.Span>();
    for (const it of after) moveSpans(it, delta, moved);
  }
  const file: ast.SourceFile = {
    ...old.file,
    span: { ...old.file.span, end: text.length },
    items: [...items.slice(0, k), item!, ...after],
  };
  return { file, diagnostics };
}

/** Moves every span in an AST subtree by `delta`, in place; `moved` keeps shared span objects from moving twice. */
function moveSpans(value: unknown, delta: number, moved: Set<ast.Span>): void {
  if (typeof value !== "object" || value === null || value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    for (const v of value) moveSpans(v, delta, moved);
    return;
  }
  if (isSpan(value)) {
    if (moved.has(value)) return;
    moved.add(value);
    value.start += delta;
    value.end += delta;
    return;
  }
  for (const key in value) moveSpans((value as Record<string, unknown>)[key], delta, moved);
}

function isSpan(v: object): v is ast.Span {
  return "file" in v && "start" in v && "end" in v && !("kind" in v);
}

function shift(s: ast.Span, delta: number): ast.Span {
  return { file: s.file, start: s.start + delta, end: s.end + delta };
}

function shiftDiagnostic(d: Diagnostic, delta: number): Diagnostic {
  return {
    ...d,
    primary: shift(d.primary, delta),
    secondary: d.secondary.map((l) => ({ ...l, span: shift(l.span, delta) })),
    fixes: d.fixes.map((f) => ({ ...f, span: shift(f.span, delta) })),
  };
}
