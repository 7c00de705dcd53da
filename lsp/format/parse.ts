// The formatter's parser: the compiler's own `parse` (compiler/syntax), the
// file's comments as prettier wants them (`{ type, value, start, end }` on the
// root), and a refusal to format anything with a syntax error — a broken file
// would be printed from a tree with holes in it, losing code.
import { parse, tokenize } from "../../compiler/syntax/index.ts";
import type { SourceFile } from "../../compiler/syntax/ast.ts";
import type { Diagnostic } from "../../compiler/diagnostics/index.ts";

export interface WeftComment {
  kind: "Comment";
  /** "LineComment" (`//`), "DocComment" (`///`) or "BlockComment" (`/* *\/`). */
  type: string;
  /** The comment's source text, delimiters included. */
  value: string;
  start: number;
  end: number;
  // set by prettier's comment attachment
  leading?: boolean;
  trailing?: boolean;
  printed?: boolean;
}

/** The root prettier formats: the file's AST with its comments. */
export type WeftRoot = SourceFile & { comments: WeftComment[]; text: string };

/** A file that does not parse: formatting it is refused. `diagnostics` are the syntax errors. */
export class WeftSyntaxError extends Error {
  readonly code: string;
  /** 1-based, as prettier's code frame wants it. */
  readonly loc: { start: { line: number; column: number } };
  constructor(
    readonly path: string,
    readonly diagnostics: Diagnostic[],
    text: string,
  ) {
    const d = diagnostics[0]!;
    const before = text.slice(0, d.primary.start);
    const line = before.split("\n").length;
    const column = d.primary.start - (before.lastIndexOf("\n") + 1) + 1;
    super(`${path}:${line}:${column}: error[${d.code}]: ${d.message} (not formatted: the file has syntax errors)`);
    this.name = "WeftSyntaxError";
    this.code = d.code;
    this.loc = { start: { line, column } };
  }
}

/** Parses `text` for printing; throws WeftSyntaxError when it has a syntax error. */
export function parseForFormat(text: string, path = "<input>.weft"): WeftRoot {
  const { file, diagnostics } = parse(path, text);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new WeftSyntaxError(path, errors, text);
  const comments: WeftComment[] = tokenize(text)
    .filter((t) => t.category === "comment")
    .map((t) => ({ kind: "Comment", type: t.type, value: text.slice(t.start, t.end), start: t.start, end: t.end }));
  tagFieldInits(file);
  return { ...file, span: { ...file.span, start: 0, end: text.length }, comments, text };
}

/**
 * Struct literal fields are plain `{ name, value, span }` records in the AST;
 * give them a kind so the printer (and comment attachment) treat them as the
 * nodes they are. This tree is the formatter's own copy, fresh from `parse`.
 */
function tagFieldInits(root: SourceFile): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) continue;
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    const node = v as Record<string, unknown>;
    if (node["kind"] === "StructLit") for (const f of node["fields"] as Record<string, unknown>[]) f["kind"] = "FieldInit";
    for (const [key, child] of Object.entries(node)) if (key !== "span" && typeof child === "object") stack.push(child);
  }
}
