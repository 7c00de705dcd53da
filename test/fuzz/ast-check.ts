// Structural invariants of a parsed tree, whatever the input: every field is
// defined, every span is in the file and within its parent's span, Ident
// spans cover exactly their name. Iterative, so deep trees cannot overflow.
import type { SourceFile, Span } from "../../compiler/syntax/ast.ts";

type Obj = Record<string, unknown>;

function isSpan(v: unknown): v is Span {
  return typeof v === "object" && v !== null && "start" in v && "end" in v && "file" in v && !("kind" in v);
}

/** Problems found in the tree (empty when it is well formed). */
export function astProblems(file: SourceFile, text: string): string[] {
  const problems: string[] = [];
  const stack: { node: Obj; parent: Span | null; path: string }[] = [{ node: file as unknown as Obj, parent: null, path: "file" }];
  while (stack.length > 0 && problems.length < 10) {
    const { node, parent, path } = stack.pop()!;
    const span = node["span"];
    const kind = String(node["kind"] ?? "Field");
    if (isSpan(span)) {
      if (span.file !== file.path) problems.push(`${path}: span of another file`);
      if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length))
        problems.push(`${path} (${kind}): span ${span.start}..${span.end} outside 0..${text.length}`);
      if (parent && (span.start < parent.start || span.end > parent.end))
        problems.push(`${path} (${kind}): span ${span.start}..${span.end} outside its parent's ${parent.start}..${parent.end}`);
      if (kind === "Ident" && span.end > span.start && text.slice(span.start, span.end) !== node["name"])
        problems.push(`${path}: Ident span does not cover its name ${JSON.stringify(node["name"])}`);
    } else if (typeof node["kind"] === "string" && node["kind"] !== "module" && node["kind"] !== "file") {
      problems.push(`${path} (${kind}): no span`);
    }
    const here = isSpan(span) ? span : parent;
    for (const [key, value] of Object.entries(node)) {
      if (value === undefined) problems.push(`${path}.${key} (${kind}): undefined`);
      else if (Array.isArray(value)) {
        value.forEach((el, i) => {
          if (el === undefined || el === null) problems.push(`${path}.${key}[${i}]: ${String(el)}`);
          else if (typeof el === "object") stack.push({ node: el as Obj, parent: here, path: `${path}.${key}[${i}]` });
        });
      } else if (typeof value === "object" && value !== null && !(value instanceof Uint8Array) && !isSpan(value))
        stack.push({ node: value as Obj, parent: here, path: `${path}.${key}` });
    }
  }
  return problems;
}
