// Generic traversal of the compiler's AST: every node is a plain object with
// a `kind` and a `span`; children sit in fields, arrays, or small unlabelled
// records (a struct literal's `{ name, value, span }` fields, an import's
// `source`). Used to find the node at a position and to visit all names.
import type { Node } from "../../compiler/syntax/ast.ts";

export function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && "kind" in v && "span" in v && typeof (v as Node).span === "object";
}

/** The direct child nodes of `node`, in source order. */
export function childrenOf(node: Node): Node[] {
  const out: Node[] = [];
  collect(node, out, true);
  out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  return out;
}

function collect(value: unknown, out: Node[], top: boolean): void {
  if (typeof value !== "object" || value === null || value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, false);
    return;
  }
  if (!top && isNode(value)) {
    out.push(value);
    return;
  }
  for (const [k, v] of Object.entries(value)) if (k !== "span" && k !== "pathSpan" && k !== "opSpan" && k !== "nameSpan") collect(v, out, false);
}

/** Calls `visit` on `node` and every node below it (pre-order); return false to skip a subtree. */
export function walk(node: Node, visit: (n: Node, parent: Node | null) => boolean | void, parent: Node | null = null): void {
  if (visit(node, parent) === false) return;
  for (const c of childrenOf(node)) walk(c, visit, node);
}
